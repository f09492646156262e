import "server-only";
import { randomBytes } from "node:crypto";
import { joinArtifactPath, normalizeArtifactPath } from "@/lib/artifact-path";
import { invalidParam, notFound } from "@/lib/errors";
import { artifactStore } from "@/lib/server/artifact-store";
import { store } from "@/lib/server/store";
import { assertClientWritable } from "./reserved";

/**
 * MLflow's proxied multipart upload (MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD). The client asks for
 * `num_parts` part URLs, PUTs each part to its URL, then completes with the ETags. The session
 * lives in the database and the parts in the artifact backend (S3's own multipart upload,
 * Azure's uncommitted blocks, a staging folder on disk), so parts may reach any replica, and
 * nothing is visible at the target before completion.
 */
const MAX_PARTS = 10_000;
const ID_RE = /^[0-9a-f]{32}$/;

async function sessionOrThrow(uploadId: string) {
  const session = ID_RE.test(uploadId) ? await store().read(({ transfers }) => transfers.getMultipart(uploadId)) : null;
  if (!session) throw notFound(`Upload '${uploadId}' does not exist`);
  return session;
}

export async function createMultipartUpload(dirKey: string, fileName: string, numParts: number, origin: string) {
  if (!Number.isInteger(numParts) || numParts < 1 || numParts > MAX_PARTS) {
    throw invalidParam(`num_parts must be between 1 and ${MAX_PARTS}`);
  }
  // The client sends its local file path; only the base name lands in the artifact folder.
  const base = fileName.split(/[\\/]/).filter(Boolean).pop() ?? "";
  const key = joinArtifactPath(normalizeArtifactPath(dirKey), normalizeArtifactPath(base));
  assertClientWritable(key);
  await artifactStore.checkWritable(key);
  const backendId = await artifactStore.createMultipart(key);
  const uploadId = randomBytes(16).toString("hex");
  await store().write(({ transfers }) => transfers.insertMultipart({ id: uploadId, key, backendId, numParts, createdAt: Date.now() }));
  const credentials = Array.from({ length: numParts }, (_, i) => ({
    part_number: i + 1,
    url: `${origin}/api/2.0/mlflow-artifacts/mpu/part/${uploadId}/${i + 1}`,
    headers: {},
  }));
  return { upload_id: uploadId, credentials };
}

/** Stores one part and returns its ETag. */
export async function putPart(
  uploadId: string,
  partNumber: number,
  body: ReadableStream<Uint8Array> | null,
  size?: number,
): Promise<string> {
  const session = await sessionOrThrow(uploadId);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > session.numParts) {
    throw invalidParam(`Part number must be between 1 and ${session.numParts}`);
  }
  const empty = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  const { etag } = await artifactStore.uploadPart(session.key, session.backendId, partNumber, body ?? empty(), body ? size : 0);
  await store().write(({ transfers }) => transfers.touchMultipart(uploadId, Date.now()));
  return etag;
}

export async function completeMultipartUpload(uploadId: string, parts: { partNumber: number; etag?: string }[]) {
  const session = await sessionOrThrow(uploadId);
  const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  if (ordered.length === 0) throw invalidParam("A multipart upload needs at least one part");
  if (new Set(ordered.map((p) => p.partNumber)).size !== ordered.length) throw invalidParam("A part number is listed twice");
  await artifactStore.completeMultipart(
    session.key,
    session.backendId,
    ordered.map((p) => ({ partNumber: p.partNumber, etag: p.etag ?? "" })),
  );
  await store().write(({ transfers }) => transfers.deleteMultipart(uploadId));
}

export async function abortMultipartUpload(uploadId: string) {
  const session = await sessionOrThrow(uploadId);
  await artifactStore.abortMultipart(session.key, session.backendId);
  await store().write(({ transfers }) => transfers.deleteMultipart(uploadId));
}

/**
 * Aborts sessions nobody has touched for `staleAfterMs` (a crashed client or server). Safe on
 * several replicas at once: aborting twice is harmless and the row goes once.
 */
export async function sweepStaleMultipartUploads(staleAfterMs: number): Promise<number> {
  const stale = await store().read(({ transfers }) => transfers.staleMultiparts(Date.now() - staleAfterMs, 1000));
  let removed = 0;
  for (const s of stale) {
    await artifactStore.abortMultipart(s.key, s.backendId).catch(() => {});
    removed += await store().write(({ transfers }) => transfers.deleteMultipart(s.id));
  }
  return removed;
}
