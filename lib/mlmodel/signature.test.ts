import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadYamlDocument } from "./yaml-load";
import {
  describeShape,
  formatDataType,
  type ModelSignature,
  parseSignature,
  type RawSignature,
  type Schema,
  signatureSummary,
} from "./signature";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const signatureOf = (name: string) => {
  const loaded = loadYamlDocument(fixture(name));
  if (!loaded.ok) throw new Error(loaded.error.message);
  return parseSignature((loaded.value as { signature: RawSignature }).signature);
};
const long = { kind: "primitive", name: "long" } as const;

describe("parseSignature", () => {
  it("reads Array, Object, Map, Any, SparkML vector and datetime columns", () => {
    const sig = signatureOf("complex-types.MLmodel");
    expect(sig.errors).toEqual({});
    expect(sig.warnings).toEqual([]);
    expect(sig.inputs?.kind).toBe("columns");
    if (sig.inputs?.kind !== "columns") return;
    const [tags, address, scores, extra, points, ts, features] = sig.inputs.columns;
    expect(tags).toEqual({ name: "tags", type: { kind: "array", items: { kind: "primitive", name: "string" } }, required: true });
    expect(address.type).toEqual({
      kind: "object",
      properties: [
        { name: "city", type: { kind: "primitive", name: "string" }, required: true },
        { name: "zip", type: long, required: false },
      ],
    });
    expect(scores).toEqual({ name: "scores", type: { kind: "map", values: { kind: "primitive", name: "double" } }, required: false });
    expect(extra).toEqual({ name: "extra", type: { kind: "any" }, required: false });
    expect(formatDataType(points.type)).toBe("array<array<object{x: float}>>");
    expect(ts).toEqual({ name: "ts", type: { kind: "primitive", name: "datetime" }, required: true }); // no "required": true
    expect(features.type).toEqual({ kind: "sparkml_vector" });
    expect(formatDataType(address.type)).toBe("object{city: string, zip?: long}");
  });

  it("reads params with defaults, shapes, datetime and object types", () => {
    const { params } = signatureOf("complex-types.MLmodel");
    expect(params).toEqual([
      { name: "temperature", type: { kind: "primitive", name: "float" }, default: 0.7, shape: null },
      { name: "stop", type: { kind: "primitive", name: "string" }, default: ["\n", "###"], shape: [-1] },
      { name: "max_tokens", type: long, default: 256, shape: null },
      { name: "since", type: { kind: "primitive", name: "datetime" }, default: "2024-01-01T00:00:00", shape: null },
      {
        name: "config",
        type: { kind: "object", properties: [{ name: "mode", type: { kind: "primitive", name: "string" }, required: true }] },
        default: { mode: "fast" },
        shape: null,
      },
    ]);
  });

  it("accepts the old `dtype` key in params", () => {
    const sig = parseSignature({ params: '[{"name": "k", "dtype": "long", "default": 3, "shape": null}]' });
    expect(sig.params).toEqual([{ name: "k", type: long, default: 3, shape: null }]);
  });

  it("reads named tensors and leaves name out when absent", () => {
    const sig = parseSignature({
      inputs:
        '[{"name": "ids", "type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1, 128]}}, {"name": "mask", "type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1, 128]}}]',
      outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 2]}}]',
    });
    expect(sig.inputs).toEqual({
      kind: "tensors",
      tensors: [
        { name: "ids", dtype: "int64", shape: [-1, 128] },
        { name: "mask", dtype: "int64", shape: [-1, 128] },
      ],
    });
    expect(sig.outputs).toEqual({ kind: "tensors", tensors: [{ dtype: "float32", shape: [-1, 2] }] });
    expect(signatureSummary(sig)).toBe("2 tensors → tensor float32 [batch × 2]");
  });

  it("treats absent, null and empty parts as missing, not broken", () => {
    expect(parseSignature({})).toEqual({ inputs: null, outputs: null, params: null, errors: {}, warnings: [] });
    expect(parseSignature({ inputs: null, outputs: "", params: undefined }).errors).toEqual({});
  });

  it("reports malformed JSON per part and keeps the other parts", () => {
    const sig = parseSignature({ inputs: "[{", outputs: '[{"type": "long"}]', params: "nope" });
    expect(sig.inputs).toBeNull();
    expect(sig.errors.inputs).toMatch(/^inputs is not valid JSON: /);
    expect(sig.errors.params).toMatch(/^params is not valid JSON: /);
    expect(sig.outputs).toEqual({ kind: "columns", columns: [{ type: long, required: true }] });
  });

  it.each([
    ['{"type": "long"}', "inputs should be a JSON list"],
    [
      '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": "[-1]"}}]',
      'inputs[0].tensor-spec: "shape" should be a list of integers',
    ],
    ['[{"type": "tensor"}]', 'inputs[0]: "tensor-spec" needs a string "dtype" and a "shape"'],
    ['[{"name": "a"}]', 'inputs[0]: expected an object with a string "type"'],
    ["[42]", "inputs[0]: expected an object"],
    ['[{"type": "array", "items": "long"}]', 'inputs[0].items: expected an object with a string "type"'],
    ['[{"type": "object", "properties": []}]', 'inputs[0]: "properties" should be an object'],
    ['[{"type": "array", "items": {"type": "tensor"}}]', "inputs[0].items: a tensor spec cannot appear inside a column type"],
    [
      `[${'{"type": "array", "items": '.repeat(40)}{"type": "long"}${"}".repeat(40)}]`,
      `inputs[0]${".items".repeat(33)}: types are nested too deeply`,
    ],
  ])("explains the broken schema %s", (inputs, message) => {
    expect(parseSignature({ inputs }).errors).toEqual({ inputs: message });
  });

  it("refuses a schema that mixes tensors and columns", () => {
    const sig = parseSignature({ inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}, {"type": "long"}]' });
    expect(sig.inputs).toBeNull();
    expect(sig.errors.inputs).toBe("inputs: mixes 1 tensor spec(s) with 1 column spec(s); MLflow allows only one kind per schema");
  });

  it("refuses params without name or default", () => {
    expect(parseSignature({ params: '[{"type": "long", "default": 1}]' }).errors.params).toBe(
      'params[0]: expected an object with a "name"',
    );
    expect(parseSignature({ params: '[{"name": "a", "type": "long"}]' }).errors.params).toBe('params[0]: missing "default"');
  });

  it("warns about what MLflow would reject but still shows it", () => {
    const sig = parseSignature({
      inputs: '[{"type": "long", "name": "a"}, {"type": "long"}, {"type": "float16", "name": "c", "required": "no"}]',
      params: '[{"name": "a", "type": "long", "default": 1}, {"name": "a", "type": "long", "default": 2}]',
    });
    expect(sig.inputs?.kind === "columns" && sig.inputs.columns[2]).toEqual({
      name: "c",
      type: { kind: "unknown", name: "float16" },
      required: true,
    });
    expect(sig.warnings).toEqual([
      'inputs[2]: unknown type "float16"',
      'inputs[2]: "required" should be true or false; got "no"',
      "inputs: some entries are named and some are not; MLflow requires all or none",
      'params: "a" is declared twice',
    ]);
  });

  it("never throws on hostile shapes", () => {
    for (const raw of [null, "x", 5, [], { inputs: {} }, { inputs: 5 }, { inputs: "null" }, { outputs: "[null]" }, { params: "[[]]" }]) {
      expect(() => parseSignature(raw as RawSignature)).not.toThrow();
    }
  });
});

