import "server-only";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Sql } from "./sql-builders";

/**
 * Test support for the search compilers: an in-memory SQLite database built from the real
 * migrations, with the same LIKE setting as lib/server/sqlite-adapter.ts, so the compiled SQL is
 * checked against the actual schema. Used only by *.test.ts files.
 */
interface Statement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): Record<string, unknown>[];
}

export interface TestDb {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  pragma(source: string): unknown;
  close(): void;
}

const MIGRATIONS = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

export function openTestDb(): TestDb {
  // better-sqlite3 ships without type declarations and arrives through the Prisma adapter, so
  // it is loaded untyped and narrowed to the few methods used here.
  const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => TestDb;
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  db.pragma("case_sensitive_like = ON");
  const folders = readdirSync(MIGRATIONS)
    .filter((name) => statSync(path.join(MIGRATIONS, name)).isDirectory())
    .sort();
  for (const folder of folders) db.exec(readFileSync(path.join(MIGRATIONS, folder, "migration.sql"), "utf8"));
  return db;
}

/** Runs a compiled search and returns the first column of each row, in order. */
export function queryIds(db: TestDb, query: Sql): string[] {
  return db
    .prepare(query.sql)
    .all(...query.values)
    .map((row) => String(Object.values(row)[0]));
}

/** Inserts one row; columns and values come from a plain object (test fixtures only). */
export function insert(db: TestDb, table: string, row: Record<string, unknown>): void {
  const keys = Object.keys(row);
  const values = keys.map((k) => (typeof row[k] === "boolean" ? Number(row[k]) : row[k]));
  const columns = keys.map((k) => `"${k}"`).join(", ");
  db.prepare(`INSERT INTO "${table}" (${columns}) VALUES (${keys.map(() => "?").join(", ")})`).run(...values);
}
