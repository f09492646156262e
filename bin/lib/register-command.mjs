// `studio register`: one new version of a model (created on first use) from a local folder or
// file (uploaded first) or from a source the studio already has (runs:/, azureml://, models:/…).
import { CliError, usageError } from "./errors.mjs";
import { collectLocalFiles, isSourceUri } from "./local-files.mjs";
import { printJson, TYPE_LABELS } from "./output.mjs";
import { withUpload } from "./upload.mjs";

const REGISTER = "/api/studio/register";

export const registerOptions = {
  name: { type: "string" },
  path: { type: "string" },
  type: { type: "string" },
  description: { type: "string" },
  tag: { type: "string", multiple: true },
};

export async function registerCommand(client, values, out) {
  if (values.name === undefined) throw usageError("missing --name", "run 'studio register --help'");
  if (values.path === undefined)
    throw usageError("missing --path (a local folder or file, or a runs:/ or azureml:// URI)", "run 'studio register --help'");
  const request = {
    name: values.name,
    ...parseType(values.type),
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...parseTags(values.tag),
  };

  // The registration itself is not cancelled by Ctrl-C: the studio may already have committed the
  // version, so waiting for the answer is the only way to report truthfully what happened.
  const commit = (source) => client.send("POST", REGISTER, { json: { ...request, source }, signal: new AbortController().signal });
  let response;
  if (isSourceUri(values.path)) {
    response = await commit(values.path);
  } else {
    const local = await collectLocalFiles(values.path);
    for (const s of local.skipped) process.stderr.write(`warning: skipped ${s.rel} (${s.why})\n`);
    await precheck(client, request);
    response = await withUpload(client, local, (id) => commit(`upload:${id}`));
  }

  const v = response.model_version;
  if (values.json) return printJson(response, out);
  const type = TYPE_LABELS[v.model_type] ?? v.model_type ?? "";
  out.write(`Registered ${v.name} version ${v.version}${type ? ` (${type})` : ""} → models:/${v.name}/${v.version}\n`);
}

function parseType(raw) {
  if (raw === undefined) return {}; // the studio detects it from the files (MLmodel, config.pbtxt)
  const type = raw.trim().toUpperCase();
  if (!(type in TYPE_LABELS)) throw usageError(`--type must be one of mlflow, custom, triton (got '${raw}')`);
  return { type };
}

function parseTags(list = []) {
  if (list.length === 0) return {};
  const tags = list.map((t) => {
    const eq = t.indexOf("=");
    if (eq <= 0) throw usageError(`--tag needs key=value (got '${t}')`);
    return { key: t.slice(0, eq).trim(), value: t.slice(eq + 1) };
  });
  return { tags };
}

/**
 * Before uploading what may be gigabytes, asks the studio to validate everything but the source:
 * a register call with an empty source always fails, and its per-field errors tell whether the
 * name, description and tags would pass. This keeps the rules in one place (the server's schema)
 * instead of copying them here.
 */
async function precheck(client, request) {
  try {
    await client.send("POST", REGISTER, { json: { ...request, source: "" } });
  } catch (e) {
    if (!(e instanceof CliError) || e.status !== 400) throw e;
    const body = e.body ?? {};
    const problems = Object.entries(body.errors ?? {}).filter(([field]) => field !== "source");
    if (problems.length > 0) throw new CliError(problems.map(([, msg]) => msg).join("; "));
    return;
  }
  throw new CliError("the studio accepted a registration without a source; refusing to continue");
}
