import Link from "next/link";
import { removeVersionTagAction } from "@/lib/actions/remove-version-tag";
import { saveVersionDescription } from "@/lib/actions/save-version-description";
import { setVersionTagAction } from "@/lib/actions/set-version-tag";
import { CopyField } from "@/components/copy-button";
import { LocalTime } from "@/components/local-time";
import { DescriptionEditor } from "@/components/models/description-editor";
import { StatusBadge } from "@/components/status-badge";
import { TagsEditor } from "@/components/tags-editor";
import { formatBytes } from "@/lib/format";
import { MODEL_TYPE_LABELS, type ModelType } from "@/lib/registry/names";
import type { VersionDetail } from "@/lib/server/version-files";

export function VersionOverview({ detail }: { detail: VersionDetail }) {
  const v = detail.version;
  const aliases = detail.aliases.filter((a) => a.version === v.version);
  const zip = `/api/studio/models/${encodeURIComponent(v.name)}/versions/${v.version}/zip`;
  return (
    <div className="grid grid-2">
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Details</h2>
        <dl className="kv">
          <dt>Type</dt>
          <dd>{MODEL_TYPE_LABELS[v.modelType as ModelType] ?? v.modelType}</dd>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={v.status} />
            {v.statusMessage ? ` ${v.statusMessage}` : ""}
          </dd>
          <dt>Created</dt>
          <dd>
            <LocalTime ms={v.creationTimestamp} />
          </dd>
          <dt>Size</dt>
          <dd>{formatBytes(v.sizeBytes)}</dd>
          <dt>Source</dt>
          <dd>
            <CopyField value={v.source} />
          </dd>
          <dt>Job</dt>
          <dd>{v.runId ? <Link href={`/jobs/${v.runId}`}>{detail.run?.name ?? v.runId}</Link> : "—"}</dd>
          {v.modelId && (
            <>
              <dt>Logged model</dt>
              <dd className="mono small">{v.runId ? <Link href={`/jobs/${v.runId}?tab=outputs`}>{v.modelId}</Link> : v.modelId}</dd>
            </>
          )}
          {v.userId && (
            <>
              <dt>Registered by</dt>
              <dd>{v.userId}</dd>
            </>
          )}
        </dl>
        <h3>Use this version</h3>
        <div className="uri-list" data-testid="version-uris">
          <CopyField value={`models:/${v.name}/${v.version}`} />
          {aliases.map((a) => (
            <CopyField key={a.alias} value={`models:/${v.name}@${a.alias}`} />
          ))}
        </div>
        <p>
          <a className="btn" href={zip}>
            Download version as zip
          </a>
        </p>
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Description</h2>
        <DescriptionEditor
          testId="version-description"
          description={v.description}
          action={saveVersionDescription.bind(null, v.name, v.version)}
          readOnly={!detail.canEdit}
        />
        <h2>Tags</h2>
        <TagsEditor
          testId="version-tags"
          tags={v.tags}
          hidden={{}}
          setAction={setVersionTagAction.bind(null, v.name, v.version)}
          removeAction={removeVersionTagAction.bind(null, v.name, v.version)}
          readOnlyPrefix="mlflow."
          readOnly={!detail.canEdit}
        />
      </section>
    </div>
  );
}
