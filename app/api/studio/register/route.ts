import { registerModelVersion } from "@/lib/server/registry/register";
import { registerSchema, fieldErrors } from "@/lib/registry/register-schema";
import { modelVersionToWire } from "@/lib/mlflow/registry-wire";
import { json, readJsonBody } from "@/lib/server/mlflow/http";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/**
 * The studio's own registration endpoint (CLI and scripts): same schema as the Register dialog,
 * same registration function as the MLflow API, but it creates the model on first use and takes
 * a type (MLflow / Custom / Triton).
 */
export const POST = studioRoute(async (request) => {
  const parsed = registerSchema.safeParse(await readJsonBody(request, 1024 * 1024));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return json({ error_code: "INVALID_PARAMETER_VALUE", message: Object.values(errors).join("; "), errors }, 400);
  }
  const r = parsed.data;
  const version = await registerModelVersion({
    name: r.name,
    source: r.source,
    modelType: r.type,
    description: r.description,
    tags: r.tags,
    createModelIfMissing: true,
  });
  return { model_version: { ...modelVersionToWire(version), model_type: version.modelType } };
});
