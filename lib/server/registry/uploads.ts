import "server-only";

/**
 * Folders uploaded through the studio (Register → Upload) wait under `uploads/<id>/` in the
 * artifact store until they are registered (snapshotted into registry storage) or expire.
 */
export const UPLOAD_PREFIX = "uploads";
const ID_RE = /^[0-9a-f]{32}$/;

export function uploadKey(uploadId: string): string {
  if (!ID_RE.test(uploadId)) throw new Error(`Invalid upload id '${uploadId}'`);
  return `${UPLOAD_PREFIX}/${uploadId}`;
}
