"use client";
import Link from "next/link";
import { jobsHref, type JobsQuery } from "@/lib/jobs-query";

type Option = { id: string; name: string };

/** Experiments as a checklist; the selection lives in the URL (`experiment=` repeated). */
export function ExperimentPicker({ query, experiments }: { query: JobsQuery; experiments: Option[] }) {
  const selected = new Set(query.experiments);
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return jobsHref(query, { experiments: [...next] });
  };
  return (
    <nav aria-label="Experiments" className="exp-picker" data-testid="experiment-picker">
      <div className="exp-picker-head">
        <strong>Experiments</strong>
        {selected.size > 0 && (
          <Link href={jobsHref(query, { experiments: [] })} className="small">
            All
          </Link>
        )}
      </div>
      <ul>
        {experiments.map((e) => (
          <li key={e.id}>
            <Link href={toggle(e.id)} aria-pressed={selected.has(e.id)} className={selected.has(e.id) ? "exp-on" : ""}>
              <span className="exp-check" aria-hidden>
                {selected.has(e.id) ? "☑" : "☐"}
              </span>
              <span className="exp-name">{e.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
