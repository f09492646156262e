// Tracking throughput: the same closed-loop workload (bench/load.mjs) against the studio, the
// reference `mlflow server` and the Go peers. Only one server is under load at any moment.
// Searches run first, right after seeding, so every server searches exactly the same data; the
// write operations follow, each logging into its own fresh runs (one run per virtual user).
// Two engines: `sqlite` (suite `tracking`: each server's own SQLite file in its temp dir) and
// `postgresql` (suite `tracking-pg`: one durable PostgreSQL cluster for the suite, one database
// per server, bench/lib/pg.mjs).
import fs from "node:fs";
import pg from "pg";
import { runLoad } from "./load.mjs";
import { api, pool } from "./lib/http.mjs";
import { logErrors, treeCpuSeconds } from "./lib/proc.mjs";
import { startFastTrackML, startMlflowGo, startReference } from "./lib/peers.mjs";
import { startBenchPostgres } from "./lib/pg.mjs";
import { startStudio } from "./lib/studio.mjs";

// Every `start({ log, database })` takes `database` (a postgresql:// URL of an empty database) or
// nothing (SQLite in the server's temp dir). `skip[engine]` says why a server sits an engine out;
// `runsTable` is where its runs land, counted on PostgreSQL to prove the server really used it.
export const SERVERS = [
  { name: "studio", start: startStudio, runsTable: '"Run"' },
  { name: "mlflow", start: startReference, reference: true, runsTable: "runs" },
  { name: "mlflow-go", start: startMlflowGo, runsTable: "runs" },
  { name: "fasttrackml", start: startFastTrackML, runsTable: "runs" },
];

export const ENGINES = {
  sqlite: { suite: "tracking", label: "SQLite" },
  postgresql: { suite: "tracking-pg", label: "PostgreSQL" },
};

const USER_TAGS = [
  { key: "mlflow.user", value: "bench" },
  { key: "mlflow.source.name", value: "bench/load.mjs" },
  { key: "mlflow.source.type", value: "LOCAL" },
];
const metrics = (n, step) => Array.from({ length: n }, (_, i) => ({ key: `m${i}`, value: Math.random(), timestamp: Date.now(), step }));
const params = (n, seq) => Array.from({ length: n }, (_, i) => ({ key: `p${seq}_${i}`, value: `value-${i}` }));

// Each op: how to build request number `seq` of virtual user `c`, given the seeded state `s`.
export const OPS = [
  {
    id: "search-runs",
    label: "search-runs: `metrics.m0 > 0.5`, max_results 100",
    make: (s) => () => ({
      method: "POST",
      path: "/runs/search",
      body: { experiment_ids: [s.searchExp], filter: "metrics.m0 > 0.5", max_results: 100, run_view_type: "ACTIVE_ONLY" },
    }),
  },
  {
    id: "search-experiments",
    label: "search-experiments: max_results 100",
    make: () => () => ({ method: "POST", path: "/experiments/search", body: { max_results: 100, view_type: "ACTIVE_ONLY" } }),
  },
  {
    id: "create-run",
    label: "create-run (3 tags)",
    make: (s) => () => ({
      method: "POST",
      path: "/runs/create",
      body: { experiment_id: s.loadExp, user_id: "bench", start_time: Date.now(), tags: USER_TAGS },
    }),
  },
  {
    id: "log-batch-10-metrics",
    label: "log-batch: 10 metrics",
    runs: true,
    make: (s) => (c) => ({ method: "POST", path: "/runs/log-batch", body: { run_id: s.runs[c], metrics: metrics(10, s.step[c]++) } }),
  },
  {
    id: "log-batch-500-metrics",
    label: "log-batch: 500 metrics",
    runs: true,
    make: (s) => (c) => ({ method: "POST", path: "/runs/log-batch", body: { run_id: s.runs[c], metrics: metrics(500, s.step[c]++) } }),
  },
  {
    id: "log-batch-10-params",
    label: "log-batch: 10 params (new keys)",
    runs: true,
    make: (s) => (c, seq) => ({ method: "POST", path: "/runs/log-batch", body: { run_id: s.runs[c], params: params(10, seq) } }),
  },
  {
    id: "log-batch-100-params",
    label: "log-batch: 100 params (new keys)",
    runs: true,
    make: (s) => (c, seq) => ({ method: "POST", path: "/runs/log-batch", body: { run_id: s.runs[c], params: params(100, seq) } }),
  },
];

const ms = (v) => (v == null ? "–" : `${v.toFixed(1)} ms`);

