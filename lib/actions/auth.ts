"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signInSchema } from "@/lib/auth/schemas";
import { issuesToErrors } from "@/lib/registry/edit-schemas";
import { isStudioError } from "@/lib/errors";
import { signIn, signOut } from "@/lib/server/auth/accounts";
import { SESSION_COOKIE } from "@/lib/server/auth/tokens";
import type { ActionState } from "./action-state";

/** Only paths of this studio: `next=//evil.example` or a full URL would be an open redirect. */
const safeNext = (next: string) => (/^\/(?![/\\])/.test(next) ? next : "/");

/** Signs in with a password and sets the session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS). */
export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = signInSchema.safeParse({ username: form.get("username") ?? "", password: form.get("password") ?? "" });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  let session: { token: string; expiresAt: number };
  try {
    session = await signIn(parsed.data.username, parsed.data.password);
  } catch (e) {
    if (isStudioError(e)) return { message: e.message };
    throw e;
  }
  const h = await headers();
  const secure = (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
  (await cookies()).set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: new Date(session.expiresAt),
  });
  redirect(safeNext(String(form.get("next") ?? "/")));
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  await signOut(jar.get(SESSION_COOKIE)?.value ?? null);
  jar.delete(SESSION_COOKIE);
  redirect("/signin");
}
