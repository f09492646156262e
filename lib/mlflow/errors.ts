/**
 * MLflow's error contract: a JSON body `{error_code, message}` and the HTTP status MLflow maps
 * each code to. The client keys off `error_code`; it retries 500s seven times, so a missing thing
 * must never surface as INTERNAL_ERROR.
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

export class MlflowError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MlflowError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toJSON() {
    return { error_code: this.code, message: this.message };
  }
}

export const notFound = (message: string) => new MlflowError("RESOURCE_DOES_NOT_EXIST", message);
export const invalidParam = (message: string) => new MlflowError("INVALID_PARAMETER_VALUE", message);
export const alreadyExists = (message: string) => new MlflowError("RESOURCE_ALREADY_EXISTS", message);
