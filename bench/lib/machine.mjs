// What the numbers were measured on. Stored with every suite's results, because `--only` runs
// one suite at a time and the doc shows each section with its own date and machine.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { buildState } from "./studio.mjs";
import { ROOT } from "./venv.mjs";

function out(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "?";
  }
}

export function machineInfo() {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model;
  const dirty = out("git", ["status", "--porcelain", "--", "app", "components", "lib", "prisma", "scripts"]);
  const build = buildState();
  return {
    nproc: out("nproc", []),
    cpu,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    python: out("python3", ["--version"]).replace("Python ", ""),
    studioCommit: out("git", ["rev-parse", "--short", "HEAD"]),
    studioUncommittedFiles: dirty && dirty !== "?" ? dirty.split("\n").length : 0,
    studioBuiltAt: build.builtAt ? new Date(build.builtAt).toISOString() : null,
    studioBuildStale: build.stale,
    loadAvg: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
