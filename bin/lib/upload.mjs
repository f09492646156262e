// Uploads local files to the studio's upload area (POST /api/studio/uploads, one streamed PUT per
// file) so they can be registered as `upload:<id>`. Whatever goes wrong afterwards — a refused
// file, a failed registration, Ctrl-C — the upload is deleted, so no half-sent model waits a day
// for the studio's sweep.
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { CliError, EXIT } from "./errors.mjs";
import { encodePath } from "./http-client.mjs";
import { formatBytes } from "./output.mjs";
import { createProgress, runPool } from "./transfer.mjs";

const UPLOADS = "/api/studio/uploads";

/**
 * Uploads `local` (from collectLocalFiles), then calls `use(uploadId)` and returns its result.
 * If either step fails the upload is cancelled before the error propagates.
 */
export async function withUpload(client, local, use) {
  const { upload_id: id, limit_bytes: limit } = await client.send("POST", UPLOADS);
  try {
    // Checked up front so a too-large model fails in a second, not after gigabytes were sent.
    if (typeof limit === "number" && local.totalBytes > limit) {
      throw new CliError(
        `the model is ${formatBytes(local.totalBytes)} but the studio accepts at most ${formatBytes(limit)} per upload`,
        EXIT.server,
        "the studio's limit is set by STUDIO_UPLOAD_LIMIT_BYTES",
      );
    }
    await sendFiles(client, id, local);
    return await use(id);
  } catch (e) {
    await cancelUpload(client, id);
    throw e;
  }
}

async function sendFiles(client, id, local) {
  const progress = createProgress("Uploading", local.files.length, local.totalBytes);
  try {
    await runPool(local.files, (file, signal) => sendFile(client, id, file, signal, progress), { signal: client.signal });
  } finally {
    progress.end();
  }
}

async function sendFile(client, id, file, signal, progress) {
  // Streamed from disk with its length declared: the studio refuses an over-limit file before
  // reading it, and a model never has to fit in this process's memory.
  const body =
    file.size === 0
      ? ""
      : Readable.toWeb(createReadStream(file.abs)).pipeThrough(
          new TransformStream({
            transform(chunk, controller) {
              progress.bytes(chunk.byteLength);
              controller.enqueue(chunk);
            },
          }),
        );
  const res = await client.send("PUT", `${UPLOADS}/${id}/files/${encodePath(file.rel)}`, {
    body,
    headers: { "content-type": "application/octet-stream", "content-length": String(file.size) },
    signal,
  });
  if (res.bytes !== file.size) {
    throw new CliError(
      `${file.rel}: the studio stored ${res.bytes} bytes but the file has ${file.size} (did it change during the upload?)`,
    );
  }
  progress.fileDone();
}

/** Best effort, and deliberately not tied to the Ctrl-C signal: it runs after that has fired. */
async function cancelUpload(client, id) {
  try {
    await client.send("DELETE", `${UPLOADS}/${id}`, { signal: AbortSignal.timeout(10_000) });
  } catch {
    // The studio sweeps abandoned uploads after a day; nothing more to do here.
  }
}
