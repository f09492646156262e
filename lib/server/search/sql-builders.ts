import "server-only";
import sql, { join, raw, type Sql } from "sql-template-tag";
import { FilterError, type FilterClause, type FilterOp, SEARCH_LIMITS } from "@/lib/search/filter-ast";

/**
 * Building blocks shared by the search compilers. Portable SQL only (SQLite now, PostgreSQL
 * later): double-quoted identifiers, CASE instead of NULLS LAST, LOWER(..) LIKE LOWER(..) for
 * ILIKE. Every user-supplied value is a bound parameter; identifiers come from constant maps.
 */
export type { Sql };

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `alias."column"`. Only ever called with constants; the check keeps it that way. */
export function col(alias: string, column: string): Sql {
  if (!SAFE_NAME.test(alias) || !SAFE_NAME.test(column)) throw new Error(`Unsafe SQL identifier ${alias}.${column}`);
  return raw(`${alias}."${column}"`);
}

/**
 * A value compared with a BIGINT column (ms timestamps). PostgreSQL types the parameter from the
 * column, so a fraction ("> 1.5") would not parse as int8: it is cast to a double, and the column
 * compares as a double too. Whole numbers bind as they are (int8 on PostgreSQL).
 */
function bind(value: string | number, bigint: boolean): string | number | Sql {
  return bigint && typeof value === "number" && !Number.isInteger(value) ? sql`CAST(${value} AS DOUBLE PRECISION)` : value;
}

/**
 * MLflow on SQLite treats `\` in a LIKE pattern literally while PostgreSQL's LIKE uses it as an
 * escape by default. Doubling it under ESCAPE '\' makes it literal on both; `%` and `_` stay
 * wildcards, as in MLflow.
 */
const likePattern = (value: string) => value.replace(/\\/g, "\\\\");

const SIMPLE_OPS: Partial<Record<FilterOp, string>> = {
  "=": "=",
  "!=": "<>",
  ">": ">",
  ">=": ">=",
  "<": "<",
  "<=": "<=",
};

/** `<column> <op> <value>` for one clause; `bigint` marks BIGINT columns. */
export function compare(column: Sql, op: FilterOp, value: FilterClause["value"], bigint = false): Sql {
  if (op === "IN" || op === "NOT IN") {
    if (!Array.isArray(value) || value.length === 0) throw new FilterError(`${op} needs a non-empty list of values`);
    const list = join(value.map((v) => sql`${bind(v, bigint)}`));
    return op === "IN" ? sql`${column} IN (${list})` : sql`${column} NOT IN (${list})`;
  }
  if (Array.isArray(value)) throw new FilterError(`Comparator '${op}' does not take a list`);
  if (op === "LIKE" || op === "ILIKE") {
    if (typeof value !== "string") throw new FilterError(`Comparator '${op}' needs a string value`);
    return op === "LIKE"
      ? sql`${column} LIKE ${likePattern(value)} ESCAPE '\\'`
      : sql`LOWER(${column}) LIKE LOWER(${likePattern(value)}) ESCAPE '\\'`;
  }
  return sql`${column} ${raw(SIMPLE_OPS[op]!)} ${bind(value, bigint)}`;
}

/**
 * EXISTS a row of a key/value table (params, tags) owned by `ownerId`, with the clause's key and
 * a value that compares true. A missing key never matches, not even `!=` (MLflow's rule).
 */
export function keyValueExists(table: string, ownerColumn: string, ownerId: Sql, c: FilterClause): Sql {
  if (!SAFE_NAME.test(table)) throw new Error(`Unsafe SQL table name ${table}`);
  return sql`EXISTS (SELECT 1 FROM ${raw(`"${table}" kv`)} WHERE ${col("kv", ownerColumn)} = ${ownerId}
    AND kv."key" = ${c.key} AND ${compare(col("kv", "value"), c.op, c.value)})`;
}

/** `<value> ASC|DESC`. */
export function orderTerm(value: Sql, ascending: boolean): Sql {
  return sql`${value} ${raw(ascending ? "ASC" : "DESC")}`;
}

/** `<column> IN (...)`, or a false condition for an empty list (`IN ()` is not valid SQL). */
export function inList(column: Sql, values: readonly (string | number)[]): Sql {
  if (values.length === 0) return sql`1 = 0`;
  // One value as `=`: an index on (column, …, time) then also yields rows in time order, so a
  // newest-first page stops after its rows instead of sorting every match (PostgreSQL).
  if (values.length === 1) return sql`${column} = ${values[0]}`;
  if (values.length > SEARCH_LIMITS.listItems) throw new FilterError(`At most ${SEARCH_LIMITS.listItems} ids can be searched at once`);
  return sql`${column} IN (${join(values.map((v) => sql`${v}`))})`;
}

export function and(parts: readonly Sql[]): Sql {
  return parts.length === 0 ? sql`1 = 1` : join(parts, " AND ");
}

/** ORDER BY terms for a nullable value: NULLs last in both directions, as MLflow sorts. */
export function nullsLast(value: Sql, ascending: boolean): Sql[] {
  return [sql`CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END`, orderTerm(value, ascending)];
}

/** `LIMIT ? OFFSET ?`; the handler validates max_results, this only refuses nonsense. */
export function page(limit: number, offset: number): Sql {
  for (const [name, n] of [
    ["limit", limit],
    ["offset", offset],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new FilterError(`Invalid ${name} ${n}: must be a non-negative integer`);
    }
  }
  return sql`LIMIT ${limit} OFFSET ${offset}`;
}
