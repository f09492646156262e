// Every studio route (app/api/studio/**) and every server action × {anonymous, reader, editor,
// admin, per-resource grant}. Routes are found on disk and actions in Next's action manifest, so a
// new one without a rule here fails the first test of each group.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { actionRefused, callAction, form, serverActions } from "./actions";
import { ADMIN, admin, anonymous, mlflow, newToken, newUser, ok, type Principal, request, uniq } from "./client";
import { type Fixture, makeFixture, refused } from "./fixtures";

type Role = "anonymous" | "reader" | "editor" | "admin" | "granted";
type Level = "public" | "signed-in" | "read" | "update" | "delete" | "manage" | "admin" | "create-model";
const ALLOWED: Record<Level, Role[]> = {
  public: ["anonymous", "reader", "editor", "admin", "granted"],
  "signed-in": ["reader", "editor", "admin", "granted"],
  read: ["reader", "editor", "admin", "granted"],
  update: ["editor", "admin", "granted"],
  "create-model": ["editor", "admin"],
  delete: ["admin"],
  manage: ["admin"],
  admin: ["admin"],
};
type Who = Principal & { username: string; password: string };
type Ctx = { fx: Fixture; who: Who; granted: Who };

const principals = {} as Record<Role, Who>;
beforeAll(async () => {
  principals.anonymous = { ...anonymous, username: "", password: "" };
  principals.admin = { ...admin, username: ADMIN.username, password: ADMIN.password };
  principals.reader = await newUser("reader");
  principals.editor = await newUser("editor");
  principals.granted = { ...(await newUser("reader", uniq("granted"))), name: "granted" };
}, 60_000);

// ---------- Studio routes ----------

type RouteCase = { level: Level; call: (c: Ctx) => Promise<{ status: number }> };
const v1 = (c: Ctx) => `/api/studio/models/${encodeURIComponent(c.fx.model)}/versions/1`;
const job = (c: Ctx) => `/api/studio/jobs/${c.fx.run}`;
const ROUTES: Record<string, RouteCase> = {
  "GET /api/studio/audit": {
    level: "read",
    call: (c) => request(c.who, "GET", "/api/studio/audit", { query: { resource_type: "registered_model", resource_key: c.fx.model } }),
  },
  "GET /api/studio/inspect": {
    level: "read",
    call: (c) => request(c.who, "GET", "/api/studio/inspect", { query: { source: `runs:/${c.fx.run}/model` } }),
  },
  "GET /api/studio/jobs/[job]/file": {
    level: "read",
    call: (c) => request(c.who, "GET", `${job(c)}/file`, { query: { path: "model/MLmodel" } }),
  },
  "GET /api/studio/jobs/[job]/list": { level: "read", call: (c) => request(c.who, "GET", `${job(c)}/list`, { query: { path: "" } }) },
  "GET /api/studio/jobs/[job]/zip": { level: "read", call: (c) => request(c.who, "GET", `${job(c)}/zip`, { query: { path: "model" } }) },
  "GET /api/studio/models/[name]/versions/[version]/file": {
    level: "read",
    call: (c) => request(c.who, "GET", `${v1(c)}/file`, { query: { path: "MLmodel" } }),
  },
  "GET /api/studio/models/[name]/versions/[version]/list": {
    level: "read",
    call: (c) => request(c.who, "GET", `${v1(c)}/list`, { query: { path: "" } }),
  },
  "GET /api/studio/models/[name]/versions/[version]/zip": { level: "read", call: (c) => request(c.who, "GET", `${v1(c)}/zip`) },
  "GET /api/studio/models/lookup": {
    level: "signed-in",
    call: (c) => request(c.who, "GET", "/api/studio/models/lookup", { query: { name: c.fx.model } }),
  },
  "POST /api/studio/register": {
    level: "update",
    call: (c) => request(c.who, "POST", "/api/studio/register", { json: { name: c.fx.model, source: `runs:/${c.fx.run}/model` } }),
  },
  "POST /api/studio/uploads": { level: "signed-in", call: (c) => request(c.who, "POST", "/api/studio/uploads", { json: {} }) },
  "DELETE /api/studio/uploads/[upload]": {
    level: "signed-in",
    call: async (c) => {
      const up = await ok(request(admin, "POST", "/api/studio/uploads", { json: {} }), "upload");
      return request(c.who, "DELETE", `/api/studio/uploads/${up.upload_id ?? up.id}`);
    },
  },
  "PUT /api/studio/uploads/[upload]/files/[...path]": {
    level: "signed-in",
    call: async (c) => {
      const up = await ok(request(admin, "POST", "/api/studio/uploads", { json: {} }), "upload");
      return request(c.who, "PUT", `/api/studio/uploads/${up.upload_id ?? up.id}/files/MLmodel`, {
        body: "x",
        headers: { "content-type": "application/octet-stream" },
      });
    },
  },
  "GET /api/studio/tokens": { level: "signed-in", call: (c) => request(c.who, "GET", "/api/studio/tokens") },
  "POST /api/studio/tokens": { level: "signed-in", call: (c) => request(c.who, "POST", "/api/studio/tokens", { json: { name: "t" } }) },
  "DELETE /api/studio/tokens/[id]": {
    level: "signed-in",
    // A token of one's own; someone else's is refused (404: nothing of yours by that id) unless admin.
    call: async (c) => request(c.who, "DELETE", `/api/studio/tokens/${c.who.authorization ? (await newToken(c.who)).id : "x"}`),
  },
};

