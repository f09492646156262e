import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

let withSql: typeof import("./db").withSql;

beforeAll(async () => {
  process.env.STUDIO_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "studio-sql-"));
  delete process.env.DATABASE_URL;
  ({ withSql } = await import("./db"));
  await withSql((sql) => sql.run(`CREATE TABLE "T" ("k" TEXT PRIMARY KEY, "v" INTEGER NOT NULL)`), { write: true });
});

describe("withSql group commit", () => {
  it("commits concurrent writes together and rolls back only the failing ones", async () => {
    const writes = Array.from({ length: 200 }, (_, i) =>
      withSql((sql) => {
        sql.run(`INSERT INTO "T" ("k", "v") VALUES (?, ?)`, [`k${i}`, i]);
        if (i % 10 === 0) throw new Error(`job ${i} fails after writing`);
        return i;
      }, { write: true }),
    );
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(20);
    expect(results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<number>).value)).toHaveLength(180);
    const rows = await withSql((sql) => sql.all<{ k: string }>(`SELECT "k" FROM "T" ORDER BY "v"`));
    expect(rows).toHaveLength(180);
    expect(rows.some((r) => r.k === "k0" || r.k === "k10")).toBe(false);
  });

  it("reports a constraint error to its writer without losing the others", async () => {
    const [dup, ok] = await Promise.allSettled([
      withSql((sql) => sql.run(`INSERT INTO "T" ("k", "v") VALUES ('k1', 1)`), { write: true }),
      withSql((sql) => sql.run(`INSERT INTO "T" ("k", "v") VALUES ('fresh', 1)`), { write: true }),
    ]);
    expect(dup.status).toBe("rejected");
    expect(ok.status).toBe("fulfilled");
    expect(await withSql((sql) => sql.get(`SELECT "k" FROM "T" WHERE "k" = 'fresh'`))).toEqual({ k: "fresh" });
  });
});
