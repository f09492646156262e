import "server-only";
import { Readable } from "node:stream";
import { normalizeArtifactPath } from "@/lib/artifact-path";
import { StudioError } from "@/lib/errors";
import { artifactStore } from "@/lib/server/artifact-store";
import { authorizeArtifact, needForMethod } from "@/lib/server/auth/artifacts";
import { prepareFile, type PreparedFile } from "@/lib/server/artifacts/file-response";
import { assertClientWritable } from "@/lib/server/artifacts/reserved";
import { errorBody } from "./respond";

/**
 * MLflow's artifact proxy (`/api/2.0/mlflow-artifacts/artifacts/<path>`), as the client's
 * MlflowArtifactsRepository uses it: list with `?path=`, download, upload (raw body, streamed to
 * disk and renamed into place only when complete), delete. Keys are the path after the prefix.
 * `serveArtifact` is transport-neutral; the Web and Node adapters below only move bytes.
 */
export type ArtifactAnswer = { json: unknown; status: number } | { file: PreparedFile };
type Incoming = { method: string; segments: string[]; query: URLSearchParams; range: string | null; body: () => Readable };

async function serveArtifact(req: Incoming): Promise<ArtifactAnswer> {
  const key = normalizeArtifactPath(req.segments.join("/"));
  const method = req.method.toUpperCase();
  await authorizeArtifact(key === "" ? normalizeArtifactPath(req.query.get("path") ?? "") : key, needForMethod(method));
  if ((method === "GET" || method === "HEAD") && key === "") {
    const entries = await artifactStore.list(normalizeArtifactPath(req.query.get("path") ?? ""));
    // MLflow answers a missing folder with an empty listing.
    if (!entries) return { json: {}, status: 200 };
    const files = entries.map((e) => (e.isDir ? { path: e.path, is_dir: true } : { path: e.path, is_dir: false, file_size: e.size }));
    return { json: { files }, status: 200 };
  }
  if (method === "GET" || method === "HEAD") return { file: await prepareFile(key, req.range, { method }) };
  if (method === "PUT" || method === "POST" || method === "DELETE") {
    if (key === "")
      throw new StudioError("INVALID_PARAMETER_VALUE", `An artifact path is required for ${method === "DELETE" ? "deletes" : "uploads"}`);
    assertClientWritable(key);
    if (method === "DELETE") await artifactStore.remove(key);
    else await artifactStore.write(key, req.body());
    return { json: {}, status: 200 };
  }
  throw new StudioError("ENDPOINT_NOT_FOUND", `Method ${method} is not allowed for artifacts`);
}

async function answer(req: Incoming): Promise<ArtifactAnswer> {
  try {
    return await serveArtifact(req);
  } catch (e) {
    const { status, body } = errorBody(e);
    return { json: body, status };
  }
}

/** Next route adapter (app/api/2.0/mlflow-artifacts/artifacts): a web Request in, a Response out. */
export async function handleArtifactRequest(request: Request, segments: string[] | undefined): Promise<Response> {
  const out = await answer({
    method: request.method,
    segments: segments ?? [],
    query: new URL(request.url).searchParams,
    range: request.headers.get("range"),
    body: () => (request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream) : Readable.from([])),
  });
  if ("json" in out) return new Response(JSON.stringify(out.json), { status: out.status, headers: { "content-type": "application/json" } });
  const headers = new Headers(out.file.headers);
  if (out.file.length !== null) headers.set("x-studio-content-length", String(out.file.length));
  return new Response(out.file.stream ? (Readable.toWeb(out.file.stream) as ReadableStream<Uint8Array>) : null, {
    status: out.file.status,
    headers,
  });
}

/** Node adapter (the fast path): the request stream goes to disk and files to the socket directly. */
export async function handleArtifactNode(
  req: import("node:http").IncomingMessage,
  res: import("node:http").ServerResponse,
  segments: string[],
  query: URLSearchParams,
): Promise<void> {
  const range = req.headers.range;
  const out = await answer({
    method: req.method ?? "GET",
    segments,
    query,
    range: typeof range === "string" ? range : null,
    body: () => req,
  });
  if ("json" in out) {
    const body = JSON.stringify(out.json);
    const challenge: Record<string, string> = out.status === 401 ? { "www-authenticate": 'Basic realm="model-studio"' } : {};
    res.writeHead(out.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...challenge });
    return void res.end(body);
  }
  const { status, headers, length, stream } = out.file;
  res.writeHead(status, length !== null ? { ...headers, "content-length": String(length) } : headers);
  if (!stream) return void res.end();
  stream.on("error", () => res.destroy()).pipe(res);
  res.on("close", () => stream.destroy());
}
