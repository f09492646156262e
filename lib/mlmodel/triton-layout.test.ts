import { describe, expect, it } from "vitest";
import { normalizeFileList, validateTritonLayout } from "./triton-layout";

describe("validateTritonLayout", () => {
  it("accepts a model repository with numbered versions", () => {
    const result = validateTritonLayout([
      "densenet_onnx/config.pbtxt",
      "densenet_onnx/densenet_labels.txt",
      "densenet_onnx/1/model.onnx",
      "densenet_onnx/2/model.onnx",
      "text/config.pbtxt",
      "text/1/model.py",
      "README.md",
    ]);
    expect(result).toEqual({ ok: true, layout: "repository", modelNames: ["densenet_onnx", "text"], errors: [], warnings: [] });
  });

  it("accepts one model with config.pbtxt at the root", () => {
    expect(validateTritonLayout(["config.pbtxt", "1/model.plan"], { rootName: "resnet" })).toEqual({
      ok: true,
      layout: "single-model",
      modelNames: ["resnet"],
      errors: [],
      warnings: [],
    });
    expect(validateTritonLayout(["./config.pbtxt", "./3/model.savedmodel/saved_model.pb"]).modelNames).toEqual(["."]);
  });

  it("accepts an empty version folder given as a folder entry (ensembles)", () => {
    expect(validateTritonLayout(["pipeline/config.pbtxt", "pipeline/1/"]).ok).toBe(true);
  });

  it("needs a version folder", () => {
    expect(validateTritonLayout(["densenet/config.pbtxt", "densenet/model.onnx"])).toMatchObject({
      ok: false,
      layout: "repository",
      errors: ["No version folder in densenet/: put the model file in a numbered folder, e.g. densenet/1/model.onnx"],
    });
    expect(validateTritonLayout(["config.pbtxt", "model.onnx"]).errors).toEqual([
      "No version folder beside config.pbtxt: put the model file in a numbered folder, e.g. 1/model.onnx",
    ]);
  });

  it("warns that Triton ignores version 0 and leading zeros", () => {
    const result = validateTritonLayout(["m/config.pbtxt", "m/0/model.onnx", "m/01/model.onnx", "m/v1/model.onnx"]);
    expect(result.ok).toBe(false);
    expect(result.warnings).toEqual([
      "Triton ignores the version folder m/0/: versions are numbers from 1 without leading zeros",
      "Triton ignores the version folder m/01/: versions are numbers from 1 without leading zeros",
    ]);
  });

  it("finds models that lost their config", () => {
    const result = validateTritonLayout(["a/config.pbtxt", "a/1/model.onnx", "b/1/model.onnx"]);
    expect(result).toMatchObject({ ok: false, modelNames: ["a"], errors: ["b/ has version folders but no b/config.pbtxt"] });
  });

  it("points at a repository registered one level too high", () => {
    const result = validateTritonLayout(["models/densenet/config.pbtxt", "models/densenet/1/model.onnx"]);
    expect(result).toEqual({
      ok: false,
      layout: null,
      modelNames: [],
      errors: [
        "Found models/densenet/config.pbtxt, one folder too deep: Triton expects <model>/config.pbtxt at the top; register models/ instead",
      ],
      warnings: [],
    });
  });

  it("refuses mixing the two layouts", () => {
    const result = validateTritonLayout(["config.pbtxt", "1/model.onnx", "other/config.pbtxt", "other/1/model.onnx"]);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatch(/^config.pbtxt is at the root and also in other\/config.pbtxt/);
  });

  it("explains a folder with no config at all", () => {
    expect(validateTritonLayout(["model.onnx"]).errors).toEqual([
      "No config.pbtxt found: a Triton model needs <model>/config.pbtxt and version folders such as <model>/1/model.onnx",
    ]);
    expect(validateTritonLayout([]).ok).toBe(false);
  });
});

describe("normalizeFileList", () => {
  it("cleans separators and keeps folder markers", () => {
    expect(normalizeFileList(["./a/b", "/c", "d\\e\\f", "g//h/", "", ".", 5 as unknown as string])).toEqual(["a/b", "c", "d/e/f", "g/h/"]);
  });
});
