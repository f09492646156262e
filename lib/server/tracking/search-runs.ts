import "server-only";
import { LIMITS, validateMaxResults } from "@/lib/mlflow/limits";
import type { ViewType } from "@/lib/mlflow/request-schema";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { compileRunsSearch } from "@/lib/server/search/runs-search";
import type { RunData } from "@/lib/tracking-types";
import { store } from "@/lib/server/store";

/**
 * runs/search: the filter is compiled to one SQL query that returns a page of ids (plus one to
 * know whether another page exists); only that page's runs are then loaded with their data.
 */
export async function searchRuns(input: {
  experimentIds: string[] | "all";
  filter?: string;
  runViewType: ViewType;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}): Promise<{ runs: RunData[]; nextPageToken?: string }> {
  const limit = validateMaxResults(input.maxResults, LIMITS.searchRunsDefault, LIMITS.searchRunsMax);
  const offset = decodePageToken(input.pageToken);
  const experimentIds = input.experimentIds === "all" ? "all" : input.experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (experimentIds.length === 0) return { runs: [] };
  const query = compileRunsSearch({
    experimentIds,
    filter: input.filter,
    runViewType: input.runViewType,
    orderBy: input.orderBy,
    limit: limit + 1,
    offset,
  });
  // The ids and the page's runs are read together (one snapshot on SQLite).
  return store().read(async ({ tracking }) => {
    const ids = await tracking.searchRunIds(query);
    const runs = await tracking.loadRuns(ids.slice(0, limit));
    return { runs, ...(ids.length > limit ? { nextPageToken: encodePageToken(offset + limit) } : {}) };
  });
}
