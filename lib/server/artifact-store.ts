import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, type ReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { artifactRoot } from "@/lib/data-paths.mjs";
import { ArtifactPathError, artifactParent, normalizeArtifactPath } from "@/lib/artifact-path";
import { treeOps } from "@/lib/server/artifact-tree-ops";

/**
 * Owns every file under the artifact root. Callers pass relative keys; each one is normalized
 * (lib/artifact-path) and then checked against symlink escapes before the disk is touched.
 */
export type ArtifactEntry = { path: string; isDir: boolean; size: number };
export type ArtifactStat = { isDir: boolean; size: number; mtimeMs: number };

export class ArtifactTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Upload exceeds the limit of ${limit} bytes`);
    this.name = "ArtifactTooLargeError";
  }
}

const TEMP_MARK = ".studio-tmp-";
const isTempName = (name: string) => name.includes(TEMP_MARK);

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
    const base = await realRoot();
    const target = clean === "" ? base : path.join(base, ...clean.split("/"));
    // Walk up to the deepest existing ancestor and make sure its real path stays inside.
    let probe = target;
    for (;;) {
      try {
        const real = await fs.realpath(probe);
        if (real !== base && !real.startsWith(base + path.sep)) {
          throw new ArtifactPathError("Artifact path escapes the artifact root", key);
        }
        break;
      } catch (e) {
        if (e instanceof ArtifactPathError) throw e;
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        const parent = path.dirname(probe);
        if (parent === probe || probe === base) break;
        probe = parent;
      }
    }
    return target;
  }

  async function stat(key: string): Promise<ArtifactStat | null> {
    try {
      const s = await fs.stat(await resolve(key));
      return { isDir: s.isDirectory(), size: s.isDirectory() ? 0 : s.size, mtimeMs: s.mtimeMs };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return null;
      throw e;
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
      throw e;
    }
    const entries: ArtifactEntry[] = [];
    for (const name of names) {
      if (isTempName(name)) continue;
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
    // 1 MiB reads: large artifacts stream at disk speed instead of in 64 KiB sips.
    return createReadStream(file, { highWaterMark: 1 << 20, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  /**
   * Streams a body to `key` atomically: bytes go to a temp file beside the target, which is
   * renamed over it only when the whole body arrived. A failed or aborted write leaves nothing.
   */
  async function write(
    key: string,
    body: Readable | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
    opts: { maxBytes?: number; onChunk?: (bytes: number) => void } = {},
  ): Promise<number> {
    const clean = normalizeArtifactPath(key);
    if (clean === "") throw new ArtifactPathError("Artifact path must name a file", key);
    const target = await resolve(clean);
    const existing = await fs.lstat(target).catch(() => null);
    if (existing?.isDirectory()) throw new ArtifactPathError("A folder already exists at this path", key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await resolve(artifactParent(clean)); // re-check after mkdir: a link may have raced in
    const temp = path.join(path.dirname(target), `.${path.basename(target).slice(0, 60)}${TEMP_MARK}${randomBytes(6).toString("hex")}`);
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
      throw e;
    }
    return bytes;
  }

  async function remove(key: string): Promise<void> {
    const clean = normalizeArtifactPath(key);
    if (clean === "") throw new ArtifactPathError("Refusing to delete the artifact root", key);
    await fs.rm(await resolve(clean), { recursive: true, force: true });
  }

  const base = { root: rootAbs, resolve, stat, list, walk, openRead, write, remove };
  return { ...base, ...treeOps(base) };
}

export type ArtifactStore = ReturnType<typeof createLocalArtifactStore>;

const globalForStore = globalThis as unknown as { studioArtifacts?: ArtifactStore };
export const artifactStore: ArtifactStore =
  globalForStore.studioArtifacts ?? (globalForStore.studioArtifacts = createLocalArtifactStore());
