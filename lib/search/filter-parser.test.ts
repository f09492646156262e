import { describe, expect, it } from "vitest";
import {
  FilterError,
  parseLoggedModelsFilter,
  parseModelVersionsFilter,
  parseRegisteredModelsFilter,
  parseRunsFilter,
} from "./filter-parser";

describe("filters the MLflow client emits", () => {
  it("search_registered_models with the prompt suffix", () => {
    expect(parseRegisteredModelsFilter("name LIKE '%diabetes%' AND tag.`mlflow.prompt.is_prompt` != 'true'")).toEqual([
      { entity: "attribute", key: "name", op: "LIKE", value: "%diabetes%" },
      { entity: "tag", key: "mlflow.prompt.is_prompt", op: "!=", value: "true" },
    ]);
  });

  it.each(["name='mlflow-diabetes'", "name = 'mlflow-diabetes'", '  name  =  "mlflow-diabetes"  '])("model versions %j", (f) => {
    expect(parseModelVersionsFilter(f)).toEqual([{ entity: "attribute", key: "name", op: "=", value: "mlflow-diabetes" }]);
  });

  it("logged models by name", () => {
    expect(parseLoggedModelsFilter("name = 'model'")).toEqual([{ entity: "attribute", key: "name", op: "=", value: "model" }]);
  });

  it("runs: params and attributes, lower-case and", () => {
    expect(parseRunsFilter("params.k = 'v' and attributes.status = 'FINISHED'")).toEqual([
      { entity: "param", key: "k", op: "=", value: "v" },
      { entity: "attribute", key: "status", op: "=", value: "FINISHED" },
    ]);
  });

  it("runs: metric and param", () => {
    expect(parseRunsFilter("metrics.auc > 0.9 and params.max_depth = '7'")).toEqual([
      { entity: "metric", key: "auc", op: ">", value: 0.9 },
      { entity: "param", key: "max_depth", op: "=", value: "7" },
    ]);
  });

  it("runs: run_id IN list", () => {
    expect(parseRunsFilter("attributes.run_id IN ('a', 'b')")).toEqual([
      { entity: "attribute", key: "run_id", op: "IN", value: ["a", "b"] },
    ]);
  });
});

describe("parseRunsFilter", () => {
  it("maps every prefix alias to its entity", () => {
    const f =
      "metric.a > 1 AND metrics.b < 2 AND param.c = 'x' AND parameters.d = 'x' AND parameter.e = 'x' AND params.f = 'x' " +
      "AND tag.g = 'x' AND tags.h = 'x' AND attr.status = 'x' AND attribute.user_id = 'u' AND run.run_id = 'r' AND dataset.name = 'd'";
    expect(parseRunsFilter(f).map((c) => c.entity)).toEqual([
      "metric",
      "metric",
      "param",
      "param",
      "param",
      "param",
      "tag",
      "tag",
      "attribute",
      "attribute",
      "attribute",
      "dataset",
    ]);
  });

  it("accepts every comparator, case-insensitive keywords, and <> as !=", () => {
    const ops = parseRunsFilter(
      "metrics.a = 1 and metrics.a != 1 and metrics.a <> 1 and metrics.a > 1 and metrics.a >= 1 and metrics.a < 1 and metrics.a<=1 " +
        "AND params.p like 'x%' AND params.p ILike 'x%' AND status in ('A') AND status not in ('B') AND datasets.digest NOT IN ('d')",
    ).map((c) => c.op);
    expect(ops).toEqual(["=", "!=", "!=", ">", ">=", "<", "<=", "LIKE", "ILIKE", "IN", "NOT IN", "NOT IN"]);
  });

  it.each([
    ["metrics.a > 0", 0],
    ["metrics.a > -1", -1],
    ["metrics.a > -1.5e3", -1500],
    ["metrics.a > 1E+5", 100000],
    ["metrics.a > 2.5e-3", 0.0025],
    ["metrics.a > .5", 0.5],
    ["metrics.a > 1.", 1],
    ["metrics.a>=3", 3],
  ])("numbers: %s", (f, n) => {
    expect(parseRunsFilter(f)[0].value).toBe(n);
  });

  it.each([
    ["tags.mlflow.runName = 'x'", "tag", "mlflow.runName"],
    ["tag.`mlflow.prompt.is_prompt` = 'x'", "tag", "mlflow.prompt.is_prompt"],
    ["params.\"my key\" = 'x'", "param", "my key"],
    ["metrics.`a b` > 1", "metric", "a b"],
    ["params.a-b/c:d = 'x'", "param", "a-b/c:d"],
    ["params.ä_ö = 'x'", "param", "ä_ö"],
    ["params.1x = 'x'", "param", "1x"],
  ])("keys: %s", (f, entity, key) => {
    expect(parseRunsFilter(f)[0]).toMatchObject({ entity, key });
  });

  it("canonicalises bare attributes and aliases", () => {
    expect(parseRunsFilter("run_name = 'r' AND status = 'FINISHED' AND created > 5 AND attributes.`Run name` = 'q'")).toEqual([
      { entity: "attribute", key: "run_name", op: "=", value: "r" },
      { entity: "attribute", key: "status", op: "=", value: "FINISHED" },
      { entity: "attribute", key: "start_time", op: ">", value: 5 },
      { entity: "attribute", key: "run_name", op: "=", value: "q" },
    ]);
  });

  it("keeps quoted strings verbatim, as MLflow does", () => {
    const filter = "params.a = 'it''s' AND params.b = \"say \\\"hi\\\"\" AND params.c = 'x AND y = 1'";
    expect(parseRunsFilter(filter).map((c) => c.value)).toEqual(["it''s", 'say \\"hi\\"', "x AND y = 1"]);
  });

  it("a trailing backslash is a plain character, as in sqlparse", () => {
    expect(parseRunsFilter("params.path = 'C:\\dir\\'")[0].value).toBe("C:\\dir\\");
    // here the backslash escapes the quote, so the string swallows "AND params.b = " (as sqlparse's greedy match does)
    expect(() => parseRunsFilter("params.a = 'x\\' AND params.b = 'y'")).toThrow(/unterminated/);
  });

  it("unescapes IN-list items like Python's literal_eval", () => {
    expect(parseRunsFilter("run_id IN ('a\\'b', \"c\", 'd',)")[0].value).toEqual(["a'b", "c", "d"]);
  });

  it.each([undefined, null, "", "   \n\t "])("empty filter %j → []", (f) => {
    expect(parseRunsFilter(f)).toEqual([]);
  });

  it("datasets keys", () => {
    expect(parseRunsFilter("datasets.context = 'training' AND datasets.digest IN ('a','b')")).toEqual([
      { entity: "dataset", key: "context", op: "=", value: "training" },
      { entity: "dataset", key: "digest", op: "IN", value: ["a", "b"] },
    ]);
  });
});

