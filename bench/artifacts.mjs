// Artifact proxy: one big file PUT into the studio and GET back, both streamed, compared with a
// streamed read+write copy of the same file on the same disk (what the proxy has to do at least:
// read a body, write a file). No fsync on either side: the studio's writes and the copy's both
// land in the page cache, so the ratio compares the software paths, not the disk.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { api } from "./lib/http.mjs";
import { tempDir } from "./lib/proc.mjs";
import { startRssSampler } from "./lib/rss.mjs";
import { startStudio } from "./lib/studio.mjs";

const MiB = 1024 * 1024;

export async function makeFile(file, size) {
  const hash = createHash("sha256");
  const out = fs.createWriteStream(file);
  for (let left = size; left > 0; left -= 4 * MiB) {
    const chunk = randomBytes(Math.min(4 * MiB, left)); // incompressible, like model weights
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  return hash.digest("hex");
}

export async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, value };
}

// Hashing happens outside the timed transfers: on 2 cores it would take CPU from the server.
export async function sha256File(file) {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

const copy = (src, dst) => pipeline(fs.createReadStream(src), fs.createWriteStream(dst));

export function upload(url, src, size) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "PUT", headers: { "content-type": "application/octet-stream", "content-length": size } },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () =>
          res.statusCode === 200 ? resolve(text) : reject(new Error(`PUT -> ${res.statusCode}: ${text.slice(0, 300)}`)),
        );
      },
    );
    req.on("error", reject);
    fs.createReadStream(src).on("error", reject).pipe(req);
  });
}

export function download(url, dst) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`GET -> ${res.statusCode}`));
        pipeline(res, fs.createWriteStream(dst)).then(() => resolve({ contentLength: res.headers["content-length"] ?? null }), reject);
      })
      .on("error", reject);
  });
}

export async function runArtifacts({ quick, log }) {
  const size = (quick ? 256 : 1024) * MiB;
  const dir = tempDir("artifacts");
  const src = path.join(dir, "big.bin");
  const result = { suite: "artifacts", date: new Date().toISOString(), quick: !!quick, sizeMiB: size / MiB };
  let srv;
  try {
    srv = await startStudio({ log });
    log(`artifacts: writing a ${size / MiB} MiB random file…`);
    const sha = await makeFile(src, size);
    const { experiment_id } = await api(srv.api, "POST", "/experiments/create", { name: "bench-artifacts" });
    const { run } = await api(srv.api, "POST", "/runs/create", { experiment_id, start_time: Date.now() });
    const url = `${srv.url}/api/2.0/mlflow-artifacts/artifacts/${experiment_id}/${run.info.run_id}/artifacts/big.bin`;

    const copy1 = await timed(() => copy(src, path.join(dir, "copy1.bin")));
    fs.rmSync(path.join(dir, "copy1.bin"));
    log(`  streamed copy: ${(size / MiB / copy1.seconds).toFixed(0)} MiB/s`);

    let rss = startRssSampler(srv.pid);
    const up = await timed(() => upload(url, src, size));
    result.uploadRss = rss.stop();
    log(`  upload: ${(size / MiB / up.seconds).toFixed(0)} MiB/s, RSS +${result.uploadRss.growthMiB.toFixed(1)} MiB`);

    rss = startRssSampler(srv.pid);
    const down = await timed(() => download(url, path.join(dir, "down.bin")));
    result.downloadRss = rss.stop();
    log(`  download: ${(size / MiB / down.seconds).toFixed(0)} MiB/s, RSS +${result.downloadRss.growthMiB.toFixed(1)} MiB`);

    // A second copy after the transfers: the page cache and disk are then in a similar state.
    const copy2 = await timed(() => copy(src, path.join(dir, "copy2.bin")));
    log(`  streamed copy again: ${(size / MiB / copy2.seconds).toFixed(0)} MiB/s`);

    const copyMiBs = (2 * size) / MiB / (copy1.seconds + copy2.seconds);
    Object.assign(result, {
      copyMiBs,
      copyRunsMiBs: [copy1, copy2].map((c) => size / MiB / c.seconds),
      uploadMiBs: size / MiB / up.seconds,
      downloadMiBs: size / MiB / down.seconds,
      sha256: sha,
      roundTripOk: (await sha256File(path.join(dir, "down.bin"))) === sha,
      downloadContentLength: down.value.contentLength,
    });
    result.uploadRatio = result.uploadMiBs / copyMiBs;
    result.downloadRatio = result.downloadMiBs / copyMiBs;
    log(`  sha256 round trip: ${result.roundTripOk ? "ok" : "MISMATCH"}`);
  } catch (e) {
    result.error = String(e.message || e);
    log(`  artifacts failed: ${result.error}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (srv) {
      await srv.stop();
      fs.rmSync(srv.dir, { recursive: true, force: true }); // holds the stored 1 GiB artifact
    }
  }
  return result;
}
