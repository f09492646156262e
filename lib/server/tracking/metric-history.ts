import "server-only";
import { notFound } from "@/lib/errors";
import { LIMITS, validateMaxResults } from "@/lib/mlflow/limits";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { store } from "@/lib/server/store";
import type { MetricPoint } from "@/lib/tracking-types";

/** One metric's full history for a run, ordered by step then timestamp, paged. */
export async function getMetricHistory(input: {
  runId: string;
  key: string;
  maxResults?: number;
  pageToken?: string;
}): Promise<{ metrics: MetricPoint[]; nextPageToken?: string }> {
  const take = validateMaxResults(input.maxResults, LIMITS.metricHistoryDefault, Number.MAX_SAFE_INTEGER);
  const offset = decodePageToken(input.pageToken);
  const rows = await store().read(async ({ tracking }) => {
    if (!(await tracking.getRunInfo(input.runId))) throw notFound(`Run with id=${input.runId} not found`);
    return tracking.metricHistory(input.runId, input.key, take + 1, offset);
  });
  return {
    metrics: rows.slice(0, take),
    ...(rows.length > take ? { nextPageToken: encodePageToken(offset + take) } : {}),
  };
}

/** Histories of several metrics at once, for charts (bounded per key). */
export async function getMetricHistories(runId: string, keys: string[], perKeyLimit = 10_000): Promise<Record<string, MetricPoint[]>> {
  return store().read(({ tracking }) => tracking.metricHistories(runId, keys, perKeyLimit));
}
