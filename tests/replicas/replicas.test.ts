// Three replicas behind nginx on one PostgreSQL and one Azurite behave like one studio: version
// numbers stay gap-free, an upload whose files land on different replicas completes, a multipart
// upload may be continued anywhere, killing a replica loses nothing acknowledged, and sweeps on
// two replicas at once are safe. (The MLflow client and browser suites also run through this
// address: scripts/test.mjs.)
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite } from "../../scripts/lib/object-stores.mjs";
import { type Replicas, startReplicas } from "../../scripts/lib/replicas.mjs";

const pgUrl = process.env.STUDIO_TEST_PG_URL;
if (!pgUrl) throw new Error("STUDIO_TEST_PG_URL is not set (npm test starts a PostgreSQL cluster for this suite)");

let cluster: Replicas;
let stopAzurite: () => Promise<void>;

async function api(base: string, endpoint: string, body?: unknown) {
  const res =
    body === undefined
      ? await fetch(`${base}/api/2.0/mlflow/${endpoint}`)
      : await fetch(`${base}/api/2.0/mlflow/${endpoint}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
  const json = await res.json();
  if (!res.ok) throw Object.assign(new Error(`${endpoint} ${res.status}: ${JSON.stringify(json)}`), { status: res.status });
  return json;
}

async function modelFolder(base: string) {
  const exp = (await api(base, "experiments/create", { name: `replicas-${Date.now()}-${Math.random()}` })).experiment_id;
  const run = (await api(base, "runs/create", { experiment_id: exp })).run.info.run_id;
  for (const [p, body] of [
    ["MLmodel", "flavors:\n  python_function: {}\n"],
    ["model.pkl", "weights"],
  ]) {
    const res = await fetch(`${base}/api/2.0/mlflow-artifacts/artifacts/${exp}/${run}/artifacts/model/${p}`, { method: "PUT", body });
    expect(res.status).toBe(200);
  }
  return run;
}

beforeAll(async () => {
  const name = `replicas_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const azurite = await startAzurite();
  stopAzurite = azurite.stop;
  cluster = await startReplicas({
    count: 3,
    databaseUrl: pgUrl.replace(/\/[^/]*$/, `/${name}`),
    storageEnv: azurite.env("replicas", "artifacts"),
  });
}, 300_000);

afterAll(async () => {
  await cluster?.stop();
  await stopAzurite?.();
});

