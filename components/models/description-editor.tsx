"use client";
import { useActionState, useEffect, useState } from "react";
import { Markdown } from "@/components/markdown";

type State = { errors?: Record<string, string>; message?: string; ok?: boolean };

/** A Markdown description: rendered, with Edit → textarea (with preview) → Save through a server action. */
export function DescriptionEditor({
  description,
  action,
  testId,
  readOnly = false,
}: {
  description: string;
  action: (prev: State, form: FormData) => Promise<State>;
  testId?: string;
  /** Shown without the Edit button (the viewer may not change it). */
  readOnly?: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(description);
  const [preview, setPreview] = useState(false);
  const [state, formAction, saving] = useActionState(action, {});
  useEffect(() => {
    if (state.ok) setEditing(false);
  }, [state]);
  if (!editing) {
    return (
      <div data-testid={testId}>
        {description ? <Markdown text={description} /> : <p className="muted">No description yet.</p>}
        {!readOnly && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              setDraft(description);
              setEditing(true);
            }}
          >
            {description ? "Edit description" : "Add a description"}
          </button>
        )}
      </div>
    );
  }
  return (
    <form action={formAction} data-testid={testId}>
      <div className="copy-row" style={{ marginBottom: 6 }}>
        <button type="button" className={`btn btn-sm${!preview ? " btn-primary" : ""}`} onClick={() => setPreview(false)}>
          Write
        </button>
        <button type="button" className={`btn btn-sm${preview ? " btn-primary" : ""}`} onClick={() => setPreview(true)}>
          Preview
        </button>
        <span className="muted small">Markdown</span>
      </div>
      {preview ? <Markdown text={draft} /> : null}
      <textarea
        name="description"
        aria-label="Description"
        rows={8}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        hidden={preview}
      />
      {(state.errors?.description || state.message) && (
        <p className="field-error" role="alert">
          {state.errors?.description ?? state.message}
        </p>
      )}
      <div className="copy-row" style={{ marginTop: 6 }}>
        <button type="submit" className="btn btn-primary btn-sm" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
