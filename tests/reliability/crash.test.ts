// Crash tests: kill -9 the studio in the middle of a 1 GiB upload, a burst of registrations and a
// multipart upload, restart it on the same data dir, and check what the restarted studio shows:
// no partial file, no version without its files, no files without a version, no leftovers once
// the start-up sweep ran, and a database that passes SQLite's integrity check.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StartedStudio } from "../../scripts/lib/server.mjs";
import { LEVEL, report } from "./support/report";

const MiB = 1024 * 1024;
// Restarted studios sweep every leftover at once: nothing of the killed process is still alive.
const RESTART_ENV = { STUDIO_SWEEP_GRACE_MS: "0" };

let studio: StartedStudio;
let dataDir: string;
const figures: Record<string, unknown> = {};

async function api(endpoint: string, body: unknown) {
  const res = await fetch(`${studio.url}/api/2.0/mlflow/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function restart() {
  await studio.kill();
  studio = await startStudio(RESTART_ENV, { dataDir });
}

/** Files under a folder of the data dir, recursively (relative paths). */
function filesUnder(rel: string): string[] {
  const dir = path.join(dataDir, rel);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function eventually(check: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Streams `total` bytes to a URL until `killAt` bytes are out, then kills the studio. */
function streamAndKill(url: string, method: string, total: number, killAt: number): Promise<number> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: `${u.pathname}${u.search}`,
      method,
      agent: false,
      headers: { "content-length": String(total) },
    });
    req.on("error", () => resolve(sent));
    req.on("response", (res) => {
      res.resume();
      resolve(sent);
    });
    const chunk = Buffer.alloc(MiB, 7);
    let sent = 0;
    let killed = false;
    const pump = () => {
      while (sent < total) {
        if (!killed && sent >= killAt) {
          killed = true;
          void studio.kill();
        }
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

beforeAll(async () => {
  studio = await startStudio();
  dataDir = studio.dataDir;
}, 120_000);

afterAll(async () => {
  await studio?.stop();
  report("crash", figures);
});

describe("crash consistency (kill -9, restart on the same data dir)", () => {
  it("a 1 GiB PUT killed midway leaves no partial file and no leftover", async () => {
    const exp = (await api("experiments/create", { name: "crash-put" })).body.experiment_id;
    const run = (await api("runs/create", { experiment_id: exp })).body.run.info.run_id;
    const key = `${exp}/${run}/artifacts/big.bin`;
    const total = 1024 * MiB;
    const sentAtKill = await streamAndKill(
      `${studio.url}/api/2.0/mlflow-artifacts/artifacts/${key}`,
      "PUT",
      total,
      (LEVEL === "long" ? 600 : 300) * MiB,
    );
    const stagedBefore = filesUnder("artifacts/.studio-staging").length;
    await restart();
    expect((await fetch(`${studio.url}/api/2.0/mlflow-artifacts/artifacts/${key}`)).status).toBe(404);
    const listing = await (await fetch(`${studio.url}/api/2.0/mlflow-artifacts/artifacts?path=${exp}/${run}/artifacts`)).json();
    expect(listing.files ?? []).toEqual([]);
    await eventually(() => filesUnder("artifacts/.studio-staging").length === 0, "the staging sweep");
    expect(filesUnder(`artifacts/${exp}/${run}`)).toEqual([]);
    figures.put = { totalBytes: total, sentBeforeKill: sentAtKill, stagingFilesAfterCrash: stagedBefore, stagingFilesAfterSweep: 0 };
  });

  it("a burst of registrations killed midway leaves every version whole and no orphan files", async () => {
    const exp = (await api("experiments/create", { name: "crash-reg" })).body.experiment_id;
    const run = (await api("runs/create", { experiment_id: exp })).body.run.info.run_id;
    const base = `${studio.url}/api/2.0/mlflow-artifacts/artifacts/${exp}/${run}/artifacts/model`;
    await fetch(`${base}/MLmodel`, { method: "PUT", body: "flavors:\n  python_function:\n    loader_module: m\n" });
    const files = 40;
    for (let i = 0; i < files; i++) await fetch(`${base}/weights/part-${i}.bin`, { method: "PUT", body: Buffer.alloc(64 * 1024, i) });
    await api("registered-models/create", { name: "crash-model" });
    const burst = LEVEL === "long" ? 200 : 60;
    // Kill once a few registrations were acknowledged, with the rest in flight.
    let answered = 0;
    let killed: Promise<void> | undefined;
    const attempts = Array.from({ length: burst }, () =>
      api("model-versions/create", { name: "crash-model", source: `runs:/${run}/model` }).then(
        (r) => {
          if (++answered === 5) killed = studio.kill();
          return r.status;
        },
        () => "dropped",
      ),
    );
    await eventually(() => killed !== undefined, "the first acknowledged registrations", 120_000);
    await killed;
    const registryDir = path.join(dataDir, "artifacts", "registry");
    const snapshotsAtCrash = fs.existsSync(registryDir)
      ? fs.readdirSync(registryDir).flatMap((m) => fs.readdirSync(path.join(registryDir, m))).length
      : 0;
    const outcomes = await Promise.all(attempts);
    const acknowledged = outcomes.filter((s) => s === 200).length;
    await restart();

    const versions: { version: string; source: string }[] = [];
    for (let token: string | undefined; ; ) {
      const page = await (
        await fetch(
          `${studio.url}/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent("name = 'crash-model'")}&max_results=1000${token ? `&page_token=${token}` : ""}`,
        )
      ).json();
      versions.push(...(page.model_versions ?? []));
      token = page.next_page_token;
      if (!token) break;
    }
    const numbers = versions.map((v) => Number(v.version)).sort((a, b) => a - b);
    // Every acknowledged registration survived, numbered without gaps.
    expect(numbers.length).toBeGreaterThanOrEqual(acknowledged);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // Every version has all its files...
    for (const v of numbers) {
      const uri = (await (await fetch(`${studio.url}/api/2.0/mlflow/model-versions/get-download-uri?name=crash-model&version=${v}`)).json())
        .artifact_uri as string;
      const snapshot = uri.replace(/^mlflow-artifacts:\/+/, "");
      expect(filesUnder(`artifacts/${snapshot}`).length, `version ${v}`).toBe(files + 1);
    }
    // ...and once the sweep ran, no snapshot folder exists without a version.
    const modelDirs = fs.readdirSync(path.join(dataDir, "artifacts", "registry"));
    expect(modelDirs.length).toBeGreaterThan(0);
    const snapshotDirs = () => modelDirs.flatMap((m) => fs.readdirSync(path.join(dataDir, "artifacts", "registry", m)));
    await eventually(() => snapshotDirs().length === numbers.length, "the orphan snapshot sweep");
    figures.registrations = {
      started: burst,
      acknowledgedBeforeKill: acknowledged,
      versionsAfterRestart: numbers.length,
      snapshotFoldersAtCrash: snapshotsAtCrash,
      filesPerVersion: files + 1,
      orphanSnapshotsAfterSweep: snapshotDirs().length - numbers.length,
    };
  });

  it("a multipart upload killed midway leaves no file and no staged parts", async () => {
    const exp = (await api("experiments/create", { name: "crash-mpu" })).body.experiment_id;
    const run = (await api("runs/create", { experiment_id: exp })).body.run.info.run_id;
    const dir = `${exp}/${run}/artifacts`;
    const created = await (
      await fetch(`${studio.url}/api/2.0/mlflow-artifacts/mpu/create/${dir}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: "weights.bin", num_parts: 4 }),
      })
    ).json();
    for (const cred of created.credentials.slice(0, 2))
      expect((await fetch(cred.url, { method: "PUT", body: Buffer.alloc(8 * MiB, 1) })).status).toBe(200);
    await streamAndKill(created.credentials[2].url, "PUT", 256 * MiB, 64 * MiB);
    const stagedBefore = filesUnder("artifacts/.studio-staging/mpu").length;
    await restart();
    expect((await fetch(`${studio.url}/api/2.0/mlflow-artifacts/artifacts/${dir}/weights.bin`)).status).toBe(404);
    await eventually(() => filesUnder("artifacts/.studio-staging/mpu").length === 0, "the multipart sweep");
    const complete = await fetch(`${studio.url}/api/2.0/mlflow-artifacts/mpu/complete/${dir}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ upload_id: created.upload_id, parts: [{ part_number: 1 }] }),
    });
    expect(complete.status).toBe(404); // the swept session is gone, cleanly
    figures.multipart = { stagedFilesAfterCrash: stagedBefore, stagedFilesAfterSweep: 0 };
  });

  it("the database passes SQLite's integrity check after the crashes", async () => {
    await studio.stop();
    const db = new Database(path.join(dataDir, "studio.db"), { readonly: true });
    const result = db.pragma("integrity_check", { simple: true });
    const fk = db.pragma("foreign_key_check") as unknown[];
    db.close();
    figures.integrity = { integrity_check: result, foreignKeyViolations: fk.length };
    expect(result).toBe("ok");
    expect(fk).toEqual([]);
    studio = await startStudio({}, { dataDir });
  });
});
