import "server-only";
import type { Readable } from "node:stream";

/**
 * Where artifact bytes live: a local folder, an Azure Blob container or an S3 bucket. Keys
 * reaching a backend are already normalized and checked (lib/server/artifact-store.ts: one
 * path-safety check in front of every backend); a backend only moves bytes.
 *
 * Folders are real on disk and virtual (key prefixes) in object stores; both look the same here.
 */
export type ArtifactEntry = { path: string; isDir: boolean; size: number };
export type ArtifactStat = { isDir: boolean; size: number; mtimeMs: number };
export type WriteOptions = { maxBytes?: number; onChunk?: (bytes: number) => void | Promise<void> };

export interface ArtifactBackend {
  readonly kind: "local" | "azure" | "s3";
  /** Where the artifacts are, for logs and the README's checks (never a secret). */
  readonly location: string;
  stat(key: string): Promise<ArtifactStat | null>;
  /** Direct children of a folder, or null when there is no such folder. */
  list(key: string): Promise<ArtifactEntry[] | null>;
  /** A stream of the file's bytes (a range when given); RESOURCE_DOES_NOT_EXIST if missing. */
  openRead(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /**
   * Streams `body` to `key`. Readers see the old file or the whole new one, never a part: a
   * temp file renamed into place (local), a block list committed at the end (Azure), a multipart
   * upload completed at the end (S3). Returns the bytes written.
   */
  write(key: string, body: Readable, opts?: WriteOptions): Promise<number>;
  /** Removes a file or a whole folder; no error when nothing is there. */
  remove(key: string): Promise<void>;
  /** A server-side copy of one file (a snapshot: later writes to `from` do not change `to`). */
  copyFile(from: string, to: string): Promise<void>;

  /** Multipart uploads (MLflow's proxied multipart): parts arrive separately, possibly at different replicas. */
  createMultipart(key: string): Promise<string>;
  /** `size`: the part's Content-Length when the client sent one (object stores need a length). */
  uploadPart(key: string, uploadId: string, partNumber: number, body: Readable, size?: number): Promise<{ etag: string; size: number }>;
  completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void>;
  abortMultipart(key: string, uploadId: string): Promise<void>;

  /** Removes what a killed writer left (local temp files untouched for `staleAfterMs`). */
  sweep(staleAfterMs: number): Promise<{ files: number; bytes: number }>;
}
