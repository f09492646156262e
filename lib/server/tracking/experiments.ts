import "server-only";
import { db } from "@/lib/db";
import { alreadyExists, invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import type { ExperimentData, KeyValue } from "@/lib/tracking-types";
import { withSql } from "@/lib/server/sql/db";
import { experimentIdByName, loadExperiments } from "./experiment-rows";

function parseExperimentId(id: string | number): number {
  const s = String(id).trim();
  if (!/^\d{1,15}$/.test(s)) throw notFound(`No Experiment with id=${id} exists`);
  return Number(s);
}

function validateName(name: unknown): string {
  if (typeof name !== "string" || name.trim() === "") throw invalidParam(`Invalid experiment name: '${name ?? ""}'`);
  if (name.length > LIMITS.experimentName) {
    throw invalidParam(`Experiment name exceeds the maximum length of ${LIMITS.experimentName} characters`);
  }
  return name;
}

function validateExperimentTag(t: KeyValue): KeyValue {
  validateKey("tag", t.key);
  validateLength("Tag key", LIMITS.experimentTagKey, t.key);
  validateLength("Tag value", LIMITS.experimentTagValue, t.value);
  return t;
}

export async function createExperiment(input: { name: string; artifactLocation?: string; tags?: KeyValue[] }): Promise<string> {
  const name = validateName(input.name);
  const tags = (input.tags ?? []).map(validateExperimentTag);
  if (input.artifactLocation?.startsWith("runs:")) {
    throw invalidParam(`Artifact location cannot be a runs:/ URI. Given: '${input.artifactLocation}'`);
  }
  const existing = await db.experiment.findUnique({ where: { name }, select: { lifecycleStage: true } });
  if (existing) {
    throw alreadyExists(
      existing.lifecycleStage === "deleted"
        ? `Experiment '${name}' already exists in deleted state. You can restore the experiment, or permanently delete it.`
        : `Experiment '${name}' already exists.`,
    );
  }
  const now = BigInt(Date.now());
  const created = await db.$transaction(async (tx) => {
    const row = await tx.experiment.create({
      data: { name, artifactLocation: input.artifactLocation ?? "", creationTime: now, lastUpdateTime: now, tags: { create: tags } },
    });
    if (!input.artifactLocation) {
      await tx.experiment.update({ where: { id: row.id }, data: { artifactLocation: `mlflow-artifacts:/${row.id}` } });
    }
    return row;
  });
  return String(created.id);
}

export async function getExperimentOrThrow(id: string | number): Promise<ExperimentData> {
  const numeric = parseExperimentId(id);
  const [exp] = await withSql((sql) => loadExperiments(sql, [numeric]));
  if (!exp) throw notFound(`No Experiment with id=${id} exists`);
  return exp;
}

export async function getExperimentByNameOrThrow(name: string): Promise<ExperimentData> {
  const exp = await withSql((sql) => {
    const id = experimentIdByName(sql, name);
    return id === null ? undefined : loadExperiments(sql, [id])[0];
  });
  if (!exp) throw notFound(`Could not find experiment with name '${name}'`);
  return exp;
}

export async function renameExperiment(id: string, newName: string): Promise<void> {
  const exp = await getExperimentOrThrow(id);
  const name = validateName(newName);
  if (exp.lifecycleStage !== "active") throw invalidParam(`Cannot rename a non-active experiment.`);
  const clash = await db.experiment.findUnique({ where: { name }, select: { id: true } });
  if (clash && clash.id !== exp.id) throw alreadyExists(`Experiment '${name}' already exists.`);
  await db.experiment.update({ where: { id: exp.id }, data: { name, lastUpdateTime: BigInt(Date.now()) } });
}

/** Soft delete, as MLflow does: the experiment and its runs move to the `deleted` stage. */
export async function setExperimentLifecycle(id: string, stage: "active" | "deleted"): Promise<void> {
  const exp = await getExperimentOrThrow(id);
  if (stage === "deleted" && exp.id === 0) throw invalidParam("Cannot delete the default experiment '0'.");
  const now = BigInt(Date.now());
  await db.$transaction([
    db.experiment.update({ where: { id: exp.id }, data: { lifecycleStage: stage, lastUpdateTime: now } }),
    db.run.updateMany({
      where: { experimentId: exp.id, lifecycleStage: stage === "deleted" ? "active" : "deleted" },
      data: { lifecycleStage: stage, deletedTime: stage === "deleted" ? now : null },
    }),
  ]);
}

export async function setExperimentTag(id: string, tag: KeyValue): Promise<void> {
  const exp = await getExperimentOrThrow(id);
  if (exp.lifecycleStage !== "active") throw invalidParam(`The experiment ${id} must be in the 'active' state.`);
  const t = validateExperimentTag(tag);
  await db.experimentTag.upsert({
    where: { experimentId_key: { experimentId: exp.id, key: t.key } },
    create: { experimentId: exp.id, key: t.key, value: t.value },
    update: { value: t.value },
  });
}

export async function deleteExperimentTag(id: string, key: string): Promise<void> {
  const exp = await getExperimentOrThrow(id);
  const res = await db.experimentTag.deleteMany({ where: { experimentId: exp.id, key } });
  if (res.count === 0) throw notFound(`No tag with name: ${key} in experiment with id ${id}`);
}
