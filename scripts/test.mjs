// `npm test`: every test suite, in order, against real parts. Ends with "N passed, N failed".
//   npm test                      all suites
//   npm test -- --only unit,api   a subset (unit, api, reliability, e2e, compat)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureChromium } from "./lib/chromium.mjs";
import { countJunit, countPlaywright, countVitest } from "./lib/reports.mjs";
import { ensureCompatVenvs, ensureFuzzVenv } from "./lib/python.mjs";
import { bin, log, prepare, ROOT } from "./lib/prepare.mjs";
import { startStudio } from "./lib/server.mjs";

const onlyArg = process.argv.find((a) => a.startsWith("--only"));
const only = onlyArg ? (onlyArg.split("=")[1] ?? process.argv[process.argv.indexOf(onlyArg) + 1]).split(",") : null;
const wants = (suite) => !only || only.includes(suite);
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

let studio;
let emptyStudio;
try {
  prepare();
  const chromium = wants("e2e") ? ensureChromium() : undefined;
  // The MLflow client venvs serve the compat suites and the browser tests' fixtures.
  const venvs = wants("compat") || wants("e2e") ? ensureCompatVenvs() : [];

  if (wants("unit")) {
    runSuite("typecheck", bin("tsc"), ["--noEmit", "-p", "."], {}, (status) => (status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }));
    const out = path.join(reports, "unit.json");
    runSuite("unit", bin("vitest"), ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], {}, () => countVitest(out));
  }
  if (wants("api") || wants("e2e") || wants("compat")) {
    studio = await startStudio();
    log(`studio under test: ${studio.url} (data: ${studio.dataDir})`);
  }
  const serverEnv = () => ({ STUDIO_URL: studio.url, STUDIO_DATA_DIR: studio.dataDir });
  if (wants("api")) {
    const out = path.join(reports, "api.json");
    runSuite("api", bin("vitest"), ["run", "--project", "api", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], serverEnv(), () => countVitest(out));
  }
  if (wants("reliability")) {
    // Fuzz, crash and concurrency tests; they start (and kill) studios of their own.
    ensureFuzzVenv();
    const out = path.join(reports, "reliability.json");
    runSuite("reliability", bin("vitest"), ["run", "--project", "reliability", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], { RELIABILITY_LEVEL: "ci" }, () => countVitest(out));
  }
  if (wants("e2e")) {
    emptyStudio = await startStudio();
    const out = path.join(reports, "e2e.json");
    const env = { ...serverEnv(), STUDIO_EMPTY_URL: emptyStudio.url, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: out, STUDIO_PYTHON: venvs[0]?.python ?? "" };
    runSuite("e2e", bin("playwright"), ["test", "--reporter=list,json"], env, () => countPlaywright(out));
  }
  for (const venv of wants("compat") ? venvs : []) {
    const out = path.join(reports, `compat-${venv.name}.xml`);
    runSuite(`compat (${venv.label})`, venv.python, ["-m", "pytest", "compat", "-q", "-p", "no:cacheprovider", `--junitxml=${out}`], serverEnv(), () => countJunit(out));
  }
} catch (e) {
  log(`error: ${e instanceof Error ? e.message : e}`);
  record("setup", { passed: 0, failed: 1 });
} finally {
  await studio?.stop();
  await emptyStudio?.stop();
}

for (const line of lines) log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
