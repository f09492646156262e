// Registry search: page cost of registered-models/search and model-versions/search with a large
// registry (10k models, 100k versions, written straight into the database by
// bench/lib/seed-registry.mjs) for the studio and the reference, and with a small one (100 models,
// 1k versions): a page of 100 should cost about the same whatever the registry's size.
// Two engines: `sqlite` (suite `registry`: each server's own SQLite file) and `postgresql` (suite
// `registry-pg`: one durable PostgreSQL cluster for the suite, one database per configuration).
import fs from "node:fs";
import path from "node:path";
import { runCount } from "./load.mjs";
import { api, qs } from "./lib/http.mjs";
import { REFERENCE_WORKERS, startReference } from "./lib/peers.mjs";
import { startBenchPostgres } from "./lib/pg.mjs";
import { tempDir } from "./lib/proc.mjs";
import { modelName, runId, seedReference, seedStudio, VERSIONS_PER_MODEL } from "./lib/seed-registry.mjs";
import { migrateStudio, startStudio } from "./lib/studio.mjs";
import { migratePostgres } from "../scripts/lib/pg-migrate.mjs";
import { ensureVenv } from "./lib/venv.mjs";

const PROMPT_FILTER = "tag.`mlflow.prompt.is_prompt` != 'true'"; // what MLflow 3 clients append
const DEEP_PAGE = 50;

export const QUERIES = [
  {
    id: "rm-page1",
    label: "registered-models/search, no filter, page 1",
    q: () => ({ max_results: 100 }),
    expect: (n) => Math.min(100, n),
  },
  {
    id: "rm-deep",
    label: `registered-models/search, no filter, page ${DEEP_PAGE} (page_token)`,
    deep: true,
    q: (s) => ({ max_results: 100, page_token: s.deepToken }),
    expect: () => 100,
  },
  {
    id: "rm-like",
    label: "registered-models/search, `name LIKE 'model-000%'`",
    q: () => ({ max_results: 100, filter: "name LIKE 'model-000%'" }),
    expect: () => 100,
  },
  {
    id: "rm-client",
    label: `registered-models/search as the 3.x client sends it (\`\` ${PROMPT_FILTER} \`\`)`,
    q: () => ({ max_results: 100, filter: PROMPT_FILTER }),
    expect: (n) => Math.min(100, n),
  },
  {
    id: "mv-name",
    label: "model-versions/search, `name='model-00042'`",
    q: () => ({ max_results: 100, filter: `name='${modelName(42)}'` }),
    expect: () => VERSIONS_PER_MODEL,
  },
  {
    id: "mv-run",
    label: "model-versions/search, `run_id='…'` (1 match)",
    q: () => ({ max_results: 100, filter: `run_id='${runId(42, 3)}'` }),
    expect: () => 1,
  },
];
const pathOf = (query, s) => `/${query.id.startsWith("mv") ? "model-versions" : "registered-models"}/search${qs(query.q(s))}`;
const listOf = (res) => res.registered_models || res.model_versions || [];

/** Seeds the configuration's database (a SQLite file in a fresh dir, or `database`) and starts its server. */
async function startConfig(cfg, log, database) {
  const dir = tempDir(`registry-${cfg.name}`);
  const t0 = Date.now();
  const where = database ? "PostgreSQL" : "SQLite";
  // Seeding time includes creating the schema (migrations / `mlflow db upgrade`), not the server's start.
  const seeded = (who) => {
    const seedSeconds = (Date.now() - t0) / 1000;
    log(`  seeded ${cfg.models} models into ${who} ${where} in ${seedSeconds.toFixed(1)} s`);
    return seedSeconds;
  };
  if (cfg.server === "studio") {
    if (database) await migratePostgres(database);
    await seedStudio(database || migrateStudio(dir), cfg.models);
    const seedSeconds = seeded("the studio's");
    return { srv: await startStudio({ dataDir: dir, database, migrated: true, log }), seedSeconds };
  }
  const venv = ensureVenv("mlflow", log);
  if (venv.error) throw new Error(venv.error);
  await seedReference(database || path.join(dir, "mlflow.db"), cfg.models, venv.bin("mlflow"));
  const seedSeconds = seeded("the reference's");
  return { srv: await startReference({ dir, database, log }), seedSeconds };
}

