// The artifact store's contract, run against every backend: a local folder, Azure Blob (Azurite)
// and S3 (an S3-compatible server). Each behaves the same through lib/server/artifact-store.ts:
// the same paths refused, the same folder rules, atomic writes, independent snapshots, multipart.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isStudioError } from "@/lib/errors";
import { startAzurite, startS3 } from "@/scripts/lib/object-stores.mjs";
import { type ArtifactStore, createArtifactStore } from "../artifact-store";
import { createAzureBackend } from "./azure-backend";
import { createLocalBackend } from "./local-backend";
import { createS3Backend } from "./s3-backend";

type Started = { store: ArtifactStore; stop: () => Promise<void> };

/** Backends read their credentials from the environment, as the studio does. */
function withEnv<T>(env: Record<string, string>, fn: () => T): T {
  Object.assign(process.env, env);
  return fn();
}

const backends: [string, () => Promise<Started>][] = [
  [
    "local",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-contract-local-"));
      return { store: createArtifactStore(createLocalBackend(dir)), stop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    "azure",
    async () => {
      const azurite = await startAzurite();
      const env = azurite.env("contract", "root/prefix");
      return { store: createArtifactStore(withEnv(env, () => createAzureBackend(env.STUDIO_ARTIFACT_ROOT!))), stop: azurite.stop };
    },
  ],
  [
    "s3",
    async () => {
      const s3 = await startS3();
      await s3.createBucket("studio-contract");
      const env = s3.env("studio-contract", "root/prefix");
      return { store: createArtifactStore(withEnv(env, () => createS3Backend(env.STUDIO_ARTIFACT_ROOT!))), stop: s3.stop };
    },
  ],
];

const text = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const body = (s: string | Buffer) => Readable.from([Buffer.from(s)]);
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    return isStudioError(e) ? e.code : `not a StudioError: ${(e as Error).message}`;
  }
};

