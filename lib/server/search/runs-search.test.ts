import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FilterError } from "@/lib/search/filter-ast";
import { type RunsSearch, compileRunsSearch } from "./runs-search";
import { type TestDb, insert, openTestDb, queryIds } from "./test-db";

let db: TestDb;

function run(id: string, experimentId: number, name: string, status: string, startTime: number, extra: Record<string, unknown> = {}) {
  const artifactUri = `mlflow-artifacts:/${experimentId}/${id}/artifacts`;
  insert(db, "Run", { id, experimentId, name, status, startTime, artifactUri, ...extra });
}

beforeAll(() => {
  db = openTestDb();
  for (const id of [1, 2]) {
    insert(db, "Experiment", { id, name: `exp${id}`, artifactLocation: `mlflow-artifacts:/${id}`, creationTime: 0, lastUpdateTime: 0 });
  }
  run("r1", 1, "alpha", "FINISHED", 1000, { userId: "ann", endTime: 2000 });
  run("r2", 1, "Beta", "FAILED", 3000, { userId: "bob" });
  run("r3", 1, "gamma", "RUNNING", 2000);
  run("r4", 1, "deleted-run", "FINISHED", 4000, { lifecycleStage: "deleted", deletedTime: 4500 });
  run("r5", 2, "other", "FINISHED", 5000);
  run("r6", 1, "a_b%c", "FINISHED", 2000);
  const metric = (runId: string, key: string, value: number, isNan = false) =>
    insert(db, "LatestMetric", { runId, key, value, isNan, timestamp: 1, step: 0 });
  metric("r1", "auc", 0.9);
  metric("r1", "rmse", 1.5);
  metric("r2", "auc", 0.95);
  metric("r2", "rmse", 0, true); // NaN: MLflow stores a placeholder value with is_nan = true
  metric("r3", "auc", 0.5);
  metric("r6", "rmse", 0.5);
  metric("r4", "auc", 0.99);
  const kv = (table: string, runId: string, key: string, value: string) => insert(db, table, { runId, key, value });
  kv("Param", "r1", "lr", "0.1");
  kv("Param", "r1", "opt", "Adam");
  kv("Param", "r2", "lr", "0.01");
  kv("Param", "r2", "opt", "adam");
  kv("Param", "r3", "lr", "0.1");
  kv("Param", "r3", "opt", "aXb");
  kv("Param", "r6", "opt", "a_b");
  kv("RunTag", "r1", "mlflow.runName", "alpha");
  kv("RunTag", "r1", "team", "Red");
  kv("RunTag", "r2", "team", "red");
  insert(db, "Dataset", { id: "d1", experimentId: 1, name: "iris", digest: "abc", sourceType: "code", source: "{}" });
  insert(db, "Dataset", { id: "d2", experimentId: 1, name: "wine", digest: "def", sourceType: "code", source: "{}" });
  insert(db, "RunDatasetInput", { id: "i1", runId: "r1", datasetId: "d1" });
  insert(db, "RunDatasetInput", { id: "i2", runId: "r2", datasetId: "d2" });
  insert(db, "InputTag", { inputId: "i1", key: "mlflow.data.context", value: "training" });
  insert(db, "InputTag", { inputId: "i2", key: "mlflow.data.context", value: "eval" });
});
afterAll(() => db.close());

const search = (over: Partial<RunsSearch> = {}) =>
  queryIds(db, compileRunsSearch({ experimentIds: [1], runViewType: "ACTIVE_ONLY", limit: 100, offset: 0, ...over }));

describe("compileRunsSearch: scope and default order", () => {
  it("orders by start_time DESC then run id ASC", () => expect(search()).toEqual(["r2", "r3", "r6", "r1"]));
  it("view types", () => {
    expect(search({ runViewType: "DELETED_ONLY" })).toEqual(["r4"]);
    expect(search({ runViewType: "ALL" })).toEqual(["r4", "r2", "r3", "r6", "r1"]);
  });
  it("experiment ids", () => {
    expect(search({ experimentIds: [1, 2] })).toEqual(["r5", "r2", "r3", "r6", "r1"]);
    expect(search({ experimentIds: [] })).toEqual([]);
    expect(search({ experimentIds: [99] })).toEqual([]);
  });
  it("empty and whitespace filters match everything", () => {
    expect(search({ filter: "" })).toEqual(["r2", "r3", "r6", "r1"]);
    expect(search({ filter: "  " })).toEqual(["r2", "r3", "r6", "r1"]);
  });
});

