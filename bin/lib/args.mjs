// Command-line parsing on node:util's parseArgs, in two passes: a lenient one over every known
// option finds the command words wherever the flags are (`studio --json models list` and
// `studio models list --json` both work), then a strict one with only that command's options
// turns typos into usage errors instead of silently ignoring them.
import { parseArgs } from "node:util";
import { usageError } from "./errors.mjs";

export const GLOBAL_OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

/** The positional words, read with every option any command knows (so their values are skipped). */
export function commandWords(argv, allOptions) {
  const { positionals, values } = parseArgs({
    args: argv,
    options: { ...GLOBAL_OPTIONS, ...allOptions },
    strict: false,
    allowPositionals: true,
  });
  return { words: positionals, help: values.help === true };
}

/**
 * Strict parse for one command: `words` command words are dropped from the positionals, and
 * exactly `argNames.length` arguments must follow them.
 */
export function parseCommand(argv, { options, words, argNames = [], helpKey }) {
  const hint = `run 'studio ${helpKey} --help'`;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...options }, strict: true, allowPositionals: true });
  } catch (e) {
    throw usageError(shortParseMessage(e), hint);
  }
  const args = parsed.positionals.slice(words);
  if (!parsed.values.help) {
    if (args.length < argNames.length) throw usageError(`missing ${argNames[args.length]}`, hint);
    if (args.length > argNames.length) throw usageError(`unexpected argument '${args[argNames.length]}'`, hint);
  }
  return { values: parsed.values, args };
}

/** parseArgs' messages explain '--' escaping at length; the option name is what matters here. */
function shortParseMessage(e) {
  const unknown = /Unknown option '([^']+)'/.exec(e.message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const msg = String(e.message).split(". To specify")[0];
  return msg.charAt(0).toLowerCase() + msg.slice(1);
}
