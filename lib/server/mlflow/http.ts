import "server-only";
import { StudioError, invalidParam } from "@/lib/errors";
import { findIllFormedString } from "@/lib/unicode";

/**
 * An oversized JSON body is still read (and thrown away) up to this many bytes before the 400 goes
 * out. Answering mid-upload makes the server close the connection, and most HTTP clients (Python's
 * requests among them) then report a broken pipe instead of the answer, and retry. Beyond this the
 * answer goes out at once: reading gigabytes to be polite is worse.
 */
export const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** Reads a JSON object body with a byte cap, refusing oversized or malformed bodies with a 4xx. */
export async function readJsonBody(req: Request, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > DRAIN_LIMIT_BYTES) throw tooLarge(limit);
  if (!req.body) return {};
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_LIMIT_BYTES) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) throw tooLarge(limit);
  return parseJsonObject(Buffer.concat(chunks).toString("utf8"));
}

/** An MLflow request body: empty means `{}`; anything but a JSON object is BAD_REQUEST. */
export function parseJsonObject(raw: string): Record<string, unknown> {
  const text = raw.trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new StudioError("BAD_REQUEST", `Malformed JSON request body: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new StudioError("BAD_REQUEST", "The request body must be a JSON object");
  }
  const bad = findIllFormedString(parsed);
  if (bad !== null) {
    throw invalidParam(`Invalid value for parameter '${bad}' supplied: the string is not well-formed Unicode (it holds a lone surrogate)`);
  }
  return parsed as Record<string, unknown>;
}

function tooLarge(limit: number) {
  return invalidParam(`Request body exceeds the limit of ${limit} bytes`);
}

/** A GET query string as a request object: repeated keys become arrays. */
export function queryToObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** The origin the client reached us at (part URLs handed back must point at the same place). */
export function requestOrigin(request: Request): string {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : new URL(request.url).origin;
}
