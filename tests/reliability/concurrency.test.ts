// Concurrent writers: 32 clients logging at once, into one shared run and into runs of their own.
// Every acknowledged point, param and tag must be there afterwards, exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StartedStudio } from "../../scripts/lib/server.mjs";
import { LEVEL, report } from "./support/report";

const WRITERS = 32;
const BATCHES = LEVEL === "long" ? 200 : 40;
const KEYS = 10;

let studio: StartedStudio;
const figures: Record<string, unknown> = {};

async function api(endpoint: string, body: unknown, method = "POST") {
  const url = `${studio.url}/api/2.0/mlflow/${endpoint}`;
  const res =
    method === "GET"
      ? await fetch(`${url}?${new URLSearchParams(body as Record<string, string>)}`)
      : await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${endpoint} ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** One writer: BATCHES log-batch calls of KEYS metrics (its own steps), one param and one tag each. */
async function writer(runId: string, w: number) {
  for (let b = 0; b < BATCHES; b++) {
    const step = w * 100_000 + b;
    await api("runs/log-batch", {
      run_id: runId,
      metrics: Array.from({ length: KEYS }, (_, k) => ({ key: `m${k}`, value: step + k / 10, timestamp: 1_700_000_000_000 + b, step })),
      params: [{ key: `p_${w}_${b}`, value: String(step) }],
      tags: [{ key: `t_${w}`, value: String(b) }],
    });
  }
}

async function history(runId: string, key: string): Promise<number> {
  let count = 0;
  for (let token: string | undefined; ; ) {
    const page = await api(
      "metrics/get-history",
      { run_id: runId, metric_key: key, max_results: "25000", ...(token ? { page_token: token } : {}) },
      "GET",
    );
    count += (page.metrics ?? []).length;
    token = page.next_page_token;
    if (!token) return count;
  }
}

beforeAll(async () => {
  studio = await startStudio();
}, 120_000);

afterAll(async () => {
  await studio?.stop();
  report("concurrency", figures);
});

describe(`${WRITERS} concurrent writers`, () => {
  it("into one run: exact counts back", async () => {
    const exp = (await api("experiments/create", { name: "conc-shared" })).experiment_id;
    const run = (await api("runs/create", { experiment_id: exp })).run.info.run_id;
    const started = Date.now();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(run, w)));
    const seconds = (Date.now() - started) / 1000;
    const got = (await api("runs/get", { run_id: run }, "GET")).run.data;
    const points = await Promise.all(Array.from({ length: KEYS }, (_, k) => history(run, `m${k}`)));
    figures.sharedRun = {
      writers: WRITERS,
      batches: WRITERS * BATCHES,
      metricPoints: points.reduce((a, b) => a + b, 0),
      expectedPoints: WRITERS * BATCHES * KEYS,
      params: got.params.length,
      seconds,
    };
    expect(points).toEqual(Array(KEYS).fill(WRITERS * BATCHES));
    expect(got.params).toHaveLength(WRITERS * BATCHES);
    // The last batch of each writer set its tag last; the latest metric is the highest step.
    for (let w = 0; w < WRITERS; w++) expect(got.tags.find((t: { key: string }) => t.key === `t_${w}`)?.value).toBe(String(BATCHES - 1));
    expect(got.metrics.find((m: { key: string }) => m.key === "m0").step).toBe((WRITERS - 1) * 100_000 + BATCHES - 1);
  });

  it("into runs of their own: exact counts back", async () => {
    const exp = (await api("experiments/create", { name: "conc-own" })).experiment_id;
    const runs: string[] = [];
    for (let w = 0; w < WRITERS; w++) runs.push((await api("runs/create", { experiment_id: exp })).run.info.run_id);
    const started = Date.now();
    await Promise.all(runs.map((run, w) => writer(run, w)));
    const seconds = (Date.now() - started) / 1000;
    let points = 0;
    for (const [w, run] of runs.entries()) {
      const got = (await api("runs/get", { run_id: run }, "GET")).run.data;
      expect(got.params, `writer ${w}`).toHaveLength(BATCHES);
      const counts = await Promise.all(Array.from({ length: KEYS }, (_, k) => history(run, `m${k}`)));
      expect(counts, `writer ${w}`).toEqual(Array(KEYS).fill(BATCHES));
      points += counts.reduce((a, b) => a + b, 0);
    }
    figures.ownRuns = {
      writers: WRITERS,
      batches: WRITERS * BATCHES,
      metricPoints: points,
      expectedPoints: WRITERS * BATCHES * KEYS,
      seconds,
    };
  });
});
