import "server-only";
import { db } from "@/lib/db";
import { invalidParam, notFound } from "@/lib/errors";
import { aliasProblem } from "@/lib/registry/names";
import type { ModelVersionData } from "@/lib/registry-types";
import type { KeyValue } from "@/lib/tracking-types";
import { checkRegistryTag, getModelRowOrThrow } from "./models";
import { toModelVersion, versionInclude } from "./mappers";
import { removeSnapshot } from "./snapshot";

export const STAGES = ["None", "Staging", "Production", "Archived"] as const;

export function parseVersion(v: unknown): number {
  const s = String(v ?? "").trim();
  if (!/^\d{1,9}$/.test(s) || Number(s) < 1) throw invalidParam(`Model version must be an integer, got '${v ?? ""}'`);
  return Number(s);
}

async function versionRowOrThrow(name: string, version: number) {
  const model = await getModelRowOrThrow(name);
  const row = await db.modelVersion.findUnique({
    where: { registeredModelId_version: { registeredModelId: model.id, version } },
    include: versionInclude,
  });
  if (!row) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
  return row;
}

export async function getModelVersionOrThrow(name: string, version: number): Promise<ModelVersionData> {
  return toModelVersion(await versionRowOrThrow(name, version));
}

/** `@latest` is the newest version, as in MLflow; a missing alias is INVALID_PARAMETER_VALUE. */
export async function getModelVersionByAlias(name: string, alias: string): Promise<ModelVersionData> {
  const model = await getModelRowOrThrow(name);
  if (alias.toLowerCase() === "latest") {
    const newest = await db.modelVersion.findFirst({ where: { registeredModelId: model.id }, orderBy: { version: "desc" }, include: versionInclude });
    if (!newest) throw invalidParam(`Registered model '${name}' has no versions`);
    return toModelVersion(newest);
  }
  const problem = aliasProblem(alias);
  if (problem) throw invalidParam(problem);
  const hit = model.aliases.find((a) => a.alias === alias);
  if (!hit) throw invalidParam(`Registered model alias ${alias} not found.`);
  return getModelVersionOrThrow(name, hit.version);
}

export async function updateModelVersionDescription(name: string, version: number, description: string): Promise<ModelVersionData> {
  const row = await versionRowOrThrow(name, version);
  await db.modelVersion.update({ where: { id: row.id }, data: { description, lastUpdatedTimestamp: BigInt(Date.now()) } });
  return getModelVersionOrThrow(name, version);
}

export async function setModelVersionTag(name: string, version: number, tag: KeyValue): Promise<void> {
  const row = await versionRowOrThrow(name, version);
  const t = checkRegistryTag(tag);
  await db.modelVersionTag.upsert({
    where: { modelVersionId_key: { modelVersionId: row.id, key: t.key } },
    create: { modelVersionId: row.id, key: t.key, value: t.value },
    update: { value: t.value },
  });
}

export async function deleteModelVersionTag(name: string, version: number, key: string): Promise<void> {
  const row = await versionRowOrThrow(name, version);
  const res = await db.modelVersionTag.deleteMany({ where: { modelVersionId: row.id, key } });
  if (res.count === 0) throw notFound(`No tag with key '${key}' on model version ${name}/${version}`);
}

export async function transitionStage(name: string, version: number, stage: string, archiveExisting: boolean): Promise<ModelVersionData> {
  const canonical = STAGES.find((s) => s.toLowerCase() === stage.trim().toLowerCase());
  if (!canonical) throw invalidParam(`Invalid Model Version stage: ${stage}. Value must be one of ${STAGES.join(", ")}.`);
  const row = await versionRowOrThrow(name, version);
  const now = BigInt(Date.now());
  await db.$transaction(async (tx) => {
    if (archiveExisting && (canonical === "Staging" || canonical === "Production")) {
      await tx.modelVersion.updateMany({
        where: { registeredModelId: row.registeredModelId, currentStage: canonical, NOT: { id: row.id } },
        data: { currentStage: "Archived", lastUpdatedTimestamp: now },
      });
    }
    await tx.modelVersion.update({ where: { id: row.id }, data: { currentStage: canonical, lastUpdatedTimestamp: now } });
  });
  return getModelVersionOrThrow(name, version);
}

export async function getLatestVersions(name: string, stages: string[]): Promise<ModelVersionData[]> {
  const model = await getModelRowOrThrow(name);
  const wanted = stages.length ? stages.map((s) => STAGES.find((x) => x.toLowerCase() === s.toLowerCase()) ?? s) : [...STAGES];
  const out: ModelVersionData[] = [];
  for (const stage of wanted) {
    const row = await db.modelVersion.findFirst({
      where: { registeredModelId: model.id, currentStage: stage },
      orderBy: { version: "desc" },
      include: versionInclude,
    });
    if (row) out.push(toModelVersion(row));
  }
  return out;
}

/** Where the version's files are: always the registry's own snapshot, never the job's outputs. */
export async function getDownloadUri(name: string, version: number): Promise<string> {
  const v = await getModelVersionOrThrow(name, version);
  if (!v.storageLocation) throw invalidParam(`Model version ${name}/${version} has no stored files (status ${v.status})`);
  return v.storageLocation;
}

export async function deleteModelVersion(name: string, version: number): Promise<void> {
  const row = await versionRowOrThrow(name, version);
  await db.$transaction([
    db.registeredModelAlias.deleteMany({ where: { registeredModelId: row.registeredModelId, version } }),
    db.modelVersion.delete({ where: { id: row.id } }),
    db.registeredModel.update({ where: { id: row.registeredModelId }, data: { lastUpdatedTimestamp: BigInt(Date.now()) } }),
  ]);
  if (row.storageLocation) await removeSnapshot(row.storageLocation);
}

export async function deleteRegisteredModel(name: string): Promise<void> {
  const model = await getModelRowOrThrow(name);
  const versions = await db.modelVersion.findMany({ where: { registeredModelId: model.id }, select: { storageLocation: true } });
  await db.registeredModel.delete({ where: { id: model.id } });
  for (const v of versions) if (v.storageLocation) await removeSnapshot(v.storageLocation);
}
