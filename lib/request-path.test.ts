import { describe, expect, it } from "vitest";
import { literalizeBadEscapes } from "./request-path.mjs";

describe("literalizeBadEscapes", () => {
  it("leaves valid paths alone", () => {
    for (const url of ["/", "/jobs/abc", "/models/d%C3%A9j%C3%A0/versions/2?tab=files", "/a%2Fb"]) {
      expect(literalizeBadEscapes(url)).toBe(url);
    }
  });
  it("escapes the % of segments that are not valid percent-encoding", () => {
    expect(literalizeBadEscapes("/jobs/%E0%A4%A")).toBe("/jobs/%25E0%25A4%25A");
    expect(literalizeBadEscapes("/api/studio/jobs/%E0%A4%A/list?path=x%")).toBe("/api/studio/jobs/%25E0%25A4%25A/list?path=x%");
    expect(literalizeBadEscapes("/models/100%/versions/1")).toBe("/models/100%25/versions/1");
    expect(literalizeBadEscapes("/x/%ED%A0%80")).toBe("/x/%25ED%25A0%2580"); // a lone surrogate
  });
  it("produces paths that decode", () => {
    const out = literalizeBadEscapes("/jobs/%E0%A4%A/%zz");
    expect(() => out.split("/").map(decodeURIComponent)).not.toThrow();
    expect(out.split("/").map(decodeURIComponent)).toEqual(["", "jobs", "%E0%A4%A", "%zz"]);
  });
});
