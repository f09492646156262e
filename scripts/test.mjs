// `npm test`: every test suite, in order, against real parts. Ends with "N passed, N failed".
//   npm test                        all suites, on every deployment shape
//   npm test -- --only unit,api     a subset (lint, unit, api, auth, reliability, cluster, replicas, e2e, compat)
//   npm test -- --targets sqlite    some deployment shapes (sqlite, postgres, s3, replicas)
//
// Deployment shapes ("targets") the API, browser and MLflow-client suites run against:
//   sqlite    one studio, the embedded default (SQLite + local folder); and one with accounts on
//   postgres  one studio on PostgreSQL (local folder); and one with accounts on
//   s3        one studio with artifacts in S3 (an S3-compatible server), API suite
//   replicas  three studios behind nginx on PostgreSQL + Azure Blob (Azurite): MLflow clients and
//             the browser tests (all but the empty-studio one) through the one address
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureChromium } from "./lib/chromium.mjs";
import { ensureNginx } from "./lib/nginx.mjs";
import { startAzurite, startS3 } from "./lib/object-stores.mjs";
import { startPostgres } from "./lib/postgres.mjs";
import { bin, log, prepare, ROOT } from "./lib/prepare.mjs";
import { ensureCompatVenvs, ensureFuzzVenv, ensureVenv } from "./lib/python.mjs";
import { startReplicas } from "./lib/replicas.mjs";
import { countJunit, countPlaywright, countVitest } from "./lib/reports.mjs";
import { startStudio } from "./lib/server.mjs";

