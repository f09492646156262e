import "server-only";
import { isRole, type Role } from "@/lib/auth/permissions";
import { alreadyExists, invalidParam, notFound, StudioError } from "@/lib/errors";
import { store } from "@/lib/server/store";
import type { GrantRow, TokenRow, UserRow } from "@/lib/server/store/types";
import { recordAudit } from "./audit";
import { isAdmin, permissionDenied, requireAdmin, requireOn, requireSignedIn, type ResourceType } from "./guard";
import { generatePassword, hashPassword, verifyPassword } from "./passwords";
import { authEnabled, currentPrincipal, type Principal } from "./principal";
import { newApiToken, newSessionToken, sessionTtlMs, sha256 } from "./tokens";

/** Accounts, sessions, API tokens and grants: the rules (who may), the store keeps the rows. */
export type UserSummary = { id: number; username: string; role: Role; disabled: boolean; createdAt: number };
export type TokenSummary = Omit<TokenRow, never> & { status: "active" | "revoked" | "expired" };

const summary = (u: UserRow): UserSummary => ({
  id: u.id,
  username: u.username,
  role: isRole(u.role) ? u.role : "reader",
  disabled: u.disabledAt !== null,
  createdAt: u.createdAt,
});

/**
 * At first start with auth on, an empty user table gets its first admin: STUDIO_ADMIN_USERNAME
 * (default "admin") with STUDIO_ADMIN_PASSWORD, or a generated password returned once for the
 * server to print. Safe when several processes start together: one insert wins.
 */
export async function ensureFirstAdmin(): Promise<{ username: string; generatedPassword: string | null } | null> {
  if (!authEnabled()) return null;
  if ((await store().read(({ auth }) => auth.countUsers())) > 0) return null;
  const username = process.env.STUDIO_ADMIN_USERNAME?.trim() || "admin";
  const given = process.env.STUDIO_ADMIN_PASSWORD;
  const password = given || generatePassword();
  const hash = await hashPassword(password);
  const now = Date.now();
  const id = await store().write(async ({ auth }) => {
    if ((await auth.countUsers()) > 0) return null;
    const created = await auth.insertUser({ username, passwordHash: hash, role: "admin", now });
    if (created !== null)
      await auth.insertAudit({
        at: now,
        actor: "system",
        via: "first-start",
        action: "create_user",
        resourceType: "user",
        resourceKey: username,
        details: '{"role":"admin"}',
      });
    return created;
  });
  return id === null ? null : { username, generatedPassword: given ? null : password };
}

const WRONG = "Wrong username or password";

/** Signs in with a password; returns the session token for the cookie (only its hash is stored). */
export async function signIn(username: string, password: string): Promise<{ token: string; expiresAt: number }> {
  const user = await store().read(({ auth }) => auth.userByName(username));
  // Verify against a dummy hash for unknown users, so timing does not tell which names exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.passwordHash) throw new StudioError("UNAUTHENTICATED", WRONG);
  if (user.disabledAt !== null) throw new StudioError("UNAUTHENTICATED", "This account is deactivated; ask an admin");
  const { token, id } = newSessionToken();
  const now = Date.now();
  const expiresAt = now + sessionTtlMs();
  await store().write(async ({ auth }) => {
    await auth.insertSession({ id, userId: user.id, now, expiresAt });
    await auth.deleteExpiredSessions(now, 100);
  });
  return { token, expiresAt };
}
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export async function signOut(sessionToken: string | null): Promise<void> {
  if (sessionToken) await store().write(({ auth }) => auth.deleteSession(sha256(sessionToken)));
}

/** The signed-in user's own account (null when auth is off or nobody is signed in). */
export function me(p: Principal = currentPrincipal()) {
  return p.kind === "user" ? { id: p.id, username: p.username, role: p.role, via: p.via } : null;
}

// ---------- Users (admins) ----------

export async function listUsers(): Promise<UserSummary[]> {
  requireAdmin();
  return (await store().read(({ auth }) => auth.listUsers())).map(summary);
}

