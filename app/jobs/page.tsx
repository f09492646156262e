import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, TrackingSnippet } from "@/components/empty-state";
import { ColumnChooser } from "@/components/jobs/column-chooser";
import { ExperimentPicker } from "@/components/jobs/experiment-picker";
import { JobsSearchBar } from "@/components/jobs/jobs-search-bar";
import { JobsTable } from "@/components/jobs/jobs-table";
import { jobsHref, parseJobsQuery, PAGE_SIZES } from "@/lib/jobs-query";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { listExperimentOptions, listJobs } from "@/lib/server/jobs";
import { getStudioOrigin } from "@/lib/server/origin";
import { hasAny } from "@/lib/server/overview";

export const metadata: Metadata = { title: "Jobs" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function previousToken(token: string, size: number): string | null {
  try {
    const offset = decodePageToken(token);
    if (offset <= 0) return null;
    return offset - size <= 0 ? "" : encodePageToken(offset - size);
  } catch {
    return null;
  }
}

export default async function JobsPage({ searchParams }: Props) {
  const query = parseJobsQuery(await searchParams);
  const [experiments, origin, any] = await Promise.all([listExperimentOptions(), getStudioOrigin(), hasAny()]);
  if (!any.jobs) {
    return (
      <>
        <h1>Jobs</h1>
        <EmptyState title="No jobs yet" testId="jobs-empty">
          <p className="muted">Run any MLflow training script with the tracking URI pointing here:</p>
          <TrackingSnippet origin={origin} />
        </EmptyState>
      </>
    );
  }
  const { rows, nextPageToken, error } = await listJobs(query);
  const keys = (kind: "metrics" | "params") =>
    [...new Set(rows.flatMap((r) => Object.keys(kind === "metrics" ? r.metrics : r.params)))].sort().map((k) => `${kind}.${k}`);
  const available = [...keys("metrics"), ...keys("params")];
  const columns = query.cols.length ? query.cols : [...keys("metrics").slice(0, 4), ...keys("params").slice(0, 3)];
  const prev = query.page ? previousToken(query.page, query.size) : null;
  return (
    <div className="with-sidebar">
      <ExperimentPicker query={query} experiments={experiments} />
      <section>
        <div className="page-header">
          <div>
            <h1>Jobs</h1>
            <p className="muted">Training runs logged with MLflow. A job&apos;s outputs are its artifacts.</p>
          </div>
          <ColumnChooser query={query} available={available} shown={columns} />
        </div>
        <JobsSearchBar query={query} error={error} />
        {rows.length === 0 && !error ? (
          <EmptyState title="No jobs match" testId="jobs-no-match">
            <p className="muted">Change the search or filter, or pick other experiments.</p>
          </EmptyState>
        ) : (
          <JobsTable query={query} rows={rows} columns={columns} />
        )}
        <nav className="pager" aria-label="Pages">
          {prev !== null ? <Link href={jobsHref(query, { page: prev })}>← Previous</Link> : <span className="muted">← Previous</span>}
          <span className="muted small">
            {rows.length} shown ·{" "}
            {PAGE_SIZES.map((s) => (
              <Link
                key={s}
                href={jobsHref(query, { size: s })}
                aria-current={s === query.size ? "true" : undefined}
                style={{ marginRight: 6 }}
              >
                {s}
              </Link>
            ))}
            per page
          </span>
          {nextPageToken ? <Link href={jobsHref(query, { page: nextPageToken })}>Next →</Link> : <span className="muted">Next →</span>}
        </nav>
      </section>
    </div>
  );
}
