import "server-only";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl, ensureDataDirs } from "@/lib/data-paths.mjs";
import { createSqliteAdapter } from "@/lib/server/sql/prisma-adapter";

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { studioDb?: PrismaClient };

function createClient(): PrismaClient {
  const url = databaseUrl();
  if (!url.startsWith("file:")) {
    throw new Error(`Unsupported DATABASE_URL scheme: ${url.split(":")[0]} (expected file:)`);
  }
  ensureDataDirs();
  return new PrismaClient({ adapter: createSqliteAdapter(url) });
}

export const db: PrismaClient = globalForDb.studioDb ?? (globalForDb.studioDb = createClient());
