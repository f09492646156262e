import "server-only";
import { ArtifactPathError } from "@/lib/artifact-path";
import { MlflowError } from "@/lib/mlflow/errors";
import { FilterError } from "@/lib/search/filter-ast";
import { ArtifactTooLargeError } from "@/lib/server/artifact-store";
import { json } from "./http";

type ErrorBody = { status: number; body: { error_code: string; message: string } };
const invalid = (message: string): ErrorBody => ({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE", message } });

/**
 * The one place errors become MLflow's error answers: MlflowError keeps its code; known failure
 * classes map to MLflow codes; anything else is logged and becomes INTERNAL_ERROR (500).
 */
export function errorBody(e: unknown): ErrorBody {
  if (e instanceof MlflowError) return { status: e.status, body: e.toJSON() };
  if (e instanceof ArtifactTooLargeError || e instanceof FilterError) return invalid(e.message);
  if (e instanceof ArtifactPathError) return invalid(`Invalid path '${e.path}': ${e.message}`);
  const code = (e as { code?: string })?.code;
  if (code === "P2002") return { status: 400, body: { error_code: "RESOURCE_ALREADY_EXISTS", message: "A resource with this identity already exists" } };
  if (code === "P2025") return { status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "The requested resource does not exist" } };
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    return { status: 400, body: { error_code: "RESOURCE_ALREADY_EXISTS", message: "A resource with this identity already exists" } };
  }
  console.error("[mlflow-api] internal error:", e);
  return { status: 500, body: { error_code: "INTERNAL_ERROR", message: `Internal error: ${(e as Error)?.message ?? String(e)}` } };
}

export function errorResponse(e: unknown): Response {
  const { status, body } = errorBody(e);
  return json(body, status);
}
