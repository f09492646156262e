import "server-only";
import sql, { join } from "sql-template-tag";
import type { AuditQuery, AuditRow, AuthStore, GrantRow, TokenRow, UserRow } from "../types";
import type { Tx } from "./db";

type Raw = Record<string, unknown>;
const num = (v: unknown) => Number(v);
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const toUser = (r: Raw): UserRow => ({
  id: num(r.id),
  username: String(r.username),
  passwordHash: (r.passwordHash as string | null) ?? null,
  role: String(r.role),
  disabledAt: optNum(r.disabledAt),
  createdAt: num(r.createdAt),
  updatedAt: num(r.updatedAt),
});
const toToken = (r: Raw): TokenRow => ({
  id: String(r.id),
  userId: num(r.userId),
  username: String(r.username),
  name: String(r.name),
  prefix: String(r.prefix),
  createdAt: num(r.createdAt),
  lastUsedAt: optNum(r.lastUsedAt),
  expiresAt: optNum(r.expiresAt),
  revokedAt: optNum(r.revokedAt),
});
const toGrant = (r: Raw): GrantRow => ({
  id: num(r.id),
  userId: num(r.userId),
  username: String(r.username),
  resourceType: String(r.resourceType),
  resourceKey: String(r.resourceKey),
  permission: String(r.permission),
  createdAt: num(r.createdAt),
});
const toAudit = (r: Raw): AuditRow => ({
  id: num(r.id),
  at: num(r.at),
  actor: String(r.actor),
  via: String(r.via),
  action: String(r.action),
  resourceType: String(r.resourceType),
  resourceKey: String(r.resourceKey),
  details: String(r.details),
});

const USER = sql`SELECT "id", "username", "passwordHash", "role", "disabledAt", "createdAt", "updatedAt" FROM "User"`;

/** Accounts, grants and the audit log in SQL, for both engines. */
export class SqlAuth implements AuthStore {
  constructor(private readonly tx: Tx) {}

  async countUsers(): Promise<number> {
    return num((await this.tx.get<Raw>(sql`SELECT COUNT(*) AS "n" FROM "User"`))?.n ?? 0);
  }

  async insertUser(u: { username: string; passwordHash: string | null; role: string; now: number }): Promise<number | null> {
    const row = await this.tx.get<Raw>(sql`INSERT INTO "User" ("username", "passwordHash", "role", "createdAt", "updatedAt")
      VALUES (${u.username}, ${u.passwordHash}, ${u.role}, ${u.now}, ${u.now}) ON CONFLICT ("username") DO NOTHING RETURNING "id"`);
    return row ? num(row.id) : null;
  }

  async userByName(username: string): Promise<UserRow | null> {
    const r = await this.tx.get<Raw>(sql`${USER} WHERE "username" = ${username}`);
    return r ? toUser(r) : null;
  }

