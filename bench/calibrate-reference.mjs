// How many workers should the reference `mlflow server` get on this machine? Runs the tracking
// workload (quick sizes) against 1, 2 and 4 uvicorn workers side by side and prints req/s, so the
// choice in bench/lib/peers.mjs (REFERENCE_WORKERS) can be re-checked: `node bench/calibrate-reference.mjs`.
import fs from "node:fs";
import path from "node:path";
import { startReference } from "./lib/peers.mjs";
import { ROOT } from "./lib/venv.mjs";
import { runTracking } from "./tracking.mjs";

const counts = (process.argv[2] || "1,2,4").split(",").map(Number);
const defs = counts.map((w) => ({ name: `mlflow-w${w}`, start: (o) => startReference({ ...o, workers: w }) }));
const res = await runTracking({ quick: true, log: console.log, defs });
const lines = [`| op | ${defs.map((d) => d.name).join(" | ")} |`, `|---|${defs.map(() => "---:").join("|")}|`];
for (const op of res.ops) {
  const cells = res.servers.map((s) => {
    const r = s.ops?.[op.id];
    return r?.rps === undefined
      ? "–"
      : `${r.rps.toFixed(1)}${r.errors ? ` (${r.errors} errors)` : ""}${r.stalled ? ` (${r.stalled} stalled)` : ""}`;
  });
  lines.push(`| ${op.id} | ${cells.join(" | ")} |`);
}
console.log(lines.join("\n"));
fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(ROOT, "bench", "results", "calibrate-reference.json"), JSON.stringify({ ...res, table: lines }, null, 2));
