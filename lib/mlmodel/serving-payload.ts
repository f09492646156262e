/**
 * Builds the JSON body a deployed MLflow model expects (the MLflow 2+ scoring protocol:
 * `dataframe_split`, `dataframe_records`, `instances` or `inputs`, plus optional `params`).
 * MLflow 2.16+ saves that body as serving_input_example.json; older models only have the input
 * example, which is converted the way models/utils.py _Example builds its serving input.
 */
import { isPlainObject } from "./data-type";
import { type ExampleLayout, parseJsonText, readExampleValue } from "./example-json";
import type { SavedInputExampleInfo } from "./saved-input-example-info";

export type ServingPayloadFormat = "dataframe_split" | "dataframe_records" | "instances" | "inputs";

export interface ServingPayloadSource {
  /** Text of serving_input_example.json; used as is (pretty-printed) when given. */
  servingInputExample?: string | null;
  /** Text of input_example.json. */
  inputExample?: string | null;
  info?: SavedInputExampleInfo | null;
}

export type ServingPayloadResult =
  | { ok: true; json: string; format: ServingPayloadFormat | null; source: "serving_input_example" | "input_example" }
  | { ok: false; error: { message: string } };

const FORMATS: readonly ServingPayloadFormat[] = ["dataframe_split", "dataframe_records", "instances", "inputs"];
const MAX_DENSE_CELLS = 1_000_000;

function formatOf(body: unknown): ServingPayloadFormat | null {
  return isPlainObject(body) ? (FORMATS.find((f) => f in body) ?? null) : null;
}

/** The scoring server has no sparse format; MLflow sends sparse examples as a dense list. */
function densify(layout: Extract<ExampleLayout, { kind: "sparse" }>): unknown[][] | string {
  const [rows, cols] = layout.shape as number[];
  const ints = (xs: unknown[]) => xs.every((x) => Number.isInteger(x) && (x as number) >= 0);
  if (layout.shape.length !== 2 || !ints(layout.shape) || !ints(layout.indices) || !ints(layout.indptr)) {
    return "the sparse matrix is malformed";
  }
  if (rows * cols > MAX_DENSE_CELLS) return `the sparse matrix is too large to expand (${rows} × ${cols})`;
  const dense = Array.from({ length: rows }, () => new Array<unknown>(cols).fill(0));
  const outer = layout.format === "csr" ? rows : cols;
  const indptr = layout.indptr as number[];
  for (let o = 0; o < outer && o + 1 < indptr.length; o++) {
    for (let k = indptr[o]; k < indptr[o + 1] && k < layout.data.length; k++) {
      const i = layout.indices[k] as number;
      const [r, c] = layout.format === "csr" ? [o, i] : [i, o];
      if (r < rows && c < cols) dense[r][c] = layout.data[k];
    }
  }
  return dense;
}

function bodyFor(layout: ExampleLayout): Record<string, unknown> | string {
  switch (layout.kind) {
    case "split":
      return { dataframe_split: layout.columns ? { columns: layout.columns, data: layout.data } : { data: layout.data } };
    case "records":
      return { dataframe_records: layout.records };
    case "tensor":
      return { inputs: layout.value };
    case "named-tensors":
      return { inputs: layout.tensors };
    case "sparse": {
      const dense = densify(layout);
      return typeof dense === "string" ? dense : { inputs: dense };
    }
    case "json":
      return { inputs: layout.value };
  }
}

export function buildServingPayload(source: ServingPayloadSource): ServingPayloadResult {
  const { servingInputExample, inputExample, info } = source;
  if (typeof servingInputExample === "string" && servingInputExample.trim() !== "") {
    const parsed = parseJsonText(servingInputExample, "Serving input example");
    if (!parsed.ok) return parsed;
    return { ok: true, json: JSON.stringify(parsed.value, null, 2), format: formatOf(parsed.value), source: "serving_input_example" };
  }
  if (typeof inputExample !== "string" || inputExample.trim() === "") {
    return { ok: false, error: { message: "The model has no input example to build a request from" } };
  }
  const raw = parseJsonText(inputExample, "Input example");
  if (!raw.ok) return raw;
  // A 2.x tensor example is already a request body ({"inputs": ...}); keep it untouched.
  const rawFormat = formatOf(raw.value);
  const keys = isPlainObject(raw.value) ? Object.keys(raw.value).filter((k) => k !== "params") : [];
  if (rawFormat && keys.length === 1 && !info?.hasParams && info?.type !== "json_object") {
    return { ok: true, json: JSON.stringify(raw.value, null, 2), format: rawFormat, source: "input_example" };
  }
  const parsed = readExampleValue(raw.value, info);
  const body = bodyFor(parsed.layout);
  if (typeof body === "string") return { ok: false, error: { message: `Cannot build a request: ${body}` } };
  if (parsed.params) body.params = parsed.params;
  return { ok: true, json: JSON.stringify(body, null, 2), format: formatOf(body), source: "input_example" };
}
