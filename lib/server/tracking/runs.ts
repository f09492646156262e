import "server-only";
import { randomUUID } from "node:crypto";
import { invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import { store } from "@/lib/server/store";
import type { TrackingStore } from "@/lib/server/store/types";
import type { KeyValue, RunData, RunInfoData } from "@/lib/tracking-types";
import { randomRunName } from "./run-names";

export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export const RUN_NAME_TAG = "mlflow.runName";
export const USER_TAG = "mlflow.user";

export function newRunId(): string {
  return randomUUID().replace(/-/g, "");
}

/** MLflow's `_check_run_is_active`, inside a unit of work. */
export async function activeRunOrThrow(tracking: TrackingStore, runId: string): Promise<RunInfoData> {
  const info = await tracking.getRunInfo(String(runId));
  if (!info) throw notFound(`Run with id=${runId} not found`);
  if (info.lifecycleStage !== "active") {
    throw invalidParam(`The run ${runId} must be in the 'active' state. Current state is ${info.lifecycleStage}.`);
  }
  return info;
}

export async function createRun(input: {
  experimentId?: string;
  userId?: string;
  startTime?: number;
  runName?: string;
  tags?: KeyValue[];
}): Promise<RunData> {
  const tags = new Map<string, string>();
  for (const t of input.tags ?? []) {
    validateKey("tag", t.key);
    tags.set(t.key, validateLength("Tag value", LIMITS.tagValue, t.value));
  }
  const tagName = tags.get(RUN_NAME_TAG);
  if (input.runName && tagName && input.runName !== tagName) {
    throw invalidParam(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.runName}', mlflow.runName='${tagName}').`,
    );
  }
  const name = input.runName || tagName || randomRunName();
  tags.set(RUN_NAME_TAG, name);
  const expId = String(input.experimentId ?? "0");
  if (!/^\d{1,15}$/.test(expId)) throw notFound(`No Experiment with id=${expId} exists`);
  const id = newRunId();
  const tagList = [...tags].map(([key, value]) => ({ key, value }));
  const info = await store().write(async ({ tracking }) => {
    const [exp] = await tracking.loadExperiments([Number(expId)]);
    if (!exp) throw notFound(`No Experiment with id=${expId} exists`);
    if (exp.lifecycleStage !== "active") {
      throw invalidParam(`The experiment ${exp.id} must be in the 'active' state. Current state is ${exp.lifecycleStage}.`);
    }
    const row: RunInfoData = {
      id,
      experimentId: exp.id,
      name,
      status: "RUNNING",
      userId: input.userId ?? tags.get(USER_TAG) ?? "",
      startTime: input.startTime ?? Date.now(),
      endTime: null,
      lifecycleStage: "active",
      artifactUri: `${exp.artifactLocation.replace(/\/+$/, "")}/${id}/artifacts`,
    };
    await tracking.insertRun(
      { ...row, sourceType: tags.get("mlflow.source.type") ?? "", sourceName: tags.get("mlflow.source.name") ?? "" },
      tagList,
    );
    return row;
  });
  return { info, params: [], tags: tagList, metrics: [], datasetInputs: [], modelInputs: [], modelOutputs: [] };
}

export async function getRunOrThrow(runId: string): Promise<RunData> {
  const [run] = await store().read(({ tracking }) => tracking.loadRuns([String(runId)]));
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return run;
}

/** The run, or null: for pages that answer 404 themselves. */
export async function findRun(runId: string): Promise<RunData | null> {
  const [run] = await store().read(({ tracking }) => tracking.loadRuns([String(runId)]));
  return run ?? null;
}

export async function updateRun(input: { runId: string; status?: string; endTime?: number; runName?: string }): Promise<RunInfoData> {
  if (input.status && !(RUN_STATUSES as readonly string[]).includes(input.status)) {
    throw invalidParam(`Invalid run status '${input.status}'. Expected one of ${RUN_STATUSES.join(", ")}`);
  }
  return store().write(async ({ tracking }) => {
    const info = await activeRunOrThrow(tracking, input.runId);
    const next = {
      ...info,
      ...(input.status ? { status: input.status } : {}),
      ...(input.endTime !== undefined ? { endTime: input.endTime } : {}),
      ...(input.runName ? { name: input.runName } : {}),
    };
    await tracking.updateRun(info.id, { status: next.status, endTime: next.endTime, name: next.name });
    if (input.runName) await tracking.setRunTags(info.id, [{ key: RUN_NAME_TAG, value: input.runName }]);
    return next;
  });
}

export async function setRunLifecycle(runId: string, stage: "active" | "deleted"): Promise<void> {
  const changed = await store().write(({ tracking }) =>
    tracking.setRunLifecycle(String(runId), stage, stage === "deleted" ? Date.now() : null),
  );
  if (changed === 0) throw notFound(`Run with id=${runId} not found`);
}