// Deterministic pseudo-random values, so every server is seeded with identical data.
function rng(seed) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

export async function seed(srv, cfg) {
  const rand = rng(42);
  const values = Array.from({ length: cfg.seedRuns }, () => Array.from({ length: 5 }, rand));
  const { experiment_id: searchExp } = await api(srv.api, "POST", "/experiments/create", { name: "bench-search" });
  await pool(values, 8, async (m, i) => {
    const { run } = await api(srv.api, "POST", "/runs/create", {
      experiment_id: searchExp,
      run_name: `seed-${i}`,
      start_time: 1.7e12 + i,
      tags: USER_TAGS,
    });
    await api(srv.api, "POST", "/runs/log-batch", {
      run_id: run.info.run_id,
      metrics: m.map((value, k) => ({ key: `m${k}`, value, timestamp: 1.7e12 + i, step: 0 })),
      params: m.map((v, k) => ({ key: `p${k}`, value: `v${Math.floor(v * 10)}` })),
      tags: [{ key: "team", value: `team-${i % 7}` }],
    });
  });
  const names = Array.from({ length: cfg.seedExperiments }, (_, i) => `bench-exp-${String(i).padStart(4, "0")}`);
  await pool(names, 8, (name) => api(srv.api, "POST", "/experiments/create", { name }));
  const { experiment_id: loadExp } = await api(srv.api, "POST", "/experiments/create", { name: "bench-load" });
  const expected = Math.min(100, values.filter((m) => m[0] > 0.5).length);
  return { searchExp, loadExp, expected };
}

/** A wrong answer fast is no result: check the search really filters before timing it. */
export async function checkSearches(srv, s, cfg) {
  const problems = [];
  const { runs = [] } = await api(srv.api, "POST", "/runs/search", OPS[0].make(s)().body);
  const m0 = (r) => r.data?.metrics?.find((m) => m.key === "m0")?.value;
  if (runs.length !== s.expected || runs.some((r) => !(m0(r) > 0.5)))
    problems.push(`search-runs returned ${runs.length} runs (expected ${s.expected}, all with m0 > 0.5)`);
  const { experiments = [] } = await api(srv.api, "POST", "/experiments/search", { max_results: 100 });
  if (experiments.length !== Math.min(100, cfg.seedExperiments + 3)) problems.push(`search-experiments returned ${experiments.length}`);
  return problems;
}

/** Rows in `table` of the database at `url` (null if the table is not there). */
async function countRows(url, table) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

