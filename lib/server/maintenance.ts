import "server-only";
import { sweepOrphanSnapshots } from "@/lib/server/registry/snapshot";
import { sweepStaleUploads } from "@/lib/server/registry/uploads";

/**
 * Housekeeping that keeps "nothing left behind" true across crashes: snapshot folders no version
 * points at (a crash between copy and commit) and abandoned uploads. Runs at start and hourly.
 */
export async function runMaintenance(): Promise<void> {
  try {
    const [snapshots, uploads] = await Promise.all([sweepOrphanSnapshots(), sweepStaleUploads()]);
    if (snapshots || uploads) console.log(`[studio] maintenance removed ${snapshots} orphan snapshots, ${uploads} stale uploads`);
  } catch (e) {
    console.error("[studio] maintenance failed", e);
  }
}

export function scheduleMaintenance(): void {
  void runMaintenance();
  setInterval(() => void runMaintenance(), 60 * 60 * 1000).unref();
}
