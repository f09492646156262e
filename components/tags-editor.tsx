"use client";
import { useActionState, useTransition } from "react";

export type TagActionState = { errors?: Record<string, string>; message?: string; ok?: boolean };
type Tag = { key: string; value: string };

type Props = {
  tags: Tag[];
  /** Hidden form fields that identify the entity (e.g. jobId). */
  hidden: Record<string, string>;
  setAction: (prev: TagActionState, form: FormData) => Promise<TagActionState>;
  removeAction: (key: string) => Promise<TagActionState>;
  /** Keys with this prefix are shown read-only (MLflow's own `mlflow.` tags). */
  readOnlyPrefix?: string;
  testId?: string;
  /** Shown without edit controls (the viewer may not change this entity). */
  readOnly?: boolean;
};

/** Tags as key/value rows: add or overwrite with the form, remove with a button. */
export function TagsEditor({ tags, hidden, setAction, removeAction, readOnlyPrefix, testId, readOnly: viewOnly = false }: Props) {
  const readOnly = (key: string) => !!readOnlyPrefix && key.startsWith(readOnlyPrefix);
  const [state, formAction, saving] = useActionState(setAction, {});
  const [removing, startRemove] = useTransition();
  const editable = tags.filter((t) => !readOnly(t.key));
  const system = tags.filter((t) => readOnly(t.key));
  return (
    <div data-testid={testId}>
      {editable.length === 0 && <p className="muted small">No tags yet.</p>}
      <ul className="tag-list">
        {editable.map((t) => (
          <li key={t.key} className="tag-chip">
            <span className="mono">{t.key}</span>
            {t.value !== "" && <span className="muted">= {t.value}</span>}
            {!viewOnly && (
              <button
                type="button"
                className="icon-btn"
                aria-label={`Remove tag ${t.key}`}
                disabled={removing}
                onClick={() => startRemove(async () => void (await removeAction(t.key)))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!viewOnly && (
        <form action={formAction} className="tag-form" aria-label="Add a tag">
          {Object.entries(hidden).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <input name="key" placeholder="key" aria-label="Tag key" required aria-invalid={!!state.errors?.key} />
          <input name="value" placeholder="value" aria-label="Tag value" />
          <button type="submit" className="btn btn-sm" disabled={saving}>
            {saving ? "Saving…" : "Set tag"}
          </button>
        </form>
      )}
      {state.errors && (
        <p className="field-error" role="alert">
          {Object.values(state.errors).join(" ")}
        </p>
      )}
      {state.message && !state.ok && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
      {system.length > 0 && (
        <details className="small" style={{ marginTop: 8 }}>
          <summary className="muted">{system.length} system tags</summary>
          <dl className="kv">
            {system.map((t) => (
              <div key={t.key} style={{ display: "contents" }}>
                <dt className="mono">{t.key}</dt>
                <dd className="mono">{t.value.length > 300 ? `${t.value.slice(0, 300)}…` : t.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}
