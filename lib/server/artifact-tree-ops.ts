import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { ArtifactPathError, normalizeArtifactPath } from "@/lib/artifact-path";
import { injectFault } from "@/lib/server/fault-injection";
import type { ArtifactEntry, ArtifactStat } from "@/lib/server/artifact-store";

/** The store operations these build on (all path checks happen inside them). */
type Base = {
  resolve(key: string): Promise<string>;
  stat(key: string): Promise<ArtifactStat | null>;
  walk(key: string): Promise<ArtifactEntry[]>;
  openRead(key: string, range?: { start: number; end: number }): Promise<AsyncIterable<unknown>>;
};

/** Whole-tree operations of the artifact store: snapshot copies and bounded text reads. */
export function treeOps(store: Base) {
  const { resolve, stat, walk, openRead } = store;

  /**
   * Copies a file or folder to a new key. Files are hard-linked where the disk allows it: every
   * write through this store replaces files by rename (a new inode), so a link is a true snapshot
   * that costs nothing, whatever the model's size. Falls back to a byte copy (other disks).
   */
  async function copyTree(from: string, to: string): Promise<{ files: number; bytes: number }> {
    const src = normalizeArtifactPath(from);
    const dst = normalizeArtifactPath(to);
    if (dst === "" || dst === src || dst.startsWith(`${src}/`))
      throw new ArtifactPathError("a copy cannot go into itself, its own folder or the artifact root", to);
    const st = await stat(src);
    if (!st) throw new ArtifactPathError("nothing exists at this path", from);
    const entries = st.isDir ? await walk(src) : [{ path: src.slice(src.lastIndexOf("/") + 1), isDir: false, size: st.size }];
    let bytes = 0;
    for (const entry of entries) {
      injectFault("copy", entry.path);
      const srcAbs = await resolve(st.isDir ? `${src}/${entry.path}` : src);
      const dstAbs = await resolve(`${dst}/${entry.path}`);
      await fs.mkdir(path.dirname(dstAbs), { recursive: true });
      try {
        await fs.link(srcAbs, dstAbs);
      } catch {
        await fs.copyFile(srcAbs, dstAbs);
      }
      bytes += entry.size;
    }
    return { files: entries.length, bytes };
  }

  /** Reads at most `maxBytes` of a file as UTF-8 (for MLmodel and other small metadata files). */
  async function readText(key: string, maxBytes: number): Promise<{ text: string; truncated: boolean; size: number } | null> {
    const st = await stat(key);
    if (!st || st.isDir) return null;
    const chunks: Buffer[] = [];
    if (st.size > 0) {
      for await (const c of await openRead(key, { start: 0, end: Math.min(st.size, maxBytes) - 1 })) chunks.push(c as Buffer);
    }
    return { text: Buffer.concat(chunks).toString("utf8"), truncated: st.size > maxBytes, size: st.size };
  }

  return { copyTree, readText };
}
