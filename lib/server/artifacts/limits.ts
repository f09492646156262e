import "server-only";
import { Transform } from "node:stream";
import { StudioError } from "@/lib/errors";

export class ArtifactTooLargeError extends StudioError {
  constructor(readonly limit: number) {
    super("INVALID_PARAMETER_VALUE", `Upload exceeds the limit of ${limit} bytes`);
    this.name = "ArtifactTooLargeError";
  }
}

/**
 * Counts the bytes of a stream as they pass, stopping it past `maxBytes` or when `onChunk` throws
 * (shared quotas charge each chunk as it arrives). Every backend's write goes through one.
 */
export function countingTransform(opts: {
  maxBytes?: number;
  onChunk?: (bytes: number) => void | Promise<void>;
}): Transform & { bytes: number } {
  const limit = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      t.bytes += chunk.length;
      if (t.bytes > limit) return cb(new ArtifactTooLargeError(limit));
      let pending: void | Promise<void>;
      try {
        pending = opts.onChunk?.(chunk.length);
      } catch (e) {
        return cb(e as Error);
      }
      // An async charge (a database round trip) holds the stream until it is settled.
      if (pending instanceof Promise)
        pending.then(
          () => cb(null, chunk),
          (e: Error) => cb(e),
        );
      else cb(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}
