"use client";
import { useRouter } from "next/navigation";
import { jobsHref, type JobsQuery } from "@/lib/jobs-query";

/** Picks which params and metrics show as columns (kept in `cols=`). */
export function ColumnChooser({ query, available, shown }: { query: JobsQuery; available: string[]; shown: string[] }) {
  const router = useRouter();
  if (available.length === 0) return null;
  const toggle = (key: string) => {
    const next = shown.includes(key) ? shown.filter((k) => k !== key) : [...shown, key];
    router.push(jobsHref(query, { cols: next.length ? next : [] }));
  };
  return (
    <details className="column-chooser">
      <summary className="btn btn-sm">Columns ({shown.length})</summary>
      <div className="column-chooser-menu card" role="group" aria-label="Columns">
        {available.map((key) => (
          <label key={key} className="small">
            <input type="checkbox" checked={shown.includes(key)} onChange={() => toggle(key)} /> {key}
          </label>
        ))}
      </div>
    </details>
  );
}
