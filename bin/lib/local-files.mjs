// What `register --path <local>` uploads: every regular file below the folder (or the one file),
// with its path relative to the folder. Hidden files are kept (a model's `.keep`, tokenizer dot
// files); symlinks are followed only while they stay inside the folder, because following one out
// could upload something the person never meant to share (a home directory, /etc).
import fs from "node:fs/promises";
import path from "node:path";
import { usageError } from "./errors.mjs";

const inside = (root, p) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** → { files: [{ rel, abs, size }], totalBytes, skipped: [{ rel, why }] }; rel uses '/'. */
export async function collectLocalFiles(input) {
  const abs = path.resolve(input);
  let st;
  try {
    st = await fs.stat(abs);
  } catch (e) {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") throw usageError(`no such file or folder: ${input}`);
    throw e;
  }
  if (st.isFile()) return summarize([{ rel: path.basename(abs), abs, size: st.size }], []);
  if (!st.isDirectory()) throw usageError(`${input} is neither a file nor a folder`);

  const root = await fs.realpath(abs);
  const files = [];
  const skipped = [];
  // `ancestors` holds the real paths of the folders being visited: a link back up the tree
  // (model/latest → model) would otherwise recurse forever.
  async function visit(dir, rel, ancestors) {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childAbs = path.join(dir, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      let target = entry;
      if (entry.isSymbolicLink()) {
        const real = await fs.realpath(childAbs).catch(() => null);
        if (!real) {
          skipped.push({ rel: childRel, why: "broken symlink" });
          continue;
        }
        if (!inside(root, real)) {
          skipped.push({ rel: childRel, why: `symlink to ${real}, outside the folder` });
          continue;
        }
        target = await fs.stat(real);
      }
      if (target.isDirectory()) {
        const real = await fs.realpath(childAbs);
        if (ancestors.includes(real)) skipped.push({ rel: childRel, why: "symlink loop" });
        else await visit(childAbs, childRel, [...ancestors, real]);
      } else if (target.isFile()) {
        files.push({ rel: childRel, abs: childAbs, size: (await fs.stat(childAbs)).size });
      } else {
        skipped.push({ rel: childRel, why: "not a regular file: a socket, pipe or device" });
      }
    }
  }
  await visit(abs, "", [root]);
  if (files.length === 0) throw usageError(`nothing to upload: ${input} has no files`);
  return summarize(files, skipped);
}

function summarize(files, skipped) {
  return { files, skipped, totalBytes: files.reduce((n, f) => n + f.size, 0) };
}

/**
 * Whether `--path` names a source the studio resolves itself (a job output, a logged model, a
 * stored artifact, an earlier upload) rather than something on this machine. Any other
 * `scheme://` is passed through too, so the studio's message lists what it accepts.
 */
export function isSourceUri(value) {
  return /^(runs|models|mlflow-artifacts|upload|azureml):/i.test(value) || /^[a-z][a-z0-9+.-]+:\/\//i.test(value);
}
