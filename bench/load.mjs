// Closed-loop load generator: `clients` concurrent virtual users, each sending its next request
// as soon as the previous one answered (like k6 VUs, the setup of mlflow-go's published numbers).
// A warm-up phase runs first and is discarded (JIT, connection setup, SQLite page cache). Only
// requests that complete inside the measured window count towards req/s; latencies are those of
// requests started inside the window, including ones that finish late (a server stalled on locks
// must not look fast by dropping its slow requests). It reports its own CPU time, and the CPU the
// rest of the machine used, because it shares 2 cores with the server it measures.
import { performance } from "node:perf_hooks";
import { makeAgent, send } from "./lib/http.mjs";
import { machineBusySeconds } from "./lib/proc.mjs";

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * @param {object} o
 * @param {string} o.baseUrl     e.g. http://127.0.0.1:5000/api/2.0/mlflow
 * @param {(client: number, seq: number) => {method: string, path: string, body?: any}} o.request
 * @param {number} o.clients     concurrent virtual users
 * @param {number} o.durationMs  measured window
 * @param {number} o.warmupMs    discarded warm-up before the window
 * @param {() => number} [o.serverCpu] CPU seconds of the server's process tree (read before/after)
 * @param {() => number} [o.dbCpu] CPU seconds of a database server's process tree (PostgreSQL):
 *   not part of the server's tree, so reported on its own instead of as "other" work
 * @param {Record<string, () => number>} [o.partyCpu] CPU seconds of further named parties (a
 *   reverse proxy), each reported in `partyCpuS` and left out of "other" work
 */
export async function runLoad({ baseUrl, request, clients, durationMs, warmupMs, serverCpu, dbCpu, partyCpu = {} }) {
  const agent = makeAgent(clients);
  const latencies = [];
  const statuses = {};
  const samples = [];
  const uncounted = [];
  let errors = 0;
  let measuring = false;
  let startAt = Infinity;
  let stopAt = Infinity;
  let completed = 0;
  let late = 0;
  const inflight = new Set(); // start times, to see requests begun in warm-up and still unanswered
  let seq = 0;

  const client = async (c) => {
    while (performance.now() < stopAt) {
      const { method, path, body } = request(c, seq++);
      const t0 = performance.now();
      let status = 0;
      let text = "";
      inflight.add(t0);
      try {
        ({ status, text } = await send(baseUrl, method, path, body, agent));
      } catch (e) {
        text = String(e.message || e);
      }
      inflight.delete(t0);
      const t1 = performance.now();
      if (!measuring || t0 < startAt) {
        // Not counted (warm-up), but a stalled server's answers usually arrive here: keep the why.
        if (status !== 200 && uncounted.length < 3) uncounted.push(`${status || "socket"}: ${text.slice(0, 200)}`);
        continue;
      }
      if (t1 > stopAt) late++;
      else if (status === 200) completed++; // successes inside the window make the throughput
      statuses[status] = (statuses[status] || 0) + 1;
      if (status === 200) latencies.push(t1 - t0);
      else {
        errors++;
        if (samples.length < 3) samples.push(`${status || "socket"}: ${text.slice(0, 200)}`);
      }
    }
  };

  const runners = Array.from({ length: clients }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true;
  const cpu0 = process.cpuUsage();
  const srv0 = serverCpu ? serverCpu() : 0;
  const db0 = dbCpu ? dbCpu() : 0;
  const party0 = Object.fromEntries(Object.entries(partyCpu).map(([k, f]) => [k, f()]));
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  startAt = t0;
  stopAt = t0 + durationMs;
  await new Promise((r) => setTimeout(r, durationMs));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const srvCpu = serverCpu ? serverCpu() - srv0 : null;
  const dbCpuS = dbCpu ? dbCpu() - db0 : null;
  const partyCpuS = Object.fromEntries(Object.entries(partyCpu).map(([k, f]) => [k, f() - party0[k]]));
  const partySum = Object.values(partyCpuS).reduce((a, b) => a + b, 0);
  const busy = machineBusySeconds() - busy0;
  // Requests sent during warm-up and unanswered for the whole window: the server is stalled.
  const stalled = [...inflight].filter((t) => t < startAt).length;
  // Requests still in flight finish (their latency counts), but a stalled server gets 30 s at most.
  const abandon = setTimeout(() => agent.destroy(), 30_000);
  await Promise.all(runners);
  clearTimeout(abandon);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const loadCpuS = (cpu.user + cpu.system) / 1e6;
  return {
    ok: latencies.length,
    completed,
    late,
    stalled,
    errors,
    statuses,
    errorSamples: samples,
    uncountedErrorSamples: uncounted,
    rps: completed / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    seconds: elapsed,
    loadCpuS,
    serverCpuS: srvCpu,
    dbCpuS,
    partyCpuS,
    busyCpuS: busy,
    otherCpuS: srvCpu === null ? null : Math.max(0, busy - srvCpu - (dbCpuS ?? 0) - partySum - loadCpuS),
  };
}

/** Sequential-or-concurrent fixed-count runner (registry benchmark): `total` requests, `clients` at a time. */
export async function runCount({ baseUrl, request, clients, total, maxMs }) {
  const agent = makeAgent(clients);
  const latencies = [];
  let errors = 0;
  const samples = [];
  let next = 0;
  const t0 = performance.now();
  const deadline = t0 + (maxMs ?? Infinity);
  const client = async () => {
    while (next < total && performance.now() < deadline) {
      const { method, path, body } = request(next++);
      const s = performance.now();
      const { status, text } = await send(baseUrl, method, path, body, agent).catch((e) => ({ status: 0, text: String(e) }));
      if (status === 200) latencies.push(performance.now() - s);
      else if (errors++ < 3) samples.push(`${status || "socket"}: ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    errors,
    errorSamples: samples,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}
