// The benchmark suite in one command:
//   node bench/run.mjs [--quick] [--only tracking,tracking-pg,artifacts,artifacts-azure,registry,registry-pg,replicas,ui] [--no-build] [--doc FILE]
// Installs the peer servers into pinned venvs (.cache/bench-*), starts every server itself on free
// ports with fresh temp data, runs, stops them, writes bench/results/<suite>.json and rewrites
// docs/benchmarks.md (or --doc FILE) from the newest results of every suite (so `--only` keeps the
// other sections). The `-pg` suites run the same workloads with every server on PostgreSQL (one
// throwaway durable cluster per suite). Speed is always reported as ratios against baselines
// measured in the same run on the same machine.
import fs from "node:fs";
import path from "node:path";
import { runArtifacts } from "./artifacts.mjs";
import { runArtifactsAzure } from "./artifacts-azure.mjs";
import { machineInfo } from "./lib/machine.mjs";
import { writeDoc } from "./lib/report.mjs";
import { ensureStudioBuild } from "./lib/studio.mjs";
import { ensureVenv, ROOT } from "./lib/venv.mjs";
import { runRegistry } from "./registry.mjs";
import { runReplicas } from "./replicas.mjs";
import { runTracking } from "./tracking.mjs";
import { runUiPages } from "./ui/pages.mjs";

const SUITES = {
  tracking: runTracking,
  "tracking-pg": (o) => runTracking({ ...o, engine: "postgresql" }),
  artifacts: runArtifacts,
  "artifacts-azure": runArtifactsAzure,
  registry: runRegistry,
  "registry-pg": (o) => runRegistry({ ...o, engine: "postgresql" }),
  replicas: runReplicas,
  ui: runUiPages,
};
// The peer venvs each suite needs, installed before anything is timed.
const VENVS_OF = {
  tracking: ["mlflow", "mlflow-go", "fasttrackml"],
  "tracking-pg": ["mlflow", "mlflow-go", "fasttrackml"],
  registry: ["mlflow"],
  "registry-pg": ["mlflow"],
};
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const option = (name) => {
  const a = args.find((v) => v === name || v.startsWith(`${name}=`));
  return a === undefined ? undefined : a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[args.indexOf(a) + 1];
};
const onlyArg = option("--only");
const only = onlyArg ? onlyArg.split(",") : Object.keys(SUITES);
const docFile = path.resolve(option("--doc") || path.join(ROOT, "docs", "benchmarks.md"));
const unknown = only.filter((s) => !SUITES[s]);
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(", ")} (known: ${Object.keys(SUITES).join(", ")})`);
  process.exit(2);
}

const started = Date.now();
const log = (msg) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const resultsDir = path.join(ROOT, "bench", "results");
fs.mkdirSync(resultsDir, { recursive: true });

// The studio is measured from its production build. Rebuilding while others edit app/ could pick
// up half-done work, so --no-build measures the existing build (the doc says if it was stale).
const build = ensureStudioBuild({ allowRebuild: !args.includes("--no-build"), log });
if (build.stale) log("WARNING: the studio build is older than its sources; numbers are for the build");

// Install every venv first, so PyPI time never lands inside a measurement.
const peerVenvs = {};
for (const name of new Set(only.flatMap((s) => VENVS_OF[s] || []))) {
  const v = ensureVenv(name, log);
  peerVenvs[name] = v.error ? { error: v.error } : { reqs: v.reqs };
  if (v.error) log(`could not install ${name}: ${v.error}`);
}

let failed = false;
for (const suite of only) {
  log(`=== ${suite}${quick ? " (quick)" : ""}`);
  const machineBefore = machineInfo();
  const t0 = Date.now();
  let result;
  try {
    result = await SUITES[suite]({ quick, log });
  } catch (e) {
    log(`${suite} failed: ${e.stack || e}`);
    result = { suite, date: new Date().toISOString(), quick, error: String(e.message || e) };
    failed = true;
  }
  result.seconds = (Date.now() - t0) / 1000;
  const machineAfter = machineInfo();
  // Someone else's `next build` during the suite means part of it measured another build.
  const buildChanged = machineAfter.studioBuiltAt !== machineBefore.studioBuiltAt;
  result.machine = { ...machineBefore, loadAvgAfter: machineAfter.loadAvg, buildChanged, studioBuiltAtAfter: machineAfter.studioBuiltAt };
  result.venvs = peerVenvs;
  const json = JSON.stringify(result, null, 2);
  fs.writeFileSync(path.join(resultsDir, `${suite}.json`), json);
  fs.writeFileSync(path.join(resultsDir, `${suite}-${result.date.replace(/[:.]/g, "-")}.json`), json);
  log(`${suite} done in ${result.seconds.toFixed(0)} s`);
}

const doc = writeDoc(resultsDir, docFile);
log(`wrote ${path.relative(ROOT, doc.file)}`);
for (const line of doc.headlines) log(line);
process.exit(failed ? 1 : 0);
