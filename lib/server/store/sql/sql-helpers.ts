import "server-only";
import sql, { join, type Sql } from "sql-template-tag";
import type { Row, Tx } from "./db";

/**
 * Small builders shared by the SQL store. Rows per multi-row INSERT and ids per IN list stay well
 * under SQLite's bound-variable limit (32,766) and PostgreSQL's (65,535).
 */
const CHUNK = 400;

export function chunked<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `?, ?, ?` for an IN list. */
export const list = (items: readonly unknown[]): Sql => join(items.map((v) => sql`${v}`));

/** `(?, ?), (?, ?)` for a multi-row INSERT. */
export const values = (rows: readonly (readonly unknown[])[]): Sql => join(rows.map((r) => sql`(${list(r)})`));

/**
 * Runs `query` for a set of ids and concatenates the rows. `match` is the condition to put after
 * the column: on PostgreSQL `= ANY($1)` with the ids as one array (one statement text, prepared
 * once, whatever the count); on SQLite `IN (?, ?, …)`, in chunks under its variable limit.
 */
export async function inChunks<T = Row>(tx: Tx, ids: readonly unknown[], query: (match: Sql) => Sql): Promise<T[]> {
  if (ids.length === 0) return [];
  if (tx.dialect === "postgres") return tx.all<T>(query(sql`= ANY(${[...ids]})`));
  const out: T[] = [];
  for (const part of chunked(ids, 500)) out.push(...(await tx.all<T>(query(sql`IN (${list(part)})`))));
  return out;
}

export function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export const byKey = <T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T> => new Map(rows.map((r) => [key(r), r]));
