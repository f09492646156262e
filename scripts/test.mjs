// `npm test`: every test suite, in order, against real parts. Ends with "N passed, N failed".
//   npm test                      all suites, on both database engines
//   npm test -- --only unit,api   a subset (lint, unit, api, reliability, cluster, e2e, compat)
//   npm test -- --engines sqlite  one engine (sqlite, postgres)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureChromium } from "./lib/chromium.mjs";
import { startPostgres } from "./lib/postgres.mjs";
import { countJunit, countPlaywright, countVitest } from "./lib/reports.mjs";
import { ensureCompatVenvs, ensureFuzzVenv } from "./lib/python.mjs";
import { bin, log, prepare, ROOT } from "./lib/prepare.mjs";
import { startStudio } from "./lib/server.mjs";

function option(name) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}`));
  if (!arg) return null;
  return (arg.split("=")[1] ?? process.argv[process.argv.indexOf(arg) + 1]).split(",");
}
const only = option("only");
const wants = (suite) => !only || only.includes(suite);
const engines = option("engines") ?? ["sqlite", "postgres"];
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "studio-reports-"));
const totals = { passed: 0, failed: 0 };
const lines = [];

function record(suite, counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  lines.push(`${suite}: ${counts.passed} passed, ${counts.failed} failed`);
}

function runSuite(suite, cmd, args, env, count) {
  log(`── ${suite} ──`);
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  const counts = count(res.status);
  // A runner that crashed before reporting still counts as a failure.
  if (res.status !== 0 && counts.failed === 0) counts.failed = 1;
  record(suite, counts);
}

const vitest = (suite, project, env) => {
  const out = path.join(reports, `${suite.replace(/\W+/g, "-")}.json`);
  runSuite(
    suite,
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    env,
    () => countVitest(out),
  );
};
const passFail = (status) => (status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

const started = [];
async function studio(extraEnv) {
  const s = await startStudio(extraEnv);
  started.push(s);
  return s;
}

let postgres;
try {
  prepare();
  const chromium = wants("e2e") ? ensureChromium() : undefined;
  // The MLflow client venvs serve the compat suites and the browser tests' fixtures.
  const venvs = wants("compat") || wants("e2e") ? ensureCompatVenvs() : [];
  const needsPostgres = engines.includes("postgres") && ["unit", "api", "cluster", "e2e", "compat"].some(wants);
  if (needsPostgres) {
    postgres = await startPostgres();
    log(`PostgreSQL for the tests: ${postgres.url}`);
  }
  const pgEnv = postgres ? { STUDIO_TEST_PG_URL: postgres.url, STUDIO_REQUIRE_PG: "1" } : {};

  if (wants("lint")) {
    runSuite("typecheck", bin("tsc"), ["--noEmit", "-p", "."], {}, passFail);
    runSuite("lint", bin("biome"), ["ci", "--diagnostic-level=error", "."], {}, passFail);
  }
  // The store contract suite runs on every engine through STUDIO_TEST_PG_URL.
  if (wants("unit")) vitest("unit", "unit", pgEnv);

  let dbCount = 0;
  for (const engine of engines) {
    if (!["api", "e2e", "compat"].some(wants)) break;
    // Each studio under test gets a database of its own.
    const dbEnv = async () => (engine === "postgres" ? { DATABASE_URL: await postgres.createDatabase(`studio_${++dbCount}`) } : {});
    const main = await studio(await dbEnv());
    log(`studio under test (${engine}): ${main.url} (data: ${main.dataDir})`);
    const serverEnv = { STUDIO_URL: main.url, STUDIO_DATA_DIR: main.dataDir, STUDIO_ENGINE: engine };
    if (wants("api")) vitest(`api (${engine})`, "api", serverEnv);
    if (wants("e2e")) {
      const empty = await studio(await dbEnv());
      const out = path.join(reports, `e2e-${engine}.json`);
      const env = {
        ...serverEnv,
        STUDIO_EMPTY_URL: empty.url,
        CHROMIUM_PATH: chromium,
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        STUDIO_PYTHON: venvs[0]?.python ?? "",
      };
      runSuite(`e2e (${engine})`, bin("playwright"), ["test", "--reporter=list,json"], env, () => countPlaywright(out));
    }
    for (const venv of wants("compat") ? venvs : []) {
      const out = path.join(reports, `compat-${venv.name}-${engine}.xml`);
      runSuite(
        `compat (${venv.label}, ${engine})`,
        venv.python,
        ["-m", "pytest", "compat", "-q", "-p", "no:cacheprovider", `--junitxml=${out}`],
        serverEnv,
        () => countJunit(out),
      );
    }
    while (started.length) await started.pop().stop();
  }
  if (wants("cluster") && postgres) vitest("cluster (postgres)", "cluster", pgEnv);
  if (wants("reliability")) {
    // Fuzz, crash and concurrency tests; they start (and kill) studios of their own.
    ensureFuzzVenv();
    vitest("reliability", "reliability", { RELIABILITY_LEVEL: "ci" });
  }
} catch (e) {
  log(`error: ${e instanceof Error ? e.stack : e}`);
  record("setup", { passed: 0, failed: 1 });
} finally {
  for (const s of started) await s.stop();
  await postgres?.stop();
}

for (const line of lines) log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
