import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream, type ReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { artifactRoot } from "@/lib/data-paths.mjs";
import { ArtifactPathError, artifactParent, normalizeArtifactPath } from "@/lib/artifact-path";
import { StudioError, invalidParam } from "@/lib/errors";
import { fsError } from "@/lib/server/artifacts/fs-errors";
import { treeOps } from "@/lib/server/artifact-tree-ops";

/**
 * Owns every file under the artifact root. Callers pass relative keys; each one is normalized
 * (lib/artifact-path) and then checked against symlink escapes before the disk is touched.
 */
export type ArtifactEntry = { path: string; isDir: boolean; size: number };
export type ArtifactStat = { isDir: boolean; size: number; mtimeMs: number };

export class ArtifactTooLargeError extends StudioError {
  constructor(readonly limit: number) {
    super("INVALID_PARAMETER_VALUE", `Upload exceeds the limit of ${limit} bytes`);
    this.name = "ArtifactTooLargeError";
  }
}

/**
 * Writes land in this folder at the root first and are renamed into place when complete, so a
 * half-written file is never visible and a crash leaves its leftovers in one place, where the
 * sweep finds them (see sweepStaging). Same file system as the tree, so the rename is atomic.
 * Clients can neither see nor name it.
 */
export const STAGING_DIR = ".studio-staging";

export function createLocalArtifactStore(root: string = artifactRoot()) {
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
    const clean = normalizeArtifactPath(key);
    if (clean.split("/")[0] === STAGING_DIR) throw new ArtifactPathError("this name is reserved by the studio", key);
    const base = await realRoot();
    const target = clean === "" ? base : path.join(base, ...clean.split("/"));
    // Walk up to the deepest existing ancestor and make sure its real path stays inside.
    let probe = target;
    for (;;) {
      try {
        const real = await fs.realpath(probe);
        if (real !== base && !real.startsWith(base + path.sep)) {
          throw new ArtifactPathError("the path leads outside the artifact store", key);
        }
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

  async function stat(key: string): Promise<ArtifactStat | null> {
    const file = await resolve(key);
    try {
      const s = await fs.stat(file);
      return { isDir: s.isDirectory(), size: s.isDirectory() ? 0 : s.size, mtimeMs: s.mtimeMs };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return null;
      throw fsError(e, key, "read");
    }
  }

  /** Direct children of a folder, folders first; null when the folder does not exist. */
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
    const atRoot = normalizeArtifactPath(key) === "";
    const entries: ArtifactEntry[] = [];
    for (const name of names) {
      if (atRoot && name === STAGING_DIR) continue;
      const s = await fs.lstat(path.join(dir, name)).catch(() => null);
      if (!s || s.isSymbolicLink()) continue; // never follow links out of the store
      entries.push({ path: name, isDir: s.isDirectory(), size: s.isDirectory() ? 0 : s.size });
    }
    return entries.sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.path.localeCompare(b.path));
  }

  /** Every file below a folder (recursive), keys relative to that folder. */
  async function walk(key: string): Promise<ArtifactEntry[]> {
    const out: ArtifactEntry[] = [];
    const visit = async (rel: string) => {
      const children = await list(rel === "" ? key : `${key}/${rel}`);
      for (const child of children ?? []) {
        const childRel = rel === "" ? child.path : `${rel}/${child.path}`;
        if (child.isDir) await visit(childRel);
        else out.push({ ...child, path: childRel });
      }
    };
    await visit("");
    return out;
  }

  async function openRead(key: string, range?: { start: number; end: number }): Promise<ReadStream> {
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

  /**
   * Streams a body to `key` atomically: bytes go to a temp file in the staging folder, which is
   * renamed over the target only when the whole body arrived. A failed or aborted write leaves
   * nothing; a crash leaves a staging file for the sweep.
   */
  async function write(
    key: string,
    body: Readable | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
    opts: { maxBytes?: number; onChunk?: (bytes: number) => void } = {},
  ): Promise<number> {
    const clean = normalizeArtifactPath(key);
    if (clean === "") throw new ArtifactPathError("an artifact path must name a file", key);
    const target = await resolve(clean);
    const existing = await fs.lstat(target).catch(() => null);
    if (existing?.isDirectory()) throw invalidParam(`Cannot write '${clean}': a folder already exists at this path`);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
    } catch (e) {
      throw fsError(e, clean, "write");
    }
    await resolve(artifactParent(clean)); // re-check after mkdir: a link may have raced in
    const staging = path.join(await realRoot(), STAGING_DIR);
    await fs.mkdir(staging, { recursive: true });
    const temp = path.join(staging, `${randomBytes(12).toString("hex")}.part`);
    let bytes = 0;
    const limit = opts.maxBytes ?? Number.POSITIVE_INFINITY;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        if (bytes > limit) return cb(new ArtifactTooLargeError(limit));
        try {
          opts.onChunk?.(chunk.length); // may throw to stop the write (shared quotas)
        } catch (e) {
          return cb(e as Error);
        }
        cb(null, chunk);
      },
    });
    const source =
      body instanceof ReadableStream ? Readable.fromWeb(body as import("node:stream/web").ReadableStream) : Readable.from(body);
    try {
      await pipeline(source, counter, createWriteStream(temp, { flags: "wx", highWaterMark: 1 << 20 }));
      await fs.rename(temp, target);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw fsError(e, clean, "write");
    }
    return bytes;
  }

  async function remove(key: string): Promise<void> {
    const clean = normalizeArtifactPath(key);
    if (clean === "") throw new ArtifactPathError("refusing to delete the artifact root", key);
    const target = await resolve(clean);
    try {
      await fs.rm(target, { recursive: true, force: true });
    } catch (e) {
      throw fsError(e, clean, "delete");
    }
  }

  /**
   * Removes staging files no writer has touched for `staleAfterMs` (a live write keeps its file's
   * mtime fresh with every chunk): what a killed process left mid-write.
   */
  async function sweepStaging(staleAfterMs: number): Promise<{ files: number; bytes: number }> {
    const staging = path.join(await realRoot(), STAGING_DIR);
    const names = await fs.readdir(staging).catch(() => [] as string[]);
    let files = 0;
    let bytes = 0;
    for (const name of names) {
      const file = path.join(staging, name);
      const st = await fs.lstat(file).catch(() => null);
      if (!st || Date.now() - st.mtimeMs < staleAfterMs) continue;
      await fs.rm(file, { recursive: true, force: true });
      files++;
      bytes += st.isFile() ? st.size : 0;
    }
    return { files, bytes };
  }

  const base = { root: rootAbs, resolve, stat, list, walk, openRead, write, remove, sweepStaging };
  return { ...base, ...treeOps(base) };
}

export type ArtifactStore = ReturnType<typeof createLocalArtifactStore>;

const globalForStore = globalThis as unknown as { studioArtifacts?: ArtifactStore };
export const artifactStore: ArtifactStore = globalForStore.studioArtifacts ?? (globalForStore.studioArtifacts = createLocalArtifactStore());