describe.each(backends)("artifact store contract: %s", (_name, open) => {
  let started: Started;
  let store: ArtifactStore;
  beforeAll(async () => {
    started = await open();
    store = started.store;
  }, 180_000);
  afterAll(async () => {
    await started?.stop();
  });

  it("writes, stats, lists, reads ranges and removes", async () => {
    expect(await store.write("1/run/artifacts/model/MLmodel", body("flavors: {}\n"))).toBe(12);
    await store.write("1/run/artifacts/model/ü file.txt", body("x"));
    await store.write("1/run/artifacts/top.txt", body("top"));
    expect(await store.stat("1/run/artifacts/model/MLmodel")).toMatchObject({ isDir: false, size: 12 });
    expect(await store.stat("1/run/artifacts/model")).toMatchObject({ isDir: true });
    expect(await store.stat("1/run/missing")).toBeNull();
    expect(await store.list("1/run/artifacts")).toEqual([
      { path: "model", isDir: true, size: 0 },
      { path: "top.txt", isDir: false, size: 3 },
    ]);
    expect((await store.walk("1/run")).map((e) => e.path)).toEqual([
      "artifacts/model/MLmodel",
      "artifacts/model/ü file.txt",
      "artifacts/top.txt",
    ]);
    expect((await text(await store.openRead("1/run/artifacts/model/MLmodel", { start: 0, end: 6 }))).toString()).toBe("flavors");
    expect(await store.readText("1/run/artifacts/model/MLmodel", 4)).toEqual({ text: "flav", truncated: true, size: 12 });
    expect(await store.list("nothing/here")).toBeNull();
    await store.remove("1/run/artifacts/model");
    expect(await store.stat("1/run/artifacts/model/MLmodel")).toBeNull();
    expect((await store.list("1/run/artifacts"))!.map((e) => e.path)).toEqual(["top.txt"]);
    expect(await code(store.openRead("1/run/artifacts/model/MLmodel"))).toBe("RESOURCE_DOES_NOT_EXIST");
  });

  it("streams a 16 MiB file both ways unchanged", async () => {
    const data = randomBytes(16 * 1024 * 1024 + 7);
    const chunks = Array.from({ length: 17 }, (_, i) => data.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
    expect(await store.write("big/blob.bin", Readable.from(chunks))).toBe(data.length);
    const back = await text(await store.openRead("big/blob.bin"));
    expect(createHash("sha256").update(back).digest("hex")).toBe(createHash("sha256").update(data).digest("hex"));
  });

  it.each(["../outside", "a/../../b", "/etc/passwd", "%2e%2e/x", "a\\b", "a\u0000b", ".studio-staging/x", "日".repeat(100)])(
    "refuses the path %j on every operation",
    async (p) => {
      for (const op of [
        store.write(p, body("x")),
        store.openRead(p),
        store.stat(p),
        store.list(p),
        store.remove(p),
        store.copyTree(p, "dst"),
        store.createMultipart(p),
      ]) {
        expect(await code(op)).toBe("INVALID_PARAMETER_VALUE");
      }
    },
  );

  it("keeps files and folders apart, as a file system does", async () => {
    await store.write("shape/dir/a.txt", body("a"));
    expect(await code(store.write("shape/dir", body("b")))).toBe("INVALID_PARAMETER_VALUE");
    expect(await code(store.write("shape/dir/a.txt/child", body("c")))).toBe("INVALID_PARAMETER_VALUE");
    expect(await store.stat("shape/dir/a.txt/child")).toBeNull();
    expect(await store.list("shape/dir/a.txt")).toBeNull();
    expect(await code(store.remove(""))).toBe("INVALID_PARAMETER_VALUE");
  });

  it("shows nothing of a write that failed or went over its limit", async () => {
    await store.write("atomic/keep.txt", body("old"));
    async function* broken() {
      yield Buffer.alloc(1024 * 1024, 1);
      throw new Error("connection reset");
    }
    await expect(store.write("atomic/keep.txt", broken())).rejects.toThrow("connection reset");
    await expect(store.write("atomic/new.txt", broken())).rejects.toThrow("connection reset");
    expect(await code(store.write("atomic/big.bin", Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 }))).toBe(
      "INVALID_PARAMETER_VALUE",
    );
    expect((await store.list("atomic"))!.map((e) => e.path)).toEqual(["keep.txt"]);
    expect((await text(await store.openRead("atomic/keep.txt"))).toString()).toBe("old");
  });

  it("snapshots a folder with server-side copies that later writes do not change", async () => {
    await store.write("src/model/MLmodel", body("v1"));
    await store.write("src/model/sub/w.bin", body("weights"));
    expect(await store.copyTree("src/model", "registry/1/snap")).toEqual({ files: 2, bytes: 9 });
    await store.write("src/model/MLmodel", body("v2 changed"));
    await store.remove("src/model/sub");
    expect((await text(await store.openRead("registry/1/snap/MLmodel"))).toString()).toBe("v1");
    expect((await text(await store.openRead("registry/1/snap/sub/w.bin"))).toString()).toBe("weights");
    expect(await code(store.copyTree("src", "src/inside"))).toBe("INVALID_PARAMETER_VALUE");
    expect(await code(store.copyTree("missing", "c"))).toBe("INVALID_PARAMETER_VALUE");
  });

  it("assembles a multipart upload from parts sent out of order, and aborts cleanly", async () => {
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(5 * 1024 * 1024), randomBytes(1234)];
    const id = await store.createMultipart("mpu/weights.bin");
    const etags: { partNumber: number; etag: string }[] = [];
    for (const i of [2, 0, 1]) {
      const { etag } = await store.uploadPart("mpu/weights.bin", id, i + 1, Readable.from([parts[i]!]), parts[i]!.length);
      etags.push({ partNumber: i + 1, etag });
    }
    expect(await store.stat("mpu/weights.bin")).toBeNull(); // nothing visible before completion
    await store.completeMultipart(
      "mpu/weights.bin",
      id,
      etags.sort((a, b) => a.partNumber - b.partNumber),
    );
    expect((await text(await store.openRead("mpu/weights.bin"))).equals(Buffer.concat(parts))).toBe(true);
    const other = await store.createMultipart("mpu/other.bin");
    await store.uploadPart("mpu/other.bin", other, 1, Readable.from([Buffer.from("x")])); // no length: spooled
    await store.abortMultipart("mpu/other.bin", other);
    expect(await store.stat("mpu/other.bin")).toBeNull();
    const third = await store.createMultipart("mpu/third.bin");
    expect(await code(store.completeMultipart("mpu/third.bin", third, [{ partNumber: 1, etag: "" }]))).toBe("INVALID_PARAMETER_VALUE");
  });
});
