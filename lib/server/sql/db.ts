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

type Job = { fn: (sql: SyncSql) => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
const pending: Job[] = [];
let draining = false;

/**
 * Group commit: writes that queue up while the lock is busy run together in one IMMEDIATE
 * transaction, each inside its own SAVEPOINT (a failing write is rolled back alone), and all are
 * answered after the one COMMIT. Under many concurrent clients this turns N commits into a few.
 */
async function drain(): Promise<void> {
  draining = true;
  const release = await sqliteLock.acquire();
  try {
    const { db, sync } = conn();
    while (pending.length > 0) {
      const batch = pending.splice(0, 128);
      const outcomes: { ok: boolean; value: unknown }[] = [];
      try {
        db.transaction(() => {
          for (const job of batch) {
            sync.run("SAVEPOINT studio_write");
            try {
              outcomes.push({ ok: true, value: job.fn(sync) });
              sync.run("RELEASE studio_write");
            } catch (e) {
              sync.run("ROLLBACK TO studio_write");
              sync.run("RELEASE studio_write");
              outcomes.push({ ok: false, value: e });
            }
          }
        }).immediate();
      } catch (e) {
        batch.forEach((job) => job.reject(e)); // the COMMIT itself failed: nothing was written
        continue;
      }
      batch.forEach((job, i) => (outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value)));
    }
  } finally {
    draining = false;
    release();
  }
}

/** Runs `fn` with the connection under the lock; `write` runs it in a committed transaction. */
export async function withSql<T>(fn: (sql: SyncSql) => T, opts: { write?: boolean } = {}): Promise<T> {
  if (opts.write) {
    return new Promise<T>((resolve, reject) => {
      pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!draining) void drain();
    });
  }
  const release = await sqliteLock.acquire();
  try {
    return fn(conn().sync);
  } finally {
    release();
  }
}

/** One read query (e.g. a compiled search). */
export const queryAll = <T = Row>(s: Statementish, params?: SqlParams) => withSql((sql) => sql.all<T>(s, params));
