import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTritonConfig, type TritonModelConfig } from "./triton-config";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

function config(text: string): { config: TritonModelConfig; warnings: string[] } {
  const result = parseTritonConfig(text);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe("parseTritonConfig", () => {
  it("reads an ONNX config with reshape and no batching", () => {
    const { config: c, warnings } = config(fixture("onnx.config.pbtxt"));
    expect(warnings).toEqual([]);
    expect(c).toMatchObject({
      name: "densenet_onnx",
      platform: "onnxruntime_onnx",
      backend: null,
      maxBatchSize: 0,
      dynamicBatching: false,
      instanceGroups: [],
    });
    expect(c.inputs).toEqual([
      { name: "data_0", dataType: "TYPE_FP32", dims: [3, 224, 224], reshape: [1, 3, 224, 224], format: "FORMAT_NCHW", optional: false },
    ]);
    expect(c.outputs).toEqual([
      { name: "fc6_1", dataType: "TYPE_FP32", dims: [1000], reshape: [1, 1000, 1, 1], format: null, optional: false },
    ]);
  });

  it("reads a TensorRT config: repeated dims, <> messages, instance groups, dynamic batching", () => {
    const { config: c, warnings } = config(fixture("tensorrt.config.pbtxt"));
    expect(warnings).toEqual([]);
    expect(c).toMatchObject({ name: "resnet50_trt", platform: "tensorrt_plan", maxBatchSize: 8, dynamicBatching: true });
    expect(c.inputs[0]).toMatchObject({ name: "input", dataType: "TYPE_FP16", dims: [3, 224, 224], reshape: null });
    expect(c.outputs[0]).toMatchObject({ name: "probabilities", dims: [1000] });
    expect(c.instanceGroups).toEqual([
      { name: null, count: 2, kind: "KIND_GPU", gpus: [0, 1] },
      { name: null, count: 1, kind: "KIND_GPU", gpus: [2] },
    ]);
  });

  it("reads a Python backend config: strings, optional inputs, parameters", () => {
    const { config: c, warnings } = config(fixture("python.config.pbtxt"));
    expect(warnings).toEqual([]);
    expect(c).toMatchObject({ name: "text_classifier", platform: null, backend: "python", maxBatchSize: 0 });
    expect(c.inputs.map((t) => [t.name, t.dataType, t.dims, t.optional])).toEqual([
      ["TEXT", "TYPE_STRING", [-1], false],
      ["LANG", "TYPE_STRING", [1], true],
    ]);
    expect(c.outputs[0].dims).toEqual([-1, 2]);
    expect(c.instanceGroups).toEqual([{ name: null, count: 1, kind: "KIND_CPU", gpus: [] }]);
    expect(c.parameters).toEqual({ EXECUTION_ENV_PATH: "$$TRITON_MODEL_DIRECTORY/env/python-3.10.tar.gz", threshold: "0.5" });
  });

  it("reports a malformed config with its line", () => {
    expect(parseTritonConfig(fixture("malformed.config.pbtxt"))).toEqual({
      ok: false,
      error: { message: "config.pbtxt: expected ':' after 'data_type', found 'TYPE_FP32'", line: 6, column: 15 },
    });
  });

  it("warns about what Triton would refuse or guess", () => {
    const { config: c, warnings } = config(
      'inputs [ { name: "x" } ]\ninput [ { data_type: TYPE_FLOAT dims: [1] }, { name: "y", data_type: TYPE_FP32 } ]\nmax_batch_size: -2',
    );
    expect(c.inputs).toHaveLength(2);
    expect(warnings).toEqual([
      "unknown field 'inputs': Triton will refuse this config",
      "neither platform nor backend is set; Triton can only guess it from the model file",
      "max_batch_size should be 0 or a positive integer; got -2",
      "input: an entry has no name",
      "input (unnamed): unknown data_type TYPE_FLOAT",
      "input y: no dims",
    ]);
  });

  it("reads an empty config as defaults", () => {
    const { config: c } = config("");
    expect(c).toMatchObject({ name: null, maxBatchSize: 0, inputs: [], outputs: [], dynamicBatching: false, parameters: {} });
  });
});
