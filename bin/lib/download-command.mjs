// `studio models download NAME[/VERSION|@ALIAS] --out DIR`: copies one version's stored files
// (its registry snapshot) into DIR. Each file streams to a temp name beside its target and is
// renamed only once its size checks out, so an interrupted download never leaves a truncated file
// under the real name.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CliError, EXIT, interrupted, usageError } from "./errors.mjs";
import { ARTIFACTS, encodePath, MLFLOW } from "./http-client.mjs";
import { newest } from "./models-command.mjs";
import { formatBytes, printJson } from "./output.mjs";
import { listVersionFiles, safeTarget } from "./remote-tree.mjs";
import { createProgress, runPool } from "./transfer.mjs";

export const downloadOptions = { out: { type: "string", short: "o" } };

/** NAME, NAME/VERSION, NAME@ALIAS, optionally as a models:/ URI. Names cannot hold '/', so it splits. */
export function parseModelRef(ref) {
  const s = ref.replace(/^models:\/+/, "");
  const slash = s.indexOf("/");
  if (slash >= 0) {
    const [name, version] = [s.slice(0, slash), s.slice(slash + 1)];
    if (!name || !/^\d+$/.test(version)) throw usageError(`'${ref}' is not NAME/VERSION (VERSION is a number)`);
    return { name, version };
  }
  const at = /^(.+)@([\w-]+)$/.exec(s);
  if (at) return { name: at[1], alias: at[2] };
  if (!s) throw usageError("missing model name");
  return { name: s };
}

async function resolveVersion(client, ref) {
  if (ref.version) return (await client.send("GET", `${MLFLOW}/model-versions/get`, { query: ref })).model_version;
  if (ref.alias) return (await client.send("GET", `${MLFLOW}/registered-models/alias`, { query: ref })).model_version;
  const model = (await client.send("GET", `${MLFLOW}/registered-models/get`, { query: { name: ref.name } })).registered_model;
  const latest = newest(model.latest_versions);
  if (!latest) throw new CliError(`model '${ref.name}' has no versions yet`);
  return latest;
}

export async function downloadCommand(client, refText, values, out) {
  if (!values.out) throw usageError("missing --out DIR (where to put the files)", "run 'studio models download --help'");
  const version = await resolveVersion(client, parseModelRef(refText));
  const { artifact_uri: uri } = await client.send("GET", `${MLFLOW}/model-versions/get-download-uri`, {
    query: { name: version.name, version: version.version },
  });
  const key = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.+)$/.exec(uri ?? "")?.[1]?.replace(/\/+$/, "");
  if (!key) throw new CliError(`cannot download from '${uri}': only mlflow-artifacts:/ locations are served by the studio`);

  const files = await listVersionFiles(client, key);
  if (files.length === 0) throw new CliError(`${version.name} version ${version.version} has no stored files`);
  const outDir = path.resolve(values.out);
  const st = await fs.stat(outDir).catch(() => null);
  if (st && !st.isDirectory()) throw usageError(`--out ${values.out} exists and is not a folder`);
  await fs.mkdir(outDir, { recursive: true });
  const realOut = await fs.realpath(outDir);

  const total = files.reduce((n, f) => n + f.size, 0);
  const progress = createProgress("Downloading", files.length, total);
  try {
    await runPool(files, (f, signal) => fetchFile(client, key, f, realOut, signal, progress), { signal: client.signal });
  } finally {
    progress.end();
  }
  if (values.json)
    return printJson(
      { model_version: version, artifact_uri: uri, out: outDir, files: files.map((f) => ({ path: f.rel, size: f.size })) },
      out,
    );
  const noun = files.length === 1 ? "file" : "files";
  out.write(`Downloaded ${version.name} version ${version.version} (${files.length} ${noun}, ${formatBytes(total)}) → ${values.out}\n`);
}

async function fetchFile(client, key, file, realOut, signal, progress) {
  const target = await safeTarget(realOut, file.rel);
  const res = await client.send("GET", `${ARTIFACTS}/${encodePath(`${key}/${file.rel}`)}`, { stream: true, signal });
  const temp = path.join(path.dirname(target), `.${path.basename(target).slice(0, 60)}.studio-${randomBytes(4).toString("hex")}.part`);
  let bytes = 0;
  const count = new Transform({
    transform(chunk, _enc, cb) {
      bytes += chunk.length;
      progress.bytes(chunk.length);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body), count, createWriteStream(temp, { flags: "wx" }), { signal });
    if (bytes !== file.size) throw new CliError(`${file.rel}: received ${bytes} bytes, expected ${file.size}`);
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true });
    if (e instanceof CliError) throw e;
    if (signal.aborted) throw client.signal?.aborted ? interrupted() : e;
    if (e?.syscall) throw new CliError(`cannot write ${target}: ${e.message}`);
    throw new CliError(`connection lost while downloading ${file.rel} (${e?.cause?.code ?? e?.message})`, EXIT.connection);
  }
  progress.fileDone();
}
