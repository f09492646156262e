"use server";
import { changePasswordSchema, tokenSchema } from "@/lib/auth/schemas";
import { issuesToErrors } from "@/lib/registry/edit-schemas";
import { createApiToken, revokeApiToken, setPassword } from "@/lib/server/auth/accounts";
import { currentPrincipal } from "@/lib/server/auth/principal";
import { type ActionState, field, runAction } from "./action-state";

/** Creates an API token for the signed-in user; the token comes back once, in `secret`. */
export async function createTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = tokenSchema.safeParse({ name: field(form, "name"), expiresInDays: field(form, "expiresInDays") || 90 });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  let secret = "";
  const result = await runAction([parsed.data.name], async () => {
    secret = (await createApiToken(parsed.data.name, parsed.data.expiresInDays)).token;
  }, ["/account", "/admin"]);
  return result.ok ? { ok: true, secret, message: `Created token '${parsed.data.name}'` } : result;
}

export async function revokeTokenAction(id: string): Promise<ActionState> {
  return runAction([id], () => revokeApiToken(id), ["/account", "/admin"]);
}

/** Changes the signed-in user's own password (the current one is required). */
export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = changePasswordSchema.safeParse({ password: field(form, "password") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  const p = currentPrincipal();
  const username = p.kind === "user" ? p.username : "";
  const result = await runAction([field(form, "current")], () => setPassword(username, parsed.data.password, field(form, "current")), []);
  return result.ok ? { ok: true, message: "Password changed; other sessions were signed out. Sign in again." } : result;
}
