import { describe, expect, it } from "vitest";
import { ArtifactPathError, joinArtifactPath, normalizeArtifactPath } from "./artifact-path";

describe("normalizeArtifactPath", () => {
  it.each([
    ["", ""],
    ["model", "model"],
    ["model/", "model"],
    ["a//b///c", "a/b/c"],
    ["1/abc/artifacts/model/MLmodel", "1/abc/artifacts/model/MLmodel"],
    ["données/ä ö/file name.txt", "données/ä ö/file name.txt"],
    ["100%.txt", "100%.txt"],
    ["..hidden/..x/x..", "..hidden/..x/x.."],
  ])("accepts %j", (input, expected) => {
    expect(normalizeArtifactPath(input)).toBe(expected);
  });

  it.each([
    "..",
    "../etc/passwd",
    "a/../../etc",
    "a/./b",
    "/etc/passwd",
    "C:/Windows",
    "a\\..\\b",
    "%2e%2e/secret",
    "%2E%2E/secret",
    "%252e%252e/secret",
    "a/%2f..%2fb",
    "a/..%2f..%2fetc",
    "~/x",
    "a\u0000b",
    "line\nbreak",
    "x".repeat(5000),
    `a/${"y".repeat(300)}`,
  ])("refuses %j", (input) => {
    expect(() => normalizeArtifactPath(input)).toThrow(ArtifactPathError);
  });

  it("refuses non-strings", () => {
    expect(() => normalizeArtifactPath(42)).toThrow(ArtifactPathError);
    expect(() => normalizeArtifactPath(undefined)).toThrow(ArtifactPathError);
  });

  it("re-checks joined parts", () => {
    expect(joinArtifactPath("1", "run", "artifacts")).toBe("1/run/artifacts");
    expect(() => joinArtifactPath("1", "..", "x")).toThrow(ArtifactPathError);
  });
});