  async userById(id: number): Promise<UserRow | null> {
    const r = await this.tx.get<Raw>(sql`${USER} WHERE "id" = ${id}`);
    return r ? toUser(r) : null;
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.tx.all<Raw>(sql`${USER} ORDER BY "username"`)).map(toUser);
  }

  async updateUser(
    id: number,
    change: { role?: string; passwordHash?: string; disabledAt?: number | null },
    now: number,
  ): Promise<boolean> {
    const sets = [sql`"updatedAt" = ${now}`];
    if (change.role !== undefined) sets.push(sql`"role" = ${change.role}`);
    if (change.passwordHash !== undefined) sets.push(sql`"passwordHash" = ${change.passwordHash}`);
    if (change.disabledAt !== undefined) sets.push(sql`"disabledAt" = ${change.disabledAt}`);
    return (await this.tx.run(sql`UPDATE "User" SET ${join(sets, ", ")} WHERE "id" = ${id}`)) > 0;
  }

  async deleteUser(id: number): Promise<boolean> {
    // Children first: SQLite enforces the cascade only with foreign keys switched on.
    await this.tx.run(sql`DELETE FROM "Session" WHERE "userId" = ${id}`);
    await this.tx.run(sql`DELETE FROM "ApiToken" WHERE "userId" = ${id}`);
    await this.tx.run(sql`DELETE FROM "Grant" WHERE "userId" = ${id}`);
    return (await this.tx.run(sql`DELETE FROM "User" WHERE "id" = ${id}`)) > 0;
  }

  async insertSession(s: { id: string; userId: number; now: number; expiresAt: number }): Promise<void> {
    await this.tx.run(
      sql`INSERT INTO "Session" ("id", "userId", "createdAt", "expiresAt") VALUES (${s.id}, ${s.userId}, ${s.now}, ${s.expiresAt})`,
    );
  }

  async sessionUser(id: string, now: number): Promise<UserRow | null> {
    const r =
      await this.tx.get<Raw>(sql`SELECT u."id", u."username", u."passwordHash", u."role", u."disabledAt", u."createdAt", u."updatedAt"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${id} AND s."expiresAt" > ${now} AND u."disabledAt" IS NULL`);
    return r ? toUser(r) : null;
  }

  async deleteSession(id: string): Promise<void> {
    await this.tx.run(sql`DELETE FROM "Session" WHERE "id" = ${id}`);
  }

  async deleteUserSessions(userId: number): Promise<void> {
    await this.tx.run(sql`DELETE FROM "Session" WHERE "userId" = ${userId}`);
  }

  async deleteExpiredSessions(now: number, limit: number): Promise<number> {
    return this.tx.run(sql`DELETE FROM "Session" WHERE "id" IN (SELECT "id" FROM "Session" WHERE "expiresAt" <= ${now} LIMIT ${limit})`);
  }

  async insertToken(t: { id: string; userId: number; name: string; prefix: string; hash: string; now: number; expiresAt: number | null }) {
    await this.tx.run(sql`INSERT INTO "ApiToken" ("id", "userId", "name", "prefix", "hash", "createdAt", "expiresAt")
      VALUES (${t.id}, ${t.userId}, ${t.name}, ${t.prefix}, ${t.hash}, ${t.now}, ${t.expiresAt})`);
  }

  async tokenUser(hash: string, now: number) {
    const r =
      await this.tx.get<Raw>(sql`SELECT u."id", u."username", u."passwordHash", u."role", u."disabledAt", u."createdAt", u."updatedAt",
        t."id" AS "tokenId", t."prefix" AS "tokenPrefix", t."lastUsedAt" AS "tokenLastUsedAt"
      FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
      WHERE t."hash" = ${hash} AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > ${now}) AND u."disabledAt" IS NULL`);
    if (!r) return null;
    return { user: toUser(r), tokenId: String(r.tokenId), prefix: String(r.tokenPrefix), lastUsedAt: optNum(r.tokenLastUsedAt) };
  }

  async touchToken(id: string, now: number): Promise<void> {
    await this.tx.run(sql`UPDATE "ApiToken" SET "lastUsedAt" = ${now} WHERE "id" = ${id}`);
  }

  async listTokens(userId: number | null): Promise<TokenRow[]> {
    const where = userId === null ? sql`` : sql`WHERE t."userId" = ${userId}`;
    return (
      await this.tx.all<Raw>(sql`SELECT t."id", t."userId", u."username", t."name", t."prefix", t."createdAt", t."lastUsedAt", t."expiresAt", t."revokedAt"
        FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" ${where} ORDER BY t."createdAt" DESC, t."id"`)
    ).map(toToken);
  }

  async revokeToken(id: string, userId: number | null, now: number): Promise<TokenRow | null> {
    const mine = userId === null ? sql`` : sql`AND "userId" = ${userId}`;
    const changed = await this.tx.run(sql`UPDATE "ApiToken" SET "revokedAt" = ${now} WHERE "id" = ${id} AND "revokedAt" IS NULL ${mine}`);
    if (!changed) return null;
    const r =
      await this.tx.get<Raw>(sql`SELECT t."id", t."userId", u."username", t."name", t."prefix", t."createdAt", t."lastUsedAt", t."expiresAt", t."revokedAt"
      FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."id" = ${id}`);
    return r ? toToken(r) : null;
  }

  async grantOf(userId: number, resourceType: string, resourceKey: string): Promise<string | null> {
    const r = await this.tx.get<Raw>(
      sql`SELECT "permission" FROM "Grant" WHERE "userId" = ${userId} AND "resourceType" = ${resourceType} AND "resourceKey" = ${resourceKey}`,
    );
    return r ? String(r.permission) : null;
  }

  async grantKeys(userId: number, resourceType: string, permission: string): Promise<string[]> {
    const rows = await this.tx.all<Raw>(
      sql`SELECT "resourceKey" FROM "Grant" WHERE "userId" = ${userId} AND "resourceType" = ${resourceType} AND "permission" = ${permission}`,
    );
    return rows.map((r) => String(r.resourceKey));
  }

  async listGrants(filter: { userId?: number; resourceType?: string; resourceKey?: string }): Promise<GrantRow[]> {
    const where = [sql`1 = 1`];
    if (filter.userId !== undefined) where.push(sql`g."userId" = ${filter.userId}`);
    if (filter.resourceType !== undefined) where.push(sql`g."resourceType" = ${filter.resourceType}`);
    if (filter.resourceKey !== undefined) where.push(sql`g."resourceKey" = ${filter.resourceKey}`);
    return (
      await this.tx.all<Raw>(sql`SELECT g."id", g."userId", u."username", g."resourceType", g."resourceKey", g."permission", g."createdAt"
        FROM "Grant" g JOIN "User" u ON u."id" = g."userId" WHERE ${join(where, " AND ")}
        ORDER BY g."resourceType", g."resourceKey", u."username"`)
    ).map(toGrant);
  }

  async upsertGrant(g: { userId: number; resourceType: string; resourceKey: string; permission: string; now: number }): Promise<void> {
    await this.tx.run(sql`INSERT INTO "Grant" ("userId", "resourceType", "resourceKey", "permission", "createdAt")
      VALUES (${g.userId}, ${g.resourceType}, ${g.resourceKey}, ${g.permission}, ${g.now})
      ON CONFLICT ("userId", "resourceType", "resourceKey") DO UPDATE SET "permission" = excluded."permission"`);
  }

  async deleteGrant(userId: number, resourceType: string, resourceKey: string): Promise<boolean> {
    return (
      (await this.tx.run(
        sql`DELETE FROM "Grant" WHERE "userId" = ${userId} AND "resourceType" = ${resourceType} AND "resourceKey" = ${resourceKey}`,
      )) > 0
    );
  }

  async renameGrants(resourceType: string, from: string, to: string): Promise<void> {
    // A grant already held on the new name wins over the one that follows the rename.
    await this.tx.run(sql`DELETE FROM "Grant" WHERE "resourceType" = ${resourceType} AND "resourceKey" = ${from}
      AND "userId" IN (SELECT "userId" FROM "Grant" WHERE "resourceType" = ${resourceType} AND "resourceKey" = ${to})`);
    await this.tx.run(sql`UPDATE "Grant" SET "resourceKey" = ${to} WHERE "resourceType" = ${resourceType} AND "resourceKey" = ${from}`);
  }

  async insertAudit(e: Omit<AuditRow, "id">): Promise<void> {
    await this.tx.run(sql`INSERT INTO "AuditEvent" ("at", "actor", "via", "action", "resourceType", "resourceKey", "details")
      VALUES (${e.at}, ${e.actor}, ${e.via}, ${e.action}, ${e.resourceType}, ${e.resourceKey}, ${e.details})`);
  }

  async listAudit(q: AuditQuery): Promise<AuditRow[]> {
    const where = [sql`1 = 1`];
    if (q.resourceType !== undefined) where.push(sql`"resourceType" = ${q.resourceType}`);
    if (q.resourceKey !== undefined) where.push(sql`"resourceKey" = ${q.resourceKey}`);
    if (q.actor !== undefined) where.push(sql`"actor" = ${q.actor}`);
    if (q.beforeId !== undefined) where.push(sql`"id" < ${q.beforeId}`);
    return (await this.tx.all<Raw>(sql`SELECT * FROM "AuditEvent" WHERE ${join(where, " AND ")} ORDER BY "id" DESC LIMIT ${q.limit}`)).map(
      toAudit,
    );
  }
}
