import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ArtifactPathError } from "@/lib/artifact-path";
import { invalidParam, notFound } from "@/lib/errors";
import type { ArtifactBackend, ArtifactEntry, ArtifactStat, WriteOptions } from "./backend";
import { fsError } from "./fs-errors";
import { countingTransform } from "./limits";

/**
 * Artifacts in a local folder (the embedded default; also an NFS mount shared by replicas).
 * Every key is resolved against the real root and refused when an existing part of it is a
 * symbolic link leading outside. Writes land in the staging folder and are renamed into place.
 */
export const STAGING_DIR = ".studio-staging";
const MPU_DIR = "mpu";
const UPLOAD_ID = /^[0-9a-f]{32}$/;

export function createLocalBackend(root: string): ArtifactBackend {
  const rootAbs = path.resolve(root);
  let rootReal: string | undefined;

  async function realRoot(): Promise<string> {
    if (!rootReal) {
      await fs.mkdir(rootAbs, { recursive: true });
      rootReal = await fs.realpath(rootAbs);
    }
    return rootReal;
  }

  /** Absolute path for a key, refusing keys whose existing part resolves outside the root. */
  async function resolve(key: string): Promise<string> {
    const base = await realRoot();
    const target = key === "" ? base : path.join(base, ...key.split("/"));
    // Walk up to the deepest existing ancestor and make sure its real path stays inside.
    let probe = target;
    for (;;) {
      try {
        const real = await fs.realpath(probe);
        if (real !== base && !real.startsWith(base + path.sep))
          throw new ArtifactPathError("the path leads outside the artifact store", key);
        break;
      } catch (e) {
        if (e instanceof ArtifactPathError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        // ENOTDIR: a file sits where a folder would be; its parent is the deepest existing part.
        if (code !== "ENOENT" && code !== "ENOTDIR") throw fsError(e, key, "read");
        const parent = path.dirname(probe);
        if (parent === probe || probe === base) break;
        probe = parent;
      }
    }
    return target;
  }

  async function staging(...parts: string[]): Promise<string> {
    const dir = path.join(await realRoot(), STAGING_DIR, ...parts);
    await fs.mkdir(dir, { recursive: true });
    return dir;
  }

  const tempName = () => `${randomBytes(12).toString("hex")}.part`;

  async function stat(key: string): Promise<ArtifactStat | null> {
    const file = await resolve(key);
    try {
      const s = await fs.stat(file);
      return { isDir: s.isDirectory(), size: s.isDirectory() ? 0 : s.size, mtimeMs: s.mtimeMs };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return null;
      throw fsError(e, key, "read");
    }
  }

  async function list(key: string): Promise<ArtifactEntry[] | null> {
    const dir = await resolve(key);
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return null;
      throw fsError(e, key, "read");
    }
    const entries: ArtifactEntry[] = [];
    for (const name of names) {
      if (key === "" && name === STAGING_DIR) continue;
      const s = await fs.lstat(path.join(dir, name)).catch(() => null);
      if (!s || s.isSymbolicLink()) continue; // never follow links out of the store
      entries.push({ path: name, isDir: s.isDirectory(), size: s.isDirectory() ? 0 : s.size });
    }
    return entries;
  }

  async function openRead(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = await resolve(key);
    // Open first, so a missing file is an error here rather than on the stream after headers went out.
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, "r");
      if ((await handle.stat()).isDirectory()) {
        await handle.close();
        throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      }
    } catch (e) {
      throw fsError(e, key, "read");
    }
    // 1 MiB reads: large artifacts stream at disk speed instead of in 64 KiB sips.
    return handle.createReadStream({ highWaterMark: 1 << 20, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async function write(key: string, body: Readable, opts: WriteOptions = {}): Promise<number> {
    const target = await resolve(key);
    const existing = await fs.lstat(target).catch(() => null);
    if (existing?.isDirectory()) throw invalidParam(`Cannot write '${key}': a folder already exists at this path`);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
    } catch (e) {
      throw fsError(e, key, "write");
    }
    await resolve(path.posix.dirname(key) === "." ? "" : path.posix.dirname(key)); // re-check after mkdir: a link may have raced in
    const temp = path.join(await staging(), tempName());
    const counter = countingTransform(opts);
    try {
      await pipeline(body, counter, createWriteStream(temp, { flags: "wx", highWaterMark: 1 << 20 }));
      await fs.rename(temp, target);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw fsError(e, key, "write");
    }
    return counter.bytes;
  }

  async function remove(key: string): Promise<void> {
    const target = await resolve(key);
    try {
      await fs.rm(target, { recursive: true, force: true });
    } catch (e) {
      throw fsError(e, key, "delete");
    }
  }

  /**
   * Hard links where the disk allows: every write here replaces files by rename (a new inode), so
   * a link is a true snapshot that costs nothing, whatever the model's size. Else a byte copy.
   */
  async function copyFile(from: string, to: string): Promise<void> {
    const src = await resolve(from);
    const dst = await resolve(to);
    await fs.mkdir(path.dirname(dst), { recursive: true });
    try {
      await fs.link(src, dst);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw notFound(`No artifact at '${from}'`);
      await fs.copyFile(src, dst);
    }
  }

  const partsDir = async (uploadId: string) => {
    if (!UPLOAD_ID.test(uploadId)) throw notFound(`Upload '${uploadId}' does not exist`);
    return staging(MPU_DIR, uploadId);
  };

  async function createMultipart(): Promise<string> {
    const id = randomBytes(16).toString("hex");
    await partsDir(id);
    return id;
  }

  async function uploadPart(_key: string, uploadId: string, partNumber: number, body: Readable) {
    const dir = await partsDir(uploadId);
    const final = path.join(dir, `${partNumber}.part`);
    const temp = path.join(dir, tempName());
    const counter = countingTransform({});
    try {
      await pipeline(body, counter, createWriteStream(temp));
      await fs.rename(temp, final);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw e;
    }
    return { etag: `"${uploadId.slice(0, 8)}-${partNumber}-${counter.bytes}"`, size: counter.bytes };
  }

  async function completeMultipart(key: string, uploadId: string, parts: { partNumber: number }[]): Promise<void> {
    const dir = await partsDir(uploadId);
    for (const p of parts) {
      if (!(await fs.stat(path.join(dir, `${p.partNumber}.part`)).catch(() => null))) {
        throw invalidParam(`Part ${p.partNumber} of upload '${uploadId}' was never uploaded`);
      }
    }
    async function* concatenated() {
      for (const p of parts) yield* createReadStream(path.join(dir, `${p.partNumber}.part`));
    }
    const { Readable } = await import("node:stream");
    await write(key, Readable.from(concatenated()));
    await fs.rm(dir, { recursive: true, force: true });
  }

  async function abortMultipart(_key: string, uploadId: string): Promise<void> {
    await fs.rm(await partsDir(uploadId), { recursive: true, force: true });
  }

  /** Removes staging entries no writer has touched for `staleAfterMs` (a live write keeps its mtime fresh). */
  async function sweep(staleAfterMs: number): Promise<{ files: number; bytes: number }> {
    let files = 0;
    let bytes = 0;
    const visit = async (dir: string): Promise<void> => {
      for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
        const p = path.join(dir, name);
        const st = await fs.lstat(p).catch(() => null);
        if (!st) continue;
        if (st.isDirectory()) {
          await visit(p);
          // An emptied multipart folder goes once it is stale itself.
          if ((await fs.readdir(p).catch(() => ["x"])).length === 0 && Date.now() - st.mtimeMs >= staleAfterMs)
            await fs.rm(p, { recursive: true, force: true });
          continue;
        }
        if (Date.now() - st.mtimeMs < staleAfterMs) continue;
        await fs.rm(p, { force: true });
        files++;
        bytes += st.size;
      }
    };
    await visit(path.join(await realRoot(), STAGING_DIR));
    return { files, bytes };
  }

  return {
    kind: "local",
    location: rootAbs,
    stat,
    list,
    openRead,
    write,
    remove,
    copyFile,
    createMultipart,
    uploadPart,
    completeMultipart,
    abortMultipart,
    sweep,
  };
}
