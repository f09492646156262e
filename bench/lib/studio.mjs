// Starts the studio the way scripts/lib/server.mjs does (fresh data dir, `prisma migrate deploy`
// on SQLite or the studio's PostgreSQL migration runner, production `scripts/serve.mjs`), but
// through bench/lib/proc.mjs so CPU time and RSS can be read from its pid. Also decides whether
// the production build in .next/ is current.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migratePostgres } from "../../scripts/lib/pg-migrate.mjs";
import { freePort, startServer, tempDir } from "./proc.mjs";
import { ROOT } from "./venv.mjs";

const BUILD_INPUTS = ["app", "components", "lib", "public", "next.config.ts", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(rel) {
  const abs = path.join(ROOT, rel);
  let st;
  try {
    st = fs.statSync(abs);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(abs)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    max = Math.max(max, newestMtime(path.join(rel, name)));
  }
  return max;
}

/** { ok, stale, builtAt, newestSource } — stale when a build input is newer than .next/BUILD_ID. */
export function buildState() {
  const id = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return { ok: false, stale: true };
  const builtAt = fs.statSync(id).mtimeMs;
  const newestSource = Math.max(...BUILD_INPUTS.map(newestMtime));
  // The MLflow API bundle (scripts/build-api.mjs): without it serve.mjs falls back to Next's
  // router and the tracking numbers would measure the wrong thing.
  const apiBundle = fs.existsSync(path.join(ROOT, ".next", "studio-api.mjs"));
  return { ok: apiBundle, stale: newestSource > builtAt || !apiBundle, builtAt, newestSource };
}

/** Builds only when missing, or when stale and allowed: others may be editing app/ right now. */
export function ensureStudioBuild({ allowRebuild, log }) {
  const state = buildState();
  if (state.ok && (!state.stale || !allowRebuild)) return state;
  log(state.ok ? "studio build is older than its sources: rebuilding (next build)…" : "no studio build: running next build…");
  const res = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.status !== 0) throw new Error("next build failed");
  const api = spawnSync(process.execPath, ["scripts/build-api.mjs"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (api.status !== 0) throw new Error("building the MLflow API bundle failed");
  return buildState();
}

/** Applies the committed migrations to a fresh data dir (the studio's own schema). */
export function migrateStudio(dataDir) {
  const env = { ...process.env, STUDIO_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const res = spawnSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`prisma migrate deploy failed: ${res.stderr}`);
  return path.join(dataDir, "studio.db");
}

/** Others share this checkout: a `next build` they start deletes .next/BUILD_ID until it ends.
 * Wait for it (up to 10 min) instead of failing the suite. */
async function waitForBuild(log) {
  const id = path.join(ROOT, ".next", "BUILD_ID");
  const deadline = Date.now() + 600_000;
  if (!fs.existsSync(id)) log?.("  no .next/BUILD_ID (a next build running?): waiting for it…");
  while (!fs.existsSync(id)) {
    if (Date.now() > deadline) throw new Error("no studio build in .next after waiting 10 min");
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/**
 * Starts a studio. Pass `dataDir` to reuse a pre-seeded one (registry benchmark). `database`, a
 * postgresql:// URL, makes PostgreSQL its store (artifacts stay in the data dir); the database is
 * migrated here unless `migrated` says a seeding step already did. `env` adds settings (an object
 * store's STUDIO_ARTIFACT_ROOT and credentials, STUDIO_WORKERS).
 */
export async function startStudio({ dataDir, database, migrated = false, log, env: extraEnv = {}, port: fixedPort } = {}) {
  await waitForBuild(log);
  const dir = dataDir || tempDir("studio");
  if (database) {
    if (!migrated) await migratePostgres(database);
  } else if (!dataDir) migrateStudio(dir);
  const port = fixedPort || (await freePort());
  // DATABASE_URL "" (falsy) on SQLite so a value inherited from the caller's shell cannot redirect the store.
  const env = {
    STUDIO_DATA_DIR: dir,
    DATABASE_URL: database || "",
    HOST: "127.0.0.1",
    PORT: String(port),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  };
  const srv = await startServer({
    name: "studio",
    cmd: process.execPath,
    args: ["scripts/serve.mjs"],
    cwd: ROOT,
    env,
    dir,
    healthUrl: `http://127.0.0.1:${port}/health`,
  });
  return {
    ...srv,
    name: "studio",
    label: database ? "studio (PostgreSQL store)" : "studio",
    port,
    url: `http://127.0.0.1:${port}`,
    api: `http://127.0.0.1:${port}/api/2.0/mlflow`,
    dir,
  };
}
