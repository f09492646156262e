import "server-only";
import sql from "sql-template-tag";
import type { MultipartSession, TransferStore } from "../types";
import type { Tx } from "./db";

type Row = { id: string; key: string; backendId: string; numParts: number; createdAt: number; updatedAt: number };
const toSession = (r: Row): MultipartSession => ({
  id: r.id,
  key: r.key,
  backendId: r.backendId,
  numParts: Number(r.numParts),
  createdAt: Number(r.createdAt),
  updatedAt: Number(r.updatedAt),
});

/** Transfers in progress in SQL, for both engines. */
export class SqlTransfers implements TransferStore {
  constructor(private readonly tx: Tx) {}

  async insertMultipart(s: Omit<MultipartSession, "updatedAt">): Promise<void> {
    await this.tx.run(sql`INSERT INTO "MultipartUpload" ("id", "key", "backendId", "numParts", "createdAt", "updatedAt")
      VALUES (${s.id}, ${s.key}, ${s.backendId}, ${s.numParts}, ${s.createdAt}, ${s.createdAt})`);
  }

  async getMultipart(id: string): Promise<MultipartSession | null> {
    const r = await this.tx.get<Row>(sql`SELECT * FROM "MultipartUpload" WHERE "id" = ${id}`);
    return r ? toSession(r) : null;
  }

  async touchMultipart(id: string, now: number): Promise<void> {
    await this.tx.run(sql`UPDATE "MultipartUpload" SET "updatedAt" = ${now} WHERE "id" = ${id}`);
  }

  deleteMultipart(id: string): Promise<number> {
    return this.tx.run(sql`DELETE FROM "MultipartUpload" WHERE "id" = ${id}`);
  }

  async staleMultiparts(before: number, limit: number): Promise<MultipartSession[]> {
    return (
      await this.tx.all<Row>(sql`SELECT * FROM "MultipartUpload" WHERE "updatedAt" < ${before} ORDER BY "updatedAt" LIMIT ${limit}`)
    ).map(toSession);
  }

  async insertUpload(id: string, now: number): Promise<void> {
    await this.tx.run(sql`INSERT INTO "Upload" ("id", "bytes", "createdAt", "updatedAt") VALUES (${id}, ${0}, ${now}, ${now})`);
  }

  async uploadExists(id: string): Promise<boolean> {
    return !!(await this.tx.get(sql`SELECT 1 AS "x" FROM "Upload" WHERE "id" = ${id}`));
  }

  async chargeUpload(id: string, delta: number, limit: number, now: number): Promise<boolean> {
    // A release always applies; a charge only while the total stays within the limit.
    const within = delta > 0 ? sql`AND "bytes" + ${delta} <= ${limit}` : sql``;
    const changed = await this.tx.run(
      sql`UPDATE "Upload" SET "bytes" = "bytes" + ${delta}, "updatedAt" = ${now} WHERE "id" = ${id} ${within}`,
    );
    return changed > 0;
  }

  deleteUpload(id: string): Promise<number> {
    return this.tx.run(sql`DELETE FROM "Upload" WHERE "id" = ${id}`);
  }

  async staleUploads(before: number, limit: number): Promise<string[]> {
    return (
      await this.tx.all<{ id: string }>(sql`SELECT "id" FROM "Upload" WHERE "updatedAt" < ${before} ORDER BY "updatedAt" LIMIT ${limit}`)
    ).map((r) => r.id);
  }
}
