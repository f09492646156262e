import "server-only";
import { normalizeArtifactPath } from "@/lib/artifact-path";
import { invalidParam, notFound } from "@/lib/errors";
import { parseModelSource, SourceUriError, type ModelSource } from "@/lib/registry/source-uri";
import { artifactStore, type ArtifactEntry } from "@/lib/server/artifact-store";
import { artifactUriToKey } from "@/lib/server/artifacts/uri";
import { resolveJobPath } from "@/lib/server/job-outputs";
import { getLoggedModelsByIds } from "@/lib/server/tracking/logged-models";
import { getModelVersionByAlias, getModelVersionOrThrow } from "./versions";
import { REGISTRY_PREFIX, storageKey } from "./snapshot";
import { UPLOAD_PREFIX, uploadKey } from "./uploads";

export type ResolvedSource = {
  /** Artifact-store key of the folder (or file) to snapshot. */
  key: string;
  isFile: boolean;
  /** Relative file paths (a single file: its base name). */
  files: ArtifactEntry[];
  runId: string | null;
  modelId: string | null;
  /** Shown in messages: what the person asked for. */
  label: string;
};

async function contents(key: string, label: string) {
  const st = await artifactStore.stat(key);
  if (!st) return null;
  const files = st.isDir ? await artifactStore.walk(key) : [{ path: key.slice(key.lastIndexOf("/") + 1), isDir: false, size: st.size }];
  if (files.length === 0) return null;
  return { key, isFile: !st.isDir, files, label };
}

/** A job's output path, including MLflow 3 models logged in the run (see job-outputs). */
async function resolveRun(runId: string, path: string, label: string): Promise<ResolvedSource> {
  const hit = await resolveJobPath(runId, path);
  const found = hit ? await contents(hit.key, label) : null;
  if (!hit || !found) throw notFound(`Nothing at '${normalizeArtifactPath(path) || "/"}' in the outputs of job '${runId}'`);
  return { ...found, runId, modelId: hit.modelId };
}

export async function resolveSource(source: string): Promise<ResolvedSource> {
  let parsed: ModelSource;
  try {
    parsed = parseModelSource(source);
  } catch (e) {
    if (e instanceof SourceUriError) throw invalidParam(e.message);
    throw e;
  }
  switch (parsed.kind) {
    case "run":
      return resolveRun(parsed.runId, parsed.path, source);
    case "logged-model": {
      const [m] = await getLoggedModelsByIds([parsed.modelId]);
      if (!m) throw notFound(`Logged model '${parsed.modelId}' not found`);
      const found = await contents(artifactUriToKey(m.artifactLocation), source);
      if (!found) throw invalidParam(`Logged model '${parsed.modelId}' has no files yet (status ${m.status})`);
      return { ...found, runId: m.sourceRunId, modelId: m.id };
    }
    case "registered": {
      const v = parsed.alias
        ? await getModelVersionByAlias(parsed.name, parsed.alias)
        : await getModelVersionOrThrow(parsed.name, parsed.version!);
      const key = v.storageLocation ? storageKey(v.storageLocation) : null;
      const found = key ? await contents(key, source) : null;
      if (!found) throw invalidParam(`Model version ${parsed.name}/${v.version} has no stored files`);
      return { ...found, runId: v.runId, modelId: v.modelId };
    }
    case "artifact": {
      const key = normalizeArtifactPath(parsed.key);
      // Pending uploads are registered as upload:<id>; registry storage only as a whole snapshot or
      // a folder inside one (registry/<model>/<snapshot>/…), never as several versions at once.
      const [top, ...rest] = key.split("/");
      if (top === UPLOAD_PREFIX || (top === REGISTRY_PREFIX && rest.length < 2)) {
        throw invalidParam(`'${source}' is the studio's own storage, not a model; register a job output or a version instead`);
      }
      const found = await contents(key, source);
      if (!found) throw notFound(`Nothing at '${source}' in the artifact store`);
      // Recover lineage from the key layout: <exp>/<run>/artifacts/… or <exp>/models/<m-…>/artifacts/…
      const run = /^\d+\/([0-9a-f]{32})\/artifacts(\/|$)/.exec(found.key)?.[1] ?? null;
      const model = /^\d+\/models\/(m-[0-9a-f]+)\/artifacts(\/|$)/.exec(found.key)?.[1] ?? null;
      return { ...found, runId: run, modelId: model };
    }
    case "upload": {
      const found = await contents(uploadKey(parsed.uploadId), "the uploaded files");
      if (!found) throw notFound("The upload was not found or has no files (it may have expired)");
      return { ...found, runId: null, modelId: null };
    }
  }
}
