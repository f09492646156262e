import { describe, expect, it } from "vitest";
import { type DataType, formatDataType, parseDataType, PRIMITIVE_TYPE_NAMES, readRequired, SchemaError } from "./data-type";

function parse(spec: unknown): { type: DataType; notes: string[] } {
  const notes: string[] = [];
  return { type: parseDataType(spec, "x", notes), notes };
}

describe("parseDataType", () => {
  it.each(PRIMITIVE_TYPE_NAMES)("reads the primitive %s", (name) => {
    expect(parse({ type: name })).toEqual({ type: { kind: "primitive", name }, notes: [] });
  });

  it("reads nested complex types and their display form", () => {
    const spec = {
      type: "map",
      values: { type: "array", items: { type: "object", properties: { a: { type: "long" }, b: { type: "any", required: false } } } },
    };
    const { type, notes } = parse(spec);
    expect(notes).toEqual([]);
    expect(formatDataType(type)).toBe("map<array<object{a: long, b?: any}>>");
  });

  it("notes unknown names and empty objects instead of failing", () => {
    expect(parse({ type: "decimal" })).toEqual({ type: { kind: "unknown", name: "decimal" }, notes: ['x: unknown type "decimal"'] });
    expect(parse({ type: "object", properties: {} }).notes).toEqual(["x: object type has no properties"]);
  });

  it("throws SchemaError (caught by signature.ts) for broken structure", () => {
    expect(() => parse(null)).toThrow(SchemaError);
    expect(() => parse({ type: 5 })).toThrow('x: expected an object with a string "type"');
    expect(() => parse({ type: "map" })).toThrow('x.values: expected an object with a string "type"');
    expect(() => parse({ type: "object", properties: { a: "long" } })).toThrow('x.a: expected an object with a string "type"');
  });
});

describe("readRequired", () => {
  it("defaults to true and notes odd values", () => {
    const notes: string[] = [];
    expect(readRequired(undefined, "c", notes)).toBe(true);
    expect(readRequired(null, "c", notes)).toBe(true);
    expect(readRequired(false, "c", notes)).toBe(false);
    expect(readRequired("false", "c", notes)).toBe(false);
    expect(readRequired(1, "c", notes)).toBe(true);
    expect(notes).toEqual(['c: "required" should be true or false; got "false"', 'c: "required" should be true or false; got 1']);
  });
});
