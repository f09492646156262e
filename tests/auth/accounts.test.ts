// Accounts end to end: tokens (created, used, revoked), sessions (sign in, expiry, sign out), the
// audit log, and no password or token in clear in the database or the server's log.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionRefused, callAction, form, serverActions } from "./actions";
import { ADMIN, admin, anonymous, mlflow, newToken, newUser, ok, request, uniq } from "./client";
import { makeFixture } from "./fixtures";

const bearer = (token: string) => ({ name: "token", authorization: `Bearer ${token}` });

async function signIn(username: string, password: string): Promise<string> {
  const res = await callAction(anonymous, serverActions().get("lib/actions/auth.ts#signInAction")!, [
    {},
    form({ username, password, next: "/" }),
  ]);
  const cookie = /studio_session=([^;]+)/.exec(res.setCookie ?? "")?.[1];
  if (!cookie) throw new Error(`no session cookie: ${res.status} ${res.text.slice(0, 200)}`);
  return `studio_session=${cookie}`;
}

describe("API tokens", () => {
  it("act as their user until revoked, then get 401", async () => {
    const editor = await newUser("editor");
    const { token, id } = await newToken(editor);
    expect(token).toMatch(/^mst_[A-Za-z0-9_-]{40,}$/);
    const created = await mlflow(bearer(token), "POST", "experiments/create", { name: uniq("via-token") });
    expect(created.status).toBe(200);
    const listed = await ok(request(editor, "GET", "/api/studio/tokens"), "list");
    const row = (listed.tokens as { id: string; last_used_at: number | null; status: string }[]).find((t) => t.id === id);
    expect(row?.status).toBe("active");
    expect(row?.last_used_at).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await request(editor, "DELETE", `/api/studio/tokens/${id}`)).status).toBe(200);
    const after = await mlflow(bearer(token), "GET", "experiments/search", { max_results: 1 });
    expect(after.status).toBe(401);
    expect(after.body.error_code).toBe("UNAUTHENTICATED");
  });

  it("stop working when their user is deactivated, and another user cannot revoke them", async () => {
    const editor = await newUser("editor");
    const other = await newUser("editor");
    const { token, id } = await newToken(editor);
    expect((await request(other, "DELETE", `/api/studio/tokens/${id}`)).status).toBe(404);
    const ids = serverActions();
    const res = await callAction(admin, ids.get("lib/actions/admin.ts#setDisabledAction")!, [editor.username, true]);
    expect(actionRefused(res.text)).toBe(false);
    expect((await mlflow(bearer(token), "GET", "experiments/search", {})).status).toBe(401);
    expect((await mlflow(editor, "GET", "experiments/search", {})).status).toBe(401);
  });

  it("refuse garbage and unknown tokens with 401", async () => {
    for (const t of ["", "mst_nope", "x".repeat(5000), "mst_\u00e9\u00e9"]) {
      const res = await mlflow(bearer(t), "GET", "experiments/search", {});
      expect(res.status).toBe(401);
    }
  });
});

