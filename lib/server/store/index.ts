import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { databaseUrl, ensureDataDirs } from "@/lib/data-paths.mjs";
import type { Db } from "./sql/db";
import { openPostgresDb } from "./sql/postgres-db";
import { SqlRegistry } from "./sql/registry";
import { openSqliteDb } from "./sql/sqlite-db";
import { SqlTracking } from "./sql/tracking";
import { SqlTransfers } from "./sql/transfers";
import type { Store, StoreTx } from "./types";

export type { Store, StoreTx } from "./types";

/**
 * The process's store, chosen by DATABASE_URL: `file:` (or unset) is the embedded SQLite file,
 * `postgres://` / `postgresql://` a PostgreSQL server. One per process, on globalThis, because
 * Next and the MLflow API bundle each load their own copy of this module and must share one
 * connection (SQLite) or pool (PostgreSQL).
 */
export function createStore(url: string): Store {
  let db: Db;
  if (url.startsWith("file:")) {
    ensureDataDirs();
    db = openSqliteDb(url.slice("file:".length));
  } else if (/^postgres(ql)?:\/\//.test(url)) {
    db = openPostgresDb(url, { max: Number(process.env.STUDIO_DB_POOL_SIZE) || 10 });
  } else {
    throw new Error(`Unsupported DATABASE_URL '${url.split(":")[0]}:…' (expected file: or postgresql://)`);
  }
  // A unit of work inside another would wait forever for the first (SQLite's one connection):
  // refuse it loudly instead.
  const inside = new AsyncLocalStorage<true>();
  const enter = <T>(run: (fn: (tx: import("./sql/db").Tx) => Promise<T>) => Promise<T>, fn: (s: StoreTx) => Promise<T>) => {
    if (inside.getStore()) throw new Error("A store unit of work cannot start inside another; pass the StoreTx down instead");
    return inside.run(true, () =>
      run((tx) => fn({ tracking: new SqlTracking(tx), registry: new SqlRegistry(tx), transfers: new SqlTransfers(tx) })),
    );
  };
  return {
    engine: db.dialect,
    read: (fn) => enter((f) => db.read(f), fn),
    write: (fn) => enter((f) => db.write(f), fn),
    close: () => db.close(),
  };
}

const g = globalThis as unknown as { studioStore?: Store };

export function store(): Store {
  return (g.studioStore ??= createStore(databaseUrl()));
}
