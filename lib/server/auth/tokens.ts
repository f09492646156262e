import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * API tokens and session ids: 32 random bytes, base64url. Only a SHA-256 of each is stored (a
 * token carries its own entropy, so a slow hash adds nothing), and a token is shown once.
 */
export const TOKEN_PREFIX = "mst_";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function newApiToken(): { token: string; hash: string; prefix: string; id: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: sha256(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), id: randomBytes(9).toString("base64url") };
}

export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, id: sha256(token) };
}

export const SESSION_COOKIE = "studio_session";
export const sessionTtlMs = () => (Number(process.env.STUDIO_SESSION_TTL_SECONDS) || 12 * 3600) * 1000;
