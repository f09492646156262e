#!/usr/bin/env node
// `studio`: the Model Studio command line (register, models list/versions/download). Plain Node,
// no dependencies, so `npx studio` works from a checkout without a build step. This file only
// routes: each command lives in bin/lib/, and every failure ends in reportError's exit codes.
import { commandWords, parseCommand } from "./lib/args.mjs";
import { downloadCommand, downloadOptions } from "./lib/download-command.mjs";
import { EXIT, reportError, usageError } from "./lib/errors.mjs";
import { HELP } from "./lib/help.mjs";
import { authorizationHeader, createClient, resolveBaseUrl } from "./lib/http-client.mjs";
import { listCommand, listOptions, versionsCommand } from "./lib/models-command.mjs";
import { registerCommand, registerOptions } from "./lib/register-command.mjs";

const COMMANDS = {
  register: {
    helpKey: "register",
    help: HELP.register,
    options: registerOptions,
    words: 1,
    run: (c, v, _a, out) => registerCommand(c, v, out),
  },
  "models list": {
    helpKey: "models list",
    help: HELP.list,
    options: listOptions,
    words: 2,
    run: (c, v, _a, out) => listCommand(c, v, out),
  },
  "models versions": {
    helpKey: "models versions",
    help: HELP.versions,
    options: {},
    words: 2,
    argNames: ["NAME"],
    run: (c, v, a, out) => versionsCommand(c, a[0], v, out),
  },
  "models download": {
    helpKey: "models download",
    help: HELP.download,
    options: downloadOptions,
    words: 2,
    argNames: ["REF"],
    run: (c, v, a, out) => downloadCommand(c, a[0], v, out),
  },
};
const ALL_OPTIONS = Object.assign({}, ...Object.values(COMMANDS).map((c) => c.options));

/** → the COMMANDS entry, or prints help and returns null (`studio`, `studio help`, `studio models`). */
function route(argv) {
  const { words, help } = commandWords(argv, ALL_OPTIONS);
  if (words[0] === "help") return showHelp(words.slice(1));
  if (words.length === 0) {
    if (help) return print(HELP.main);
    throw Object.assign(usageError("missing command"), { helpText: HELP.main });
  }
  if (words[0] === "models") {
    if (words.length === 1) {
      if (help) return print(HELP.models);
      throw Object.assign(usageError("missing subcommand: list, versions or download"), { helpText: HELP.models });
    }
    const cmd = COMMANDS[`models ${words[1]}`];
    if (!cmd) throw usageError(`unknown subcommand 'models ${words[1]}'`, "run 'studio models --help'");
    return cmd;
  }
  const cmd = COMMANDS[words[0]];
  if (!cmd) throw usageError(`unknown command '${words[0]}'`, "run 'studio --help'");
  return cmd;
}

function showHelp(words) {
  const cmd = COMMANDS[words.join(" ")];
  if (cmd) return print(cmd.help);
  if (words[0] === "models" && words.length === 1) return print(HELP.models);
  if (words.length === 0) return print(HELP.main);
  throw usageError(`no help for '${words.join(" ")}'`, "run 'studio --help'");
}

function print(text) {
  process.stdout.write(`${text}\n`);
  return null;
}

async function main(argv, signal) {
  const cmd = route(argv);
  if (!cmd) return;
  const { values, args } = parseCommand(argv, cmd);
  if (values.help) return print(cmd.help);
  const client = createClient(resolveBaseUrl(values.url), signal, authorizationHeader(values.token));
  await cmd.run(client, values, args, process.stdout);
}

// Ctrl-C aborts the requests in flight; the commands then clean up (cancel an upload, remove
// partial downloads) and exit 130. A second Ctrl-C quits without waiting for that.
const controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(EXIT.interrupted);
  process.stderr.write("\ninterrupted: cleaning up (Ctrl-C again to quit now)\n");
  controller.abort();
});

try {
  await main(process.argv.slice(2), controller.signal);
} catch (e) {
  // exitCode, not exit(): a large --json output piped elsewhere must be flushed before Node exits.
  process.exitCode = reportError(e);
  if (e?.helpText) process.stderr.write(`\n${e.helpText}\n`);
}
