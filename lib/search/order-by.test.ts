import { describe, expect, it } from "vitest";
import { FilterError } from "./filter-ast";
import { MODEL_VERSIONS_ORDER_BY, REGISTERED_MODELS_ORDER_BY, RUNS_ORDER_BY, parseLoggedModelsOrderBy, parseOrderBy } from "./order-by";

describe("parseOrderBy (runs)", () => {
  it("parses entities, directions and aliases", () => {
    const entries = ["metrics.rmse DESC", "attributes.start_time", "params.`lr` asc", "tags.mlflow.runName Desc", "run_name"];
    expect(parseOrderBy(entries, RUNS_ORDER_BY)).toEqual([
      { entity: "metric", key: "rmse", ascending: false },
      { entity: "attribute", key: "start_time", ascending: true },
      { entity: "param", key: "lr", ascending: true },
      { entity: "tag", key: "mlflow.runName", ascending: false },
      { entity: "attribute", key: "run_name", ascending: true },
    ]);
    expect(parseOrderBy(["created DESC", 'metrics."my metric"'], RUNS_ORDER_BY)).toEqual([
      { entity: "attribute", key: "start_time", ascending: false },
      { entity: "metric", key: "my metric", ascending: true },
    ]);
  });

  it("empty or missing → []", () => {
    expect(parseOrderBy(undefined, RUNS_ORDER_BY)).toEqual([]);
    expect(parseOrderBy([], RUNS_ORDER_BY)).toEqual([]);
  });

  it.each([
    ["", /Could not be parsed/],
    ["metrics.rmse DESC extra", /Could not be parsed/],
    ["metrics.rmse sideways", /Invalid ordering key/],
    ["metrics.rmse 'DESC'", /Invalid ordering key/],
    ["'name'", /Could not be parsed/],
    ["name; DROP TABLE x", /Could not be parsed/],
    ["foo.bar", /Invalid entity type 'foo'/],
    ["datasets.name", /Invalid order_by entity type/],
    ["bogus", /Invalid order by key 'bogus'/],
  ])("rejects %j", (entry, message) => {
    expect(() => parseOrderBy([entry], RUNS_ORDER_BY)).toThrow(FilterError);
    expect(() => parseOrderBy([entry], RUNS_ORDER_BY)).toThrow(message);
  });

  it("rejects duplicate fields, also through aliases", () => {
    expect(() => parseOrderBy(["metrics.a", "metric.a DESC"], RUNS_ORDER_BY)).toThrow(/duplicate fields/);
    expect(() => parseOrderBy(["start_time", "created"], RUNS_ORDER_BY)).toThrow(/duplicate fields/);
  });
});

describe("parseOrderBy (registry)", () => {
  it("registered models: name, timestamps; `timestamp` means last update", () => {
    expect(parseOrderBy(["name ASC", "timestamp DESC", "creation_timestamp"], REGISTERED_MODELS_ORDER_BY)).toEqual([
      { entity: "attribute", key: "name", ascending: true },
      { entity: "attribute", key: "last_updated_timestamp", ascending: false },
      { entity: "attribute", key: "creation_timestamp", ascending: true },
    ]);
    expect(() => parseOrderBy(["tags.x"], REGISTERED_MODELS_ORDER_BY)).toThrow(/Invalid order_by entity type 'tags'/);
    expect(() => parseOrderBy(["version_number"], REGISTERED_MODELS_ORDER_BY)).toThrow(/Invalid order by key/);
  });

  it("model versions", () => {
    expect(parseOrderBy(["version_number DESC", "attribute.name"], MODEL_VERSIONS_ORDER_BY)).toEqual([
      { entity: "attribute", key: "version_number", ascending: false },
      { entity: "attribute", key: "name", ascending: true },
    ]);
    expect(() => parseOrderBy(["run_id"], MODEL_VERSIONS_ORDER_BY)).toThrow(/Invalid order by key 'run_id'/);
  });
});

describe("parseLoggedModelsOrderBy", () => {
  it("normalises attributes, aliases and metric datasets", () => {
    expect(
      parseLoggedModelsOrderBy([
        { fieldName: "creation_time", ascending: false },
        { fieldName: "metrics.acc", datasetName: "test", datasetDigest: "abc" },
        { fieldName: "name" },
      ]),
    ).toEqual([
      { entity: "attribute", key: "creation_timestamp", ascending: false },
      { entity: "metric", key: "acc", ascending: true, datasetName: "test", datasetDigest: "abc" },
      { entity: "attribute", key: "name", ascending: true },
    ]);
  });

  it.each([
    [{ fieldName: "" }, /`field_name` in the `order_by` clause must be specified/],
    [{ fieldName: "params.lr" }, /only `metrics.<name>` is allowed/],
    [{ fieldName: "bogus" }, /Invalid order by field name: bogus/],
    [{ fieldName: "metrics.acc", datasetDigest: "d" }, /`dataset_digest` can only be specified/],
    [{ fieldName: "name", ascending: "yes" as unknown as boolean }, /must be a boolean/],
  ])("rejects %j", (entry, message) => {
    expect(() => parseLoggedModelsOrderBy([entry])).toThrow(message);
  });
});

describe("order_by bounds", () => {
  it("refuses more than 20 keys", () => {
    expect(
      parseOrderBy(
        Array.from({ length: 20 }, (_, i) => `params.p${i}`),
        RUNS_ORDER_BY,
      ),
    ).toHaveLength(20);
    expect(() =>
      parseOrderBy(
        Array.from({ length: 21 }, (_, i) => `params.p${i}`),
        RUNS_ORDER_BY,
      ),
    ).toThrow(/at most 20/);
  });
});
