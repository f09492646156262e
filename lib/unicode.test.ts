import { describe, expect, it } from "vitest";
import { findIllFormedString, isWellFormed } from "./unicode";

describe("well-formed strings", () => {
  it("accepts paired surrogates and refuses lone ones", () => {
    expect(isWellFormed("plain ✓ 日本 😀")).toBe(true);
    expect(isWellFormed("\ud800")).toBe(false);
    expect(isWellFormed("a\udc00b")).toBe(false);
    expect(isWellFormed("\ud83d\ude00")).toBe(true);
  });

  it("finds the first ill-formed string in a body, keys included", () => {
    expect(findIllFormedString({ a: "x", b: [1, "y", { c: null }] })).toBeNull();
    expect(
      findIllFormedString({
        tags: [
          { key: "k", value: "v" },
          { key: "\ud800", value: "v" },
        ],
      }),
    ).toBe("tags.1.key");
    expect(findIllFormedString({ "\udfff": 1 })).toBe("\ufffd");
    expect(findIllFormedString("\ud800")).toBe("request");
  });

  it("walks deep bodies without recursion", () => {
    let deep: unknown = "\ud800";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findIllFormedString(deep)).toMatch(/^0(\.0)*$/);
  });
});
