import "server-only";
import type { Need } from "@/lib/auth/permissions";
import { store } from "@/lib/server/store";
import { requireOn, requireSignedIn } from "./guard";

/**
 * Which experiment or registered model a request is about, found from its fields the way MLflow's
 * auth finds it: an experiment id or name, a run's experiment, a logged model's experiment, a
 * registered model's name. Null when the thing does not exist: the service then answers its own
 * RESOURCE_DOES_NOT_EXIST (after the caller is known to be signed in).
 */
const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

export async function experimentOfRun(runId: string): Promise<string | null> {
  if (!runId) return null;
  const info = await store().read(({ tracking }) => tracking.getRunInfo(runId));
  return info ? String(info.experimentId) : null;
}

export async function experimentOfLoggedModel(modelId: string): Promise<string | null> {
  if (!modelId) return null;
  const [m] = await store().read(({ tracking }) => tracking.loadLoggedModels([modelId], { includeDeleted: true }));
  return m ? String(m.experimentId) : null;
}

export async function experimentByName(name: string): Promise<string | null> {
  if (!name) return null;
  const e = await store().read(({ tracking }) => tracking.findExperiment(name));
  return e ? String(e.id) : null;
}

export async function modelNameById(id: number): Promise<string | null> {
  if (!Number.isSafeInteger(id)) return null;
  const [m] = await store().read(({ registry }) => registry.loadRegisteredModels([id]));
  return m ? m.name : null;
}

/** Field readers for the access table. */
export const field = {
  experimentId: (input: Record<string, unknown>) => str(input.experiment_id) || null,
  runId: (input: Record<string, unknown>) => str(input.run_id) || str(input.run_uuid),
  name: (input: Record<string, unknown>) => str(input.name) || null,
  experimentIds: (input: Record<string, unknown>) => {
    const ids = input.experiment_ids;
    return (Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]).map(str).filter(Boolean);
  },
};

/** The caller's right on a job (run), through its experiment; an unknown job is left to the service's 404. */
export async function requireOnRun(runId: string, need: Need): Promise<void> {
  requireSignedIn();
  const experiment = await experimentOfRun(runId);
  if (experiment !== null) await requireOn("experiment", experiment, need);
}
