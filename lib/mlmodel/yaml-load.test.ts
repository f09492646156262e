import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadYamlDocument } from "./yaml-load";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

function value(text: string): unknown {
  const result = loadYamlDocument(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("loadYamlDocument", () => {
  it("reads scalars the way PyYAML (YAML 1.1) does", () => {
    expect(value("a: yes\nb: off\nc: 1e3\nd: 1.0e+3\ne: 3.10.12\nf: ~\ng: 0x1f")).toEqual({
      a: true,
      b: false,
      c: "1e3",
      d: 1000,
      e: "3.10.12",
      f: null,
      g: 31,
    });
  });

  it("keeps y and n as text, as PyYAML does", () => {
    expect(value("x: 1\ny: 2\nanswer: n")).toEqual({ x: 1, y: 2, answer: "n" });
  });

  it("reads unquoted timestamps as dates and merge keys as PyYAML does", () => {
    const doc = value("t: 2024-05-01 10:00:00\nbase: &b {k: 1}\nchild:\n  <<: *b\n  j: 2") as Record<string, unknown>;
    expect(doc.t).toBeInstanceOf(Date);
    expect(doc.child).toEqual({ k: 1, j: 2 });
  });

  it("strips a byte-order mark", () => {
    expect(value("\uFEFFa: 1")).toEqual({ a: 1 });
  });

  it("reports 1-based line and column of syntax errors", () => {
    const result = loadYamlDocument("a: 1\nb: [1, 2\nc: 3\n", { label: "MLmodel" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(3);
    expect(result.error.message).toMatch(/^MLmodel is not valid YAML: .*\(line 3, column \d+\)$/);
  });

  it("explains empty and multi-document input", () => {
    expect(loadYamlDocument("", { label: "MLmodel" })).toEqual({ ok: false, error: { message: "MLmodel is empty" } });
    expect(loadYamlDocument("# only a comment\n", { label: "MLmodel" })).toEqual({ ok: false, error: { message: "MLmodel is empty" } });
    const multi = loadYamlDocument("a: 1\n---\nb: 2\n", { label: "MLmodel" });
    expect(multi.ok || multi.error.message).toMatch(/single YAML document/);
  });

  it("refuses text over the size cap without parsing it", () => {
    const result = loadYamlDocument("a: 1\n".repeat(300_000), { label: "MLmodel" });
    expect(result).toEqual({ ok: false, error: { message: "MLmodel is too large (1.5 MB; the limit is 1 MB)" } });
  });

  it("refuses non-string input", () => {
    expect(loadYamlDocument(42 as unknown as string).ok).toBe(false);
  });

  it("stops an alias bomb quickly", () => {
    const started = performance.now();
    const result = loadYamlDocument(fixture("alias-bomb.MLmodel"), { label: "MLmodel" });
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.ok || result.error.message).toMatch(/expands to more than 500,000 values/);
  });

  it("stops a deep, narrow alias chain (few aliases, huge expansion)", () => {
    // 3 aliases per level over 21 levels is 63 aliases but 3^21 values once expanded.
    const lines = ["l0: &l0 [x, x, x]"];
    for (let i = 1; i <= 21; i++) lines.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}, *l${i - 1}]`);
    const result = loadYamlDocument(lines.join("\n"), { maxNodes: 10_000 });
    expect(result.ok).toBe(false);
  });

  it("caps the number of aliases", () => {
    const text = `a: &a 1\nlist: [${Array(20).fill("*a").join(", ")}]`;
    const result = loadYamlDocument(text, { maxAliases: 10, label: "MLmodel" });
    expect(result.ok || result.error.message).toMatch(/too many YAML aliases/);
    expect(loadYamlDocument(text).ok).toBe(true);
  });

  it("refuses documents nested too deeply", () => {
    const result = loadYamlDocument(`a: ${"[".repeat(500)}${"]".repeat(500)}`);
    expect(result.ok).toBe(false);
  });

  it("refuses unknown tags instead of constructing objects", () => {
    const result = loadYamlDocument("model: !!python/object:os.system {}");
    expect(result.ok).toBe(false);
  });
});
