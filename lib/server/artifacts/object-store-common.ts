import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { invalidParam } from "@/lib/errors";
import type { ArtifactEntry, ArtifactStat } from "./backend";

/**
 * What the object-store backends (Azure Blob, S3) share: a `container/prefix` root, key mapping,
 * and the folder rules a file system enforces by itself, which a flat key space does not:
 * no file where a folder is, no folder where a file is.
 */
export function parseRoot(uri: string, scheme: "azure" | "s3"): { container: string; prefix: string } {
  const m = new RegExp(`^${scheme}://([^/]+)/?(.*)$`).exec(uri);
  if (!m) throw new Error(`STUDIO_ARTIFACT_ROOT must look like ${scheme}://<${scheme === "s3" ? "bucket" : "container"}>/<prefix>`);
  return { container: m[1]!, prefix: m[2]!.replace(/^\/+|\/+$/g, "") };
}

export type Probe = {
  /** The file at `key`, or null. */
  file(key: string): Promise<ArtifactStat | null>;
  /** Whether anything exists below `key/`. */
  hasChildren(key: string): Promise<ArtifactStat | null>;
};

/** stat() for a flat key space: a file, else a folder when something lies below. */
export async function statKey(probe: Probe, key: string): Promise<ArtifactStat | null> {
  if (key === "") return { isDir: true, size: 0, mtimeMs: 0 };
  return (await probe.file(key)) ?? (await probe.hasChildren(key));
}

/** Refuses a write the local store would refuse: onto a folder, or below a file. */
export async function checkWritableKey(probe: Probe, key: string): Promise<void> {
  if (await probe.hasChildren(key)) throw invalidParam(`Cannot write '${key}': a folder already exists at this path`);
  const parts = key.split("/");
  const ancestors = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
  const files = await Promise.all(ancestors.map((a) => probe.file(a)));
  if (files.some(Boolean)) throw invalidParam(`Cannot write '${key}': a part of this path is a file, not a folder`);
}

/** Folders first is the store's job; here only the two kinds of children are merged. */
export function entriesOf(dirs: string[], files: { name: string; size: number }[]): ArtifactEntry[] {
  return [...dirs.map((d) => ({ path: d, isDir: true, size: 0 })), ...files.map((f) => ({ path: f.name, isDir: false, size: f.size }))];
}

/**
 * A body of known length: object stores need one for a single part. A part arriving without a
 * Content-Length is spooled to a temp file first (streamed, never held in memory).
 */
export async function withLength(
  body: Readable,
  size: number | undefined,
): Promise<{ body: Readable; size: number; done: () => Promise<void> }> {
  if (size !== undefined && Number.isSafeInteger(size) && size >= 0) return { body, size, done: async () => {} };
  const file = path.join(os.tmpdir(), `studio-part-${randomBytes(8).toString("hex")}`);
  try {
    await pipeline(body, createWriteStream(file));
    const { size: spooled } = await fs.stat(file);
    return { body: createReadStream(file), size: spooled, done: () => fs.rm(file, { force: true }) };
  } catch (e) {
    await fs.rm(file, { force: true });
    throw e;
  }
}

/** Runs `fn` over items, `n` at a time. */
export async function eachLimit<T>(items: readonly T[], n: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
