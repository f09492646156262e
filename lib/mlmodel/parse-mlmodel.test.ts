import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type MLmodelInfo, parseMLmodel } from "./parse-mlmodel";
import { signatureSummary } from "./signature";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

function model(text: string): { model: MLmodelInfo; warnings: string[] } {
  const result = parseMLmodel(text);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe("parseMLmodel: real files", () => {
  it("reads the fastai tensor example (old pyfunc: data + env string, no mlflow_version)", () => {
    const { model: m, warnings } = model(fixture("fastai-tensor.MLmodel"));
    expect(warnings).toEqual([]);
    expect(m.artifactPath).toBe("classifier");
    expect(m.pyfunc).toEqual({
      loaderModule: "mlflow.fastai",
      modelPath: "model.fastai",
      env: { conda: "conda.yaml", virtualenv: null },
      pythonVersion: "3.8.12",
      predictFn: null,
      code: null,
    });
    expect(m.frameworkFlavors).toEqual([{ name: "fastai", version: "2.4.1", fields: { data: "model.fastai", fastai_version: "2.4.1" } }]);
    expect(m.mlflowVersion).toBeNull();
    expect(m.modelUuid).toBe("e694c68eba484299976b06ab9058f636");
    expect(m.runId).toBe("e13da8ac-b1e6-45d4-a9b2-6a0a5cfac537");
    expect(m.signature?.inputs).toEqual({ kind: "tensors", tensors: [{ dtype: "uint8", shape: [-1, 300, 300, 3] }] });
    expect(signatureSummary(m.signature)).toBe("tensor uint8 [batch × 300 × 300 × 3] → tensor float32 [batch × 2]");
  });

  it("reads the sklearn heart-disease example (13 named columns, no required flags)", () => {
    const { model: m, warnings } = model(fixture("sklearn-heart.MLmodel"));
    expect(warnings).toEqual([]);
    expect(m.pyfunc?.env).toEqual({ conda: "conda.yaml", virtualenv: "python_env.yaml" });
    expect(m.pyfunc?.predictFn).toBe("predict");
    expect(m.frameworkFlavors.map((f) => [f.name, f.version])).toEqual([["sklearn", "1.2.0"]]);
    expect(m.mlflowVersion).toBe("2.1.0");
    const inputs = m.signature?.inputs;
    expect(inputs?.kind).toBe("columns");
    if (inputs?.kind !== "columns") return;
    expect(inputs.columns).toHaveLength(13);
    expect(inputs.columns[0]).toEqual({ name: "age", type: { kind: "primitive", name: "long" }, required: true });
    expect(inputs.columns[9]).toEqual({ name: "oldpeak", type: { kind: "primitive", name: "double" }, required: true });
    expect(inputs.columns[12].name).toBe("thal");
    expect(signatureSummary(m.signature)).toBe("13 columns → 1 column");
  });

  it("reads an MLflow 3.x sklearn model (logged-model URI, model_id, example info)", () => {
    const { model: m, warnings } = model(fixture("sklearn-mlflow3.MLmodel"));
    expect(warnings).toEqual([]);
    expect(m.artifactPath).toBe("mlflow-artifacts:/1/models/m-4f1c2d3e5a6b47c8b9d0e1f2a3b4c5d6/artifacts");
    expect(m.modelId).toBe("m-4f1c2d3e5a6b47c8b9d0e1f2a3b4c5d6");
    expect(m.modelUuid).toBe(m.modelId);
    expect(m.mlflowVersion).toBe("3.6.1.dev0");
    expect(m.modelSizeBytes).toBe(51894);
    expect(m.utcTimeCreated).toBe("2026-11-27 09:07:51.071275");
    expect(m.savedInputExampleInfo).toEqual({
      artifactPath: "input_example.json",
      type: "dataframe",
      pandasOrient: "split",
      format: null,
      servingInputPath: "serving_input_example.json",
      hasParams: false,
    });
    expect(m.signature?.params).toBeNull();
    expect(m.signature?.outputs).toEqual({ kind: "tensors", tensors: [{ dtype: "float64", shape: [-1] }] });
    expect(signatureSummary(m.signature)).toBe("10 columns → tensor float64 [batch]");
    expect(m.raw.is_signature_from_type_hint).toBe(false);
  });

  it("reads an MLflow 2.x model (artifact_path model, hex model_uuid, no model_id)", () => {
    const { model: m } = model(fixture("sklearn-mlflow2.MLmodel"));
    expect(m.artifactPath).toBe("model");
    expect(m.modelUuid).toMatch(/^[0-9a-f]{32}$/);
    expect(m.modelId).toBeNull();
    expect(m.pyfunc?.pythonVersion).toBe("3.10.14");
    const inputs = m.signature?.inputs;
    expect(inputs?.kind === "columns" && inputs.columns.map((c) => c.name)).toContain("petal width (cm)");
    expect(m.signature?.outputs).toEqual({ kind: "columns", columns: [{ type: { kind: "primitive", name: "long" }, required: true }] });
  });

  it("reads complex column types, params and metadata", () => {
    const { model: m, warnings } = model(fixture("complex-types.MLmodel"));
    expect(warnings).toEqual([]);
    expect(m.frameworkFlavors).toEqual([]);
    expect(m.pyfunc?.loaderModule).toBe("mlflow.pyfunc.model");
    expect(m.metadata).toEqual({ owner: "ml-platform", task: "llm/v1/chat" });
    expect(m.signature?.params?.map((p) => p.name)).toEqual(["temperature", "stop", "max_tokens", "since", "config"]);
    expect(signatureSummary(m.signature)).toBe("7 columns → 1 column (5 params)");
  });

  it("reads a model without a signature", () => {
    const { model: m, warnings } = model(fixture("no-signature.MLmodel"));
    expect(warnings).toEqual([]);
    expect(m.signature).toBeNull();
    expect(m.savedInputExampleInfo).toBeNull();
    expect(m.frameworkFlavors[0]).toMatchObject({ name: "xgboost", version: "1.7.6" }); // xgb_version
    expect(signatureSummary(m.signature)).toBe("no signature");
  });

  it("keeps the rest of the model when a signature mixes tensors and columns", () => {
    const { model: m, warnings } = model(fixture("mixed-signature.MLmodel"));
    expect(m.signature?.inputs).toBeNull();
    expect(m.signature?.errors.inputs).toMatch(/mixes 1 tensor spec\(s\) with 1 column spec\(s\)/);
    expect(m.signature?.outputs?.kind).toBe("tensors");
    expect(warnings).toEqual([expect.stringMatching(/^signature\.inputs: mixes/)]);
    expect(m.frameworkFlavors[0].version).toBe("2.3.0");
  });
});

describe("parseMLmodel: broken files", () => {
  it("points at the line of a YAML error", () => {
    const result = parseMLmodel(fixture("malformed.MLmodel"));
    expect(result).toEqual({
      ok: false,
      error: { message: "MLmodel is not valid YAML: bad indentation of a mapping entry (line 5, column 4)", line: 5, column: 4 },
    });
  });

  it("turns wrong field types into warnings", () => {
    const { model: m, warnings } = model(fixture("wrong-types.MLmodel"));
    expect(m.artifactPath).toBeNull();
    expect(m.runId).toBe("12345");
    expect(m.modelUuid).toBeNull();
    expect(m.mlflowVersion).toBe("2.1"); // YAML already read 2.10 as the number 2.1
    expect(m.modelSizeBytes).toBeNull();
    expect(m.utcTimeCreated).toBe("2024-05-01 10:00:00.000");
    expect(m.flavors.python_function).toEqual({});
    expect(m.savedInputExampleInfo).toBeNull();
    expect(m.metadata).toBeNull();
    expect(m.signature?.errors).toEqual({
      inputs: "inputs should be a JSON string; got a number",
      outputs: expect.stringMatching(/^outputs is not valid JSON: /),
      params: "params should be a JSON list",
    });
    expect(signatureSummary(m.signature)).toBe("invalid inputs → invalid outputs (invalid params)");
    expect(warnings).toEqual(
      expect.arrayContaining([
        "flavors.python_function should be a mapping; got a number (7)",
        "artifact_path should be text; got a list",
        'run_id should be text; got a number (12345), shown as "12345"',
        "model_uuid should be text; got a mapping",
        'model_size_bytes should be a whole number of 0 or more; got a string ("lots")',
        "saved_input_example_info should be a mapping; got a boolean (true)",
        "metadata should be a mapping; got a list",
      ]),
    );
  });

  it.each([
    ["a list", "- a\n- b\n", "MLmodel should be a YAML mapping of fields; got a list"],
    ["a scalar", "just text\n", 'MLmodel should be a YAML mapping of fields; got a string ("just text")'],
    ["null", "~\n", "MLmodel should be a YAML mapping of fields; got null"],
    ["empty", "", "MLmodel is empty"],
  ])("refuses a document that is %s", (_label, text, message) => {
    expect(parseMLmodel(text)).toEqual({ ok: false, error: { message } });
  });

  it("warns about missing or odd flavors", () => {
    expect(model("run_id: abc\n").warnings).toEqual(["MLmodel has no flavors, so MLflow cannot load it"]);
    expect(model("flavors: nope\n").warnings).toEqual(['flavors should be a mapping; got a string ("nope")']);
    expect(model("flavors:\n  sklearn:\n").warnings).toEqual([
      "flavors.sklearn should be a mapping; got null",
      "no python_function flavor: the model cannot be served as a generic Python model",
    ]);
  });

  it("warns when signature is not a mapping and reads a hand-written YAML list", () => {
    expect(model("signature: '[1]'\n").warnings).toContain('signature should be a mapping; got a string ("[1]")');
    const { model: m, warnings } = model("signature:\n  inputs:\n    - {type: long, name: x}\n");
    expect(m.signature?.inputs).toEqual({
      kind: "columns",
      columns: [{ name: "x", type: { kind: "primitive", name: "long" }, required: true }],
    });
    expect(warnings).toContain("signature.inputs: written as a YAML list instead of a JSON string; MLflow cannot read it this way");
  });

  it("reads env from an odd value without crashing", () => {
    const { model: m, warnings } = model("flavors:\n  python_function:\n    env: [conda.yaml]\n");
    expect(m.pyfunc?.env).toBeNull();
    expect(warnings).toEqual(["flavors.python_function.env should be a file name or a mapping; got a list"]);
  });

  it("refuses a huge file with a clear message", () => {
    const huge = `artifact_path: model\nmetadata:\n${"  key_0000000: some value that pads the file\n".repeat(30_000)}`;
    const result = parseMLmodel(huge);
    expect(result.ok || result.error.message).toMatch(/^MLmodel is too large \(1\.\d MB; the limit is 1 MB\)$/);
  });

  it("reads a large file under the cap", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `  k${i}: value ${i}`);
    const result = parseMLmodel(`flavors:\n  python_function: {loader_module: m}\nmetadata:\n${lines.join("\n")}\n`);
    expect(result.ok && Object.keys(result.model.metadata ?? {})).toHaveLength(20_000);
  });

  it("fails an alias bomb in well under a second", () => {
    const started = performance.now();
    const result = parseMLmodel(fixture("alias-bomb.MLmodel"));
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.ok).toBe(false);
    expect(result.ok || result.error.message).toMatch(/through YAML aliases/);
  });

  it("never throws on arbitrary input", () => {
    for (const text of [null, undefined, 5, "{", "a: [", "\t\tbad", "? complex\n: key", "a: !!binary aGk="]) {
      expect(() => parseMLmodel(text as string)).not.toThrow();
    }
  });
});
