// Every MLflow route × {anonymous, reader, editor, admin, per-resource grant} → allowed, or
// refused with 401 UNAUTHENTICATED / 403 PERMISSION_DENIED. The routes come from the studio's
// own route table (its OpenAPI document is generated from it), so a route added without a rule
// here fails this test; the rules below are written independently of lib/server/mlflow/access.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, anonymous, BASE, mlflow, newUser, ok, type Principal, request, uniq } from "./client";
import { type Fixture, makeFixture, refused } from "./fixtures";

type Level = "public" | "signed-in" | "read" | "update" | "delete" | "create-experiment" | "create-model" | "admin" | "self" | "manage";
type Ctx = { fx: Fixture; who: Principal & { username?: string }; granted: { username: string } };
type Case = { level: Level; input: (c: Ctx) => Record<string, unknown> | Promise<Record<string, unknown>> };

const exp = (c: Ctx) => ({ experiment_id: c.fx.exp });
const run = (c: Ctx) => ({ run_id: c.fx.run });
const model = (c: Ctx) => ({ name: c.fx.model });
const version = (c: Ctx) => ({ name: c.fx.model, version: "1" });
const lm = (c: Ctx) => ({ model_id: c.fx.loggedModel });

const SPEC: Record<string, Case> = {
  "GET server-info": { level: "public", input: () => ({}) },
  "POST experiments/create": { level: "create-experiment", input: () => ({ name: uniq("e") }) },
  "GET experiments/get": { level: "read", input: exp },
  "GET experiments/get-by-name": { level: "read", input: async (c) => ({ experiment_name: await experimentName(c.fx.exp) }) },
  "POST experiments/search": { level: "signed-in", input: () => ({ max_results: 5 }) },
  "GET experiments/search": { level: "signed-in", input: () => ({ max_results: 5 }) },
  "POST experiments/update": { level: "update", input: (c) => ({ ...exp(c), new_name: uniq("renamed") }) },
  "POST experiments/delete": { level: "delete", input: exp },
  "POST experiments/restore": { level: "delete", input: exp },
  "POST experiments/set-experiment-tag": { level: "update", input: (c) => ({ ...exp(c), key: "k", value: "v" }) },
  "POST experiments/delete-experiment-tag": { level: "update", input: (c) => ({ ...exp(c), key: "k" }) },

  "POST runs/create": { level: "update", input: (c) => ({ ...exp(c), start_time: Date.now() }) },
  "GET runs/get": { level: "read", input: run },
  "POST runs/update": { level: "update", input: (c) => ({ ...run(c), status: "FINISHED", end_time: Date.now() }) },
  "POST runs/delete": { level: "delete", input: run },
  "POST runs/restore": { level: "delete", input: run },
  "POST runs/log-metric": { level: "update", input: (c) => ({ ...run(c), key: "m", value: 1, timestamp: Date.now(), step: 0 }) },
  "POST runs/log-parameter": { level: "update", input: (c) => ({ ...run(c), key: uniq("p"), value: "1" }) },
  "POST runs/set-tag": { level: "update", input: (c) => ({ ...run(c), key: "k", value: "v" }) },
  "POST runs/delete-tag": { level: "update", input: (c) => ({ ...run(c), key: "t" }) },
  "POST runs/log-batch": {
    level: "update",
    input: (c) => ({ ...run(c), metrics: [{ key: "m", value: 2, timestamp: Date.now(), step: 1 }] }),
  },
  "POST runs/log-inputs": { level: "update", input: (c) => ({ ...run(c), datasets: [] }) },
  "POST runs/outputs": { level: "update", input: (c) => ({ ...run(c), models: [{ model_id: c.fx.loggedModel, step: 0 }] }) },
  "POST runs/log-model": {
    level: "update",
    input: (c) => ({ ...run(c), model_json: JSON.stringify({ artifact_path: "model", flavors: {} }) }),
  },
  "POST runs/search": { level: "read", input: (c) => ({ experiment_ids: [c.fx.exp] }) },
  "GET runs/search": { level: "read", input: (c) => ({ experiment_ids: [c.fx.exp] }) },
  "GET metrics/get-history": { level: "read", input: (c) => ({ ...run(c), metric_key: "m" }) },

  "POST logged-models": { level: "update", input: (c) => ({ ...exp(c), name: "lm2" }) },
  "GET logged-models/:model_id": { level: "read", input: lm },
  "PATCH logged-models/:model_id": { level: "update", input: (c) => ({ ...lm(c), status: "LOGGED_MODEL_READY" }) },
  "DELETE logged-models/:model_id": { level: "delete", input: lm },
  "PATCH logged-models/:model_id/tags": { level: "update", input: (c) => ({ ...lm(c), tags: [{ key: "k", value: "v" }] }) },
  "DELETE logged-models/:model_id/tags/:tag_key": { level: "delete", input: (c) => ({ ...lm(c), tag_key: "k" }) },
  "POST logged-models/:model_id/params": { level: "update", input: (c) => ({ ...lm(c), params: [{ key: uniq("p"), value: "1" }] }) },
  "POST logged-models/search": { level: "read", input: (c) => ({ experiment_ids: [c.fx.exp] }) },

  "POST registered-models/create": { level: "create-model", input: async (c) => ({ name: await grantedName(c) }) },
  "GET registered-models/get": { level: "read", input: model },
  "POST registered-models/rename": { level: "update", input: (c) => ({ ...model(c), new_name: uniq("renamed") }) },
  "PATCH registered-models/update": { level: "update", input: (c) => ({ ...model(c), description: "d" }) },
  "DELETE registered-models/delete": { level: "delete", input: model },
  "GET registered-models/search": { level: "signed-in", input: () => ({ max_results: 5 }) },
  "POST registered-models/search": { level: "signed-in", input: () => ({ max_results: 5 }) },
  "POST registered-models/set-tag": { level: "update", input: (c) => ({ ...model(c), key: "k", value: "v" }) },
  "DELETE registered-models/delete-tag": { level: "delete", input: (c) => ({ ...model(c), key: "team" }) },
  "POST registered-models/alias": { level: "update", input: (c) => ({ ...model(c), alias: "prod", version: "1" }) },
  "DELETE registered-models/alias": { level: "delete", input: (c) => ({ ...model(c), alias: "champion" }) },
  "GET registered-models/alias": { level: "read", input: (c) => ({ ...model(c), alias: "champion" }) },
  "POST registered-models/get-latest-versions": { level: "read", input: model },
  "GET registered-models/get-latest-versions": { level: "read", input: model },

  "POST model-versions/create": { level: "update", input: (c) => ({ ...model(c), source: `runs:/${c.fx.run}/model`, run_id: c.fx.run }) },
  "GET model-versions/get": { level: "read", input: version },
  "PATCH model-versions/update": { level: "update", input: (c) => ({ ...version(c), description: "d" }) },
  "DELETE model-versions/delete": { level: "delete", input: version },
  "GET model-versions/search": { level: "signed-in", input: (c) => ({ filter: `name = '${c.fx.model}'` }) },
  "POST model-versions/search": { level: "signed-in", input: (c) => ({ filter: `name = '${c.fx.model}'` }) },
  "POST model-versions/set-tag": { level: "update", input: (c) => ({ ...version(c), key: "k2", value: "v" }) },
  "DELETE model-versions/delete-tag": { level: "delete", input: (c) => ({ ...version(c), key: "k" }) },
  "GET model-versions/get-download-uri": { level: "read", input: version },
  "POST model-versions/transition-stage": {
    level: "update",
    input: (c) => ({ ...version(c), stage: "Staging", archive_existing_versions: false }),
  },

  "POST users/create": { level: "admin", input: () => ({ username: uniq("u"), password: "long-enough-1" }) },
  "GET users/get": { level: "self", input: (c) => ({ username: c.who.username ?? "admin" }) },
  "PATCH users/update-password": {
    level: "admin",
    input: async () => ({ username: (await newUser("reader")).username, password: "another-pass-1" }),
  },
  "PATCH users/update-admin": { level: "admin", input: async () => ({ username: (await newUser("reader")).username, is_admin: true }) },
  "DELETE users/delete": { level: "admin", input: async () => ({ username: (await newUser("reader")).username }) },
  "POST experiments/permissions/create": {
    level: "manage",
    input: async (c) => ({ ...exp(c), username: (await newUser("reader")).username, permission: "READ" }),
  },
  "GET experiments/permissions/get": { level: "manage", input: (c) => ({ ...exp(c), username: c.granted.username }) },
  "PATCH experiments/permissions/update": {
    level: "manage",
    input: (c) => ({ ...exp(c), username: c.granted.username, permission: "EDIT" }),
  },
  "DELETE experiments/permissions/delete": { level: "manage", input: (c) => ({ ...exp(c), username: c.granted.username }) },
  "POST registered-models/permissions/create": {
    level: "manage",
    input: async (c) => ({ ...model(c), username: (await newUser("reader")).username, permission: "READ" }),
  },
  "GET registered-models/permissions/get": { level: "manage", input: (c) => ({ ...model(c), username: c.granted.username }) },
  "PATCH registered-models/permissions/update": {
    level: "manage",
    input: (c) => ({ ...model(c), username: c.granted.username, permission: "EDIT" }),
  },
  "DELETE registered-models/permissions/delete": { level: "manage", input: (c) => ({ ...model(c), username: c.granted.username }) },
};

