// Listing a stored folder through MLflow's artifact proxy, and mapping its names onto the local
// disk. The names come from the server, so they are checked before they become paths: a
// malicious or broken server must not be able to write outside --out (`..`, `a/b`, absolute).
import fs from "node:fs/promises";
import path from "node:path";
import { CliError } from "./errors.mjs";
import { ARTIFACTS } from "./http-client.mjs";

function checkName(name, where) {
  const bad =
    typeof name !== "string" || name === "" || name === "." || name === ".." || /[/\\\u0000]/.test(name) || /^[a-zA-Z]:/.test(name);
  if (bad) throw new CliError(`refusing to write '${name}' from ${where || "the top folder"}: it would land outside --out`);
}

/** Every file below `key` → [{ rel, size }], rel with '/' separators, in listing order. */
export async function listVersionFiles(client, key) {
  const out = [];
  const visit = async (rel) => {
    // MLflow lists one level per call; `{}` (no `files`) means an empty or missing folder.
    const res = await client.send("GET", ARTIFACTS, { query: { path: rel ? `${key}/${rel}` : key } });
    for (const entry of res.files ?? []) {
      checkName(entry.path, rel);
      const childRel = rel ? `${rel}/${entry.path}` : entry.path;
      if (entry.is_dir) await visit(childRel);
      else out.push({ rel: childRel, size: Number(entry.file_size ?? 0) });
    }
  };
  await visit("");
  return out;
}

/**
 * The absolute local path for `rel` below `realOut` (a real path), with its folder created. The
 * folder's real path is checked again after mkdir: a symlink already inside --out that points
 * elsewhere would otherwise carry the write out of it.
 */
export async function safeTarget(realOut, rel) {
  const target = path.join(realOut, ...rel.split("/"));
  const dir = path.dirname(target);
  const prefix = realOut.endsWith(path.sep) ? realOut : realOut + path.sep;
  const within = (p) => p === realOut || p.startsWith(prefix);
  if (!within(target)) throw new CliError(`refusing to write '${rel}': it would land outside --out`);
  await fs.mkdir(dir, { recursive: true });
  if (!within(await fs.realpath(dir))) throw new CliError(`refusing to write '${rel}': ${path.relative(realOut, dir)} links outside --out`);
  const existing = await fs.lstat(target).catch(() => null);
  if (existing?.isDirectory()) throw new CliError(`cannot write '${rel}': a folder with that name exists in --out`);
  return target;
}
