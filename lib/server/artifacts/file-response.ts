import "server-only";
import { Readable } from "node:stream";
import { notFound } from "@/lib/mlflow/errors";
import { contentTypeFor, parseRange } from "@/lib/mime";
import { artifactStore } from "@/lib/server/artifact-store";

/** Next drops Content-Length from route responses; scripts/serve.mjs restores it from this header. */
const LENGTH = "x-studio-content-length";

/**
 * Streams one stored file as an HTTP response: Content-Length, Range (206/416), a content type
 * from the name, never the whole file in memory. Throws RESOURCE_DOES_NOT_EXIST for a missing
 * file or a folder.
 */
export async function fileResponse(
  key: string,
  request: Request,
  opts: { attachment?: boolean; downloadName?: string; inlineTypes?: boolean } = {},
): Promise<Response> {
  const stat = await artifactStore.stat(key);
  if (!stat || stat.isDir) throw notFound(`File '${key}' does not exist`);
  const range = parseRange(request.headers.get("range"), stat.size);
  const headers = new Headers({
    "accept-ranges": "bytes",
    "content-type": opts.inlineTypes === false ? "application/octet-stream" : contentTypeFor(key),
    "last-modified": new Date(stat.mtimeMs).toUTCString(),
    // Artifacts are user content: never let the browser sniff them into something executable.
    "x-content-type-options": "nosniff",
    // Keeps Next's gzip off these bytes, so the length below is the length on the wire.
    "cache-control": "private, no-transform",
    "content-security-policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
  });
  if (opts.attachment) {
    const name = opts.downloadName ?? key.slice(key.lastIndexOf("/") + 1);
    headers.set("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  }
  if (range === "invalid") {
    headers.set("content-range", `bytes */${stat.size}`);
    return new Response(null, { status: 416, headers });
  }
  if (request.method === "HEAD") {
    headers.set(LENGTH, String(stat.size));
    return new Response(null, { status: 200, headers });
  }
  const stream = await artifactStore.openRead(key, range ?? undefined);
  const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  if (range) {
    headers.set("content-range", `bytes ${range.start}-${range.end}/${stat.size}`);
    headers.set(LENGTH, String(range.end - range.start + 1));
    return new Response(body, { status: 206, headers });
  }
  headers.set(LENGTH, String(stat.size));
  return new Response(body, { status: 200, headers });
}
