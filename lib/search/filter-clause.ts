/**
 * Checks one parsed `<ident> <op> <value>` against a search's rules and produces the typed
 * FilterClause. The messages reuse MLflow's wording (mlflow/utils/search_utils.py). Pure.
 */
import {
  type FilterClause,
  type FilterEntity,
  FilterError,
  type FilterOp,
  NUMERIC_OPS,
  STRING_LIST_OPS,
  STRING_OPS,
  formatOps,
} from "./filter-ast";
import type { Token } from "./filter-tokenizer";
import { DATASET_KEYS, ENTITY_PREFIXES, type SearchRules } from "./search-rules";

export type Ident = Extract<Token, { kind: "ident" }>;
export type RawValue = Token | { kind: "list"; items: Token[]; text: string };

export interface Target {
  entity: FilterEntity;
  key: string;
  type: "string" | "numeric";
  ops: readonly FilterOp[];
}

/** Resolves an identifier to entity + canonical key, and the comparators that key takes. */
export function resolveTarget(id: Ident, rules: SearchRules): Target {
  const entity = id.prefix === null ? "attribute" : ENTITY_PREFIXES[id.prefix];
  if (!entity || !rules.entities.includes(entity)) {
    const valid = rules.entities.map((e) => `'${e}'`).join(", ");
    throw new FilterError(`Invalid entity type '${id.prefix}'. Valid values are [${valid}]`);
  }
  if (entity === "attribute") {
    const key = rules.aliases[id.key] ?? id.key;
    const rule = rules.attributes[key];
    if (!rule) {
      const valid = formatOps(Object.keys(rules.attributes));
      throw new FilterError(`Invalid attribute key '${id.key}' specified. Valid keys are '${valid}'`);
    }
    return { entity, key, ...rule };
  }
  if (entity === "dataset" && !(DATASET_KEYS as readonly string[]).includes(id.key)) {
    throw new FilterError(`Invalid dataset key '${id.key}' specified. Valid keys are '${formatOps(DATASET_KEYS)}'`);
  }
  if (entity === "metric") return { entity, key: id.key, type: "numeric", ops: NUMERIC_OPS };
  return { entity, key: id.key, type: "string", ops: entity === "dataset" ? STRING_LIST_OPS : STRING_OPS };
}

const NUMERIC_STRING = /^\s*-?\d+(\.\d+)?\s*$/;

/** A single-quoted string, or a bare double-quoted one (sqlparse reads `"x"` as a name; MLflow accepts it). */
const isString = (t: Token) => t.kind === "string" || (t.kind === "ident" && t.prefix === null && t.quote === '"');
const stringOf = (t: Token) => (t.kind === "string" ? t.value : (t as Ident).key);

function listValue(raw: Extract<RawValue, { kind: "list" }>): string[] {
  if (raw.items.length === 0) {
    throw new FilterError("While parsing a list in the query, expected a non-empty list of string values, but got empty list");
  }
  if (!raw.items.every(isString)) {
    throw new FilterError(
      "While parsing a list in the query, expected string value, punctuation, or whitespace, " +
        `but got different type in list: ${raw.text}`,
    );
  }
  // MLflow reads lists with Python's literal_eval, which undoes backslash escapes (unlike single values).
  return raw.items.map((i) => stringOf(i).replace(/\\(['"\\])/g, "$1"));
}

/** Checks the value's type against the target and the op; returns the clause's value. */
export function clauseValue(t: Target, op: FilterOp, raw: RawValue, rules: SearchRules): FilterClause["value"] {
  const isList = op === "IN" || op === "NOT IN";
  if (raw.kind === "list") {
    if (!isList) {
      throw new FilterError(`Expected a quoted string value for ${t.entity} ${t.key}. Got value ${raw.text}`);
    }
    return listValue(raw);
  }
  if (isList) {
    throw new FilterError(`Invalid clause(s) in filter string: '${op} ${raw.text}'. Expected a parenthesized list of quoted strings`);
  }
  if (t.type === "numeric") {
    if (raw.kind === "number") return raw.value;
    if (rules.numericStrings && raw.kind === "string" && NUMERIC_STRING.test(raw.value)) return Number(raw.value);
    const what = t.entity === "metric" ? "metric" : `numeric attribute: ${t.key}`;
    throw new FilterError(`Expected numeric value type for ${what}. Found ${raw.text}`);
  }
  if (isString(raw)) return stringOf(raw);
  if (raw.kind === "ident") {
    throw new FilterError(
      `Parameter value is either not quoted or unidentified quote types used for string value ${raw.text}. ` +
        "Use either single or double quotes.",
    );
  }
  throw new FilterError(`Expected a quoted string value for ${t.entity} (e.g. 'my-value'). Got value ${raw.text}`);
}
