import "server-only";
import { db } from "@/lib/db";
import { LIMITS, validateMaxResults } from "@/lib/mlflow/limits";
import type { MetricPoint } from "@/lib/tracking-types";
import { toMetric } from "./mappers";
import { toMetricPoint } from "./run-rows";
import { withSql } from "@/lib/server/sql/db";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { notFound } from "@/lib/errors";

/** One metric's full history for a run, ordered by step then timestamp, paged. */
export async function getMetricHistory(input: {
  runId: string;
  key: string;
  maxResults?: number;
  pageToken?: string;
}): Promise<{ metrics: MetricPoint[]; nextPageToken?: string }> {
  const take = validateMaxResults(input.maxResults, LIMITS.metricHistoryDefault, Number.MAX_SAFE_INTEGER);
  const offset = decodePageToken(input.pageToken);
  const rows = await withSql((sql) => {
    if (!sql.get(`SELECT 1 AS "x" FROM "Run" WHERE "id" = ?`, [input.runId])) throw notFound(`Run with id=${input.runId} not found`);
    return sql.all<{ key: string; value: number; isNan: number; timestamp: number; step: number }>(
      `SELECT "key", "value", "isNan", "timestamp", "step" FROM "Metric" WHERE "runId" = ? AND "key" = ?
       ORDER BY "step" ASC, "timestamp" ASC, "id" ASC LIMIT ? OFFSET ?`,
      [input.runId, input.key, take + 1, offset],
    );
  });
  const page = rows.slice(0, take);
  return {
    metrics: page.map(toMetricPoint),
    ...(rows.length > take ? { nextPageToken: encodePageToken(offset + take) } : {}),
  };
}

/** Histories of several metrics at once, for charts (bounded per key). */
export async function getMetricHistories(runId: string, keys: string[], perKeyLimit = 10_000) {
  const out: Record<string, MetricPoint[]> = {};
  for (const key of keys) {
    const rows = await db.metric.findMany({
      where: { runId, key },
      orderBy: [{ step: "asc" }, { timestamp: "asc" }],
      take: perKeyLimit,
    });
    out[key] = rows.map(toMetric);
  }
  return out;
}
