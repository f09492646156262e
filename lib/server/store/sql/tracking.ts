import "server-only";
import { randomUUID } from "node:crypto";
import sql, { raw, type Sql } from "sql-template-tag";
import { latestPerKey } from "@/lib/mlflow/metric-order";
import type { DatasetData, ExperimentData, KeyValue, LoggedModelData, MetricPoint, RunData, RunInfoData } from "@/lib/tracking-types";
import type { MetricRow, NewLoggedModel, NewRun, TrackingStore } from "../types";
import type { Tx } from "./db";
import { byKey, chunked, groupBy, inChunks, list, values } from "./sql-helpers";

/** Tracking data in SQL, written once for SQLite and PostgreSQL. */

const RUN_NAME_TAG = "mlflow.runName";

type ExperimentRow = {
  id: number;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  creationTime: number;
  lastUpdateTime: number;
};
type RunRow = {
  id: string;
  experimentId: number;
  name: string;
  status: string;
  userId: string;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: string;
};
type MetricDbRow = { key: string; value: number; isNan: number | boolean; timestamp: number; step: number };

const RUN_COLUMNS = sql`"id", "experimentId", "name", "status", "userId", "startTime", "endTime", "artifactUri", "lifecycleStage"`;
const RUN_COLUMNS_R = sql`r."id", r."experimentId", r."name", r."status", r."userId", r."startTime", r."endTime", r."artifactUri", r."lifecycleStage"`;

const toRunInfo = (r: RunRow): RunInfoData => ({
  id: r.id,
  experimentId: Number(r.experimentId),
  name: r.name,
  status: r.status,
  userId: r.userId,
  startTime: Number(r.startTime),
  endTime: r.endTime == null ? null : Number(r.endTime),
  artifactUri: r.artifactUri,
  lifecycleStage: r.lifecycleStage,
});

const toMetricPoint = (m: MetricDbRow): MetricPoint => ({
  key: m.key,
  value: m.isNan ? Number.NaN : Number(m.value),
  timestamp: Number(m.timestamp),
  step: Number(m.step),
});

/** NaN is stored as a flag; ±Infinity as ±max double, as MLflow's SQL store does (portable SQL). */
const storable = (v: number) => (Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v);