async function experimentName(id: string) {
  const body = await ok(mlflow(admin, "GET", "experiments/get", { experiment_id: id }), "experiment");
  return (body.experiment as { name: string }).name;
}

/** A new model name; the granted user holds EDIT on it before it exists (so they may create it). */
async function grantedName(c: Ctx) {
  const name = uniq("new-model");
  await ok(
    mlflow(admin, "POST", "registered-models/permissions/create", { name, username: c.granted.username, permission: "EDIT" }),
    "pre-grant",
  );
  return name;
}

type Role = "anonymous" | "reader" | "editor" | "admin" | "granted";
const ALLOWED: Record<Level, Role[]> = {
  public: ["anonymous", "reader", "editor", "admin", "granted"],
  "signed-in": ["reader", "editor", "admin", "granted"],
  read: ["reader", "editor", "admin", "granted"],
  self: ["reader", "editor", "admin", "granted"],
  update: ["editor", "admin", "granted"],
  delete: ["admin"],
  manage: ["admin"],
  "create-experiment": ["editor", "admin"],
  "create-model": ["editor", "admin", "granted"],
  admin: ["admin"],
};

/** The route table, as the studio publishes it: "METHOD path" keys with :params. */
async function routeKeys(): Promise<string[]> {
  const doc = (await (await fetch(`${BASE}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const keys: string[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    const m = /^\/api\/2\.0\/mlflow\/(.*)$/.exec(p);
    if (!m) continue;
    for (const method of Object.keys(ops)) keys.push(`${method.toUpperCase()} ${m[1]!.replace(/\{(\w+)\}/g, ":$1")}`);
  }
  return keys;
}

const principals: Record<Role, Principal & { username?: string }> = { anonymous, admin: { ...admin, username: "admin" } } as never;
let granted: { username: string };

beforeAll(async () => {
  principals.reader = await newUser("reader");
  principals.editor = await newUser("editor");
  const g = await newUser("reader", uniq("granted"));
  principals.granted = g;
  granted = g;
}, 60_000);

describe("the MLflow route table", () => {
  it("has a rule in this matrix for every route", async () => {
    const keys = await routeKeys();
    expect(keys.length).toBeGreaterThan(70);
    expect(keys.filter((k) => !SPEC[k])).toEqual([]);
  });
});

describe("every route × every principal", () => {
  it("allows exactly the principals its rule allows, refusing the others with MLflow's codes", async () => {
    const failures: string[] = [];
    let shared: Fixture | undefined;
    for (const [key, spec] of Object.entries(SPEC)) {
      const [method, pathPattern] = key.split(" ") as [string, string];
      for (const role of Object.keys(principals) as Role[]) {
        const who = principals[role];
        // Reads share one fixture; each change gets a fresh one (an allowed delete consumes it).
        const fx = method === "GET" ? (shared ??= await makeFixture(granted)) : await makeFixture(granted);
        const input = await spec.input({ fx, who, granted });
        let path = pathPattern;
        const rest = { ...input };
        path = path.replace(/:(\w+)/g, (_m, name: string) => {
          const v = String(rest[name]);
          delete rest[name];
          return encodeURIComponent(v);
        });
        const res = await mlflow(who, method, path, rest);
        const allowed = ALLOWED[spec.level].includes(role);
        if (allowed && refused(res.status))
          failures.push(`${key} as ${role}: expected allowed, got ${res.status} ${res.text.slice(0, 160)}`);
        if (!allowed) {
          const expected = role === "anonymous" ? 401 : 403;
          const code = role === "anonymous" ? "UNAUTHENTICATED" : "PERMISSION_DENIED";
          if (res.status !== expected || res.body.error_code !== code)
            failures.push(`${key} as ${role}: expected ${expected} ${code}, got ${res.status} ${res.text.slice(0, 160)}`);
          if (role === "anonymous" && res.headers.get("www-authenticate") !== 'Basic realm="model-studio"')
            failures.push(`${key} as anonymous: no WWW-Authenticate challenge`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

/** NO_PERMISSIONS for `username` on the fixture's model and experiment. */
async function denyAll(fx: Fixture, username: string) {
  await ok(
    mlflow(admin, "POST", "registered-models/permissions/create", { name: fx.model, username, permission: "NO_PERMISSIONS" }),
    "deny model",
  );
  await ok(
    mlflow(admin, "POST", "experiments/permissions/create", { experiment_id: fx.exp, username, permission: "NO_PERMISSIONS" }),
    "deny exp",
  );
}

describe("grants", () => {
  it("NO_PERMISSIONS hides a model and an experiment from a user who could otherwise read them", async () => {
    const fx = await makeFixture(null);
    const reader = principals.reader!;
    const username = (reader as { username: string }).username;
    await denyAll(fx, username);
    expect((await mlflow(reader, "GET", "registered-models/get", { name: fx.model })).status).toBe(403);
    const models = await ok(mlflow(reader, "GET", "registered-models/search", { filter: `name = '${fx.model}'` }), "search");
    expect(models.registered_models ?? []).toEqual([]);
    const versions = await ok(mlflow(reader, "GET", "model-versions/search", { filter: `name = '${fx.model}'` }), "versions");
    expect(versions.model_versions ?? []).toEqual([]);
    const exps = await ok(mlflow(reader, "POST", "experiments/search", { max_results: 1000 }), "experiments");
    expect(((exps.experiments ?? []) as { experiment_id: string }[]).map((e) => e.experiment_id)).not.toContain(fx.exp);
    expect((await mlflow(reader, "GET", "runs/get", { run_id: fx.run })).status).toBe(403);
    const artifact = await request(reader, "GET", `/api/2.0/mlflow-artifacts/artifacts/${fx.exp}/${fx.run}/artifacts/model/MLmodel`);
    expect(artifact.status).toBe(403);
    // The admin still sees both.
    expect((await mlflow(admin, "GET", "registered-models/get", { name: fx.model })).status).toBe(200);
  });

  it("keeps what a user may not read from being copied into a model they may write", async () => {
    const fx = await makeFixture(null);
    const editor = principals.editor!;
    const username = (editor as { username: string }).username;
    await denyAll(fx, username);
    const mine = uniq("mine");
    await ok(mlflow(editor, "POST", "registered-models/create", { name: mine }), "own model");
    for (const source of [`models:/${fx.model}/1`, `runs:/${fx.run}/model`]) {
      const res = await mlflow(editor, "POST", "model-versions/create", { name: mine, source });
      expect(res.status, source).toBe(403);
      const inspect = await request(editor, "GET", "/api/studio/inspect", { query: { source } });
      expect(inspect.body.ok, source).toBe(false);
    }
  });

  it("follows a registered model when it is renamed", async () => {
    const fx = await makeFixture(granted);
    const renamed = uniq("renamed");
    await ok(mlflow(admin, "POST", "registered-models/rename", { name: fx.model, new_name: renamed }), "rename");
    const got = await ok(mlflow(admin, "GET", "registered-models/permissions/get", { name: renamed, username: granted.username }), "grant");
    expect((got.registered_model_permission as { permission: string }).permission).toBe("EDIT");
    expect((await mlflow(principals.granted!, "POST", "registered-models/set-tag", { name: renamed, key: "a", value: "b" })).status).toBe(
      200,
    );
  });

  it("makes the creator of an experiment or model its manager, as MLflow does", async () => {
    const editor = principals.editor!;
    const name = uniq("mine");
    await ok(mlflow(editor, "POST", "registered-models/create", { name }), "create");
    expect((await mlflow(editor, "DELETE", "registered-models/delete", { name })).status).toBe(200);
    const e = (await ok(mlflow(editor, "POST", "experiments/create", { name: uniq("mine") }), "exp")).experiment_id as string;
    expect((await mlflow(editor, "POST", "experiments/delete", { experiment_id: e })).status).toBe(200);
  });
});

describe("artifacts", () => {
  it("reads need READ, writes EDIT and deletes MANAGE on the experiment", async () => {
    const fx = await makeFixture(granted);
    const key = `/api/2.0/mlflow-artifacts/artifacts/${fx.exp}/${fx.run}/artifacts`;
    const put = (who: Principal) =>
      request(who, "PUT", `${key}/extra-${Math.random().toString(36).slice(2)}.txt`, {
        body: "x",
        headers: { "content-type": "text/plain" },
      });
    expect((await request(anonymous, "GET", `${key}/model/MLmodel`)).status).toBe(401);
    expect((await request(principals.reader!, "GET", `${key}/model/MLmodel`)).status).toBe(200);
    expect(
      (
        await request(principals.reader!, "GET", "/api/2.0/mlflow-artifacts/artifacts", {
          query: { path: `${fx.exp}/${fx.run}/artifacts` },
        })
      ).status,
    ).toBe(200);
    expect((await put(principals.reader!)).status).toBe(403);
    expect((await put(principals.editor!)).status).toBe(200);
    expect((await put(principals.granted!)).status).toBe(200);
    expect((await request(principals.editor!, "DELETE", `${key}/model/model.pkl`)).status).toBe(403);
    expect((await request(admin, "DELETE", `${key}/model/model.pkl`)).status).toBe(200);
    // Registered versions' files follow the model's grants.
    const uri = await ok(mlflow(admin, "GET", "model-versions/get-download-uri", { name: fx.model, version: "1" }), "uri");
    const snapshot = String(uri.artifact_uri).replace(/^mlflow-artifacts:\//, "");
    expect((await request(principals.reader!, "GET", `/api/2.0/mlflow-artifacts/artifacts/${snapshot}/MLmodel`)).status).toBe(200);
    expect((await request(anonymous, "GET", `/api/2.0/mlflow-artifacts/artifacts/${snapshot}/MLmodel`)).status).toBe(401);
  });
});
