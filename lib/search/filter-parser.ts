/**
 * Parses MLflow search filters (`<ident> <op> <value> [AND ...]`) into typed clauses checked
 * against one search's rules (search-rules.ts). Only AND-ed comparisons exist in MLflow's
 * grammar: no OR, NOT or parentheses. Errors are FilterError with MLflow-like messages.
 * Pure: the output is data; lib/server/search turns it into SQL with bound parameters.
 */
import { type FilterClause, FilterError, type FilterOp, formatOps, SEARCH_LIMITS } from "./filter-ast";
import { type Ident, type RawValue, clauseValue, resolveTarget } from "./filter-clause";
import { type Token, tokenize } from "./filter-tokenizer";
import { LOGGED_MODELS_RULES, MODEL_VERSIONS_RULES, REGISTERED_MODELS_RULES, RUNS_RULES, type SearchRules } from "./search-rules";

export * from "./filter-ast";

/** A bare, unquoted word such as AND / LIKE / NOT (case-insensitive, as in MLflow). */
const isWord = (t: Token | undefined, word: string): boolean =>
  t?.kind === "ident" && t.prefix === null && t.quote === null && t.key.toUpperCase() === word;

/** `<>` is not accepted by MLflow; it is taken here as `!=` (a harmless superset). */
const COMPARATORS: Readonly<Record<string, FilterOp>> = {
  "=": "=",
  "!=": "!=",
  "<>": "!=",
  ">": ">",
  ">=": ">=",
  "<": "<",
  "<=": "<=",
};

/** Reads `( 'a', "b", )` starting at the opening parenthesis. */
function readList(input: string, tokens: Token[], start: number): { value: RawValue; next: number } {
  let end = start + 1;
  while (end < tokens.length && !(tokens[end].kind === "punct" && tokens[end].text === ")")) end++;
  if (end >= tokens.length) {
    throw new FilterError(`Invalid filter '${input}': unterminated list at position ${tokens[start].pos}`);
  }
  const inside = tokens.slice(start + 1, end);
  const text = input.slice(tokens[start].pos, tokens[end].pos + 1);
  // items and commas alternate; a trailing comma is allowed, as in a Python tuple
  if (!inside.every((t, k) => (k % 2 === 0) === (t.kind !== "punct"))) {
    throw new FilterError(
      `While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list: ${text}`,
    );
  }
  return { value: { kind: "list", items: inside.filter((t) => t.kind !== "punct"), text }, next: end + 1 };
}

/** Reads the comparator at `i`; returns it and the index after it. */
function readOp(tokens: Token[], i: number, ops: readonly FilterOp[]): { op?: FilterOp; next: number } {
  const t = tokens[i];
  if (t?.kind === "op") {
    const op = COMPARATORS[t.value];
    if (!op) throw new FilterError(`Invalid comparator '${t.value}' not one of '${formatOps(ops)}'`);
    return { op, next: i + 1 };
  }
  if (isWord(t, "LIKE") || isWord(t, "ILIKE") || isWord(t, "IN")) {
    return { op: (t as Ident).key.toUpperCase() as FilterOp, next: i + 1 };
  }
  if (isWord(t, "NOT") && isWord(tokens[i + 1], "IN")) return { op: "NOT IN", next: i + 2 };
  return { next: i };
}

type ClauseAt = { clause: FilterClause; next: number };

function readClause(input: string, tokens: Token[], start: number, rules: SearchRules): ClauseAt {
  const id = tokens[start];
  if (!id) throw new FilterError(`Invalid filter '${input}': expected a clause after 'AND'`);
  const rest = input.slice(id.pos).trim();
  if (id.kind !== "ident" || ["AND", "OR", "NOT"].some((w) => isWord(id, w))) {
    throw new FilterError(`Invalid clause(s) in filter string: '${rest}'`);
  }
  const target = resolveTarget(id, rules);
  const { op, next: at } = readOp(tokens, start + 1, target.ops);
  if (!op) {
    throw new FilterError(`Invalid clause(s) in filter string: '${rest}'. Expected a comparison operator after '${id.text}'`);
  }
  if (!target.ops.includes(op)) {
    throw new FilterError(`Invalid comparator '${op}' not one of '${formatOps(target.ops)}'`);
  }
  const v = tokens[at];
  if (!v || v.kind === "op" || (v.kind === "punct" && v.text !== "(") || isWord(v, "AND")) {
    throw new FilterError(`Invalid clause(s) in filter string: '${rest}'. Expected a value after '${op}'`);
  }
  const { value, next } = v.kind === "punct" ? readList(input, tokens, at) : { value: v as RawValue, next: at + 1 };
  return { clause: { entity: target.entity, key: target.key, op, value: clauseValue(target, op, value, rules) }, next };
}

/** Parses a filter against one search's rules. Empty, blank or missing → []. */
export function parseFilter(filter: string | null | undefined, rules: SearchRules): FilterClause[] {
  if (!filter?.trim()) return [];
  if (filter.length > SEARCH_LIMITS.filterChars) {
    throw new FilterError(`The filter is ${filter.length} characters long; at most ${SEARCH_LIMITS.filterChars} are allowed`);
  }
  const tokens = tokenize(filter);
  const clauses: FilterClause[] = [];
  let listItems = 0;
  for (let i = 0; ; ) {
    const { clause, next } = readClause(filter, tokens, i, rules);
    clauses.push(clause);
    if (clauses.length > SEARCH_LIMITS.clauses) {
      throw new FilterError(`The filter has more than ${SEARCH_LIMITS.clauses} clauses; combine values with IN (...) or split the search`);
    }
    if (Array.isArray(clause.value)) listItems += clause.value.length;
    if (listItems > SEARCH_LIMITS.listItems) {
      throw new FilterError(`The filter's IN lists hold more than ${SEARCH_LIMITS.listItems} values in all; split the search`);
    }
    if (next >= tokens.length) return clauses;
    if (!isWord(tokens[next], "AND")) {
      const hint = isWord(tokens[next], "OR") ? ". Only AND is supported between clauses" : "";
      throw new FilterError(`Invalid clause(s) in filter string: '${filter.slice(tokens[next].pos).trim()}'${hint}`);
    }
    i = next + 1;
  }
}

export function parseRunsFilter(filter?: string | null): FilterClause[] {
  return parseFilter(filter, RUNS_RULES);
}

export function parseLoggedModelsFilter(filter?: string | null): FilterClause[] {
  return parseFilter(filter, LOGGED_MODELS_RULES);
}

export function parseRegisteredModelsFilter(filter?: string | null): FilterClause[] {
  return parseFilter(filter, REGISTERED_MODELS_RULES);
}

export function parseModelVersionsFilter(filter?: string | null): FilterClause[] {
  return parseFilter(filter, MODEL_VERSIONS_RULES);
}
