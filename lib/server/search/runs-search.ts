import "server-only";
import sql, { empty, join, raw } from "sql-template-tag";
import { type FilterClause, FilterError, type OrderByClause } from "@/lib/search/filter-ast";
import { parseRunsFilter } from "@/lib/search/filter-parser";
import { RUNS_ORDER_BY, parseOrderBy } from "@/lib/search/order-by";
import { type Sql, and, col, compare, inList, keyValueExists, nullsLast, orderTerm, page } from "./sql-builders";

/**
 * Compiles MLflow `runs/search` into one SELECT of run ids, following MLflow's SQL store
 * (store/tracking/sqlalchemy_store.py `_get_sqlalchemy_filter_clauses`, `_get_orderby_clauses`).
 * Metrics use the LatestMetric summary; params, tags and datasets are EXISTS subqueries.
 */
export type RunViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

export interface RunsSearch {
  /** "all": every experiment (the studio's Jobs list); the MLflow API always names experiments. */
  experimentIds: number[] | "all";
  filter?: string | null;
  runViewType: RunViewType;
  orderBy?: string[];
  limit: number;
  offset: number;
}

const STAGES: Record<RunViewType, string[]> = {
  ACTIVE_ONLY: ["active"],
  DELETED_ONLY: ["deleted"],
  ALL: ["active", "deleted"],
};

/**
 * MLflow attribute → Run column. MLflow matches run_name against the mlflow.runName tag (runs
 * logged before 1.30 had an empty name column); here the column is kept in sync and used.
 */
const COLUMNS: Record<string, string> = {
  run_id: "id",
  run_name: "name",
  status: "status",
  user_id: "userId",
  artifact_uri: "artifactUri",
  lifecycle_stage: "lifecycleStage",
  start_time: "startTime",
  end_time: "endTime",
};
const BIGINT_COLUMNS = new Set(["startTime", "endTime"]);

/** The input tag that holds a dataset's role in a run ("training", "eval", ...). */
const DATASET_CONTEXT_TAG = "mlflow.data.context";

/** Some dataset input of the run matches (MLflow: any()). */
function datasetClause(c: FilterClause): Sql {
  if (c.key === "context") {
    return sql`EXISTS (SELECT 1 FROM "RunDatasetInput" di JOIN "InputTag" it ON it."inputId" = di."id"
      WHERE di."runId" = r."id" AND it."key" = ${DATASET_CONTEXT_TAG}
        AND ${compare(col("it", "value"), c.op, c.value)})`;
  }
  return sql`EXISTS (SELECT 1 FROM "RunDatasetInput" di JOIN "Dataset" d ON d."id" = di."datasetId"
    WHERE di."runId" = r."id" AND ${compare(col("d", c.key), c.op, c.value)})`;
}

function clause(c: FilterClause): Sql {
  switch (c.entity) {
    case "attribute": {
      const column = COLUMNS[c.key];
      return compare(col("r", column), c.op, c.value, BIGINT_COLUMNS.has(column));
    }
    case "metric":
      // A NaN never satisfies a numeric comparison (the stored value of a NaN row is a placeholder).
      return sql`EXISTS (SELECT 1 FROM "LatestMetric" lm WHERE lm."runId" = r."id" AND lm."key" = ${c.key}
        AND lm."isNan" = FALSE AND ${compare(col("lm", "value"), c.op, c.value)})`;
    case "param":
      return keyValueExists("Param", "runId", sql`r."id"`, c);
    case "tag":
      return keyValueExists("RunTag", "runId", sql`r."id"`, c);
    case "dataset":
      return datasetClause(c);
  }
}

const JOINED_TABLES = { metric: "LatestMetric", param: "Param", tag: "RunTag" } as const;

/**
 * ORDER BY with MLflow's rules: a missing metric/param/tag sorts last in both directions, a NaN
 * metric after every number but before missing ones; then start_time DESC and run id ASC so
 * that pages never overlap.
 */
function ordering(orderBy: OrderByClause[]): { joins: Sql[]; terms: Sql[] } {
  const joins: Sql[] = [];
  const terms: Sql[] = [];
  orderBy.forEach((ob, i) => {
    if (ob.entity === "attribute") {
      const column = col("r", COLUMNS[ob.key]);
      terms.push(...(ob.key === "end_time" ? nullsLast(column, ob.ascending) : [orderTerm(column, ob.ascending)]));
      return;
    }
    const alias = `o${i}`;
    const table = raw(`"${JOINED_TABLES[ob.entity]}" ${alias}`);
    joins.push(sql`LEFT JOIN ${table} ON ${col(alias, "runId")} = r."id" AND ${col(alias, "key")} = ${ob.key}`);
    const value = col(alias, "value");
    if (ob.entity !== "metric") {
      terms.push(...nullsLast(value, ob.ascending));
      return;
    }
    terms.push(sql`CASE WHEN ${col(alias, "isNan")} = TRUE THEN 1 WHEN ${value} IS NULL THEN 2 ELSE 0 END`);
    terms.push(orderTerm(value, ob.ascending));
  });
  if (!orderBy.some((ob) => ob.entity === "attribute" && ob.key === "start_time")) {
    terms.push(sql`r."startTime" DESC`);
  }
  terms.push(sql`r."id" ASC`);
  return { joins, terms };
}

/** `SELECT r."id" FROM "Run" r ... LIMIT ? OFFSET ?`. Throws FilterError for a bad filter/order_by. */
export function compileRunsSearch(input: RunsSearch): Sql {
  const stages = STAGES[input.runViewType];
  if (!stages) throw new FilterError(`Invalid run_view_type '${input.runViewType}'`);
  const filters = parseRunsFilter(input.filter).map(clause);
  const { joins, terms } = ordering(parseOrderBy(input.orderBy, RUNS_ORDER_BY));
  const scope = [
    input.experimentIds === "all" ? sql`1 = 1` : inList(sql`r."experimentId"`, input.experimentIds),
    inList(sql`r."lifecycleStage"`, stages),
  ];
  return sql`SELECT r."id" FROM "Run" r ${joins.length ? join(joins, " ") : empty}
    WHERE ${and([...scope, ...filters])} ORDER BY ${join(terms)} ${page(input.limit, input.offset)}`;
}
