import "server-only";
import sql, { empty, join, raw } from "sql-template-tag";
import type { FilterClause } from "@/lib/search/filter-ast";
import { type Sql, col, compare } from "./sql-builders";

/**
 * Logged-model metrics keep their full history (there is no LatestMetric table for them), so
 * "the value" of a metric is its latest row: highest step, then newest timestamp, then highest
 * id (so exactly one row wins). Each dataset's metrics form their own series.
 */
export interface DatasetFilter {
  datasetName: string;
  datasetDigest?: string;
}

/** Restricts metric rows to the given datasets (a digest, when given, must match too). */
export function onDatasets(alias: string, datasets: readonly DatasetFilter[]): Sql {
  const name = col(alias, "datasetName");
  const digest = col(alias, "datasetDigest");
  const each = datasets.map((d) =>
    d.datasetDigest ? sql`(${name} = ${d.datasetName} AND ${digest} = ${d.datasetDigest})` : sql`${name} = ${d.datasetName}`,
  );
  return sql`(${join(each, " OR ")})`;
}

/**
 * True when no row newer than `alias` exists for the same model and key (and, with
 * `sameDataset`, the same dataset name and digest; `extra` restricts the competing rows).
 */
function isLatest(alias: string, sameDataset: boolean, extra: Sql = empty): Sql {
  const a = (c: string) => col(alias, c);
  const dataset = sameDataset
    ? sql`AND COALESCE(nx."datasetName", '') = COALESCE(${a("datasetName")}, '')
        AND COALESCE(nx."datasetDigest", '') = COALESCE(${a("datasetDigest")}, '')`
    : empty;
  return sql`NOT EXISTS (SELECT 1 FROM "LoggedModelMetric" nx
    WHERE nx."modelId" = ${a("modelId")} AND nx."key" = ${a("key")} ${dataset} ${extra}
      AND (nx."step" > ${a("step")} OR (nx."step" = ${a("step")} AND (nx."timestamp" > ${a("timestamp")}
        OR (nx."timestamp" = ${a("timestamp")} AND nx."id" > ${a("id")})))))`;
}

/**
 * `metrics.<key> <op> <n>`: some dataset series of the model has a latest value that compares
 * true (the SearchLoggedModels proto: "Metric values from ANY dataset matching the criteria
 * are considered"). A NaN latest value never matches.
 */
export function metricFilter(c: FilterClause, datasets: readonly DatasetFilter[]): Sql {
  const restrict = datasets.length ? sql`AND ${onDatasets("mm", datasets)}` : empty;
  return sql`EXISTS (SELECT 1 FROM "LoggedModelMetric" mm
    WHERE mm."modelId" = m."id" AND mm."key" = ${c.key} ${restrict}
      AND ${isLatest("mm", true)} AND mm."isNan" = FALSE AND ${compare(col("mm", "value"), c.op, c.value)})`;
}

/** With dataset filters but no metric clause, MLflow keeps models that have any metric on them. */
export function hasMetricOn(datasets: readonly DatasetFilter[]): Sql {
  return sql`EXISTS (SELECT 1 FROM "LoggedModelMetric" mm
    WHERE mm."modelId" = m."id" AND ${onDatasets("mm", datasets)})`;
}

/**
 * LEFT JOIN of the single latest `key` row per model (on one dataset if given) as `alias`, for
 * ordering. Like MLflow's rank() window, this picks one value per (model, key), not per dataset.
 */
export function latestMetricJoin(alias: string, key: string, dataset?: DatasetFilter): Sql {
  const restrict = (a: string) => (dataset ? sql`AND ${onDatasets(a, [dataset])}` : empty);
  return sql`LEFT JOIN "LoggedModelMetric" ${raw(alias)} ON ${col(alias, "modelId")} = m."id"
    AND ${col(alias, "key")} = ${key} ${restrict(alias)} AND ${isLatest(alias, false, restrict("nx"))}`;
}
