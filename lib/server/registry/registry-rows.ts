import "server-only";
import type { ModelVersionData, RegisteredModelData } from "@/lib/registry-types";
import type { SyncSql } from "@/lib/server/sql/db";

/**
 * Registry entities read with direct SQL for whole pages at once (IN lists): a search page costs
 * a handful of statements whatever its size, and nothing proportional to the registry's size.
 */
type VersionRow = {
  id: number; registeredModelId: number; name: string; version: number; source: string; runId: string | null;
  runLink: string | null; modelId: string | null; modelType: string; status: string; statusMessage: string | null;
  storageLocation: string | null; sizeBytes: number | null; description: string; currentStage: string; userId: string;
  creationTimestamp: number; lastUpdatedTimestamp: number;
};
type ModelRow = { id: number; name: string; description: string; modelType: string; creationTimestamp: number; lastUpdatedTimestamp: number };

const marks = (n: number) => Array(n).fill("?").join(", ");

function group<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

export function loadVersions(sql: SyncSql, ids: number[]): ModelVersionData[] {
  if (ids.length === 0) return [];
  const rows = sql.all<VersionRow>(
    `SELECT v.*, m."name" AS "name" FROM "ModelVersion" v JOIN "RegisteredModel" m ON m."id" = v."registeredModelId" WHERE v."id" IN (${marks(ids.length)})`, ids);
  const tags = group(sql.all<{ modelVersionId: number; key: string; value: string }>(
    `SELECT "modelVersionId", "key", "value" FROM "ModelVersionTag" WHERE "modelVersionId" IN (${marks(ids.length)})`, ids), (t) => t.modelVersionId);
  const modelIds = [...new Set(rows.map((r) => r.registeredModelId))];
  const aliases = modelIds.length ? sql.all<{ registeredModelId: number; alias: string; version: number }>(
    `SELECT "registeredModelId", "alias", "version" FROM "RegisteredModelAlias" WHERE "registeredModelId" IN (${marks(modelIds.length)})`, modelIds) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const v = byId.get(id);
    if (!v) return [];
    return [{
      id: v.id, name: v.name, version: v.version, source: v.source, runId: v.runId, runLink: v.runLink, modelId: v.modelId,
      modelType: v.modelType, status: v.status, statusMessage: v.statusMessage, storageLocation: v.storageLocation,
      sizeBytes: v.sizeBytes == null ? null : Number(v.sizeBytes), description: v.description, currentStage: v.currentStage,
      userId: v.userId, creationTimestamp: Number(v.creationTimestamp), lastUpdatedTimestamp: Number(v.lastUpdatedTimestamp),
      tags: (tags.get(id) ?? []).map(({ key, value }) => ({ key, value })),
      aliases: aliases.filter((a) => a.registeredModelId === v.registeredModelId && a.version === v.version).map((a) => a.alias).sort(),
    }];
  });
}

/** Models with tags, aliases and MLflow's `latest_versions` (newest version in each stage). */
export function loadRegisteredModels(sql: SyncSql, ids: number[]): RegisteredModelData[] {
  if (ids.length === 0) return [];
  const m = marks(ids.length);
  const rows = sql.all<ModelRow>(`SELECT "id", "name", "description", "modelType", "creationTimestamp", "lastUpdatedTimestamp" FROM "RegisteredModel" WHERE "id" IN (${m})`, ids);
  const tags = group(sql.all<{ registeredModelId: number; key: string; value: string }>(`SELECT "registeredModelId", "key", "value" FROM "RegisteredModelTag" WHERE "registeredModelId" IN (${m})`, ids), (t) => t.registeredModelId);
  const aliases = group(sql.all<{ registeredModelId: number; alias: string; version: number }>(`SELECT "registeredModelId", "alias", "version" FROM "RegisteredModelAlias" WHERE "registeredModelId" IN (${m})`, ids), (a) => a.registeredModelId);
  const latestIds = sql.all<{ id: number }>(
    `SELECT v."id" FROM "ModelVersion" v JOIN (
       SELECT "registeredModelId", "currentStage", MAX("version") AS "version" FROM "ModelVersion"
       WHERE "registeredModelId" IN (${m}) GROUP BY "registeredModelId", "currentStage"
     ) x ON x."registeredModelId" = v."registeredModelId" AND x."currentStage" = v."currentStage" AND x."version" = v."version"
     ORDER BY v."version"`, ids).map((r) => r.id);
  const latest = group(loadVersions(sql, latestIds), (v) => v.name);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      id: r.id, name: r.name, description: r.description, modelType: r.modelType,
      creationTimestamp: Number(r.creationTimestamp), lastUpdatedTimestamp: Number(r.lastUpdatedTimestamp),
      tags: (tags.get(id) ?? []).map(({ key, value }) => ({ key, value })),
      aliases: (aliases.get(id) ?? []).map((a) => ({ alias: a.alias, version: a.version })).sort((a, b) => a.alias.localeCompare(b.alias)),
      latestVersions: latest.get(r.name) ?? [],
    }];
  });
}
