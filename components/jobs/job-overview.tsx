import Link from "next/link";
import { removeJobTag } from "@/lib/actions/remove-job-tag";
import { setJobTag } from "@/lib/actions/set-job-tag";
import { LocalTime } from "@/components/local-time";
import { TagsEditor } from "@/components/tags-editor";
import { formatDuration } from "@/lib/format";
import type { JobDetail } from "@/lib/server/jobs";

export function JobOverview({ detail }: { detail: JobDetail }) {
  const { run } = detail;
  const tag = (k: string) => run.tags.find((t) => t.key === k)?.value;
  const params = [...run.params].sort((a, b) => a.key.localeCompare(b.key));
  const metrics = [...run.metrics].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <div className="grid grid-2">
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Details</h2>
        <dl className="kv">
          <dt>Experiment</dt>
          <dd>
            <Link href={`/jobs?experiment=${run.info.experimentId}`}>{detail.experimentName}</Link>
          </dd>
          <dt>Started</dt>
          <dd>
            <LocalTime ms={run.info.startTime} />
          </dd>
          <dt>Ended</dt>
          <dd>{run.info.endTime ? <LocalTime ms={run.info.endTime} /> : "—"}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(run.info.endTime ? run.info.endTime - run.info.startTime : null)}</dd>
          <dt>User</dt>
          <dd>{run.info.userId || "—"}</dd>
          <dt>Source</dt>
          <dd className="mono">
            {tag("mlflow.source.name") ?? "—"} {tag("mlflow.source.type") ? `(${tag("mlflow.source.type")})` : ""}
          </dd>
          <dt>Artifact URI</dt>
          <dd className="mono small">{run.info.artifactUri}</dd>
        </dl>
        <h3>Tags</h3>
        <TagsEditor
          testId="job-tags"
          tags={run.tags}
          hidden={{ jobId: run.info.id }}
          setAction={setJobTag}
          removeAction={removeJobTag.bind(null, run.info.id)}
          readOnlyPrefix="mlflow."
          readOnly={!detail.canEdit}
        />
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Metrics</h2>
        {metrics.length === 0 ? (
          <p className="muted">No metrics.</p>
        ) : (
          <table className="table" data-testid="job-metrics">
            <thead>
              <tr>
                <th>Key</th>
                <th>Latest</th>
                <th>Step</th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((m) => (
                <tr key={m.key}>
                  <td className="mono">{m.key}</td>
                  <td className="num">{String(m.value)}</td>
                  <td className="num">{m.step}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>Parameters</h2>
        {params.length === 0 ? (
          <p className="muted">No parameters.</p>
        ) : (
          <table className="table" data-testid="job-params">
            <thead>
              <tr>
                <th>Key</th>
                <th>Value</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={p.key}>
                  <td className="mono">{p.key}</td>
                  <td className="mono" style={{ wordBreak: "break-word" }}>
                    {p.value}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Inputs</h2>
        {run.datasetInputs.length === 0 ? (
          <p className="muted">No datasets were logged as inputs.</p>
        ) : (
          <table className="table" data-testid="job-inputs">
            <thead>
              <tr>
                <th>Dataset</th>
                <th>Digest</th>
                <th>Source</th>
                <th>Context</th>
              </tr>
            </thead>
            <tbody>
              {run.datasetInputs.map((d, i) => (
                <tr key={i}>
                  <td>{d.dataset.name}</td>
                  <td className="mono small">{d.dataset.digest}</td>
                  <td className="small">{d.dataset.sourceType}</td>
                  <td>{d.tags.find((t) => t.key === "mlflow.data.context")?.value ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Models</h2>
        {detail.loggedModels.length === 0 && detail.registeredVersions.length === 0 ? (
          <p className="muted">No models were logged by this job.</p>
        ) : (
          <ul data-testid="job-models">
            {detail.loggedModels.map((m) => (
              <li key={m.id}>
                <Link href={`/jobs/${run.info.id}?tab=outputs&path=${encodeURIComponent(m.name)}`}>{m.name}</Link>{" "}
                <span className="muted small mono">{m.id}</span>{" "}
                <span className="badge">{m.status.replace("LOGGED_MODEL_", "").toLowerCase()}</span>
              </li>
            ))}
            {detail.registeredVersions.map((v) => (
              <li key={`${v.name}/${v.version}`}>
                Registered as{" "}
                <Link href={`/models/${encodeURIComponent(v.name)}/versions/${v.version}`}>
                  {v.name} v{v.version}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