describe("malformed filters throw FilterError", () => {
  it.each([
    ["params.a = 'abc", /unterminated ' quote/],
    ["tags.`abc = 'x'", /unterminated ` quote/],
    ["params.a =", /Expected a value after '='/],
    ["params.a", /Expected a comparison operator/],
    ["params.a = 'x' AND", /expected a clause after 'AND'/],
    ["AND params.a = 'x'", /Invalid clause\(s\)/],
    ["params.a = 'x' AND AND params.b = 'y'", /Invalid clause\(s\)/],
    ["params.a = 'x' params.b = 'y'", /Invalid clause\(s\) in filter string: 'params.b = 'y''/],
    ["params.a = 'x' OR params.b = 'y'", /Invalid clause\(s\) in filter string: 'OR params.b = 'y''. Only AND/],
    ["foo.a = 'x'", /Invalid entity type 'foo'/],
    ["Metrics.a > 1", /Invalid entity type 'Metrics'/],
    ["bogus = 'x'", /Invalid attribute key 'bogus' specified/],
    ["experiment_id = '1'", /Invalid attribute key 'experiment_id'/],
    ["datasets.source = 'x'", /Invalid dataset key 'source'/],
    ["params.a > 'x'", /Invalid comparator '>' not one of/],
    ["status > 'x'", /Invalid comparator '>'/],
    ["metrics.a LIKE '1'", /Invalid comparator 'LIKE'/],
    ["metrics.a == 1", /Invalid comparator '=='/],
    ["tags.t IN ('a')", /Invalid comparator 'IN'/],
    ["metrics.a > '1'", /Expected numeric value type for metric. Found '1'/],
    ["metrics.a > abc", /Expected numeric value type for metric/],
    ["start_time > '5'", /Expected numeric value type for numeric attribute: start_time/],
    ["params.a = 1", /Expected a quoted string value for param/],
    ["params.a = value", /Parameter value is either not quoted/],
    ["run_id IN ()", /non-empty list/],
    ["run_id IN ('a' 'b')", /ill-formed list/],
    ["run_id IN ('a', 1)", /different type in list/],
    ["run_id IN ('a'", /unterminated list/],
    ["run_id IN 'a'", /parenthesized list/],
    ["run_id = ('a')", /Expected a quoted string value/],
    ["metrics.a > 0x10", /malformed number/],
    ["metrics.a > 1.2.3", /malformed number/],
    ["metrics.a > - 1", /unexpected character '-'/],
    ["params.a = 'x'; DROP TABLE x; --", /unexpected character ';'/],
    ["params.a = 'x' -- comment", /Invalid clause\(s\)|unexpected/],
    ["params.a = 'x' /* c */", /unexpected character/],
    ["(params.a = 'x')", /Invalid clause\(s\)/],
    ["params. a = 'x'", /Invalid entity type|Invalid attribute key|unexpected/],
    ["params.a$ = 'x'", /unexpected character '\$'/],
  ])("%j", (f, message) => {
    expect(() => parseRunsFilter(f)).toThrow(FilterError);
    expect(() => parseRunsFilter(f)).toThrow(message);
  });

  it("keeps hostile text inside a quoted value as data", () => {
    expect(parseRunsFilter("params.a = '; DROP TABLE x; --'")).toEqual([
      { entity: "param", key: "a", op: "=", value: "; DROP TABLE x; --" },
    ]);
    expect(parseRunsFilter("tags.`x'; DELETE FROM \"Run\"; --` = 'v'")[0].key).toBe('x\'; DELETE FROM "Run"; --');
  });
});

describe("per-search rules", () => {
  it("logged models: attributes, aliases, lists and entities", () => {
    expect(
      parseLoggedModelsFilter(
        "creation_time > 5 AND last_updated_timestamp <= 9 AND status IN ('LOGGED_MODEL_READY') AND experiment_id = '1' " +
          "AND metrics.acc >= 0.5 AND params.lr = '0.1' AND tags.t != 'x' AND source_run_id NOT IN ('r')",
      ),
    ).toEqual([
      { entity: "attribute", key: "creation_timestamp", op: ">", value: 5 },
      { entity: "attribute", key: "last_updated_timestamp", op: "<=", value: 9 },
      { entity: "attribute", key: "status", op: "IN", value: ["LOGGED_MODEL_READY"] },
      { entity: "attribute", key: "experiment_id", op: "=", value: "1" },
      { entity: "metric", key: "acc", op: ">=", value: 0.5 },
      { entity: "param", key: "lr", op: "=", value: "0.1" },
      { entity: "tag", key: "t", op: "!=", value: "x" },
      { entity: "attribute", key: "source_run_id", op: "NOT IN", value: ["r"] },
    ]);
    expect(() => parseLoggedModelsFilter("datasets.name = 'x'")).toThrow(/Invalid entity type 'datasets'/);
    expect(() => parseLoggedModelsFilter("run_name = 'x'")).toThrow(/Invalid attribute key/);
  });

  it("registered models: name and tags only", () => {
    expect(parseRegisteredModelsFilter("tags.k ILIKE 'V%' AND name != 'x'")).toHaveLength(2);
    expect(() => parseRegisteredModelsFilter("creation_timestamp > 1")).toThrow(/Invalid attribute key 'creation_timestamp'/);
    expect(() => parseRegisteredModelsFilter("name IN ('a')")).toThrow(/Invalid comparator 'IN'/);
    expect(() => parseRegisteredModelsFilter("params.a = 'x'")).toThrow(/Invalid entity type 'params'/);
    expect(() => parseRegisteredModelsFilter("metrics.a > 1")).toThrow(FilterError);
  });

  it("model versions: run_id IN, version_number numeric (also quoted), no NOT IN", () => {
    const filter = "run_id IN ('a','b') AND version_number >= 2 AND version_number != '3' AND source_path LIKE 'models:/%'";
    expect(parseModelVersionsFilter(filter)).toEqual([
      { entity: "attribute", key: "run_id", op: "IN", value: ["a", "b"] },
      { entity: "attribute", key: "version_number", op: ">=", value: 2 },
      { entity: "attribute", key: "version_number", op: "!=", value: 3 },
      { entity: "attribute", key: "source_path", op: "LIKE", value: "models:/%" },
    ]);
    expect(() => parseModelVersionsFilter("run_id NOT IN ('a')")).toThrow(/Invalid comparator 'NOT IN'/);
    expect(parseModelVersionsFilter("name IN ('a', 'b')")).toEqual([{ entity: "attribute", key: "name", op: "IN", value: ["a", "b"] }]);
    expect(() => parseModelVersionsFilter("name NOT IN ('a')")).toThrow(/Invalid comparator/);
    expect(() => parseModelVersionsFilter("version_number > 'two'")).toThrow(/Expected numeric value type/);
    expect(() => parseModelVersionsFilter("version_number LIKE '1'")).toThrow(/Invalid comparator 'LIKE'/);
  });
});

describe("bounds", () => {
  const clauses = (n: number) => Array.from({ length: n }, (_, i) => `params.p${i} = 'x'`).join(" AND ");
  it("takes up to 100 clauses and refuses more with a readable message", () => {
    expect(parseRunsFilter(clauses(100))).toHaveLength(100);
    expect(() => parseRunsFilter(clauses(101))).toThrow(/more than 100 clauses/);
    expect(() => parseLoggedModelsFilter(clauses(1001))).toThrow(FilterError);
  });
  it("bounds IN lists and the filter's length", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `'r${i}'`).join(",");
    expect(parseRunsFilter(`attributes.run_id IN (${ids(10_000)})`)[0]!.value).toHaveLength(10_000);
    expect(() => parseRunsFilter(`attributes.run_id IN (${ids(6_000)}) AND attributes.run_id IN (${ids(6_000)})`)).toThrow(/10000 values/);
    expect(() => parseRunsFilter(`params.a = '${"x".repeat(1_000_001)}'`)).toThrow(/characters long/);
  });
});
