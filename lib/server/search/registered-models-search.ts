import "server-only";
import sql, { join } from "sql-template-tag";
import type { FilterClause, OrderByClause } from "@/lib/search/filter-ast";
import { parseRegisteredModelsFilter } from "@/lib/search/filter-parser";
import { REGISTERED_MODELS_ORDER_BY, parseOrderBy } from "@/lib/search/order-by";
import { notPromptModel, promptScope } from "./registry-filters";
import { type Sql, and, col, compare, keyValueExists, orderTerm, page } from "./sql-builders";

/**
 * Compiles MLflow `registered-models/search` (store/model_registry/sqlalchemy_store.py
 * `search_registered_models`) into one SELECT of registered-model ids. The client sends
 * `name LIKE '%x%' AND tag.`mlflow.prompt.is_prompt` != 'true'`; see registry-filters.ts for
 * how the prompt clause is handled.
 */
export interface RegisteredModelsSearch {
  filter?: string | null;
  orderBy?: string[];
  limit: number;
  offset: number;
}

const COLUMNS: Record<string, string> = {
  name: "name",
  creation_timestamp: "creationTimestamp",
  last_updated_timestamp: "lastUpdatedTimestamp",
};
const BIGINT_COLUMNS = new Set(["creationTimestamp", "lastUpdatedTimestamp"]);

function clause(c: FilterClause): Sql {
  if (c.entity === "tag") return keyValueExists("RegisteredModelTag", "registeredModelId", sql`m."id"`, c);
  return compare(col("m", COLUMNS[c.key]), c.op, c.value, BIGINT_COLUMNS.has(COLUMNS[c.key]));
}

/** Requested keys, then name ASC (MLflow's default and tie-breaker; names are unique). */
function ordering(orderBy: OrderByClause[]): Sql[] {
  const terms = orderBy.map((ob) => orderTerm(col("m", COLUMNS[ob.key]), ob.ascending));
  if (!orderBy.some((ob) => ob.key === "name")) terms.push(sql`m."name" ASC`);
  return terms;
}

/** `SELECT m."id" FROM "RegisteredModel" m ... LIMIT ? OFFSET ?`. Throws FilterError for bad input. */
export function compileRegisteredModelsSearch(input: RegisteredModelsSearch): Sql {
  const scope = promptScope(parseRegisteredModelsFilter(input.filter));
  const filters = scope.clauses.map(clause);
  if (!scope.queryingPrompts) filters.push(notPromptModel(sql`m."id"`));
  const terms = ordering(parseOrderBy(input.orderBy, REGISTERED_MODELS_ORDER_BY));
  return sql`SELECT m."id" FROM "RegisteredModel" m WHERE ${and(filters)}
    ORDER BY ${join(terms)} ${page(input.limit, input.offset)}`;
}
