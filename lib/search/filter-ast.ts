/**
 * The typed result of parsing an MLflow search `filter` / `order_by`, shared by the pure parser
 * (lib/search) and the SQL compilers (lib/server/search). Pure: no server imports.
 */
import { StudioError } from "@/lib/errors";

/**
 * Raised for every malformed filter, order_by or page token. Handlers answer it with HTTP 400
 * `INVALID_PARAMETER_VALUE`; the messages follow MLflow's wording so client-side matching
 * (and humans who know MLflow) see familiar text.
 */
export class FilterError extends StudioError {
  constructor(message: string) {
    super("INVALID_PARAMETER_VALUE", message);
    this.name = "FilterError";
  }
}

/**
 * Bounds on one search request. Each AND-ed clause nests one level deeper in the SQL expression
 * tree and each order_by key on a metric/param/tag adds a join; databases refuse trees deeper
 * than ~1,000 and joins of more than 64 tables. Requests past these bounds are refused with a
 * clear INVALID_PARAMETER_VALUE instead of reaching the database.
 */
export const SEARCH_LIMITS = {
  filterChars: 1_000_000,
  clauses: 100,
  listItems: 10_000,
  orderBy: 20,
} as const;

export type FilterEntity = "metric" | "param" | "tag" | "attribute" | "dataset";

export type FilterOp = "=" | "!=" | ">" | ">=" | "<" | "<=" | "LIKE" | "ILIKE" | "IN" | "NOT IN";

/**
 * One `<ident> <op> <value>` clause. Attribute keys are canonical (aliases such as `created` or
 * `creation_time` are already resolved). The value's type follows from the op and the key:
 * numbers for metrics and numeric attributes, string[] for IN / NOT IN, strings otherwise.
 */
export interface FilterClause {
  entity: FilterEntity;
  key: string;
  op: FilterOp;
  value: string | number | string[];
}

export interface OrderByClause {
  entity: Exclude<FilterEntity, "dataset">;
  key: string;
  ascending: boolean;
}

export const NUMERIC_OPS: readonly FilterOp[] = ["=", "!=", ">", ">=", "<", "<="];
export const STRING_OPS: readonly FilterOp[] = ["=", "!=", "LIKE", "ILIKE"];
export const STRING_LIST_OPS: readonly FilterOp[] = ["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"];

/** MLflow prints comparator sets as Python sets; a stable, readable rendering of the same idea. */
export function formatOps(ops: readonly string[]): string {
  return `{${ops.map((o) => `'${o}'`).join(", ")}}`;
}

/** The tag that marks registered models / versions that are prompts (MLflow 2.21+). */
export const IS_PROMPT_TAG_KEY = "mlflow.prompt.is_prompt";
