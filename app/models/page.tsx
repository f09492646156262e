import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { ModelsSearchBar } from "@/components/models/models-search-bar";
import { RegisterDialog } from "@/components/register/register-dialog";
import { canCreateModels } from "@/lib/server/auth/guard";
import { MODEL_TYPE_LABELS, type ModelType } from "@/lib/registry/names";
import { modelsHref, parseModelsQuery } from "@/lib/models-query";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { listModels } from "@/lib/server/models";
import { hasAny } from "@/lib/server/overview";
import { getStudioOrigin } from "@/lib/server/origin";

export const metadata: Metadata = { title: "Models" };
export const dynamic = "force-dynamic";
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function prevToken(token: string, size: number): string | null {
  try {
    const offset = decodePageToken(token);
    return offset <= 0 ? null : offset - size <= 0 ? "" : encodePageToken(offset - size);
  } catch {
    return null;
  }
}

export default async function ModelsPage({ searchParams }: Props) {
  const query = parseModelsQuery(await searchParams);
  const [any, origin] = await Promise.all([hasAny(), getStudioOrigin()]);
  const header = (
    <div className="page-header">
      <div>
        <h1>Models</h1>
        <p className="muted">Registered models. Registering the same name again creates the next version.</p>
      </div>
      {canCreateModels() && <RegisterDialog allowUpload />}
    </div>
  );
  if (!any.models) {
    return (
      <>
        {header}
        <EmptyState title="No registered models yet" testId="models-empty">
          <p className="muted">Register a model a job logged, from Python:</p>
          <pre>{`import mlflow
mlflow.set_tracking_uri("${origin}")
mlflow.register_model("runs:/<job id>/model", "mlflow-diabetes")`}</pre>
          <p className="muted">or open a job&apos;s Outputs and register its model folder.</p>
        </EmptyState>
      </>
    );
  }
  const { models, nextPageToken, error } = await listModels(query);
  const prev = query.page ? prevToken(query.page, query.size) : null;
  return (
    <>
      {header}
      <ModelsSearchBar query={query} error={error} />
      {models.length === 0 && !error ? (
        <EmptyState title="No models match" testId="models-no-match">
          <p className="muted">Change the search or remove a tag filter.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="models-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Latest version</th>
                <th>Aliases</th>
                <th>Tags</th>
                <th>Description</th>
                <th>Last modified</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => {
                const latest = Math.max(0, ...m.latestVersions.map((v) => v.version));
                return (
                  <tr key={m.name}>
                    <td>
                      <Link href={`/models/${encodeURIComponent(m.name)}`}>{m.name}</Link>
                    </td>
                    <td>{MODEL_TYPE_LABELS[m.modelType as ModelType] ?? m.modelType}</td>
                    <td>
                      {latest ? <Link href={`/models/${encodeURIComponent(m.name)}/versions/${latest}`}>Version {latest}</Link> : "—"}
                    </td>
                    <td>
                      {m.aliases.map((a) => (
                        <span key={a.alias} className="badge badge-accent" style={{ marginRight: 4 }}>
                          @{a.alias}: v{a.version}
                        </span>
                      ))}
                    </td>
                    <td>
                      {m.tags
                        .filter((t) => !t.key.startsWith("mlflow."))
                        .slice(0, 4)
                        .map((t) => (
                          <Link
                            key={t.key}
                            href={modelsHref(query, { tags: [...new Set([...query.tags, `${t.key}=${t.value}`])] })}
                            className="badge"
                            style={{ marginRight: 4 }}
                          >
                            {t.key}
                            {t.value ? `=${t.value}` : ""}
                          </Link>
                        ))}
                    </td>
                    <td className="muted small">{m.description.length > 80 ? `${m.description.slice(0, 80)}…` : m.description}</td>
                    <td>
                      <LocalTime ms={m.lastUpdatedTimestamp} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        {prev !== null ? <Link href={modelsHref(query, { page: prev })}>← Previous</Link> : <span className="muted">← Previous</span>}
        <span className="muted small">{models.length} shown</span>
        {nextPageToken ? <Link href={modelsHref(query, { page: nextPageToken })}>Next →</Link> : <span className="muted">Next →</span>}
      </nav>
    </>
  );
}
