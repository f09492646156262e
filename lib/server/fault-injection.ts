import "server-only";

/**
 * Deterministic failures for crash-consistency tests. Off unless the server runs with
 * STUDIO_FAULT_INJECTION=1 (only the test runner's studio does); then a step fails when the data
 * it handles names that step, e.g. a file called `studio-fault-copy` in a folder being registered.
 * Everything else stays the real code path: the point is to watch real cleanup run.
 */
export function injectFault(point: "copy" | "commit", data: string | undefined): void {
  if (process.env.STUDIO_FAULT_INJECTION !== "1" || !data) return;
  if (data.includes(`studio-fault-${point}`)) throw new Error(`Injected fault at '${point}' (STUDIO_FAULT_INJECTION)`);
}