describe("compileRunsSearch: filters", () => {
  it.each([
    ["metrics.auc > 0.9", ["r2"]],
    ["metrics.auc >= 0.9", ["r2", "r1"]],
    ["metrics.auc = 0.5", ["r3"]],
    ["metrics.auc != 0.9", ["r2", "r3"]],
    ["metrics.auc < 0.6", ["r3"]],
    ["metrics.auc <= 0.9", ["r3", "r1"]],
    ["metrics.rmse >= 0", ["r6", "r1"]],
    ["metrics.rmse != 1.5", ["r6"]],
    ["metrics.rmse = 0", []],
    ["params.lr = '0.1'", ["r3", "r1"]],
    ["params.lr != '0.1'", ["r2"]],
    ["params.lr LIKE '0.%'", ["r2", "r3", "r1"]],
    ["params.opt LIKE 'adam'", ["r2"]],
    ["params.opt LIKE 'ADAM'", []],
    ["params.opt ILIKE 'ADAM'", ["r2", "r1"]],
    ["params.opt LIKE 'a_b'", ["r3", "r6"]],
    ["params.opt ILIKE 'a%'", ["r2", "r3", "r6", "r1"]],
    ["params.opt = 'a_b'", ["r6"]],
    ["tags.team = 'red'", ["r2"]],
    ["tags.team ILIKE 'RED'", ["r2", "r1"]],
    ["tags.team != 'red'", ["r1"]],
    ["tags.mlflow.runName = 'alpha'", ["r1"]],
    ["attributes.status = 'FINISHED'", ["r6", "r1"]],
    ["status IN ('FINISHED', 'FAILED')", ["r2", "r6", "r1"]],
    ["status NOT IN ('FINISHED')", ["r2", "r3"]],
    ["run_name LIKE 'a%'", ["r6", "r1"]],
    ["run_name LIKE '%\\%%'", []],
    ["run_name LIKE '%b%%'", ["r6"]],
    ["attributes.run_name ILIKE 'beta'", ["r2"]],
    ["attributes.run_name LIKE 'beta'", []],
    ["attributes.run_id IN ('r1', 'r3', 'r4')", ["r3", "r1"]],
    ["attributes.run_id NOT IN ('r1', 'r3')", ["r2", "r6"]],
    ["user_id = 'ann'", ["r1"]],
    ["attributes.start_time > 1500", ["r2", "r3", "r6"]],
    ["created >= 3000", ["r2"]],
    ["start_time > 1999.5", ["r2", "r3", "r6"]],
    ["end_time < 3000", ["r1"]],
    ["end_time != 2000", []],
    ["datasets.name = 'iris'", ["r1"]],
    ["datasets.digest IN ('abc', 'def')", ["r2", "r1"]],
    ["datasets.context = 'eval'", ["r2"]],
    ["dataset.name LIKE 'w%'", ["r2"]],
    ["datasets.name NOT IN ('iris')", ["r2"]],
    ["metrics.auc > 0.8 AND params.lr = '0.1'", ["r1"]],
    ["params.k = 'v' and attributes.status = 'FINISHED'", []],
  ])("%s", (filter, expected) => {
    expect(search({ filter })).toEqual(expected);
  });

  it("lifecycle_stage is filterable across view types", () => {
    expect(search({ runViewType: "ALL", filter: "attributes.lifecycle_stage = 'deleted'" })).toEqual(["r4"]);
  });

  it("hostile strings are data: no rows, no error, tables intact", () => {
    for (const filter of [
      "params.lr = '; DROP TABLE \"Run\"; --'",
      "run_name = 'x'' OR ''1''=''1'",
      'tags.`x"; DELETE FROM "Run"; --` = \'v\'',
      "attributes.run_id IN ('r1'') OR 1=1 --')",
      "run_name LIKE '%'' OR 1=1 --'",
    ]) {
      const query = compileRunsSearch({ experimentIds: [1], runViewType: "ALL", filter, limit: 10, offset: 0 });
      expect(query.sql).not.toMatch(/DROP|DELETE|1=1/);
      expect(queryIds(db, query)).toEqual([]);
    }
    expect(search()).toHaveLength(4);
  });

  it("bad filters throw FilterError before any SQL", () => {
    const base: RunsSearch = { experimentIds: [1], runViewType: "ALL", limit: 1, offset: 0 };
    expect(() => compileRunsSearch({ ...base, filter: "params.a > 'x'" })).toThrow(FilterError);
    expect(() => compileRunsSearch({ ...base, orderBy: ["nope"] })).toThrow(FilterError);
    expect(() => compileRunsSearch({ ...base, orderBy: ["metrics.a", "metrics.a DESC"] })).toThrow(/duplicate fields/);
    expect(() => compileRunsSearch({ ...base, limit: -1 })).toThrow(FilterError);
    expect(() => compileRunsSearch({ ...base, offset: 1.5 })).toThrow(FilterError);
    expect(() => compileRunsSearch({ ...base, runViewType: "BOGUS" as RunsSearch["runViewType"] })).toThrow(FilterError);
  });
});

