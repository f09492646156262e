import "server-only";
import { isPermission, type Role } from "@/lib/auth/permissions";
import { notFound, StudioError } from "@/lib/errors";
import { store } from "@/lib/server/store";
import type { UserRow } from "@/lib/server/store/types";
import { createUser, deleteUser, setGrant, setPassword, setUserRole, removeGrant, validatePermission } from "./accounts";
import { isAdmin, permissionDenied, requireAdmin, requireOn, requireSignedIn } from "./guard";

/**
 * MLflow's basic-auth REST API (`users/*`, `experiments/permissions/*`,
 * `registered-models/permissions/*`) over the studio's accounts, so `mlflow.server.get_app_client
 * ("basic-auth")` and scripts written for MLflow's auth work unchanged. MLflow's users are admins
 * or not; a non-admin created here is a reader (grants give them more), unless `role` says otherwise.
 */
export type MlflowUser = {
  id: number;
  username: string;
  is_admin: boolean;
  role: string;
  experiment_permissions: { experiment_id: string; user_id: number; permission: string }[];
  registered_model_permissions: { name: string; user_id: number; permission: string }[];
};

async function toMlflowUser(u: UserRow): Promise<MlflowUser> {
  const grants = await store().read(({ auth }) => auth.listGrants({ userId: u.id }));
  return {
    id: u.id,
    username: u.username,
    is_admin: u.role === "admin",
    role: u.role,
    experiment_permissions: grants
      .filter((g) => g.resourceType === "experiment")
      .map((g) => ({ experiment_id: g.resourceKey, user_id: u.id, permission: g.permission })),
    registered_model_permissions: grants
      .filter((g) => g.resourceType === "registered_model")
      .map((g) => ({ name: g.resourceKey, user_id: u.id, permission: g.permission })),
  };
}

async function userRow(username: string): Promise<UserRow> {
  const u = await store().read(({ auth }) => auth.userByName(username));
  if (!u) throw notFound(`User with username=${username} not found`);
  return u;
}

export async function mlflowCreateUser(username: string, password: string, role: Role = "reader"): Promise<MlflowUser> {
  await createUser({ username, password, role });
  return toMlflowUser(await userRow(username));
}

/** Yourself, or anyone for admins (as MLflow). */
export async function mlflowGetUser(username: string): Promise<MlflowUser> {
  const p = requireSignedIn();
  if (!isAdmin(p) && !(p.kind === "user" && p.username === username)) throw permissionDenied("you may only read your own account");
  return toMlflowUser(await userRow(username));
}

export async function mlflowUpdatePassword(username: string, password: string): Promise<void> {
  // MLflow lets a user change their own password without the old one (they authenticated already).
  const p = requireSignedIn();
  if (!isAdmin(p) && !(p.kind === "user" && p.username === username)) throw permissionDenied("you may only change your own password");
  if (p.kind === "user" && p.username === username && !isAdmin(p)) {
    // setPassword asks non-admins for the current password; over the API the credentials on the request are that proof.
    await setPasswordAsSelf(username, password);
    return;
  }
  await setPassword(username, password);
}

async function setPasswordAsSelf(username: string, password: string) {
  const { hashPassword } = await import("./passwords");
  const { recordAudit } = await import("./audit");
  const u = await userRow(username);
  const hash = await hashPassword(password);
  await store().write(async ({ auth }) => {
    await auth.updateUser(u.id, { passwordHash: hash }, Date.now());
    await auth.deleteUserSessions(u.id);
    await recordAudit(auth, "set_password", "user", username);
  });
}

export async function mlflowUpdateAdmin(username: string, isAdminFlag: boolean): Promise<void> {
  requireAdmin();
  const u = await userRow(username);
  if (isAdminFlag) return setUserRole(username, "admin");
  if (u.role === "admin") return setUserRole(username, "reader");
}

export async function mlflowDeleteUser(username: string): Promise<void> {
  requireAdmin();
  await deleteUser(username);
}

type Kind = "experiment" | "registered_model";

export async function mlflowGetPermission(type: Kind, key: string, username: string) {
  await requireOn(type, key, "manage");
  const u = await userRow(username);
  const permission = await store().read(({ auth }) => auth.grantOf(u.id, type, key));
  if (!permission) {
    throw notFound(
      type === "experiment"
        ? `Experiment permission with experiment_id=${key} and username=${username} not found`
        : `Registered model permission with name=${key} and username=${username} not found`,
    );
  }
  return { user_id: u.id, permission, ...(type === "experiment" ? { experiment_id: key } : { name: key }) };
}

export async function mlflowSetPermission(type: Kind, key: string, username: string, permission: string, mustExist: "create" | "update") {
  validatePermission(permission);
  if (!isPermission(permission)) throw new StudioError("INVALID_PARAMETER_VALUE", `Invalid permission '${permission}'`);
  await requireOn(type, key, "manage");
  const u = await userRow(username);
  const existing = await store().read(({ auth }) => auth.grantOf(u.id, type, key));
  if (mustExist === "create" && existing) {
    throw new StudioError(
      "RESOURCE_ALREADY_EXISTS",
      type === "experiment"
        ? `Experiment permission (experiment_id=${key}, username=${username}) already exists`
        : `Registered model permission (name=${key}, username=${username}) already exists`,
    );
  }
  if (mustExist === "update" && !existing) await mlflowGetPermission(type, key, username);
  await setGrant(type, key, username, permission);
  return { user_id: u.id, permission, ...(type === "experiment" ? { experiment_id: key } : { name: key }) };
}

export async function mlflowDeletePermission(type: Kind, key: string, username: string): Promise<void> {
  await mlflowGetPermission(type, key, username);
  await removeGrant(type, key, username);
}
