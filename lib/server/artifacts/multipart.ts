import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { joinArtifactPath, normalizeArtifactPath } from "@/lib/artifact-path";
import { dataDir } from "@/lib/data-paths.mjs";
import { invalidParam, notFound } from "@/lib/errors";
import { artifactStore } from "@/lib/server/artifact-store";
import { assertClientWritable } from "./reserved";

/**
 * MLflow's proxied multipart upload (MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD) on local storage. The
 * client asks for `num_parts` part URLs, PUTs each part to its URL, then completes with the
 * ETags. Parts are staged under <data>/mpu-staging/<id>/ (outside the artifact tree, so a half-done
 * upload is never visible); completion streams them, in order, through the store's atomic write.
 */
const MAX_PARTS = 10_000;
const uploadsRoot = () => path.join(dataDir(), "mpu-staging");
const ID_RE = /^[0-9a-f]{32}$/;

function stagingDir(uploadId: string): string {
  if (!ID_RE.test(uploadId)) throw notFound(`Upload '${uploadId}' does not exist`);
  return path.join(uploadsRoot(), uploadId);
}

type Meta = { key: string; numParts: number };
async function readMeta(uploadId: string): Promise<Meta> {
  try {
    return JSON.parse(await fs.readFile(path.join(stagingDir(uploadId), "meta.json"), "utf8")) as Meta;
  } catch {
    throw notFound(`Upload '${uploadId}' does not exist`);
  }
}

export async function createMultipartUpload(dirKey: string, fileName: string, numParts: number, origin: string) {
  if (!Number.isInteger(numParts) || numParts < 1 || numParts > MAX_PARTS) {
    throw invalidParam(`num_parts must be between 1 and ${MAX_PARTS}`);
  }
  // The client sends its local file path; only the base name lands in the artifact folder.
  const base = fileName.split(/[\\/]/).filter(Boolean).pop() ?? "";
  const key = joinArtifactPath(normalizeArtifactPath(dirKey), normalizeArtifactPath(base));
  assertClientWritable(key);
  await artifactStore.resolve(key); // refuse escapes before staging anything
  const uploadId = randomBytes(16).toString("hex");
  const dir = stagingDir(uploadId);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, "meta.json"), JSON.stringify({ key, numParts } satisfies Meta));
  const credentials = Array.from({ length: numParts }, (_, i) => ({
    part_number: i + 1,
    url: `${origin}/api/2.0/mlflow-artifacts/mpu/part/${uploadId}/${i + 1}`,
    headers: {},
  }));
  return { upload_id: uploadId, credentials };
}

/** Stores one part (atomically) and returns its ETag. */
export async function putPart(uploadId: string, partNumber: number, body: ReadableStream<Uint8Array> | null): Promise<string> {
  const meta = await readMeta(uploadId);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > meta.numParts) {
    throw invalidParam(`Part number must be between 1 and ${meta.numParts}`);
  }
  const final = path.join(stagingDir(uploadId), `${partNumber}.part`);
  const temp = `${final}.${randomBytes(4).toString("hex")}.tmp`;
  const source = body ? Readable.fromWeb(body as import("node:stream/web").ReadableStream) : Readable.from([]);
  try {
    await pipeline(source, createWriteStream(temp));
    await fs.rename(temp, final);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
  const size = (await fs.stat(final)).size;
  return `"${uploadId.slice(0, 8)}-${partNumber}-${size}"`;
}

export async function completeMultipartUpload(uploadId: string, parts: { partNumber: number; etag?: string }[]) {
  const meta = await readMeta(uploadId);
  const dir = stagingDir(uploadId);
  const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  if (ordered.length === 0) throw invalidParam("A multipart upload needs at least one part");
  for (const p of ordered) {
    const exists = await fs.stat(path.join(dir, `${p.partNumber}.part`)).catch(() => null);
    if (!exists) throw invalidParam(`Part ${p.partNumber} of upload '${uploadId}' was never uploaded`);
  }
  async function* concatenated() {
    for (const p of ordered) yield* createReadStream(path.join(dir, `${p.partNumber}.part`));
  }
  await artifactStore.write(meta.key, concatenated());
  await fs.rm(dir, { recursive: true, force: true });
}

export async function abortMultipartUpload(uploadId: string) {
  await readMeta(uploadId);
  await fs.rm(stagingDir(uploadId), { recursive: true, force: true });
}

/**
 * Removes multipart sessions nobody has touched for `staleAfterMs` (a crashed client or server):
 * a session is as fresh as the newest of its folder and files, since parts keep arriving.
 */
export async function sweepStaleMultipartUploads(staleAfterMs: number): Promise<number> {
  const root = uploadsRoot();
  const ids = await fs.readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const id of ids) {
    const dir = path.join(root, id);
    const newest = await newestMtime(dir);
    if (newest !== null && Date.now() - newest < staleAfterMs) continue;
    await fs.rm(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

async function newestMtime(dir: string): Promise<number | null> {
  const st = await fs.stat(dir).catch(() => null);
  if (!st) return null;
  let newest = st.mtimeMs;
  if (st.isDirectory()) {
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const f = await fs.stat(path.join(dir, name)).catch(() => null);
      if (f) newest = Math.max(newest, f.mtimeMs);
    }
  }
  return newest;
}
