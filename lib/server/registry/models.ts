import "server-only";
import { StudioError, invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import { aliasProblem, modelNameProblem } from "@/lib/registry/names";
import type { RegisteredModelData } from "@/lib/registry-types";
import { store } from "@/lib/server/store";
import type { ModelRow, RegistryStore } from "@/lib/server/store/types";
import type { KeyValue } from "@/lib/tracking-types";

export function checkModelName(name: unknown): string {
  const problem = modelNameProblem(name);
  if (problem) throw invalidParam(problem);
  return name as string;
}

export function checkRegistryTag(t: KeyValue): KeyValue {
  validateKey("tag", t.key);
  validateLength("Registered model tag key", LIMITS.registryTagKey, t.key);
  validateLength("Registered model tag value", LIMITS.registryTagValue, t.value);
  return t;
}

const modelExists = (name: string) => new StudioError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${name}) already exists.`);

/** The model's row inside a unit of work, or RESOURCE_DOES_NOT_EXIST. */
export async function modelRowOrThrow(registry: RegistryStore, name: string): Promise<ModelRow> {
  const row = await registry.getModelRow(name);
  if (!row) throw notFound(`Registered Model with name=${name} not found`);
  return row;
}

export async function getRegisteredModelOrThrow(name: string): Promise<RegisteredModelData> {
  const model = await store().read(async ({ registry }) => {
    const row = await registry.getModelRow(name);
    return row ? (await registry.loadRegisteredModels([row.id]))[0] : undefined;
  });
  if (!model) throw notFound(`Registered Model with name=${name} not found`);
  return model;
}

export async function createRegisteredModel(input: {
  name: string;
  description?: string;
  tags?: KeyValue[];
  modelType?: string;
}): Promise<RegisteredModelData> {
  const name = checkModelName(input.name);
  const tags = (input.tags ?? []).map(checkRegistryTag);
  const id = await store().write(({ registry }) =>
    registry.insertRegisteredModel({
      name,
      description: input.description ?? "",
      modelType: input.modelType ?? "MLFLOW",
      tags,
      now: Date.now(),
    }),
  );
  if (id === null) throw modelExists(name);
  return getRegisteredModelOrThrow(name);
}

export async function updateRegisteredModel(name: string, description: string): Promise<RegisteredModelData> {
  await store().write(async ({ registry }) => {
    const row = await modelRowOrThrow(registry, name);
    await registry.updateModelDescription(row.id, description, Date.now());
  });
  return getRegisteredModelOrThrow(name);
}

export async function renameRegisteredModel(name: string, newName: string): Promise<RegisteredModelData> {
  const target = checkModelName(newName);
  await store().write(async ({ registry }) => {
    const row = await modelRowOrThrow(registry, name);
    if (target !== name && !(await registry.renameModel(row.id, target, Date.now()))) throw modelExists(target);
  });
  return getRegisteredModelOrThrow(target);
}

export async function setRegisteredModelTag(name: string, tag: KeyValue): Promise<void> {
  const t = checkRegistryTag(tag);
  await store().write(async ({ registry }) => registry.setModelTag((await modelRowOrThrow(registry, name)).id, t));
}

export async function deleteRegisteredModelTag(name: string, key: string): Promise<void> {
  const removed = await store().write(async ({ registry }) => registry.deleteModelTag((await modelRowOrThrow(registry, name)).id, key));
  if (removed === 0) throw notFound(`No tag with key '${key}' on registered model '${name}'`);
}

export async function setAlias(name: string, alias: string, version: number): Promise<void> {
  const problem = aliasProblem(alias);
  if (problem) throw invalidParam(problem);
  await store().write(async ({ registry }) => {
    const row = await modelRowOrThrow(registry, name);
    if ((await registry.versionId(row.id, version)) === null) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
    await registry.setAlias(row.id, alias, version);
  });
}

export async function deleteAlias(name: string, alias: string): Promise<void> {
  await store().write(async ({ registry }) => registry.deleteAlias((await modelRowOrThrow(registry, name)).id, alias));
}

/** For the Register dialog: names starting with `prefix`, newest first. */
export async function lookupModelNames(prefix: string, limit = 20): Promise<string[]> {
  return store().read(({ registry }) => registry.modelNames(prefix, limit));
}

/** For the Register dialog: whether `name` exists, its newest version number and its type. */
export async function lookupModel(name: string): Promise<{ exists: boolean; lastVersion: number; modelType: string | null }> {
  const row = await store().read(({ registry }) => registry.getModelRow(name));
  return { exists: !!row, lastVersion: row?.lastVersion ?? 0, modelType: row?.modelType ?? null };
}