describe("sessions", () => {
  it("sign in with a password, use pages and actions, sign out", async () => {
    const editor = await newUser("editor");
    const cookie = await signIn(editor.username, editor.password);
    const who = { name: "session", cookie };
    const page = await request(who, "GET", "/models");
    expect(page.status).toBe(200);
    expect(page.text).toContain(editor.username);
    expect((await mlflow(who, "GET", "experiments/search", {})).status).toBe(200);
    await callAction(who, serverActions().get("lib/actions/auth.ts#signOutAction")!, []);
    expect((await request(who, "GET", "/models")).status).toBe(303);
    expect((await mlflow(who, "GET", "experiments/search", {})).status).toBe(401);
  });

  it("refuse a wrong password with the same answer as an unknown user", async () => {
    const ids = serverActions();
    const a = await callAction(anonymous, ids.get("lib/actions/auth.ts#signInAction")!, [
      {},
      form({ username: ADMIN.username, password: "wrong" }),
    ]);
    const b = await callAction(anonymous, ids.get("lib/actions/auth.ts#signInAction")!, [
      {},
      form({ username: "nobody-here", password: "wrong" }),
    ]);
    expect(a.text).toContain("Wrong username or password");
    expect(b.text).toContain("Wrong username or password");
    expect(a.setCookie ?? "").not.toContain("studio_session=");
  });

  it("send signed-out visitors to sign in, and back where they were going", async () => {
    const res = await request(anonymous, "GET", "/models?q=abc");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/signin?next=${encodeURIComponent("/models?q=abc")}`);
    expect((await request(anonymous, "GET", "/signin")).status).toBe(200);
  });
});

describe("audit log", () => {
  it("records who changed a model, through which credential, and is readable per model", async () => {
    const editor = await newUser("editor");
    const fx = await makeFixture({ username: editor.username });
    const { token } = await newToken(editor);
    await ok(mlflow(bearer(token), "POST", "registered-models/alias", { name: fx.model, alias: "prod", version: "1" }), "alias");
    await ok(mlflow(editor, "POST", "registered-models/set-tag", { name: fx.model, key: "owner", value: "me" }), "tag");
    const log = await ok(
      request(editor, "GET", "/api/studio/audit", { query: { resource_type: "registered_model", resource_key: fx.model } }),
      "audit",
    );
    const events = log.events as { actor: string; via: string; action: string; details: Record<string, unknown> }[];
    expect(events[0]).toMatchObject({ actor: editor.username, via: "basic", action: "set_tag" });
    expect(events[1]).toMatchObject({ actor: editor.username, action: "set_alias", details: { alias: "prod", version: 1 } });
    expect(events[1]!.via).toMatch(/^token:mst_/);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["create_model", "create_version", "set_alias", "grant"]));
    // The whole log is for admins.
    expect((await request(editor, "GET", "/api/studio/audit")).status).toBe(403);
    const all = await ok(request(admin, "GET", "/api/studio/audit", { query: { max_results: 5 } }), "all");
    expect((all.events as unknown[]).length).toBe(5);
  });
});

describe("secrets", () => {
  it("never appear in clear in the database, the server log or any answer", async () => {
    const password = `Secret-${uniq("pw")}`;
    await ok(mlflow(admin, "POST", "users/create", { username: uniq("s"), password, role: "editor" }), "user");
    const holder = await newUser("editor");
    const { token } = await newToken(holder);
    await mlflow({ name: "t", authorization: `Bearer ${token}` }, "GET", "experiments/search", {});
    await mlflow({ name: "bad", authorization: `Bearer ${token}x` }, "GET", "experiments/search", {});
    const haystacks: string[] = [];
    const dataDir = process.env.STUDIO_DATA_DIR;
    if (dataDir) {
      for (const f of fs.readdirSync(dataDir)) {
        const full = path.join(dataDir, f);
        if (fs.statSync(full).isFile()) haystacks.push(fs.readFileSync(full).toString("latin1"));
      }
    }
    if (process.env.STUDIO_DATABASE_URL?.startsWith("postgres")) {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: process.env.STUDIO_DATABASE_URL });
      await client.connect();
      for (const table of ["User", "Session", "ApiToken", "AuditEvent", "Grant"]) {
        const rows = await client.query(`SELECT row_to_json(t)::text AS j FROM "${table}" t`);
        haystacks.push(rows.rows.map((r: { j: string }) => r.j).join("\n"));
      }
      await client.end();
    }
    expect(haystacks.length).toBeGreaterThan(0);
    for (const h of haystacks) {
      expect(h.includes(password)).toBe(false);
      expect(h.includes(token)).toBe(false);
      expect(h.includes(token.slice(4, 30))).toBe(false);
    }
    // Answers: the audit log and the user API name the token by its prefix only.
    const audit = await ok(request(admin, "GET", "/api/studio/audit", { query: { max_results: 200 } }), "audit");
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(password);
  });
});

describe("bad input on the account routes", () => {
  it("gets MLflow's 400 and creates nothing", async () => {
    const fx = await makeFixture(null);
    const badUser = await mlflow(admin, "POST", "users/create", { username: "no spaces/allowed", password: "long-enough-1" });
    expect(badUser.status).toBe(400);
    expect(badUser.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect((await mlflow(admin, "GET", "users/get", { username: "no spaces/allowed" })).status).toBe(404);
    const shortPw = await mlflow(admin, "POST", "users/create", { username: uniq("short"), password: "x" });
    expect(shortPw.status).toBe(400);
    const user = await newUser("reader");
    const badPerm = await mlflow(admin, "POST", "registered-models/permissions/create", {
      name: fx.model,
      username: user.username,
      permission: "OWNER",
    });
    expect(badPerm.status).toBe(400);
    expect(String(badPerm.body.message)).toContain("Invalid permission 'OWNER'");
    expect((await mlflow(admin, "GET", "registered-models/permissions/get", { name: fx.model, username: user.username })).status).toBe(404);
    const noName = await request(user, "POST", "/api/studio/tokens", { json: { name: "" } });
    expect(noName.status).toBe(400);
    const listed = await ok(request(user, "GET", "/api/studio/tokens"), "tokens");
    expect(listed.tokens).toEqual([]);
  });
});
