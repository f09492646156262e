/**
 * The studio's one error type. Services throw it with one of MLflow's error codes and a message
 * meant for people; only the code that writes a response turns it into MLflow's
 * `{error_code, message}` and an HTTP status (lib/server/mlflow/respond.ts). Pure: no server imports.
 *
 * Next's server and the MLflow API bundle each load their own copy of this module, so an error
 * made by one copy fails `instanceof` in the other. `isStudioError` checks a brand registered with
 * `Symbol.for` (one global registry per process) and the code, never class identity.
 */
export const ERROR_STATUS = {
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  INVALID_STATE: 400,
  ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const BRAND = Symbol.for("model-studio.StudioError");

export class StudioError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "StudioError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** True for any StudioError (or subclass), whichever bundle's copy of this module made it. */
export function isStudioError(e: unknown): e is StudioError {
  if (e === null || typeof e !== "object") return false;
  const code = (e as { code?: unknown }).code;
  return (e as Record<symbol, unknown>)[BRAND] === true && typeof code === "string" && Object.hasOwn(ERROR_STATUS, code);
}

export const notFound = (message: string) => new StudioError("RESOURCE_DOES_NOT_EXIST", message);
export const invalidParam = (message: string) => new StudioError("INVALID_PARAMETER_VALUE", message);
export const alreadyExists = (message: string) => new StudioError("RESOURCE_ALREADY_EXISTS", message);
