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
