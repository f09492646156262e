import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FilterError } from "@/lib/search/filter-ast";
import { type ModelVersionsSearch, compileModelVersionsSearch } from "./model-versions-search";
import { type TestDb, insert, openTestDb, queryIds } from "./test-db";

let db: TestDb;

beforeAll(() => {
  db = openTestDb();
  for (const [id, name] of [
    [1, "mlflow-diabetes"],
    [2, "wine"],
    [4, "my-prompt"],
  ] as const) {
    insert(db, "RegisteredModel", { id, name, creationTimestamp: 0, lastUpdatedTimestamp: 0 });
  }
  const version = (id: number, modelId: number, v: number, source: string, runId: string | null, c: number, u: number, extra = {}) =>
    insert(db, "ModelVersion", {
      id,
      registeredModelId: modelId,
      version: v,
      source,
      runId,
      creationTimestamp: c,
      lastUpdatedTimestamp: u,
      status: "READY",
      ...extra,
    });
  version(11, 1, 1, "models:/m-a", "r1", 100, 100);
  version(12, 1, 2, "mlflow-artifacts:/1/r2/artifacts/model", "r2", 200, 300);
  version(13, 1, 3, "models:/m-c", null, 300, 300);
  version(21, 2, 1, "models:/m-w", "r1", 150, 500);
  version(22, 2, 2, "models:/m-x", "r3", 160, 900, { currentStage: "Deleted_Internal" });
  version(41, 4, 1, "prompt", null, 170, 1000);
  const tag = (modelVersionId: number, key: string, value: string) => insert(db, "ModelVersionTag", { modelVersionId, key, value });
  tag(11, "validation", "passed");
  tag(12, "validation", "Failed");
  tag(41, "mlflow.prompt.is_prompt", "true");
});
afterAll(() => db.close());

const search = (over: Partial<ModelVersionsSearch> = {}) =>
  queryIds(db, compileModelVersionsSearch({ limit: 100, offset: 0, ...over })).map(Number);

describe("compileModelVersionsSearch", () => {
  it("default order: last_updated DESC, name ASC, version DESC; hides deleted and prompt versions", () => {
    expect(search()).toEqual([21, 13, 12, 11]);
  });

  it.each([
    ["name='mlflow-diabetes'", [13, 12, 11]],
    ["name = 'wine'", [21]],
    ["name ILIKE 'WINE'", [21]],
    ["run_id = 'r1'", [21, 11]],
    ["run_id IN ('r1', 'r2')", [21, 12, 11]],
    ["run_id IN ('r3')", []],
    ["run_id != 'r1'", [12]],
    ["source_path LIKE 'models:/%'", [21, 13, 11]],
    ["source_path = 'models:/m-c'", [13]],
    ["version_number > 1", [13, 12]],
    ["version_number = '2'", [12]],
    ["version_number <= 1 AND name = 'wine'", [21]],
    ["tags.validation = 'passed'", [11]],
    ["tags.validation ILIKE 'FAILED'", [12]],
    ["tags.validation LIKE 'failed'", []],
    ["tags.validation != 'passed'", [12]],
    ["tags.`mlflow.prompt.is_prompt` = 'true'", [41]],
    ["tags.`mlflow.prompt.is_prompt` != 'true'", [21, 13, 12, 11]],
    ["name = 'my-prompt'", []],
  ])("%s", (filter, expected) => {
    expect(search({ filter })).toEqual(expected);
  });

  it.each([
    [["version_number ASC"], [11, 21, 12, 13]],
    [["name DESC"], [21, 13, 12, 11]],
    [["creation_timestamp ASC"], [11, 21, 12, 13]],
    [["last_updated_timestamp ASC"], [11, 13, 12, 21]],
  ])("order %j", (orderBy, expected) => {
    expect(search({ orderBy })).toEqual(expected);
  });

  it("pages are disjoint and complete", () => {
    const pages = [0, 3].map((offset) => search({ limit: 3, offset }));
    expect(pages.flat()).toEqual(search());
    expect(pages[1]).toEqual([11]);
  });

  it("bad input throws FilterError; hostile strings match nothing", () => {
    expect(() => search({ filter: "run_id NOT IN ('a')" })).toThrow(FilterError);
    expect(() => search({ orderBy: ["run_id"] })).toThrow(FilterError);
    expect(search({ filter: "run_id IN ('r1'') OR 1=1 --')" })).toEqual([]);
    expect(search({ filter: 'source_path = \'"; DROP TABLE "ModelVersion"; --\'' })).toEqual([]);
    expect(search()).toHaveLength(4);
  });
});
