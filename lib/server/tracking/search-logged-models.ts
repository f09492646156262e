import "server-only";
import { LIMITS, validateMaxResults } from "@/lib/mlflow/limits";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { compileLoggedModelsSearch } from "@/lib/server/search/logged-models-search";
import type { LoggedModelData } from "@/lib/tracking-types";
import { store } from "@/lib/server/store";

export async function searchLoggedModels(input: {
  experimentIds: string[];
  filter?: string;
  maxResults?: number;
  pageToken?: string;
  orderBy?: { fieldName: string; ascending: boolean; datasetName?: string; datasetDigest?: string }[];
  datasets?: { datasetName: string; datasetDigest?: string }[];
}): Promise<{ models: LoggedModelData[]; nextPageToken?: string }> {
  const limit = validateMaxResults(input.maxResults, LIMITS.loggedModelsSearchDefault, LIMITS.loggedModelsSearchMax);
  const offset = decodePageToken(input.pageToken);
  const experimentIds = input.experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (experimentIds.length === 0) return { models: [] };
  const query = compileLoggedModelsSearch({
    experimentIds,
    filter: input.filter,
    datasets: input.datasets,
    orderBy: input.orderBy,
    limit: limit + 1,
    offset,
  });
  return store().read(async ({ tracking }) => {
    const ids = await tracking.searchLoggedModelIds(query);
    const models = await tracking.loadLoggedModels(ids.slice(0, limit));
    return { models, ...(ids.length > limit ? { nextPageToken: encodePageToken(offset + limit) } : {}) };
  });
}
