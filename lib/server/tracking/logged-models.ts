import "server-only";
import { randomUUID } from "node:crypto";
import { invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import { store } from "@/lib/server/store";
import type { KeyValue, LoggedModelData } from "@/lib/tracking-types";
import { getExperimentOrThrow } from "./experiments";
import { randomRunName } from "./run-names";

export const LOGGED_MODEL_STATUSES = ["LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED"] as const;

function checkTags(tags: KeyValue[]) {
  for (const t of tags) {
    validateKey("tag", t.key);
    validateLength("Tag value", LIMITS.loggedModelTagValue, t.value);
  }
}

function checkParams(params: KeyValue[]) {
  for (const p of params) {
    validateKey("parameter", p.key);
    validateLength("Param value", LIMITS.paramValue, p.value);
  }
}

export async function createLoggedModel(input: {
  experimentId: string;
  name?: string;
  modelType?: string;
  sourceRunId?: string;
  params?: KeyValue[];
  tags?: KeyValue[];
}): Promise<LoggedModelData> {
  const exp = await getExperimentOrThrow(input.experimentId);
  if (exp.lifecycleStage !== "active") throw invalidParam(`The experiment ${exp.id} must be in the 'active' state.`);
  const params = dedupe(input.params ?? []);
  const tags = dedupe(input.tags ?? []);
  checkParams(params);
  checkTags(tags);
  const id = `m-${randomUUID().replace(/-/g, "")}`;
  // MLflow does not require source_run_id to name a run this server holds.
  await store().write(({ tracking }) =>
    tracking.insertLoggedModel({
      id,
      experimentId: exp.id,
      name: input.name || randomRunName(),
      artifactLocation: `${exp.artifactLocation.replace(/\/+$/, "")}/models/${id}/artifacts`,
      modelType: input.modelType ?? null,
      sourceRunId: input.sourceRunId ?? null,
      params,
      tags,
      now: Date.now(),
    }),
  );
  return getLoggedModelOrThrow(id);
}

function dedupe(items: KeyValue[]): KeyValue[] {
  return [...new Map(items.map((i) => [i.key, i.value]))].map(([key, value]) => ({ key, value }));
}

export async function getLoggedModelOrThrow(id: string): Promise<LoggedModelData> {
  const [model] = await store().read(({ tracking }) => tracking.loadLoggedModels([id]));
  if (!model) throw notFound(`Logged model with ID '${id}' not found`);
  return model;
}

export async function finalizeLoggedModel(id: string, status: string): Promise<LoggedModelData> {
  await getLoggedModelOrThrow(id);
  if (!(LOGGED_MODEL_STATUSES as readonly string[]).includes(status)) {
    throw invalidParam(`Invalid logged model status '${status}'. Expected one of ${LOGGED_MODEL_STATUSES.join(", ")}`);
  }
  await store().write(({ tracking }) => tracking.setLoggedModelStatus(id, status, Date.now()));
  return getLoggedModelOrThrow(id);
}

export async function setLoggedModelTags(id: string, tags: KeyValue[]): Promise<void> {
  await getLoggedModelOrThrow(id);
  const clean = dedupe(tags);
  checkTags(clean);
  await store().write(({ tracking }) => tracking.setLoggedModelTags(id, clean));
}

export async function deleteLoggedModelTag(id: string, key: string): Promise<void> {
  await getLoggedModelOrThrow(id);
  const removed = await store().write(({ tracking }) => tracking.deleteLoggedModelTag(id, key));
  if (removed === 0) throw notFound(`No tag with key '${key}' found for logged model '${id}'`);
}

export async function logLoggedModelParams(id: string, params: KeyValue[]): Promise<void> {
  await getLoggedModelOrThrow(id);
  const clean = dedupe(params);
  checkParams(clean);
  await store().write(({ tracking }) => tracking.setLoggedModelParams(id, clean));
}

/** Soft delete: the model disappears from get and search; its files stay until garbage collection. */
export async function deleteLoggedModel(id: string): Promise<void> {
  await getLoggedModelOrThrow(id);
  await store().write(({ tracking }) => tracking.deleteLoggedModel(id, Date.now()));
}

export async function getLoggedModelsByIds(ids: string[]): Promise<LoggedModelData[]> {
  return store().read(({ tracking }) => tracking.loadLoggedModels(ids));
}
