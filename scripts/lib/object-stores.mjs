// Object stores for the tests and benchmarks, started on free ports with temp data and removed by
// stop(): Azurite (Microsoft's Azure Storage emulator, from npm) and an S3-compatible server
// (moto's server mode, from PyPI). Each returns the environment a studio needs to use it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bin, ROOT } from "./prepare.mjs";
import { ensureVenv } from "./python.mjs";
import { freePort } from "./server.mjs";

const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

async function waitFor(url, child, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited early (code ${child.exitCode})`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${what} did not start at ${url}`);
}

function stopper(child, dir) {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** Azurite's blob service. `env(container, prefix)` gives a studio its STUDIO_ARTIFACT_ROOT and credentials. */
export async function startAzurite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-azurite-"));
  const port = await freePort();
  const child = spawn(
    bin("azurite-blob"),
    ["--blobHost", "127.0.0.1", "--blobPort", String(port), "--location", dir, "--silent", "--skipApiVersionCheck", "--loose"],
    {
      cwd: ROOT,
      stdio: ["ignore", fs.openSync(path.join(dir, "azurite.log"), "a"), fs.openSync(path.join(dir, "azurite.log"), "a")],
    },
  );
  const endpoint = `http://127.0.0.1:${port}/devstoreaccount1`;
  await waitFor(`${endpoint}?comp=list`, child, "azurite");
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=${endpoint};`;
  return {
    kind: "azure",
    endpoint,
    connectionString,
    env: (container = "studio", prefix = "artifacts") => ({
      STUDIO_ARTIFACT_ROOT: `azure://${container}/${prefix}`,
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
    }),
    stop: stopper(child, dir),
  };
}

/** An S3-compatible server (moto in server mode). `env(bucket, prefix)` creates nothing: the studio's bucket must exist (createBucket). */
export async function startS3() {
  const python = ensureVenv("s3", path.join(ROOT, "tests", "storage", "requirements-s3.txt"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-s3-"));
  const port = await freePort();
  const log = fs.openSync(path.join(dir, "s3.log"), "a");
  const child = spawn(path.join(path.dirname(python), "moto_server"), ["-H", "127.0.0.1", "-p", String(port)], {
    cwd: dir,
    stdio: ["ignore", log, log],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(endpoint, child, "the S3 server");
  const credentials = { AWS_ACCESS_KEY_ID: "studio-test", AWS_SECRET_ACCESS_KEY: "studio-test-secret", AWS_REGION: "us-east-1" };
  return {
    kind: "s3",
    endpoint,
    credentials,
    /** Buckets are made by the operator, not the studio: tests make theirs here. */
    async createBucket(bucket) {
      const { S3Client, CreateBucketCommand } = await import("@aws-sdk/client-s3");
      const client = new S3Client({
        endpoint,
        forcePathStyle: true,
        region: credentials.AWS_REGION,
        credentials: { accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY },
      });
      await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((e) => {
        if (e.name !== "BucketAlreadyOwnedByYou" && e.name !== "BucketAlreadyExists") throw e;
      });
      client.destroy();
    },
    env: (bucket = "studio", prefix = "artifacts") => ({
      STUDIO_ARTIFACT_ROOT: `s3://${bucket}/${prefix}`,
      STUDIO_S3_ENDPOINT: endpoint,
      ...credentials,
    }),
    stop: stopper(child, dir),
  };
}
