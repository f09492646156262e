import "server-only";
import { invalidParam, notFound } from "@/lib/errors";
import { LIMITS, validateBatchLimits, validateKey, validateLength } from "@/lib/mlflow/limits";
import { store } from "@/lib/server/store";
import type { KeyValue } from "@/lib/tracking-types";
import type { MetricInput } from "@/lib/mlflow/metric-order";
import { activeRunOrThrow } from "./runs";

export type { MetricInput };

function validateMetric(m: MetricInput): MetricInput {
  validateKey("metric", m.key);
  if (typeof m.value !== "number") {
    throw invalidParam(
      `Got invalid value ${m.value} for metric '${m.key}' (timestamp=${m.timestamp}). Please specify value as a valid double (64-bit floating point)`,
    );
  }
  if (!Number.isFinite(m.timestamp) || m.timestamp < 0) {
    throw invalidParam(
      `Got invalid timestamp ${m.timestamp} for metric '${m.key}' (value=${m.value}). Timestamp must be a nonnegative long (64-bit integer) `,
    );
  }
  if (!Number.isFinite(m.step))
    throw invalidParam(`Got invalid step ${m.step} for metric '${m.key}' (value=${m.value}). Step must be a valid long (64-bit integer).`);
  return m;
}

function paramChangeError(runId: string, changed: { key: string; old: string; value: string }[]) {
  const desc = changed.map((p) => `{key: '${p.key}', old_value: '${p.old}', new_value: '${p.value}'}`).join(", ");
  return invalidParam(`Changing param values is not allowed. Params were already logged='[${desc}]' for run ID='${runId}'.`);
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
    throw invalidParam(
      `Duplicate parameter keys have been submitted: [${dupes.map((k) => `'${k}'`).join(", ")}]. Please ensure the request contains only one param value per param key.`,
    );
  }
  // One unit of work: the run check and every write commit together or not at all.
  await store().write(async ({ tracking }) => {
    await activeRunOrThrow(tracking, runId);
    if (params.length > 0) {
      // Params are write-once: logging the same value again is fine, a different one is refused.
      const existing = await tracking.insertParams(runId, params);
      if (existing.length > 0) {
        const have = new Map((await tracking.getParams(runId, existing)).map((p) => [p.key, p.value]));
        const changed = params.filter((p) => have.has(p.key) && have.get(p.key) !== p.value).map((p) => ({ ...p, old: have.get(p.key)! }));
        if (changed.length > 0) throw paramChangeError(runId, changed);
      }
    }
    if (metrics.length > 0) await tracking.insertMetrics(runId, metrics);
    if (tags.length > 0) await tracking.setRunTags(runId, tags);
  });
}

export async function deleteRunTag(runId: string, key: string): Promise<void> {
  const removed = await store().write(async ({ tracking }) => {
    await activeRunOrThrow(tracking, runId);
    return tracking.deleteRunTag(runId, key);
  });
  if (removed === 0) throw notFound(`No tag with name: ${key} in run with id ${runId}`);
}
