import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { listRecentModels } from "@/lib/server/models";
import { getStudioOrigin } from "@/lib/server/origin";

export const metadata: Metadata = { title: "Models" };
export const dynamic = "force-dynamic";

export default async function ModelsPage() {
  const [models, origin] = await Promise.all([listRecentModels(), getStudioOrigin()]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Models</h1>
          <p className="muted">Registered models. Registering the same name again creates the next version.</p>
        </div>
      </div>
      {models.length === 0 ? (
        <EmptyState title="No registered models yet" testId="models-empty">
          <p className="muted">Register a model logged by a job, from Python:</p>
          <pre>{`import mlflow
mlflow.set_tracking_uri("${origin}")
mlflow.register_model("runs:/<job id>/model", "mlflow-diabetes")`}</pre>
        </EmptyState>
      ) : (
        <table className="table" data-testid="models-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Latest version</th>
              <th>Last modified</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.name}>
                <td>
                  <Link href={`/models/${encodeURIComponent(m.name)}`}>{m.name}</Link>
                </td>
                <td>{m.modelType}</td>
                <td>{m.latestVersion ?? "—"}</td>
                <td>
                  <LocalTime ms={m.lastUpdatedTimestamp} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
