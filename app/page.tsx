import Link from "next/link";
import { TrackingSnippet } from "@/components/empty-state";
import { MlflowLinkRedirect } from "@/components/mlflow-link-redirect";
import { getStudioOrigin } from "@/lib/server/origin";
import { getStudioCounts } from "@/lib/server/overview";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [counts, origin] = await Promise.all([getStudioCounts(), getStudioOrigin()]);
  return (
    <>
      <MlflowLinkRedirect />
      <div className="page-header">
        <div>
          <h1>Model Studio</h1>
          <p className="muted">Training jobs logged with MLflow, and the models registered from them.</p>
        </div>
      </div>
      <div className="grid grid-2">
        <Link href="/jobs" className="card" data-testid="home-jobs">
          <h2 style={{ marginTop: 0 }}>Jobs</h2>
          <p className="muted">
            {counts.jobs} jobs in {counts.experiments} experiments
          </p>
        </Link>
        <Link href="/models" className="card" data-testid="home-models">
          <h2 style={{ marginTop: 0 }}>Models</h2>
          <p className="muted">
            {counts.models} registered models, {counts.versions} versions
          </p>
        </Link>
      </div>
      <h2>Send runs here</h2>
      <p className="muted">Point the MLflow client at this studio; ordinary MLflow code needs no change.</p>
      <TrackingSnippet origin={origin} />
    </>
  );
}
