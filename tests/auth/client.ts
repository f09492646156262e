// HTTP helpers for the auth suite: a studio started with STUDIO_AUTH=on (scripts/test.mjs) and
// principals that authenticate as the MLflow client does (Basic or Bearer) or as a browser (cookie).
export const BASE = process.env.STUDIO_URL ?? "http://127.0.0.1:3000";
export const ADMIN = { username: "admin", password: process.env.STUDIO_ADMIN_PASSWORD ?? "admin-password-1" };

export type Principal = { name: string; authorization?: string; cookie?: string };
export type Result = { status: number; body: Record<string, unknown>; text: string; headers: Headers };

export const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
export const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export const anonymous: Principal = { name: "anonymous" };
export const admin: Principal = { name: "admin", authorization: basic(ADMIN.username, ADMIN.password) };

export async function request(
  who: Principal,
  method: string,
  path: string,
  opts: { json?: unknown; query?: Record<string, unknown>; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<Result> {
  const url = new URL(path, BASE);
  for (const [k, v] of Object.entries(opts.query ?? {}))
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
  const headers: Record<string, string> = { ...opts.headers };
  if (who.authorization) headers.authorization = who.authorization;
  if (who.cookie) headers.cookie = who.cookie;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(url, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** An MLflow API call: GET fields in the query, others as a JSON body. */
export function mlflow(who: Principal, method: string, path: string, input: Record<string, unknown> = {}) {
  const p = `/api/2.0/mlflow/${path}`;
  return method === "GET" ? request(who, method, p, { query: input }) : request(who, method, p, { json: input });
}

export async function ok(res: Promise<Result> | Result, what: string): Promise<Record<string, unknown>> {
  const r = await res;
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

/** Creates a user as admin (MLflow's auth API, with the studio's role field) and returns a principal. */
export async function newUser(
  role: "reader" | "editor" | "admin",
  name = uniq(role),
): Promise<Principal & { username: string; password: string }> {
  const password = `pw-${Math.random().toString(36).slice(2)}-X9`;
  await ok(mlflow(admin, "POST", "users/create", { username: name, password, role }), `create user ${name}`);
  return { name: role, username: name, password, authorization: basic(name, password) };
}

/** An API token for a principal (through the studio's token route). */
export async function newToken(who: Principal, name = "tests"): Promise<{ token: string; id: string }> {
  const body = await ok(request(who, "POST", "/api/studio/tokens", { json: { name, expires_in_days: 1 } }), "create token");
  return { token: body.token as string, id: body.id as string };
}
