import "server-only";
import { Readable } from "node:stream";
import { ArtifactPathError, normalizeArtifactPath } from "@/lib/artifact-path";
import { artifactRoot } from "@/lib/data-paths.mjs";
import type { ArtifactBackend, ArtifactEntry, ArtifactStat, WriteOptions } from "@/lib/server/artifacts/backend";
import { createLocalBackend, STAGING_DIR } from "@/lib/server/artifacts/local-backend";
import { injectFault } from "@/lib/server/fault-injection";

export type { ArtifactEntry, ArtifactStat } from "@/lib/server/artifacts/backend";
export { ArtifactTooLargeError } from "@/lib/server/artifacts/limits";
export { STAGING_DIR } from "@/lib/server/artifacts/local-backend";

type Body = Readable | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * Every artifact the studio holds, whatever the backend (local folder, Azure Blob, S3). Callers
 * pass relative keys; this is the one path-safety check in front of every backend: each key is
 * normalized (lib/artifact-path), and the staging name stays the studio's own.
 */
export function createArtifactStore(backend: ArtifactBackend) {
  const check = (key: string): string => {
    const clean = normalizeArtifactPath(key);
    if (clean.split("/")[0] === STAGING_DIR) throw new ArtifactPathError("this name is reserved by the studio", key);
    return clean;
  };
  const fileKey = (key: string, what: string) => {
    const clean = check(key);
    if (clean === "") throw new ArtifactPathError(`${what} must name a file, not the artifact root`, key);
    return clean;
  };
  const toReadable = (body: Body) =>
    body instanceof ReadableStream
      ? Readable.fromWeb(body as import("node:stream/web").ReadableStream)
      : body instanceof Readable
        ? body
        : Readable.from(body);

  const stat = async (key: string): Promise<ArtifactStat | null> => backend.stat(check(key));

  /** Direct children of a folder, folders first; null when the folder does not exist. */
  async function list(key: string): Promise<ArtifactEntry[] | null> {
    const entries = await backend.list(check(key));
    return entries && entries.sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.path.localeCompare(b.path));
  }

  /** Every file below a folder (recursive), keys relative to that folder. */
  async function walk(key: string): Promise<ArtifactEntry[]> {
    const out: ArtifactEntry[] = [];
    const visit = async (rel: string) => {
      for (const child of (await list(rel === "" ? key : `${key}/${rel}`)) ?? []) {
        const childRel = rel === "" ? child.path : `${rel}/${child.path}`;
        if (child.isDir) await visit(childRel);
        else out.push({ ...child, path: childRel });
      }
    };
    await visit("");
    return out;
  }

  /**
   * A server-side copy of a file or folder (registration snapshots): never a download and
   * re-upload through the studio. Files go a few at a time; the copy stands on its own.
   */
  async function copyTree(from: string, to: string): Promise<{ files: number; bytes: number }> {
    const src = check(from);
    const dst = check(to);
    if (dst === "" || dst === src || dst.startsWith(`${src}/`)) {
      throw new ArtifactPathError("a copy cannot go into itself, its own folder or the artifact root", to);
    }
    const st = await backend.stat(src);
    if (!st) throw new ArtifactPathError("nothing exists at this path", from);
    const entries = st.isDir ? await walk(src) : [{ path: src.slice(src.lastIndexOf("/") + 1), isDir: false, size: st.size }];
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < entries.length && !failed) {
        const entry = entries[next++]!;
        try {
          injectFault("copy", entry.path);
          await backend.copyFile(st.isDir ? `${src}/${entry.path}` : src, `${dst}/${entry.path}`);
        } catch (e) {
          failed = true;
          throw e;
        }
      }
    };
    // Every copy in flight settles before a failure is reported, so the caller's cleanup of `to`
    // cannot race a copy still landing there.
    const outcomes = await Promise.allSettled(Array.from({ length: Math.min(8, entries.length) }, worker));
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (failure) throw failure.reason;
    return { files: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) };
  }

  /** Reads at most `maxBytes` of a file as UTF-8 (MLmodel and other small metadata files). */
  async function readText(key: string, maxBytes: number): Promise<{ text: string; truncated: boolean; size: number } | null> {
    const st = await stat(key);
    if (!st || st.isDir) return null;
    const chunks: Buffer[] = [];
    if (st.size > 0) {
      for await (const c of await backend.openRead(check(key), { start: 0, end: Math.min(st.size, maxBytes) - 1 }))
        chunks.push(c as Buffer);
    }
    return { text: Buffer.concat(chunks).toString("utf8"), truncated: st.size > maxBytes, size: st.size };
  }

  return {
    backend,
    stat,
    list,
    walk,
    copyTree,
    readText,
    openRead: async (key: string, range?: { start: number; end: number }) => backend.openRead(fileKey(key, "A download"), range),
    write: async (key: string, body: Body, opts: WriteOptions = {}) =>
      backend.write(fileKey(key, "An artifact path"), toReadable(body), opts),
    remove: async (key: string) => backend.remove(fileKey(key, "A delete")),
    /** Refuses paths a client may not use before anything is staged (multipart creation). */
    checkWritable: async (key: string) => fileKey(key, "An upload"),
    createMultipart: async (key: string) => backend.createMultipart(fileKey(key, "An upload")),
    uploadPart: async (key: string, uploadId: string, partNumber: number, body: Body, size?: number) =>
      backend.uploadPart(fileKey(key, "An upload"), uploadId, partNumber, toReadable(body), size),
    completeMultipart: async (key: string, uploadId: string, parts: { partNumber: number; etag: string }[]) =>
      backend.completeMultipart(fileKey(key, "An upload"), uploadId, parts),
    abortMultipart: async (key: string, uploadId: string) => backend.abortMultipart(fileKey(key, "An upload"), uploadId),
    sweepStaging: async (staleAfterMs: number) => backend.sweep(staleAfterMs),
  };
}