/** The latest point per key, sorted by key so concurrent writers lock rows in one order (no deadlocks). */
const latestSorted = (metrics: MetricRow[]) => latestPerKey(metrics).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** The last value for each key, in key order. */
const lastPerKey = (items: KeyValue[]) => [...new Map(items.map((t) => [t.key, t.value]))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export class SqlTracking implements TrackingStore {
  constructor(private readonly tx: Tx) {}

  // ---------- Experiments ----------

  async insertExperiment(e: { name: string; artifactLocation: string | null; tags: KeyValue[]; now: number }): Promise<number | null> {
    const row = await this.tx.get<{
      id: number;
    }>(sql`INSERT INTO "Experiment" ("name", "artifactLocation", "creationTime", "lastUpdateTime")
      VALUES (${e.name}, ${e.artifactLocation ?? ""}, ${e.now}, ${e.now}) ON CONFLICT ("name") DO NOTHING RETURNING "id"`);
    if (!row) return null;
    const id = Number(row.id);
    if (e.artifactLocation === null) {
      await this.tx.run(sql`UPDATE "Experiment" SET "artifactLocation" = ${`mlflow-artifacts:/${id}`} WHERE "id" = ${id}`);
    }
    for (const [key, value] of lastPerKey(e.tags)) {
      await this.tx.run(sql`INSERT INTO "ExperimentTag" ("experimentId", "key", "value") VALUES (${id}, ${key}, ${value})`);
    }
    return id;
  }

  /** Experiments with their tags, in the order of `ids`. */
  async loadExperiments(ids: number[]): Promise<ExperimentData[]> {
    const rows = await inChunks<ExperimentRow & { tags?: unknown }>(
      this.tx,
      ids,
      (p) => sql`SELECT ${this.experimentColumns()} FROM "Experiment" e WHERE e."id" ${p}`,
    );
    const byId = byKey(await this.withTags(rows), (e) => e.id);
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async searchExperiments(q: { where: Sql; orderBy: Sql; page: Sql }): Promise<ExperimentData[]> {
    return this.withTags(
      await this.tx.all<ExperimentRow & { tags?: unknown }>(
        sql`SELECT ${this.experimentColumns()} FROM "Experiment" e WHERE ${q.where} ORDER BY ${q.orderBy} ${q.page}`,
      ),
    );
  }

  /** The columns of `e`, and on PostgreSQL its tags as one JSON array (one round trip fewer). */
  private experimentColumns(): Sql {
    const cols = sql`e."id", e."name", e."artifactLocation", e."lifecycleStage", e."creationTime", e."lastUpdateTime"`;
    if (this.tx.dialect !== "postgres") return cols;
    return sql`${cols}, (SELECT json_agg(json_build_array(t."key", t."value")) FROM "ExperimentTag" t WHERE t."experimentId" = e."id") AS "tags"`;
  }

  /** Rows of experimentColumns() as ExperimentData; on SQLite the tags are read here, for all rows at once. */
  private async withTags(rows: (ExperimentRow & { tags?: unknown })[]): Promise<ExperimentData[]> {
    let tagsOf: (id: number) => KeyValue[];
    if (this.tx.dialect === "postgres") {
      const byId = new Map(
        rows.map((r) => [Number(r.id), ((r.tags as [string, string][] | null) ?? []).map(([key, value]) => ({ key, value }))]),
      );
      tagsOf = (id) => byId.get(id) ?? [];
    } else {
      const ids = rows.map((r) => Number(r.id));
      const tags = groupBy(
        await inChunks<{ experimentId: number; key: string; value: string }>(
          this.tx,
          ids,
          (p) => sql`SELECT "experimentId", "key", "value" FROM "ExperimentTag" WHERE "experimentId" ${p}`,
        ),
        (t) => Number(t.experimentId),
      );
      tagsOf = (id) => (tags.get(id) ?? []).map(({ key, value }) => ({ key, value }));
    }
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      artifactLocation: r.artifactLocation,
      lifecycleStage: r.lifecycleStage,
      creationTime: Number(r.creationTime),
      lastUpdateTime: Number(r.lastUpdateTime),
      tags: tagsOf(Number(r.id)),
    }));
  }

  async findExperiment(name: string) {
    const row = await this.tx.get<{ id: number; lifecycleStage: string }>(
      sql`SELECT "id", "lifecycleStage" FROM "Experiment" WHERE "name" = ${name}`,
    );
    return row ? { id: Number(row.id), lifecycleStage: row.lifecycleStage } : null;
  }

  async renameExperiment(id: number, name: string, now: number): Promise<boolean> {
    const taken = await this.tx.get(sql`SELECT 1 AS "x" FROM "Experiment" WHERE "name" = ${name} AND "id" <> ${id}`);
    if (taken) return false;
    await this.tx.run(sql`UPDATE "Experiment" SET "name" = ${name}, "lastUpdateTime" = ${now} WHERE "id" = ${id}`);
    return true;
  }

  async setExperimentLifecycle(id: number, stage: "active" | "deleted", now: number): Promise<void> {
    await this.tx.run(sql`UPDATE "Experiment" SET "lifecycleStage" = ${stage}, "lastUpdateTime" = ${now} WHERE "id" = ${id}`);
    const from = stage === "deleted" ? "active" : "deleted";
    await this.tx.run(sql`UPDATE "Run" SET "lifecycleStage" = ${stage}, "deletedTime" = ${stage === "deleted" ? now : null}
      WHERE "experimentId" = ${id} AND "lifecycleStage" = ${from}`);
  }

  async setExperimentTag(id: number, tag: KeyValue): Promise<void> {
    await this.tx.run(sql`INSERT INTO "ExperimentTag" ("experimentId", "key", "value") VALUES (${id}, ${tag.key}, ${tag.value})
      ON CONFLICT ("experimentId", "key") DO UPDATE SET "value" = excluded."value"`);
  }

  deleteExperimentTag(id: number, key: string): Promise<number> {
    return this.tx.run(sql`DELETE FROM "ExperimentTag" WHERE "experimentId" = ${id} AND "key" = ${key}`);
  }

  async listExperiments(opts: { activeOnly: boolean; limit: number }) {
    const where = opts.activeOnly ? sql`WHERE "lifecycleStage" = ${"active"}` : sql``;
    const rows = await this.tx.all<{ id: number; name: string }>(
      sql`SELECT "id", "name" FROM "Experiment" ${where} ORDER BY "name" ASC LIMIT ${opts.limit}`,
    );
    return rows.map((r) => ({ id: Number(r.id), name: r.name }));
  }

  async experimentNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await inChunks<{ id: number; name: string }>(
      this.tx,
      ids,
      (p) => sql`SELECT "id", "name" FROM "Experiment" WHERE "id" ${p}`,
    );
    return new Map(rows.map((r) => [Number(r.id), r.name]));
  }

  // ---------- Runs ----------

  async insertRun(run: NewRun, tags: KeyValue[]): Promise<void> {
    await this.tx.run(sql`INSERT INTO "Run" ("id", "experimentId", "name", "status", "userId", "sourceType", "sourceName", "startTime", "lifecycleStage", "artifactUri")
      VALUES (${run.id}, ${run.experimentId}, ${run.name}, ${run.status}, ${run.userId}, ${run.sourceType}, ${run.sourceName}, ${run.startTime}, ${"active"}, ${run.artifactUri})`);
    const last = lastPerKey(tags);
    if (last.length > 0) {
      await this.tx.run(
        sql`INSERT INTO "RunTag" ("runId", "key", "value") VALUES ${values(last.map(([key, value]) => [run.id, key, value]))}`,
      );
    }
  }

  async getRunInfo(id: string): Promise<RunInfoData | null> {
    const row = await this.tx.get<RunRow>(sql`SELECT ${RUN_COLUMNS} FROM "Run" WHERE "id" = ${id}`);
    return row ? toRunInfo(row) : null;
  }

  /**
   * Full runs (info, params, tags, latest metrics, inputs, outputs) in the order of `ids`, for a
   * whole page at once. Each engine gets the small child tables (params, tags, latest metrics,
   * model inputs and outputs) the way it serves them best:
   *   PostgreSQL: inside the runs statement, aggregated per run as JSON arrays (one round trip,
   *     a row per run, parsed natively; round trips and per-row decoding are what cost there);
   *   SQLite: a statement per child table (in-process statements and rows are cheap, and
   *     SQLite's JSON would round doubles to 15 digits).
   * Dataset inputs follow only for runs that have any.
   */
  async loadRuns(ids: string[]): Promise<RunData[]> {
    if (ids.length === 0) return [];
    const tx = this.tx;
    const pg = tx.dialect === "postgres";
    const agg = (cols: Sql) => sql`json_agg(json_build_array(${cols}))`;
    const aggregated = pg
      ? sql`,
        (SELECT ${agg(sql`c."key", c."value"`)} FROM "Param" c WHERE c."runId" = r."id") AS "params",
        (SELECT ${agg(sql`c."key", c."value"`)} FROM "RunTag" c WHERE c."runId" = r."id") AS "tags",
        (SELECT ${agg(sql`c."key", c."value", c."isNan", c."timestamp", c."step"`)} FROM "LatestMetric" c WHERE c."runId" = r."id") AS "metrics",
        (SELECT ${agg(sql`c."modelId"`)} FROM "RunModelInput" c WHERE c."runId" = r."id") AS "modelInputs",
        (SELECT ${agg(sql`c."modelId", c."step"`)} FROM "RunModelOutput" c WHERE c."runId" = r."id") AS "modelOutputs",
        (SELECT COUNT(*) FROM "RunDatasetInput" c WHERE c."runId" = r."id") AS "inputs"`
      : sql``;
    type Json = unknown[][] | null;
    type Row = RunRow & { inputs?: number; params?: Json; tags?: Json; metrics?: Json; modelInputs?: Json; modelOutputs?: Json };
    const runs = await inChunks<Row>(
      tx,
      ids,
      (p) => sql`SELECT ${RUN_COLUMNS_R}${aggregated}
        FROM "Run" r WHERE r."id" ${p}`,
    );
    if (runs.length === 0) return [];
    if (!pg) {
      // A statement per child table (each an index range scan; SQLite builds rows in C, cheaply).
      const rows = async <T extends { runId: string }>(query: (p: Sql) => Sql) =>
        groupBy(await inChunks<T>(tx, ids, query), (c) => c.runId);
      type KV = { runId: string; key: string; value: string };
      const params = await rows<KV>((p) => sql`SELECT "runId", "key", "value" FROM "Param" WHERE "runId" ${p}`);
      const tags = await rows<KV>((p) => sql`SELECT "runId", "key", "value" FROM "RunTag" WHERE "runId" ${p}`);
      const metrics = await rows<MetricDbRow & { runId: string }>(
        (p) => sql`SELECT "runId", "key", "value", "isNan", "timestamp", "step" FROM "LatestMetric" WHERE "runId" ${p}`,
      );
      const modelIn = await rows<{ runId: string; modelId: string }>(
        (p) => sql`SELECT "runId", "modelId" FROM "RunModelInput" WHERE "runId" ${p}`,
      );
      const modelOut = await rows<{ runId: string; modelId: string; step: number }>(
        (p) => sql`SELECT "runId", "modelId", "step" FROM "RunModelOutput" WHERE "runId" ${p}`,
      );
      // The same shape as PostgreSQL's aggregates.
      for (const r of runs) {
        r.params = (params.get(r.id) ?? []).map((c) => [c.key, c.value]);
        r.tags = (tags.get(r.id) ?? []).map((c) => [c.key, c.value]);
        r.metrics = (metrics.get(r.id) ?? []).map((c) => [c.key, c.value, c.isNan, c.timestamp, c.step]);
        r.modelInputs = (modelIn.get(r.id) ?? []).map((c) => [c.modelId]);
        r.modelOutputs = (modelOut.get(r.id) ?? []).map((c) => [c.modelId, c.step]);
      }
    }
    const arrays = (v: Json | undefined): unknown[][] => v ?? []; // json_agg of nothing is NULL
    // Which runs have dataset inputs: counted in the runs statement on PostgreSQL, asked apart on SQLite.
    const withInputs = pg
      ? runs.filter((r) => Number(r.inputs) > 0).map((r) => r.id)
      : [
          ...new Set(
            (await inChunks<{ runId: string }>(tx, ids, (p) => sql`SELECT "runId" FROM "RunDatasetInput" WHERE "runId" ${p}`)).map(
              (r) => r.runId,
            ),
          ),
        ];
    const inputs = groupBy(
      withInputs.length
        ? await inChunks<{ runId: string; inputId: string } & DatasetData>(
            tx,
            withInputs,
            (p) =>
              sql`SELECT i."runId", i."id" AS "inputId", d."name", d."digest", d."sourceType", d."source", d."schema", d."profile"
              FROM "RunDatasetInput" i JOIN "Dataset" d ON d."id" = i."datasetId" WHERE i."runId" ${p}`,
          )
        : [],
      (r) => r.runId,
    );
    const inputIds = [...inputs.values()].flat().map((i) => i.inputId);
    const inputTags = groupBy(
      inputIds.length
        ? await inChunks<KeyValue & { inputId: string }>(
            tx,
            inputIds,
            (p) => sql`SELECT "inputId", "key", "value" FROM "InputTag" WHERE "inputId" ${p}`,
          )
        : [],
      (t) => t.inputId,
    );
    const found = byKey(runs, (r) => r.id);
    const pairs = (v: Json | undefined) => arrays(v).map(([key, value]) => ({ key: String(key), value: String(value ?? "") }));
    return ids.flatMap((id) => {
      const r = found.get(id);
      if (!r) return [];
      return [
        {
          info: toRunInfo(r),
          params: pairs(r.params),
          tags: pairs(r.tags),
          metrics: arrays(r.metrics).map(([key, value, isNan, timestamp, step]) =>
            toMetricPoint({
              key: String(key),
              value: Number(value),
              isNan: isNan === true || isNan === 1,
              timestamp: Number(timestamp),
              step: Number(step),
            }),
          ),
          datasetInputs: (inputs.get(id) ?? []).map((d) => ({
            tags: (inputTags.get(d.inputId) ?? []).map(({ key, value }) => ({ key, value })),
            dataset: { name: d.name, digest: d.digest, sourceType: d.sourceType, source: d.source, schema: d.schema, profile: d.profile },
          })),
          modelInputs: arrays(r.modelInputs).map(([modelId]) => String(modelId)),
          modelOutputs: arrays(r.modelOutputs).map(([modelId, step]) => ({ modelId: String(modelId), step: Number(step) })),
        },
      ];
    });
  }

  async updateRun(id: string, f: { status: string; endTime: number | null; name: string }): Promise<void> {
    await this.tx.run(sql`UPDATE "Run" SET "status" = ${f.status}, "endTime" = ${f.endTime}, "name" = ${f.name} WHERE "id" = ${id}`);
  }

  setRunLifecycle(id: string, stage: "active" | "deleted", deletedTime: number | null): Promise<number> {
    return this.tx.run(sql`UPDATE "Run" SET "lifecycleStage" = ${stage}, "deletedTime" = ${deletedTime} WHERE "id" = ${id}`);
  }

  async searchRunIds(query: Sql): Promise<string[]> {
    return (await this.tx.all<{ id: string }>(query)).map((r) => r.id);
  }

  getParams(runId: string, keys: string[]): Promise<KeyValue[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.tx.all<KeyValue>(sql`SELECT "key", "value" FROM "Param" WHERE "runId" = ${runId} AND "key" IN (${list(keys)})`);
  }

  async insertParams(runId: string, params: KeyValue[]): Promise<string[]> {
    const inserted = new Set<string>();
    const sorted = [...params].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const part of chunked(sorted)) {
      // ON CONFLICT DO NOTHING: a concurrent writer of the same key never fails this unit of work;
      // the caller compares the values of the keys that were already there.
      const rows = await this.tx.all<{
        key: string;
      }>(sql`INSERT INTO "Param" ("runId", "key", "value") VALUES ${values(part.map((p) => [runId, p.key, p.value]))}
        ON CONFLICT ("runId", "key") DO NOTHING RETURNING "key"`);
      for (const r of rows) inserted.add(r.key);
    }
    return params.filter((p) => !inserted.has(p.key)).map((p) => p.key);
  }

  async insertMetrics(runId: string, metrics: MetricRow[]): Promise<void> {
    const tx = this.tx;
    for (const part of chunked(metrics)) {
      await tx.run(sql`INSERT INTO "Metric" ("runId", "key", "value", "isNan", "timestamp", "step", "modelId", "datasetName", "datasetDigest")
        VALUES ${values(part.map((m) => [runId, m.key, storable(m.value), Number.isNaN(m.value), Math.trunc(m.timestamp), Math.trunc(m.step), m.modelId ?? null, m.datasetName ?? null, m.datasetDigest ?? null]))}
        ON CONFLICT DO NOTHING`);
    }
    // One row per key, replaced only by a later point (the condition is re-checked under the row lock).
    for (const part of chunked(latestSorted(metrics))) {
      await tx.run(sql`INSERT INTO "LatestMetric" ("runId", "key", "value", "isNan", "timestamp", "step")
        VALUES ${values(part.map((m) => [runId, m.key, storable(m.value), Number.isNaN(m.value), Math.trunc(m.timestamp), Math.trunc(m.step)]))}
        ON CONFLICT ("runId", "key") DO UPDATE SET "value" = excluded."value", "isNan" = excluded."isNan",
          "timestamp" = excluded."timestamp", "step" = excluded."step"
        WHERE excluded."step" > "LatestMetric"."step"
          OR (excluded."step" = "LatestMetric"."step" AND (excluded."timestamp" > "LatestMetric"."timestamp"
            OR (excluded."timestamp" = "LatestMetric"."timestamp" AND excluded."isNan" = FALSE
              AND ("LatestMetric"."isNan" = TRUE OR excluded."value" > "LatestMetric"."value"))))`);
    }
    // MLflow 3: a metric logged with a model_id also belongs to that logged model.
    const modelIds = [...new Set(metrics.map((m) => m.modelId).filter((x): x is string => !!x))];
    if (modelIds.length === 0) return;
    const known = new Set(
      (await tx.all<{ id: string }>(sql`SELECT "id" FROM "LoggedModel" WHERE "id" IN (${list(modelIds)})`)).map((m) => m.id),
    );
    for (const part of chunked(metrics.filter((m) => m.modelId && known.has(m.modelId)))) {
      await tx.run(sql`INSERT INTO "LoggedModelMetric" ("modelId", "key", "value", "isNan", "timestamp", "step", "runId", "datasetName", "datasetDigest")
        VALUES ${values(part.map((m) => [m.modelId, m.key, storable(m.value), Number.isNaN(m.value), Math.trunc(m.timestamp), Math.trunc(m.step), runId, m.datasetName ?? null, m.datasetDigest ?? null]))}`);
    }
  }

  async setRunTags(runId: string, tags: KeyValue[]): Promise<void> {
    const last = lastPerKey(tags);
    for (const part of chunked(last)) {
      await this.tx.run(sql`INSERT INTO "RunTag" ("runId", "key", "value") VALUES ${values(part.map(([key, value]) => [runId, key, value]))}
        ON CONFLICT ("runId", "key") DO UPDATE SET "value" = excluded."value"`);
    }
    const runName = last.find(([key]) => key === RUN_NAME_TAG)?.[1];
    if (runName !== undefined) await this.tx.run(sql`UPDATE "Run" SET "name" = ${runName} WHERE "id" = ${runId}`);
  }

  async getRunTag(runId: string, key: string): Promise<string | null> {
    return (
      (await this.tx.get<{ value: string }>(sql`SELECT "value" FROM "RunTag" WHERE "runId" = ${runId} AND "key" = ${key}`))?.value ?? null
    );
  }

  deleteRunTag(runId: string, key: string): Promise<number> {
    return this.tx.run(sql`DELETE FROM "RunTag" WHERE "runId" = ${runId} AND "key" = ${key}`);
  }

  async metricHistory(runId: string, key: string, limit: number, offset: number): Promise<MetricPoint[]> {
    const rows =
      await this.tx.all<MetricDbRow>(sql`SELECT "key", "value", "isNan", "timestamp", "step" FROM "Metric" WHERE "runId" = ${runId} AND "key" = ${key}
      ORDER BY "step" ASC, "timestamp" ASC, "id" ASC LIMIT ${limit} OFFSET ${offset}`);
    return rows.map(toMetricPoint);
  }

  async metricHistories(runId: string, keys: string[], perKeyLimit: number): Promise<Record<string, MetricPoint[]>> {
    const out: Record<string, MetricPoint[]> = {};
    for (const key of keys) out[key] = await this.metricHistory(runId, key, perKeyLimit, 0);
    return out;
  }

  async logDatasetInput(runId: string, experimentId: number, d: DatasetData, tags: KeyValue[]): Promise<void> {
    await this.tx.run(sql`INSERT INTO "Dataset" ("id", "experimentId", "name", "digest", "sourceType", "source", "schema", "profile")
      VALUES (${randomUUID()}, ${experimentId}, ${d.name}, ${d.digest}, ${d.sourceType}, ${d.source}, ${d.schema}, ${d.profile})
      ON CONFLICT ("experimentId", "name", "digest") DO NOTHING`);
    const ds = await this.tx.get<{ id: string }>(
      sql`SELECT "id" FROM "Dataset" WHERE "experimentId" = ${experimentId} AND "name" = ${d.name} AND "digest" = ${d.digest}`,
    );
    if (!ds) return;
    const inputId = randomUUID();
    // MLflow keeps the first logging of a dataset to a run.
    const created = await this.tx.get(sql`INSERT INTO "RunDatasetInput" ("id", "runId", "datasetId") VALUES (${inputId}, ${runId}, ${ds.id})
      ON CONFLICT ("runId", "datasetId") DO NOTHING RETURNING "id"`);
    const last = lastPerKey(tags);
    if (created && last.length > 0) {
      await this.tx.run(
        sql`INSERT INTO "InputTag" ("inputId", "key", "value") VALUES ${values(last.map(([key, value]) => [inputId, key, value]))}`,
      );
    }
  }

  async logModelInput(runId: string, modelId: string): Promise<void> {
    await this.tx.run(sql`INSERT INTO "RunModelInput" ("runId", "modelId") VALUES (${runId}, ${modelId}) ON CONFLICT DO NOTHING`);
  }

  async logModelOutput(runId: string, modelId: string, step: number): Promise<void> {
    await this.tx.run(
      sql`INSERT INTO "RunModelOutput" ("runId", "modelId", "step") VALUES (${runId}, ${modelId}, ${step}) ON CONFLICT DO NOTHING`,
    );
  }

  // ---------- Logged models ----------

  async insertLoggedModel(m: NewLoggedModel): Promise<void> {
    await this.tx.run(sql`INSERT INTO "LoggedModel" ("id", "experimentId", "name", "artifactLocation", "creationTimestamp", "lastUpdatedTimestamp", "modelType", "sourceRunId")
      VALUES (${m.id}, ${m.experimentId}, ${m.name}, ${m.artifactLocation}, ${m.now}, ${m.now}, ${m.modelType}, ${m.sourceRunId})`);
    await this.setLoggedModelParams(m.id, m.params);
    await this.setLoggedModelTags(m.id, m.tags);
  }

  async loadLoggedModels(ids: string[], opts: { includeDeleted?: boolean } = {}): Promise<LoggedModelData[]> {
    if (ids.length === 0) return [];
    const tx = this.tx;
    type Row = {
      id: string;
      experimentId: number;
      name: string;
      artifactLocation: string;
      creationTimestamp: number;
      lastUpdatedTimestamp: number;
      status: string;
      statusMessage: string | null;
      modelType: string | null;
      sourceRunId: string | null;
      lifecycleStage: string;
    };
    const rows = (await inChunks<Row>(tx, ids, (p) => sql`SELECT * FROM "LoggedModel" WHERE "id" ${p}`)).filter(
      (r) => opts.includeDeleted || r.lifecycleStage === "active",
    );
    const found = rows.map((r) => r.id);
    if (found.length === 0) return [];
    const tags = groupBy(
      await inChunks<KeyValue & { modelId: string }>(
        tx,
        found,
        (p) => sql`SELECT "modelId", "key", "value" FROM "LoggedModelTag" WHERE "modelId" ${p}`,
      ),
      (r) => r.modelId,
    );
    const params = groupBy(
      await inChunks<KeyValue & { modelId: string }>(
        tx,
        found,
        (p) => sql`SELECT "modelId", "key", "value" FROM "LoggedModelParam" WHERE "modelId" ${p}`,
      ),
      (r) => r.modelId,
    );
    type M = MetricDbRow & { modelId: string; runId: string | null; datasetName: string | null; datasetDigest: string | null };
    const metrics = groupBy(
      await inChunks<M>(
        tx,
        found,
        (p) =>
          sql`SELECT "modelId", "key", "value", "isNan", "timestamp", "step", "runId", "datasetName", "datasetDigest" FROM "LoggedModelMetric" WHERE "modelId" ${p} ORDER BY "id"`,
      ),
      (r) => r.modelId,
    );
    const byId = byKey(rows, (r) => r.id);
    const pairs = (kv: KeyValue[] | undefined) => (kv ?? []).map(({ key, value }) => ({ key, value }));
    return ids.flatMap((id) => {
      const m = byId.get(id);
      if (!m) return [];
      return [
        {
          id: m.id,
          experimentId: Number(m.experimentId),
          name: m.name,
          artifactLocation: m.artifactLocation,
          creationTimestamp: Number(m.creationTimestamp),
          lastUpdatedTimestamp: Number(m.lastUpdatedTimestamp),
          status: m.status,
          statusMessage: m.statusMessage,
          modelType: m.modelType,
          sourceRunId: m.sourceRunId,
          tags: pairs(tags.get(id)),
          params: pairs(params.get(id)),
          metrics: (metrics.get(id) ?? []).map((r) => ({
            ...toMetricPoint(r),
            ...(r.runId ? { runId: r.runId } : {}),
            ...(r.datasetName ? { datasetName: r.datasetName } : {}),
            ...(r.datasetDigest ? { datasetDigest: r.datasetDigest } : {}),
          })),
        },
      ];
    });
  }

  async setLoggedModelStatus(id: string, status: string, now: number): Promise<void> {
    await this.tx.run(sql`UPDATE "LoggedModel" SET "status" = ${status}, "lastUpdatedTimestamp" = ${now} WHERE "id" = ${id}`);
  }

  async setLoggedModelTags(id: string, tags: KeyValue[]): Promise<void> {
    for (const part of chunked(lastPerKey(tags))) {
      await this.tx.run(sql`INSERT INTO "LoggedModelTag" ("modelId", "key", "value") VALUES ${values(part.map(([key, value]) => [id, key, value]))}
        ON CONFLICT ("modelId", "key") DO UPDATE SET "value" = excluded."value"`);
    }
  }

  deleteLoggedModelTag(id: string, key: string): Promise<number> {
    return this.tx.run(sql`DELETE FROM "LoggedModelTag" WHERE "modelId" = ${id} AND "key" = ${key}`);
  }

  async setLoggedModelParams(id: string, params: KeyValue[]): Promise<void> {
    for (const part of chunked(lastPerKey(params))) {
      await this.tx.run(sql`INSERT INTO "LoggedModelParam" ("modelId", "key", "value") VALUES ${values(part.map(([key, value]) => [id, key, value]))}
        ON CONFLICT ("modelId", "key") DO UPDATE SET "value" = excluded."value"`);
    }
  }

  async deleteLoggedModel(id: string, now: number): Promise<void> {
    await this.tx.run(sql`UPDATE "LoggedModel" SET "lifecycleStage" = ${"deleted"}, "lastUpdatedTimestamp" = ${now} WHERE "id" = ${id}`);
  }

  async searchLoggedModelIds(query: Sql): Promise<string[]> {
    return (await this.tx.all<{ id: string }>(query)).map((r) => r.id);
  }

  async loggedModelsOfRun(runId: string, limit: number) {
    const rows = await this.tx.all<{
      id: string;
      name: string;
      status: string;
      modelType: string | null;
      artifactLocation: string;
      creationTimestamp: number;
    }>(
      sql`SELECT "id", "name", "status", "modelType", "artifactLocation", "creationTimestamp" FROM "LoggedModel"
          WHERE "sourceRunId" = ${runId} AND "lifecycleStage" = ${"active"} ORDER BY "creationTimestamp" DESC LIMIT ${limit}`,
    );
    return rows.map((r) => ({ ...r, creationTimestamp: Number(r.creationTimestamp) }));
  }

  async counts() {
    const e = await this.tx.get<{ n: number }>(sql`SELECT COUNT(*) AS "n" FROM "Experiment" WHERE "lifecycleStage" = ${"active"}`);
    const r = await this.tx.get<{ n: number }>(sql`SELECT COUNT(*) AS "n" FROM "Run" WHERE "lifecycleStage" = ${"active"}`);
    return { experiments: Number(e?.n ?? 0), jobs: Number(r?.n ?? 0) };
  }

  async hasRuns(): Promise<boolean> {
    return !!(await this.tx.get(sql`SELECT 1 AS "x" FROM "Run" WHERE "lifecycleStage" = ${"active"} LIMIT 1`));
  }
}
