import "server-only";
import { artifactStore } from "@/lib/server/artifact-store";
import { sweepStaleMultipartUploads } from "@/lib/server/artifacts/multipart";
import { sweepOrphanSnapshots } from "@/lib/server/registry/snapshot";
import { sweepStaleUploads } from "@/lib/server/registry/uploads";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * How long something must sit untouched before a sweep takes it for a leftover. Generous by
 * default, because another process (a second replica, the CLI) may still be writing it;
 * STUDIO_SWEEP_GRACE_MS overrides every grace at once (the crash tests set 0 on restart).
 */
function grace(defaultMs: number): number {
  const v = Number(process.env.STUDIO_SWEEP_GRACE_MS);
  return process.env.STUDIO_SWEEP_GRACE_MS !== undefined && Number.isFinite(v) && v >= 0 ? v : defaultMs;
}

export type SweepReport = { stagingFiles: number; stagingBytes: number; multipart: number; snapshots: number; uploads: number };

/**
 * Housekeeping that keeps "nothing left behind" true across crashes: half-written files in the
 * artifact store's staging folder (a process killed mid-write), idle multipart sessions, snapshot
 * folders no version points at (a crash between copy and commit) and abandoned uploads.
 * Runs at start and hourly.
 */
export async function runMaintenance(): Promise<SweepReport | null> {
  try {
    const [staging, multipart, snapshots, uploads] = await Promise.all([
      artifactStore.sweepStaging(grace(HOUR)),
      sweepStaleMultipartUploads(grace(DAY)),
      sweepOrphanSnapshots(grace(HOUR)),
      sweepStaleUploads(grace(DAY)),
    ]);
    const report = { stagingFiles: staging.files, stagingBytes: staging.bytes, multipart, snapshots, uploads };
    if (staging.files || multipart || snapshots || uploads) {
      console.log(
        `[studio] maintenance removed ${staging.files} half-written files (${staging.bytes} bytes), ${multipart} idle multipart uploads, ` +
          `${snapshots} orphan snapshots, ${uploads} stale uploads`,
      );
    }
    return report;
  } catch (e) {
    console.error("[studio] maintenance failed", e);
    return null;
  }
}

export function scheduleMaintenance(): void {
  void runMaintenance();
  setInterval(() => void runMaintenance(), HOUR).unref();
}