export type ArtifactStore = ReturnType<typeof createArtifactStore>;

/** The backend STUDIO_ARTIFACT_ROOT names: a local folder (default), azure://… or s3://…. */
async function backendFromSettings(): Promise<ArtifactBackend> {
  const setting = process.env.STUDIO_ARTIFACT_ROOT ?? "";
  if (setting.startsWith("azure://")) return (await import("@/lib/server/artifacts/azure-backend")).createAzureBackend(setting);
  if (setting.startsWith("s3://")) return (await import("@/lib/server/artifacts/s3-backend")).createS3Backend(setting);
  return createLocalBackend(artifactRoot()!);
}

/**
 * One store per process, on globalThis: Next and the MLflow API bundle each load this module.
 * Object-store clients load lazily, so the embedded default never pays for their SDKs.
 */
const g = globalThis as unknown as { studioArtifacts?: Promise<ArtifactStore> };
const storePromise = () => (g.studioArtifacts ??= backendFromSettings().then(createArtifactStore));

type Methods = Omit<ArtifactStore, "backend">;
export const artifactStore: Methods = new Proxy({} as Methods, {
  get:
    (_t, name: string) =>
    async (...args: unknown[]) => {
      const store = await storePromise();
      const fn = store[name as keyof Methods] as unknown as ((...a: unknown[]) => unknown) | undefined;
      if (typeof fn !== "function") throw new Error(`artifactStore.${name} does not exist`);
      return fn(...args);
    },
});

/** For tests and tools: a store on a local folder. */
export const createLocalArtifactStore = (root: string) => createArtifactStore(createLocalBackend(root));

/** The backend kind and location, for logs and /health. */
export async function artifactLocation(): Promise<{ kind: string; location: string }> {
  const { backend } = await storePromise();
  return { kind: backend.kind, location: backend.location };
}
