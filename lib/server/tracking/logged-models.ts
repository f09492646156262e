import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import type { KeyValue, LoggedModelData } from "@/lib/tracking-types";
import { getExperimentOrThrow } from "./experiments";
import { loggedModelInclude, toLoggedModel } from "./mappers";
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
  if (input.sourceRunId) {
    const run = await db.run.findUnique({ where: { id: input.sourceRunId }, select: { id: true } });
    if (!run) throw notFound(`Run with id=${input.sourceRunId} not found`);
  }
  const id = `m-${randomUUID().replace(/-/g, "")}`;
  const now = BigInt(Date.now());
  const row = await db.loggedModel.create({
    data: {
      id,
      experimentId: exp.id,
      name: input.name || randomRunName(),
      artifactLocation: `${exp.artifactLocation.replace(/\/+$/, "")}/models/${id}/artifacts`,
      creationTimestamp: now,
      lastUpdatedTimestamp: now,
      modelType: input.modelType ?? null,
      sourceRunId: input.sourceRunId ?? null,
      params: { create: params },
      tags: { create: tags },
    },
    include: loggedModelInclude,
  });
  return toLoggedModel(row);
}

function dedupe(items: KeyValue[]): KeyValue[] {
  return [...new Map(items.map((i) => [i.key, i.value]))].map(([key, value]) => ({ key, value }));
}

export async function getLoggedModelOrThrow(id: string): Promise<LoggedModelData> {
  const row = await db.loggedModel.findUnique({ where: { id }, include: loggedModelInclude });
  if (!row || row.lifecycleStage !== "active") throw notFound(`Logged model with ID '${id}' not found`);
  return toLoggedModel(row);
}

export async function finalizeLoggedModel(id: string, status: string): Promise<LoggedModelData> {
  await getLoggedModelOrThrow(id);
  if (!(LOGGED_MODEL_STATUSES as readonly string[]).includes(status)) {
    throw invalidParam(`Invalid logged model status '${status}'. Expected one of ${LOGGED_MODEL_STATUSES.join(", ")}`);
  }
  await db.loggedModel.update({ where: { id }, data: { status, lastUpdatedTimestamp: BigInt(Date.now()) } });
  return getLoggedModelOrThrow(id);
}

export async function setLoggedModelTags(id: string, tags: KeyValue[]): Promise<void> {
  await getLoggedModelOrThrow(id);
  const clean = dedupe(tags);
  checkTags(clean);
  await db.$transaction(
    clean.map((t) =>
      db.loggedModelTag.upsert({
        where: { modelId_key: { modelId: id, key: t.key } },
        create: { modelId: id, key: t.key, value: t.value },
        update: { value: t.value },
      }),
    ),
  );
}

export async function deleteLoggedModelTag(id: string, key: string): Promise<void> {
  await getLoggedModelOrThrow(id);
  const res = await db.loggedModelTag.deleteMany({ where: { modelId: id, key } });
  if (res.count === 0) throw notFound(`No tag with key '${key}' found for logged model '${id}'`);
}

export async function logLoggedModelParams(id: string, params: KeyValue[]): Promise<void> {
  await getLoggedModelOrThrow(id);
  const clean = dedupe(params);
  checkParams(clean);
  await db.$transaction(
    clean.map((p) =>
      db.loggedModelParam.upsert({
        where: { modelId_key: { modelId: id, key: p.key } },
        create: { modelId: id, key: p.key, value: p.value },
        update: { value: p.value },
      }),
    ),
  );
}

/** Soft delete: the model disappears from get and search; its files stay until garbage collection. */
export async function deleteLoggedModel(id: string): Promise<void> {
  await getLoggedModelOrThrow(id);
  await db.loggedModel.update({ where: { id }, data: { lifecycleStage: "deleted", lastUpdatedTimestamp: BigInt(Date.now()) } });
}

export async function getLoggedModelsByIds(ids: string[]): Promise<LoggedModelData[]> {
  if (ids.length === 0) return [];
  const rows = await db.loggedModel.findMany({ where: { id: { in: ids } }, include: loggedModelInclude });
  const byId = new Map(rows.map((r) => [r.id, toLoggedModel(r)]));
  return ids.map((id) => byId.get(id)).filter((m): m is LoggedModelData => !!m);
}
