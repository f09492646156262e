import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import type { Sql } from "sql-template-tag";
import type { Db, Row, Tx } from "./db";

/**
 * PostgreSQL for teams: a connection pool per process, and PostgreSQL's own concurrency (row
 * locks taken by UPDATE … RETURNING, ON CONFLICT) — no process-wide lock, so several studio
 * processes can share one database. Frequent statements are prepared once per connection.
 */
const INT8 = 20;
const NUMERIC = 1700;
// Ids, counts and ms timestamps are int8; the wire layer only accepts safe integers, so they
// come back as JS numbers (pg's default would be strings).
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Statements worth preparing: the first 256 distinct texts (per pool), then plain queries. */
const MAX_PREPARED = 256;
/** Retried units of work: serialization failures and deadlocks are PostgreSQL asking for it. */
const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 5;

export function openPostgresDb(connectionString: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10, types, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection (a restarted server) must not crash the process.
  pool.on("error", (e) => console.error("[studio] PostgreSQL connection lost:", e.message));
  const names = new Map<string, string>();
  const nameFor = (text: string) => {
    let name = names.get(text);
    if (!name && names.size < MAX_PREPARED) {
      name = `s${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
      names.set(text, name);
    }
    return name;
  };
  // pg sends JS values as text; booleans and numbers are fine, undefined must be NULL.
  const values = (q: Sql) => q.values.map((v) => (v === undefined ? null : v));
  const txFor = (client: pg.PoolClient): Tx => {
    const query = (q: Sql) => client.query({ text: q.text, values: values(q), name: nameFor(q.text) });
    return {
      dialect: "postgres",
      all: async <T = Row>(q: Sql) => (await query(q)).rows as T[],
      get: async <T = Row>(q: Sql) => (await query(q)).rows[0] as T | undefined,
      run: async (q: Sql) => (await query(q)).rowCount ?? 0,
    };
  };

  return {
    dialect: "postgres",
    async read(fn) {
      const client = await pool.connect();
      try {
        return await fn(txFor(client));
      } finally {
        client.release();
      }
    },
    async write(fn) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query("BEGIN");
          const result = await fn(txFor(client));
          await client.query("COMMIT");
          return result;
        } catch (e) {
          try {
            await client.query("ROLLBACK");
          } catch {
            broken = true; // the connection itself failed: do not hand it out again
          }
          const code = (e as { code?: string }).code;
          if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw e;
        } finally {
          client.release(broken);
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}
