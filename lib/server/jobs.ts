import "server-only";
import { isStudioError } from "@/lib/errors";
import { combinedFilter, type JobsQuery } from "@/lib/jobs-query";
import { versionsOfRun } from "@/lib/server/registry/versions";
import { canCreateModels, capabilitiesOn, hiddenKeys } from "@/lib/server/auth/guard";
import { store } from "@/lib/server/store";
import { findRun } from "@/lib/server/tracking/runs";
import { searchRuns } from "@/lib/server/tracking/search-runs";
import type { RunData } from "@/lib/tracking-types";

export type JobRow = {
  id: string;
  name: string;
  status: string;
  experimentId: string;
  experimentName: string;
  userId: string;
  startTime: number;
  endTime: number | null;
  params: Record<string, string>;
  metrics: Record<string, number>;
};

export type ExperimentOption = { id: string; name: string };

/**
 * Active experiments for the picker. No per-experiment job counts: counting every run on every
 * page view would make the Jobs list cost grow with the number of jobs.
 */
export async function listExperimentOptions(): Promise<ExperimentOption[]> {
  const [experiments, hidden] = await Promise.all([
    store().read(({ tracking }) => tracking.listExperiments({ activeOnly: true, limit: 1000 })),
    hiddenKeys("experiment"),
  ]);
  return experiments.filter((e) => !hidden.has(String(e.id))).map((e) => ({ id: String(e.id), name: e.name }));
}

function toRow(r: RunData, names: Map<number, string>): JobRow {
  return {
    id: r.info.id,
    name: r.info.name,
    status: r.info.status,
    experimentId: String(r.info.experimentId),
    experimentName: names.get(r.info.experimentId) ?? String(r.info.experimentId),
    userId: r.info.userId,
    startTime: r.info.startTime,
    endTime: r.info.endTime,
    params: Object.fromEntries(r.params.map((p) => [p.key, p.value])),
    metrics: Object.fromEntries(r.metrics.map((m) => [m.key, m.value])),
  };
}

/**
 * One page of jobs for the Jobs list: the runs search (filter grammar compiled to SQL) over the
 * chosen experiments, or all of them. A bad filter comes back as a message, not an exception.
 */
export async function listJobs(q: JobsQuery) {
  const ids = q.experiments.length ? q.experiments : "all";
  try {
    const res = await searchRuns({
      experimentIds: ids,
      filter: combinedFilter(q),
      runViewType: "ACTIVE_ONLY",
      maxResults: q.size,
      orderBy: q.sort ? [q.sort] : [],
      pageToken: q.page || undefined,
    });
    // Names of just this page's experiments (the picker may list only the first 1,000).
    const expIds = [...new Set(res.runs.map((r) => r.info.experimentId))];
    const names = await store().read(({ tracking }) => tracking.experimentNames(expIds));
    return { rows: res.runs.map((r) => toRow(r, names)), nextPageToken: res.nextPageToken ?? null, error: null };
  } catch (e) {
    if (isStudioError(e)) return { rows: [], nextPageToken: null, error: e.message };
    throw e;
  }
}

export type JobDetail = {
  run: RunData;
  experimentName: string;
  loggedModels: { id: string; name: string; status: string; modelType: string | null; creationTimestamp: number }[];
  registeredVersions: { name: string; version: number }[];
  /** What the viewer may do here: the page hides the controls for the rest. */
  canEdit: boolean;
  canRegister: boolean;
};

/** Everything the job page shows, or null for an unknown job (the page answers 404). */
export async function getJobDetail(jobId: string): Promise<JobDetail | null> {
  const run = await findRun(jobId);
  if (!run) return null;
  // A job the caller may not read does not exist for them (the page answers 404).
  const caps = await capabilitiesOn("experiment", String(run.info.experimentId));
  if (!caps.canRead) return null;
  const [names, loggedModels, registeredVersions] = await Promise.all([
    store().read(({ tracking }) => tracking.experimentNames([run.info.experimentId])),
    store().read(({ tracking }) => tracking.loggedModelsOfRun(jobId, 100)),
    versionsOfRun(jobId),
  ]);
  return {
    run,
    experimentName: names.get(run.info.experimentId) ?? String(run.info.experimentId),
    loggedModels: loggedModels.map(({ artifactLocation: _a, ...m }) => m),
    registeredVersions,
    canEdit: caps.canEdit,
    canRegister: canCreateModels(),
  };
}
