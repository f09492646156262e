import "server-only";
import { alreadyExists, invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import { grantCreator } from "@/lib/server/auth/accounts";
import { store } from "@/lib/server/store";
import type { ExperimentData, KeyValue } from "@/lib/tracking-types";

export function parseExperimentId(id: string | number): number {
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

const existsMessage = (name: string, stage: string | undefined) =>
  stage === "deleted"
    ? `Experiment '${name}' already exists in deleted state. You can restore the experiment, or permanently delete it.`
    : `Experiment '${name}' already exists.`;

export async function createExperiment(input: { name: string; artifactLocation?: string; tags?: KeyValue[] }): Promise<string> {
  const name = validateName(input.name);
  const tags = (input.tags ?? []).map(validateExperimentTag);
  if (input.artifactLocation?.startsWith("runs:")) {
    throw invalidParam(`Artifact location cannot be a runs:/ URI. Given: '${input.artifactLocation}'`);
  }
  const id = await store().write(async ({ tracking, auth }) => {
    const created = await tracking.insertExperiment({ name, artifactLocation: input.artifactLocation ?? null, tags, now: Date.now() });
    if (created === null) throw alreadyExists(existsMessage(name, (await tracking.findExperiment(name))?.lifecycleStage));
    // The creator manages what they created, as in MLflow (only with accounts: no-op otherwise).
    await grantCreator(auth, "experiment", String(created));
    return created;
  });
  return String(id);
}

export async function getExperimentOrThrow(id: string | number): Promise<ExperimentData> {
  const numeric = parseExperimentId(id);
  const [exp] = await store().read(({ tracking }) => tracking.loadExperiments([numeric]));
  if (!exp) throw notFound(`No Experiment with id=${id} exists`);
  return exp;
}

export async function getExperimentByNameOrThrow(name: string): Promise<ExperimentData> {
  const exp = await store().read(async ({ tracking }) => {
    const found = await tracking.findExperiment(name);
    return found ? (await tracking.loadExperiments([found.id]))[0] : undefined;
  });
  if (!exp) throw notFound(`Could not find experiment with name '${name}'`);
  return exp;
}

export async function renameExperiment(id: string, newName: string): Promise<void> {
  const exp = await getExperimentOrThrow(id);
  const name = validateName(newName);
  if (exp.lifecycleStage !== "active") throw invalidParam(`Cannot rename a non-active experiment.`);
  const renamed = await store().write(({ tracking }) => tracking.renameExperiment(exp.id, name, Date.now()));
  if (!renamed) throw alreadyExists(`Experiment '${name}' already exists.`);
}

/** Soft delete, as MLflow does: the experiment and its runs move to the `deleted` stage. */
export async function setExperimentLifecycle(id: string, stage: "active" | "deleted"): Promise<void> {
  const exp = await getExperimentOrThrow(id);
  if (stage === "deleted" && exp.id === 0) throw invalidParam("Cannot delete the default experiment '0'.");
  await store().write(({ tracking }) => tracking.setExperimentLifecycle(exp.id, stage, Date.now()));
}

export async function setExperimentTag(id: string, tag: KeyValue): Promise<void> {
  const exp = await getExperimentOrThrow(id);
  if (exp.lifecycleStage !== "active") throw invalidParam(`The experiment ${id} must be in the 'active' state.`);
  const t = validateExperimentTag(tag);
  await store().write(({ tracking }) => tracking.setExperimentTag(exp.id, t));
}

export async function deleteExperimentTag(id: string, key: string): Promise<void> {
  const exp = await getExperimentOrThrow(id);
  const removed = await store().write(({ tracking }) => tracking.deleteExperimentTag(exp.id, key));
  if (removed === 0) throw notFound(`No tag with name: ${key} in experiment with id ${id}`);
}
