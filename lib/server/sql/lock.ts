import "server-only";

/** A FIFO async lock: one holder at a time. */
export class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

/**
 * The one lock for the SQLite database file in this process, shared by the Prisma adapter and the
 * direct statements (lib/server/sql/db.ts), so their two connections never hold locks at once: a
 * synchronous statement waiting on SQLite's busy timeout would block the event loop that the
 * other connection's open transaction needs to finish. On globalThis because Next and the API
 * bundle each load their own copy of this module.
 */
const g = globalThis as unknown as { studioSqliteLock?: Lock };
export const sqliteLock: Lock = g.studioSqliteLock ?? (g.studioSqliteLock = new Lock());
