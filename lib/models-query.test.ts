import { describe, expect, it } from "vitest";
import { modelsFilter, modelsHref, parseModelsQuery } from "./models-query";

describe("models query", () => {
  it("builds one registry filter from the search box, tag chips and free filter", () => {
    const q = parseModelsQuery({ q: "diab", tag: ["team=health", "stage=prod's"], filter: "name != 'x'" });
    expect(modelsFilter(q)).toBe(`name ILIKE '%diab%' AND tags.\`team\` = 'health' AND tags.\`stage\` = "prod's" AND name != 'x'`);
    expect(modelsFilter(parseModelsQuery({}))).toBe("");
  });
  it("keeps the view in the URL and drops junk", () => {
    const q = parseModelsQuery({ q: "a", tag: ["bad", "k=v"], sort: "name ASC", size: "50", page: "t" });
    expect(q.tags).toEqual(["k=v"]);
    expect(modelsHref(q)).toBe("/models?q=a&tag=k%3Dv&sort=name+ASC&size=50");
    expect(modelsHref(q, { page: "p2" })).toContain("page=p2");
    expect(parseModelsQuery({ sort: "DROP TABLE" }).sort).toBe("");
  });
});
