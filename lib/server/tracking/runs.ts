import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { invalidParam, notFound } from "@/lib/mlflow/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import type { KeyValue, RunData, RunInfoData } from "@/lib/tracking-types";
import { getExperimentOrThrow } from "./experiments";
import { runInclude, toRun } from "./mappers";
import { randomRunName } from "./run-names";

export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export const RUN_NAME_TAG = "mlflow.runName";
export const USER_TAG = "mlflow.user";

export function newRunId(): string {
  return randomUUID().replace(/-/g, "");
}

export async function createRun(input: {
  experimentId?: string;
  userId?: string;
  startTime?: number;
  runName?: string;
  tags?: KeyValue[];
}): Promise<RunData> {
  const exp = await getExperimentOrThrow(input.experimentId ?? "0");
  if (exp.lifecycleStage !== "active") {
    throw invalidParam(`The experiment ${exp.id} must be in the 'active' state. Current state is ${exp.lifecycleStage}.`);
  }
  const tags = new Map<string, string>();
  for (const t of input.tags ?? []) {
    validateKey("tag", t.key);
    tags.set(t.key, validateLength("Tag value", LIMITS.tagValue, t.value));
  }
  const tagName = tags.get(RUN_NAME_TAG);
  if (input.runName && tagName && input.runName !== tagName) {
    throw invalidParam(`Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.runName}', mlflow.runName='${tagName}').`);
  }
  const name = input.runName || tagName || randomRunName();
  tags.set(RUN_NAME_TAG, name);
  const userId = input.userId ?? tags.get(USER_TAG) ?? "";
  const id = newRunId();
  const row = await db.run.create({
    data: {
      id,
      experimentId: exp.id,
      name,
      userId,
      status: "RUNNING",
      sourceType: tags.get("mlflow.source.type") ?? "",
      sourceName: tags.get("mlflow.source.name") ?? "",
      startTime: BigInt(input.startTime ?? Date.now()),
      artifactUri: `${exp.artifactLocation.replace(/\/+$/, "")}/${id}/artifacts`,
      tags: { create: [...tags].map(([key, value]) => ({ key, value })) },
    },
    include: runInclude,
  });
  return toRun(row);
}

export async function getRunOrThrow(runId: string): Promise<RunData> {
  const row = await db.run.findUnique({ where: { id: String(runId) }, include: runInclude });
  if (!row) throw notFound(`Run with id=${runId} not found`);
  return toRun(row);
}

/** The run's info, refusing runs that are deleted (MLflow's `_check_run_is_active`). */
export async function getActiveRunInfo(runId: string): Promise<RunInfoData> {
  const r = await db.run.findUnique({ where: { id: String(runId) } });
  if (!r) throw notFound(`Run with id=${runId} not found`);
  if (r.lifecycleStage !== "active") {
    throw invalidParam(`The run ${runId} must be in the 'active' state. Current state is ${r.lifecycleStage}.`);
  }
  return {
    id: r.id, experimentId: r.experimentId, name: r.name, status: r.status, userId: r.userId,
    startTime: Number(r.startTime), endTime: r.endTime == null ? null : Number(r.endTime),
    artifactUri: r.artifactUri, lifecycleStage: r.lifecycleStage,
  };
}

export async function updateRun(input: { runId: string; status?: string; endTime?: number; runName?: string }): Promise<RunInfoData> {
  await getActiveRunInfo(input.runId);
  if (input.status && !(RUN_STATUSES as readonly string[]).includes(input.status)) {
    throw invalidParam(`Invalid run status '${input.status}'. Expected one of ${RUN_STATUSES.join(", ")}`);
  }
  await db.$transaction(async (tx) => {
    await tx.run.update({
      where: { id: input.runId },
      data: {
        ...(input.status ? { status: input.status } : {}),
        ...(input.endTime !== undefined ? { endTime: BigInt(input.endTime) } : {}),
        ...(input.runName ? { name: input.runName } : {}),
      },
    });
    if (input.runName) {
      await tx.runTag.upsert({
        where: { runId_key: { runId: input.runId, key: RUN_NAME_TAG } },
        create: { runId: input.runId, key: RUN_NAME_TAG, value: input.runName },
        update: { value: input.runName },
      });
    }
  });
  return (await getRunOrThrow(input.runId)).info;
}

export async function setRunLifecycle(runId: string, stage: "active" | "deleted"): Promise<void> {
  const r = await db.run.findUnique({ where: { id: String(runId) }, select: { id: true } });
  if (!r) throw notFound(`Run with id=${runId} not found`);
  await db.run.update({
    where: { id: r.id },
    data: { lifecycleStage: stage, deletedTime: stage === "deleted" ? BigInt(Date.now()) : null },
  });
}
