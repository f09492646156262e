import "server-only";
import { db } from "@/lib/db";
import { validateMaxResults } from "@/lib/mlflow/limits";
import type { ModelVersionData, RegisteredModelData } from "@/lib/registry-types";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { compileModelVersionsSearch } from "@/lib/server/search/model-versions-search";
import { compileRegisteredModelsSearch } from "@/lib/server/search/registered-models-search";
import { modelInclude, toModelVersion, toRegisteredModel, versionInclude } from "./mappers";
import { latestVersionsFor } from "./models";

/** MLflow's registry limits: 100 models (max 1000) and 10000 versions (max 200000) per page. */
export const REGISTRY_SEARCH = { modelsDefault: 100, modelsMax: 1000, versionsDefault: 10_000, versionsMax: 200_000 };

/**
 * Registry searches run one SQL query for a page of ids (+1 to detect a next page), then load just
 * that page — cost depends on the page size, not on how many models or versions exist.
 */
export async function searchRegisteredModels(input: { filter?: string; maxResults?: number; orderBy?: string[]; pageToken?: string }) {
  const limit = validateMaxResults(input.maxResults, REGISTRY_SEARCH.modelsDefault, REGISTRY_SEARCH.modelsMax);
  const offset = decodePageToken(input.pageToken);
  const rows = await db.$queryRaw<{ id: number | bigint }[]>(
    compileRegisteredModelsSearch({ filter: input.filter, orderBy: input.orderBy, limit: limit + 1, offset }),
  );
  const ids = rows.slice(0, limit).map((r) => Number(r.id));
  const found = await db.registeredModel.findMany({ where: { id: { in: ids } }, include: modelInclude });
  const latest = await latestVersionsFor(ids);
  const byId = new Map(found.map((m) => [m.id, toRegisteredModel(m, latest.get(m.id) ?? [])]));
  const models = ids.map((id) => byId.get(id)).filter((m): m is RegisteredModelData => !!m);
  return { models, ...(rows.length > limit ? { nextPageToken: encodePageToken(offset + limit) } : {}) };
}

export async function searchModelVersions(input: { filter?: string; maxResults?: number; orderBy?: string[]; pageToken?: string }) {
  const limit = validateMaxResults(input.maxResults, REGISTRY_SEARCH.versionsDefault, REGISTRY_SEARCH.versionsMax);
  const offset = decodePageToken(input.pageToken);
  const rows = await db.$queryRaw<{ id: number | bigint }[]>(
    compileModelVersionsSearch({ filter: input.filter, orderBy: input.orderBy, limit: limit + 1, offset }),
  );
  const ids = rows.slice(0, limit).map((r) => Number(r.id));
  const found = await db.modelVersion.findMany({ where: { id: { in: ids } }, include: versionInclude });
  const byId = new Map(found.map((v) => [v.id, toModelVersion(v)]));
  const versions = ids.map((id) => byId.get(id)).filter((v): v is ModelVersionData => !!v);
  return { versions, ...(rows.length > limit ? { nextPageToken: encodePageToken(offset + limit) } : {}) };
}
