/**
 * Search page tokens. MLflow's are base64 of the JSON `{"offset": n}` (SearchUtils.create_page_token);
 * clients treat them as opaque and send them back unchanged, so the same shape is used here.
 * Malformed tokens are client errors (FilterError → 400), never a crash. Pure.
 */
import { FilterError } from "./filter-ast";

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/** Python's json.dumps spacing, so a token matches what an MLflow server would have sent. */
export function encodePageToken(offset: number): string {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`Invalid page offset ${offset}`);
  return btoa(`{"offset": ${offset}}`);
}

/** Missing or empty token → 0 (the first page). Accepts standard and URL-safe base64. */
export function decodePageToken(token?: string | null): number {
  if (token === undefined || token === null || token === "") return 0;
  const trimmed = token.trim();
  if (!BASE64.test(trimmed) || trimmed.replace(/=+$/, "").length % 4 === 1) {
    throw new FilterError("Invalid page token, could not base64-decode");
  }
  // atob/btoa rather than Buffer: this module is pure and may be bundled for the browser.
  const binary = atob(trimmed.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, ""));
  const decoded = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    throw new FilterError(`Invalid page token, decoded value=${decoded}`);
  }
  const raw = parsed !== null && typeof parsed === "object" ? (parsed as { offset?: unknown }).offset : undefined;
  // MLflow accepts the offset as a number or a numeric string (it calls int() on it).
  const offset = typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) {
    throw new FilterError(`Invalid page token, parsed value=${decoded}`);
  }
  return offset;
}
