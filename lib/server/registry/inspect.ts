import "server-only";
import { authorizeArtifact } from "@/lib/server/auth/artifacts";
import { isStudioError } from "@/lib/errors";
import { detectModelType, validateModelType, type ModelType } from "@/lib/mlmodel/detect-model-type";
import { MODEL_TYPES } from "@/lib/registry/names";
import { artifactStore } from "@/lib/server/artifact-store";
import { resolveSource, type ResolvedSource } from "./resolve-source";

export type SourceInspection =
  | {
      ok: true;
      detected: ModelType;
      files: number;
      bytes: number;
      checks: Record<ModelType, { ok: boolean; errors: string[]; warnings: string[] }>;
    }
  | { ok: false; message: string };

const MLMODEL_MAX = 1024 * 1024;

/** Type checks for every type at once, so a form can say what fits before anyone submits. */
export async function checkTypes(resolved: ResolvedSource) {
  const paths = resolved.files.map((f) => f.path);
  const mlmodel =
    paths.includes("MLmodel") && !resolved.isFile ? await artifactStore.readText(`${resolved.key}/MLmodel`, MLMODEL_MAX) : null;
  const folderName = resolved.key.slice(resolved.key.lastIndexOf("/") + 1);
  const checks = Object.fromEntries(
    MODEL_TYPES.map((t) => [
      t,
      validateModelType(t, paths, { folderName, mlmodelText: mlmodel?.text ?? null, mlmodelBytes: mlmodel?.size }),
    ]),
  ) as Record<ModelType, ReturnType<typeof validateModelType>>;
  return { detected: detectModelType(paths) ?? "CUSTOM", checks };
}

/** What registering `source` would find: files, detected type, and each type's problems. */
export async function inspectSource(source: string): Promise<SourceInspection> {
  try {
    const resolved = await resolveSource(source);
    await authorizeArtifact(resolved.key, "read");
    const { detected, checks } = await checkTypes(resolved);
    return { ok: true, detected, files: resolved.files.length, bytes: resolved.files.reduce((n, f) => n + f.size, 0), checks };
  } catch (e) {
    if (isStudioError(e)) return { ok: false, message: e.message };
    throw e;
  }
}
