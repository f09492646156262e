import "server-only";
import type { Sql } from "sql-template-tag";

/**
 * The one seam between the SQL store and a database engine. The store's SQL is written once
 * (double-quoted identifiers, bound parameters, portable constructs); an engine only runs it:
 * SQLite (lib/server/store/sql/sqlite-db.ts) or PostgreSQL (postgres-db.ts).
 */
export type Dialect = "sqlite" | "postgres";
export type Row = Record<string, unknown>;

/** Statements inside one unit of work (or one read). */
export interface Tx {
  readonly dialect: Dialect;
  all<T = Row>(query: Sql): Promise<T[]>;
  get<T = Row>(query: Sql): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it changed. */
  run(query: Sql): Promise<number>;
}

export interface Db {
  readonly dialect: Dialect;
  /** Reads; on SQLite one consistent snapshot. Never nest another read or write inside. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One atomic unit of work: every statement commits together or none does. `fn` must touch only
   * the database (no file or network I/O) and may run again if the engine asks for a retry.
   */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique or primary-key violation, whichever engine raised it. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