function studioRouteKeys(): string[] {
  const root = path.join(process.cwd(), "app", "api", "studio");
  const keys: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "route.ts") {
        const text = fs.readFileSync(full, "utf8");
        const url = `/api/studio/${path.relative(root, dir).split(path.sep).join("/")}`.replace(/\/$/, "");
        for (const m of text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) keys.push(`${m[1]} ${url}`);
      }
    }
  };
  walk(root);
  return keys;
}

describe("studio routes", () => {
  it("have a rule in this matrix, every one", () => {
    const keys = studioRouteKeys();
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((k) => !ROUTES[k])).toEqual([]);
  });

  it("allow exactly the principals their rule allows", async () => {
    const failures: string[] = [];
    for (const [key, spec] of Object.entries(ROUTES)) {
      for (const role of Object.keys(principals) as Role[]) {
        const fx = await makeFixture(principals.granted);
        const res = await spec.call({ fx, who: principals[role], granted: principals.granted });
        const allowed = ALLOWED[spec.level].includes(role);
        if (allowed && refused(res.status)) failures.push(`${key} as ${role}: expected allowed, got ${res.status}`);
        if (!allowed && res.status !== (role === "anonymous" ? 401 : 403))
          failures.push(`${key} as ${role}: expected refusal, got ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

// ---------- Server actions ----------

type ActionCase = { level: Level; args: (c: Ctx) => unknown[] | Promise<unknown[]> };
const ACTIONS: Record<string, ActionCase> = {
  "lib/actions/auth.ts#signInAction": { level: "public", args: () => [{}, form({ username: "nobody", password: "wrong" })] },
  "lib/actions/auth.ts#signOutAction": { level: "public", args: () => [] },
  "lib/actions/account.ts#createTokenAction": { level: "signed-in", args: () => [{}, form({ name: "from-action", expiresInDays: "1" })] },
  "lib/actions/account.ts#revokeTokenAction": {
    level: "signed-in",
    args: async (c) => [c.who.authorization ? (await newToken(c.who)).id : "none"],
  },
  "lib/actions/account.ts#changePasswordAction": {
    level: "signed-in",
    args: (c) => [{}, form({ current: c.who.password, password: c.who.password || "anonymous-has-none" })],
  },
  "lib/actions/admin.ts#createUserAction": {
    level: "admin",
    args: () => [{}, form({ username: uniq("u"), password: "long-enough-1", role: "reader" })],
  },
  "lib/actions/admin.ts#setRoleAction": {
    level: "admin",
    args: async () => [(await newUser("reader")).username, {}, form({ role: "editor" })],
  },
  "lib/actions/admin.ts#setDisabledAction": { level: "admin", args: async () => [(await newUser("reader")).username, true] },
  "lib/actions/admin.ts#deleteUserAction": { level: "admin", args: async () => [(await newUser("reader")).username] },
  "lib/actions/admin.ts#resetPasswordAction": {
    level: "admin",
    args: async () => [(await newUser("reader")).username, {}, form({ password: "long-enough-2" })],
  },
  "lib/actions/admin.ts#setGrantAction": {
    level: "manage",
    args: (c) => ["registered_model", c.fx.model, {}, form({ username: c.granted.username, permission: "READ" })],
  },
  "lib/actions/admin.ts#removeGrantAction": { level: "manage", args: (c) => ["registered_model", c.fx.model, c.granted.username] },
  "lib/actions/register-model.ts#registerModel": {
    level: "update",
    args: (c) => [{}, form({ name: c.fx.model, source: `runs:/${c.fx.run}/model`, tags: "[]" })],
  },
  "lib/actions/remove-alias.ts#removeAliasAction": { level: "delete", args: (c) => [c.fx.model, "champion"] },
  "lib/actions/remove-job-tag.ts#removeJobTag": { level: "update", args: (c) => [c.fx.run, "t"] },
  "lib/actions/remove-model-tag.ts#removeModelTagAction": { level: "delete", args: (c) => [c.fx.model, "team"] },
  "lib/actions/remove-version-tag.ts#removeVersionTagAction": { level: "delete", args: (c) => [c.fx.model, 1, "k"] },
  "lib/actions/save-model-description.ts#saveModelDescription": {
    level: "update",
    args: (c) => [c.fx.model, {}, form({ description: "d" })],
  },
  "lib/actions/save-version-description.ts#saveVersionDescription": {
    level: "update",
    args: (c) => [c.fx.model, 1, {}, form({ description: "d" })],
  },
  "lib/actions/set-alias.ts#setAliasAction": { level: "update", args: (c) => [c.fx.model, {}, form({ alias: "prod", version: "1" })] },
  "lib/actions/set-job-tag.ts#setJobTag": { level: "update", args: (c) => [{}, form({ jobId: c.fx.run, key: "k", value: "v" })] },
  "lib/actions/set-model-tag.ts#setModelTagAction": { level: "update", args: (c) => [c.fx.model, {}, form({ key: "k", value: "v" })] },
  "lib/actions/set-version-tag.ts#setVersionTagAction": {
    level: "update",
    args: (c) => [c.fx.model, 1, {}, form({ key: "k", value: "v" })],
  },
};

describe("server actions", () => {
  it("have a rule in this matrix, every one", () => {
    const names = [...serverActions().keys()];
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((n) => !ACTIONS[n])).toEqual([]);
  });

  it("allow exactly the principals their rule allows (a forged call is refused, not only hidden)", async () => {
    const ids = serverActions();
    const failures: string[] = [];
    for (const [name, spec] of Object.entries(ACTIONS)) {
      for (const role of Object.keys(principals) as Role[]) {
        const fx = await makeFixture(principals.granted);
        const res = await callAction(
          principals[role],
          ids.get(name)!,
          await spec.args({ fx, who: principals[role], granted: principals.granted }),
        );
        const allowed = ALLOWED[spec.level].includes(role);
        const wasRefused = actionRefused(res.text);
        if (res.status >= 500) failures.push(`${name} as ${role}: HTTP ${res.status}`);
        else if (allowed && wasRefused) failures.push(`${name} as ${role}: expected allowed, got ${res.text.slice(0, 200)}`);
        else if (!allowed && !wasRefused)
          failures.push(`${name} as ${role}: expected refusal, got ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it("changes data only when allowed: a reader's forged alias removal leaves @champion in place", async () => {
    const fx = await makeFixture(null);
    const ids = serverActions();
    await callAction(principals.reader, ids.get("lib/actions/remove-alias.ts#removeAliasAction")!, [fx.model, "champion"]);
    const got = await ok(mlflow(admin, "GET", "registered-models/alias", { name: fx.model, alias: "champion" }), "alias");
    expect((got.model_version as { version: string }).version).toBe("1");
    // …and an allowed one really changes it (the forged calls above reach the action).
    await callAction(principals.editor, ids.get("lib/actions/set-job-tag.ts#setJobTag")!, [
      {},
      form({ jobId: fx.run, key: "via-action", value: "yes" }),
    ]);
    const run = await ok(mlflow(admin, "GET", "runs/get", { run_id: fx.run }), "run");
    const tags = (run.run as { data: { tags: { key: string; value: string }[] } }).data.tags;
    expect(tags.find((t) => t.key === "via-action")?.value).toBe("yes");
  });
});
