import "server-only";
import { Readable } from "node:stream";
import { notFound } from "@/lib/errors";
import { contentTypeFor, parseRange } from "@/lib/mime";
import { artifactStore } from "@/lib/server/artifact-store";

/** Next drops Content-Length from route responses; scripts/serve.mjs restores it from this header. */
const LENGTH = "x-studio-content-length";

type FileOpts = { attachment?: boolean; downloadName?: string; inlineTypes?: boolean; method?: string };
export type PreparedFile = { status: number; headers: Record<string, string>; length: number | null; stream: Readable | null };

/**
 * How to answer a download of one stored file: status (200/206/416), headers (type from the name,
 * Range support, no sniffing), and a stream of just the requested bytes — never the whole file in
 * memory. Throws RESOURCE_DOES_NOT_EXIST for a missing file or a folder. Transport-neutral: the
 * Next routes wrap it in a Response, the Node fast path pipes it straight to the socket.
 */
export async function prepareFile(key: string, rangeHeader: string | null, opts: FileOpts = {}): Promise<PreparedFile> {
  const stat = await artifactStore.stat(key);
  if (!stat || stat.isDir) throw notFound(`File '${key}' does not exist`);
  const range = parseRange(rangeHeader, stat.size);
  const headers: Record<string, string> = {
    "accept-ranges": "bytes",
    "content-type": opts.inlineTypes === false ? "application/octet-stream" : contentTypeFor(key),
    "last-modified": new Date(stat.mtimeMs).toUTCString(),
    // Artifacts are user content: never let the browser sniff them into something executable.
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
    // Keeps Next's gzip off these bytes, so the length is the length on the wire.
    "cache-control": "private, no-transform",
  };
  if (opts.attachment) {
    const name = opts.downloadName ?? key.slice(key.lastIndexOf("/") + 1);
    headers["content-disposition"] = `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
  }
  if (range === "invalid")
    return { status: 416, headers: { ...headers, "content-range": `bytes */${stat.size}` }, length: 0, stream: null };
  if (opts.method === "HEAD") return { status: 200, headers, length: stat.size, stream: null };
  const stream = await artifactStore.openRead(key, range ?? undefined);
  if (range) {
    return {
      status: 206,
      headers: { ...headers, "content-range": `bytes ${range.start}-${range.end}/${stat.size}` },
      length: range.end - range.start + 1,
      stream,
    };
  }
  return { status: 200, headers, length: stat.size, stream };
}

export async function fileResponse(key: string, request: Request, opts: FileOpts = {}): Promise<Response> {
  const f = await prepareFile(key, request.headers.get("range"), { ...opts, method: request.method });
  const headers = new Headers(f.headers);
  if (f.length !== null) headers.set(LENGTH, String(f.length));
  const body = f.stream ? (Readable.toWeb(f.stream) as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: f.status, headers });
}
