import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FilterError } from "@/lib/search/filter-ast";
import { type LoggedModelsSearch, compileLoggedModelsSearch } from "./logged-models-search";
import { type TestDb, insert, openTestDb, queryIds } from "./test-db";

let db: TestDb;

function model(id: string, experimentId: number, name: string, creationTimestamp: number, extra: Record<string, unknown> = {}) {
  insert(db, "LoggedModel", {
    id,
    experimentId,
    name,
    creationTimestamp,
    lastUpdatedTimestamp: creationTimestamp,
    artifactLocation: `mlflow-artifacts:/${experimentId}/models/${id}/artifacts`,
    status: "LOGGED_MODEL_READY",
    ...extra,
  });
}

function metric(modelId: string, key: string, value: number, step: number, timestamp: number, extra: Record<string, unknown> = {}) {
  insert(db, "LoggedModelMetric", { modelId, key, value, step, timestamp, ...extra });
}

beforeAll(() => {
  db = openTestDb();
  for (const id of [1, 2]) {
    insert(db, "Experiment", { id, name: `exp${id}`, artifactLocation: `mlflow-artifacts:/${id}`, creationTime: 0, lastUpdateTime: 0 });
  }
  model("m-a", 1, "model", 100, { lastUpdatedTimestamp: 500, modelType: "sklearn", sourceRunId: "r1" });
  model("m-b", 1, "model", 200, { lastUpdatedTimestamp: 300, status: "LOGGED_MODEL_PENDING", sourceRunId: "r2" });
  model("m-c", 1, "Other", 300, { lastUpdatedTimestamp: 400, modelType: "pytorch" });
  model("m-d", 1, "model", 400, { lifecycleStage: "deleted" });
  model("m-e", 2, "model", 50);
  model("m-f", 1, "model", 200);
  // m-a: step 1 beats step 0 → latest acc 0.9
  metric("m-a", "acc", 0.5, 0, 1);
  metric("m-a", "acc", 0.9, 1, 2);
  metric("m-a", "loss", 0.1, 0, 1, { datasetName: "test", datasetDigest: "d1" });
  // m-b: same step, newer timestamp wins → 0.6; its "test" dataset series is 0.99
  metric("m-b", "acc", 0.95, 0, 1);
  metric("m-b", "acc", 0.6, 0, 5);
  metric("m-b", "acc", 0.99, 0, 1, { datasetName: "test", datasetDigest: "d1" });
  // m-c: the latest row (step 2) is NaN, hiding the older 0.97
  metric("m-c", "acc", 0.97, 1, 9);
  metric("m-c", "acc", 0, 2, 1, { isNan: true });
  insert(db, "LoggedModelParam", { modelId: "m-a", key: "lr", value: "0.1" });
  insert(db, "LoggedModelParam", { modelId: "m-b", key: "lr", value: "0.01" });
  insert(db, "LoggedModelTag", { modelId: "m-a", key: "env", value: "prod" });
  insert(db, "LoggedModelTag", { modelId: "m-c", key: "env", value: "Prod" });
});
afterAll(() => db.close());

const search = (over: Partial<LoggedModelsSearch> = {}) =>
  queryIds(db, compileLoggedModelsSearch({ experimentIds: [1], limit: 100, offset: 0, ...over }));

