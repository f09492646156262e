import { describe, expect, it } from "vitest";
import { aliasProblem, modelNameProblem } from "./names";

describe("model names", () => {
  it.each(["mlflow-diabetes", "Diabetes model v2", "a.b_c-d", "ü-modèle"])("accepts %j", (n) => expect(modelNameProblem(n)).toBeNull());
  it.each(["", "   ", " padded", "a/b", "a\\b", "x".repeat(257), "bad\nname", 5])("refuses %j", (n) =>
    expect(modelNameProblem(n)).toMatch(/.+/),
  );
});

describe("aliases", () => {
  it.each(["champion", "prod_2", "blue-green"])("accepts %j", (a) => expect(aliasProblem(a)).toBeNull());
  it.each(["", "latest", "LATEST", "v1", "V22", "has space", "a.b", "x".repeat(256)])("refuses %j", (a) =>
    expect(aliasProblem(a)).toMatch(/.+/),
  );
});
