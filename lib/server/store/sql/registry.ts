import "server-only";
import sql, { type Sql } from "sql-template-tag";
import type { ModelVersionData, RegisteredModelData } from "@/lib/registry-types";
import type { KeyValue } from "@/lib/tracking-types";
import type { ModelRow, NewModelVersion, RegistryStore } from "../types";
import type { Tx } from "./db";
import { byKey, groupBy, inChunks, list, values } from "./sql-helpers";

/** The model registry in SQL, written once for SQLite and PostgreSQL. */

type VersionRow = {
  id: number;
  registeredModelId: number;
  name: string;
  version: number;
  source: string;
  runId: string | null;
  runLink: string | null;
  modelId: string | null;
  modelType: string;
  status: string;
  statusMessage: string | null;
  storageLocation: string | null;
  sizeBytes: number | null;
  description: string;
  currentStage: string;
  userId: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
};
type ModelDbRow = {
  id: number;
  name: string;
  description: string;
  modelType: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
};

const lastPerKey = (items: KeyValue[]) => [...new Map(items.map((t) => [t.key, t.value]))];

export class SqlRegistry implements RegistryStore {
  constructor(private readonly tx: Tx) {}

  async insertRegisteredModel(m: {
    name: string;
    description: string;
    modelType: string;
    tags: KeyValue[];
    now: number;
  }): Promise<number | null> {
    const row = await this.tx.get<{
      id: number;
    }>(sql`INSERT INTO "RegisteredModel" ("name", "description", "modelType", "creationTimestamp", "lastUpdatedTimestamp")
      VALUES (${m.name}, ${m.description}, ${m.modelType}, ${m.now}, ${m.now}) ON CONFLICT ("name") DO NOTHING RETURNING "id"`);
    if (!row) return null;
    const id = Number(row.id);
    const tags = lastPerKey(m.tags);
    if (tags.length > 0) {
      await this.tx.run(
        sql`INSERT INTO "RegisteredModelTag" ("registeredModelId", "key", "value") VALUES ${values(tags.map(([k, v]) => [id, k, v]))}`,
      );
    }
    return id;
  }

  async getModelRow(name: string): Promise<ModelRow | null> {
    const r = await this.tx.get<ModelRow>(
      sql`SELECT "id", "name", "lastVersion", "modelType" FROM "RegisteredModel" WHERE "name" = ${name}`,
    );
    return r ? { id: Number(r.id), name: r.name, lastVersion: Number(r.lastVersion), modelType: r.modelType } : null;
  }

