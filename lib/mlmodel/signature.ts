/**
 * Reads an MLmodel `signature` block. MLflow stores inputs, outputs and params as JSON strings
 * (models/signature.py to_dict); each part is parsed on its own so one broken part does not hide
 * the others. Never throws.
 */
import { type DataType, isPlainObject, parseDataType, readRequired, SchemaError } from "./data-type";

export { formatDataType, PRIMITIVE_TYPE_NAMES } from "./data-type";
export { describeShape, signatureSummary } from "./signature-format";
export type { DataType, ObjectProperty, PrimitiveTypeName } from "./data-type";

export interface ColumnSpec {
  name?: string;
  type: DataType;
  required: boolean;
}

export interface TensorSpec {
  name?: string;
  /** numpy dtype name, e.g. "float32", "uint8", "str". */
  dtype: string;
  /** -1 marks a variable dimension. */
  shape: number[];
}

/** MLflow forbids mixing column and tensor specs in one schema. */
export type Schema = { kind: "columns"; columns: ColumnSpec[] } | { kind: "tensors"; tensors: TensorSpec[] };

export interface ParamSpec {
  name: string;
  type: DataType;
  default: unknown;
  /** null for a scalar, [-1] for a 1-D list. */
  shape: number[] | null;
}

export type SignaturePart = "inputs" | "outputs" | "params";

export interface ModelSignature {
  inputs: Schema | null;
  outputs: Schema | null;
  params: ParamSpec[] | null;
  /** Why a part is null although the file has something there. */
  errors: Partial<Record<SignaturePart, string>>;
  /** Oddities MLflow itself would reject or that lose information, prefixed with the part name. */
  warnings: string[];
}

/** As in MLmodel; the values are JSON strings, but a YAML list written by hand is read too. */
export interface RawSignature {
  inputs?: unknown;
  outputs?: unknown;
  params?: unknown;
}

const MAX_PART_CHARS = 1_000_000;

function readShape(value: unknown, where: string): number[] {
  if (!Array.isArray(value) || !value.every((d) => Number.isInteger(d))) {
    throw new SchemaError(`${where}: "shape" should be a list of integers`);
  }
  return value as number[];
}

function readName(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof value === "number" ? String(value) : undefined;
}

function parseSchema(items: unknown[], part: SignaturePart, notes: string[]): Schema {
  const specs = items.map((item, i): ({ tensor: true } & TensorSpec) | ({ tensor: false } & ColumnSpec) => {
    const where = `${part}[${i}]`;
    if (!isPlainObject(item)) throw new SchemaError(`${where}: expected an object`);
    const name = readName(item.name);
    if (item.type !== "tensor") {
      return { tensor: false, name, type: parseDataType(item, where, notes), required: readRequired(item.required, where, notes) };
    }
    const info = item["tensor-spec"];
    if (!isPlainObject(info) || typeof info.dtype !== "string") {
      throw new SchemaError(`${where}: "tensor-spec" needs a string "dtype" and a "shape"`);
    }
    return { tensor: true, name, dtype: info.dtype, shape: readShape(info.shape, `${where}.tensor-spec`) };
  });
  const tensorCount = specs.filter((s) => s.tensor).length;
  if (tensorCount > 0 && tensorCount < specs.length) {
    const columns = specs.length - tensorCount;
    throw new SchemaError(`mixes ${tensorCount} tensor spec(s) with ${columns} column spec(s); MLflow allows only one kind per schema`);
  }
  const named = specs.filter((s) => s.name !== undefined).length;
  if (named > 0 && named < specs.length) notes.push(`${part}: some entries are named and some are not; MLflow requires all or none`);
  if (specs.length === 0) notes.push(`${part}: the schema is empty`);
  // Drop the tag, and `name` when absent, so results compare equal to plain literals.
  const strip = <T extends { tensor: boolean; name?: string }>({ tensor: _t, name, ...rest }: T) =>
    name === undefined ? rest : { name, ...rest };
  if (tensorCount > 0) {
    if (specs.length > 1 && named < specs.length) notes.push(`${part}: several tensors must all be named`);
    return { kind: "tensors", tensors: specs.map((s) => strip(s) as TensorSpec) };
  }
  return { kind: "columns", columns: specs.map((s) => strip(s) as ColumnSpec) };
}

function parseParams(items: unknown[], notes: string[]): ParamSpec[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const where = `params[${i}]`;
    if (!isPlainObject(item) || item.name === undefined || item.name === null) {
      throw new SchemaError(`${where}: expected an object with a "name"`);
    }
    if (!("default" in item)) throw new SchemaError(`${where}: missing "default"`);
    const name = String(item.name);
    // Older MLflow wrote "dtype" instead of "type"; ParamSpec.from_json_dict accepts both.
    const typeName = item.type ?? item.dtype;
    const type = parseDataType({ ...item, type: typeName }, `params.${name}`, notes);
    const shape = item.shape === null || item.shape === undefined ? null : readShape(item.shape, where);
    if (seen.has(name)) notes.push(`params: "${name}" is declared twice`);
    seen.add(name);
    return { name, type, default: item.default, shape };
  });
}

type PartResult<T> = { value: T | null; error?: string };

function readPart<T>(raw: unknown, part: SignaturePart, notes: string[], build: (items: unknown[]) => T): PartResult<T> {
  if (raw === undefined || raw === null || raw === "") return { value: null };
  let items: unknown = raw;
  if (typeof raw === "string") {
    if (raw.length > MAX_PART_CHARS) return { value: null, error: `${part} is too large to read` };
    try {
      items = JSON.parse(raw);
    } catch (e) {
      return { value: null, error: `${part} is not valid JSON: ${(e as Error).message}` };
    }
  } else if (Array.isArray(raw)) {
    notes.push(`${part}: written as a YAML list instead of a JSON string; MLflow cannot read it this way`);
  } else {
    return { value: null, error: `${part} should be a JSON string; got ${typeof raw === "object" ? "a mapping" : `a ${typeof raw}`}` };
  }
  if (!Array.isArray(items)) return { value: null, error: `${part} should be a JSON list` };
  try {
    return { value: build(items) };
  } catch (e) {
    if (e instanceof SchemaError) return { value: null, error: e.message.startsWith(part) ? e.message : `${part}: ${e.message}` };
    return { value: null, error: `${part} could not be read: ${String(e)}` };
  }
}

export function parseSignature(raw: RawSignature): ModelSignature {
  const warnings: string[] = [];
  const errors: ModelSignature["errors"] = {};
  const source = isPlainObject(raw) ? raw : {};
  const inputs = readPart(source.inputs, "inputs", warnings, (items) => parseSchema(items, "inputs", warnings));
  const outputs = readPart(source.outputs, "outputs", warnings, (items) => parseSchema(items, "outputs", warnings));
  const params = readPart(source.params, "params", warnings, (items) => parseParams(items, warnings));
  if (inputs.error) errors.inputs = inputs.error;
  if (outputs.error) errors.outputs = outputs.error;
  if (params.error) errors.params = params.error;
  return { inputs: inputs.value, outputs: outputs.value, params: params.value, errors, warnings };
}
