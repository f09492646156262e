import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArtifactPathError } from "@/lib/artifact-path";
import { isStudioError } from "@/lib/errors";
import { ArtifactTooLargeError, createLocalArtifactStore, STAGING_DIR, type ArtifactStore } from "./artifact-store";

let sandbox: string;
let root: string;
let outside: string;
let store: ArtifactStore;

/** Everything under `dir`, except the staging folder (checked on its own by stagingFiles). */
async function treeOf(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (rel === STAGING_DIR || rel.startsWith(`${STAGING_DIR}/`)) continue;
    out.push(rel);
  }
  return out.sort();
}

const stagingFiles = async () => (await fs.readdir(path.join(root, STAGING_DIR)).catch(() => [])).sort();

beforeEach(async () => {
  sandbox = await fs.mkdtemp(path.join(os.tmpdir(), "studio-store-"));
  root = path.join(sandbox, "artifacts");
  outside = path.join(sandbox, "outside");
  await fs.mkdir(root, { recursive: true });
  await fs.mkdir(outside, { recursive: true });
  await fs.writeFile(path.join(outside, "secret.txt"), "secret");
  store = createLocalArtifactStore(root);
});

afterEach(async () => {
  await fs.rm(sandbox, { recursive: true, force: true });
});

const hostile = [
  "../outside/secret.txt",
  "a/../../outside/secret.txt",
  "/etc/passwd",
  "/tmp/outside/secret.txt",
  "%2e%2e/outside/secret.txt",
  "%252e%252e/outside/secret.txt",
  "..%2foutside%2fsecret.txt",
  "a\\..\\..\\outside\\secret.txt",
  "a\u0000.txt",
];

