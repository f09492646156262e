import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type InputExampleView, parseInputExample, type SavedInputExampleInfo } from "./input-example";

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
const dataframe = info({ type: "dataframe", pandasOrient: "split" });
const ndarray = info({ type: "ndarray" });

function view(text: string, i?: SavedInputExampleInfo | null, options = {}) {
  const result = parseInputExample(text, i, options);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe("parseInputExample", () => {
  it("shows a pandas split example as a table", () => {
    const { example, notes, params } = view(fixture("input_example.split.json"), dataframe);
    expect(example).toMatchObject({ kind: "table", totalRows: 2, totalColumns: 10 });
    if (example.kind !== "table") return;
    expect(example.columns.slice(0, 3)).toEqual(["age", "sex", "bmi"]);
    expect(example.rows[1][6]).toBe(0.0744);
    expect(notes).toEqual([]);
    expect(params).toBeNull();
  });

  it("recognizes a split example without info too", () => {
    expect(view(fixture("input_example.split.json")).example.kind).toBe("table");
  });

  it("numbers the columns of a values-orient example (no column names)", () => {
    const { example } = view('{"data": [[1, 2], [3, 4]]}', info({ type: "dataframe", pandasOrient: "values" }));
    expect(example).toEqual({
      kind: "table",
      columns: ["0", "1"],
      rows: [
        [1, 2],
        [3, 4],
      ],
      totalRows: 2,
      totalColumns: 2,
    });
  });

  it("shows records with the union of their keys", () => {
    const { example } = view(fixture("input_example.records.json"));
    expect(example).toEqual<InputExampleView>({
      kind: "table",
      columns: ["age", "sex", "cp", "thal", "ca"],
      rows: [
        [63, 1, 1, "fixed", null],
        [67, 1, 4, "normal", null],
        [41, 0, 2, "normal", 0],
      ],
      totalRows: 3,
      totalColumns: 5,
    });
  });

  it("shows a nested list as a tensor with its shape", () => {
    const { example } = view(fixture("input_example.tensor.json"), ndarray);
    expect(example).toEqual({
      kind: "tensor",
      shape: [2, 2, 3],
      preview: [
        [
          [0, 12, 255],
          [3, 4, 5],
        ],
        [
          [9, 8, 7],
          [6, 5, 4],
        ],
      ],
      truncated: false,
    });
    expect(view(fixture("input_example.tensor.json")).example.kind).toBe("tensor"); // numbers, no info
  });

  it("shows a dict of named arrays as several tensors", () => {
    const { example } = view(fixture("input_example.named-tensors.json"), ndarray);
    expect(example.kind === "tensors" && example.tensors.map((t) => [t.name, t.shape])).toEqual([
      ["image", [2, 3]],
      ["mask", [2, 3]],
    ]);
  });

  it("unwraps MLflow 2.x tf-serving examples and serving request bodies", () => {
    expect(view(fixture("input_example.tf-serving-2x.json"), info({ type: "ndarray", format: "tf-serving" })).example).toMatchObject({
      kind: "tensor",
      shape: [2, 4],
    });
    const serving = view(fixture("serving_input_example.json")).example;
    expect(serving).toMatchObject({ kind: "table", totalRows: 1, totalColumns: 10 });
    expect(view('{"dataframe_records": [{"a": 1}]}').example).toMatchObject({ kind: "table", columns: ["a"], rows: [[1]] });
    expect(view('{"instances": {"x": [[1, 2]]}}').example).toMatchObject({ kind: "tensors", tensors: [{ name: "x", shape: [1, 2] }] });
  });

  it("separates params from the data", () => {
    const result = view(fixture("input_example.params.json"), info({ type: "dataframe", pandasOrient: "split", hasParams: true }));
    expect(result.params).toEqual({ temperature: 0.2, max_tokens: 64 });
    expect(result.example).toEqual({ kind: "table", columns: ["question"], rows: [["What is MLflow?"]], totalRows: 1, totalColumns: 1 });
    expect(view(fixture("input_example.params.json")).example.kind).toBe("table"); // no info: still found
  });

  it("shows json_object examples as JSON, except lists of records", () => {
    const jsonObject = info({ type: "json_object" });
    expect(view('{"messages": [{"role": "user", "content": "hi"}]}', jsonObject).example).toEqual({
      kind: "json",
      value: { messages: [{ role: "user", content: "hi" }] },
      truncated: false,
    });
    expect(view('{"inputs": "not a request body"}', jsonObject).example.kind).toBe("json");
    expect(view('[{"q": "a"}, {"q": "b"}]', jsonObject).example.kind).toBe("table");
    expect(view('"just a string"').example).toEqual({ kind: "json", value: "just a string", truncated: false });
    expect(view('["a", "b"]').example.kind).toBe("json");
  });

  it("describes sparse matrices", () => {
    const sparse = '{"data": [1.5, 2], "indices": [0, 2], "indptr": [0, 1, 2], "shape": [2, 3]}';
    const result = view(sparse, info({ type: "sparse_matrix_csr" }));
    expect(result.example.kind).toBe("json");
    expect(result.notes).toEqual(["Sparse CSR matrix 2 × 3 with 2 stored values."]);
  });

  it("cuts big tables and says how much", () => {
    const data = Array.from({ length: 5000 }, (_, r) => Array.from({ length: 80 }, (_, c) => r * c));
    const columns = Array.from({ length: 80 }, (_, c) => `f${c}`);
    const { example, notes } = view(JSON.stringify({ columns, data }), dataframe);
    expect(example).toMatchObject({ kind: "table", totalRows: 5000, totalColumns: 80 });
    if (example.kind !== "table") return;
    expect(example.rows).toHaveLength(100);
    expect(example.columns).toHaveLength(50);
    expect(example.rows.every((r) => r.length === 50)).toBe(true);
    expect(notes).toEqual(["Showing the first 100 of 5,000 rows.", "Showing the first 50 of 80 columns."]);
  });

  it("clips big tensors on every axis", () => {
    const image = [Array.from({ length: 300 }, () => Array.from({ length: 300 }, () => [1, 2, 3]))];
    const { example, notes } = view(JSON.stringify(image), ndarray, { maxItems: 4 });
    expect(example).toMatchObject({ kind: "tensor", shape: [1, 300, 300, 3], truncated: true });
    if (example.kind !== "tensor") return;
    const preview = example.preview as number[][][][];
    expect([preview.length, preview[0].length, preview[0][0].length, preview[0][0][0].length]).toEqual([1, 4, 4, 3]);
    expect(notes).toEqual(["Preview shows up to 100 entries along the first axis and 4 along the others."]);
  });

  it("cuts long JSON lists", () => {
    const { example, notes } = view(
      JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => `s${i}`) }),
      info({ type: "json_object" }),
      { maxRows: 10 },
    );
    expect(example.kind === "json" && (example.value as { items: string[] }).items).toHaveLength(10);
    expect(notes).toEqual(["Long lists are cut to 10 entries."]);
  });

  it.each([
    ["", "Input example is empty"],
    ["{", /^Input example is not valid JSON: /],
    ["x".repeat(20_000_001), /^Input example is too large to read/],
  ])("fails readably on %#", (text, message) => {
    const result = parseInputExample(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });
});
