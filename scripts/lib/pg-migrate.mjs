// Applies the committed PostgreSQL migrations (prisma/postgresql/migrations/*/migration.sql, in
// name order). Prisma's own `migrate deploy` cannot run here with the pg adapter (Prisma bug
// #27403), so this small runner does: a table of applied migrations, each file in its own
// transaction, all under an advisory lock so replicas starting together apply each once.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { POSTGRES_MIGRATIONS } from "./db-schema.mjs";

const LOCK_KEY = 727_270_001; // any constant shared by every studio process

export async function migratePostgres(connectionString, { log = () => {} } = {}) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_studio_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const applied = new Set((await client.query(`SELECT "name" FROM "_studio_migrations"`)).rows.map((r) => r.name));
    const names = fs
      .readdirSync(POSTGRES_MIGRATIONS)
      .filter((n) => fs.statSync(path.join(POSTGRES_MIGRATIONS, n)).isDirectory())
      .sort();
    for (const name of names) {
      if (applied.has(name)) continue;
      const sqlText = fs.readFileSync(path.join(POSTGRES_MIGRATIONS, name, "migration.sql"), "utf8");
      await client.query("BEGIN");
      try {
        await client.query(sqlText);
        await client.query(`INSERT INTO "_studio_migrations" ("name") VALUES ($1)`, [name]);
        await client.query("COMMIT");
        log(`applied migration ${name}`);
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${e.message}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
