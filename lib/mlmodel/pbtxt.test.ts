import { describe, expect, it } from "vitest";
import { type PbMessage, parsePbtxt } from "./pbtxt";

function parse(text: string): PbMessage {
  const result = parsePbtxt(text);
  if (!result.ok) throw new Error(`${result.error.message} at ${result.error.line}:${result.error.column}`);
  return result.message;
}

describe("parsePbtxt", () => {
  it("reads scalars of every kind", () => {
    const m = parse(`s: "a\\"b\\n\\x41\\101" n: -1 f: 1.5e3 h: 0x10 e: TYPE_FP32 b: true i: -inf q: 'single'`);
    expect(m.get("s")).toEqual([{ kind: "string", value: 'a"b\nAA' }]);
    expect(m.get("n")).toEqual([{ kind: "number", value: -1, text: "-1" }]);
    expect(m.get("f")?.[0]).toMatchObject({ value: 1500 });
    expect(m.get("h")?.[0]).toMatchObject({ value: 16 });
    expect(m.get("e")).toEqual([{ kind: "ident", value: "TYPE_FP32" }]);
    expect(m.get("b")).toEqual([{ kind: "ident", value: "true" }]);
    expect(m.get("i")?.[0]).toMatchObject({ value: -Infinity });
    expect(m.get("q")).toEqual([{ kind: "string", value: "single" }]);
  });

  it("joins adjacent strings", () => {
    expect(parse(`path: "a/" 'b' "/c"`).get("path")).toEqual([{ kind: "string", value: "a/b/c" }]);
  });

  it("collects repeated fields and lists in order", () => {
    const m = parse("dims: 3 dims: 224\ndims: [224, 1]");
    expect(m.get("dims")?.map((v) => (v.kind === "number" ? v.value : null))).toEqual([3, 224, 224, 1]);
  });

  it("reads nested messages with {} or <>, with or without a colon, and lists of messages", () => {
    const m = parse("a { b: 1 } c: { d < e: 2 > } list [ { x: 1 }, { x: 2 } ] empty {} nothing: []");
    const a = m.get("a")?.[0];
    expect(a?.kind === "message" && a.message.get("b")).toEqual([{ kind: "number", value: 1, text: "1" }]);
    expect(m.get("list")).toHaveLength(2);
    expect(m.get("empty")?.[0]).toEqual({ kind: "message", message: new Map() });
    expect(m.get("nothing")).toEqual([]);
  });

  it("ignores comments and separators", () => {
    const m = parse('# header\nname: "m"; # trailing\nmax_batch_size: 8,\n');
    expect([...m.keys()]).toEqual(["name", "max_batch_size"]);
  });

  it("keeps a # inside strings", () => {
    expect(parse('s: "a # b"').get("s")).toEqual([{ kind: "string", value: "a # b" }]);
  });

  it.each([
    ['name "x"', "expected ':' after 'name', found \"x\"", 1, 6],
    ["a {\n  b: 1\n", "missing '}' before the end of the file", 3, 1],
    ['s: "open\n', "unterminated string", 1, 4],
    ["a: [1 2]", "expected ',' or ']' in the list for 'a', found '2'", 1, 7],
    ["a: }", "expected a value for 'a', found '}'", 1, 4],
    ["}", "expected a field name, found '}'", 1, 1],
    ["a: @", "unexpected character '@'", 1, 4],
    ["x: 1\n  y: ?", "unexpected character '?'", 2, 6],
  ])("reports %j with its position", (text, message, line, column) => {
    expect(parsePbtxt(text)).toEqual({ ok: false, error: { message, line, column } });
  });

  it("refuses deep nesting and huge input without throwing", () => {
    const deep = "a {".repeat(100) + "}".repeat(100);
    expect(parsePbtxt(deep)).toMatchObject({ ok: false, error: { message: "messages are nested too deeply" } });
    expect(parsePbtxt("a: 1\n".repeat(10), { maxChars: 10 }).ok).toBe(false);
    expect(parsePbtxt(7 as unknown as string).ok).toBe(false);
  });

  it("accepts an empty file", () => {
    expect(parse("  # nothing\n")).toEqual(new Map());
  });
});