describe("three replicas behind nginx", () => {
  it("spread requests over every replica", async () => {
    // Each replica answers through the one address; every replica sees what another wrote.
    const exp = (await api(cluster.url, "experiments/create", { name: "spread" })).experiment_id;
    for (const r of cluster.replicas) expect((await api(r.url, `experiments/get?experiment_id=${exp}`)).experiment.name).toBe("spread");
  });

  it("number 100 concurrent registrations through one address 1..100", async () => {
    const run = await modelFolder(cluster.url);
    await api(cluster.url, "registered-models/create", { name: "replicated" });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => api(cluster.url, "model-versions/create", { name: "replicated", source: `runs:/${run}/model` })),
    );
    expect(results.map((r) => Number(r.model_version.version)).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // Every version's files are in the shared store, readable from any replica.
    const uri = (await api(cluster.replicas[2]!.url, "model-versions/get-download-uri?name=replicated&version=77")).artifact_uri as string;
    const key = uri.replace(/^mlflow-artifacts:\/+/, "");
    const listing = await (
      await fetch(`${cluster.replicas[0]!.url}/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(key)}`)
    ).json();
    expect(listing.files.map((f: { path: string }) => f.path).sort()).toEqual(["MLmodel", "model.pkl"]);
  });

  it("complete an upload whose files reach different replicas", async () => {
    const [a, b, c] = cluster.replicas.map((r) => r.url);
    const id = (await (await fetch(`${a}/api/studio/uploads`, { method: "POST" })).json()).upload_id;
    for (const [i, [file, body]] of [
      ["MLmodel", "flavors:\n  python_function: {}\n"],
      ["weights/part-1.bin", "x".repeat(1000)],
      ["weights/part-2.bin", "y".repeat(2000)],
    ].entries()) {
      const res = await fetch(`${[a, b, c][i]}/api/studio/uploads/${id}/files/${file}`, { method: "PUT", body });
      expect(res.status).toBe(200);
    }
    const reg = await fetch(`${b}/api/studio/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "uploaded-across", source: `upload:${id}` }),
    });
    expect(reg.status).toBe(200);
    const files = await (await fetch(`${c}/api/studio/models/uploaded-across/versions/1/list?path=weights`)).json();
    expect(files.entries.map((e: { path: string; size: number }) => [e.path, e.size])).toEqual([
      ["part-1.bin", 1000],
      ["part-2.bin", 2000],
    ]);
  });

  it("share one upload quota across replicas", async () => {
    // The test studios allow 48 MiB per upload: two 30 MiB files on two replicas cannot both fit.
    const [a, b] = cluster.replicas.map((r) => r.url);
    const id = (await (await fetch(`${a}/api/studio/uploads`, { method: "POST" })).json()).upload_id;
    const big = Buffer.alloc(30 * 1024 * 1024, 1);
    expect((await fetch(`${a}/api/studio/uploads/${id}/files/one.bin`, { method: "PUT", body: big })).status).toBe(200);
    const second = await fetch(`${b}/api/studio/uploads/${id}/files/two.bin`, { method: "PUT", body: big }).catch(() => null);
    expect(second?.status ?? 400).toBe(400);
  });

  it("continue a multipart upload on any replica", async () => {
    const [a, b, c] = cluster.replicas.map((r) => r.url);
    const exp = (await api(a, "experiments/create", { name: "mpu-across" })).experiment_id;
    const run = (await api(a, "runs/create", { experiment_id: exp })).run.info.run_id;
    const dir = `${exp}/${run}/artifacts`;
    const created = await (
      await fetch(`${a}/api/2.0/mlflow-artifacts/mpu/create/${dir}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: "w.bin", num_parts: 2 }),
      })
    ).json();
    const parts = [Buffer.alloc(5 * 1024 * 1024, 2), Buffer.from("tail")];
    const etags = [];
    for (const [i, base] of [b, c].entries()) {
      const url = created.credentials[i].url.replace(/^http:\/\/[^/]+/, base);
      const res = await fetch(url, { method: "PUT", body: parts[i] });
      expect(res.status).toBe(200);
      etags.push({ part_number: i + 1, etag: res.headers.get("etag") });
    }
    const done = await fetch(`${c}/api/2.0/mlflow-artifacts/mpu/complete/${dir}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ upload_id: created.upload_id, parts: etags }),
    });
    expect(done.status).toBe(200);
    const back = Buffer.from(await (await fetch(`${a}/api/2.0/mlflow-artifacts/artifacts/${dir}/w.bin`)).arrayBuffer());
    expect(back.equals(Buffer.concat(parts))).toBe(true);
  });

  it("lose nothing acknowledged when a replica is killed mid-run", async () => {
    const exp = (await api(cluster.url, "experiments/create", { name: "kill-one" })).experiment_id;
    const runs = await Promise.all(
      Array.from({ length: 8 }, async () => (await api(cluster.url, "runs/create", { experiment_id: exp })).run.info.run_id as string),
    );
    const acknowledged = new Map<string, number[]>(runs.map((r) => [r, []]));
    let stop = false;
    const writers = runs.map(async (run) => {
      for (let step = 0; !stop && step < 400; step++) {
        try {
          await api(cluster.url, "runs/log-batch", {
            run_id: run,
            metrics: [{ key: "loss", value: step, timestamp: 1_700_000_000_000 + step, step }],
          });
          acknowledged.get(run)!.push(step);
        } catch {
          // refused or cut off while the replica died: not acknowledged, so nothing is promised
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    await cluster.replicas[1]!.kill();
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await Promise.all(writers);
    let total = 0;
    for (const run of runs) {
      const history = await api(cluster.replicas[0]!.url, `metrics/get-history?run_id=${run}&metric_key=loss&max_results=25000`);
      const stored = new Set((history.metrics as { step: number }[]).map((m) => Number(m.step)));
      for (const step of acknowledged.get(run)!) expect(stored.has(step), `run ${run} step ${step}`).toBe(true);
      total += acknowledged.get(run)!.length;
    }
    expect(total).toBeGreaterThan(100);
    // The survivors keep serving through the one address.
    expect((await fetch(`${cluster.url}/health`)).status).toBe(200);
    await cluster.restart(1);
  });

  it("run sweeps on two replicas at once safely", async () => {
    const a = cluster.replicas[0]!.url;
    const id = (await (await fetch(`${a}/api/studio/uploads`, { method: "POST" })).json()).upload_id;
    expect((await fetch(`${a}/api/studio/uploads/${id}/files/x.txt`, { method: "PUT", body: "abandoned" })).status).toBe(200);
    // Restarted replicas sweep at start; with no grace both take the abandoned upload at once.
    await Promise.all([cluster.restart(1, { STUDIO_SWEEP_GRACE_MS: "0" }), cluster.restart(2, { STUDIO_SWEEP_GRACE_MS: "0" })]);
    const deadline = Date.now() + 30_000;
    let listed: { files?: unknown[] } = { files: [1] };
    while (Date.now() < deadline) {
      listed = await (await fetch(`${a}/api/2.0/mlflow-artifacts/artifacts?path=uploads/${id}`)).json();
      if (!listed.files?.length) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(listed.files ?? []).toEqual([]);
    const put = await fetch(`${a}/api/studio/uploads/${id}/files/y.txt`, { method: "PUT", body: "late" });
    expect(put.status).toBe(404); // the upload itself is gone, not half-gone
    for (const r of cluster.replicas) expect((await fetch(`${r.url}/health`)).status).toBe(200);
  });
});
