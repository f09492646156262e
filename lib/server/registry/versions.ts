import "server-only";
import { invalidParam, notFound } from "@/lib/errors";
import { aliasProblem } from "@/lib/registry/names";
import type { ModelVersionData } from "@/lib/registry-types";
import { recordAudit } from "@/lib/server/auth/audit";
import { requireOn } from "@/lib/server/auth/guard";
import { store } from "@/lib/server/store";
import type { RegistryStore } from "@/lib/server/store/types";
import type { KeyValue } from "@/lib/tracking-types";
import { checkRegistryTag, modelRowOrThrow } from "./models";
import { removeSnapshot } from "./snapshot";

export const STAGES = ["None", "Staging", "Production", "Archived"] as const;

export function parseVersion(v: unknown): number {
  const s = String(v ?? "").trim();
  if (!/^\d{1,9}$/.test(s) || Number(s) < 1) throw invalidParam(`Model version must be an integer, got '${v ?? ""}'`);
  return Number(s);
}

const versionNotFound = (name: string, version: number) => notFound(`Model Version (name=${name}, version=${version}) not found`);

/** The version's id and its model's id, inside a unit of work, or RESOURCE_DOES_NOT_EXIST. */
async function versionRefOrThrow(registry: RegistryStore, name: string, version: number) {
  const model = await modelRowOrThrow(registry, name);
  const id = await registry.versionId(model.id, version);
  if (id === null) throw versionNotFound(name, version);
  return { id, modelId: model.id };
}

async function loadOne(registry: RegistryStore, id: number): Promise<ModelVersionData> {
  const [v] = await registry.loadVersions([id]);
  if (!v) throw notFound(`Model version ${id} disappeared`);
  return v;
}

export async function getModelVersionOrThrow(name: string, version: number): Promise<ModelVersionData> {
  return store().read(async ({ registry }) => loadOne(registry, (await versionRefOrThrow(registry, name, version)).id));
}

/** `@latest` is the newest version, as in MLflow; a missing alias is INVALID_PARAMETER_VALUE. */
export async function getModelVersionByAlias(name: string, alias: string): Promise<ModelVersionData> {
  const problem = alias.toLowerCase() === "latest" ? null : aliasProblem(alias);
  if (problem) throw invalidParam(problem);
  return store().read(async ({ registry }) => {
    const model = await modelRowOrThrow(registry, name);
    if (alias.toLowerCase() === "latest") {
      const newest = await registry.newestVersionId(model.id);
      if (newest === null) throw invalidParam(`Registered model '${name}' has no versions`);
      return loadOne(registry, newest);
    }
    const hit = (await registry.getAliases(model.id)).find((a) => a.alias === alias);
    if (!hit) throw invalidParam(`Registered model alias ${alias} not found.`);
    const id = await registry.versionId(model.id, hit.version);
    if (id === null) throw versionNotFound(name, hit.version);
    return loadOne(registry, id);
  });
}

export async function updateModelVersionDescription(name: string, version: number, description: string): Promise<ModelVersionData> {
  await requireOn("registered_model", name, "update");
  await store().write(async ({ registry, auth }) => {
    await registry.updateVersionDescription((await versionRefOrThrow(registry, name, version)).id, description, Date.now());
    await recordAudit(auth, "update_version_description", "registered_model", name, { version, length: description.length });
  });
  return getModelVersionOrThrow(name, version);
}

export async function setModelVersionTag(name: string, version: number, tag: KeyValue): Promise<void> {
  const t = checkRegistryTag(tag);
  await requireOn("registered_model", name, "update");
  await store().write(async ({ registry, auth }) => {
    await registry.setVersionTag((await versionRefOrThrow(registry, name, version)).id, t);
    await recordAudit(auth, "set_version_tag", "registered_model", name, { version, key: t.key, value: t.value.slice(0, 200) });
  });
}

export async function deleteModelVersionTag(name: string, version: number, key: string): Promise<void> {
  await requireOn("registered_model", name, "delete");
  const removed = await store().write(async ({ registry, auth }) => {
    const n = await registry.deleteVersionTag((await versionRefOrThrow(registry, name, version)).id, key);
    if (n) await recordAudit(auth, "delete_version_tag", "registered_model", name, { version, key });
    return n;
  });
  if (removed === 0) throw notFound(`No tag with key '${key}' on model version ${name}/${version}`);
}

export async function transitionStage(name: string, version: number, stage: string, archiveExisting: boolean): Promise<ModelVersionData> {
  const canonical = STAGES.find((s) => s.toLowerCase() === stage.trim().toLowerCase());
  if (!canonical) throw invalidParam(`Invalid Model Version stage: ${stage}. Value must be one of ${STAGES.join(", ")}.`);
  await requireOn("registered_model", name, "update");
  await store().write(async ({ registry, auth }) => {
    const ref = await versionRefOrThrow(registry, name, version);
    const archiveOthers = archiveExisting && (canonical === "Staging" || canonical === "Production");
    await registry.setVersionStage(ref.id, ref.modelId, canonical, archiveOthers, Date.now());
    await recordAudit(auth, "transition_stage", "registered_model", name, { version, stage: canonical, archiveExisting: archiveOthers });
  });
  return getModelVersionOrThrow(name, version);
}

export async function getLatestVersions(name: string, stages: string[]): Promise<ModelVersionData[]> {
  const wanted = stages.length ? stages.map((s) => STAGES.find((x) => x.toLowerCase() === s.toLowerCase()) ?? s) : [...STAGES];
  return store().read(async ({ registry }) => {
    const model = await modelRowOrThrow(registry, name);
    return registry.loadVersions(await registry.latestVersionIds(model.id, wanted));
  });
}

/** Where the version's files are: always the registry's own snapshot, never the job's outputs. */
export async function getDownloadUri(name: string, version: number): Promise<string> {
  const v = await getModelVersionOrThrow(name, version);
  if (!v.storageLocation) throw invalidParam(`Model version ${name}/${version} has no stored files (status ${v.status})`);
  return v.storageLocation;
}

export async function deleteModelVersion(name: string, version: number): Promise<void> {
  await requireOn("registered_model", name, "delete");
  const location = await store().write(async ({ registry, auth }) => {
    const loc = await registry.deleteVersion((await versionRefOrThrow(registry, name, version)).id, Date.now());
    await recordAudit(auth, "delete_version", "registered_model", name, { version });
    return loc;
  });
  if (location) await removeSnapshot(location);
}

export async function deleteRegisteredModel(name: string): Promise<void> {
  await requireOn("registered_model", name, "delete");
  const locations = await store().write(async ({ registry, auth }) => {
    const locs = await registry.deleteModel((await modelRowOrThrow(registry, name)).id);
    await recordAudit(auth, "delete_model", "registered_model", name);
    return locs;
  });
  for (const location of locations) await removeSnapshot(location);
}

/** The versions registered from a job (the job page). */
export async function versionsOfRun(runId: string, limit = 100): Promise<{ name: string; version: number }[]> {
  return store().read(({ registry }) => registry.versionsOfRun(runId, limit));
}
