/**
 * Turns a model's input_example.json into something small enough to render: a table for
 * dataframes (split / records), a shape plus a clipped preview for tensors, or plain JSON.
 * Pure and never throws; big examples are cut and the notes say by how much.
 */
import { type ExampleLayout, readExample } from "./example-json";
import type { SavedInputExampleInfo } from "./saved-input-example-info";

export { buildServingPayload } from "./serving-payload";
export type { ServingPayloadFormat, ServingPayloadResult, ServingPayloadSource } from "./serving-payload";
export type { SavedInputExampleInfo } from "./saved-input-example-info";

export interface TensorPreview {
  name?: string;
  /** Taken from the first element along each axis. */
  shape: number[];
  /** The values, with every axis clipped (see InputExampleOptions). */
  preview: unknown;
  truncated: boolean;
}

export type InputExampleView =
  | { kind: "table"; columns: string[]; rows: unknown[][]; totalRows: number; totalColumns: number }
  | ({ kind: "tensor" } & TensorPreview)
  | { kind: "tensors"; tensors: TensorPreview[] }
  | { kind: "json"; value: unknown; truncated: boolean };

export type InputExampleResult =
  | { ok: true; example: InputExampleView; params: Record<string, unknown> | null; notes: string[] }
  | { ok: false; error: { message: string } };

export interface InputExampleOptions {
  /** Table rows, and entries along a tensor's first axis. Default 100. */
  maxRows?: number;
  /** Table columns. Default 50. */
  maxColumns?: number;
  /** Entries along every other axis, and in nested JSON lists. Default 10. */
  maxItems?: number;
}

const count = (n: number) => n.toLocaleString("en-US");
const MAX_PREVIEW_DEPTH = 16;

function shapeOf(value: unknown): number[] {
  const shape: number[] = [];
  for (let cur = value; Array.isArray(cur) && shape.length < 32; cur = cur[0]) {
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  return shape;
}

/** Copies `value`, keeping `first` entries of the outer list and `inner` of each nested one. */
function clip(value: unknown, first: number, inner: number, flag: { cut: boolean }, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_PREVIEW_DEPTH) {
    flag.cut = true;
    return "…";
  }
  const limit = depth === 0 ? first : inner;
  if (Array.isArray(value)) {
    if (value.length > limit) flag.cut = true;
    return value.slice(0, limit).map((v) => clip(v, first, inner, flag, depth + 1));
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clip(v, first, inner, flag, depth + 1)]));
}

function tensorPreview(value: unknown, o: Options, name?: string): TensorPreview {
  const flag = { cut: false };
  const preview = clip(value, o.maxRows, o.maxItems, flag);
  return { ...(name === undefined ? {} : { name }), shape: shapeOf(value), preview, truncated: flag.cut };
}

type Options = Required<InputExampleOptions>;

function table(columns: string[], rows: unknown[][], totalRows: number, o: Options, notes: string[]): InputExampleView {
  if (totalRows > rows.length) notes.push(`Showing the first ${count(rows.length)} of ${count(totalRows)} rows.`);
  if (columns.length > o.maxColumns) notes.push(`Showing the first ${count(o.maxColumns)} of ${count(columns.length)} columns.`);
  const shown = columns.slice(0, o.maxColumns);
  return { kind: "table", columns: shown, rows: rows.map((r) => r.slice(0, shown.length)), totalRows, totalColumns: columns.length };
}

function toView(layout: ExampleLayout, o: Options, notes: string[]): InputExampleView {
  switch (layout.kind) {
    case "split": {
      const rows = layout.data.slice(0, o.maxRows).map((r) => (Array.isArray(r) ? r : [r]));
      const width = Math.max(0, ...rows.map((r) => r.length));
      const columns = layout.columns ?? Array.from({ length: width }, (_, i) => String(i));
      return table(columns, rows, layout.data.length, o, notes);
    }
    case "records": {
      const shown = layout.records.slice(0, o.maxRows);
      const columns = [...new Set(shown.flatMap((r) => Object.keys(r)))];
      const rows = shown.map((r) => columns.map((c) => (Object.hasOwn(r, c) ? r[c] : null)));
      return table(columns, rows, layout.records.length, o, notes);
    }
    case "tensor":
      return { kind: "tensor", ...tensorPreview(layout.value, o) };
    case "named-tensors":
      return { kind: "tensors", tensors: Object.entries(layout.tensors).map(([name, v]) => tensorPreview(v, o, name)) };
    case "sparse": {
      const { kind: _kind, format, ...matrix } = layout;
      const size = matrix.shape.join(" × ");
      notes.push(`Sparse ${format.toUpperCase()} matrix ${size} with ${count(matrix.data.length)} stored values.`);
      return json(matrix, o);
    }
    case "json":
      return json(layout.value, o);
  }
}

function json(value: unknown, o: Options): InputExampleView {
  const flag = { cut: false };
  const clipped = clip(value, o.maxRows, o.maxRows, flag);
  return { kind: "json", value: clipped, truncated: flag.cut };
}

export function parseInputExample(
  text: string,
  info?: SavedInputExampleInfo | null,
  options: InputExampleOptions = {},
): InputExampleResult {
  const o = { maxRows: 100, maxColumns: 50, maxItems: 10, ...options };
  const parsed = readExample(text, info);
  if (!parsed.ok) return parsed;
  const notes: string[] = [];
  const example = toView(parsed.layout, o, notes);
  if ((example.kind === "tensor" && example.truncated) || (example.kind === "tensors" && example.tensors.some((t) => t.truncated))) {
    notes.push(`Preview shows up to ${count(o.maxRows)} entries along the first axis and ${count(o.maxItems)} along the others.`);
  } else if (example.kind === "json" && example.truncated) notes.push(`Long lists are cut to ${count(o.maxRows)} entries.`);
  return { ok: true, example, params: parsed.params, notes };
}
