import "server-only";
import { databaseUrl, ensureDataDirs } from "@/lib/data-paths.mjs";
import type { Db, Tx } from "./sql/db";
import { openPostgresDb } from "./sql/postgres-db";
import { SqlAuth } from "./sql/auth";
import { SqlRegistry } from "./sql/registry";
import { openSqliteDb } from "./sql/sqlite-db";
import { SqlTracking } from "./sql/tracking";
import { SqlTransfers } from "./sql/transfers";
import type { Store, StoreTx } from "./types";

export type { Store, StoreTx, UserRow } from "./types";

/**
 * The store, chosen by DATABASE_URL: `file:` (or unset) is the embedded SQLite file,
 * `postgres://` / `postgresql://` a PostgreSQL server.
 */
export function openDb(url: string): Db {
  let db: Db;
  if (url.startsWith("file:")) {
    ensureDataDirs();
    db = openSqliteDb(url.slice("file:".length));
  } else if (/^postgres(ql)?:\/\//.test(url)) {
    db = openPostgresDb(url, { max: Number(process.env.STUDIO_DB_POOL_SIZE) || 10 });
  } else {
    throw new Error(`Unsupported DATABASE_URL '${url.split(":")[0]}:…' (expected file: or postgresql://)`);
  }
  return db;
}

/** A store over a database connection (or pool). */
export function storeOn(db: Db): Store {
  // Units of work never nest: a read or write inside another would wait forever for the first on
  // SQLite's one connection. Pass the StoreTx down instead. (Not checked at run time: the check,
  // an AsyncLocalStorage, slows every promise in the process.)
  const open = (tx: Tx): StoreTx => ({
    tracking: new SqlTracking(tx),
    registry: new SqlRegistry(tx),
    transfers: new SqlTransfers(tx),
    auth: new SqlAuth(tx),
  });
  return {
    engine: db.dialect,
    read: (fn) => db.read((tx) => fn(open(tx))),
    write: (fn) => db.write((tx) => fn(open(tx))),
    close: () => db.close(),
  };
}

export const createStore = (url: string): Store => storeOn(openDb(url));

/**
 * One connection (SQLite) or pool (PostgreSQL) per process, on globalThis: Next and the MLflow
 * API bundle each load their own copy of this module and must share it (two SQLite connections
 * in one process would block each other's event loop). The store around it is per copy, so the
 * SQL objects a service builds meet the same copy of the SQL library in the store (class
 * identity does not cross bundles).
 */
const g = globalThis as unknown as { studioDb?: Db };
let local: Store | undefined;

export function store(): Store {
  return (local ??= storeOn((g.studioDb ??= openDb(databaseUrl()))));
}
