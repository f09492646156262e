import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectModelType, validateModelType } from "./detect-model-type";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const mlflowFiles = ["MLmodel", "model.pkl", "conda.yaml", "python_env.yaml", "requirements.txt"];
const tritonFiles = ["densenet_onnx/config.pbtxt", "densenet_onnx/1/model.onnx"];

describe("detectModelType", () => {
  it.each([
    [mlflowFiles, "MLFLOW"],
    [["./MLmodel", "data/model.pth"], "MLFLOW"],
    [tritonFiles, "TRITON"],
    [["config.pbtxt", "1/model.plan"], "TRITON"],
    [["model/MLmodel", "model/model.pkl"], "CUSTOM"], // MLmodel not at the root
    [["score.py", "model.joblib"], "CUSTOM"],
    [["densenet/config.pbtxt", "densenet/model.onnx"], "CUSTOM"], // not a valid Triton layout
    [[], null],
    [["empty/"], null],
  ])("%j → %s", (files, type) => {
    expect(detectModelType(files)).toBe(type);
  });
});

describe("validateModelType", () => {
  it("accepts a matching folder", () => {
    expect(validateModelType("MLFLOW", mlflowFiles)).toEqual({ ok: true, errors: [], warnings: [] });
    expect(validateModelType("TRITON", tritonFiles)).toEqual({ ok: true, errors: [], warnings: [] });
    expect(validateModelType("CUSTOM", ["model.joblib"])).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it("says where the MLmodel is missing, and where it is instead", () => {
    expect(validateModelType("MLFLOW", ["model.pkl"], { folderName: "model" }).errors).toEqual([
      "MLflow models need an MLmodel file at the folder's root; none found in model/",
    ]);
    expect(validateModelType("MLFLOW", ["outputs/model/MLmodel", "outputs/model/model.pkl"], { folderName: "job-output/" }).errors).toEqual(
      [
        "MLflow models need an MLmodel file at the folder's root; none found in job-output/",
        "Found outputs/model/MLmodel: register the folder outputs/model/ instead",
      ],
    );
    expect(validateModelType("MLFLOW", ["MLModel", "model.pkl"]).errors).toEqual([
      "MLflow models need an MLmodel file at the folder's root; none found in the folder",
      'The file is named "MLModel"; MLflow needs exactly "MLmodel"',
    ]);
  });

  it("checks the MLmodel text when given", () => {
    expect(validateModelType("MLFLOW", mlflowFiles, { mlmodelText: fixture("sklearn-mlflow3.MLmodel") })).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
    const broken = validateModelType("MLFLOW", mlflowFiles, { mlmodelText: fixture("malformed.MLmodel") });
    expect(broken.errors).toEqual([
      "The MLmodel file cannot be read: MLmodel is not valid YAML: bad indentation of a mapping entry (line 5, column 4)",
    ]);
    const noFlavors = validateModelType("MLFLOW", mlflowFiles, { mlmodelText: "run_id: abc\n" });
    expect(noFlavors).toEqual({
      ok: false,
      errors: ["The MLmodel file lists no flavors, so MLflow cannot load the model"],
      warnings: ["MLmodel: MLmodel has no flavors, so MLflow cannot load it"],
    });
    expect(validateModelType("MLFLOW", mlflowFiles, { mlmodelText: fixture("mixed-signature.MLmodel") }).warnings).toEqual([
      expect.stringMatching(/^MLmodel: signature\.inputs: mixes/),
    ]);
  });

  it("passes Triton layout problems through", () => {
    const result = validateModelType("TRITON", ["densenet/config.pbtxt", "densenet/model.onnx", "MLmodel"]);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(["No version folder in densenet/: put the model file in a numbered folder, e.g. densenet/1/model.onnx"]);
    expect(result.warnings).toEqual([
      "This folder also has an MLmodel file; registering it as MLflow lets deployments build the scoring environment for you",
    ]);
  });

  it("suggests a better type for custom models", () => {
    expect(validateModelType("CUSTOM", mlflowFiles, { folderName: "model" }).warnings).toEqual([
      "model/ has an MLmodel file; registering it as MLflow lets deployments build the scoring environment for you",
    ]);
    expect(validateModelType("CUSTOM", tritonFiles).warnings).toEqual([
      "This folder is laid out as a Triton model repository; registering it as Triton lets it be served without a scoring script",
    ]);
  });

  it("refuses an empty folder for every type", () => {
    for (const type of ["MLFLOW", "TRITON", "CUSTOM"] as const) {
      expect(validateModelType(type, [], { folderName: "model" })).toEqual({
        ok: false,
        errors: ["No files in model/: upload the model files first"],
        warnings: [],
      });
    }
  });
});
