import "server-only";
import { allows, effectivePermission, isPermission, type Need, type Permission, roleCanCreate } from "@/lib/auth/permissions";
import { StudioError } from "@/lib/errors";
import { store } from "@/lib/server/store";
import { currentPrincipal, type Principal } from "./principal";

/**
 * The authorization checks every entry point runs before a service changes or reads anything:
 * MLflow routes (their rule in lib/server/mlflow/access.ts), artifact routes, studio routes,
 * server actions and pages. They read the request's principal (lib/server/auth/principal.ts).
 */
export type ResourceType = "experiment" | "registered_model";

export const UNAUTHENTICATED_MESSAGE =
  "You are not authenticated. Sign in, or send an API token (MLFLOW_TRACKING_TOKEN) or a username and password (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD).";

export const unauthenticated = (badCredentials = false) =>
  new StudioError(
    "UNAUTHENTICATED",
    badCredentials
      ? "The credentials are not valid (unknown user, wrong password, or a revoked or expired token)."
      : UNAUTHENTICATED_MESSAGE,
  );
export const permissionDenied = (what: string) => new StudioError("PERMISSION_DENIED", `Permission denied: ${what}`);

/** Any signed-in user (or everyone when auth is off); refuses anonymous requests with 401. */
export function requireSignedIn(p: Principal = currentPrincipal()): Principal {
  if (p.kind === "anonymous") throw unauthenticated(p.badCredentials);
  return p;
}

export function requireAdmin(p: Principal = currentPrincipal()): void {
  requireSignedIn(p);
  if (p.kind === "user" && p.role !== "admin") throw permissionDenied("only admins may do this");
}

export const isAdmin = (p: Principal = currentPrincipal()) => p.kind === "local" || (p.kind === "user" && p.role === "admin");

/** The permission that applies to the principal on one experiment or registered model. */
export async function permissionOn(type: ResourceType, key: string, p: Principal = currentPrincipal()): Promise<Permission> {
  if (p.kind === "local") return "MANAGE";
  if (p.kind === "anonymous") return "NO_PERMISSIONS";
  if (p.role === "admin") return "MANAGE";
  const grant = await store().read(({ auth }) => auth.grantOf(p.id, type, key));
  return effectivePermission(p.role, isPermission(grant) ? grant : null);
}

const describe = (type: ResourceType, key: string) => (type === "experiment" ? `experiment ${key}` : `registered model '${key}'`);
const verb: Record<Need, string> = { read: "read", update: "change", delete: "delete", manage: "manage permissions of" };

export async function requireOn(type: ResourceType, key: string, need: Need, p: Principal = currentPrincipal()): Promise<void> {
  requireSignedIn(p);
  if (p.kind === "local") return;
  if (!allows(await permissionOn(type, key, p), need)) throw permissionDenied(`you may not ${verb[need]} ${describe(type, key)}`);
}

/**
 * Creating an experiment or a registered model: editors and admins; for a registered model, also
 * anyone holding EDIT or MANAGE on that name (an admin can grant a reader one model to publish).
 */
export async function requireCreate(type: ResourceType, name: string | null, p: Principal = currentPrincipal()): Promise<void> {
  requireSignedIn(p);
  if (p.kind !== "user" || roleCanCreate(p.role)) return;
  if (name !== null && type === "registered_model" && allows(await permissionOn(type, name, p), "update")) return;
  throw permissionDenied(`your role (${p.role}) may not create ${type === "experiment" ? "experiments" : "registered models"}`);
}

/** Keys of the resources the principal may not see at all (NO_PERMISSIONS grants): searches leave them out. */
export async function hiddenKeys(type: ResourceType, p: Principal = currentPrincipal()): Promise<Set<string>> {
  if (p.kind !== "user" || p.role === "admin") return new Set();
  return new Set(await store().read(({ auth }) => auth.grantKeys(p.id, type, "NO_PERMISSIONS")));
}

/** What the UI shows: which controls a principal gets on one resource. */
export async function capabilitiesOn(type: ResourceType, key: string, p: Principal = currentPrincipal()) {
  const permission = p.kind === "anonymous" ? "NO_PERMISSIONS" : await permissionOn(type, key, p);
  return {
    canRead: allows(permission, "read"),
    canEdit: allows(permission, "update"),
    canDelete: allows(permission, "delete"),
    canManage: allows(permission, "manage"),
  };
}

/** Whether the Register buttons that may create a new model are offered (editors and admins). */
export function canCreateModels(p: Principal = currentPrincipal()): boolean {
  return p.kind === "local" || (p.kind === "user" && roleCanCreate(p.role));
}
