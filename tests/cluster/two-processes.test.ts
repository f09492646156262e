// Two studio processes on one PostgreSQL database keep every promise one process keeps: gap-free
// version numbers under concurrent registration, no lost metric points, page tokens that work on
// either process. (Artifacts are a shared local folder here; object storage is tests/replicas.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StartedStudio } from "../../scripts/lib/server.mjs";

const pgUrl = process.env.STUDIO_TEST_PG_URL;
if (!pgUrl) throw new Error("STUDIO_TEST_PG_URL is not set (npm test starts a PostgreSQL cluster for this suite)");

let a: StartedStudio;
let b: StartedStudio;

async function api(studio: StartedStudio, endpoint: string, body?: unknown) {
  const res =
    body === undefined
      ? await fetch(`${studio.url}/api/2.0/mlflow/${endpoint}`)
      : await fetch(`${studio.url}/api/2.0/mlflow/${endpoint}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
  const json = await res.json();
  if (!res.ok) throw new Error(`${endpoint} ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  const name = `cluster_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const env = { DATABASE_URL: pgUrl.replace(/\/[^/]*$/, `/${name}`) };
  // One artifact folder shared by both processes, as one NFS mount would be.
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), "studio-shared-"));
  [a, b] = await Promise.all([
    startStudio({ ...env, STUDIO_ARTIFACT_ROOT: path.join(shared, "artifacts") }),
    startStudio({ ...env, STUDIO_ARTIFACT_ROOT: path.join(shared, "artifacts") }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

describe("two studio processes on one PostgreSQL", () => {
  it("number 100 concurrent registrations split across both 1..100", async () => {
    const exp = (await api(a, "experiments/create", { name: "two-proc" })).experiment_id;
    const run = (await api(a, "runs/create", { experiment_id: exp })).run.info.run_id;
    await fetch(`${a.url}/api/2.0/mlflow-artifacts/artifacts/${exp}/${run}/artifacts/model/MLmodel`, {
      method: "PUT",
      body: "flavors:\n  python_function: {}\n",
    });
    await api(a, "registered-models/create", { name: "shared-model" });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api(i % 2 ? a : b, "model-versions/create", { name: "shared-model", source: `runs:/${run}/model` }),
      ),
    );
    const numbers = results.map((r) => Number(r.model_version.version)).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // Both processes see all of them, and a page token from one works on the other.
    const first = await api(a, "model-versions/search?filter=name%3D%27shared-model%27&max_results=30");
    const second = await api(
      b,
      `model-versions/search?filter=name%3D%27shared-model%27&max_results=30&page_token=${encodeURIComponent(first.next_page_token)}`,
    );
    const seen = new Set([...first.model_versions, ...second.model_versions].map((v: { version: string }) => v.version));
    expect(seen.size).toBe(60);
  });

  it("keep every point of 32 writers spread across both", async () => {
    const exp = (await api(b, "experiments/create", { name: "two-proc-writers" })).experiment_id;
    const run = (await api(b, "runs/create", { experiment_id: exp })).run.info.run_id;
    const batches = 30;
    await Promise.all(
      Array.from({ length: 32 }, async (_, w) => {
        for (let i = 0; i < batches; i++) {
          await api(w % 2 ? a : b, "runs/log-batch", {
            run_id: run,
            metrics: Array.from({ length: 5 }, (_, k) => ({ key: `m${k}`, value: w + i / 100, timestamp: 1000 + i, step: w * 1000 + i })),
            params: [{ key: `p_${w}_${i}`, value: "x" }],
            tags: [{ key: "shared", value: `${w}` }],
          });
        }
      }),
    );
    for (const k of [0, 4]) {
      const history = await api(a, `metrics/get-history?run_id=${run}&metric_key=m${k}&max_results=25000`);
      expect(history.metrics).toHaveLength(32 * batches);
    }
    const got = (await api(b, `runs/get?run_id=${run}`)).run.data;
    expect(got.params).toHaveLength(32 * batches);
    expect(got.metrics.find((m: { key: string }) => m.key === "m0").step).toBe(31 * 1000 + batches - 1);
  });
});
