import "server-only";
import sql, { join } from "sql-template-tag";
import type { FilterClause, OrderByClause } from "@/lib/search/filter-ast";
import { parseModelVersionsFilter } from "@/lib/search/filter-parser";
import { MODEL_VERSIONS_ORDER_BY, parseOrderBy } from "@/lib/search/order-by";
import { notPromptVersion, promptScope } from "./registry-filters";
import { type Sql, and, col, compare, keyValueExists, orderTerm, page } from "./sql-builders";

/**
 * Compiles MLflow `model-versions/search` (store/model_registry/sqlalchemy_store.py
 * `search_model_versions`) into one SELECT of model-version ids. `name` is the registered
 * model's name. Versions in MLflow's internal "Deleted_Internal" stage are never returned.
 */
export interface ModelVersionsSearch {
  filter?: string | null;
  orderBy?: string[];
  limit: number;
  offset: number;
}

/** MLflow's order when the request has none. */
export const DEFAULT_MODEL_VERSIONS_ORDER = ["last_updated_timestamp DESC", "name ASC", "version_number DESC"];

const DELETED_INTERNAL_STAGE = "Deleted_Internal";

const COLUMNS: Record<string, [alias: "v" | "m", column: string]> = {
  name: ["m", "name"],
  run_id: ["v", "runId"],
  source_path: ["v", "source"],
  version_number: ["v", "version"],
  creation_timestamp: ["v", "creationTimestamp"],
  last_updated_timestamp: ["v", "lastUpdatedTimestamp"],
};

function clause(c: FilterClause): Sql {
  if (c.entity === "tag") return keyValueExists("ModelVersionTag", "modelVersionId", sql`v."id"`, c);
  return compare(col(...COLUMNS[c.key]), c.op, c.value);
}

/** Requested keys, then name ASC and version DESC unless given (MLflow's tie-breakers). */
function ordering(orderBy: OrderByClause[]): Sql[] {
  const terms = orderBy.map((ob) => orderTerm(col(...COLUMNS[ob.key]), ob.ascending));
  if (!orderBy.some((ob) => ob.key === "name")) terms.push(sql`m."name" ASC`);
  if (!orderBy.some((ob) => ob.key === "version_number")) terms.push(sql`v."version" DESC`);
  return terms;
}

/** `SELECT v."id" FROM "ModelVersion" v JOIN "RegisteredModel" m ...`. Throws FilterError for bad input. */
export function compileModelVersionsSearch(input: ModelVersionsSearch): Sql {
  const scope = promptScope(parseModelVersionsFilter(input.filter));
  const filters = [sql`v."currentStage" <> ${DELETED_INTERNAL_STAGE}`, ...scope.clauses.map(clause)];
  if (!scope.queryingPrompts) filters.push(notPromptVersion(sql`v."registeredModelId"`));
  const orderBy = input.orderBy?.length ? input.orderBy : DEFAULT_MODEL_VERSIONS_ORDER;
  const terms = ordering(parseOrderBy(orderBy, MODEL_VERSIONS_ORDER_BY));
  return sql`SELECT v."id" FROM "ModelVersion" v JOIN "RegisteredModel" m ON m."id" = v."registeredModelId"
    WHERE ${and(filters)} ORDER BY ${join(terms)} ${page(input.limit, input.offset)}`;
}
