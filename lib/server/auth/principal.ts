import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Role } from "@/lib/auth/permissions";

/**
 * Who is making the current request. `local` is everyone when auth is off (the embedded laptop
 * default: full access, recorded as "local" in the audit log). With auth on, a request is a
 * signed-in `user` (through a session cookie, an API token or Basic credentials) or `anonymous`.
 */
export type Principal =
  | { kind: "local" }
  | { kind: "anonymous"; badCredentials?: boolean }
  | { kind: "user"; id: number; username: string; role: Role; via: "session" | "token" | "basic"; credential: string };

export const LOCAL: Principal = { kind: "local" };
export const ANONYMOUS: Principal = { kind: "anonymous" };

/**
 * One AsyncLocalStorage per process, on globalThis: the HTTP server (scripts/serve.mjs) sets the
 * principal around every request through the API bundle, and Next's pages, server actions and
 * route handlers (another bundle with its own copy of this module) read the same store.
 */
const KEY = Symbol.for("model-studio.principal");
const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<Principal> | undefined>;
const storage: AsyncLocalStorage<Principal> = (g[KEY] ??= new AsyncLocalStorage<Principal>());

export const authEnabled = () => process.env.STUDIO_AUTH === "on";

export function runAs<T>(principal: Principal, fn: () => T): T {
  return storage.run(principal, fn);
}

/**
 * The current request's principal. Outside any request (scripts, tests calling services
 * directly) it is `local` when auth is off, and `anonymous` when it is on: nothing is allowed by
 * accident.
 */
export function currentPrincipal(): Principal {
  return storage.getStore() ?? (authEnabled() ? ANONYMOUS : LOCAL);
}

/** How the audit log names the principal: the actor and the credential it used. */
export function actorOf(p: Principal): { actor: string; via: string } {
  if (p.kind === "user") return { actor: p.username, via: p.via === "token" ? `token:${p.credential}` : p.via };
  return p.kind === "local" ? { actor: "local", via: "local" } : { actor: "anonymous", via: "none" };
}
