import { createUpload, uploadLimitBytes } from "@/lib/server/registry/uploads";
import { json } from "@/lib/server/mlflow/http";
import { errorResponse } from "@/lib/server/mlflow/respond";

export const dynamic = "force-dynamic";

/** Starts an upload of a local model folder; files then go to PUT …/uploads/<id>/files/<path>. */
export async function POST() {
  try {
    return json({ upload_id: await createUpload(), limit_bytes: uploadLimitBytes() });
  } catch (e) {
    return errorResponse(e);
  }
}
