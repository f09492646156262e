import "server-only";
import { validateMaxResults } from "@/lib/mlflow/limits";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { compileModelVersionsSearch } from "@/lib/server/search/model-versions-search";
import { compileRegisteredModelsSearch } from "@/lib/server/search/registered-models-search";
import { hiddenKeys } from "@/lib/server/auth/guard";
import { store } from "@/lib/server/store";

/** MLflow's registry limits: 100 models (max 1000) and 10000 versions (max 200000) per page. */
export const REGISTRY_SEARCH = { modelsDefault: 100, modelsMax: 1000, versionsDefault: 10_000, versionsMax: 200_000 };

/**
 * Registry searches run one SQL query for a page of ids (+1 to detect a next page), then load just
 * that page — cost depends on the page size, not on how many models or versions exist.
 */
export async function searchRegisteredModels(input: { filter?: string; maxResults?: number; orderBy?: string[]; pageToken?: string }) {
  const limit = validateMaxResults(input.maxResults, REGISTRY_SEARCH.modelsDefault, REGISTRY_SEARCH.modelsMax);
  const offset = decodePageToken(input.pageToken);
  const query = compileRegisteredModelsSearch({ filter: input.filter, orderBy: input.orderBy, limit: limit + 1, offset });
  // Models the caller holds NO_PERMISSIONS on are left out of the page (as MLflow's auth filters).
  const hidden = await hiddenKeys("registered_model");
  return store().read(async ({ registry }) => {
    const ids = await registry.searchModelIds(query);
    const models = (await registry.loadRegisteredModels(ids.slice(0, limit))).filter((m) => !hidden.has(m.name));
    return { models, ...(ids.length > limit ? { nextPageToken: encodePageToken(offset + limit) } : {}) };
  });
}

export async function searchModelVersions(input: { filter?: string; maxResults?: number; orderBy?: string[]; pageToken?: string }) {
  const limit = validateMaxResults(input.maxResults, REGISTRY_SEARCH.versionsDefault, REGISTRY_SEARCH.versionsMax);
  const offset = decodePageToken(input.pageToken);
  const query = compileModelVersionsSearch({ filter: input.filter, orderBy: input.orderBy, limit: limit + 1, offset });
  const hidden = await hiddenKeys("registered_model");
  return store().read(async ({ registry }) => {
    const ids = await registry.searchVersionIds(query);
    const versions = (await registry.loadVersions(ids.slice(0, limit))).filter((v) => !hidden.has(v.name));
    return { versions, ...(ids.length > limit ? { nextPageToken: encodePageToken(offset + limit) } : {}) };
  });
}