describe("compileRunsSearch: order_by and paging", () => {
  it.each([
    [["metrics.auc DESC"], ["r2", "r1", "r3", "r6"]],
    [["metrics.auc ASC"], ["r3", "r1", "r2", "r6"]],
    [["metrics.rmse ASC"], ["r6", "r1", "r2", "r3"]],
    [["metrics.rmse DESC"], ["r1", "r6", "r2", "r3"]],
    [["params.lr ASC"], ["r2", "r3", "r1", "r6"]],
    [["params.lr DESC"], ["r3", "r1", "r2", "r6"]],
    [["tags.team"], ["r1", "r2", "r3", "r6"]],
    [["tags.team DESC"], ["r2", "r1", "r3", "r6"]],
    [["attributes.start_time ASC"], ["r1", "r3", "r6", "r2"]],
    [["end_time DESC"], ["r1", "r2", "r3", "r6"]],
    [["end_time ASC"], ["r1", "r2", "r3", "r6"]],
    [["run_name"], ["r2", "r6", "r1", "r3"]],
    [
      ["params.lr DESC", "metrics.auc ASC"],
      ["r3", "r1", "r2", "r6"],
    ],
    [["metrics.missing DESC"], ["r2", "r3", "r6", "r1"]],
  ])("%j", (orderBy, expected) => {
    expect(search({ orderBy })).toEqual(expected);
  });

  it("pages are disjoint and complete, also under a metric order", () => {
    for (const orderBy of [undefined, ["metrics.auc DESC"], ["params.opt ASC"]]) {
      const all = search({ orderBy });
      const pages = [0, 2, 4].map((offset) => search({ orderBy, limit: 2, offset }));
      expect(pages.flat()).toEqual(all);
      expect(pages[2]).toEqual([]);
    }
  });

  it("compiles portable SQL with bound parameters only", () => {
    const q = compileRunsSearch({
      experimentIds: [1],
      runViewType: "ACTIVE_ONLY",
      filter: "params.lr = '0.1'",
      orderBy: ["metrics.auc"],
      limit: 5,
      offset: 0,
    });
    expect(q.sql).not.toMatch(/NULLS|ILIKE|0\.1/);
    expect(q.values).toContain("0.1");
    // whole-number timestamps bind as they are (int8 on PostgreSQL); fractions are cast to doubles
    const t = compileRunsSearch({
      experimentIds: [1],
      runViewType: "ALL",
      filter: "start_time > 1500 AND end_time < 2.5",
      limit: 1,
      offset: 0,
    });
    expect(t.values).toContain(1500);
    expect(t.values).toContain(2.5);
    expect(t.sql).toContain("CAST(? AS DOUBLE PRECISION)");
  });
});
