import { describe, expect, it } from "vitest";
import { describeValue, isMapping, readCount, readMapping, readString } from "./field-readers";

describe("field readers", () => {
  it("reads text, keeping scalars as text with a warning", () => {
    const warnings: string[] = [];
    const obj = { s: "x", n: 12, b: true, d: new Date(Date.UTC(2024, 4, 1, 10)), l: [1], nil: null };
    expect(readString(obj, "s", "p.", warnings)).toBe("x");
    expect(readString(obj, "missing", "p.", warnings)).toBeNull();
    expect(readString(obj, "nil", "p.", warnings)).toBeNull();
    expect(readString(obj, "d", "p.", warnings)).toBe("2024-05-01 10:00:00.000");
    expect(readString(obj, "n", "p.", warnings)).toBe("12");
    expect(readString(obj, "b", "p.", warnings)).toBe("true");
    expect(readString(obj, "l", "p.", warnings)).toBeNull();
    expect(warnings).toEqual([
      'p.n should be text; got a number (12), shown as "12"',
      'p.b should be text; got a boolean (true), shown as "true"',
      "p.l should be text; got a list",
    ]);
  });

  it("reads counts", () => {
    const warnings: string[] = [];
    expect(readCount({ n: 42 }, "n", "", warnings)).toBe(42);
    expect(readCount({ n: "42" }, "n", "", warnings)).toBe(42);
    expect(readCount({ n: -1 }, "n", "", warnings)).toBeNull();
    expect(readCount({ n: 1.5 }, "n", "", warnings)).toBeNull();
    expect(warnings).toHaveLength(3);
  });

  it("reads mappings and tells them from other objects", () => {
    const warnings: string[] = [];
    expect(readMapping({ m: { a: 1 } }, "m", "", warnings)).toEqual({ a: 1 });
    expect(readMapping({ m: new Set([1]) }, "m", "", warnings)).toBeNull();
    expect(warnings).toEqual(["m should be a mapping; got a tagged YAML value"]);
    expect(isMapping(Object.create(null))).toBe(true);
    expect(isMapping(new Date())).toBe(false);
    expect(describeValue([])).toBe("a list");
  });
});
