import "server-only";
import { isRole } from "@/lib/auth/permissions";
import { store } from "@/lib/server/store";
import type { UserRow } from "@/lib/server/store";
import { verifyPassword } from "./passwords";
import { ANONYMOUS, authEnabled, LOCAL, type Principal } from "./principal";
import { SESSION_COOKIE, sha256 } from "./tokens";

type Headers = { authorization?: string | null; cookie?: string | null };

/** A cookie's value from a Cookie header (no decoding needed: session tokens are base64url). */
export function cookieValue(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

const asUser = (u: UserRow, via: "session" | "token" | "basic", credential: string): Principal =>
  isRole(u.role) ? { kind: "user", id: u.id, username: u.username, role: u.role, via, credential } : ANONYMOUS;

// lastUsedAt is for people ("used 3 minutes ago"), not security: written at most once a minute.
const TOUCH_EVERY_MS = 60_000;

/**
 * Who sent the request. As MLflow's client sends them: `Authorization: Basic` (username and
 * password) or `Bearer` (an API token); browsers send the session cookie. Credentials that are
 * present but wrong make the request `anonymous` with `badCredentials`, refused with 401 even
 * where anonymous access would do.
 */
export async function resolvePrincipal(headers: Headers): Promise<Principal> {
  if (!authEnabled()) return LOCAL;
  const now = Date.now();
  const auth = headers.authorization?.trim() ?? "";
  if (/^basic\s/i.test(auth)) {
    let decoded = "";
    try {
      decoded = Buffer.from(auth.slice(6).trim(), "base64").toString("utf8");
    } catch {
      return { kind: "anonymous", badCredentials: true };
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) return { kind: "anonymous", badCredentials: true };
    const username = decoded.slice(0, colon);
    const user = await store().read(({ auth }) => auth.userByName(username));
    if (!user || user.disabledAt !== null || !(await verifyPassword(decoded.slice(colon + 1), user.passwordHash)))
      return { kind: "anonymous", badCredentials: true };
    return asUser(user, "basic", "basic");
  }
  if (/^bearer\s/i.test(auth)) {
    const hash = sha256(auth.slice(7).trim());
    const found = await store().read(({ auth }) => auth.tokenUser(hash, now));
    if (!found) return { kind: "anonymous", badCredentials: true };
    if (found.lastUsedAt === null || now - found.lastUsedAt > TOUCH_EVERY_MS) {
      await store().write(({ auth }) => auth.touchToken(found.tokenId, now));
    }
    return asUser(found.user, "token", found.prefix);
  }
  const session = cookieValue(headers.cookie, SESSION_COOKIE);
  if (session) {
    const id = sha256(session);
    const user = await store().read(({ auth }) => auth.sessionUser(id, now));
    // An expired or revoked session is simply signed out (the page sends the person to sign in).
    if (user) return asUser(user, "session", id.slice(0, 8));
  }
  return ANONYMOUS;
}
