/**
 * Who may do what, as pure rules (no I/O). Workspace roles give everyone a default permission on
 * every experiment and registered model; a grant on one resource (MLflow's READ / EDIT / MANAGE /
 * NO_PERMISSIONS) replaces that default for that resource, up or down. Admins bypass grants.
 *
 * The four permissions mean what they mean in MLflow's basic auth: READ reads, EDIT also changes
 * (log, tag, describe, register versions, set aliases), MANAGE also deletes and grants.
 */
export const PERMISSIONS = ["READ", "EDIT", "MANAGE", "NO_PERMISSIONS"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["reader", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a request needs on a resource. `create` is a workspace-level right (new experiments, models). */
export type Need = "read" | "update" | "delete" | "manage";

export const isPermission = (v: unknown): v is Permission => typeof v === "string" && (PERMISSIONS as readonly string[]).includes(v);
export const isRole = (v: unknown): v is Role => typeof v === "string" && (ROLES as readonly string[]).includes(v);

const RANK: Record<Permission, number> = { NO_PERMISSIONS: 0, READ: 1, EDIT: 2, MANAGE: 3 };
const NEED_RANK: Record<Need, number> = { read: 1, update: 2, delete: 3, manage: 3 };

/** A role's permission on any resource it holds no grant for. */
export function roleDefault(role: Role): Permission {
  return role === "admin" ? "MANAGE" : role === "editor" ? "EDIT" : "READ";
}

/** The permission that applies: the grant on the resource if there is one, else the role's default. */
export function effectivePermission(role: Role, grant: Permission | null | undefined): Permission {
  if (role === "admin") return "MANAGE";
  return grant ?? roleDefault(role);
}

export const allows = (permission: Permission, need: Need): boolean => RANK[permission] >= NEED_RANK[need];

/** Creating experiments and registered models: editors and admins (a grant on a model name also lets a reader create it). */
export const roleCanCreate = (role: Role): boolean => role !== "reader";

export const permissionLabel: Record<Permission, string> = {
  READ: "Read",
  EDIT: "Edit",
  MANAGE: "Manage",
  NO_PERMISSIONS: "No access",
};
