import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FilterError } from "@/lib/search/filter-ast";
import { type RegisteredModelsSearch, compileRegisteredModelsSearch } from "./registered-models-search";
import { type TestDb, insert, openTestDb, queryIds } from "./test-db";

let db: TestDb;
const PROMPT = "mlflow.prompt.is_prompt";

beforeAll(() => {
  db = openTestDb();
  const model = (id: number, name: string, creationTimestamp: number, lastUpdatedTimestamp: number) =>
    insert(db, "RegisteredModel", { id, name, creationTimestamp, lastUpdatedTimestamp });
  model(1, "mlflow-diabetes", 100, 500);
  model(2, "Diabetes-v2", 200, 400);
  model(3, "wine", 300, 300);
  model(4, "my-prompt", 400, 600);
  model(5, "legacy", 50, 50);
  model(6, "a_b%model", 60, 60);
  const tag = (registeredModelId: number, key: string, value: string) =>
    insert(db, "RegisteredModelTag", { registeredModelId, key, value });
  tag(1, "team", "ml");
  tag(2, "team", "ML");
  tag(3, "stage", "prod");
  tag(4, PROMPT, "true");
  tag(5, PROMPT, "false");
});
afterAll(() => db.close());

const search = (over: Partial<RegisteredModelsSearch> = {}) =>
  queryIds(db, compileRegisteredModelsSearch({ limit: 100, offset: 0, ...over })).map(Number);

describe("compileRegisteredModelsSearch", () => {
  it("orders by name ASC and hides prompts by default", () => {
    expect(search()).toEqual([2, 6, 5, 1, 3]);
  });

  it.each([
    ["name LIKE '%diabetes%' AND tag.`mlflow.prompt.is_prompt` != 'true'", [1]],
    ["name ILIKE '%diabetes%' AND tag.`mlflow.prompt.is_prompt` != 'true'", [2, 1]],
    ["name='mlflow-diabetes'", [1]],
    ["name = 'my-prompt'", []],
    ["name != 'wine'", [2, 6, 5, 1]],
    ["name LIKE 'a_b%'", [6]],
    ["name LIKE 'a\\_b%'", []],
    ["tags.`mlflow.prompt.is_prompt` = 'true'", [4]],
    ["tags.`mlflow.prompt.is_prompt` != 'false'", [4]],
    ["tags.`mlflow.prompt.is_prompt` = 'false'", [2, 6, 5, 1, 3]],
    ["tag.`mlflow.prompt.is_prompt` LIKE 'x%'", [2, 6, 5, 1, 3]],
    ["tags.`mlflow.prompt.is_prompt` = 'true' AND name LIKE 'my%'", [4]],
    ["tags.team = 'ml'", [1]],
    ["tags.team ILIKE 'ML'", [2, 1]],
    ["tags.team != 'ml'", [2]],
    ["tags.team = 'ml' AND tags.stage = 'prod'", []],
    ["tags.stage LIKE 'pr%'", [3]],
  ])("%s", (filter, expected) => {
    expect(search({ filter })).toEqual(expected);
  });

  it.each([
    [["last_updated_timestamp DESC"], [1, 2, 3, 6, 5]],
    [["timestamp ASC"], [5, 6, 3, 2, 1]],
    [["creation_timestamp DESC"], [3, 2, 1, 6, 5]],
    [["name DESC"], [3, 1, 5, 6, 2]],
  ])("order %j", (orderBy, expected) => {
    expect(search({ orderBy })).toEqual(expected);
  });

  it("pages are disjoint and complete", () => {
    const pages = [0, 2, 4].map((offset) => search({ limit: 2, offset }));
    expect(pages.flat()).toEqual(search());
  });

  it("bad input throws FilterError; hostile strings match nothing", () => {
    expect(() => search({ filter: "creation_timestamp > 1" })).toThrow(FilterError);
    expect(() => search({ orderBy: ["name", "name DESC"] })).toThrow(/duplicate fields/);
    expect(search({ filter: "name = 'x'' OR 1=1; DROP TABLE \"RegisteredModel\"; --'" })).toEqual([]);
    expect(search()).toHaveLength(5);
  });
});
