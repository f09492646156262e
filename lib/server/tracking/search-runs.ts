import "server-only";
import { LIMITS, validateMaxResults } from "@/lib/mlflow/limits";
import type { ViewType } from "@/lib/mlflow/request-schema";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { compileRunsSearch } from "@/lib/server/search/runs-search";
import type { RunData } from "@/lib/tracking-types";
import { hiddenKeys } from "@/lib/server/auth/guard";
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
  let experimentIds: number[] | "all" =
    input.experimentIds === "all" ? "all" : input.experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  // Jobs of experiments the caller holds NO_PERMISSIONS on are not there for them.
  const hidden = await hiddenKeys("experiment");
  if (hidden.size) {
    if (experimentIds === "all") {
      const every = await store().read(({ tracking }) => tracking.listExperiments({ activeOnly: false, limit: 1_000_000 }));
      experimentIds = every.map((e) => e.id);
    }
    experimentIds = experimentIds.filter((id) => !hidden.has(String(id)));
  }
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
