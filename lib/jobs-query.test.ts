import { describe, expect, it } from "vitest";
import { combinedFilter, jobsHref, nameClause, nextSort, parseJobsQuery } from "./jobs-query";

describe("jobs query", () => {
  it("round-trips through the URL", () => {
    const q = parseJobsQuery({
      experiment: ["1", "2", "x"],
      q: "diab",
      filter: "metrics.auc > 0.9",
      sort: "metrics.auc DESC",
      cols: "metrics.auc,params.depth,bogus",
      size: "50",
      page: "tok",
    });
    expect(q).toMatchObject({ experiments: ["1", "2"], cols: ["metrics.auc", "params.depth"], size: 50, page: "tok" });
    expect(jobsHref(q)).toBe(
      "/jobs?experiment=1&experiment=2&q=diab&filter=metrics.auc+%3E+0.9&sort=metrics.auc+DESC&cols=metrics.auc%2Cparams.depth&size=50",
    );
    expect(jobsHref(q, { page: "next" })).toContain("page=next");
    expect(parseJobsQuery({ size: "7" }).size).toBe(25);
  });
  it("turns the search box into a safe ILIKE clause", () => {
    expect(nameClause("  ")).toBeNull();
    expect(nameClause("diab")).toBe("attributes.run_name ILIKE '%diab%'");
    expect(nameClause("bob's")).toBe(`attributes.run_name ILIKE "%bob's%"`);
    expect(nameClause(`a'b"c`)).toBe("attributes.run_name ILIKE '%abc%'");
    expect(combinedFilter(parseJobsQuery({ q: "x", filter: "params.a = '1'" }))).toBe("attributes.run_name ILIKE '%x%' AND params.a = '1'");
  });
  it("cycles sorting", () => {
    expect(nextSort("", "metrics.auc")).toBe("metrics.auc DESC");
    expect(nextSort("metrics.auc DESC", "metrics.auc")).toBe("metrics.auc ASC");
    expect(nextSort("metrics.auc ASC", "metrics.auc")).toBe("");
  });
});
