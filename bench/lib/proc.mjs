// Starting and stopping the servers under test. Every server gets a free port and its own temp
// dir; its output goes to a log file there so a failed start can be explained in the report.
// CPU time is read from /proc for the whole process tree, because the reference server forks
// workers (and mlflow-go starts a Python sidecar) whose time never shows up on the parent.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export { freePort } from "../../scripts/lib/server.mjs";

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${prefix}-`));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `url` until it answers 2xx; throws with the log's tail if the process dies or times out. */
export async function waitHealthy(url, child, logPath, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode) break;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  const tail = fs.existsSync(logPath) ? fs.readFileSync(logPath, "utf8").trim().split("\n").slice(-8).join("\n") : "";
  const why = child.exitCode !== null ? `exited with code ${child.exitCode}` : `not healthy after ${timeoutMs / 1000} s`;
  throw new Error(`${why} (log: ${logPath}); log tail:\n${tail}`);
}

/** Spawns a server in its own process group (so stop() reaches workers and sidecars). */
export async function startServer({ name, cmd, args, env, cwd, dir, healthUrl, timeoutMs }) {
  const logPath = path.join(dir, `${name}.log`);
  const out = fs.openSync(logPath, "a");
  const child = spawn(cmd, args, { cwd: cwd || dir, env: { ...process.env, ...env }, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 8000);
    await exited;
    clearTimeout(t);
    await sleep(300); // let the port and SQLite locks go before the next server starts
  };
  try {
    await waitHealthy(healthUrl, child, logPath, timeoutMs);
  } catch (e) {
    await stop();
    throw e;
  }
  return { pid: child.pid, logPath, stop };
}

/** PIDs of `root` and all its descendants, from /proc/<pid>/stat's ppid field. */
export function processTree(root) {
  const parents = new Map();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(d), ppid);
    } catch {}
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

const TICK = 100; // USER_HZ on Linux
/** User+system CPU seconds of a process tree (live processes only). */
export function treeCpuSeconds(root) {
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    } catch {}
  }
  return ticks / TICK;
}

/** CPU seconds the whole machine spent busy (all processes), from /proc/stat. The load generator
 * subtracts the server's and its own share to show how much other work ran during a window. */
export function machineBusySeconds() {
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return (user + nice + system + irq + softirq + steal) / TICK;
}

const field = (line, name) => new RegExp(`\\b${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(line)?.[1]?.replace(/\\"/g, '"');

/** Distinct exception lines from a server log ("AttributeError: …", or a Go peer's logrus line
 * `level=error msg="…" error="…" sql="…"`), to explain errors in the report. */
export function logErrors(logPath, max = 3) {
  let text = "";
  try {
    text = fs.readFileSync(logPath, "utf8");
  } catch {
    return [];
  }
  const found = new Set();
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Za-z_.]*(?:Error|Exception)\b[^:]*: .{0,200})/.exec(line);
    if (m) found.add(m[1].trim());
    else if (/\blevel=error\b/.test(line)) {
      const [msg, error, sql] = ["msg", "error", "sql"].map((k) => field(line, k));
      if (msg) found.add([msg, error, sql && `SQL: ${sql}`].filter(Boolean).join(": ").slice(0, 400));
    }
  }
  return [...found].slice(0, max);
}
