import "server-only";
import { db } from "@/lib/db";
import { StudioError, invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateKey, validateLength } from "@/lib/mlflow/limits";
import { aliasProblem, modelNameProblem } from "@/lib/registry/names";
import type { RegisteredModelData } from "@/lib/registry-types";
import type { KeyValue } from "@/lib/tracking-types";
import { withSql } from "@/lib/server/sql/db";
import { modelInclude } from "./mappers";
import { loadRegisteredModels } from "./registry-rows";

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

export async function getModelRowOrThrow(name: string) {
  const row = await db.registeredModel.findUnique({ where: { name }, include: modelInclude });
  if (!row) throw notFound(`Registered Model with name=${name} not found`);
  return row;
}

export async function getRegisteredModelOrThrow(name: string): Promise<RegisteredModelData> {
  const [model] = await withSql((sql) => {
    const row = sql.get<{ id: number }>(`SELECT "id" FROM "RegisteredModel" WHERE "name" = ?`, [name]);
    return row ? loadRegisteredModels(sql, [row.id]) : [];
  });
  if (!model) throw notFound(`Registered Model with name=${name} not found`);
  return model;
}

export async function createRegisteredModel(input: { name: string; description?: string; tags?: KeyValue[]; modelType?: string }): Promise<RegisteredModelData> {
  const name = checkModelName(input.name);
  const tags = [...new Map((input.tags ?? []).map((t) => [t.key, checkRegistryTag(t).value]))].map(([key, value]) => ({ key, value }));
  const now = BigInt(Date.now());
  try {
    await db.registeredModel.create({
      data: {
        name, description: input.description ?? "", modelType: input.modelType ?? "MLFLOW",
        creationTimestamp: now, lastUpdatedTimestamp: now, tags: { create: tags },
      },
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new StudioError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${name}) already exists.`);
    throw e;
  }
  return getRegisteredModelOrThrow(name);
}

export async function updateRegisteredModel(name: string, description: string): Promise<RegisteredModelData> {
  const row = await getModelRowOrThrow(name);
  await db.registeredModel.update({ where: { id: row.id }, data: { description, lastUpdatedTimestamp: BigInt(Date.now()) } });
  return getRegisteredModelOrThrow(name);
}

export async function renameRegisteredModel(name: string, newName: string): Promise<RegisteredModelData> {
  const row = await getModelRowOrThrow(name);
  const target = checkModelName(newName);
  if (target !== name && (await db.registeredModel.findUnique({ where: { name: target }, select: { id: true } }))) {
    throw new StudioError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${target}) already exists.`);
  }
  await db.registeredModel.update({ where: { id: row.id }, data: { name: target, lastUpdatedTimestamp: BigInt(Date.now()) } });
  return getRegisteredModelOrThrow(target);
}

export async function setRegisteredModelTag(name: string, tag: KeyValue): Promise<void> {
  const row = await getModelRowOrThrow(name);
  const t = checkRegistryTag(tag);
  await db.registeredModelTag.upsert({
    where: { registeredModelId_key: { registeredModelId: row.id, key: t.key } },
    create: { registeredModelId: row.id, key: t.key, value: t.value },
    update: { value: t.value },
  });
}

export async function deleteRegisteredModelTag(name: string, key: string): Promise<void> {
  const row = await getModelRowOrThrow(name);
  const res = await db.registeredModelTag.deleteMany({ where: { registeredModelId: row.id, key } });
  if (res.count === 0) throw notFound(`No tag with key '${key}' on registered model '${name}'`);
}

export async function setAlias(name: string, alias: string, version: number): Promise<void> {
  const problem = aliasProblem(alias);
  if (problem) throw invalidParam(problem);
  const row = await getModelRowOrThrow(name);
  const exists = await db.modelVersion.findUnique({ where: { registeredModelId_version: { registeredModelId: row.id, version } }, select: { id: true } });
  if (!exists) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
  await db.registeredModelAlias.upsert({
    where: { registeredModelId_alias: { registeredModelId: row.id, alias } },
    create: { registeredModelId: row.id, alias, version },
    update: { version },
  });
}

export async function deleteAlias(name: string, alias: string): Promise<void> {
  const row = await getModelRowOrThrow(name);
  await db.registeredModelAlias.deleteMany({ where: { registeredModelId: row.id, alias } });
}
