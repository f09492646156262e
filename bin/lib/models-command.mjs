// `studio models list` and `studio models versions NAME`: read-only views over the MLflow
// registry API, so they also work against a plain MLflow tracking server.
import { MLFLOW } from "./http-client.mjs";
import { formatTable, formatTime, printJson, snippet, TYPE_LABELS } from "./output.mjs";

export const listOptions = { filter: { type: "string" } };

// The largest page MLflow allows for registered models; fewer round trips on big registries.
const MODELS_PAGE = 1000;

export async function listCommand(client, values, out) {
  const models = await client.searchAll("registered-models/search", "registered_models", {
    filter: values.filter,
    max_results: MODELS_PAGE,
  });
  if (values.json) return printJson({ registered_models: models }, out);
  if (models.length === 0) return out.write(values.filter ? "No registered models match the filter.\n" : "No registered models yet.\n");
  // registered-models/search carries no model type, so the table shows what it does carry.
  const rows = models.map((m) => ({ ...m, latest: newest(m.latest_versions) }));
  out.write(
    `${formatTable(rows, [
      { header: "NAME", get: (m) => m.name },
      { header: "LATEST", get: (m) => m.latest?.version ?? "-" },
      { header: "ALIASES", get: (m) => (m.aliases ?? []).map((a) => `${a.alias}→v${a.version}`).join(", ") },
      { header: "TAGS", get: (m) => snippet((m.tags ?? []).map((t) => `${t.key}=${t.value}`).join(", "), 40) },
      { header: "UPDATED", get: (m) => formatTime(m.last_updated_timestamp) },
      { header: "DESCRIPTION", get: (m) => snippet(m.description) },
    ])}\n`,
  );
}

export async function versionsCommand(client, name, values, out) {
  const versions = await searchVersions(client, name);
  // An empty search cannot tell "no versions yet" from "no such model": ask, so a typo is an error.
  if (versions.length === 0) await client.send("GET", `${MLFLOW}/registered-models/get`, { query: { name } });
  versions.sort((a, b) => Number(b.version) - Number(a.version));
  if (values.json) return printJson({ model_versions: versions }, out);
  if (versions.length === 0) return out.write(`${name} has no versions yet.\n`);
  // model-versions/search carries no model type (only registering returns it): no empty column.
  const typed = versions.some((v) => v.model_type);
  const columns = [
    { header: "VERSION", get: (v) => v.version },
    ...(typed ? [{ header: "TYPE", get: (v) => TYPE_LABELS[v.model_type] ?? v.model_type ?? "" }] : []),
    { header: "STATUS", get: (v) => v.status },
    { header: "ALIASES", get: (v) => (v.aliases ?? []).join(", ") },
    { header: "CREATED", get: (v) => formatTime(v.creation_timestamp) },
    { header: "SOURCE", get: (v) => snippet(v.source, 60) },
    { header: "DESCRIPTION", get: (v) => snippet(v.description) },
  ];
  out.write(`${formatTable(versions, columns)}\n`);
}

/** The version with the highest number (latest_versions holds one per stage, in no set order). */
export function newest(list = []) {
  return list.reduce((best, v) => (!best || Number(v.version) > Number(best.version) ? v : best), undefined);
}

/**
 * All versions of one model. MLflow's filter grammar takes the text between the quotes verbatim
 * (no escapes), so a name is quoted with whichever quote it does not contain; a name holding both
 * is searched with LIKE, '_' standing in for each quote, and the results are matched exactly here.
 */
async function searchVersions(client, name) {
  let filter;
  if (!name.includes("'")) filter = `name='${name}'`;
  else if (!name.includes('"')) filter = `name="${name}"`;
  else filter = `name LIKE '${name.replace(/['"]/g, "_")}'`;
  const found = await client.searchAll("model-versions/search", "model_versions", { filter, max_results: 10_000 });
  return found.filter((v) => v.name === name);
}
