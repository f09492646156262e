import "server-only";
import sql, { empty, join } from "sql-template-tag";
import { type FilterClause, FilterError } from "@/lib/search/filter-ast";
import { parseLoggedModelsFilter } from "@/lib/search/filter-parser";
import { type LoggedModelOrderBy, type LoggedModelOrderByInput, parseLoggedModelsOrderBy } from "@/lib/search/order-by";
import { type DatasetFilter, hasMetricOn, latestMetricJoin, metricFilter } from "./logged-model-metrics";
import { type Sql, and, col, compare, inList, keyValueExists, nullsLast, orderTerm, page } from "./sql-builders";

/**
 * Compiles MLflow 3 `logged-models/search` (store/tracking/sqlalchemy_store.py
 * `search_logged_models`) into one SELECT of logged-model ids. Only active (not deleted) models
 * are searched. The MLflow client calls this with `name = '<artifact name>'` from register_model.
 */
export interface LoggedModelsSearch {
  experimentIds: number[];
  filter?: string | null;
  /**
   * The request's `datasets`: metric clauses consider only metrics on these; without a metric
   * clause, a model must have some metric on one of them (MLflow's rule).
   */
  datasets?: DatasetFilter[];
  orderBy?: LoggedModelOrderByInput[];
  limit: number;
  offset: number;
}

const COLUMNS: Record<string, string> = {
  name: "name",
  model_id: "id",
  model_type: "modelType",
  status: "status",
  source_run_id: "sourceRunId",
  experiment_id: "experimentId",
  creation_timestamp: "creationTimestamp",
  last_updated_timestamp: "lastUpdatedTimestamp",
};
const BIGINT_COLUMNS = new Set(["creationTimestamp", "lastUpdatedTimestamp"]);

function attribute(c: FilterClause): Sql {
  const column = COLUMNS[c.key];
  // MLflow's filter treats experiment_id as a string ('1', LIKE '1%'); the column is an integer.
  if (column === "experimentId") return compare(sql`CAST(m."experimentId" AS TEXT)`, c.op, c.value);
  return compare(col("m", column), c.op, c.value, BIGINT_COLUMNS.has(column));
}

function clause(c: FilterClause, datasets: readonly DatasetFilter[]): Sql {
  switch (c.entity) {
    case "attribute":
      return attribute(c);
    case "metric":
      return metricFilter(c, datasets);
    case "param":
      return keyValueExists("LoggedModelParam", "modelId", sql`m."id"`, c);
    case "tag":
      return keyValueExists("LoggedModelTag", "modelId", sql`m."id"`, c);
    default:
      throw new FilterError(`Invalid logged model search key '${c.entity}.${c.key}'`);
  }
}

/** Missing values last in both directions; then creation_timestamp DESC and id ASC (MLflow's tie-breakers). */
function ordering(orderBy: LoggedModelOrderBy[]): { joins: Sql[]; terms: Sql[] } {
  const joins: Sql[] = [];
  const terms: Sql[] = [];
  orderBy.forEach((ob, i) => {
    if (ob.entity === "attribute") {
      terms.push(...nullsLast(col("m", COLUMNS[ob.key]), ob.ascending));
      return;
    }
    const alias = `o${i}`;
    const dataset = ob.datasetName ? { datasetName: ob.datasetName, datasetDigest: ob.datasetDigest } : undefined;
    joins.push(latestMetricJoin(alias, ob.key, dataset));
    const value = col(alias, "value");
    terms.push(sql`CASE WHEN ${col(alias, "isNan")} = TRUE THEN 1 WHEN ${value} IS NULL THEN 2 ELSE 0 END`);
    terms.push(orderTerm(value, ob.ascending));
  });
  if (!orderBy.some((ob) => ob.entity === "attribute" && ob.key === "creation_timestamp")) {
    terms.push(sql`m."creationTimestamp" DESC`);
  }
  terms.push(sql`m."id" ASC`);
  return { joins, terms };
}

/** Each dataset multiplies every metric clause's conditions. */
const MAX_DATASETS = 20;

/** `SELECT m."id" FROM "LoggedModel" m ... LIMIT ? OFFSET ?`. Throws FilterError for bad input. */
export function compileLoggedModelsSearch(input: LoggedModelsSearch): Sql {
  const datasets = input.datasets ?? [];
  if (datasets.length > MAX_DATASETS) throw new FilterError(`At most ${MAX_DATASETS} entries are allowed in \`datasets\``);
  if (datasets.some((d) => !d?.datasetName)) {
    throw new FilterError("`dataset_name` in the `datasets` clause must be specified.");
  }
  const clauses = parseLoggedModelsFilter(input.filter);
  const filters = clauses.map((c) => clause(c, datasets));
  if (datasets.length && !clauses.some((c) => c.entity === "metric")) filters.push(hasMetricOn(datasets));
  const { joins, terms } = ordering(parseLoggedModelsOrderBy(input.orderBy));
  const scope = [inList(sql`m."experimentId"`, input.experimentIds), sql`m."lifecycleStage" = ${"active"}`];
  return sql`SELECT m."id" FROM "LoggedModel" m ${joins.length ? join(joins, " ") : empty}
    WHERE ${and([...scope, ...filters])} ORDER BY ${join(terms)} ${page(input.limit, input.offset)}`;
}
