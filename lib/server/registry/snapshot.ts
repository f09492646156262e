import "server-only";
import { randomUUID } from "node:crypto";
import { artifactStore } from "@/lib/server/artifact-store";
import { store } from "@/lib/server/store";

/**
 * Registry storage: every version's files live under `registry/<model id>/<uuid>/` in the
 * artifact store, copied (hard-linked) from the source when the version is created, so a version
 * never changes or disappears when the job's outputs do. The artifact proxy refuses writes there.
 */
export const REGISTRY_PREFIX = "registry";
export const STORAGE_SCHEME = "mlflow-artifacts:/";

export function storageKey(location: string): string | null {
  if (!location.startsWith(STORAGE_SCHEME)) return null;
  const key = location.slice(STORAGE_SCHEME.length).replace(/^\/+/, "");
  return key.startsWith(`${REGISTRY_PREFIX}/`) ? key : null;
}

export async function createSnapshot(sourceKey: string, registeredModelId: number) {
  const key = `${REGISTRY_PREFIX}/${registeredModelId}/${randomUUID().replace(/-/g, "")}`;
  try {
    const { files, bytes } = await artifactStore.copyTree(sourceKey, key);
    return { key, location: `${STORAGE_SCHEME}${key}`, files, bytes };
  } catch (e) {
    await artifactStore.remove(key).catch(() => {});
    throw e;
  }
}

export async function removeSnapshot(location: string): Promise<void> {
  const key = storageKey(location);
  if (key) await artifactStore.remove(key).catch((e) => console.error("[registry] could not remove", key, e));
}

/**
 * Deletes snapshot folders no version row points at (left by a crash between copy and commit).
 * Only folders older than `graceMs` go, so a registration in flight is never touched.
 */
export async function sweepOrphanSnapshots(graceMs = 60 * 60 * 1000): Promise<number> {
  const models = (await artifactStore.list(REGISTRY_PREFIX)) ?? [];
  const locations = await store().read(({ registry }) => registry.storageLocations());
  const referenced = new Set([...locations].map(storageKey));
  let removed = 0;
  for (const m of models.filter((e) => e.isDir)) {
    for (const snap of (await artifactStore.list(`${REGISTRY_PREFIX}/${m.path}`)) ?? []) {
      const key = `${REGISTRY_PREFIX}/${m.path}/${snap.path}`;
      if (referenced.has(key)) continue;
      const st = await artifactStore.stat(key);
      if (st && Date.now() - st.mtimeMs > graceMs) {
        await artifactStore.remove(key);
        removed++;
      }
    }
  }
  return removed;
}
