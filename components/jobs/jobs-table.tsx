import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { formatDuration } from "@/lib/format";
import { jobsHref, nextSort, type JobsQuery } from "@/lib/jobs-query";
import type { JobRow } from "@/lib/server/jobs";

function SortHeader({ query, sortKey, label }: { query: JobsQuery; sortKey: string; label: string }) {
  const [key, dir] = query.sort.split(/\s+/);
  const active = key === sortKey;
  const arrow = active ? (dir?.toUpperCase() === "ASC" ? " ▲" : " ▼") : "";
  return (
    <th aria-sort={active ? (dir?.toUpperCase() === "ASC" ? "ascending" : "descending") : undefined}>
      <Link href={jobsHref(query, { sort: nextSort(query.sort, sortKey) })}>
        {label}
        {arrow}
      </Link>
    </th>
  );
}

function formatMetric(v: number | undefined): string {
  if (v === undefined) return "";
  if (Number.isNaN(v)) return "NaN";
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Math.round(v * 10_000) / 10_000);
}

export function JobsTable({ query, rows, columns }: { query: JobsQuery; rows: JobRow[]; columns: string[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="jobs-table">
        <thead>
          <tr>
            <SortHeader query={query} sortKey="attributes.run_name" label="Name" />
            <SortHeader query={query} sortKey="attributes.status" label="Status" />
            <th>Experiment</th>
            <SortHeader query={query} sortKey="attributes.start_time" label="Started" />
            <th>Duration</th>
            <SortHeader query={query} sortKey="attributes.user_id" label="User" />
            {columns.map((c) => (
              <SortHeader key={c} query={query} sortKey={c.replace(/^(metrics|params)\.(.*)$/, "$1.`$2`")} label={c} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((j) => (
            <tr key={j.id}>
              <td>
                <Link href={`/jobs/${j.id}`}>{j.name || j.id}</Link>
              </td>
              <td>
                <StatusBadge status={j.status} />
              </td>
              <td>{j.experimentName}</td>
              <td>
                <LocalTime ms={j.startTime} />
              </td>
              <td>{formatDuration(j.endTime == null ? null : j.endTime - j.startTime)}</td>
              <td>{j.userId}</td>
              {columns.map((c) => {
                const [kind, ...rest] = c.split(".");
                const key = rest.join(".");
                return (
                  <td key={c} className={kind === "metrics" ? "num" : undefined}>
                    {kind === "metrics" ? formatMetric(j.metrics[key]) : (j.params[key] ?? "")}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
