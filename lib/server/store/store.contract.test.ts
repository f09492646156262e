// The store's contract, run against every engine: the embedded SQLite file and PostgreSQL (a
// throwaway cluster that `npm test` starts and names in STUDIO_TEST_PG_URL). Each engine gets a
// freshly migrated database. Searches are compiled by the real compilers and run on each engine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/scripts/lib/prepare.mjs";
import { compileModelVersionsSearch } from "@/lib/server/search/model-versions-search";
import { compileRegisteredModelsSearch } from "@/lib/server/search/registered-models-search";
import { compileLoggedModelsSearch } from "@/lib/server/search/logged-models-search";
import { compileRunsSearch } from "@/lib/server/search/runs-search";
import sql from "sql-template-tag";
import { and, col, inList, page } from "@/lib/server/search/sql-builders";
import { createStore } from "./index";
import type { Store } from "./types";

const pgUrl = process.env.STUDIO_TEST_PG_URL;
if (!pgUrl && process.env.STUDIO_REQUIRE_PG === "1")
  throw new Error("STUDIO_TEST_PG_URL is not set: the PostgreSQL contract run cannot be skipped here");

async function sqliteStore(): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-contract-"));
  const url = `file:${path.join(dir, "studio.db")}`;
  await migrate({ ...process.env, DATABASE_URL: url, STUDIO_DATA_DIR: dir });
  return createStore(url);
}

