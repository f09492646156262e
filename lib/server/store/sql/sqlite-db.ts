import "server-only";
import Database from "better-sqlite3";
import type { Sql } from "sql-template-tag";
import type { Db, Row, Tx } from "./db";
import { Lock } from "./lock";

/**
 * SQLite, the embedded default: one better-sqlite3 connection per process, prepared statements
 * cached by their text (a statement costs microseconds; an ORM call here costs ~0.5 ms), and one
 * FIFO lock so only one unit of work touches the connection at a time.
 *
 * Group commit: writes that queue up while the lock is busy run together in one IMMEDIATE
 * transaction, each inside its own SAVEPOINT (a failing unit is rolled back alone), and all are
 * answered after the one COMMIT. Under many concurrent clients this turns N commits into a few.
 */
export function openSqliteDb(file: string): Db {
  const db = new Database(file, { timeout: 15_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("case_sensitive_like = ON"); // MLflow's LIKE is case-sensitive, as in PostgreSQL

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
  // SQLite binds numbers, strings, bigints, buffers and null; booleans become 0/1.
  const bind = (values: readonly unknown[]) => values.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v));
  const tx: Tx = {
    dialect: "sqlite",
    all: async <T = Row>(q: Sql) => prep(q.sql).all(...bind(q.values)) as T[],
    get: async <T = Row>(q: Sql) => prep(q.sql).get(...bind(q.values)) as T | undefined,
    run: async (q: Sql) => {
      const st = prep(q.sql);
      // A statement with RETURNING reads rows; run() would refuse it.
      if (st.reader) return st.all(...bind(q.values)).length;
      return st.run(...bind(q.values)).changes;
    },
  };

  const lock = new Lock();
  type Job = { fn: (tx: Tx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };
  const pending: Job[] = [];
  let draining = false;
  const exec = (text: string) => prep(text).run();

  async function drain(): Promise<void> {
    draining = true;
    const release = await lock.acquire();
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0, 128);
        const outcomes: { ok: boolean; value: unknown }[] = [];
        exec("BEGIN IMMEDIATE");
        try {
          for (const job of batch) {
            exec("SAVEPOINT studio_write");
            try {
              outcomes.push({ ok: true, value: await job.fn(tx) });
              exec("RELEASE studio_write");
            } catch (e) {
              exec("ROLLBACK TO studio_write");
              exec("RELEASE studio_write");
              outcomes.push({ ok: false, value: e });
            }
          }
          exec("COMMIT");
        } catch (e) {
          if (db.inTransaction) exec("ROLLBACK");
          for (const job of batch) job.reject(e); // the COMMIT itself failed: nothing was written
          continue;
        }
        batch.forEach((job, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.value);
        });
      }
    } finally {
      draining = false;
      release();
    }
  }

  return {
    dialect: "sqlite",
    async read(fn) {
      const release = await lock.acquire();
      try {
        return await fn(tx);
      } finally {
        release();
      }
    },
    write(fn) {
      return new Promise((resolve, reject) => {
        pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
        if (!draining) void drain();
      });
    },
    async close() {
      const release = await lock.acquire();
      try {
        db.close();
      } finally {
        release();
      }
    },
  };
}
