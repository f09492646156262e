import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { withSql, type SyncSql } from "@/lib/server/sql/db";
import { invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import type { KeyValue, RunData, RunInfoData } from "@/lib/tracking-types";
import { randomRunName } from "./run-names";
import { getRunInfo, loadRuns } from "./run-rows";

export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export const RUN_NAME_TAG = "mlflow.runName";
export const USER_TAG = "mlflow.user";

export function newRunId(): string {
  return randomUUID().replace(/-/g, "");
}

function activeRunOrThrow(sql: SyncSql, runId: string): RunInfoData {
  const info = getRunInfo(sql, String(runId));
  if (!info) throw notFound(`Run with id=${runId} not found`);
  if (info.lifecycleStage !== "active") {
    throw invalidParam(`The run ${runId} must be in the 'active' state. Current state is ${info.lifecycleStage}.`);
  }
  return info;
}
export { activeRunOrThrow };

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
    throw invalidParam(`Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.runName}', mlflow.runName='${tagName}').`);
  }
  const name = input.runName || tagName || randomRunName();
  tags.set(RUN_NAME_TAG, name);
  const expId = String(input.experimentId ?? "0");
  if (!/^\d{1,15}$/.test(expId)) throw notFound(`No Experiment with id=${expId} exists`);
  const id = newRunId();
  const info = await withSql((sql) => {
    const exp = sql.get<{ id: number; artifactLocation: string; lifecycleStage: string }>(
      `SELECT "id", "artifactLocation", "lifecycleStage" FROM "Experiment" WHERE "id" = ?`, [Number(expId)]);
    if (!exp) throw notFound(`No Experiment with id=${expId} exists`);
    if (exp.lifecycleStage !== "active") {
      throw invalidParam(`The experiment ${exp.id} must be in the 'active' state. Current state is ${exp.lifecycleStage}.`);
    }
    const row: RunInfoData = {
      id, experimentId: exp.id, name, status: "RUNNING", userId: input.userId ?? tags.get(USER_TAG) ?? "",
      startTime: input.startTime ?? Date.now(), endTime: null, lifecycleStage: "active",
      artifactUri: `${exp.artifactLocation.replace(/\/+$/, "")}/${id}/artifacts`,
    };
    sql.run(
      `INSERT INTO "Run" ("id", "experimentId", "name", "status", "userId", "sourceType", "sourceName", "startTime", "lifecycleStage", "artifactUri")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, exp.id, name, row.status, row.userId, tags.get("mlflow.source.type") ?? "", tags.get("mlflow.source.name") ?? "", row.startTime, "active", row.artifactUri],
    );
    for (const [key, value] of tags) sql.run(`INSERT INTO "RunTag" ("runId", "key", "value") VALUES (?, ?, ?)`, [id, key, value]);
    return row;
  }, { write: true });
  return {
    info, params: [], tags: [...tags].map(([key, value]) => ({ key, value })), metrics: [],
    datasetInputs: [], modelInputs: [], modelOutputs: [],
  };
}

export async function getRunOrThrow(runId: string): Promise<RunData> {
  const run = await withSql((sql) => loadRuns(sql, [String(runId)])[0]);
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return run;
}

/** The run's info, refusing runs that are deleted (MLflow's `_check_run_is_active`). */
export async function getActiveRunInfo(runId: string): Promise<RunInfoData> {
  return withSql((sql) => activeRunOrThrow(sql, runId));
}

export async function updateRun(input: { runId: string; status?: string; endTime?: number; runName?: string }): Promise<RunInfoData> {
  if (input.status && !(RUN_STATUSES as readonly string[]).includes(input.status)) {
    throw invalidParam(`Invalid run status '${input.status}'. Expected one of ${RUN_STATUSES.join(", ")}`);
  }
  return withSql((sql) => {
    const info = activeRunOrThrow(sql, input.runId);
    const next = {
      ...info,
      ...(input.status ? { status: input.status } : {}),
      ...(input.endTime !== undefined ? { endTime: input.endTime } : {}),
      ...(input.runName ? { name: input.runName } : {}),
    };
    sql.run(`UPDATE "Run" SET "status" = ?, "endTime" = ?, "name" = ? WHERE "id" = ?`, [next.status, next.endTime, next.name, info.id]);
    if (input.runName) {
      sql.run(`INSERT INTO "RunTag" ("runId", "key", "value") VALUES (?, ?, ?) ON CONFLICT ("runId", "key") DO UPDATE SET "value" = excluded."value"`,
        [info.id, RUN_NAME_TAG, input.runName]);
    }
    return next;
  }, { write: true });
}

export async function setRunLifecycle(runId: string, stage: "active" | "deleted"): Promise<void> {
  const r = await db.run.findUnique({ where: { id: String(runId) }, select: { id: true } });
  if (!r) throw notFound(`Run with id=${runId} not found`);
  await db.run.update({
    where: { id: r.id },
    data: { lifecycleStage: stage, deletedTime: stage === "deleted" ? BigInt(Date.now()) : null },
  });
}