export async function analyze(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

async function prepareServer(def, cfg, log, { database, dbCpu } = {}) {
  const t0 = Date.now();
  const srv = await def.start({ log, database });
  const out = { name: def.name, label: srv.label || def.name, reference: !!def.reference, ops: {}, srv, dbCpu };
  try {
    log(
      `  ${def.name}: up in ${((Date.now() - t0) / 1000).toFixed(1)} s; seeding ${cfg.seedRuns} runs, ${cfg.seedExperiments} experiments…`,
    );
    const t1 = Date.now();
    out.state = await seed(srv, cfg);
    out.seedSeconds = (Date.now() - t1) / 1000;
    // Planner statistics, as a database in use would have them (autovacuum analyzes tables a
    // while after they change): every server gets the same, before anything is timed.
    if (database) await analyze(database);
    out.checks = await checkSearches(srv, out.state, cfg);
    if (database && def.runsTable) {
      out.dbRuns = await countRows(database, def.runsTable);
      if (!(out.dbRuns >= cfg.seedRuns))
        out.checks.push(`its PostgreSQL database holds ${out.dbRuns} runs after seeding ${cfg.seedRuns}: it did not store them there`);
    }
    for (const c of out.checks) log(`  ${def.name}: CHECK FAILED: ${c}`);
  } catch (e) {
    await srv.stop();
    // Up but unable to take the seed: keep its dir and the why from its log for the report.
    throw Object.assign(e, { keptDir: srv.dir, logErrors: logErrors(srv.logPath) });
  }
  return out;
}

async function benchOp(entry, op, cfg, log) {
  const { srv, state: s } = entry;
  if (op.runs) {
    const created = await Promise.all(
      Array.from({ length: cfg.clients }, () =>
        api(srv.api, "POST", "/runs/create", { experiment_id: s.loadExp, start_time: Date.now(), tags: USER_TAGS }),
      ),
    );
    s.runs = created.map((r) => r.run.info.run_id);
    s.step = s.runs.map(() => 0);
  }
  const run = () =>
    runLoad({
      baseUrl: srv.api,
      request: op.make(s),
      clients: cfg.clients,
      durationMs: cfg.durationS * 1000,
      warmupMs: cfg.warmupS * 1000,
      serverCpu: () => treeCpuSeconds(srv.pid),
      dbCpu: entry.dbCpu,
    });
  const first = await run();
  if (first.completed > 0 || !first.stalled) return first;
  // Nothing answered in the whole window (the reference's SQLite writers can deadlock for its 30 s
  // pool timeout on the first burst): one retry, so a transient does not decide the ratio. Both
  // attempts are reported.
  log(`  ${entry.name}: stalled (${first.stalled} requests unanswered for the whole window), retrying once`);
  return {
    ...(await run()),
    stalledAttempt: {
      stalled: first.stalled,
      statuses: first.statuses,
      errorSamples: [...first.errorSamples, ...first.uncountedErrorSamples],
    },
  };
}

/** All servers run side by side (idle ones cost nearly nothing) and each operation is measured on
 * every server back to back, so background load that drifts over minutes hits them alike. */
export async function runTracking({
  quick,
  log,
  engine = "sqlite",
  defs = SERVERS,
  servers = defs.map((s) => s.name),
  ops = OPS.map((o) => o.id),
}) {
  if (!ENGINES[engine]) throw new Error(`unknown engine ${engine}`);
  const cfg = quick
    ? { clients: 20, durationS: 3, warmupS: 1, seedRuns: 200, seedExperiments: 100, ops }
    : { clients: 20, durationS: 15, warmupS: 3, seedRuns: 2000, seedExperiments: 500, ops };
  const cluster = engine === "postgresql" ? await startBenchPostgres(log) : null;
  const entries = [];
  try {
    for (const def of defs.filter((s) => servers.includes(s.name))) {
      if (def.skip?.[engine]) {
        log(`tracking: skipping ${def.name} on ${ENGINES[engine].label}: ${def.skip[engine]}`);
        entries.push({ name: def.name, reference: !!def.reference, skipped: def.skip[engine] });
        continue;
      }
      log(`tracking: starting ${def.name}`);
      try {
        const database = cluster ? await cluster.createDatabase(`bench_${def.name}`) : undefined;
        entries.push(await prepareServer(def, cfg, log, { database, dbCpu: cluster?.cpuSeconds }));
      } catch (e) {
        log(`  ${def.name} could not be benchmarked: ${e.message}`);
        for (const l of e.logErrors || []) log(`    its log: ${l}`);
        entries.push({
          name: def.name,
          reference: !!def.reference,
          error: String(e.message || e),
          ...(e.keptDir ? { keptDir: e.keptDir, logErrors: e.logErrors } : {}),
        });
      }
    }
    await measure(entries, cfg, log);
  } finally {
    await cluster?.stop();
  }
  const results = entries.map(({ srv, state, dbCpu, ...rest }) => rest);
  return {
    suite: ENGINES[engine].suite,
    engine,
    postgres: cluster?.info ?? null,
    date: new Date().toISOString(),
    quick: !!quick,
    config: cfg,
    ops: OPS.map(({ id, label }) => ({ id, label })),
    servers: results,
  };
}

/** Every selected operation on every server that is up, then stops them all. */
async function measure(entries, cfg, log) {
  const { ops } = cfg;
  try {
    for (const op of OPS.filter((o) => ops.includes(o.id))) {
      log(`tracking: ${op.id}`);
      for (const e of entries.filter((x) => x.srv)) {
        try {
          const r = (e.ops[op.id] = await benchOp(e, op, cfg, log));
          log(
            `  ${e.name.padEnd(12)} ${r.rps.toFixed(1).padStart(8)} req/s  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  errors ${r.errors}${r.stalled ? `  STALLED ${r.stalled}` : ""}`,
          );
        } catch (err) {
          e.ops[op.id] = { error: String(err.message || err) };
          log(`  ${e.name}: ${op.id} failed: ${err.message}`);
        }
      }
    }
  } finally {
    for (const e of entries) {
      if (!e.srv) continue;
      await e.srv.stop();
      // Keep the data dir (and server log) only where something went wrong, for the post-mortem.
      const failed = Object.values(e.ops).some((o) => o.error || o.errors || o.stalled);
      if (failed) Object.assign(e, { keptDir: e.srv.dir, logErrors: logErrors(e.srv.logPath) });
      else fs.rmSync(e.srv.dir, { recursive: true, force: true });
    }
  }
}
