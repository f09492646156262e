/**
 * Recognizes the JSON layouts MLflow uses for input examples (models/utils.py _Example) and for
 * scoring requests (pyfunc scoring server), so the preview and the request builder agree.
 */
import { isPlainObject } from "./data-type";
import type { SavedInputExampleInfo } from "./saved-input-example-info";

export const MAX_EXAMPLE_CHARS = 20_000_000;

export type ExampleLayout =
  | { kind: "split"; columns: string[] | null; data: unknown[] }
  | { kind: "records"; records: Record<string, unknown>[] }
  | { kind: "tensor"; value: unknown[] }
  | { kind: "named-tensors"; tensors: Record<string, unknown[]> }
  | { kind: "sparse"; format: "csr" | "csc"; data: unknown[]; indices: unknown[]; indptr: unknown[]; shape: unknown[] }
  | { kind: "json"; value: unknown };

export interface ExampleData {
  layout: ExampleLayout;
  params: Record<string, unknown> | null;
}

export type ParsedExample = ({ ok: true } & ExampleData) | { ok: false; error: { message: string } };

const SERVING_KEYS = ["dataframe_split", "dataframe_records", "instances", "inputs"] as const;

export function parseJsonText(text: string, label: string): { ok: true; value: unknown } | { ok: false; error: { message: string } } {
  if (typeof text !== "string") return { ok: false, error: { message: `${label} must be text` } };
  if (text.length > MAX_EXAMPLE_CHARS) {
    return { ok: false, error: { message: `${label} is too large to read (${(text.length / 1e6).toFixed(1)} MB)` } };
  }
  if (text.trim() === "") return { ok: false, error: { message: `${label} is empty` } };
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (e) {
    return { ok: false, error: { message: `${label} is not valid JSON: ${(e as Error).message}` } };
  }
}

const isRecordList = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && v.every(isPlainObject);
const isNumber = (v: unknown) => typeof v === "number" || typeof v === "boolean" || v === null;
/** Nested lists whose first leaf is a number: how a numpy array is saved. */
const isNumericArray = (v: unknown): v is unknown[] =>
  Array.isArray(v) && v.length > 0 && (Array.isArray(v[0]) ? isNumericArray(v[0]) : isNumber(v[0]));
const isTensorDict = (v: unknown): v is Record<string, unknown[]> =>
  isPlainObject(v) && Object.keys(v).length > 0 && Object.values(v).every((x) => Array.isArray(x));

function isSplit(v: unknown): v is { columns?: unknown[]; data: unknown[] } {
  if (!isPlainObject(v) || !Array.isArray(v.data)) return false;
  const keys = Object.keys(v);
  return keys.every((k) => k === "columns" || k === "data" || k === "index") && (v.columns === undefined || Array.isArray(v.columns));
}

function splitLayout(v: { columns?: unknown[]; data: unknown[] }): ExampleLayout {
  return { kind: "split", columns: Array.isArray(v.columns) ? v.columns.map(String) : null, data: v.data };
}

/** Arrays (tensor-like) in `inputs` / `instances`: one nested array, or a dict of named arrays. */
function tensorLayout(value: unknown, strict: boolean): ExampleLayout {
  if (Array.isArray(value) && (!strict || isNumericArray(value))) return { kind: "tensor", value };
  if (isTensorDict(value)) return { kind: "named-tensors", tensors: value };
  return { kind: "json", value };
}

export function classifyExample(data: unknown, info?: SavedInputExampleInfo | null): ExampleLayout {
  const type = info?.type ?? null;
  // A request body (serving_input_example.json, or a 2.x tensor example `{"inputs": ...}`).
  if (type !== "json_object" && isPlainObject(data)) {
    const keys = Object.keys(data).filter((k) => k !== "params");
    if (keys.length === 1 && (SERVING_KEYS as readonly string[]).includes(keys[0])) {
      const inner = data[keys[0]];
      // `inputs` holding a split frame: a 3.x dataframe example saved with params, read without info.
      if ((keys[0] === "dataframe_split" || keys[0] === "inputs") && isSplit(inner)) return splitLayout(inner);
      if (keys[0] !== "dataframe_split" && isRecordList(inner)) return { kind: "records", records: inner };
      return tensorLayout(inner, type !== "ndarray");
    }
  }
  if ((type === "dataframe" || type === null) && isSplit(data)) return splitLayout(data);
  if (isRecordList(data) && (type === null || type === "dataframe" || type === "json_object")) {
    return { kind: "records", records: data };
  }
  if (type?.startsWith("sparse_matrix") && isPlainObject(data)) {
    const { data: values, indices, indptr, shape } = data;
    if (Array.isArray(values) && Array.isArray(indices) && Array.isArray(indptr) && Array.isArray(shape)) {
      return { kind: "sparse", format: type.endsWith("csc") ? "csc" : "csr", data: values, indices, indptr, shape };
    }
  }
  if (type === "ndarray") return tensorLayout(data, false);
  if (type === null) return tensorLayout(data, true);
  return { kind: "json", value: data };
}

/**
 * Reads input_example.json (or any of the request layouts). With `info.hasParams` the file is
 * `{"inputs": data, "params": {...}}`; a serving body carries params beside its data key.
 */
export function readExample(text: string, info?: SavedInputExampleInfo | null, label = "Input example"): ParsedExample {
  const parsed = parseJsonText(text, label);
  return parsed.ok ? { ok: true, ...readExampleValue(parsed.value, info) } : parsed;
}

export function readExampleValue(value: unknown, info?: SavedInputExampleInfo | null): ExampleData {
  if (!isPlainObject(value) || !isPlainObject(value.params) || !SERVING_KEYS.some((k) => k in value)) {
    return { layout: classifyExample(value, info), params: null };
  }
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== "params"));
  const data = info?.hasParams && "inputs" in value ? value.inputs : rest;
  return { layout: classifyExample(data, info), params: value.params };
}
