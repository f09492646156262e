"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a job runs, re-renders its page every few seconds; stops as soon as it has ended. */
export function LiveRefresh({ active, intervalMs = 5000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs, router]);
  if (!active) return null;
  return (
    <span className="badge badge-accent small" data-testid="live-refresh" title="Refreshing while the job runs">
      ● live
    </span>
  );
}
