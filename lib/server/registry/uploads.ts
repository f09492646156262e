import "server-only";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { joinArtifactPath, normalizeArtifactPath } from "@/lib/artifact-path";
import { invalidParam, notFound } from "@/lib/errors";
import { artifactStore } from "@/lib/server/artifact-store";

/**
 * Folders uploaded through the studio (Register → Upload, `studio register --path <dir>`) wait
 * under `uploads/<id>/files/` in the artifact store until they are registered (snapshotted into
 * registry storage, then removed) or abandoned (swept after a day). Each file streams to disk.
 */
export const UPLOAD_PREFIX = "uploads";
const ID_RE = /^[0-9a-f]{32}$/;
const DAY = 24 * 60 * 60 * 1000;

/** Total bytes one upload may hold (STUDIO_UPLOAD_LIMIT_BYTES, default 20 GiB). */
export function uploadLimitBytes(): number {
  const v = Number(process.env.STUDIO_UPLOAD_LIMIT_BYTES);
  return Number.isFinite(v) && v > 0 ? v : 20 * 1024 ** 3;
}

function checkId(uploadId: string): string {
  if (!ID_RE.test(uploadId)) throw notFound(`Upload '${uploadId}' not found`);
  return uploadId;
}

/** The folder that gets registered. */
export function uploadKey(uploadId: string): string {
  return `${UPLOAD_PREFIX}/${checkId(uploadId)}/files`;
}

export async function createUpload(): Promise<string> {
  const id = randomBytes(16).toString("hex");
  await artifactStore.write(`${UPLOAD_PREFIX}/${id}/started`, Readable.from([Buffer.from(String(Date.now()))]));
  return id;
}

async function requireUpload(uploadId: string) {
  if (!(await artifactStore.stat(`${UPLOAD_PREFIX}/${checkId(uploadId)}/started`))) {
    throw notFound(`Upload '${uploadId}' not found (it may have been cancelled or have expired)`);
  }
}

export async function uploadedBytes(uploadId: string): Promise<number> {
  const files = await artifactStore.walk(uploadKey(uploadId)).catch(() => []);
  return files.reduce((n, f) => n + f.size, 0);
}

/**
 * Bytes each upload holds or is receiving right now. Files of one upload arrive in parallel, so
 * the quota is charged chunk by chunk here rather than checked once per file against the disk.
 */
const usage = new Map<string, number>();

function tooLarge(limit: number) {
  return invalidParam(`Upload too large: the limit is ${limit} bytes per model (STUDIO_UPLOAD_LIMIT_BYTES)`);
}

/**
 * Streams one file of an upload; the upload's total stays under the limit or the file is refused.
 * Sending a file again replaces it: only the difference counts, so a retried file is not charged
 * twice. If the new write fails, the old file stays and so does its charge.
 */
export async function putUploadFile(uploadId: string, path: string, body: ReadableStream<Uint8Array> | null, declared?: number) {
  await requireUpload(uploadId);
  const rel = normalizeArtifactPath(path);
  if (!rel) throw invalidParam("Each uploaded file needs a path");
  const limit = uploadLimitBytes();
  if (!usage.has(uploadId)) usage.set(uploadId, await uploadedBytes(uploadId));
  const key = joinArtifactPath(uploadKey(uploadId), rel);
  const replaced = (await artifactStore.stat(key))?.size ?? 0;
  if (declared !== undefined && usage.get(uploadId)! - replaced + declared > limit) throw tooLarge(limit);
  // The replaced file's bytes are released up front; the new bytes are charged as they arrive.
  usage.set(uploadId, usage.get(uploadId)! - replaced);
  let charged = 0;
  try {
    return await artifactStore.write(key, body ?? new ReadableStream({ start: (c) => c.close() }), {
      onChunk: (n) => {
        const next = usage.get(uploadId)! + n;
        if (next > limit) throw tooLarge(limit);
        usage.set(uploadId, next);
        charged += n;
      },
    });
  } catch (e) {
    if (usage.has(uploadId)) usage.set(uploadId, usage.get(uploadId)! - charged + replaced);
    throw e;
  }
}

export async function removeUpload(uploadId: string): Promise<void> {
  usage.delete(uploadId);
  await artifactStore.remove(`${UPLOAD_PREFIX}/${checkId(uploadId)}`);
}

/** Removes uploads started more than a day ago (abandoned dialogs, interrupted CLIs). */
export async function sweepStaleUploads(maxAgeMs = DAY): Promise<number> {
  let removed = 0;
  for (const e of (await artifactStore.list(UPLOAD_PREFIX)) ?? []) {
    const st = await artifactStore.stat(`${UPLOAD_PREFIX}/${e.path}`);
    if (st && Date.now() - st.mtimeMs > maxAgeMs && ID_RE.test(e.path)) {
      await artifactStore.remove(`${UPLOAD_PREFIX}/${e.path}`);
      removed++;
    }
  }
  return removed;
}
