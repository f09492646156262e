import type { Metadata } from "next";
import { headers } from "next/headers";
import { SimpleForm } from "@/components/auth/simple-form";
import { TokenManager } from "@/components/auth/token-manager";
import { changePasswordAction, createTokenAction, revokeTokenAction } from "@/lib/actions/account";
import { listApiTokens, me } from "@/lib/server/auth/accounts";
import { authEnabled } from "@/lib/server/auth/principal";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  await headers();
  if (!authEnabled()) {
    return (
      <section className="card">
        <h1 style={{ marginTop: 0 }}>Account</h1>
        <p className="muted">
          Accounts are off: this studio listens on this machine only and everyone who reaches it has full access. Set{" "}
          <code>STUDIO_AUTH=on</code> (or listen on another address) to require accounts, roles and API tokens.
        </p>
      </section>
    );
  }
  const user = me();
  const tokens = await listApiTokens();
  return (
    <>
      <h1>Account</h1>
      <p className="muted">
        Signed in as <strong>{user?.username}</strong> ({user?.role}).
      </p>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>API tokens</h2>
        <p className="muted small">
          The MLflow client and the studio CLI authenticate with a token: <code>MLFLOW_TRACKING_TOKEN=&lt;token&gt;</code>. A token acts as
          you, with your role and grants. Only a hash is kept: copy it when it is shown.
        </p>
        <TokenManager tokens={tokens} createAction={createTokenAction} revokeAction={revokeTokenAction} />
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Password</h2>
        <SimpleForm action={changePasswordAction} label="Change password" submit="Change password">
          <input
            name="current"
            type="password"
            autoComplete="current-password"
            placeholder="current password"
            aria-label="Current password"
            required
          />
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            placeholder="new password (8+ characters)"
            aria-label="New password"
            required
          />
        </SimpleForm>
      </section>
    </>
  );
}