async function postgresStore(): Promise<Store> {
  const pg = (await import("pg")).default;
  const name = `contract_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: pgUrl!.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = pgUrl!.replace(/\/[^/]*$/, `/${name}`);
  await migrate({ ...process.env, DATABASE_URL: url });
  return createStore(url);
}

const engines: [string, () => Promise<Store>][] = [["sqlite", sqliteStore]];
if (pgUrl) engines.push(["postgres", postgresStore]);

describe.each(engines)("store contract on %s", (engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  const newRun = async (experimentId: number, id: string, startTime = 1000) => {
    await store.write(({ tracking }) =>
      tracking.insertRun(
        {
          id,
          experimentId,
          name: `run-${id}`,
          status: "RUNNING",
          userId: "ann",
          startTime,
          artifactUri: `mlflow-artifacts:/${experimentId}/${id}/artifacts`,
          sourceType: "",
          sourceName: "",
        },
        [{ key: "mlflow.runName", value: `run-${id}` }],
      ),
    );
  };

  it("is the engine it says", () => {
    expect(store.engine).toBe(engine);
  });

  it("experiments: unique names, default artifact location, tags, rename, lifecycle with runs", async () => {
    const id = await store.write(({ tracking }) =>
      tracking.insertExperiment({
        name: "exp-a",
        artifactLocation: null,
        tags: [
          { key: "k", value: "v" },
          { key: "k", value: "w" },
        ],
        now: 5,
      }),
    );
    expect(id).toBeGreaterThan(0);
    expect(
      await store.write(({ tracking }) => tracking.insertExperiment({ name: "exp-a", artifactLocation: null, tags: [], now: 6 })),
    ).toBeNull();
    const [exp] = await store.read(({ tracking }) => tracking.loadExperiments([id!]));
    expect(exp).toMatchObject({
      id,
      name: "exp-a",
      artifactLocation: `mlflow-artifacts:/${id}`,
      lifecycleStage: "active",
      creationTime: 5,
      tags: [{ key: "k", value: "w" }],
    });
    expect(await store.read(({ tracking }) => tracking.findExperiment("exp-a"))).toEqual({ id, lifecycleStage: "active" });
    const other = await store.write(({ tracking }) =>
      tracking.insertExperiment({ name: "exp-b", artifactLocation: "s3://bucket/x", tags: [], now: 5 }),
    );
    expect(await store.write(({ tracking }) => tracking.renameExperiment(other!, "exp-a", 7))).toBe(false);
    expect(await store.write(({ tracking }) => tracking.renameExperiment(other!, "exp-c", 7))).toBe(true);
    await newRun(id!, "r-life");
    await store.write(({ tracking }) => tracking.setExperimentLifecycle(id!, "deleted", 9));
    expect((await store.read(({ tracking }) => tracking.getRunInfo("r-life")))?.lifecycleStage).toBe("deleted");
    await store.write(({ tracking }) => tracking.setExperimentLifecycle(id!, "active", 10));
    expect((await store.read(({ tracking }) => tracking.getRunInfo("r-life")))?.lifecycleStage).toBe("active");
    await store.write(({ tracking }) => tracking.setExperimentTag(id!, { key: "k", value: "x" }));
    expect(await store.write(({ tracking }) => tracking.deleteExperimentTag(id!, "k"))).toBe(1);
    expect(await store.write(({ tracking }) => tracking.deleteExperimentTag(id!, "k"))).toBe(0);
    expect((await store.read(({ tracking }) => tracking.experimentNames([id!, other!, 999]))).get(other!)).toBe("exp-c");
  });

  it("runs: params are write-once, metrics keep history and MLflow's latest, tags upsert and rename", async () => {
    await newRun(0, "r1");
    const [first, again] = [
      await store.write(({ tracking }) =>
        tracking.insertParams("r1", [
          { key: "lr", value: "0.1" },
          { key: "depth", value: "3" },
        ]),
      ),
      await store.write(({ tracking }) =>
        tracking.insertParams("r1", [
          { key: "lr", value: "0.2" },
          { key: "new", value: "x" },
        ]),
      ),
    ];
    expect(first).toEqual([]);
    expect(again).toEqual(["lr"]);
    expect(await store.read(({ tracking }) => tracking.getParams("r1", ["lr", "new"]))).toEqual(
      expect.arrayContaining([
        { key: "lr", value: "0.1" },
        { key: "new", value: "x" },
      ]),
    );
    await store.write(({ tracking }) =>
      tracking.insertMetrics("r1", [
        { key: "loss", value: 0.5, timestamp: 10, step: 1 },
        { key: "loss", value: 0.4, timestamp: 11, step: 2 },
        { key: "loss", value: 0.4, timestamp: 11, step: 2 }, // an exact duplicate is kept once
        { key: "acc", value: Number.NaN, timestamp: 10, step: 5 },
        { key: "big", value: Infinity, timestamp: 10, step: 0 },
      ]),
    );
    await store.write(({ tracking }) => tracking.insertMetrics("r1", [{ key: "loss", value: 9, timestamp: 5, step: 1 }])); // older: not the latest
    const [run] = await store.read(({ tracking }) => tracking.loadRuns(["r1"]));
    const latest = Object.fromEntries(run!.metrics.map((m) => [m.key, m]));
    expect(latest.loss).toMatchObject({ value: 0.4, step: 2, timestamp: 11 });
    expect(Number.isNaN(latest.acc!.value)).toBe(true);
    expect(latest.big!.value).toBe(Number.MAX_VALUE);
    expect((await store.read(({ tracking }) => tracking.metricHistory("r1", "loss", 10, 0))).map((m) => [m.step, m.value])).toEqual([
      [1, 9],
      [1, 0.5],
      [2, 0.4],
    ]); // by step, then timestamp
    expect(await store.read(({ tracking }) => tracking.metricHistory("r1", "loss", 1, 1))).toHaveLength(1);
    await store.write(({ tracking }) =>
      tracking.setRunTags("r1", [
        { key: "mlflow.runName", value: "renamed" },
        { key: "t", value: "1" },
        { key: "t", value: "2" },
      ]),
    );
    const [after] = await store.read(({ tracking }) => tracking.loadRuns(["r1"]));
    expect(after!.info.name).toBe("renamed");
    expect(after!.tags).toEqual(expect.arrayContaining([{ key: "t", value: "2" }]));
    expect(await store.write(({ tracking }) => tracking.deleteRunTag("r1", "t"))).toBe(1);
    await store.write(({ tracking }) => tracking.updateRun("r1", { status: "FINISHED", endTime: 2000, name: "renamed" }));
    expect(await store.read(({ tracking }) => tracking.getRunInfo("r1"))).toMatchObject({ status: "FINISHED", endTime: 2000 });
  });

  it("runs: inputs and outputs are recorded once", async () => {
    await newRun(0, "r-io");
    const ds = { name: "train", digest: "abc", sourceType: "local", source: "file:///x", schema: null, profile: null };
    for (let i = 0; i < 2; i++) {
      await store.write(async ({ tracking }) => {
        await tracking.logDatasetInput("r-io", 0, ds, [{ key: "mlflow.data.context", value: "training" }]);
        await tracking.logModelInput("r-io", "m-1");
        await tracking.logModelOutput("r-io", "m-2", 3);
      });
    }
    const [run] = await store.read(({ tracking }) => tracking.loadRuns(["r-io"]));
    expect(run!.datasetInputs).toEqual([{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset: ds }]);
    expect(run!.modelInputs).toEqual(["m-1"]);
    expect(run!.modelOutputs).toEqual([{ modelId: "m-2", step: 3 }]);
  });

  it("a unit of work that throws leaves nothing behind", async () => {
    await expect(
      store.write(async ({ tracking }) => {
        await newRunInside(tracking, "r-rollback");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await store.read(({ tracking }) => tracking.getRunInfo("r-rollback"))).toBeNull();
  });

  it("logged models: create, tags, params, metrics through runs, status, soft delete", async () => {
    await newRun(0, "r-lm");
    await store.write(({ tracking }) =>
      tracking.insertLoggedModel({
        id: "m-abc",
        experimentId: 0,
        name: "model",
        artifactLocation: "mlflow-artifacts:/0/models/m-abc/artifacts",
        modelType: null,
        sourceRunId: "r-lm",
        params: [{ key: "p", value: "1" }],
        tags: [{ key: "t", value: "1" }],
        now: 1,
      }),
    );
    await store.write(({ tracking }) =>
      tracking.insertMetrics("r-lm", [
        { key: "auc", value: 0.9, timestamp: 1, step: 0, modelId: "m-abc", datasetName: "eval", datasetDigest: "d" },
      ]),
    );
    await store.write(async ({ tracking }) => {
      await tracking.setLoggedModelTags("m-abc", [{ key: "t", value: "2" }]);
      await tracking.setLoggedModelParams("m-abc", [{ key: "q", value: "2" }]);
      await tracking.setLoggedModelStatus("m-abc", "LOGGED_MODEL_READY", 2);
    });
    const [m] = await store.read(({ tracking }) => tracking.loadLoggedModels(["m-abc"]));
    expect(m).toMatchObject({ status: "LOGGED_MODEL_READY", sourceRunId: "r-lm", tags: [{ key: "t", value: "2" }] });
    expect(m!.params).toHaveLength(2);
    expect(m!.metrics).toEqual([expect.objectContaining({ key: "auc", value: 0.9, runId: "r-lm", datasetName: "eval" })]);
    expect((await store.read(({ tracking }) => tracking.loggedModelsOfRun("r-lm", 10))).map((x) => x.id)).toEqual(["m-abc"]);
    const ids = await store.read(({ tracking }) =>
      tracking.searchLoggedModelIds(
        compileLoggedModelsSearch({
          experimentIds: [0],
          filter: "metrics.auc > 0.5 AND params.p = '1'",
          orderBy: [{ fieldName: "metrics.auc", ascending: false }],
          limit: 10,
          offset: 0,
        }),
      ),
    );
    expect(ids).toEqual(["m-abc"]);
    await store.write(({ tracking }) => tracking.deleteLoggedModel("m-abc", 3));
    expect(await store.read(({ tracking }) => tracking.loadLoggedModels(["m-abc"]))).toEqual([]);
  });

  it("experiments search: filters, tags and paging run on this engine", async () => {
    const ids: number[] = [];
    for (const [i, team] of [
      [1, "a"],
      [2, "b"],
      [3, null],
    ] as const) {
      ids.push(
        (await store.write(({ tracking }) =>
          tracking.insertExperiment({
            name: `xs-${i}`,
            artifactLocation: null,
            tags: team ? [{ key: "team", value: team }] : [],
            now: 100 + i,
          }),
        ))!,
      );
    }
    const found = await store.read(({ tracking }) =>
      tracking.searchExperiments({
        where: and([inList(col("e", "id"), ids), inList(col("e", "lifecycleStage"), ["active"])]),
        orderBy: sql`e."creationTime" DESC, e."id" ASC`,
        page: page(2, 0),
      }),
    );
    expect(found.map((e) => e.name)).toEqual(["xs-3", "xs-2"]);
    expect(found[1]!.tags).toEqual([{ key: "team", value: "b" }]);
  });

  it("runs search: the compiled filters and orderings run on this engine", async () => {
    const exp = (await store.write(({ tracking }) =>
      tracking.insertExperiment({ name: "search", artifactLocation: null, tags: [], now: 1 }),
    ))!;
    for (const [i, auc] of [
      [1, 0.9],
      [2, 0.7],
      [3, Number.NaN],
    ] as const) {
      await newRun(exp, `s${i}`, 1000 + i);
      await store.write(async ({ tracking }) => {
        await tracking.insertMetrics(`s${i}`, [{ key: "auc", value: auc, timestamp: 1, step: 0 }]);
        await tracking.insertParams(`s${i}`, [{ key: "lr", value: `0.${i}` }]);
        await tracking.setRunTags(`s${i}`, [{ key: "team", value: i === 1 ? "Risk" : "ops" }]);
      });
    }
    const search = (filter: string, orderBy: string[] = []) =>
      store.read(({ tracking }) =>
        tracking.searchRunIds(
          compileRunsSearch({ experimentIds: [exp], filter, runViewType: "ACTIVE_ONLY", orderBy, limit: 10, offset: 0 }),
        ),
      );
    expect(await search("metrics.auc > 0.5", ["metrics.auc DESC"])).toEqual(["s1", "s2"]);
    expect(await search("", ["metrics.auc ASC"])).toEqual(["s2", "s1", "s3"]);
    expect(await search("params.lr LIKE '0.%' AND tags.team ILIKE 'risk'")).toEqual(["s1"]);
    expect(
      await search("attributes.start_time > 1001.5 AND attributes.run_name IN ('run-s2', 'run-s3')", ["attributes.start_time ASC"]),
    ).toEqual(["s2", "s3"]);
    expect(await search("tags.team != 'ops'")).toEqual(["s1"]);
  });

  it("registry: gap-free numbering under concurrent units of work, aliases, stages, deletes", async () => {
    const id = (await store.write(({ registry }) =>
      registry.insertRegisteredModel({
        name: "churn%_model",
        description: "",
        modelType: "MLFLOW",
        tags: [{ key: "team", value: "risk" }],
        now: 1,
      }),
    ))!;
    expect(
      await store.write(({ registry }) =>
        registry.insertRegisteredModel({ name: "churn%_model", description: "", modelType: "MLFLOW", tags: [], now: 1 }),
      ),
    ).toBeNull();
    const numbers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.write(async ({ registry }) => {
          const n = await registry.takeNextVersion(id, 100 + i);
          await registry.insertVersion(n, {
            registeredModelId: id,
            source: `runs:/r/${i}`,
            runId: null,
            runLink: null,
            modelId: null,
            modelType: "MLFLOW",
            storageLocation: `mlflow-artifacts:/registry/${id}/v${n}`,
            sizeBytes: 10,
            description: "",
            userId: "",
            tags: [{ key: "i", value: String(i) }],
            now: 100 + i,
          });
          return n;
        }),
      ),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await store.read(({ registry }) => registry.getModelRow("churn%_model")))?.lastVersion).toBe(40);
    const v3 = (await store.read(({ registry }) => registry.versionId(id, 3)))!;
    await store.write(async ({ registry }) => {
      await registry.setAlias(id, "champion", 3);
      await registry.setVersionTag(v3, { key: "k", value: "v" });
      await registry.setVersionStage(v3, id, "Production", true, 500);
    });
    const [loaded] = await store.read(({ registry }) => registry.loadVersions([v3]));
    expect(loaded).toMatchObject({ name: "churn%_model", version: 3, aliases: ["champion"], currentStage: "Production", sizeBytes: 10 });
    expect(loaded!.tags).toEqual(
      expect.arrayContaining([
        { key: "k", value: "v" },
        { key: "i", value: expect.any(String) },
      ]),
    );
    expect(await store.read(({ registry }) => registry.latestVersionIds(id, ["Production", "None"]))).toEqual([
      v3,
      (await store.read(({ registry }) => registry.versionId(id, 40)))!,
    ]);
    const [model] = await store.read(({ registry }) => registry.loadRegisteredModels([id]));
    expect(model).toMatchObject({
      name: "churn%_model",
      aliases: [{ alias: "champion", version: 3 }],
      tags: [{ key: "team", value: "risk" }],
    });
    expect(model!.latestVersions.map((v) => v.version).sort()).toEqual([3, 40]);
    // A prefix is matched literally: % and _ are not wildcards.
    expect(await store.read(({ registry }) => registry.modelNames("churn%", 10))).toEqual(["churn%_model"]);
    expect(await store.read(({ registry }) => registry.modelNames("churnX", 10))).toEqual([]);
    expect(await store.write(({ registry }) => registry.deleteVersion(v3, 600))).toBe(`mlflow-artifacts:/registry/${id}/v3`);
    expect(await store.read(({ registry }) => registry.getAliases(id))).toEqual([]);
    const vSearch = await store.read(({ registry }) =>
      registry.searchVersionIds(
        compileModelVersionsSearch({
          filter: "name = 'churn%_model' AND version_number > 38",
          orderBy: ["version_number DESC"],
          limit: 10,
          offset: 0,
        }),
      ),
    );
    expect(vSearch).toHaveLength(2);
    const mSearch = await store.read(({ registry }) =>
      registry.searchModelIds(
        compileRegisteredModelsSearch({
          filter: "name LIKE 'churn%' AND tags.team = 'risk'",
          orderBy: ["last_updated_timestamp DESC"],
          limit: 10,
          offset: 0,
        }),
      ),
    );
    expect(mSearch).toEqual([id]);
    expect((await store.read(({ registry }) => registry.storageLocations())).size).toBe(39);
    expect(await store.write(({ registry }) => registry.deleteModel(id))).toHaveLength(39);
    expect(await store.read(({ registry }) => registry.getModelRow("churn%_model"))).toBeNull();
  });
});

/** A run inserted through a store already inside a unit of work. */
async function newRunInside(tracking: import("./types").TrackingStore, id: string) {
  await tracking.insertRun(
    { id, experimentId: 0, name: id, status: "RUNNING", userId: "", startTime: 1, artifactUri: "x", sourceType: "", sourceName: "" },
    [],
  );
}
