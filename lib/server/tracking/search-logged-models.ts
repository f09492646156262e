import "server-only";
import { db } from "@/lib/db";
import { LIMITS, validateMaxResults } from "@/lib/mlflow/limits";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { compileLoggedModelsSearch } from "@/lib/server/search/logged-models-search";
import type { LoggedModelData } from "@/lib/tracking-types";
import { getLoggedModelsByIds } from "./logged-models";

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
  const rows = await db.$queryRaw<{ id: string }[]>(
    compileLoggedModelsSearch({ experimentIds, filter: input.filter, datasets: input.datasets, orderBy: input.orderBy, limit: limit + 1, offset }),
  );
  const models = await getLoggedModelsByIds(rows.slice(0, limit).map((r) => r.id));
  return { models, ...(rows.length > limit ? { nextPageToken: encodePageToken(offset + limit) } : {}) };
}
