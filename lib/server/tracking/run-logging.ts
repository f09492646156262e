import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { invalidParam, notFound } from "@/lib/mlflow/errors";
import { LIMITS, validateBatchLimits, validateKey, validateLength } from "@/lib/mlflow/limits";
import type { KeyValue } from "@/lib/tracking-types";
import { latestPerKey, type MetricInput } from "./metric-order";
import { getActiveRunInfo, RUN_NAME_TAG } from "./runs";

export type { MetricInput };
type Tx = Prisma.TransactionClient;
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

async function insertMetrics(tx: Tx, runId: string, metrics: MetricInput[]) {
  for (const part of chunks(metrics)) {
    const values = part.map((m) => {
      const nan = Number.isNaN(m.value);
      return Prisma.sql`(${runId}, ${m.key}, ${storable(m.value)}, ${nan}, ${BigInt(Math.trunc(m.timestamp))}, ${BigInt(Math.trunc(m.step))}, ${m.modelId ?? null}, ${m.datasetName ?? null}, ${m.datasetDigest ?? null})`;
    });
    await tx.$executeRaw`INSERT INTO "Metric" ("runId", "key", "value", "isNan", "timestamp", "step", "modelId", "datasetName", "datasetDigest")
      VALUES ${Prisma.join(values)} ON CONFLICT DO NOTHING`;
  }
  // One row per key: MLflow's "latest" is the max (step, timestamp, value); NaN sorts lowest.
  const latest = latestPerKey(metrics).map((m) => {
    const nan = Number.isNaN(m.value);
    return Prisma.sql`(${runId}, ${m.key}, ${storable(m.value)}, ${nan}, ${BigInt(Math.trunc(m.timestamp))}, ${BigInt(Math.trunc(m.step))})`;
  });
  for (const part of chunks(latest)) {
    await tx.$executeRaw`INSERT INTO "LatestMetric" ("runId", "key", "value", "isNan", "timestamp", "step")
      VALUES ${Prisma.join(part)}
      ON CONFLICT ("runId", "key") DO UPDATE SET "value" = excluded."value", "isNan" = excluded."isNan",
        "timestamp" = excluded."timestamp", "step" = excluded."step"
      WHERE excluded."step" > "LatestMetric"."step"
        OR (excluded."step" = "LatestMetric"."step" AND (excluded."timestamp" > "LatestMetric"."timestamp"
          OR (excluded."timestamp" = "LatestMetric"."timestamp" AND excluded."isNan" = ${false}
            AND ("LatestMetric"."isNan" = ${true} OR excluded."value" > "LatestMetric"."value"))))`;
  }
  // MLflow 3: a metric logged with a model_id also belongs to that logged model.
  const modelIds = [...new Set(metrics.map((m) => m.modelId).filter((x): x is string => !!x))];
  if (modelIds.length > 0) {
    const known = new Set((await tx.loggedModel.findMany({ where: { id: { in: modelIds } }, select: { id: true } })).map((m) => m.id));
    const rows = metrics.filter((m) => m.modelId && known.has(m.modelId));
    for (const part of chunks(rows)) {
      await tx.loggedModelMetric.createMany({
        data: part.map((m) => ({
          modelId: m.modelId!, key: m.key, value: storable(m.value), isNan: Number.isNaN(m.value),
          timestamp: BigInt(Math.trunc(m.timestamp)), step: BigInt(Math.trunc(m.step)), runId,
          datasetName: m.datasetName ?? null, datasetDigest: m.datasetDigest ?? null,
        })),
      });
    }
  }
}

async function insertParams(tx: Tx, runId: string, params: KeyValue[]) {
  const existing = await tx.param.findMany({ where: { runId, key: { in: params.map((p) => p.key) } } });
  const have = new Map(existing.map((p) => [p.key, p.value]));
  const changed = params.filter((p) => have.has(p.key) && have.get(p.key) !== p.value);
  if (changed.length > 0) {
    const desc = changed.map((p) => `{key: '${p.key}', old_value: '${have.get(p.key)}', new_value: '${p.value}'}`).join(", ");
    throw invalidParam(`Changing param values is not allowed. Params were already logged='[${desc}]' for run ID='${runId}'.`);
  }
  const fresh = params.filter((p) => !have.has(p.key));
  if (fresh.length > 0) await tx.param.createMany({ data: fresh.map((p) => ({ runId, key: p.key, value: p.value })) });
}

async function upsertTags(tx: Tx, runId: string, tags: KeyValue[]) {
  const last = new Map(tags.map((t) => [t.key, t.value])); // the last value for a key wins
  const values = [...last].map(([key, value]) => Prisma.sql`(${runId}, ${key}, ${value})`);
  await tx.$executeRaw`INSERT INTO "RunTag" ("runId", "key", "value") VALUES ${Prisma.join(values)}
    ON CONFLICT ("runId", "key") DO UPDATE SET "value" = excluded."value"`;
  const runName = last.get(RUN_NAME_TAG);
  if (runName !== undefined) await tx.run.update({ where: { id: runId }, data: { name: runName } });
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
  await getActiveRunInfo(runId);
  if (metrics.length + params.length + tags.length === 0) return;
  await db.$transaction(async (tx) => {
    if (params.length > 0) await insertParams(tx, runId, params);
    if (metrics.length > 0) await insertMetrics(tx, runId, metrics);
    if (tags.length > 0) await upsertTags(tx, runId, tags);
  });
}

export async function deleteRunTag(runId: string, key: string): Promise<void> {
  await getActiveRunInfo(runId);
  const res = await db.runTag.deleteMany({ where: { runId, key } });
  if (res.count === 0) throw notFound(`No tag with name: ${key} in run with id ${runId}`);
}
