import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyField } from "@/components/copy-button";
import { JobOutputs } from "@/components/jobs/job-outputs";
import { LiveRefresh } from "@/components/jobs/live-refresh";
import { MetricCharts } from "@/components/jobs/metric-charts";
import { JobOverview } from "@/components/jobs/job-overview";
import { StatusBadge } from "@/components/status-badge";
import { Tabs } from "@/components/tabs";
import { getJobDetail } from "@/lib/server/jobs";
import { getMetricHistories } from "@/lib/server/tracking/metric-history";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ job: string }>; searchParams: Promise<{ tab?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const detail = await getJobDetail((await params).job);
  return { title: detail ? `${detail.run.info.name || detail.run.info.id} · Jobs` : "Job not found" };
}

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "metrics", label: "Metrics" },
  { id: "outputs", label: "Outputs" },
];

export default async function JobPage({ params, searchParams }: Props) {
  const { job } = await params;
  const requested = (await searchParams).tab;
  const tab = TABS.some((t) => t.id === requested) ? requested! : "overview";
  const detail = await getJobDetail(job);
  if (!detail) notFound();
  const { run } = detail;
  const running = run.info.status === "RUNNING" || run.info.status === "SCHEDULED";
  return (
    <>
      <p className="small muted">
        <Link href="/jobs">Jobs</Link> / <Link href={`/jobs?experiment=${run.info.experimentId}`}>{detail.experimentName}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="copy-row">
            {run.info.name || run.info.id} <StatusBadge status={run.info.status} /> <LiveRefresh active={running} />
          </h1>
          <div className="small">
            <CopyField value={run.info.id} label="Copy ID" />
          </div>
        </div>
      </div>
      <Tabs base={`/jobs/${job}`} current={tab} tabs={TABS} />
      {tab === "overview" && <JobOverview detail={detail} />}
      {tab === "metrics" && (
        <MetricCharts
          histories={await getMetricHistories(job, run.metrics.map((m) => m.key).slice(0, 100))}
          startTime={run.info.startTime}
        />
      )}
      {tab === "outputs" && <JobOutputs jobId={job} canRegister={detail.canRegister} />}
    </>
  );
}
