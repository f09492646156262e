// Where the embedded store lives. Plain JS so the start/test scripts, prisma.config.ts and the
// server all resolve the same absolute paths (SQLite's `file:./x` is relative to the cwd).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function dataDir(env = process.env) {
  return path.resolve(/*turbopackIgnore: true*/ env.STUDIO_DATA_DIR || "./data");
}

export function databaseUrl(env = process.env) {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  return "file:" + path.join(dataDir(env), "studio.db");
}

/** STUDIO_ARTIFACT_ROOT names object storage (azure://container/prefix, s3://bucket/prefix). */
export function isObjectStoreRoot(env = process.env) {
  return /^(azure|s3):\/\//.test(env.STUDIO_ARTIFACT_ROOT ?? "");
}

/** The local artifact folder (file:///… or a path); null when artifacts live in object storage. */
export function artifactRoot(env = process.env) {
  const setting = env.STUDIO_ARTIFACT_ROOT;
  if (isObjectStoreRoot(env)) return null;
  if (setting?.startsWith("file://")) return fileURLToPath(setting);
  return path.resolve(/*turbopackIgnore: true*/ setting || path.join(dataDir(env), "artifacts"));
}

/** SQLite cannot create its file's folder: make the data dir (and a local artifact root) exist. */
export function ensureDataDirs(env = process.env) {
  const url = databaseUrl(env);
  if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  const root = artifactRoot(env);
  if (root) fs.mkdirSync(root, { recursive: true });
}
