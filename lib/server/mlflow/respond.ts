import "server-only";
import { randomBytes } from "node:crypto";
import { ERROR_STATUS, isStudioError } from "@/lib/errors";
import { fsError } from "@/lib/server/artifacts/fs-errors";
import { json } from "./http";

type ErrorBody = { status: number; body: { error_code: string; message: string } };
const answer = (code: keyof typeof ERROR_STATUS, message: string): ErrorBody => ({
  status: ERROR_STATUS[code],
  body: { error_code: code, message },
});

/** Database and driver failures that are the request's fault, by their code (never by class). */
function knownFailure(e: unknown): ErrorBody | null {
  // Object stores refusing what the client sent (S3's multipart rules), by the SDK's error name.
  const name = (e as { name?: unknown })?.name;
  if (name === "EntityTooSmall")
    return answer("INVALID_PARAMETER_VALUE", "Every part of a multipart upload but the last must be at least 5 MiB");
  if (name === "InvalidPart" || name === "InvalidPartOrder")
    return answer("INVALID_PARAMETER_VALUE", `The parts do not match the upload: ${(e as Error).message}`);
  if (name === "NoSuchUpload") return answer("RESOURCE_DOES_NOT_EXIST", "The multipart upload does not exist");
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string") return null;
  if (code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505") {
    return answer("RESOURCE_ALREADY_EXISTS", "A resource with this identity already exists");
  }
  if (code === "P2025") return answer("RESOURCE_DOES_NOT_EXIST", "The requested resource does not exist");
  if (code === "SQLITE_TOOBIG") return answer("INVALID_PARAMETER_VALUE", "A value in the request is too large to store");
  // Node file-system errors (their messages carry server paths, so they are never shown as is).
  if ((e as { syscall?: unknown }).syscall !== undefined) {
    const mapped = fsError(e, "the requested path", "read");
    if (isStudioError(mapped)) return answer(mapped.code, mapped.message);
  }
  return null;
}

/**
 * The one place errors become MLflow's error answers: a StudioError keeps its code and message
 * (checked by brand, so errors made by the other bundle's copy of the module map too); known
 * driver failures map to MLflow codes; anything else is logged with a reference and answered as
 * INTERNAL_ERROR without details, since those can hold server paths or SQL.
 */
export function errorBody(e: unknown): ErrorBody {
  if (isStudioError(e)) return answer(e.code, e.message);
  const known = knownFailure(e);
  if (known) return known;
  const ref = randomBytes(4).toString("hex");
  console.error(`[studio] internal error (ref ${ref}):`, e);
  return answer("INTERNAL_ERROR", `Internal error (ref ${ref}); the studio's log has the details`);
}

export function errorResponse(e: unknown): Response {
  const { status, body } = errorBody(e);
  return json(body, status);
}
