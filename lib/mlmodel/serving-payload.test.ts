import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildServingPayload, type SavedInputExampleInfo, type ServingPayloadSource } from "./input-example";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const info = (over: Partial<SavedInputExampleInfo>): SavedInputExampleInfo => ({
  artifactPath: "input_example.json",
  type: null,
  pandasOrient: null,
  format: null,
  servingInputPath: null,
  hasParams: false,
  ...over,
});

function body(source: ServingPayloadSource): { json: unknown; format: string | null; source: string } {
  const result = buildServingPayload(source);
  if (!result.ok) throw new Error(result.error.message);
  return { json: JSON.parse(result.json), format: result.format, source: result.source };
}

describe("buildServingPayload", () => {
  it("pretty-prints serving_input_example.json as it is", () => {
    const text = fixture("serving_input_example.json");
    const result = buildServingPayload({ servingInputExample: JSON.stringify(JSON.parse(text)), inputExample: "ignored" });
    expect(result).toEqual({
      ok: true,
      json: JSON.stringify(JSON.parse(text), null, 2),
      format: "dataframe_split",
      source: "serving_input_example",
    });
  });

  it("wraps a split dataframe example in dataframe_split", () => {
    const result = body({ inputExample: fixture("input_example.split.json"), info: info({ type: "dataframe", pandasOrient: "split" }) });
    expect(result.format).toBe("dataframe_split");
    expect(result.source).toBe("input_example");
    // The same body MLflow 2.16+ writes to serving_input_example.json, for the first row.
    const expected = JSON.parse(fixture("serving_input_example.json"));
    expect((result.json as typeof expected).dataframe_split.data[0]).toEqual(expected.dataframe_split.data[0]);
    expect((result.json as typeof expected).dataframe_split.columns).toEqual(expected.dataframe_split.columns);
  });

  it("keeps values-orient data without columns", () => {
    expect(body({ inputExample: '{"data": [[1, 2]]}', info: info({ type: "dataframe", pandasOrient: "values" }) }).json).toEqual({
      dataframe_split: { data: [[1, 2]] },
    });
  });

  it("sends records as dataframe_records", () => {
    expect(body({ inputExample: fixture("input_example.records.json") })).toMatchObject({
      format: "dataframe_records",
      json: { dataframe_records: [{ age: 63, sex: 1, cp: 1, thal: "fixed" }, {}, {}] },
    });
  });

  it("sends tensors and named tensors as inputs", () => {
    const ndarray = info({ type: "ndarray" });
    expect(body({ inputExample: fixture("input_example.tensor.json"), info: ndarray }).json).toEqual({
      inputs: JSON.parse(fixture("input_example.tensor.json")),
    });
    expect(body({ inputExample: fixture("input_example.named-tensors.json"), info: ndarray }).json).toEqual({
      inputs: JSON.parse(fixture("input_example.named-tensors.json")),
    });
  });

  it("keeps a 2.x tf-serving example, already a request body, unchanged", () => {
    const text = fixture("input_example.tf-serving-2x.json");
    expect(body({ inputExample: text, info: info({ type: "ndarray", format: "tf-serving" }) })).toEqual({
      json: JSON.parse(text),
      format: "inputs",
      source: "input_example",
    });
    expect(body({ inputExample: '{"instances": [[1, 2]]}' }).json).toEqual({ instances: [[1, 2]] });
  });

  it("sends json_object examples under inputs, even when they have an inputs key", () => {
    const jsonObject = info({ type: "json_object" });
    expect(body({ inputExample: '{"question": "hi"}', info: jsonObject }).json).toEqual({ inputs: { question: "hi" } });
    expect(body({ inputExample: '{"inputs": "x"}', info: jsonObject }).json).toEqual({ inputs: { inputs: "x" } });
    expect(body({ inputExample: '"hello"', info: jsonObject }).json).toEqual({ inputs: "hello" });
  });

  it("adds params beside the data", () => {
    const result = body({
      inputExample: fixture("input_example.params.json"),
      info: info({ type: "dataframe", pandasOrient: "split", hasParams: true }),
    });
    expect(result.json).toEqual({
      dataframe_split: { columns: ["question"], data: [["What is MLflow?"]] },
      params: { temperature: 0.2, max_tokens: 64 },
    });
    const tensor = body({ inputExample: '{"inputs": [[1, 2]], "params": {"k": 1}}', info: info({ type: "ndarray", hasParams: true }) });
    expect(tensor.json).toEqual({ inputs: [[1, 2]], params: { k: 1 } });
  });

  it("expands sparse examples to dense lists, as MLflow does", () => {
    const csr = '{"data": [1.5, 2], "indices": [0, 2], "indptr": [0, 1, 2], "shape": [2, 3]}';
    expect(body({ inputExample: csr, info: info({ type: "sparse_matrix_csr" }) }).json).toEqual({
      inputs: [
        [1.5, 0, 0],
        [0, 0, 2],
      ],
    });
    const csc = '{"data": [1.5, 2], "indices": [0, 0], "indptr": [0, 1, 2, 2], "shape": [2, 3]}';
    expect(body({ inputExample: csc, info: info({ type: "sparse_matrix_csc" }) }).json).toEqual({
      inputs: [
        [1.5, 2, 0],
        [0, 0, 0],
      ],
    });
    const huge = '{"data": [1], "indices": [0], "indptr": [0, 1], "shape": [100000, 100000]}';
    expect(buildServingPayload({ inputExample: huge, info: info({ type: "sparse_matrix_csr" }) })).toEqual({
      ok: false,
      error: { message: "Cannot build a request: the sparse matrix is too large to expand (100000 × 100000)" },
    });
  });

  it("explains what is missing or broken", () => {
    expect(buildServingPayload({})).toEqual({ ok: false, error: { message: "The model has no input example to build a request from" } });
    const broken = buildServingPayload({ servingInputExample: "{nope" });
    expect(broken.ok || broken.error.message).toMatch(/^Serving input example is not valid JSON/);
    const brokenExample = buildServingPayload({ inputExample: "[1," });
    expect(brokenExample.ok || brokenExample.error.message).toMatch(/^Input example is not valid JSON/);
  });
});
