// Samples a process's resident memory from /proc/<pid>/status while a transfer runs. VmRSS is
// sampled every few ms (a short spike between samples can be missed); VmHWM, the kernel's own
// high-water mark, catches spikes but only if they beat every earlier peak of the process, so
// both are reported and the larger growth counts.
import fs from "node:fs";

function readKb(pid, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

export function startRssSampler(pid, intervalMs = 10) {
  const baseline = readKb(pid, "VmRSS");
  const hwmBefore = readKb(pid, "VmHWM");
  let peak = baseline;
  let samples = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, readKb(pid, "VmRSS"));
      samples++;
    } catch {}
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const hwmAfter = readKb(pid, "VmHWM");
      const end = readKb(pid, "VmRSS");
      peak = Math.max(peak, end);
      const growthKb = Math.max(peak - baseline, hwmAfter > hwmBefore ? hwmAfter - baseline : 0);
      const mib = (kb) => kb / 1024;
      return {
        baselineMiB: mib(baseline),
        peakMiB: mib(peak),
        endMiB: mib(end),
        hwmBeforeMiB: mib(hwmBefore),
        hwmAfterMiB: mib(hwmAfter),
        growthMiB: mib(growthKb),
        samples,
      };
    },
  };
}
