import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, TrackingSnippet } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { formatDuration } from "@/lib/format";
import { listRecentJobs } from "@/lib/server/jobs";
import { getStudioOrigin } from "@/lib/server/origin";

export const metadata: Metadata = { title: "Jobs" };
export const dynamic = "force-dynamic";

export default async function JobsPage() {
  const [jobs, origin] = await Promise.all([listRecentJobs(), getStudioOrigin()]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Jobs</h1>
          <p className="muted">Training runs logged with MLflow. A job&apos;s outputs are its artifacts.</p>
        </div>
      </div>
      {jobs.length === 0 ? (
        <EmptyState title="No jobs yet" testId="jobs-empty">
          <p className="muted">Run any MLflow training script with the tracking URI pointing here:</p>
          <TrackingSnippet origin={origin} />
        </EmptyState>
      ) : (
        <table className="table" data-testid="jobs-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Experiment</th>
              <th>Started</th>
              <th>Duration</th>
              <th>User</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
