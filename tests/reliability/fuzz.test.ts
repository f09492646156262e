// Fuzz: property-based requests generated from the studio's own OpenAPI document (schemathesis)
// plus hand-written hostile cases, all through a counting proxy. Passes when no answer is a 5xx,
// no connection is dropped, no message names a server path, and the studio still serves.
import { spawn } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFuzzVenv } from "../../scripts/lib/python.mjs";
import { startStudio } from "../../scripts/lib/server.mjs";
import { startCountingProxy } from "./support/counting-proxy";
import { type HostileCase, hostileCases, type Seed } from "./support/hostile-cases";
import { LEVEL, report } from "./support/report";

type Studio = Awaited<ReturnType<typeof startStudio>>;
let studio: Studio;
let seed: Seed;

async function api(base: string, endpoint: string, body: unknown) {
  const res = await fetch(`${base}/api/2.0/mlflow/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${endpoint}: ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  studio = await startStudio();
  const exp = (await api(studio.url, "experiments/create", { name: "fuzz" })).experiment_id as string;
  const run = (await api(studio.url, "runs/create", { experiment_id: exp })).run.info.run_id as string;
  const put = (p: string, body: string) =>
    fetch(`${studio.url}/api/2.0/mlflow-artifacts/artifacts/${exp}/${run}/artifacts/${p}`, { method: "PUT", body });
  await put("model/MLmodel", "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n");
  await put("model/model.pkl", "weights");
  await put("notes.txt", "hello");
  await api(studio.url, "registered-models/create", { name: "fuzz-model" });
  await api(studio.url, "model-versions/create", { name: "fuzz-model", source: `runs:/${run}/model`, run_id: run });
  const upload = (await (await fetch(`${studio.url}/api/studio/uploads`, { method: "POST" })).json()).upload_id as string;
  seed = { exp, run, model: "fuzz-model", upload };
}, 120_000);

afterAll(async () => {
  await studio?.stop();
});

/**
 * One request on a connection of its own (any method, TRACE included). A server may answer before
 * reading a refused body and close the connection; the answer still counts once it arrived.
 */
function send(base: string, c: HostileCase): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${base}${c.path}`);
    let answered: { status: number; chunks: Buffer[] } | null = null;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: c.method,
        headers: c.headers,
        agent: false,
        timeout: 60_000,
      },
      (res) => {
        answered = { status: res.statusCode ?? 0, chunks: [] };
        res.on("data", (d: Buffer) => answered!.chunks.push(d));
        res.on("end", () => resolve({ status: answered!.status, text: Buffer.concat(answered!.chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (e) => {
      if (answered) resolve({ status: answered.status, text: Buffer.concat(answered.chunks).toString("utf8") });
      else reject(e);
    });
    req.end(c.body);
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout = (stdout + d).slice(-1_000_000)));
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-1_000_000)));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const serverPaths = () => [studio.dataDir, path.resolve("."), os.homedir()].filter((p) => p.length > 1);

describe("fuzz", () => {
  it("answers every hand-written hostile request below 500, without server paths", async () => {
    const proxy = await startCountingProxy(studio.url);
    const failures: string[] = [];
    const cases = hostileCases(seed);
    for (const c of cases) {
      try {
        const res = await send(proxy.url, c);
        if (res.status >= 500) failures.push(`${c.name}: ${res.status} ${res.text.slice(0, 200)}`);
        for (const p of serverPaths()) if (res.text.includes(p)) failures.push(`${c.name}: the answer names the server path ${p}`);
      } catch (e) {
        failures.push(`${c.name}: no answer (${(e as Error).message})`);
      }
    }
    await proxy.close();
    report("hostile", {
      cases: cases.length,
      requests: proxy.counts.requests,
      byStatus: proxy.counts.byStatus,
      serverErrors: proxy.counts.serverErrors,
      dropped: proxy.counts.dropped,
      failures,
    });
    expect(failures).toEqual([]);
    expect(proxy.counts.serverErrors).toBe(0);
    expect(proxy.counts.dropped).toBe(0);
    expect((await fetch(`${studio.url}/health`)).status).toBe(200);
  }, 600_000);

  it("answers every request schemathesis generates from /api/openapi.json below 500", async () => {
    const python = ensureFuzzVenv();
    const proxy = await startCountingProxy(studio.url);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "studio-fuzz-"));
    const examples = LEVEL === "long" ? 400 : 25;
    const seedNumber = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
    // Asynchronous: the counting proxy runs on this process's event loop.
    const res = await run(
      path.join(path.dirname(python), "schemathesis"),
      [
        "run",
        `${proxy.url}/api/openapi.json`,
        "--checks",
        "not_a_server_error",
        "--max-examples",
        String(examples),
        "--phases",
        "examples,coverage,fuzzing",
        "--no-shrink",
        "--seed",
        String(seedNumber),
        "--workers",
        "1",
        "--request-timeout",
        "60",
        "--generation-database",
        "none",
        "--report",
        "junit",
        "--report-junit-path",
        path.join(out, "junit.xml"),
        "--output-truncate",
        "true",
      ],
      { ...process.env, NO_COLOR: "1" },
    );
    await proxy.close();
    const summary = (res.stdout ?? "")
      .split("\n")
      .filter((l) => /generated|Server error|failures?|Tested|Selected|Seed|Runtime Error/.test(l))
      .slice(-12);
    report("schemathesis", {
      seed: seedNumber,
      maxExamples: examples,
      exit: res.status,
      requests: proxy.counts.requests,
      byStatus: proxy.counts.byStatus,
      serverErrors: proxy.counts.serverErrors,
      dropped: proxy.counts.dropped,
      samples5xx: proxy.counts.samples5xx,
      samplesDropped: proxy.counts.samplesDropped,
      summary,
    });
    if (proxy.counts.serverErrors || proxy.counts.dropped || res.status !== 0) {
      console.log((res.stdout ?? "").slice(-6000), (res.stderr ?? "").slice(-2000));
    }
    expect(proxy.counts.requests).toBeGreaterThan(500);
    expect(proxy.counts.samples5xx).toEqual([]);
    expect(proxy.counts.samplesDropped).toEqual([]);
    // Exit 1 also covers schemathesis's own errors (a crash in its generator): read the summary.
    expect(res.status, summary.join("\n")).toBe(0);
    expect((await fetch(`${studio.url}/health`)).status).toBe(200);
  }, 1_800_000);
});
