/**
 * A small reader for protobuf text format (what Triton's config.pbtxt is written in). It knows no
 * schema: it returns every field as a list of values, and triton-config.ts gives them meaning.
 * Supports `#` comments, `{}` / `<>` messages, `[ ... ]` lists, repeated fields, quoted strings
 * (adjacent ones are joined), optional `,` / `;` separators. Never throws.
 */
export type PbValue =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number; text: string }
  /** Enum values and booleans: TYPE_FP32, KIND_GPU, true. */
  | { kind: "ident"; value: string }
  | { kind: "message"; message: PbMessage };

/** Field name → values in file order (a repeated field or a list gives several). */
export type PbMessage = Map<string, PbValue[]>;

export type PbParseResult = { ok: true; message: PbMessage } | { ok: false; error: { message: string; line: number; column: number } };

interface Token {
  type: "ident" | "number" | "string" | "punct" | "eof";
  text: string;
  line: number;
  column: number;
}

class PbError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const NUMBER = /^-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fF]?|^-?(?:inf(?:inity)?|nan)\b/i;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v" };

/** Reads the escape after a backslash at `i`; returns the character and how many source chars it used. */
function readEscape(text: string, i: number): [string, number] {
  const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), 1 + octal[0].length];
  const hex = text[i + 1] === "x" ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2, i + 4)) : null;
  if (hex) return [String.fromCharCode(parseInt(hex[0], 16)), 2 + hex[0].length];
  return [ESCAPES[text[i + 1]] ?? text[i + 1], 2];
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const column = i - lineStart + 1;
    if (ch === "\n") {
      line++;
      lineStart = ++i;
    } else if (/\s/.test(ch)) i++;
    else if (ch === "#") while (i < text.length && text[i] !== "\n") i++;
    else if ("{}[]<>:,;".includes(ch)) {
      tokens.push({ type: "punct", text: ch, line, column });
      i++;
    } else if (ch === '"' || ch === "'") {
      let value = "";
      for (i++; text[i] !== ch; ) {
        if (i >= text.length || text[i] === "\n") throw new PbError("unterminated string", line, column);
        const [char, used] = text[i] === "\\" ? readEscape(text, i) : [text[i], 1];
        value += char;
        i += used;
      }
      i++;
      tokens.push({ type: "string", text: value, line, column });
    } else {
      const rest = text.slice(i, i + 128);
      const number = NUMBER.exec(rest);
      const word = number ? null : IDENT.exec(rest);
      if (!number && !word) throw new PbError(`unexpected character '${ch}'`, line, column);
      const matched = (number ?? word)![0];
      tokens.push({ type: number ? "number" : "ident", text: matched, line, column });
      i += matched.length;
    }
  }
  tokens.push({ type: "eof", text: "end of file", line, column: i - lineStart + 1 });
  return tokens;
}

function toNumber(text: string): number {
  const t = text.toLowerCase();
  if (/inf/.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/nan/.test(t)) return NaN;
  if (/0x/.test(t)) return (t.startsWith("-") ? -1 : 1) * parseInt(t.replace(/^-?0x/, ""), 16);
  return Number(t.replace(/f$/, "")); // C-style float suffix: 1.5f
}

function parseTokens(tokens: Token[], maxDepth: number): PbMessage {
  let pos = 0;
  const peek = () => tokens[pos];
  const isPunct = (text: string, t = peek()) => t.type === "punct" && t.text === text;
  const describe = (t: Token) => (t.type === "eof" ? "end of file" : t.type === "string" ? JSON.stringify(t.text) : `'${t.text}'`);
  const fail = (message: string, t = peek()): never => {
    throw new PbError(message, t.line, t.column);
  };

  function value(name: string, depth: number): PbValue {
    const t = tokens[pos++];
    if (isPunct("{", t) || isPunct("<", t)) return { kind: "message", message: message(t.text === "{" ? "}" : ">", depth + 1) };
    if (t.type === "number") return { kind: "number", value: toNumber(t.text), text: t.text };
    if (t.type === "ident") return { kind: "ident", value: t.text };
    if (t.type !== "string") return fail(`expected a value for '${name}', found ${describe(t)}`, t);
    let text = t.text;
    while (peek().type === "string") text += tokens[pos++].text; // "a" "b" is "ab"
    return { kind: "string", value: text };
  }

  function list(name: string, depth: number, into: PbValue[]): void {
    pos++; // [
    while (!isPunct("]")) {
      into.push(value(name, depth));
      if (isPunct(",")) pos++;
      else if (!isPunct("]")) fail(`expected ',' or ']' in the list for '${name}', found ${describe(peek())}`);
    }
    pos++; // ]
  }

  function message(close: string | null, depth: number): PbMessage {
    if (depth > maxDepth) fail("messages are nested too deeply");
    const fields: PbMessage = new Map();
    for (;;) {
      const t = peek();
      if (close !== null && isPunct(close, t)) {
        pos++;
        return fields;
      }
      if (t.type === "eof") return close === null ? fields : fail(`missing '${close}' before the end of the file`);
      if (t.type !== "ident") fail(`expected a field name, found ${describe(t)}`);
      const name = tokens[pos++].text;
      const colon = isPunct(":");
      if (colon) pos++;
      const values = fields.get(name) ?? [];
      fields.set(name, values);
      // A colon is optional before a message or a list of messages, required before a scalar.
      if (isPunct("[")) list(name, depth, values);
      else if (colon || isPunct("{") || isPunct("<")) values.push(value(name, depth));
      else fail(`expected ':' after '${name}', found ${describe(peek())}`);
      if (isPunct(",") || isPunct(";")) pos++;
    }
  }
  return message(null, 0);
}

export function parsePbtxt(text: string, options: { maxChars?: number; maxDepth?: number } = {}): PbParseResult {
  const { maxChars = 1_000_000, maxDepth = 32 } = options;
  if (typeof text !== "string") return { ok: false, error: { message: "config must be text", line: 1, column: 1 } };
  if (text.length > maxChars) {
    return { ok: false, error: { message: `config is too large (${text.length} characters)`, line: 1, column: 1 } };
  }
  try {
    return { ok: true, message: parseTokens(tokenize(text), maxDepth) };
  } catch (e) {
    if (e instanceof PbError) return { ok: false, error: { message: e.message, line: e.line, column: e.column } };
    return { ok: false, error: { message: `config could not be read: ${String(e)}`, line: 1, column: 1 } };
  }
}
