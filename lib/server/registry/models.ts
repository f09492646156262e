import "server-only";
import { StudioError, invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import { aliasProblem, modelNameProblem } from "@/lib/registry/names";
import type { RegisteredModelData } from "@/lib/registry-types";
import { grantCreator } from "@/lib/server/auth/accounts";
import { recordAudit } from "@/lib/server/auth/audit";
import { hiddenKeys, requireCreate, requireOn } from "@/lib/server/auth/guard";
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
  await requireCreate("registered_model", name);
  const id = await store().write(async ({ registry, auth }) => {
    const created = await registry.insertRegisteredModel({
      name,
      description: input.description ?? "",
      modelType: input.modelType ?? "MLFLOW",
      tags,
      now: Date.now(),
    });
    if (created !== null) {
      await grantCreator(auth, "registered_model", name);
      await recordAudit(auth, "create_model", "registered_model", name, { tags: tags.length ? tags : undefined });
    }
    return created;
  });
  if (id === null) throw modelExists(name);
  return getRegisteredModelOrThrow(name);
}

export async function updateRegisteredModel(name: string, description: string): Promise<RegisteredModelData> {
  await requireOn("registered_model", name, "update");
  await store().write(async ({ registry, auth }) => {
    const row = await modelRowOrThrow(registry, name);
    await registry.updateModelDescription(row.id, description, Date.now());
    await recordAudit(auth, "update_description", "registered_model", name, { length: description.length });
  });
  return getRegisteredModelOrThrow(name);
}

export async function renameRegisteredModel(name: string, newName: string): Promise<RegisteredModelData> {
  const target = checkModelName(newName);
  await requireOn("registered_model", name, "update");
  await store().write(async ({ registry, auth }) => {
    const row = await modelRowOrThrow(registry, name);
    if (target === name) return;
    if (!(await registry.renameModel(row.id, target, Date.now()))) throw modelExists(target);
    // Grants and history follow the model to its new name.
    await auth.renameGrants("registered_model", name, target);
    await recordAudit(auth, "rename_model", "registered_model", target, { from: name, to: target });
  });
  return getRegisteredModelOrThrow(target);
}

export async function setRegisteredModelTag(name: string, tag: KeyValue): Promise<void> {
  const t = checkRegistryTag(tag);
  await requireOn("registered_model", name, "update");
  await store().write(async ({ registry, auth }) => {
    await registry.setModelTag((await modelRowOrThrow(registry, name)).id, t);
    await recordAudit(auth, "set_tag", "registered_model", name, { key: t.key, value: t.value.slice(0, 200) });
  });
}

export async function deleteRegisteredModelTag(name: string, key: string): Promise<void> {
  await requireOn("registered_model", name, "delete");
  const removed = await store().write(async ({ registry, auth }) => {
    const n = await registry.deleteModelTag((await modelRowOrThrow(registry, name)).id, key);
    if (n) await recordAudit(auth, "delete_tag", "registered_model", name, { key });
    return n;
  });
  if (removed === 0) throw notFound(`No tag with key '${key}' on registered model '${name}'`);
}

export async function setAlias(name: string, alias: string, version: number): Promise<void> {
  const problem = aliasProblem(alias);
  if (problem) throw invalidParam(problem);
  await requireOn("registered_model", name, "update");
  await store().write(async ({ registry, auth }) => {
    const row = await modelRowOrThrow(registry, name);
    if ((await registry.versionId(row.id, version)) === null) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
    await registry.setAlias(row.id, alias, version);
    await recordAudit(auth, "set_alias", "registered_model", name, { alias, version });
  });
}

export async function deleteAlias(name: string, alias: string): Promise<void> {
  await requireOn("registered_model", name, "delete");
  await store().write(async ({ registry, auth }) => {
    const n = await registry.deleteAlias((await modelRowOrThrow(registry, name)).id, alias);
    if (n) await recordAudit(auth, "delete_alias", "registered_model", name, { alias });
  });
}

/** For the Register dialog: names starting with `prefix`, newest first. */
export async function lookupModelNames(prefix: string, limit = 20): Promise<string[]> {
  const hidden = await hiddenKeys("registered_model");
  const names = await store().read(({ registry }) => registry.modelNames(prefix, limit + hidden.size));
  return names.filter((n) => !hidden.has(n)).slice(0, limit);
}

/** For the Register dialog: whether `name` exists, its newest version number and its type. */
export async function lookupModel(name: string): Promise<{ exists: boolean; lastVersion: number; modelType: string | null }> {
  const row = await store().read(({ registry }) => registry.getModelRow(name));
  return { exists: !!row, lastVersion: row?.lastVersion ?? 0, modelType: row?.modelType ?? null };
}
