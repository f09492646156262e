import "server-only";
import Database from "better-sqlite3";
import { databaseUrl, ensureDataDirs } from "@/lib/data-paths.mjs";
import { sqliteLock } from "./lock";

/**
 * Direct SQL for the hot MLflow paths (logging, run reads, searches): prepared statements on a
 * second connection to the same SQLite file, taken under the process's one SQLite lock. Prisma's
 * model API costs ~0.5 ms per query here; a prepared statement costs microseconds, which is what
 * lets the tracking API keep up with MLflow clients logging at full speed. The SQL is the same
 * portable SQL the Prisma raw queries use (double-quoted identifiers, `?` parameters).
 */
export type Row = Record<string, unknown>;
export type SqlParams = readonly unknown[];
export type Statementish = string | { sql: string; values: readonly unknown[] };

export interface SyncSql {
  all<T = Row>(sql: Statementish, params?: SqlParams): T[];
  get<T = Row>(sql: Statementish, params?: SqlParams): T | undefined;
  run(sql: Statementish, params?: SqlParams): { changes: number };
}

function open(): Database.Database {
  ensureDataDirs();
  const url = databaseUrl();
  if (!url.startsWith("file:")) throw new Error("Direct SQL needs a SQLite DATABASE_URL (file:)");
  const db = new Database(url.slice(5), { timeout: 15_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("case_sensitive_like = ON"); // MLflow's LIKE is case-sensitive, as in PostgreSQL
  return db;
}

// SQLite binds numbers, strings, bigints, buffers and null; booleans become 0/1.
const bind = (params: readonly unknown[]) => params.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v));

function makeSync(db: Database.Database): SyncSql {
  const cache = new Map<string, Database.Statement>();
  const prep = (text: string) => {
    let st = cache.get(text);
    if (!st) {
      st = db.prepare(text);
      if (cache.size > 500) cache.clear();
      cache.set(text, st);
    }
    return st;
  };
  const split = (s: Statementish, params?: SqlParams): [string, unknown[]] =>
    typeof s === "string" ? [s, bind(params ?? [])] : [s.sql, bind(s.values)];
  return {
    all: (s, p) => {
      const [text, args] = split(s, p);
      return prep(text).all(...args) as never[];
    },
    get: (s, p) => {
      const [text, args] = split(s, p);
      return prep(text).get(...args) as never;
    },
    run: (s, p) => {
      const [text, args] = split(s, p);
      return { changes: prep(text).run(...args).changes };
    },
  };
}

const g = globalThis as unknown as { studioDirect?: { db: Database.Database; sync: SyncSql } };
function conn() {
  if (!g.studioDirect) {
    const db = open();
    g.studioDirect = { db, sync: makeSync(db) };
  }
  return g.studioDirect;
}

/** Runs `fn` with the connection under the lock; `write` wraps it in BEGIN IMMEDIATE … COMMIT. */
export async function withSql<T>(fn: (sql: SyncSql) => T, opts: { write?: boolean } = {}): Promise<T> {
  const release = await sqliteLock.acquire();
  try {
    const { db, sync } = conn();
    return opts.write ? db.transaction(() => fn(sync)).immediate() : fn(sync);
  } finally {
    release();
  }
}

/** One read query (e.g. a compiled search). */
export const queryAll = <T = Row>(s: Statementish, params?: SqlParams) => withSql((sql) => sql.all<T>(s, params));
