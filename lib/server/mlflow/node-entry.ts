import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { StudioError } from "@/lib/errors";
import { ensureFirstAdmin } from "@/lib/server/auth/accounts";
import { authEnabled, LOCAL, type Principal, runAs } from "@/lib/server/auth/principal";
import { resolvePrincipal } from "@/lib/server/auth/resolve";
import { handleArtifactNode } from "./artifact-proxy";
import { handleMultipartRequest } from "./multipart-routes";
import { DRAIN_LIMIT_BYTES, parseJsonObject } from "./http";
import { mlflowDispatcher } from "./routes";

/**
 * The MLflow API served straight from Node's http server (scripts/serve.mjs), without going
 * through Next's router: MLflow clients log in tight loops and every request's overhead counts.
 * Same handlers, same dispatcher, same errors as the Next routes under app/api (used by `next dev`).
 */
const MLFLOW = /^\/api\/[23]\.0\/mlflow\/(.*)$/;
const ARTIFACTS = /^\/api\/2\.0\/mlflow-artifacts\/artifacts(?:\/(.*))?$/;
const MULTIPART = /^\/api\/2\.0\/mlflow-artifacts\/mpu\/(.*)$/;

/** Path segments decoded the way Next decodes route params (malformed escapes are kept as-is). */
const segmentsOf = (rest: string) =>
  rest
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });

/** Same policy as readJsonBody (lib/server/mlflow/http.ts): an oversized body is drained, then refused. */
function readBody(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new StudioError("INVALID_PARAMETER_VALUE", `Request body exceeds the limit of ${limit} bytes`);
    if (Number(req.headers["content-length"] ?? 0) > DRAIN_LIMIT_BYTES) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > DRAIN_LIMIT_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        return reject(tooLarge());
      }
      if (size <= limit) chunks.push(c);
    });
    req.on("error", reject);
    req.on("end", () => {
      try {
        if (size > limit) throw tooLarge();
        resolve(parseJsonObject(Buffer.concat(chunks).toString("utf8")));
      } catch (e) {
        reject(e);
      }
    });
  });
}

function toWebRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  return new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
}

async function sendWeb(res: ServerResponse, response: Response) {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const length = headers["x-studio-content-length"];
  delete headers["x-studio-content-length"];
  if (length !== undefined) headers["content-length"] = length;
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  Readable.fromWeb(response.body as import("node:stream/web").ReadableStream)
    .on("error", () => res.destroy())
    .pipe(res);
}

/** A 401 names the scheme MLflow's client can answer, as MLflow's own auth does. */
export const challenge = (status: number): Record<string, string> =>
  status === 401 ? { "www-authenticate": 'Basic realm="model-studio"' } : {};

/** Serves the request if it is an MLflow API call; returns false to let Next handle it. */
export async function handleMlflowNode(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const path = url.pathname;
  let m: RegExpExecArray | null;
  if ((m = MLFLOW.exec(path))) {
    const method = (req.method ?? "GET").toUpperCase();
    const out = await mlflowDispatcher.run(method, segmentsOf(m[1]!), url.searchParams, (limit) => readBody(req, limit));
    const body = JSON.stringify(out.body);
    res.writeHead(out.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...challenge(out.status) });
    res.end(body);
    return true;
  }
  if ((m = ARTIFACTS.exec(path))) {
    await handleArtifactNode(req, res, m[1] ? segmentsOf(m[1]) : [], url.searchParams);
    return true;
  }
  if ((m = MULTIPART.exec(path))) {
    await sendWeb(res, await handleMultipartRequest(toWebRequest(req, url), segmentsOf(m[1]!)));
    return true;
  }
  return false;
}

/**
 * Runs `fn` with the request's principal set for everything it calls (MLflow routes, and Next's
 * pages, server actions and route handlers, which read the same per-process store). Returns the
 * principal's kind so the server can send anonymous page visits to the sign-in page.
 */
export async function withPrincipal<T>(req: IncomingMessage, fn: (kind: Principal["kind"]) => Promise<T>): Promise<T> {
  const principal = authEnabled()
    ? await resolvePrincipal({ authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null })
    : LOCAL;
  return runAs(principal, () => fn(principal.kind));
}

/** At start with auth on: the first admin, if there is no account yet. */
export const bootstrapAuth = ensureFirstAdmin;
