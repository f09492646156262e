// Tiny HTTP helpers for the API tests (they talk to the studio started by scripts/test.mjs).
export const BASE = process.env.STUDIO_URL ?? "http://127.0.0.1:3000";
export const API = `${BASE}/api/2.0/mlflow`;
export const ARTIFACTS = `${BASE}/api/2.0/mlflow-artifacts/artifacts`;

export type ApiResult = { status: number; body: Record<string, unknown> & { error_code?: string; message?: string } };

export async function call(method: string, path: string, body?: unknown): Promise<ApiResult> {
  const init: RequestInit = { method, headers: { "content-type": "application/json" } };
  let url = `${API}/${path}`;
  if (method === "GET" && body) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      for (const item of Array.isArray(v) ? v : [v]) qs.append(k, String(item));
    }
    url += `?${qs}`;
  } else if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed: ApiResult["body"] = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, body: parsed };
}

export const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export async function newExperiment(name = uniq("exp")): Promise<string> {
  const res = await call("POST", "experiments/create", { name });
  if (res.status !== 200) throw new Error(`create experiment failed: ${JSON.stringify(res.body)}`);
  return res.body.experiment_id as string;
}

export async function newRun(experimentId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call("POST", "runs/create", { experiment_id: experimentId, start_time: Date.now(), ...extra });
  if (res.status !== 200) throw new Error(`create run failed: ${JSON.stringify(res.body)}`);
  return (res.body.run as { info: { run_id: string } }).info.run_id;
}

/** The backend the studio under test keeps artifacts in (scripts/test.mjs sets it). */
export const ARTIFACT_BACKEND = process.env.STUDIO_ARTIFACT_BACKEND ?? "local";

/**
 * Every file and folder below `prefix` in the artifact store, relative to it, read through the
 * artifact API, so tests see the same on every backend (a folder is a prefix in object stores).
 */
export async function artifactKeys(prefix: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string) => {
    const key = rel ? `${prefix}/${rel}` : prefix;
    const res = await fetch(`${ARTIFACTS}?path=${encodeURIComponent(key)}`);
    const listing = (await res.json()) as { files?: { path: string; is_dir: boolean }[] };
    for (const f of listing.files ?? []) {
      const childRel = rel ? `${rel}/${f.path}` : f.path;
      out.push(childRel);
      if (f.is_dir) await visit(childRel);
    }
  };
  await visit("");
  return out.sort();
}
