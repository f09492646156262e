"use client";
import { useActionState, useTransition } from "react";
import { CopyField } from "@/components/copy-button";
import { LocalTime } from "@/components/local-time";
import type { ActionState } from "@/lib/actions/action-state";

export type TokenView = {
  id: string;
  name: string;
  prefix: string;
  username: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  status: "active" | "revoked" | "expired";
};

type Props = {
  tokens: TokenView[];
  createAction?: (prev: ActionState, form: FormData) => Promise<ActionState>;
  revokeAction: (id: string) => Promise<ActionState>;
  showOwner?: boolean;
};

/** API tokens: create one (shown once, with the lines to use it), list them, revoke. */
export function TokenManager({ tokens, createAction, revokeAction, showOwner = false }: Props) {
  const [state, formAction, creating] = useActionState<ActionState, FormData>(createAction ?? (async () => ({})), {});
  const [revoking, startRevoke] = useTransition();
  return (
    <div data-testid="token-manager">
      {createAction && (
        <form action={formAction} className="tag-form" aria-label="Create an API token">
          <input name="name" placeholder="what will use it, e.g. training-cluster" aria-label="Token name" required />
          <label className="small">
            Expires in{" "}
            <select name="expiresInDays" defaultValue="90" aria-label="Expires in">
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="365">1 year</option>
              <option value="0">never</option>
            </select>
          </label>
          <button type="submit" className="btn btn-sm btn-primary" disabled={creating}>
            {creating ? "Creating…" : "Create token"}
          </button>
        </form>
      )}
      {state.secret && (
        <div className="secret-box" role="status" data-testid="new-token">
          <p style={{ marginTop: 0 }}>
            <strong>Copy this token now: it is not shown again.</strong>
          </p>
          <CopyField value={state.secret} label="Copy token" />
          <p className="small muted">For the MLflow client and the studio CLI:</p>
          <pre className="mono small">export MLFLOW_TRACKING_TOKEN={state.secret}</pre>
        </div>
      )}
      {(state.errors || (state.message && !state.ok)) && (
        <p className="field-error" role="alert">
          {state.message ?? Object.values(state.errors ?? {}).join(" ")}
        </p>
      )}
      {tokens.length === 0 ? (
        <p className="muted small">No API tokens yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                {showOwner && <th>Owner</th>}
                <th>Token</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Expires</th>
                <th>Status</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  {showOwner && <td>{t.username}</td>}
                  <td className="mono small">{t.prefix}…</td>
                  <td>
                    <LocalTime ms={t.createdAt} />
                  </td>
                  <td>{t.lastUsedAt ? <LocalTime ms={t.lastUsedAt} /> : "never"}</td>
                  <td>{t.expiresAt ? <LocalTime ms={t.expiresAt} /> : "never"}</td>
                  <td>{t.status}</td>
                  <td>
                    {t.status === "active" && (
                      <button
                        type="button"
                        className="btn btn-sm"
                        disabled={revoking}
                        aria-label={`Revoke token ${t.name}`}
                        onClick={() => startRevoke(async () => void (await revokeAction(t.id)))}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