  /** Models with tags, aliases and MLflow's `latest_versions` (newest version in each stage). */
  async loadRegisteredModels(ids: number[]): Promise<RegisteredModelData[]> {
    if (ids.length === 0) return [];
    const tx = this.tx;
    const rows = await inChunks<ModelDbRow>(
      tx,
      ids,
      (p) =>
        sql`SELECT "id", "name", "description", "modelType", "creationTimestamp", "lastUpdatedTimestamp" FROM "RegisteredModel" WHERE "id" ${p}`,
    );
    const tags = groupBy(
      await inChunks<{ registeredModelId: number; key: string; value: string }>(
        tx,
        ids,
        (p) => sql`SELECT "registeredModelId", "key", "value" FROM "RegisteredModelTag" WHERE "registeredModelId" ${p}`,
      ),
      (t) => Number(t.registeredModelId),
    );
    const aliases = groupBy(
      await inChunks<{ registeredModelId: number; alias: string; version: number }>(
        tx,
        ids,
        (p) => sql`SELECT "registeredModelId", "alias", "version" FROM "RegisteredModelAlias" WHERE "registeredModelId" ${p}`,
      ),
      (a) => Number(a.registeredModelId),
    );
    const latestIds = (
      await inChunks<{ id: number }>(
        tx,
        ids,
        (p) =>
          sql`SELECT v."id" FROM "ModelVersion" v JOIN (
            SELECT "registeredModelId", "currentStage", MAX("version") AS "version" FROM "ModelVersion"
            WHERE "registeredModelId" ${p} GROUP BY "registeredModelId", "currentStage"
          ) x ON x."registeredModelId" = v."registeredModelId" AND x."currentStage" = v."currentStage" AND x."version" = v."version"
          WHERE v."registeredModelId" ${p} -- repeated: PostgreSQL would otherwise scan every version
          ORDER BY v."version"`,
      )
    ).map((r) => Number(r.id));
    const latest = groupBy(await this.loadVersions(latestIds), (v) => v.name);
    const byId = byKey(rows, (r) => Number(r.id));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      return [
        {
          id,
          name: r.name,
          description: r.description,
          modelType: r.modelType,
          creationTimestamp: Number(r.creationTimestamp),
          lastUpdatedTimestamp: Number(r.lastUpdatedTimestamp),
          tags: (tags.get(id) ?? []).map(({ key, value }) => ({ key, value })),
          aliases: (aliases.get(id) ?? [])
            .map((a) => ({ alias: a.alias, version: Number(a.version) }))
            .sort((a, b) => a.alias.localeCompare(b.alias)),
          latestVersions: latest.get(r.name) ?? [],
        },
      ];
    });
  }

  async updateModelDescription(id: number, description: string, now: number): Promise<void> {
    await this.tx.run(sql`UPDATE "RegisteredModel" SET "description" = ${description}, "lastUpdatedTimestamp" = ${now} WHERE "id" = ${id}`);
  }

  async renameModel(id: number, name: string, now: number): Promise<boolean> {
    const taken = await this.tx.get(sql`SELECT 1 AS "x" FROM "RegisteredModel" WHERE "name" = ${name} AND "id" <> ${id}`);
    if (taken) return false;
    await this.tx.run(sql`UPDATE "RegisteredModel" SET "name" = ${name}, "lastUpdatedTimestamp" = ${now} WHERE "id" = ${id}`);
    return true;
  }

  async setModelType(id: number, modelType: string): Promise<void> {
    await this.tx.run(sql`UPDATE "RegisteredModel" SET "modelType" = ${modelType} WHERE "id" = ${id}`);
  }

  async setModelTag(id: number, tag: KeyValue): Promise<void> {
    await this.tx.run(sql`INSERT INTO "RegisteredModelTag" ("registeredModelId", "key", "value") VALUES (${id}, ${tag.key}, ${tag.value})
      ON CONFLICT ("registeredModelId", "key") DO UPDATE SET "value" = excluded."value"`);
  }

  deleteModelTag(id: number, key: string): Promise<number> {
    return this.tx.run(sql`DELETE FROM "RegisteredModelTag" WHERE "registeredModelId" = ${id} AND "key" = ${key}`);
  }

  async getAliases(modelId: number) {
    const rows = await this.tx.all<{ alias: string; version: number }>(
      sql`SELECT "alias", "version" FROM "RegisteredModelAlias" WHERE "registeredModelId" = ${modelId} ORDER BY "alias"`,
    );
    return rows.map((r) => ({ alias: r.alias, version: Number(r.version) }));
  }

  async setAlias(modelId: number, alias: string, version: number): Promise<void> {
    await this.tx.run(sql`INSERT INTO "RegisteredModelAlias" ("registeredModelId", "alias", "version") VALUES (${modelId}, ${alias}, ${version})
      ON CONFLICT ("registeredModelId", "alias") DO UPDATE SET "version" = excluded."version"`);
  }

  deleteAlias(modelId: number, alias: string): Promise<number> {
    return this.tx.run(sql`DELETE FROM "RegisteredModelAlias" WHERE "registeredModelId" = ${modelId} AND "alias" = ${alias}`);
  }

  async deleteModel(id: number): Promise<string[]> {
    const rows = await this.tx.all<{ storageLocation: string | null }>(
      sql`SELECT "storageLocation" FROM "ModelVersion" WHERE "registeredModelId" = ${id}`,
    );
    await this.tx.run(sql`DELETE FROM "RegisteredModel" WHERE "id" = ${id}`); // versions, tags and aliases cascade
    return rows.map((r) => r.storageLocation).filter((l): l is string => !!l);
  }

  async deleteModelIfEmpty(id: number): Promise<void> {
    await this.tx.run(sql`DELETE FROM "RegisteredModel" WHERE "id" = ${id} AND "lastVersion" = 0`);
  }

  async searchModelIds(query: Sql): Promise<number[]> {
    return (await this.tx.all<{ id: number }>(query)).map((r) => Number(r.id));
  }

  async modelNames(prefix: string, limit: number): Promise<string[]> {
    // A prefix match with LIKE would treat % and _ in names as wildcards: compare the prefix itself.
    const where = prefix ? sql`WHERE SUBSTR("name", 1, ${prefix.length}) = ${prefix}` : sql``;
    const rows = await this.tx.all<{ name: string }>(
      sql`SELECT "name" FROM "RegisteredModel" ${where} ORDER BY "lastUpdatedTimestamp" DESC LIMIT ${limit}`,
    );
    return rows.map((r) => r.name);
  }

  async hasModels(): Promise<boolean> {
    return !!(await this.tx.get(sql`SELECT 1 AS "x" FROM "RegisteredModel" LIMIT 1`));
  }

  async counts() {
    const m = await this.tx.get<{ n: number }>(sql`SELECT COUNT(*) AS "n" FROM "RegisteredModel"`);
    const v = await this.tx.get<{ n: number }>(sql`SELECT COUNT(*) AS "n" FROM "ModelVersion"`);
    return { models: Number(m?.n ?? 0), versions: Number(v?.n ?? 0) };
  }

  async takeNextVersion(modelId: number, now: number): Promise<number> {
    // The UPDATE takes the model's row lock (PostgreSQL) until the unit of work commits.
    const row = await this.tx.get<{
      lastVersion: number;
    }>(sql`UPDATE "RegisteredModel" SET "lastVersion" = "lastVersion" + 1, "lastUpdatedTimestamp" = ${now}
      WHERE "id" = ${modelId} RETURNING "lastVersion"`);
    if (!row) throw new Error(`registered model ${modelId} disappeared while registering`);
    return Number(row.lastVersion);
  }

  async insertVersion(version: number, v: NewModelVersion): Promise<void> {
    const row = await this.tx.get<{
      id: number;
    }>(sql`INSERT INTO "ModelVersion" ("registeredModelId", "version", "source", "runId", "runLink", "modelId", "modelType", "status",
        "storageLocation", "sizeBytes", "description", "userId", "creationTimestamp", "lastUpdatedTimestamp")
      VALUES (${v.registeredModelId}, ${version}, ${v.source}, ${v.runId}, ${v.runLink}, ${v.modelId}, ${v.modelType}, ${"READY"},
        ${v.storageLocation}, ${v.sizeBytes}, ${v.description}, ${v.userId}, ${v.now}, ${v.now}) RETURNING "id"`);
    const tags = lastPerKey(v.tags);
    if (row && tags.length > 0) {
      await this.tx.run(
        sql`INSERT INTO "ModelVersionTag" ("modelVersionId", "key", "value") VALUES ${values(tags.map(([k, val]) => [Number(row.id), k, val]))}`,
      );
    }
  }

  async versionId(modelId: number, version: number): Promise<number | null> {
    const r = await this.tx.get<{ id: number }>(
      sql`SELECT "id" FROM "ModelVersion" WHERE "registeredModelId" = ${modelId} AND "version" = ${version}`,
    );
    return r ? Number(r.id) : null;
  }

  async newestVersionId(modelId: number): Promise<number | null> {
    const r = await this.tx.get<{ id: number }>(
      sql`SELECT "id" FROM "ModelVersion" WHERE "registeredModelId" = ${modelId} ORDER BY "version" DESC LIMIT 1`,
    );
    return r ? Number(r.id) : null;
  }

  async latestVersionIds(modelId: number, stages: string[]): Promise<number[]> {
    if (stages.length === 0) return [];
    const rows = await this.tx.all<{ id: number }>(sql`SELECT v."id" FROM "ModelVersion" v JOIN (
        SELECT "currentStage", MAX("version") AS "version" FROM "ModelVersion"
        WHERE "registeredModelId" = ${modelId} AND "currentStage" IN (${list(stages)}) GROUP BY "currentStage"
      ) x ON x."currentStage" = v."currentStage" AND x."version" = v."version"
      WHERE v."registeredModelId" = ${modelId}`);
    const found = await this.loadVersions(rows.map((r) => Number(r.id)));
    // In the order the stages were asked for, as MLflow answers.
    return stages.flatMap((s) => found.filter((v) => v.currentStage === s).map((v) => v.id));
  }

  async loadVersions(ids: number[]): Promise<ModelVersionData[]> {
    if (ids.length === 0) return [];
    const tx = this.tx;
    const rows = await inChunks<VersionRow>(
      tx,
      ids,
      (p) =>
        sql`SELECT v.*, m."name" AS "name" FROM "ModelVersion" v JOIN "RegisteredModel" m ON m."id" = v."registeredModelId" WHERE v."id" ${p}`,
    );
    const tags = groupBy(
      await inChunks<{ modelVersionId: number; key: string; value: string }>(
        tx,
        ids,
        (p) => sql`SELECT "modelVersionId", "key", "value" FROM "ModelVersionTag" WHERE "modelVersionId" ${p}`,
      ),
      (t) => Number(t.modelVersionId),
    );
    const modelIds = [...new Set(rows.map((r) => Number(r.registeredModelId)))];
    const aliases = modelIds.length
      ? await inChunks<{ registeredModelId: number; alias: string; version: number }>(
          tx,
          modelIds,
          (p) => sql`SELECT "registeredModelId", "alias", "version" FROM "RegisteredModelAlias" WHERE "registeredModelId" ${p}`,
        )
      : [];
    const aliasesOf = groupBy(aliases, (a) => `${Number(a.registeredModelId)}:${Number(a.version)}`);
    const byId = byKey(rows, (r) => Number(r.id));
    return ids.flatMap((id) => {
      const v = byId.get(id);
      if (!v) return [];
      return [
        {
          id,
          name: v.name,
          version: Number(v.version),
          source: v.source,
          runId: v.runId,
          runLink: v.runLink,
          modelId: v.modelId,
          modelType: v.modelType,
          status: v.status,
          statusMessage: v.statusMessage,
          storageLocation: v.storageLocation,
          sizeBytes: v.sizeBytes == null ? null : Number(v.sizeBytes),
          description: v.description,
          currentStage: v.currentStage,
          userId: v.userId,
          creationTimestamp: Number(v.creationTimestamp),
          lastUpdatedTimestamp: Number(v.lastUpdatedTimestamp),
          tags: (tags.get(id) ?? []).map(({ key, value }) => ({ key, value })),
          aliases: (aliasesOf.get(`${Number(v.registeredModelId)}:${Number(v.version)}`) ?? []).map((a) => a.alias).sort(),
        },
      ];
    });
  }

  async updateVersionDescription(versionId: number, description: string, now: number): Promise<void> {
    await this.tx.run(
      sql`UPDATE "ModelVersion" SET "description" = ${description}, "lastUpdatedTimestamp" = ${now} WHERE "id" = ${versionId}`,
    );
  }

  async setVersionTag(versionId: number, tag: KeyValue): Promise<void> {
    await this.tx.run(sql`INSERT INTO "ModelVersionTag" ("modelVersionId", "key", "value") VALUES (${versionId}, ${tag.key}, ${tag.value})
      ON CONFLICT ("modelVersionId", "key") DO UPDATE SET "value" = excluded."value"`);
  }

  deleteVersionTag(versionId: number, key: string): Promise<number> {
    return this.tx.run(sql`DELETE FROM "ModelVersionTag" WHERE "modelVersionId" = ${versionId} AND "key" = ${key}`);
  }

  async setVersionStage(versionId: number, modelId: number, stage: string, archiveOthers: boolean, now: number): Promise<void> {
    if (archiveOthers) {
      await this.tx.run(sql`UPDATE "ModelVersion" SET "currentStage" = ${"Archived"}, "lastUpdatedTimestamp" = ${now}
        WHERE "registeredModelId" = ${modelId} AND "currentStage" = ${stage} AND "id" <> ${versionId}`);
    }
    await this.tx.run(sql`UPDATE "ModelVersion" SET "currentStage" = ${stage}, "lastUpdatedTimestamp" = ${now} WHERE "id" = ${versionId}`);
    await this.tx.run(sql`UPDATE "RegisteredModel" SET "lastUpdatedTimestamp" = ${now} WHERE "id" = ${modelId}`);
  }

  async deleteVersion(versionId: number, now: number): Promise<string | null> {
    const v = await this.tx.get<{ registeredModelId: number; version: number; storageLocation: string | null }>(
      sql`SELECT "registeredModelId", "version", "storageLocation" FROM "ModelVersion" WHERE "id" = ${versionId}`,
    );
    if (!v) return null;
    await this.tx.run(
      sql`DELETE FROM "RegisteredModelAlias" WHERE "registeredModelId" = ${v.registeredModelId} AND "version" = ${v.version}`,
    );
    await this.tx.run(sql`DELETE FROM "ModelVersion" WHERE "id" = ${versionId}`);
    await this.tx.run(sql`UPDATE "RegisteredModel" SET "lastUpdatedTimestamp" = ${now} WHERE "id" = ${v.registeredModelId}`);
    return v.storageLocation;
  }

  async searchVersionIds(query: Sql): Promise<number[]> {
    return (await this.tx.all<{ id: number }>(query)).map((r) => Number(r.id));
  }

  async versionsOfRun(runId: string, limit: number) {
    const rows = await this.tx.all<{ name: string; version: number }>(sql`SELECT m."name", v."version" FROM "ModelVersion" v
      JOIN "RegisteredModel" m ON m."id" = v."registeredModelId" WHERE v."runId" = ${runId} ORDER BY v."creationTimestamp" DESC LIMIT ${limit}`);
    return rows.map((r) => ({ name: r.name, version: Number(r.version) }));
  }

  async storageLocations(): Promise<Set<string>> {
    const rows = await this.tx.all<{ storageLocation: string }>(
      sql`SELECT "storageLocation" FROM "ModelVersion" WHERE "storageLocation" IS NOT NULL`,
    );
    return new Set(rows.map((r) => r.storageLocation));
  }
}
