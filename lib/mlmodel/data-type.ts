/**
 * MLflow column and param data types (mlflow/types/schema.py: DataType, Array, Object, Map,
 * AnyType, SparkMLVector) read from their JSON form, and their one-line display form.
 */
export type PrimitiveTypeName = "boolean" | "integer" | "long" | "float" | "double" | "string" | "binary" | "datetime";

export interface ObjectProperty {
  name: string;
  type: DataType;
  required: boolean;
}

export type DataType =
  | { kind: "primitive"; name: PrimitiveTypeName }
  | { kind: "array"; items: DataType }
  | { kind: "object"; properties: ObjectProperty[] }
  | { kind: "map"; values: DataType }
  | { kind: "any" }
  | { kind: "sparkml_vector" }
  // A type name this code does not know (a newer MLflow): shown as written instead of failing.
  | { kind: "unknown"; name: string };

export const PRIMITIVE_TYPE_NAMES: readonly PrimitiveTypeName[] = [
  "boolean",
  "integer",
  "long",
  "float",
  "double",
  "string",
  "binary",
  "datetime",
];

/** A structural problem; signature.ts turns it into a per-part error message. */
export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaError";
  }
}

// Real signatures nest a few levels; the cap keeps recursion bounded on hostile input.
const MAX_TYPE_DEPTH = 32;

/** A JSON/YAML mapping: not a list, Date, Set, Map or byte array (YAML 1.1 can produce all of those). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `required` is absent in files older than MLflow ~2.10 (and null for some complex types): true. */
export function readRequired(value: unknown, where: string, notes: string[]): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "boolean") return value;
  notes.push(`${where}: "required" should be true or false; got ${JSON.stringify(value)}`);
  return value !== "false" && value !== 0;
}

/** Reads `{"type": ..., "items" | "properties" | "values": ...}`; `where` names the spot for messages. */
export function parseDataType(spec: unknown, where: string, notes: string[], depth = 0): DataType {
  if (depth > MAX_TYPE_DEPTH) throw new SchemaError(`${where}: types are nested too deeply`);
  if (!isPlainObject(spec) || typeof spec.type !== "string") {
    throw new SchemaError(`${where}: expected an object with a string "type"`);
  }
  const type = spec.type;
  switch (type) {
    case "array":
      return { kind: "array", items: parseDataType(spec.items, `${where}.items`, notes, depth + 1) };
    case "map":
      return { kind: "map", values: parseDataType(spec.values, `${where}.values`, notes, depth + 1) };
    case "any":
      return { kind: "any" };
    case "sparkml_vector":
      return { kind: "sparkml_vector" };
    case "object": {
      if (!isPlainObject(spec.properties)) throw new SchemaError(`${where}: "properties" should be an object`);
      const properties = Object.entries(spec.properties).map(([name, prop]): ObjectProperty => {
        const at = `${where}.${name}`;
        const required = readRequired(isPlainObject(prop) ? prop.required : undefined, at, notes);
        return { name, type: parseDataType(prop, at, notes, depth + 1), required };
      });
      if (properties.length === 0) notes.push(`${where}: object type has no properties`);
      return { kind: "object", properties };
    }
    case "tensor":
      throw new SchemaError(`${where}: a tensor spec cannot appear inside a column type`);
    default:
      if ((PRIMITIVE_TYPE_NAMES as readonly string[]).includes(type)) return { kind: "primitive", name: type as PrimitiveTypeName };
      notes.push(`${where}: unknown type "${type}"`);
      return { kind: "unknown", name: type };
  }
}

/** `double`, `array<double>`, `map<string>`, `object{a: long, b?: string}`. */
export function formatDataType(type: DataType): string {
  switch (type.kind) {
    case "primitive":
    case "unknown":
      return type.name;
    case "array":
      return `array<${formatDataType(type.items)}>`;
    case "map":
      return `map<${formatDataType(type.values)}>`;
    case "object":
      return `object{${type.properties.map((p) => `${p.name}${p.required ? "" : "?"}: ${formatDataType(p.type)}`).join(", ")}}`;
    case "any":
      return "any";
    case "sparkml_vector":
      return "sparkml_vector";
  }
}
