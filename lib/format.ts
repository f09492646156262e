/** Display helpers shared by server and client components. Pure. */

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.floor(ms / 1000);
  if (s < 1) return `${ms} ms`;
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function formatBytes(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return "—";
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/**
 * A Date for an epoch-ms value, or null when there is none to show: missing, zero or negative, or
 * outside what a Date can hold (±8.64e15 ms). Stored values come from clients, so any number can
 * arrive here, and `new Date(1e23).toISOString()` throws.
 */
export function dateFromMs(ms: number | null | undefined): Date | null {
  if (ms == null || !Number.isFinite(ms) || ms <= 0 || ms > 8.64e15) return null;
  return new Date(ms);
}

/** A stable, locale-independent timestamp (used on the server so hydration matches). */
export function formatTimestampUtc(ms: number | null | undefined): string {
  const date = dateFromMs(ms);
  if (!date) return "—";
  return `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
}
