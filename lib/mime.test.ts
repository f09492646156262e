import { describe, expect, it } from "vitest";
import { contentTypeFor, parseRange } from "./mime";

describe("contentTypeFor", () => {
  it("knows MLflow's files", () => {
    expect(contentTypeFor("a/MLmodel")).toContain("text/plain");
    expect(contentTypeFor("conda.yaml")).toContain("yaml");
    expect(contentTypeFor("model.pkl")).toBe("application/octet-stream");
    expect(contentTypeFor("x/plot.PNG")).toBe("image/png");
  });
});

describe("parseRange", () => {
  it("parses byte ranges", () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange("bytes=0-3", 10)).toEqual({ start: 0, end: 3 });
    expect(parseRange("bytes=5-", 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange("bytes=-4", 10)).toEqual({ start: 6, end: 9 });
    expect(parseRange("bytes=3-100", 10)).toEqual({ start: 3, end: 9 });
  });
  it("rejects unsatisfiable ranges", () => {
    expect(parseRange("bytes=10-", 10)).toBe("invalid");
    expect(parseRange("bytes=5-2", 10)).toBe("invalid");
    expect(parseRange("items=0-1", 10)).toBe("invalid");
    expect(parseRange("bytes=0-1,3-4", 10)).toBe("invalid");
  });
});
