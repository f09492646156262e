// Where each engine's schema and migrations live, and how the PostgreSQL schema follows from the
// SQLite one (the source of truth). Plain JS: used by scripts and by a unit test.
import fs from "node:fs";
import path from "node:path";

export const ROOT_DIR = path.resolve(import.meta.dirname, "..", "..");
export const SQLITE_SCHEMA = path.join(ROOT_DIR, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(ROOT_DIR, "prisma", "postgresql", "schema.prisma");
export const SQLITE_MIGRATIONS = path.join(ROOT_DIR, "prisma", "migrations");
export const POSTGRES_MIGRATIONS = path.join(ROOT_DIR, "prisma", "postgresql", "migrations");

const NOTE = "// Generated from prisma/schema.prisma by `node scripts/db-schema.mjs`: edit that file, not this one.\n\n";

export function postgresSchemaText() {
  const source = fs.readFileSync(SQLITE_SCHEMA, "utf8");
  if (!source.includes('provider = "sqlite"')) throw new Error("prisma/schema.prisma must use the sqlite provider");
  return NOTE + source.replace('provider = "sqlite"', 'provider = "postgresql"');
}
