// Moving many files: a small worker pool and a progress line, shared by uploads and downloads.
import { formatBytes } from "./output.mjs";

// A few files at a time: many small files (tokenizers, shards' indexes) would otherwise cost one
// round trip each in sequence, while a larger pool only competes for the same disk and network.
export const CONCURRENCY = 4;

/**
 * Runs `task(item, signal)` over `items`, `limit` at a time. On the first failure the others are
 * aborted through `signal` and awaited, so nothing is still writing when the caller cleans up;
 * then the first error is rethrown.
 */
export async function runPool(items, task, { signal, limit = CONCURRENCY } = {}) {
  const stop = new AbortController();
  const combined = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  let next = 0;
  let firstError;
  const worker = async () => {
    while (next < items.length && firstError === undefined) {
      const item = items[next++];
      try {
        await task(item, combined);
      } catch (e) {
        if (firstError === undefined) firstError = e;
        stop.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (firstError !== undefined) throw firstError;
}

/**
 * A one-line "verb n/N files, x/y" progress on stderr, redrawn at most 10 times a second. Only
 * on a TTY: in CI logs and pipes a stream of carriage returns is noise, and stdout stays clean
 * for --json either way.
 */
export function createProgress(verb, totalFiles, totalBytes, stderr = process.stderr) {
  const enabled = Boolean(stderr.isTTY);
  let files = 0;
  let bytes = 0;
  let last = 0;
  const draw = () => {
    if (!enabled || Date.now() - last < 100) return;
    last = Date.now();
    const pct = totalBytes > 0 ? ` (${Math.floor((bytes / totalBytes) * 100)}%)` : "";
    stderr.write(`\r\x1b[2K${verb} ${files}/${totalFiles} files, ${formatBytes(bytes)} / ${formatBytes(totalBytes)}${pct}`);
  };
  return {
    bytes(n) {
      bytes += n;
      draw();
    },
    fileDone() {
      files++;
      draw();
    },
    /** Clears the line so the result (or the error) starts at column 0. */
    end() {
      if (enabled && last > 0) stderr.write("\r\x1b[2K");
    },
  };
}
