import "server-only";
import { joinArtifactPath, normalizeArtifactPath } from "@/lib/artifact-path";
import { isStudioError, notFound } from "@/lib/errors";
import type { ModelVersionData } from "@/lib/registry-types";
import { artifactStore } from "@/lib/server/artifact-store";
import { storageKey } from "@/lib/server/registry/snapshot";
import { getModelVersionOrThrow, parseVersion } from "@/lib/server/registry/versions";
import { capabilitiesOn, requireOn } from "@/lib/server/auth/guard";
import { store } from "@/lib/server/store";

/** The registry snapshot behind a version: where its files are, for the version page and its routes. */
export async function versionRoot(name: string, version: string | number): Promise<{ version: ModelVersionData; key: string }> {
  await requireOn("registered_model", name, "read");
  const v = await getModelVersionOrThrow(name, parseVersion(version));
  const key = v.storageLocation ? storageKey(v.storageLocation) : null;
  if (!key) throw notFound(`Model version ${name}/${v.version} has no stored files`);
  return { version: v, key };
}

export async function resolveVersionPath(name: string, version: string, path: string) {
  const { key } = await versionRoot(name, version);
  const full = joinArtifactPath(key, normalizeArtifactPath(path));
  const st = await artifactStore.stat(full);
  return st ? { key: full, isDir: st.isDir } : null;
}

const TEXT_CAP = 2 * 1024 * 1024;

async function readIfPresent(key: string): Promise<string | null> {
  return (await artifactStore.readText(key, TEXT_CAP))?.text ?? null;
}

/** Everything the version page shows; null for an unknown model or version (the page answers 404). */
export async function getVersionDetail(name: string, versionParam: string) {
  let root: Awaited<ReturnType<typeof versionRoot>>;
  try {
    root = await versionRoot(name, versionParam);
  } catch (e) {
    // A version the viewer may not read does not exist for them either.
    if (isStudioError(e) && ["RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE", "PERMISSION_DENIED", "UNAUTHENTICATED"].includes(e.code))
      return null;
    throw e;
  }
  const { version, key } = root;
  const top = (await artifactStore.list(key)) ?? [];
  const has = (n: string) => top.some((e) => !e.isDir && e.path === n);
  // Triton keeps config.pbtxt at the root or inside the model's folder (one level down).
  let tritonKey: string | null = has("config.pbtxt") ? `${key}/config.pbtxt` : null;
  for (const d of top.filter((e) => e.isDir)) {
    if (tritonKey) break;
    if ((await artifactStore.stat(`${key}/${d.path}/config.pbtxt`))?.isDir === false) tritonKey = `${key}/${d.path}/config.pbtxt`;
  }
  const [mlmodel, inputExample, servingExample, tritonConfig, run, model] = await Promise.all([
    has("MLmodel") ? artifactStore.readText(`${key}/MLmodel`, 1024 * 1024) : null,
    has("input_example.json") ? readIfPresent(`${key}/input_example.json`) : null,
    has("serving_input_example.json") ? readIfPresent(`${key}/serving_input_example.json`) : null,
    tritonKey ? readIfPresent(tritonKey) : null,
    version.runId
      ? store()
          .read(({ tracking }) => tracking.getRunInfo(version.runId!))
          .then((r) => (r ? { id: r.id, name: r.name } : null))
      : null,
    store().read(async ({ registry }) => {
      const row = await registry.getModelRow(name);
      return row ? registry.getAliases(row.id) : [];
    }),
  ]);
  return {
    version,
    aliases: model,
    mlmodelText: mlmodel?.text ?? null,
    mlmodelTruncated: mlmodel?.truncated ?? false,
    mlmodelBytes: mlmodel?.size ?? 0,
    inputExample,
    servingExample,
    tritonConfig,
    run,
    fileCount: top.length,
    canEdit: (await capabilitiesOn("registered_model", name)).canEdit,
  };
}

export type VersionDetail = NonNullable<Awaited<ReturnType<typeof getVersionDetail>>>;
