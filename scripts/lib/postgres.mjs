// A throwaway PostgreSQL cluster for the tests and benchmarks: Debian's server binaries (installed
// with apt-get when missing and running as root), `initdb` into a temp dir, `pg_ctl start` on a
// free port with its socket in that dir, removed again by stop(). No Docker, no system service.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { log } from "./prepare.mjs";
import { freePort } from "./server.mjs";

function findBinDir() {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

/** Debian's PostgreSQL server binaries; installs the `postgresql` package when missing (root only). */
export function ensurePostgres() {
  let dir = findBinDir();
  if (dir) return dir;
  if (process.getuid?.() !== 0 || spawnSync("which", ["apt-get"]).status !== 0) {
    throw new Error("PostgreSQL is needed for the PostgreSQL test runs: install Debian's `postgresql` package");
  }
  log("installing Debian's postgresql (about a minute)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const res = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "postgresql"], { stdio: "inherit", env });
  dir = findBinDir();
  if (res.status !== 0 || !dir) throw new Error("apt-get install postgresql failed");
  return dir;
}

/**
 * Starts a cluster and returns { url, admin, createDatabase(name), stop() }. `url` names the
 * `studio` database; `createDatabase` makes another (a fresh one per studio under test).
 * Tuned for tests (no fsync) unless `durable` is set (benchmarks).
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = ensurePostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-pg-"));
  const data = path.join(dir, "data");
  // initdb refuses to run as root: the cluster belongs to the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const runAs = (cmd, args, opts = {}) => {
    const full = asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
    const res = spawnSync(full[0], full[1], { encoding: "utf8", ...opts });
    if (res.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${res.stderr || res.stdout}`);
    return res;
  };
  if (asRoot) spawnSync("chown", ["-R", "postgres:postgres", dir]);
  runAs(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c max_connections=400",
    ...(durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ].join(" ");
  runAs(path.join(bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", path.join(dir, "server.log"), "-w", "start"]);
  const admin = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  // Imported here, not at the top: `npm test` loads this file before its first `npm ci`.
  const { default: pg } = await import("pg");
  const createDatabase = async (name) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
    } finally {
      await client.end();
    }
    return `postgresql://postgres@127.0.0.1:${port}/${name}`;
  };
  const url = await createDatabase("studio");
  let stopped = false;
  return {
    url,
    admin,
    port,
    dir,
    createDatabase,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        runAs(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
