"use server";
import { createUserSchema, grantSchema, passwordSchema, roleSchema } from "@/lib/auth/schemas";
import { issuesToErrors } from "@/lib/registry/edit-schemas";
import { createUser, deleteUser, removeGrant, setGrant, setPassword, setUserDisabled, setUserRole } from "@/lib/server/auth/accounts";
import type { ResourceType } from "@/lib/server/auth/guard";
import { type ActionState, field, modelPath, runAction } from "./action-state";

export async function createUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createUserSchema.safeParse({
    username: field(form, "username"),
    password: field(form, "password"),
    role: field(form, "role"),
  });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  const r = await runAction([parsed.data.username, parsed.data.password], () => createUser(parsed.data), ["/admin"]);
  return r.ok ? { ok: true, message: `Created ${parsed.data.username}` } : r;
}

export async function setRoleAction(username: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = roleSchema.safeParse({ role: field(form, "role") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return runAction([username], () => setUserRole(username, parsed.data.role), ["/admin"]);
}

export async function setDisabledAction(username: string, disabled: boolean): Promise<ActionState> {
  return runAction([username], () => setUserDisabled(username, disabled), ["/admin"]);
}

export async function deleteUserAction(username: string): Promise<ActionState> {
  return runAction([username], () => deleteUser(username), ["/admin"]);
}

export async function resetPasswordAction(username: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = passwordSchema.safeParse(field(form, "password"));
  if (!parsed.success) return { errors: { password: parsed.error.issues[0]?.message ?? "Invalid password" } };
  const r = await runAction([username, parsed.data], () => setPassword(username, parsed.data), ["/admin"]);
  return r.ok ? { ok: true, message: `New password set for ${username}` } : r;
}

const pathOf = (type: ResourceType, key: string) => (type === "registered_model" ? modelPath(key) : "/admin");

export async function setGrantAction(type: ResourceType, key: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = grantSchema.safeParse({ username: field(form, "username"), permission: field(form, "permission") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  const r = await runAction([key, parsed.data.username], () => setGrant(type, key, parsed.data.username, parsed.data.permission), [
    pathOf(type, key),
    "/admin",
  ]);
  return r.ok ? { ok: true, message: `${parsed.data.username}: ${parsed.data.permission}` } : r;
}

export async function removeGrantAction(type: ResourceType, key: string, username: string): Promise<ActionState> {
  return runAction([key, username], () => removeGrant(type, key, username), [pathOf(type, key), "/admin"]);
}