describe("artifact store", () => {
  it("writes, stats, lists, reads and removes files", async () => {
    await store.write("1/run/artifacts/model/MLmodel", Readable.from([Buffer.from("flavors: {}\n")]));
    await store.write("1/run/artifacts/model/ü file.txt", Readable.from([Buffer.from("x")]));
    expect(await store.stat("1/run/artifacts/model/MLmodel")).toMatchObject({ isDir: false, size: 12 });
    expect(await store.list("1/run/artifacts")).toEqual([{ path: "model", isDir: true, size: 0 }]);
    expect((await store.list("1/run/artifacts/model"))!.map((e) => e.path)).toEqual(["MLmodel", "ü file.txt"]);
    expect((await store.walk("1/run")).map((e) => e.path)).toEqual(["artifacts/model/MLmodel", "artifacts/model/ü file.txt"]);
    const chunks: Buffer[] = [];
    for await (const c of await store.openRead("1/run/artifacts/model/MLmodel", { start: 0, end: 6 })) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("flavors");
    await store.remove("1/run/artifacts/model");
    expect(await store.stat("1/run/artifacts/model")).toBeNull();
    expect(await store.list("missing")).toBeNull();
  });

  it.each(hostile)("refuses hostile path %j for every operation", async (p) => {
    await expect(store.write(p, Readable.from([Buffer.from("pwned")]))).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.openRead(p)).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.stat(p)).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.list(p)).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.remove(p)).rejects.toBeInstanceOf(ArtifactPathError);
    expect(await fs.readFile(path.join(outside, "secret.txt"), "utf8")).toBe("secret");
    expect(await treeOf(outside)).toEqual(["secret.txt"]);
    expect(await treeOf(root)).toEqual([]);
  });

  it("refuses symlinks that escape the root", async () => {
    await fs.symlink(outside, path.join(root, "link"));
    await fs.mkdir(path.join(root, "d"));
    await fs.symlink(path.join(outside, "secret.txt"), path.join(root, "d", "file-link"));
    await expect(store.write("link/new.txt", Readable.from([Buffer.from("x")]))).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.write("link/secret.txt", Readable.from([Buffer.from("x")]))).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.openRead("link/secret.txt")).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.openRead("d/file-link")).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.remove("link")).rejects.toBeInstanceOf(ArtifactPathError);
    expect((await store.list("d"))!).toEqual([]); // links are not listed
    expect(await treeOf(outside)).toEqual(["secret.txt"]);
    expect(await fs.readFile(path.join(outside, "secret.txt"), "utf8")).toBe("secret");
  });

  it("refuses to delete the root", async () => {
    await expect(store.remove("")).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.remove("/")).rejects.toBeInstanceOf(ArtifactPathError);
  });

  it("leaves nothing behind when a streamed write fails midway", async () => {
    await store.write("keep.txt", Readable.from([Buffer.from("old")]));
    async function* broken() {
      yield Buffer.from("partial");
      throw new Error("connection reset");
    }
    await expect(store.write("keep.txt", broken())).rejects.toThrow("connection reset");
    await expect(store.write("new.txt", broken())).rejects.toThrow("connection reset");
    expect(await treeOf(root)).toEqual(["keep.txt"]);
    expect(await stagingFiles()).toEqual([]);
    expect(await fs.readFile(path.join(root, "keep.txt"), "utf8")).toBe("old");
  });

  it("enforces a size limit without leaving a partial file", async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(store.write("big.bin", big, { maxBytes: 1000 })).rejects.toBeInstanceOf(ArtifactTooLargeError);
    expect(await treeOf(root)).toEqual([]);
    expect(await stagingFiles()).toEqual([]);
  });

  it("refuses to overwrite a folder with a file", async () => {
    await store.write("dir/a.txt", Readable.from([Buffer.from("a")]));
    await expect(store.write("dir", Readable.from([Buffer.from("b")]))).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
  });

  it("answers paths through a file as client errors that name no server path", async () => {
    await store.write("f.txt", Readable.from([Buffer.from("a")]));
    const failures = await Promise.allSettled([
      store.write("f.txt/child.txt", Readable.from([Buffer.from("b")])),
      store.openRead("f.txt/child.txt"),
      store.openRead("missing.txt"),
      store.openRead(""),
    ]);
    const codes = failures.map((f) => (f.status === "rejected" && isStudioError(f.reason) ? f.reason.code : f.status));
    expect(codes).toEqual(["INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST", "RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE"]);
    for (const f of failures) expect(String((f as PromiseRejectedResult).reason.message)).not.toContain(sandbox);
    expect(await store.stat("f.txt/child.txt")).toBeNull();
    expect(await store.list("f.txt/x")).toBeNull();
  });

  it("keeps half-written files out of the tree and sweeps what a crash left", async () => {
    await store.write("a.txt", Readable.from([Buffer.from("a")]));
    // A writer killed mid-file leaves its part in the staging folder, never next to the target.
    await fs.writeFile(path.join(root, STAGING_DIR, "dead.part"), Buffer.alloc(100));
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await fs.utimes(path.join(root, STAGING_DIR, "dead.part"), old, old);
    await fs.writeFile(path.join(root, STAGING_DIR, "live.part"), Buffer.alloc(10));
    expect((await store.list(""))!.map((e) => e.path)).toEqual(["a.txt"]);
    await expect(store.stat(`${STAGING_DIR}/dead.part`)).rejects.toBeInstanceOf(ArtifactPathError);
    expect(await store.sweepStaging(60 * 60 * 1000)).toEqual({ files: 1, bytes: 100 });
    expect(await stagingFiles()).toEqual(["live.part"]);
    expect(await store.sweepStaging(0)).toEqual({ files: 1, bytes: 10 });
  });

  it("lists real files whose names look like temp files", async () => {
    await store.write("d/x.studio-tmp-abc", Readable.from([Buffer.from("a")]));
    expect((await store.list("d"))!.map((e) => e.path)).toEqual(["x.studio-tmp-abc"]);
  });
});

describe("copyTree", () => {
  it("snapshots a folder so later writes and deletes at the source do not change it", async () => {
    await store.write("1/r/artifacts/model/MLmodel", Readable.from([Buffer.from("v1")]));
    await store.write("1/r/artifacts/model/sub/w.bin", Readable.from([Buffer.from("weights")]));
    expect(await store.copyTree("1/r/artifacts/model", "registry/1/snap")).toEqual({ files: 2, bytes: 9 });
    await store.write("1/r/artifacts/model/MLmodel", Readable.from([Buffer.from("v2 changed")]));
    await store.remove("1/r/artifacts/model/sub");
    expect(await fs.readFile(path.join(root, "registry/1/snap/MLmodel"), "utf8")).toBe("v1");
    expect(await fs.readFile(path.join(root, "registry/1/snap/sub/w.bin"), "utf8")).toBe("weights");
  });

  it("copies a single file and refuses bad targets", async () => {
    await store.write("a/file.txt", Readable.from([Buffer.from("x")]));
    await store.copyTree("a/file.txt", "b");
    expect(await fs.readFile(path.join(root, "b/file.txt"), "utf8")).toBe("x");
    await expect(store.copyTree("a", "a/inside")).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.copyTree("missing", "c")).rejects.toBeInstanceOf(ArtifactPathError);
    await expect(store.copyTree("a", "../out")).rejects.toBeInstanceOf(ArtifactPathError);
  });
});
