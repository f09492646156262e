// Tracking throughput of several studio replicas behind nginx on one PostgreSQL (and one Azurite
// for artifacts, as a team deployment runs), against one replica behind the same nginx: the
// deployment of docs/deploy.md, shrunk onto one 2-core machine. Each replica is one process
// (STUDIO_WORKERS=1), so "3 replicas" is three processes sharing the cores with PostgreSQL,
// nginx and the load generator.
// All replicas start first and share one seeded database; a configuration is an nginx in front of
// the first k of them (idle replicas cost no CPU). Each operation is measured on every
// configuration back to back, so drift in the machine's background load hits them alike. The CPU
// of every party (studios, PostgreSQL, nginx, the load generator) is read for each window, which
// says where the cores went and so where scaling stops.
import os from "node:os";
import { startNginx } from "../scripts/lib/nginx.mjs";
import { startAzurite } from "../scripts/lib/object-stores.mjs";
import { runLoad } from "./load.mjs";
import { api } from "./lib/http.mjs";
import { treeCpuSeconds } from "./lib/proc.mjs";
import { startBenchPostgres } from "./lib/pg.mjs";
import { startStudio } from "./lib/studio.mjs";
import { analyze, checkSearches, OPS, seed } from "./tracking.mjs";

const USER_TAGS = [{ key: "mlflow.user", value: "bench" }];
export const REPLICA_OPS = ["search-runs", "search-experiments", "create-run", "log-batch-10-metrics", "log-batch-500-metrics"];
const MAX_REPLICAS = 3;

export async function runReplicas({ quick, log }) {
  const cfg = quick
    ? { clients: 30, durationS: 3, warmupS: 1, seedRuns: 200, seedExperiments: 100 }
    : { clients: 30, durationS: 15, warmupS: 3, seedRuns: 2000, seedExperiments: 500 };
  const result = { suite: "replicas", date: new Date().toISOString(), quick: !!quick, config: cfg, cores: os.cpus().length };
  const cleanup = [];
  try {
    const cluster = await startBenchPostgres(log);
    cleanup.push(() => cluster.stop());
    result.postgres = cluster.info;
    const azurite = await startAzurite();
    cleanup.push(() => azurite.stop());
    const database = await cluster.createDatabase("bench_replicas");
    const replicas = [];
    for (let i = 0; i < MAX_REPLICAS; i++) {
      // The first applies the migrations; the others find them applied, as in production.
      const r = await startStudio({ log, database, migrated: i > 0, env: { ...azurite.env("studio", "artifacts"), STUDIO_WORKERS: "1" } });
      cleanup.push(() => r.stop());
      replicas.push(r);
    }
    log(`replicas: ${MAX_REPLICAS} studios up; seeding ${cfg.seedRuns} runs, ${cfg.seedExperiments} experiments…`);
    const state = await seed(replicas[0], cfg);
    await analyze(database);

    const configs = [{ id: "direct-1", label: "1 replica, no proxy", replicas: 1, url: replicas[0].url, nginx: null }];
    for (let k = 1; k <= MAX_REPLICAS; k++) {
      const nginx = await startNginx(replicas.slice(0, k).map((r) => `127.0.0.1:${r.port}`));
      cleanup.push(() => nginx.stop());
      configs.push({ id: `nginx-${k}`, label: `${k} replica${k > 1 ? "s" : ""} behind nginx`, replicas: k, url: nginx.url, nginx });
    }
    // Every address answers the seeded searches correctly before anything is timed.
    for (const c of configs) {
      const problems = await checkSearches({ api: `${c.url}/api/2.0/mlflow` }, state, cfg);
      if (problems.length) throw new Error(`${c.label}: ${problems.join("; ")}`);
    }

    result.configs = configs.map(({ id, label, replicas: k }) => ({ id, label, replicas: k, ops: {} }));
    const studiosCpu = () => replicas.reduce((sum, r) => sum + treeCpuSeconds(r.pid), 0);
    for (const op of OPS.filter((o) => REPLICA_OPS.includes(o.id))) {
      log(`replicas: ${op.id}`);
      for (const [i, c] of configs.entries()) {
        const base = `${c.url}/api/2.0/mlflow`;
        const s = { ...state };
        if (op.runs) {
          const created = await Promise.all(
            Array.from({ length: cfg.clients }, () =>
              api(base, "POST", "/runs/create", { experiment_id: s.loadExp, start_time: Date.now(), tags: USER_TAGS }),
            ),
          );
          s.runs = created.map((r) => r.run.info.run_id);
          s.step = s.runs.map(() => 0);
        }
        const r = await runLoad({
          baseUrl: base,
          request: op.make(s),
          clients: cfg.clients,
          durationMs: cfg.durationS * 1000,
          warmupMs: cfg.warmupS * 1000,
          serverCpu: studiosCpu,
          dbCpu: cluster.cpuSeconds,
          partyCpu: c.nginx ? { nginx: () => treeCpuSeconds(c.nginx.pid) } : {},
        });
        r.nginxCpuS = r.partyCpuS.nginx ?? 0;
        result.configs[i].ops[op.id] = r;
        log(
          `  ${c.label.padEnd(24)} ${r.rps.toFixed(1).padStart(8)} req/s  p50 ${r.p50?.toFixed(1)} ms  p95 ${r.p95?.toFixed(1)} ms  errors ${r.errors}  cpu s: studio ${r.serverCpuS.toFixed(1)} pg ${r.dbCpuS.toFixed(1)} nginx ${r.nginxCpuS.toFixed(1)} load ${r.loadCpuS.toFixed(1)}`,
        );
      }
    }
  } catch (e) {
    result.error = String(e.message || e);
    log(`  replicas failed: ${result.error}`);
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
  }
  return result;
}
