import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/auth/audit-table";
import { GrantsEditor } from "@/components/auth/grants-editor";
import { CopyField } from "@/components/copy-button";
import { LocalTime } from "@/components/local-time";
import { AliasesEditor } from "@/components/models/aliases-editor";
import { DescriptionEditor } from "@/components/models/description-editor";
import { RegisterDialog } from "@/components/register/register-dialog";
import { StatusBadge } from "@/components/status-badge";
import { TagsEditor } from "@/components/tags-editor";
import { MODEL_TYPE_LABELS, type ModelType } from "@/lib/registry/names";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import { listGrants } from "@/lib/server/auth/accounts";
import { listAuditEvents } from "@/lib/server/auth/audit";
import { authEnabled } from "@/lib/server/auth/principal";
import { getModelPage } from "@/lib/server/models";
import { removeAliasAction } from "@/lib/actions/remove-alias";
import { removeModelTagAction } from "@/lib/actions/remove-model-tag";
import { saveModelDescription } from "@/lib/actions/save-model-description";
import { setAliasAction } from "@/lib/actions/set-alias";
import { setModelTagAction } from "@/lib/actions/set-model-tag";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).name };
}

function prevToken(token: string | undefined, size: number): string | null {
  try {
    const offset = decodePageToken(token);
    return offset <= 0 ? null : offset - size <= 0 ? "" : encodePageToken(offset - size);
  } catch {
    return null;
  }
}

export default async function ModelPage({ params, searchParams }: Props) {
  const name = (await params).name;
  const page = (await searchParams).page;
  const data = await getModelPage(name, page);
  if (!data) notFound();
  const { model, versions, nextPageToken, error, canEdit, canManage } = data;
  const [history, grants] = await Promise.all([
    listAuditEvents({ resourceType: "registered_model", resourceKey: name, limit: 20 }),
    canManage && authEnabled() ? listGrants("registered_model", name) : Promise.resolve(null),
  ]);
  const base = `/models/${encodeURIComponent(name)}`;
  const latest = Math.max(0, ...model.latestVersions.map((v) => v.version)) || null;
  const prev = prevToken(page, 25);
  const aliasesOf = new Map<number, string[]>();
  for (const a of model.aliases) aliasesOf.set(a.version, [...(aliasesOf.get(a.version) ?? []), a.alias]);
  return (
    <>
      <p className="small muted">
        <Link href="/models">Models</Link> / {name}
      </p>
      <div className="page-header">
        <div>
          <h1>{name}</h1>
          <p className="muted small">
            {MODEL_TYPE_LABELS[model.modelType as ModelType] ?? model.modelType} · {latest ? `latest version ${latest}` : "no versions"} ·
            created <LocalTime ms={model.creationTimestamp} />
          </p>
          {latest && (
            <div className="small">
              <CopyField value={`models:/${name}/${latest}`} label="Copy URI" />
            </div>
          )}
        </div>
        {canEdit && <RegisterDialog name={name} label="Register new version" allowUpload />}
      </div>
      <div className="grid grid-2">
        <section className="card">
          <h2 style={{ marginTop: 0 }}>Description</h2>
          <DescriptionEditor
            testId="model-description"
            description={model.description}
            action={saveModelDescription.bind(null, name)}
            readOnly={!canEdit}
          />
        </section>
        <section className="card">
          <h2 style={{ marginTop: 0 }}>Aliases</h2>
          <AliasesEditor
            modelName={name}
            aliases={model.aliases}
            defaultVersion={latest}
            setAction={setAliasAction.bind(null, name)}
            removeAction={removeAliasAction.bind(null, name)}
            readOnly={!canEdit}
          />
          <h2>Tags</h2>
          <TagsEditor
            testId="model-tags"
            tags={model.tags}
            hidden={{}}
            setAction={setModelTagAction.bind(null, name)}
            removeAction={removeModelTagAction.bind(null, name)}
            readOnlyPrefix="mlflow."
            readOnly={!canEdit}
          />
        </section>
      </div>
      <h2>Versions</h2>
      {error && <p className="error-box">{error}</p>}
      {versions.length === 0 ? (
        <p className="muted">No versions yet. Register a job&apos;s model folder under this name to create version 1.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="versions-table">
            <thead>
              <tr>
                <th>Version</th>
                <th>Aliases</th>
                <th>Type</th>
                <th>Status</th>
                <th>Source job</th>
                <th>Created</th>
                <th>Tags</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    <Link href={`${base}/versions/${v.version}`}>Version {v.version}</Link>
                  </td>
                  <td>
                    {(aliasesOf.get(v.version) ?? []).map((a) => (
                      <span key={a} className="badge badge-accent" style={{ marginRight: 4 }}>
                        @{a}
                      </span>
                    ))}
                  </td>
                  <td>{MODEL_TYPE_LABELS[v.modelType as ModelType] ?? v.modelType}</td>
                  <td>
                    <StatusBadge status={v.status} />
                  </td>
                  <td>
                    {v.runId ? (
                      <Link href={`/jobs/${v.runId}`} className="mono small">
                        {v.runId.slice(0, 8)}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    <LocalTime ms={v.creationTimestamp} />
                  </td>
                  <td className="small">
                    {v.tags
                      .filter((t) => !t.key.startsWith("mlflow."))
                      .map((t) => (
                        <span key={t.key} className="badge" style={{ marginRight: 4 }}>
                          {t.key}
                          {t.value ? `=${t.value}` : ""}
                        </span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Version pages">
        {prev !== null ? (
          <Link href={prev ? `${base}?page=${encodeURIComponent(prev)}` : base}>← Newer</Link>
        ) : (
          <span className="muted">← Newer</span>
        )}
        <span className="muted small">{versions.length} shown</span>
        {nextPageToken ? (
          <Link href={`${base}?page=${encodeURIComponent(nextPageToken)}`}>Older →</Link>
        ) : (
          <span className="muted">Older →</span>
        )}
      </nav>
      {grants && (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>Permissions</h2>
          <GrantsEditor type="registered_model" resourceKey={name} grants={grants} />
        </section>
      )}
      <section className="card">
        <h2 style={{ marginTop: 0 }}>History</h2>
        <AuditTable events={history.events} showResource={false} />
      </section>
    </>
  );
}
