import "server-only";
import { randomBytes } from "node:crypto";
import { joinArtifactPath, normalizeArtifactPath } from "@/lib/artifact-path";
import { invalidParam, notFound } from "@/lib/errors";
import { artifactStore } from "@/lib/server/artifact-store";
import { store } from "@/lib/server/store";

/**
 * Folders uploaded through the studio (Register → Upload, `studio register --path <dir>`) wait
 * under `uploads/<id>/files/` in the artifact store until they are registered (snapshotted into
 * registry storage, then removed) or abandoned (swept after a day). The upload itself — that it
 * exists, and how many bytes it holds — is a database row, so files of one upload may reach
 * different replicas and still share one quota.
 */
export const UPLOAD_PREFIX = "uploads";
const ID_RE = /^[0-9a-f]{32}$/;
/** Bytes reserved at a time while a file without Content-Length streams in. */
const RESERVE_STEP = 8 * 1024 * 1024;

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
  await store().write(({ transfers }) => transfers.insertUpload(id, Date.now()));
  return id;
}

async function requireUpload(uploadId: string) {
  if (!(await store().read(({ transfers }) => transfers.uploadExists(checkId(uploadId))))) {
    throw notFound(`Upload '${uploadId}' not found (it may have been cancelled or have expired)`);
  }
}

function tooLarge(limit: number) {
  return invalidParam(`Upload too large: the limit is ${limit} bytes per model (STUDIO_UPLOAD_LIMIT_BYTES)`);
}

/**
 * Streams one file of an upload; the upload's total stays under the limit or the file is refused.
 * Bytes are reserved before they land (all at once when Content-Length says how many, else in
 * steps), and the reservation is settled to what arrived. Sending a file again replaces it: only
 * the difference counts. If the write fails, the old file stays and so does its charge.
 */
export async function putUploadFile(uploadId: string, path: string, body: ReadableStream<Uint8Array> | null, declared?: number) {
  await requireUpload(uploadId);
  const rel = normalizeArtifactPath(path);
  if (!rel) throw invalidParam("Each uploaded file needs a path");
  const limit = uploadLimitBytes();
  const key = joinArtifactPath(uploadKey(uploadId), rel);
  const charge = async (delta: number) =>
    delta === 0 || store().write(({ transfers }) => transfers.chargeUpload(uploadId, delta, limit, Date.now()));
  const replaced = (await artifactStore.stat(key))?.size ?? 0;
  // The replaced file's bytes are free for the new one; `reserved` is what the new file holds.
  let reserved = Math.max(0, declared ?? 0);
  let received = 0;
  if (!(await charge(reserved - replaced))) throw tooLarge(limit);
  try {
    received = await artifactStore.write(key, body ?? new ReadableStream({ start: (c) => c.close() }), {
      onChunk: async (n) => {
        received += n;
        if (received <= reserved) return;
        const step = Math.max(RESERVE_STEP, received - reserved);
        if (!(await charge(step))) throw tooLarge(limit);
        reserved += step;
      },
    });
    await charge(received - reserved); // settle: give back what was reserved and not used
  } catch (e) {
    await charge(replaced - reserved).catch(() => {}); // the old file (if any) is still there
    throw e;
  }
  return received;
}

export async function removeUpload(uploadId: string): Promise<void> {
  await artifactStore.remove(`${UPLOAD_PREFIX}/${checkId(uploadId)}`);
  await store().write(({ transfers }) => transfers.deleteUpload(uploadId));
}

/** Removes uploads nobody has touched for `maxAgeMs` (abandoned dialogs, interrupted CLIs). */
export async function sweepStaleUploads(maxAgeMs: number): Promise<number> {
  const stale = await store().read(({ transfers }) => transfers.staleUploads(Date.now() - maxAgeMs, 1000));
  for (const id of stale) await removeUpload(id).catch((e) => console.error("[studio] could not remove upload", id, e));
  return stale.length;
}
