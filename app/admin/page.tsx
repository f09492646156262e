import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/auth/audit-table";
import { GrantsEditor } from "@/components/auth/grants-editor";
import { ActionButton, SimpleForm } from "@/components/auth/simple-form";
import { TokenManager } from "@/components/auth/token-manager";
import { revokeTokenAction } from "@/lib/actions/account";
import { createUserAction, deleteUserAction, resetPasswordAction, setDisabledAction, setRoleAction } from "@/lib/actions/admin";
import { ROLES } from "@/lib/auth/permissions";
import { listAllGrants, listApiTokens, listUsers } from "@/lib/server/auth/accounts";
import { listAuditEvents } from "@/lib/server/auth/audit";
import { isAdmin } from "@/lib/server/auth/guard";
import { authEnabled } from "@/lib/server/auth/principal";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin" };

type Props = { searchParams: Promise<{ experiment?: string }> };

export default async function AdminPage({ searchParams }: Props) {
  await headers();
  if (!authEnabled() || !isAdmin()) notFound();
  const experiment = (await searchParams).experiment?.trim();
  const [users, tokens, grants, audit] = await Promise.all([
    listUsers(),
    listApiTokens(true),
    listAllGrants(),
    listAuditEvents({ limit: 100 }),
  ]);
  return (
    <>
      <h1>Admin</h1>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Users</h2>
        <p className="muted small">
          Readers read everything, editors also log, register and change, admins also manage users and permissions. Grants on one experiment
          or model override the role there.
        </p>
        <div className="table-scroll">
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th>Status</th>
                <th>Password</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>
                    <SimpleForm action={setRoleAction.bind(null, u.username)} label={`Role of ${u.username}`} submit="Set role">
                      <select name="role" defaultValue={u.role} aria-label={`Role of ${u.username}`}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </SimpleForm>
                  </td>
                  <td>{u.disabled ? "deactivated" : "active"}</td>
                  <td>
                    <SimpleForm
                      action={resetPasswordAction.bind(null, u.username)}
                      label={`New password for ${u.username}`}
                      submit="Set password"
                    >
                      <input
                        name="password"
                        type="password"
                        autoComplete="new-password"
                        aria-label={`New password for ${u.username}`}
                        required
                      />
                    </SimpleForm>
                  </td>
                  <td>
                    <ActionButton
                      action={setDisabledAction.bind(null, u.username, !u.disabled)}
                      label={u.disabled ? "Activate" : "Deactivate"}
                    />{" "}
                    <ActionButton
                      action={deleteUserAction.bind(null, u.username)}
                      label="Delete"
                      confirmText={`Delete ${u.username}? Their tokens stop working.`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>Add a user</h3>
        <SimpleForm action={createUserAction} label="Add a user" submit="Add user">
          <input name="username" placeholder="username" aria-label="New username" required />
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            placeholder="initial password"
            aria-label="Initial password"
            required
          />
          <select name="role" defaultValue="reader" aria-label="New user's role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </SimpleForm>
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Grants</h2>
        {grants.length === 0 ? (
          <p className="muted small">No grants yet. Grant on a model from its page, or on an experiment below.</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="grants-table">
              <thead>
                <tr>
                  <th>On</th>
                  <th>User</th>
                  <th>Permission</th>
                </tr>
              </thead>
              <tbody>
                {grants.map((g) => (
                  <tr key={g.id}>
                    <td>
                      {g.resourceType.replace("_", " ")} <span className="mono">{g.resourceKey}</span>
                    </td>
                    <td>{g.username}</td>
                    <td>{g.permission}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form className="tag-form" method="get" aria-label="Grants on an experiment">
          <input
            name="experiment"
            placeholder="experiment id"
            aria-label="Experiment id"
            defaultValue={experiment ?? ""}
            inputMode="numeric"
          />
          <button type="submit" className="btn btn-sm">
            Manage grants on this experiment
          </button>
        </form>
        {experiment && /^\d+$/.test(experiment) && (
          <>
            <h3>Experiment {experiment}</h3>
            <GrantsEditor
              type="experiment"
              resourceKey={experiment}
              grants={grants.filter((g) => g.resourceType === "experiment" && g.resourceKey === experiment)}
            />
          </>
        )}
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>API tokens</h2>
        <TokenManager tokens={tokens} revokeAction={revokeTokenAction} showOwner />
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Audit log</h2>
        <p className="muted small">
          The newest 100 changes. The whole log is at <code>/api/studio/audit</code> (
          <code>?resource_type=registered_model&amp;resource_key=…</code>, <code>?before_id=</code> pages back).
        </p>
        <AuditTable events={audit.events} />
      </section>
    </>
  );
}
