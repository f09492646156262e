// Brings a checkout to a runnable state: dependencies, Prisma client, migrations, production build.
// Each step runs only when its inputs changed (a content hash is stored beside the output), so a
// second `npm start` goes straight to serving. No dependencies beyond Node itself.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "node_modules", ".bin");

export function log(msg) {
  process.stdout.write(`[studio] ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: process.env, ...opts });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${res.status ?? res.signal})`);
  }
}

export function bin(name) {
  return path.join(BIN, name);
}

/** Hash of files (and folders, recursively) relative to the repo root. Missing ones count as empty. */
export function hashInputs(inputs) {
  const h = createHash("sha256");
  const visit = (rel) => {
    const abs = path.join(ROOT, rel);
    let st;
    try {
      st = fs.statSync(abs);
    } catch {
      h.update(`missing:${rel}\n`);
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        visit(path.join(rel, name));
      }
    } else {
      h.update(`file:${rel}\n`);
      h.update(fs.readFileSync(abs));
    }
  };
  inputs.forEach(visit);
  return h.digest("hex");
}

function stamped(stampFile, hash) {
  try {
    return fs.readFileSync(stampFile, "utf8") === hash;
  } catch {
    return false;
  }
}

export function ensureDependencies() {
  const stamp = path.join(ROOT, "node_modules", ".studio-install");
  const hash = hashInputs(["package.json", "package-lock.json"]);
  if (stamped(stamp, hash) && fs.existsSync(bin("next"))) return;
  log("installing npm dependencies (first run takes a few minutes: better-sqlite3 compiles)…");
  const hasLock = fs.existsSync(path.join(ROOT, "package-lock.json"));
  run("npm", [hasLock ? "ci" : "install", "--no-audit", "--no-fund"]);
  fs.writeFileSync(stamp, hash);
}

/**
 * Applies the committed migrations to the database DATABASE_URL names (default: the embedded
 * SQLite file in STUDIO_DATA_DIR): Prisma's `migrate deploy` on SQLite, the studio's runner on
 * PostgreSQL (scripts/lib/pg-migrate.mjs).
 */
export async function migrate(env = process.env) {
  const url = env.DATABASE_URL ?? "";
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { migratePostgres } = await import("./pg-migrate.mjs");
    await migratePostgres(url, { log });
    return;
  }
  run(bin("prisma"), ["migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
  "instrumentation.ts",
];

export function ensureBuild() {
  const stamp = path.join(ROOT, ".next", "studio-build");
  const hash = hashInputs(BUILD_INPUTS);
  const built = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(path.join(ROOT, ".next", "studio-api.mjs"));
  if (stamped(stamp, hash) && built) return;
  log("building the studio (about a minute)…");
  run(bin("next"), ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  // The MLflow API's Node entry, served by scripts/serve.mjs without Next's router.
  run(process.execPath, ["scripts/build-api.mjs"]);
  fs.writeFileSync(stamp, hash);
}

export function prepare() {
  ensureDependencies();
  ensureBuild();
}
