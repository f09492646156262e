// Where the embedded store lives. Plain JS so the start/test scripts, prisma.config.ts and the
// server all resolve the same absolute paths (SQLite's `file:./x` is relative to the cwd).
import fs from "node:fs";
import path from "node:path";

export function dataDir(env = process.env) {
  return path.resolve(/*turbopackIgnore: true*/ env.STUDIO_DATA_DIR || "./data");
}

export function databaseUrl(env = process.env) {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  return `file:${path.join(dataDir(env), "studio.db")}`;
}

export function artifactRoot(env = process.env) {
  return path.resolve(/*turbopackIgnore: true*/ env.STUDIO_ARTIFACT_ROOT || path.join(dataDir(env), "artifacts"));
}

/** SQLite cannot create its file's folder: make the data dir (and artifact root) exist. */
export function ensureDataDirs(env = process.env) {
  const url = databaseUrl(env);
  if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  fs.mkdirSync(artifactRoot(env), { recursive: true });
}
