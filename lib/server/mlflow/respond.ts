import "server-only";
import { ArtifactPathError } from "@/lib/artifact-path";
import { MlflowError } from "@/lib/mlflow/errors";
import { FilterError } from "@/lib/search/filter-ast";
import { ArtifactTooLargeError } from "@/lib/server/artifact-store";
import { json } from "./http";

/**
 * The one place errors become responses: MlflowError keeps its code; known failure classes map to
 * MLflow codes; anything else is logged and becomes INTERNAL_ERROR (500).
 */
export function errorResponse(e: unknown): Response {
  if (e instanceof MlflowError) return json(e.toJSON(), e.status);
  if (e instanceof ArtifactTooLargeError) return json({ error_code: "INVALID_PARAMETER_VALUE", message: e.message }, 400);
  if (e instanceof FilterError) return json({ error_code: "INVALID_PARAMETER_VALUE", message: e.message }, 400);
  if (e instanceof ArtifactPathError) {
    return json({ error_code: "INVALID_PARAMETER_VALUE", message: `Invalid path '${e.path}': ${e.message}` }, 400);
  }
  const code = (e as { code?: string })?.code;
  if (code === "P2002") {
    return json({ error_code: "RESOURCE_ALREADY_EXISTS", message: "A resource with this identity already exists" }, 400);
  }
  if (code === "P2025") {
    return json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "The requested resource does not exist" }, 404);
  }
  console.error("[mlflow-api] internal error:", e);
  return json({ error_code: "INTERNAL_ERROR", message: `Internal error: ${(e as Error)?.message ?? String(e)}` }, 500);
}
