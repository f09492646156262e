import { describe, expect, it } from "vitest";
import { previewKind } from "./preview-kind";

describe("previewKind", () => {
  it.each([
    ["model/MLmodel", "text"],
    ["conda.yaml", "text"],
    ["a/b/plot.PNG", "image"],
    ["data.csv", "csv"],
    ["input_example.json", "json"],
    ["README.md", "markdown"],
    ["model.pkl", "none"],
    ["noext", "none"],
  ])("%s → %s", (p, kind) => expect(previewKind(p)).toBe(kind));
});
