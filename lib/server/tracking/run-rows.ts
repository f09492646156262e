import "server-only";
import type { SyncSql } from "@/lib/server/sql/db";
import type { KeyValue, MetricPoint, RunData, RunInfoData } from "@/lib/tracking-types";

/**
 * Runs read with direct SQL: one query per child table for a whole page of runs (IN lists), so a
 * search page of 1,000 runs costs seven statements, not seven per run.
 */
type RunRow = {
  id: string; experimentId: number; name: string; status: string; userId: string; startTime: number;
  endTime: number | null; artifactUri: string; lifecycleStage: string;
};

export const toRunInfo = (r: RunRow): RunInfoData => ({
  id: r.id, experimentId: r.experimentId, name: r.name, status: r.status, userId: r.userId,
  startTime: Number(r.startTime), endTime: r.endTime == null ? null : Number(r.endTime),
  artifactUri: r.artifactUri, lifecycleStage: r.lifecycleStage,
});

export const toMetricPoint = (m: { key: string; value: number; isNan: number; timestamp: number; step: number }): MetricPoint => ({
  key: m.key, value: m.isNan ? Number.NaN : m.value, timestamp: Number(m.timestamp), step: Number(m.step),
});

const RUN_COLUMNS = `"id", "experimentId", "name", "status", "userId", "startTime", "endTime", "artifactUri", "lifecycleStage"`;

export function getRunInfo(sql: SyncSql, id: string): RunInfoData | null {
  const row = sql.get<RunRow>(`SELECT ${RUN_COLUMNS} FROM "Run" WHERE "id" = ?`, [id]);
  return row ? toRunInfo(row) : null;
}

function byRun<T extends { runId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.runId);
    if (list) list.push(r);
    else out.set(r.runId, [r]);
  }
  return out;
}

function inChunks<T>(sql: SyncSql, ids: string[], query: (placeholders: string) => string): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    out.push(...sql.all<T>(query(part.map(() => "?").join(", ")), part));
  }
  return out;
}

/** Full runs (info, params, tags, latest metrics, inputs, outputs) in the order of `ids`. */
export function loadRuns(sql: SyncSql, ids: string[]): RunData[] {
  if (ids.length === 0) return [];
  const runs = inChunks<RunRow>(sql, ids, (p) => `SELECT ${RUN_COLUMNS} FROM "Run" WHERE "id" IN (${p})`);
  const kv = (table: string) => byRun(inChunks<KeyValue & { runId: string }>(sql, ids, (p) => `SELECT "runId", "key", "value" FROM "${table}" WHERE "runId" IN (${p})`));
  const params = kv("Param");
  const tags = kv("RunTag");
  const metrics = byRun(inChunks<{ runId: string; key: string; value: number; isNan: number; timestamp: number; step: number }>(sql, ids, (p) =>
    `SELECT "runId", "key", "value", "isNan", "timestamp", "step" FROM "LatestMetric" WHERE "runId" IN (${p})`));
  const inputs = byRun(inChunks<{ runId: string; inputId: string; name: string; digest: string; sourceType: string; source: string; schema: string | null; profile: string | null }>(sql, ids, (p) =>
    `SELECT i."runId", i."id" AS "inputId", d."name", d."digest", d."sourceType", d."source", d."schema", d."profile"
     FROM "RunDatasetInput" i JOIN "Dataset" d ON d."id" = i."datasetId" WHERE i."runId" IN (${p})`));
  const inputIds = [...inputs.values()].flat().map((i) => i.inputId);
  const inputTags = new Map<string, KeyValue[]>();
  for (const t of inputIds.length ? inChunks<KeyValue & { inputId: string }>(sql, inputIds, (p) => `SELECT "inputId", "key", "value" FROM "InputTag" WHERE "inputId" IN (${p})`) : []) {
    inputTags.set(t.inputId, [...(inputTags.get(t.inputId) ?? []), { key: t.key, value: t.value }]);
  }
  const modelIn = byRun(inChunks<{ runId: string; modelId: string }>(sql, ids, (p) => `SELECT "runId", "modelId" FROM "RunModelInput" WHERE "runId" IN (${p})`));
  const modelOut = byRun(inChunks<{ runId: string; modelId: string; step: number }>(sql, ids, (p) => `SELECT "runId", "modelId", "step" FROM "RunModelOutput" WHERE "runId" IN (${p})`));
  const found = new Map(runs.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = found.get(id);
    if (!r) return [];
    const pairs = (m: Map<string, (KeyValue & { runId: string })[]>) => (m.get(id) ?? []).map(({ key, value }) => ({ key, value }));
    return [{
      info: toRunInfo(r),
      params: pairs(params),
      tags: pairs(tags),
      metrics: (metrics.get(id) ?? []).map(toMetricPoint),
      datasetInputs: (inputs.get(id) ?? []).map((d) => ({
        tags: inputTags.get(d.inputId) ?? [],
        dataset: { name: d.name, digest: d.digest, sourceType: d.sourceType, source: d.source, schema: d.schema, profile: d.profile },
      })),
      modelInputs: (modelIn.get(id) ?? []).map((m) => m.modelId),
      modelOutputs: (modelOut.get(id) ?? []).map((m) => ({ modelId: m.modelId, step: Number(m.step) })),
    }];
  });
}