function option(name) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}`));
  if (!arg) return null;
  return (arg.split("=")[1] ?? process.argv[process.argv.indexOf(arg) + 1]).split(",");
}
const only = option("only");
const wants = (suite) => !only || only.includes(suite);
const targets = option("targets") ?? ["sqlite", "postgres", "s3", "replicas"];
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "studio-reports-"));
const totals = { passed: 0, failed: 0 };
const lines = [];
const started = Date.now();

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

const vitest = (suite, project, env, extraArgs = []) => {
  const out = path.join(reports, `${suite.replace(/\W+/g, "-")}.json`);
  runSuite(
    suite,
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...extraArgs],
    env,
    () => countVitest(out),
  );
};
const passFail = (status) => (status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

/** Things to stop at the end (or when a target is done), newest first. */
const running = [];
const track = (x) => (running.push(x), x);
const stopAll = async () => {
  while (running.length) await running.pop().stop();
};

/**
 * Accounts on (STUDIO_AUTH=on): the permission matrix and account tests (tests/auth), the MLflow
 * clients with tokens and passwords (compat_auth), and the browser (e2e/auth.spec.ts), against one
 * studio on the target's engine. Sessions last 30 s there, so the browser can watch one expire.
 */
async function authSuites(target, dbEnv) {
  const adminPassword = `admin-${randomBytes(9).toString("base64url")}`;
  const ttl = "30";
  const studio = track(
    await startStudio({ ...dbEnv, STUDIO_AUTH: "on", STUDIO_ADMIN_PASSWORD: adminPassword, STUDIO_SESSION_TTL_SECONDS: ttl }),
  );
  log(`studio with accounts (${target}): ${studio.url}`);
  const env = {
    STUDIO_URL: studio.url,
    STUDIO_DATA_DIR: studio.dataDir,
    STUDIO_DATABASE_URL: dbEnv.DATABASE_URL ?? "",
    STUDIO_ADMIN_PASSWORD: adminPassword,
    STUDIO_SESSION_TTL_SECONDS: ttl,
  };
  vitest(`auth (${target})`, "auth", env);
  for (const venv of venvs) {
    const out = path.join(reports, `compat-auth-${venv.name}-${target}.xml`);
    runSuite(
      `compat with accounts (${venv.label}, ${target})`,
      venv.python,
      ["-m", "pytest", "compat_auth", "-q", "-p", "no:cacheprovider", `--junitxml=${out}`],
      env,
      () => countJunit(out),
    );
  }
  const out = path.join(reports, `e2e-auth-${target}.json`);
  runSuite(
    `e2e with accounts (${target})`,
    bin("playwright"),
    ["test", "--reporter=list,json", "--project=auth"],
    { ...env, STUDIO_AUTH_URL: studio.url, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    () => countPlaywright(out),
  );
}

let postgres;
let venvs = [];
let chromium;
try {
  prepare();
  const wantsServers = ["api", "auth", "e2e", "compat"].some(wants);
  chromium = wants("e2e") || wants("auth") ? ensureChromium() : undefined;
  // The MLflow client venvs serve the compat suites and the browser tests' fixtures.
  venvs = wants("compat") || wants("e2e") || wants("auth") ? ensureCompatVenvs() : [];
  if (wants("unit") || targets.includes("s3")) ensureVenv("s3", path.join(ROOT, "tests", "storage", "requirements-s3.txt"));
  if (targets.includes("replicas") && (wantsServers || wants("replicas"))) ensureNginx();
  const needsPostgres =
    targets.some((t) => t === "postgres" || t === "replicas") &&
    [...["unit", "cluster", "replicas"], "api", "auth", "e2e", "compat"].some(wants);
  if (needsPostgres) {
    postgres = await startPostgres();
    log(`PostgreSQL for the tests: ${postgres.url}`);
  }
  const pgEnv = postgres ? { STUDIO_TEST_PG_URL: postgres.url, STUDIO_REQUIRE_PG: "1" } : {};

  if (wants("lint")) {
    runSuite("typecheck", bin("tsc"), ["--noEmit", "-p", "."], {}, passFail);
    runSuite("lint", bin("biome"), ["ci", "--diagnostic-level=error", "."], {}, passFail);
  }
  // The store contract runs on both engines (STUDIO_TEST_PG_URL), the artifact contract on every backend.
  if (wants("unit")) vitest("unit", "unit", pgEnv);

  let dbCount = 0;
  const newDatabase = async () => ({ DATABASE_URL: await postgres.createDatabase(`studio_${++dbCount}`) });
  for (const target of wantsServers ? targets : []) {
    if (target === "sqlite" || target === "postgres") {
      const dbEnv = target === "postgres" ? newDatabase : async () => ({});
      const main = track(await startStudio(await dbEnv()));
      log(`studio under test (${target}): ${main.url} (data: ${main.dataDir})`);
      const serverEnv = { STUDIO_URL: main.url, STUDIO_DATA_DIR: main.dataDir, STUDIO_ENGINE: target };
      if (wants("api")) vitest(`api (${target})`, "api", serverEnv);
      if (wants("e2e")) {
        const empty = track(await startStudio(await dbEnv()));
        const out = path.join(reports, `e2e-${target}.json`);
        const env = {
          ...serverEnv,
          STUDIO_EMPTY_URL: empty.url,
          CHROMIUM_PATH: chromium,
          PLAYWRIGHT_JSON_OUTPUT_NAME: out,
          STUDIO_PYTHON: venvs[0]?.python ?? "",
        };
        runSuite(
          `e2e (${target})`,
          bin("playwright"),
          ["test", "--reporter=list,json", "--project=empty-studio", "--project=chromium"],
          env,
          () => countPlaywright(out),
        );
      }
      for (const venv of wants("compat") ? venvs : []) {
        const out = path.join(reports, `compat-${venv.name}-${target}.xml`);
        runSuite(
          `compat (${venv.label}, ${target})`,
          venv.python,
          ["-m", "pytest", "compat", "-q", "-p", "no:cacheprovider", `--junitxml=${out}`],
          serverEnv,
          () => countJunit(out),
        );
      }
      if (wants("auth")) await authSuites(target, await dbEnv());
    } else if (target === "s3" && wants("api")) {
      const s3 = track(await startS3());
      await s3.createBucket("studio-tests");
      const main = track(await startStudio(s3.env("studio-tests", "artifacts")));
      log(`studio under test (sqlite + S3 at ${s3.endpoint}): ${main.url}`);
      vitest("api (s3)", "api", { STUDIO_URL: main.url, STUDIO_DATA_DIR: main.dataDir, STUDIO_ARTIFACT_BACKEND: "s3" });
    } else if (target === "replicas" && (wants("compat") || wants("e2e"))) {
      const azurite = track(await startAzurite());
      const cluster = track(
        await startReplicas({ count: 3, databaseUrl: (await newDatabase()).DATABASE_URL, storageEnv: azurite.env("studio", "artifacts") }),
      );
      log(`3 replicas behind nginx (PostgreSQL + Azurite): ${cluster.url}`);
      const serverEnv = { STUDIO_URL: cluster.url, STUDIO_ARTIFACT_BACKEND: "azure" };
      for (const venv of wants("compat") ? venvs : []) {
        const out = path.join(reports, `compat-${venv.name}-replicas.xml`);
        runSuite(
          `compat (${venv.label}, 3 replicas)`,
          venv.python,
          ["-m", "pytest", "compat", "-q", "-p", "no:cacheprovider", `--junitxml=${out}`],
          serverEnv,
          () => countJunit(out),
        );
      }
      if (wants("e2e")) {
        const out = path.join(reports, "e2e-replicas.json");
        const env = { ...serverEnv, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: out, STUDIO_PYTHON: venvs[0]?.python ?? "" };
        runSuite("e2e (3 replicas)", bin("playwright"), ["test", "--reporter=list,json", "--project=chromium"], env, () =>
          countPlaywright(out),
        );
      }
    }
    await stopAll();
  }
  if (wants("cluster") && postgres) vitest("cluster (postgres)", "cluster", pgEnv);
  if (wants("replicas") && postgres && targets.includes("replicas")) vitest("replicas (nginx, postgres, azure)", "replicas", pgEnv);
  if (wants("reliability")) {
    // Fuzz, crash and concurrency tests; they start (and kill) studios of their own.
    ensureFuzzVenv();
    vitest("reliability", "reliability", { RELIABILITY_LEVEL: "ci" });
  }
} catch (e) {
  log(`error: ${e instanceof Error ? e.stack : e}`);
  record("setup", { passed: 0, failed: 1 });
} finally {
  await stopAll();
  await postgres?.stop();
}

for (const line of lines) log(line);
log(`took ${((Date.now() - started) / 60_000).toFixed(1)} min`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
