import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteLock } from "@/lib/server/sql/lock";

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * The better-sqlite3 adapter shares one connection between transactions and plain queries, so a
 * query issued while another request's transaction is open would silently run inside it (and be
 * rolled back with it). This wrapper gives the connection the process's one SQLite lock (lib/server/sql/lock.ts): a transaction holds it until
 * commit/rollback, a plain query holds it for its own duration. It also turns on WAL and a busy
 * timeout so other processes (the CLI, a second server on the same file) wait instead of failing.
 */
export function createSqliteAdapter(url: string): Factory {
  const inner = new PrismaBetterSQLite3({ url, timeout: 15_000 });
  const lock = sqliteLock;
  const wrap = async (adapter: Adapter): Promise<Adapter> => {
    await adapter.executeScript(
      // case_sensitive_like: MLflow's LIKE is case-sensitive (ILIKE is the insensitive one), as in PostgreSQL.
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA case_sensitive_like = ON;",
    );
    const locked =
      <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        const release = await lock.acquire();
        try {
          return await fn(...a);
        } finally {
          release();
        }
      };
    return Object.assign(Object.create(adapter) as Adapter, {
      queryRaw: locked(adapter.queryRaw.bind(adapter)),
      executeRaw: locked(adapter.executeRaw.bind(adapter)),
      executeScript: locked(adapter.executeScript.bind(adapter)),
      async startTransaction(level?: Parameters<Adapter["startTransaction"]>[0]): Promise<Tx> {
        const release = await lock.acquire();
        let tx: Tx;
        try {
          tx = await adapter.startTransaction(level);
        } catch (e) {
          release();
          throw e;
        }
        let done = false;
        const finish = <R>(p: Promise<R>) =>
          p.finally(() => {
            if (!done) {
              done = true;
              release();
            }
          });
        return Object.assign(Object.create(tx) as Tx, {
          commit: () => finish(tx.commit()),
          rollback: () => finish(tx.rollback()),
        });
      },
    });
  };
  return Object.assign(Object.create(inner) as Factory, {
    connect: async () => wrap(await inner.connect()),
    connectToShadowDb: async () => wrap(await inner.connectToShadowDb()),
  });
}
