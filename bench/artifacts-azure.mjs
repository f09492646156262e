// Artifacts on Azure Blob: one 1 GiB file PUT through the studio's artifact proxy into Azurite and
// GET back, against Microsoft's SDK moving the same file to and from the same Azurite directly
// (same run, same machine). The studio stores on Azurite (STUDIO_ARTIFACT_ROOT=azure://…) and its
// metadata on SQLite, so it runs as one process whose RSS is the whole server.
// The SDK side is measured two ways each direction (uploadFile and uploadStream; downloadToFile and
// a streamed download) and the faster of each is the baseline: the stricter comparison.
import { BlobServiceClient } from "@azure/storage-blob";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { startAzurite } from "../scripts/lib/object-stores.mjs";
import { api } from "./lib/http.mjs";
import { tempDir } from "./lib/proc.mjs";
import { startRssSampler } from "./lib/rss.mjs";
import { download, makeFile, sha256File, timed, upload } from "./artifacts.mjs";
import { startStudio } from "./lib/studio.mjs";

const MiB = 1024 * 1024;
const BLOCK = 8 * MiB; // the SDK baseline's block size (the studio stages 4 MiB blocks: lib/server/artifacts/azure-backend.ts)

export async function runArtifactsAzure({ quick, log }) {
  const size = (quick ? 256 : 1024) * MiB;
  const dir = tempDir("artifacts-azure");
  const src = path.join(dir, "big.bin");
  const out = path.join(dir, "down.bin");
  const result = { suite: "artifacts-azure", date: new Date().toISOString(), quick: !!quick, sizeMiB: size / MiB };
  let azurite;
  let srv;
  try {
    azurite = await startAzurite();
    log(`artifacts-azure: Azurite at ${azurite.endpoint}; writing a ${size / MiB} MiB random file…`);
    const sha = await makeFile(src, size);
    const mibs = (t) => size / MiB / t.seconds;

    // The SDK straight to Azurite, in this process.
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    const container = service.getContainerClient("direct");
    await container.createIfNotExists();
    const blob = container.getBlockBlobClient("big.bin");
    const sdk = {};
    sdk.uploadFile = mibs(await timed(() => blob.uploadFile(src, { blockSize: BLOCK, concurrency: 4 })));
    sdk.uploadStream = mibs(await timed(() => blob.uploadStream(fs.createReadStream(src, { highWaterMark: BLOCK }), BLOCK, 4)));
    sdk.downloadToFile = mibs(await timed(() => blob.downloadToFile(out)));
    fs.rmSync(out);
    sdk.downloadStream = mibs(
      await timed(async () => {
        const res = await blob.download();
        await pipeline(res.readableStreamBody, fs.createWriteStream(out));
      }),
    );
    const sdkOk = (await sha256File(out)) === sha;
    fs.rmSync(out);
    await container.delete();
    for (const [k, v] of Object.entries(sdk)) log(`  SDK ${k}: ${v.toFixed(0)} MiB/s`);

    // The studio in front of the same Azurite.
    srv = await startStudio({ log, env: azurite.env("studio", "artifacts") });
    const { experiment_id } = await api(srv.api, "POST", "/experiments/create", { name: "bench-artifacts-azure" });
    const { run } = await api(srv.api, "POST", "/runs/create", { experiment_id, start_time: Date.now() });
    const url = `${srv.url}/api/2.0/mlflow-artifacts/artifacts/${experiment_id}/${run.info.run_id}/artifacts/big.bin`;

    // Warm-up: one 8 MiB round trip first, so the growth measured below is what streaming 1 GiB
    // costs, not loading the Azure SDK's modules (about 40 MiB, once per process).
    const warm = url.replace(/big\.bin$/, "warmup.bin");
    await fetch(warm, { method: "PUT", body: Buffer.alloc(8 * 1024 * 1024, 1) });
    await (await fetch(warm)).arrayBuffer();
    let rss = startRssSampler(srv.pid);
    const up = await timed(() => upload(url, src, size));
    result.uploadRss = rss.stop();
    log(`  studio upload: ${mibs(up).toFixed(0)} MiB/s, RSS +${result.uploadRss.growthMiB.toFixed(1)} MiB`);

    rss = startRssSampler(srv.pid);
    const down = await timed(() => download(url, out));
    result.downloadRss = rss.stop();
    log(`  studio download: ${mibs(down).toFixed(0)} MiB/s, RSS +${result.downloadRss.growthMiB.toFixed(1)} MiB`);

    // The bytes really are in Azurite, under the studio's prefix (not on the studio's disk).
    const stored = await service
      .getContainerClient("studio")
      .getBlockBlobClient(`artifacts/${experiment_id}/${run.info.run_id}/artifacts/big.bin`)
      .getProperties();

    Object.assign(result, {
      sdk,
      sdkRoundTripOk: sdkOk,
      sdkUploadMiBs: Math.max(sdk.uploadFile, sdk.uploadStream),
      sdkDownloadMiBs: Math.max(sdk.downloadToFile, sdk.downloadStream),
      uploadMiBs: mibs(up),
      downloadMiBs: mibs(down),
      storedInAzurite: stored.contentLength === size,
      roundTripOk: (await sha256File(out)) === sha,
    });
    result.uploadRatio = result.uploadMiBs / result.sdkUploadMiBs;
    result.downloadRatio = result.downloadMiBs / result.sdkDownloadMiBs;
    log(
      `  ratios: upload ${result.uploadRatio.toFixed(2)}×, download ${result.downloadRatio.toFixed(2)}×; sha256 round trip ${result.roundTripOk ? "ok" : "MISMATCH"}`,
    );
  } catch (e) {
    result.error = String(e.message || e);
    log(`  artifacts-azure failed: ${result.error}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (srv) {
      await srv.stop();
      fs.rmSync(srv.dir, { recursive: true, force: true });
    }
    await azurite?.stop();
  }
  return result;
}