export async function createUser(input: { username: string; password: string; role: Role }): Promise<UserSummary> {
  requireAdmin();
  const hash = await hashPassword(input.password);
  const now = Date.now();
  const user = await store().write(async ({ auth }) => {
    const id = await auth.insertUser({ username: input.username, passwordHash: hash, role: input.role, now });
    if (id === null) throw alreadyExists(`User '${input.username}' already exists`);
    await recordAudit(auth, "create_user", "user", input.username, { role: input.role });
    return auth.userById(id);
  });
  return summary(user!);
}

async function userOrThrow(username: string): Promise<UserRow> {
  const u = await store().read(({ auth }) => auth.userByName(username));
  if (!u) throw notFound(`User '${username}' not found`);
  return u;
}

/** Never leaves the workspace without an active admin. */
async function assertAnotherAdmin(user: UserRow) {
  if (user.role !== "admin" || user.disabledAt !== null) return;
  const admins = (await store().read(({ auth }) => auth.listUsers())).filter((u) => u.role === "admin" && u.disabledAt === null);
  if (admins.length <= 1) throw new StudioError("INVALID_STATE", "The last active admin cannot lose the admin role");
}

export async function setUserRole(username: string, role: Role): Promise<void> {
  requireAdmin();
  const user = await userOrThrow(username);
  if (role !== "admin") await assertAnotherAdmin(user);
  await store().write(async ({ auth }) => {
    await auth.updateUser(user.id, { role }, Date.now());
    await recordAudit(auth, "set_role", "user", username, { from: user.role, to: role });
  });
}

export async function setUserDisabled(username: string, disabled: boolean): Promise<void> {
  requireAdmin();
  const user = await userOrThrow(username);
  if (disabled) await assertAnotherAdmin(user);
  await store().write(async ({ auth }) => {
    await auth.updateUser(user.id, { disabledAt: disabled ? Date.now() : null }, Date.now());
    if (disabled) await auth.deleteUserSessions(user.id);
    await recordAudit(auth, disabled ? "deactivate_user" : "activate_user", "user", username);
  });
}

export async function deleteUser(username: string): Promise<void> {
  requireAdmin();
  const user = await userOrThrow(username);
  await assertAnotherAdmin(user);
  await store().write(async ({ auth }) => {
    await auth.deleteUser(user.id);
    await recordAudit(auth, "delete_user", "user", username);
  });
}

/** Admins set anyone's password; a user sets their own (with the current one). Signs the user out everywhere else. */
export async function setPassword(username: string, password: string, currentPassword?: string): Promise<void> {
  const p = requireSignedIn();
  const self = p.kind === "user" && p.username === username;
  if (!self && !isAdmin(p)) throw permissionDenied("you may only change your own password");
  const user = await userOrThrow(username);
  if (self && !isAdmin(p) && !(await verifyPassword(currentPassword ?? "", user.passwordHash)))
    throw new StudioError("PERMISSION_DENIED", "The current password is wrong");
  const hash = await hashPassword(password);
  await store().write(async ({ auth }) => {
    await auth.updateUser(user.id, { passwordHash: hash }, Date.now());
    await auth.deleteUserSessions(user.id);
    await recordAudit(auth, "set_password", "user", username);
  });
}

// ---------- API tokens ----------

const tokenStatus = (t: TokenRow, now: number): TokenSummary["status"] =>
  t.revokedAt !== null ? "revoked" : t.expiresAt !== null && t.expiresAt <= now ? "expired" : "active";

