"use client";
import Link from "next/link";
import { useActionState, useTransition } from "react";

type State = { errors?: Record<string, string>; message?: string; ok?: boolean };
type Props = {
  modelName: string;
  aliases: { alias: string; version: number }[];
  defaultVersion: number | null;
  setAction: (prev: State, form: FormData) => Promise<State>;
  removeAction: (alias: string) => Promise<State>;
  /** Shown without edit controls (the viewer may not change this model). */
  readOnly?: boolean;
};

/** Aliases point at one version each; setting an existing alias moves it. */
export function AliasesEditor({ modelName, aliases, defaultVersion, setAction, removeAction, readOnly = false }: Props) {
  const [state, formAction, saving] = useActionState(setAction, {});
  const [removing, startRemove] = useTransition();
  const base = `/models/${encodeURIComponent(modelName)}/versions`;
  return (
    <div data-testid="aliases-editor">
      {aliases.length === 0 && (
        <p className="muted small">
          No aliases. An alias such as <code>champion</code> gives a stable URI: <code>models:/{modelName}@champion</code>.
        </p>
      )}
      <ul className="tag-list">
        {aliases.map((a) => (
          <li key={a.alias} className="tag-chip">
            <span className="mono">@{a.alias}</span>
            <Link href={`${base}/${a.version}`}>v{a.version}</Link>
            {!readOnly && (
              <button
                type="button"
                className="icon-btn"
                aria-label={`Remove alias ${a.alias}`}
                disabled={removing}
                onClick={() => startRemove(async () => void (await removeAction(a.alias)))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form action={formAction} className="tag-form" aria-label="Set an alias">
          <input name="alias" placeholder="alias, e.g. champion" aria-label="Alias" required />
          <input
            name="version"
            type="number"
            min={1}
            defaultValue={defaultVersion ?? undefined}
            aria-label="Version"
            style={{ width: 90 }}
            required
          />
          <button type="submit" className="btn btn-sm" disabled={saving}>
            {saving ? "Saving…" : "Set alias"}
          </button>
        </form>
      )}
      {(state.errors || state.message) && !state.ok && (
        <p className="field-error" role="alert">
          {state.message ?? Object.values(state.errors ?? {}).join(" ")}
        </p>
      )}
    </div>
  );
}
