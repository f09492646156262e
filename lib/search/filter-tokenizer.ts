/**
 * Lexer for MLflow search filters. MLflow itself lexes with sqlparse; this reproduces the parts
 * of its behaviour that clients rely on (quoting, number forms, dotted keys) without being a SQL
 * lexer, so nothing in a filter can ever reach the database as SQL text. Pure.
 */
import { FilterError } from "./filter-ast";

export type Token =
  /** `prefix.key`, or a bare `key` (prefix null). `quote` tells how the key was quoted. */
  | { kind: "ident"; prefix: string | null; key: string; quote: "`" | '"' | null; text: string; pos: number }
  | { kind: "string"; value: string; text: string; pos: number }
  | { kind: "number"; value: number; text: string; pos: number }
  | { kind: "op"; value: string; text: string; pos: number }
  | { kind: "punct"; value: "(" | ")" | ","; text: string; pos: number };

const SPACE = /\s/;
const NAME_START = /[\p{L}_]/u;
const NAME_CHAR = /[\p{L}\p{N}_]/u;
// Unquoted keys may hold what MLflow allows in param/metric/tag names except spaces:
// letters, digits, `_`, `.`, `-`, `/` and `:` (sqlparse accepts only `\w` and `.`; this is a superset).
const KEY_CHAR = /[\p{L}\p{N}_.\-/:]/u;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;

function fail(input: string, pos: number, what: string): never {
  throw new FilterError(`Invalid filter '${input}': ${what} at position ${pos}`);
}

/**
 * Reads a quoted run starting at `start`. Like sqlparse, a doubled quote (`''`) or a backslash
 * escape (`\'`) does not end the run. Like MLflow, the escapes are NOT undone: the value is the
 * text between the outer quotes, verbatim (`'it''s'` is the 5-character value `it''s`).
 */
function readQuoted(input: string, start: number, backslashEscapes = true): { inner: string; end: number } {
  const q = input[start];
  for (let j = start + 1; j < input.length; j++) {
    const c = input[j];
    if (c === "\\" && backslashEscapes && q !== "`") j++;
    else if (c === q) {
      if (input[j + 1] === q) j++;
      else return { inner: input.slice(start + 1, j), end: j + 1 };
    }
  }
  // sqlparse's regex backtracks, so a trailing backslash can still be a plain character ('C:\dir\').
  if (backslashEscapes && q !== "`") return readQuoted(input, start, false);
  return fail(input, start, `unterminated ${q} quote`);
}

function readRun(input: string, start: number, re: RegExp): number {
  let j = start;
  while (j < input.length && re.test(input[j])) j++;
  return j;
}

function readIdent(input: string, start: number): { token: Token; end: number } {
  const quoted = input[start] === "`" || input[start] === '"';
  const first = quoted ? readQuoted(input, start) : { inner: "", end: readRun(input, start, NAME_CHAR) };
  const head = quoted ? first.inner : input.slice(start, first.end);
  let end = first.end;
  let prefix: string | null = null;
  let key = head;
  let quote = quoted ? (input[start] as "`" | '"') : null;
  if (input[end] === "." && end + 1 < input.length && !SPACE.test(input[end + 1])) {
    prefix = head;
    const keyStart = end + 1;
    if (input[keyStart] === "`" || input[keyStart] === '"') {
      const k = readQuoted(input, keyStart);
      [key, end, quote] = [k.inner, k.end, input[keyStart] as "`" | '"'];
    } else {
      end = readRun(input, keyStart, KEY_CHAR);
      [key, quote] = [input.slice(keyStart, end), null];
      if (end === keyStart) fail(input, keyStart, `unexpected character '${input[keyStart]}'`);
    }
  }
  if (end < input.length && (KEY_CHAR.test(input[end]) || input[end] === "`" || input[end] === '"')) {
    fail(input, end, `unexpected character '${input[end]}' in identifier`);
  }
  return { token: { kind: "ident", prefix, key, quote, text: input.slice(start, end), pos: start }, end };
}

function isNumberStart(input: string, i: number): boolean {
  const digit = (k: number) => k < input.length && input[k] >= "0" && input[k] <= "9";
  if (digit(i) || (input[i] === "." && digit(i + 1))) return true;
  return input[i] === "-" && (digit(i + 1) || (input[i + 1] === "." && digit(i + 2)));
}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (SPACE.test(c)) {
      i++;
    } else if (c === "'") {
      const { inner, end } = readQuoted(input, i);
      tokens.push({ kind: "string", value: inner, text: input.slice(i, end), pos: i });
      i = end;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: "punct", value: c, text: c, pos: i });
      i++;
    } else if ("<>=!".includes(c)) {
      const end = readRun(input, i, /[<>=!]/);
      tokens.push({ kind: "op", value: input.slice(i, end), text: input.slice(i, end), pos: i });
      i = end;
    } else if (isNumberStart(input, i)) {
      NUMBER.lastIndex = i;
      const text = NUMBER.exec(input)![0];
      const end = i + text.length;
      if (end < input.length && KEY_CHAR.test(input[end])) fail(input, i, `malformed number '${text}${input[end]}'`);
      tokens.push({ kind: "number", value: Number(text), text, pos: i });
      i = end;
    } else if (c === "`" || c === '"' || NAME_START.test(c)) {
      const { token, end } = readIdent(input, i);
      tokens.push(token);
      i = end;
    } else {
      fail(input, i, `unexpected character '${c}'`);
    }
  }
  return tokens;
}