/** Follows next_page_token DEEP_PAGE-1 times; the walk itself is timed too. */
async function walkToDeepPage(srv, models) {
  if (models <= (DEEP_PAGE - 1) * 100) return { token: null };
  let token;
  const t0 = Date.now();
  for (let page = 1; page < DEEP_PAGE; page++) {
    const res = await api(srv.api, "GET", `/registered-models/search${qs({ max_results: 100, page_token: token })}`);
    token = res.next_page_token;
    if (!token) throw new Error(`no next_page_token after page ${page}`);
  }
  return { token, walkSeconds: (Date.now() - t0) / 1000 };
}

async function benchConfig(cfg, opts, log, database) {
  const { srv, seedSeconds } = await startConfig(cfg, log, database);
  const out = {
    name: cfg.name,
    server: cfg.server,
    label: `${srv.label} @ ${cfg.models} models / ${cfg.models * VERSIONS_PER_MODEL} versions`,
    models: cfg.models,
    seedSeconds,
    queries: {},
    checks: [],
  };
  try {
    const walk = await walkToDeepPage(srv, cfg.models);
    out.deepWalkSeconds = walk.walkSeconds ?? null;
    const s = { deepToken: walk.token };
    for (const query of QUERIES) {
      if (query.deep && !s.deepToken) continue; // a small registry has no page 50
      const first = listOf(await api(srv.api, "GET", pathOf(query, s)));
      if (first.length !== query.expect(cfg.models))
        out.checks.push(`${query.id}: ${first.length} results, expected ${query.expect(cfg.models)}`);
      const cell = {};
      for (const [mode, clients] of [
        ["seq", 1],
        ["c8", 8],
      ]) {
        cell[mode] = await runCount({
          baseUrl: srv.api,
          request: () => ({ method: "GET", path: pathOf(query, s) }),
          clients,
          total: opts.requests,
          maxMs: opts.maxMs,
        });
      }
      out.queries[query.id] = cell;
      log(
        `  ${cfg.name} ${query.id.padEnd(9)} seq ${cell.seq.rps.toFixed(1).padStart(7)} req/s (p50 ${cell.seq.p50?.toFixed(1)} ms)   8 clients ${cell.c8.rps.toFixed(1).padStart(7)} req/s (p95 ${cell.c8.p95?.toFixed(1)} ms)  errors ${cell.seq.errors + cell.c8.errors}`,
      );
    }
    for (const c of out.checks) log(`  ${cfg.name}: CHECK FAILED: ${c}`);
  } finally {
    await srv.stop();
    fs.rmSync(srv.dir, { recursive: true, force: true });
  }
  return out;
}

export async function runRegistry({ quick, log, engine = "sqlite" }) {
  const opts = quick ? { requests: 20, maxMs: 1000 } : { requests: 200, maxMs: 6000 };
  const pgSuite = engine === "postgresql";
  const prefix = pgSuite ? "-pg" : "";
  const configs = [
    { name: `studio${prefix}-1k`, server: "studio", models: 100 },
    { name: `studio${prefix}-100k`, server: "studio", models: 10_000 },
    { name: `mlflow${prefix}-100k`, server: "mlflow", models: 10_000 },
    ...(quick ? [] : [{ name: `mlflow${prefix}-1k`, server: "mlflow", models: 100 }]),
  ];
  const cluster = pgSuite ? await startBenchPostgres(log) : null;
  const results = [];
  try {
    for (const cfg of configs) {
      log(`registry: ${cfg.name}`);
      try {
        const database = cluster ? await cluster.createDatabase(`bench_${cfg.name}`) : undefined;
        results.push(await benchConfig(cfg, opts, log, database));
      } catch (e) {
        log(`  ${cfg.name} failed: ${e.message}`);
        results.push({ name: cfg.name, server: cfg.server, models: cfg.models, error: String(e.message || e) });
      }
    }
  } finally {
    await cluster?.stop();
  }
  return {
    suite: pgSuite ? "registry-pg" : "registry",
    engine,
    postgres: cluster?.info ?? null,
    date: new Date().toISOString(),
    quick: !!quick,
    config: { ...opts, referenceWorkers: REFERENCE_WORKERS, deepPage: DEEP_PAGE },
    queries: QUERIES.map(({ id, label }) => ({ id, label })),
    configs: results,
  };
}
