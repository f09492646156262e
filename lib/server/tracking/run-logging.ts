import "server-only";
import { db } from "@/lib/db";
import { withSql, type SyncSql } from "@/lib/server/sql/db";
import { invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateBatchLimits, validateKey, validateLength } from "@/lib/mlflow/limits";
import type { KeyValue } from "@/lib/tracking-types";
import { latestPerKey, type MetricInput } from "./metric-order";
import { activeRunOrThrow, getActiveRunInfo, RUN_NAME_TAG } from "./runs";

export type { MetricInput };
const CHUNK = 400; // rows per multi-row INSERT, well under SQLite's bound-variable limit

function validateMetric(m: MetricInput): MetricInput {
  validateKey("metric", m.key);
  if (typeof m.value !== "number") {
    throw invalidParam(`Got invalid value ${m.value} for metric '${m.key}' (timestamp=${m.timestamp}). Please specify value as a valid double (64-bit floating point)`);
  }
  if (!Number.isFinite(m.timestamp) || m.timestamp < 0) {
    throw invalidParam(`Got invalid timestamp ${m.timestamp} for metric '${m.key}' (value=${m.value}). Timestamp must be a nonnegative long (64-bit integer) `);
  }
  if (!Number.isFinite(m.step)) throw invalidParam(`Got invalid step ${m.step} for metric '${m.key}' (value=${m.value}). Step must be a valid long (64-bit integer).`);
  return m;
}

/** NaN is stored as a flag; ±Infinity as ±max double, as MLflow's SQL store does (portable SQL). */
const storable = (v: number) => (Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v);

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

function values(rows: number, cols: number): string {
  const one = `(${Array(cols).fill("?").join(", ")})`;
  return Array(rows).fill(one).join(", ");
}

function insertMetrics(sql: SyncSql, runId: string, metrics: MetricInput[]) {
  for (const part of chunks(metrics)) {
    sql.run(
      `INSERT INTO "Metric" ("runId", "key", "value", "isNan", "timestamp", "step", "modelId", "datasetName", "datasetDigest")
       VALUES ${values(part.length, 9)} ON CONFLICT DO NOTHING`,
      part.flatMap((m) => [runId, m.key, storable(m.value), Number.isNaN(m.value), Math.trunc(m.timestamp), Math.trunc(m.step), m.modelId ?? null, m.datasetName ?? null, m.datasetDigest ?? null]),
    );
  }
  // One row per key: MLflow's "latest" is the max (step, timestamp, value); NaN sorts lowest.
  for (const part of chunks(latestPerKey(metrics))) {
    sql.run(
      `INSERT INTO "LatestMetric" ("runId", "key", "value", "isNan", "timestamp", "step") VALUES ${values(part.length, 6)}
       ON CONFLICT ("runId", "key") DO UPDATE SET "value" = excluded."value", "isNan" = excluded."isNan",
         "timestamp" = excluded."timestamp", "step" = excluded."step"
       WHERE excluded."step" > "LatestMetric"."step"
         OR (excluded."step" = "LatestMetric"."step" AND (excluded."timestamp" > "LatestMetric"."timestamp"
           OR (excluded."timestamp" = "LatestMetric"."timestamp" AND excluded."isNan" = 0
             AND ("LatestMetric"."isNan" = 1 OR excluded."value" > "LatestMetric"."value"))))`,
      part.flatMap((m) => [runId, m.key, storable(m.value), Number.isNaN(m.value), Math.trunc(m.timestamp), Math.trunc(m.step)]),
    );
  }
  // MLflow 3: a metric logged with a model_id also belongs to that logged model.
  const modelIds = [...new Set(metrics.map((m) => m.modelId).filter((x): x is string => !!x))];
  if (modelIds.length === 0) return;
  const known = new Set(sql.all<{ id: string }>(`SELECT "id" FROM "LoggedModel" WHERE "id" IN (${modelIds.map(() => "?").join(", ")})`, modelIds).map((m) => m.id));
  for (const part of chunks(metrics.filter((m) => m.modelId && known.has(m.modelId)))) {
    sql.run(
      `INSERT INTO "LoggedModelMetric" ("modelId", "key", "value", "isNan", "timestamp", "step", "runId", "datasetName", "datasetDigest") VALUES ${values(part.length, 9)}`,
      part.flatMap((m) => [m.modelId, m.key, storable(m.value), Number.isNaN(m.value), Math.trunc(m.timestamp), Math.trunc(m.step), runId, m.datasetName ?? null, m.datasetDigest ?? null]),
    );
  }
}

