/**
 * Loads one untrusted YAML document (an MLmodel) the way MLflow reads it, with limits so a
 * hostile file can exhaust neither memory nor time. Never throws. Pure: usable on server and client.
 */
import { boolYaml11Tag, defineScalarTag, load, NOT_RESOLVED, YAML11_SCHEMA, YAMLException } from "js-yaml";

export interface YamlLoadError {
  message: string;
  /** 1-based, when the parser knows where the problem is. */
  line?: number;
  column?: number;
}

export type YamlLoadResult = { ok: true; value: unknown } | { ok: false; error: YamlLoadError };

export interface YamlLoadLimits {
  /** Name used in messages, e.g. "MLmodel". */
  label?: string;
  maxChars?: number;
  /** `*alias` references allowed in the document. */
  maxAliases?: number;
  /** Values allowed in the document once every alias is expanded. */
  maxNodes?: number;
  /** The file's real size when `text` holds only its first bytes (a capped read of a big file). */
  sourceBytes?: number;
}

export const DEFAULT_YAML_LIMITS = { maxChars: 1_000_000, maxAliases: 256, maxNodes: 500_000 } as const;

// MLflow writes and reads MLmodel with PyYAML, a YAML 1.1 parser: `yes` is a boolean and `1e3` a
// string there. js-yaml's YAML 1.1 schema matches PyYAML except that it also reads y/Y/n/N as
// booleans, which would turn a metadata key `y:` into "true". Use PyYAML's word list instead.
const PYYAML_BOOLS = new Map<string, boolean>(
  ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    .map((w): [string, boolean] => [w, true])
    .concat(["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map((w): [string, boolean] => [w, false])),
);
const pyyamlBoolTag = defineScalarTag<boolean>(boolYaml11Tag.tagName, {
  implicit: true,
  implicitFirstChars: [...new Set([...PYYAML_BOOLS.keys()].map((w) => w[0]))],
  resolve: (source) => PYYAML_BOOLS.get(source) ?? NOT_RESOLVED,
  identify: (data) => typeof data === "boolean",
});
const PYYAML_SCHEMA = YAML11_SCHEMA.withTags(pyyamlBoolTag);

/**
 * js-yaml shares one object for every alias of an anchor, so loading a "billion laughs" document is
 * cheap, but anything that later walks or serializes it (JSON.stringify, React rendering) expands it
 * exponentially. Count values as if expanded and stop at the budget.
 */
function expandsBeyond(root: unknown, maxNodes: number): boolean {
  const stack: unknown[] = [root];
  let visited = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    visited++;
    if (value === null || typeof value !== "object" || value instanceof Date || ArrayBuffer.isView(value)) continue;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) {
      // Every queued value will be visited, so queued + visited is a lower bound of the total.
      if (visited + stack.length >= maxNodes) return true;
      stack.push(child);
    }
  }
  return false;
}

function fromYamlException(error: YAMLException, label: string): YamlLoadError {
  const reason = error.reason || error.message;
  if (/input is empty/.test(reason)) return { message: `${label} is empty` };
  if (/more than one document|single document/.test(reason)) {
    return { message: `${label} must contain a single YAML document, but it has several ('---' separators)` };
  }
  if (/maxAliases/.test(reason)) {
    return { message: `${label} uses too many YAML aliases (*name); refusing to expand it`, ...position(error) };
  }
  const where = error.mark ? ` (line ${error.mark.line + 1}, column ${error.mark.column + 1})` : "";
  return { message: `${label} is not valid YAML: ${reason}${where}`, ...position(error) };
}

function position(error: YAMLException): { line?: number; column?: number } {
  return error.mark ? { line: error.mark.line + 1, column: error.mark.column + 1 } : {};
}

export function loadYamlDocument(text: string, limits: YamlLoadLimits = {}): YamlLoadResult {
  const label = limits.label ?? "Document";
  const { maxChars, maxAliases, maxNodes } = { ...DEFAULT_YAML_LIMITS, ...limits };
  if (typeof text !== "string") return { ok: false, error: { message: `${label} must be text` } };
  const length = Math.max(text.length, limits.sourceBytes ?? 0);
  if (length > maxChars) {
    // Rounded up, so a file just over the limit never reads as "1.0 MB; the limit is 1 MB".
    const size = (n: number) => (n % 1_000_000 === 0 ? `${n / 1_000_000} MB` : `${(Math.ceil(n / 100_000) / 10).toFixed(1)} MB`);
    return { ok: false, error: { message: `${label} is too large (${size(length)}; the limit is ${size(maxChars)})` } };
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors on Windows add a BOM
  let value: unknown;
  try {
    value = load(source, { schema: PYYAML_SCHEMA, maxAliases });
  } catch (error) {
    if (error instanceof YAMLException) return { ok: false, error: fromYamlException(error, label) };
    // RangeError and friends: js-yaml asks callers to catch everything on untrusted input.
    return { ok: false, error: { message: `${label} could not be read: ${String((error as Error)?.message ?? error)}` } };
  }
  if (expandsBeyond(value, maxNodes)) {
    const limit = maxNodes.toLocaleString("en-US");
    return { ok: false, error: { message: `${label} expands to more than ${limit} values through YAML aliases; refusing to load it` } };
  }
  return { ok: true, value };
}