/** Creates a token for the signed-in user; the token itself is returned this once and never stored. */
export async function createApiToken(name: string, expiresInDays: number): Promise<{ token: string; summary: TokenSummary }> {
  const p = requireSignedIn();
  if (p.kind !== "user")
    throw new StudioError("INVALID_STATE", "API tokens belong to accounts; auth is off, so the MLflow client needs none");
  const t = newApiToken();
  const now = Date.now();
  const expiresAt = expiresInDays > 0 ? now + expiresInDays * 86_400_000 : null;
  await store().write(async ({ auth }) => {
    await auth.insertToken({ id: t.id, userId: p.id, name, prefix: t.prefix, hash: t.hash, now, expiresAt });
    await recordAudit(auth, "create_token", "token", t.id, { name, prefix: t.prefix, owner: p.username });
  });
  const row: TokenRow = {
    id: t.id,
    userId: p.id,
    username: p.username,
    name,
    prefix: t.prefix,
    createdAt: now,
    lastUsedAt: null,
    expiresAt,
    revokedAt: null,
  };
  return { token: t.token, summary: { ...row, status: "active" } };
}

/** The signed-in user's tokens; admins may ask for everyone's (`all`). */
export async function listApiTokens(all = false): Promise<TokenSummary[]> {
  const p = requireSignedIn();
  if (all) requireAdmin(p);
  if (p.kind !== "user" && !all) return [];
  const now = Date.now();
  const rows = await store().read(({ auth }) => auth.listTokens(all || p.kind !== "user" ? null : p.id));
  return rows.map((t) => ({ ...t, status: tokenStatus(t, now) }));
}

export async function revokeApiToken(id: string): Promise<void> {
  const p = requireSignedIn();
  const owner = isAdmin(p) ? null : p.kind === "user" ? p.id : -1;
  const revoked = await store().write(async ({ auth }) => {
    const t = await auth.revokeToken(id, owner, Date.now());
    if (t) await recordAudit(auth, "revoke_token", "token", id, { name: t.name, prefix: t.prefix, owner: t.username });
    return t;
  });
  if (!revoked) throw notFound(`No active token '${id}'${owner === null ? "" : " of yours"}`);
}

// ---------- Grants ----------

/** Grants on one resource: for those who may manage it. */
export async function listGrants(type: ResourceType, key: string): Promise<GrantRow[]> {
  await requireOn(type, key, "manage");
  return store().read(({ auth }) => auth.listGrants({ resourceType: type, resourceKey: key }));
}

export async function listAllGrants(): Promise<GrantRow[]> {
  requireAdmin();
  return store().read(({ auth }) => auth.listGrants({}));
}

export async function setGrant(type: ResourceType, key: string, username: string, permission: string): Promise<void> {
  await requireOn(type, key, "manage");
  const user = await userOrThrow(username);
  await store().write(async ({ auth }) => {
    const before = await auth.grantOf(user.id, type, key);
    await auth.upsertGrant({ userId: user.id, resourceType: type, resourceKey: key, permission, now: Date.now() });
    await recordAudit(auth, "grant", type, key, { user: username, permission, previous: before });
  });
}

export async function removeGrant(type: ResourceType, key: string, username: string): Promise<void> {
  await requireOn(type, key, "manage");
  const user = await userOrThrow(username);
  const removed = await store().write(async ({ auth }) => {
    const before = await auth.grantOf(user.id, type, key);
    const gone = await auth.deleteGrant(user.id, type, key);
    if (gone) await recordAudit(auth, "revoke_grant", type, key, { user: username, previous: before });
    return gone;
  });
  if (!removed) throw notFound(`'${username}' holds no grant on this ${type === "experiment" ? "experiment" : "model"}`);
}

/** The creator of an experiment or registered model manages it, as in MLflow (inside the creating unit of work). */
export async function grantCreator(auth: import("@/lib/server/store/types").AuthStore, type: ResourceType, key: string) {
  const p = currentPrincipal();
  if (p.kind === "user" && p.role !== "admin")
    await auth.upsertGrant({ userId: p.id, resourceType: type, resourceKey: key, permission: "MANAGE", now: Date.now() });
}

export const validatePermission = (v: string) => {
  if (!["READ", "EDIT", "MANAGE", "NO_PERMISSIONS"].includes(v))
    throw invalidParam(`Invalid permission '${v}'. Valid permissions are: ('READ', 'EDIT', 'MANAGE', 'NO_PERMISSIONS')`);
};
