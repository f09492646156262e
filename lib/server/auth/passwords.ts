import "server-only";
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Passwords hashed with scrypt (Node's OpenSSL implementation), stored as
 * `scrypt$N$r$p$<salt>$<hash>` so the cost can rise later without breaking stored hashes.
 */
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

// Basic credentials arrive on every MLflow client request; one scrypt each (~50 ms) would cap a
// client at 20 requests a second. A verified (password, stored hash) pair is remembered by a
// digest of both, so changing the password (a new hash) forgets it at once.
const verified = new Map<string, number>();
const VERIFIED_TTL_MS = 5 * 60_000;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const memo = createHash("sha256").update(stored).update("\0").update(password).digest("base64");
  const until = verified.get(memo);
  if (until !== undefined && until > Date.now()) return true;
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const expected = Buffer.from(parts[5]!, "base64");
  const actual = await derive(password, Buffer.from(parts[4]!, "base64"), n, r, p);
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  if (ok) {
    if (verified.size > 10_000) verified.clear();
    verified.set(memo, Date.now() + VERIFIED_TTL_MS);
  }
  return ok;
}

/** A readable one-time password for the first admin. */
export const generatePassword = () => randomBytes(18).toString("base64url");

export const PASSWORD_MIN_LENGTH = 8;
