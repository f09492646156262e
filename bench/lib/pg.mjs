// The PostgreSQL cluster of a `-pg` suite: one throwaway cluster per suite (scripts/lib/postgres.mjs,
// Debian's binaries, initdb into a temp dir), durable settings (fsync and synchronous_commit on, as
// a production database would run), one database per server under test. Its CPU time is read from
// the postmaster's process tree, which no server under test owns, plus the time of backends that
// already exited (a connection closed mid-window), which the postmaster collects as cutime/cstime.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startPostgres } from "../../scripts/lib/postgres.mjs";
import { treeCpuSeconds } from "./proc.mjs";

const SHOWN = ["server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers", "max_connections"];

/** { url, admin, createDatabase(name) -> url, cpuSeconds(), info: { version, settings }, stop() } */
export async function startBenchPostgres(log) {
  const t0 = Date.now();
  const cluster = await startPostgres({ durable: true });
  try {
    const client = new pg.Client({ connectionString: cluster.admin });
    await client.connect();
    const settings = {};
    try {
      for (const name of SHOWN) settings[name] = (await client.query(`SHOW ${name}`)).rows[0][name];
    } finally {
      await client.end();
    }
    const pidFile = path.join(cluster.dir, "data", "postmaster.pid");
    const postmaster = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    log?.(
      `  PostgreSQL ${settings.server_version} up in ${((Date.now() - t0) / 1000).toFixed(1)} s on port ${cluster.port} (fsync ${settings.fsync})`,
    );
    return {
      ...cluster,
      /** A fresh database; names are made SQL- and URL-safe. */
      createDatabase: (name) => cluster.createDatabase(name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()),
      cpuSeconds: () => treeCpuSeconds(postmaster) + reapedCpuSeconds(postmaster),
      info: { version: settings.server_version, settings },
    };
  } catch (e) {
    await cluster.stop();
    throw e;
  }
}

/** CPU seconds of a process's exited and waited-for children (/proc/<pid>/stat cutime + cstime). */
function reapedCpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) / 100; // fields 16, 17; USER_HZ 100
  } catch {
    return 0;
  }
}

/** One line for the report: what the PostgreSQL cluster was and how it was set up. */
export function postgresLine(info) {
  if (!info) return "";
  const s = info.settings || {};
  return `PostgreSQL ${info.version} (Debian's binaries, a throwaway cluster on 127.0.0.1 started by the suite; fsync ${s.fsync}, synchronous_commit ${s.synchronous_commit}, full_page_writes ${s.full_page_writes}, shared_buffers ${s.shared_buffers}, otherwise defaults)`;
}
