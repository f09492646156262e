import "server-only";
import { StudioError } from "@/lib/errors";
import { REGISTRY_PREFIX } from "@/lib/server/registry/snapshot";
import { UPLOAD_PREFIX } from "@/lib/server/registry/uploads";

/** Registry snapshots and pending uploads are the studio's own: readable, never writable by clients. */
export function assertClientWritable(key: string): void {
  const top = key.split("/")[0];
  if (top === REGISTRY_PREFIX || top === UPLOAD_PREFIX) {
    throw new StudioError("PERMISSION_DENIED", `'${top}/' is managed by the model registry and is read-only`);
  }
}
