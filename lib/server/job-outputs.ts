import "server-only";
import { joinArtifactPath, normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { artifactStore, type ArtifactEntry } from "@/lib/server/artifact-store";
import { artifactUriToKey } from "@/lib/server/artifacts/uri";
import { requireOn } from "@/lib/server/auth/guard";
import { store } from "@/lib/server/store";

/**
 * A job's outputs as people see them: the run's artifact folder, plus its MLflow 3 logged models
 * shown as folders under their names (MLflow 3 stores a model logged in a run under the logged
 * model, not the run's artifacts). Registration and the outputs browser resolve paths here.
 */
export type OutputEntry = ArtifactEntry & { loggedModelId?: string };

async function loggedModelsOf(runId: string) {
  const models = await store().read(({ tracking }) => tracking.loggedModelsOfRun(runId, 1000));
  const byName = new Map<string, { id: string; key: string }>();
  for (const m of models) {
    if (byName.has(m.name)) continue; // the newest model of a name wins, as MLflow's runs:/ does
    try {
      byName.set(m.name, { id: m.id, key: artifactUriToKey(m.artifactLocation) });
    } catch {
      // stored outside this studio: nothing to browse
    }
  }
  return byName;
}

export async function getJobRoot(runId: string) {
  const run = await store().read(({ tracking }) => tracking.getRunInfo(runId));
  if (!run) throw notFound(`Job '${runId}' not found`);
  await requireOn("experiment", String(run.experimentId), "read");
  return { runKey: artifactUriToKey(run.artifactUri), loggedModels: await loggedModelsOf(runId) };
}

/** Store key for a path in a job's outputs; null when nothing is there. */
export async function resolveJobPath(runId: string, path: string): Promise<{ key: string; isDir: boolean; modelId: string | null } | null> {
  const clean = normalizeArtifactPath(path);
  const { runKey, loggedModels } = await getJobRoot(runId);
  const direct = joinArtifactPath(runKey, clean);
  const st = await artifactStore.stat(direct);
  if (st) return { key: direct, isDir: st.isDir, modelId: null };
  const [name, ...rest] = clean.split("/");
  const model = name ? loggedModels.get(name) : undefined;
  if (!model) return null;
  const key = joinArtifactPath(model.key, rest.join("/"));
  const viaModel = await artifactStore.stat(key);
  return viaModel ? { key, isDir: viaModel.isDir, modelId: model.id } : null;
}

/** Children of a folder in a job's outputs (logged models appear at the top level). */
export async function listJobOutputs(runId: string, path: string): Promise<OutputEntry[] | null> {
  const clean = normalizeArtifactPath(path);
  if (clean === "") {
    const { runKey, loggedModels } = await getJobRoot(runId);
    const entries: OutputEntry[] = (await artifactStore.list(runKey)) ?? [];
    const taken = new Set(entries.map((e) => e.path));
    for (const [name, m] of loggedModels) {
      if (!taken.has(name) && (await artifactStore.stat(m.key))?.isDir)
        entries.push({ path: name, isDir: true, size: 0, loggedModelId: m.id });
    }
    return entries.sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.path.localeCompare(b.path));
  }
  const resolved = await resolveJobPath(runId, clean);
  if (!resolved?.isDir) return null;
  return artifactStore.list(resolved.key);
}
