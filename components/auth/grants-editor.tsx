import { ActionButton, SimpleForm } from "@/components/auth/simple-form";
import { removeGrantAction, setGrantAction } from "@/lib/actions/admin";
import { PERMISSIONS, permissionLabel } from "@/lib/auth/permissions";
import type { ResourceType } from "@/lib/server/auth/guard";
import type { GrantRow } from "@/lib/server/store/types";

/** Who holds which permission on one experiment or registered model, for those who manage it. */
export function GrantsEditor({ type, resourceKey, grants }: { type: ResourceType; resourceKey: string; grants: GrantRow[] }) {
  return (
    <div data-testid="grants-editor">
      {grants.length === 0 ? (
        <p className="muted small">No grants: everyone has their role&apos;s access (readers read, editors edit).</p>
      ) : (
        <ul className="tag-list">
          {grants.map((g) => (
            <li key={g.id} className="tag-chip">
              <span>{g.username}</span>
              <span className="muted">{permissionLabel[g.permission as keyof typeof permissionLabel] ?? g.permission}</span>
              <ActionButton action={removeGrantAction.bind(null, type, resourceKey, g.username)} label={`Remove ${g.username}'s grant`} />
            </li>
          ))}
        </ul>
      )}
      <SimpleForm action={setGrantAction.bind(null, type, resourceKey)} label="Grant a permission" submit="Grant">
        <input name="username" placeholder="username" aria-label="Username" required />
        <select name="permission" aria-label="Permission" defaultValue="EDIT">
          {PERMISSIONS.map((p) => (
            <option key={p} value={p}>
              {permissionLabel[p]}
            </option>
          ))}
        </select>
      </SimpleForm>
    </div>
  );
}
