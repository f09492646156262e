// One schema, two engines. prisma/schema.prisma (SQLite) is the source of truth; this script
// writes prisma/postgresql/schema.prisma from it and, with --migration <name>, the next migration
// for both engines (SQL diffed offline by Prisma: no database needed).
//   node scripts/db-schema.mjs                    rewrite the PostgreSQL schema
//   node scripts/db-schema.mjs --migration name   also write prisma/{,postgresql/}migrations/<stamp>_name
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresSchemaText, ROOT_DIR, SQLITE_SCHEMA, POSTGRES_SCHEMA, SQLITE_MIGRATIONS, POSTGRES_MIGRATIONS } from "./lib/db-schema.mjs";

const prisma = path.join(ROOT_DIR, "node_modules", ".bin", "prisma");
const name = process.argv.includes("--migration") ? process.argv[process.argv.indexOf("--migration") + 1] : null;

/** The schema the last migration left, rebuilt by diffing nothing against the migrations' SQL is not possible offline: keep a copy. */
function diff(from, to) {
  const args = [
    "migrate",
    "diff",
    from ? "--from-schema-datamodel" : "--from-empty",
    ...(from ? [from] : []),
    "--to-schema-datamodel",
    to,
    "--script",
  ];
  const res = spawnSync(prisma, args, {
    cwd: ROOT_DIR,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "file:./unused.db" },
  });
  if (res.status !== 0) throw new Error(`prisma migrate diff failed: ${res.stderr}`);
  return res.stdout;
}

const previousPg = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
const nextPg = postgresSchemaText();
if (name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("a migration name is lower_snake_case");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "studio-schema-"));
  // Each engine's previous state: the PostgreSQL copy (as last written) and the same with SQLite's provider.
  const prevPgFile = path.join(tmp, "prev-pg.prisma");
  const prevSqliteFile = path.join(tmp, "prev-sqlite.prisma");
  if (previousPg) {
    fs.writeFileSync(prevPgFile, previousPg);
    fs.writeFileSync(prevSqliteFile, previousPg.replace('provider = "postgresql"', 'provider = "sqlite"'));
  }
  const nextPgFile = path.join(tmp, "next-pg.prisma");
  fs.writeFileSync(nextPgFile, nextPg);
  for (const [dir, from, to] of [
    [SQLITE_MIGRATIONS, previousPg ? prevSqliteFile : null, SQLITE_SCHEMA],
    [POSTGRES_MIGRATIONS, previousPg ? prevPgFile : null, nextPgFile],
  ]) {
    const sqlText = diff(from, to);
    fs.mkdirSync(path.join(dir, `${stamp}_${name}`), { recursive: true });
    fs.writeFileSync(path.join(dir, `${stamp}_${name}`, "migration.sql"), sqlText);
    console.log(`wrote ${path.relative(ROOT_DIR, path.join(dir, `${stamp}_${name}`, "migration.sql"))}`);
  }
}
fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
fs.writeFileSync(POSTGRES_SCHEMA, nextPg);
console.log(`wrote ${path.relative(ROOT_DIR, POSTGRES_SCHEMA)}`);