function insertParams(sql: SyncSql, runId: string, params: KeyValue[]) {
  const existing = sql.all<KeyValue>(`SELECT "key", "value" FROM "Param" WHERE "runId" = ? AND "key" IN (${params.map(() => "?").join(", ")})`, [runId, ...params.map((p) => p.key)]);
  const have = new Map(existing.map((p) => [p.key, p.value]));
  const changed = params.filter((p) => have.has(p.key) && have.get(p.key) !== p.value);
  if (changed.length > 0) {
    const desc = changed.map((p) => `{key: '${p.key}', old_value: '${have.get(p.key)}', new_value: '${p.value}'}`).join(", ");
    throw invalidParam(`Changing param values is not allowed. Params were already logged='[${desc}]' for run ID='${runId}'.`);
  }
  const fresh = params.filter((p) => !have.has(p.key));
  if (fresh.length > 0) sql.run(`INSERT INTO "Param" ("runId", "key", "value") VALUES ${values(fresh.length, 3)}`, fresh.flatMap((p) => [runId, p.key, p.value]));
}

function upsertTags(sql: SyncSql, runId: string, tags: KeyValue[]) {
  const last = [...new Map(tags.map((t) => [t.key, t.value]))]; // the last value for a key wins
  sql.run(
    `INSERT INTO "RunTag" ("runId", "key", "value") VALUES ${values(last.length, 3)} ON CONFLICT ("runId", "key") DO UPDATE SET "value" = excluded."value"`,
    last.flatMap(([key, value]) => [runId, key, value]),
  );
  const runName = last.find(([key]) => key === RUN_NAME_TAG)?.[1];
  if (runName !== undefined) sql.run(`UPDATE "Run" SET "name" = ? WHERE "id" = ?`, [runName, runId]);
}

/** The one write path for metrics, params and tags (log-metric, log-parameter, set-tag use it). */
export async function logBatch(runId: string, batch: { metrics?: MetricInput[]; params?: KeyValue[]; tags?: KeyValue[] }) {
  const metrics = (batch.metrics ?? []).map(validateMetric);
  const params = (batch.params ?? []).map((p) => {
    validateKey("parameter", p.key);
    return { key: p.key, value: validateLength("Param value", LIMITS.paramValue, p.value) };
  });
  const tags = (batch.tags ?? []).map((t) => {
    validateKey("tag", t.key);
    return { key: t.key, value: validateLength("Tag value", LIMITS.tagValue, t.value) };
  });
  validateBatchLimits(metrics.length, params.length, tags.length);
  const seen = new Set<string>();
  const dupes = params.filter((p) => seen.size === seen.add(p.key).size).map((p) => p.key);
  if (dupes.length > 0) {
    throw invalidParam(`Duplicate parameter keys have been submitted: [${dupes.map((k) => `'${k}'`).join(", ")}]. Please ensure the request contains only one param value per param key.`);
  }
  // One IMMEDIATE transaction: the run check and every write commit together or not at all.
  await withSql((sql) => {
    activeRunOrThrow(sql, runId);
    if (params.length > 0) insertParams(sql, runId, params);
    if (metrics.length > 0) insertMetrics(sql, runId, metrics);
    if (tags.length > 0) upsertTags(sql, runId, tags);
  }, { write: true });
}

export async function deleteRunTag(runId: string, key: string): Promise<void> {
  await getActiveRunInfo(runId);
  const res = await db.runTag.deleteMany({ where: { runId, key } });
  if (res.count === 0) throw notFound(`No tag with name: ${key} in run with id ${runId}`);
}