describe("compileLoggedModelsSearch", () => {
  it("searches active models of the experiments, newest first", () => {
    expect(search()).toEqual(["m-c", "m-b", "m-f", "m-a"]);
    expect(search({ experimentIds: [1, 2] })).toEqual(["m-c", "m-b", "m-f", "m-a", "m-e"]);
    expect(search({ experimentIds: [] })).toEqual([]);
  });

  it.each([
    ["name = 'model'", ["m-b", "m-f", "m-a"]],
    ["name ILIKE 'OTHER'", ["m-c"]],
    ["name LIKE 'other'", []],
    ["status = 'LOGGED_MODEL_READY'", ["m-c", "m-f", "m-a"]],
    ["model_type = 'sklearn'", ["m-a"]],
    ["model_type != 'sklearn'", ["m-c"]],
    ["model_type IN ('sklearn', 'pytorch')", ["m-c", "m-a"]],
    ["model_type NOT IN ('sklearn')", ["m-c"]],
    ["source_run_id = 'r2'", ["m-b"]],
    ["model_id IN ('m-a', 'm-c', 'm-d')", ["m-c", "m-a"]],
    ["experiment_id = '1'", ["m-c", "m-b", "m-f", "m-a"]],
    ["experiment_id = '2'", []],
    ["experiment_id LIKE '1%'", ["m-c", "m-b", "m-f", "m-a"]],
    ["creation_timestamp > 150", ["m-c", "m-b", "m-f"]],
    ["creation_time <= 100", ["m-a"]],
    ["last_updated_timestamp >= 400", ["m-c", "m-a"]],
    ["metrics.acc > 0.8", ["m-b", "m-a"]],
    ["metrics.acc < 0.7", ["m-b"]],
    ["metrics.acc >= 0", ["m-b", "m-a"]],
    ["metrics.acc = 0.97", []],
    ["params.lr = '0.1'", ["m-a"]],
    ["tags.env = 'prod'", ["m-a"]],
    ["tags.env ILIKE 'PROD'", ["m-c", "m-a"]],
    ["name = 'model' AND metrics.acc > 0.8 AND params.lr = '0.01'", ["m-b"]],
  ])("%s", (filter, expected) => {
    expect(search({ filter })).toEqual(expected);
  });

  it("dataset filters narrow metric clauses, or require a metric on the dataset", () => {
    expect(search({ filter: "metrics.acc > 0.8", datasets: [{ datasetName: "test" }] })).toEqual(["m-b"]);
    expect(search({ filter: "metrics.acc > 0.8", datasets: [{ datasetName: "test", datasetDigest: "zzz" }] })).toEqual([]);
    expect(search({ datasets: [{ datasetName: "test", datasetDigest: "d1" }] })).toEqual(["m-b", "m-a"]);
    expect(() => search({ datasets: [{ datasetName: "" }] })).toThrow(FilterError);
  });

  it.each([
    [[{ fieldName: "metrics.acc", ascending: false }], ["m-a", "m-b", "m-c", "m-f"]],
    [[{ fieldName: "metrics.acc", ascending: true }], ["m-b", "m-a", "m-c", "m-f"]],
    [[{ fieldName: "metrics.acc", ascending: false, datasetName: "test" }], ["m-b", "m-c", "m-f", "m-a"]],
    [[{ fieldName: "name", ascending: true }], ["m-c", "m-b", "m-f", "m-a"]],
    [[{ fieldName: "model_type", ascending: true }], ["m-c", "m-a", "m-b", "m-f"]],
    [[{ fieldName: "model_type", ascending: false }], ["m-a", "m-c", "m-b", "m-f"]],
    [[{ fieldName: "creation_timestamp", ascending: true }], ["m-a", "m-b", "m-f", "m-c"]],
    [[{ fieldName: "last_updated_timestamp", ascending: false }], ["m-a", "m-c", "m-b", "m-f"]],
  ])("order %j", (orderBy, expected) => {
    expect(search({ orderBy })).toEqual(expected);
  });

  it("pages are disjoint and complete", () => {
    const orderBy = [{ fieldName: "metrics.acc", ascending: false }];
    const pages = [0, 3].map((offset) => search({ orderBy, limit: 3, offset }));
    expect(pages.flat()).toEqual(search({ orderBy }));
    expect(pages[1]).toHaveLength(1);
  });

  it("bad input throws FilterError; hostile strings match nothing", () => {
    expect(() => search({ orderBy: [{ fieldName: "params.lr" }] })).toThrow(FilterError);
    expect(() => search({ filter: "datasets.name = 'x'" })).toThrow(FilterError);
    expect(search({ filter: "name = 'model''; DROP TABLE \"LoggedModel\"; --'" })).toEqual([]);
    expect(search({ filter: "tags.`a\"; DROP TABLE x; --` = 'x'" })).toEqual([]);
    expect(search()).toHaveLength(4);
  });
});