describe("display helpers", () => {
  it.each([
    [[-1, 300, 300, 3], "batch × 300 × 300 × 3"],
    [[-1], "batch"],
    [[], "scalar"],
    [[-1, -1, 768], "batch × any × 768"],
    [[3, -1], "3 × any"],
  ])("describeShape(%j)", (shape, text) => {
    expect(describeShape(shape)).toBe(text);
  });

  it("formats data types", () => {
    expect(formatDataType({ kind: "array", items: { kind: "primitive", name: "double" } })).toBe("array<double>");
    expect(formatDataType({ kind: "map", values: { kind: "primitive", name: "string" } })).toBe("map<string>");
    expect(formatDataType({ kind: "map", values: { kind: "array", items: { kind: "any" } } })).toBe("map<array<any>>");
    expect(formatDataType({ kind: "unknown", name: "float16" })).toBe("float16");
  });

  it("summarizes signatures", () => {
    const base: ModelSignature = { inputs: null, outputs: null, params: null, errors: {}, warnings: [] };
    expect(signatureSummary(null)).toBe("no signature");
    expect(signatureSummary(base)).toBe("no signature");
    const oneCol: Schema = { kind: "columns", columns: [{ type: long, required: true }] };
    expect(signatureSummary({ ...base, inputs: oneCol })).toBe("1 column → no outputs");
    expect(signatureSummary({ ...base, outputs: oneCol, params: [{ name: "k", type: long, default: 1, shape: null }] })).toBe(
      "no inputs → 1 column (1 param)",
    );
    const named: Schema = { kind: "tensors", tensors: [{ name: "image", dtype: "uint8", shape: [-1, 28, 28] }] };
    expect(signatureSummary({ ...base, inputs: named, outputs: oneCol })).toBe("tensor image uint8 [batch × 28 × 28] → 1 column");
  });
});
