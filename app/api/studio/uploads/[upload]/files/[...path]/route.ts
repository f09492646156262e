import { putUploadFile } from "@/lib/server/registry/uploads";
import { json } from "@/lib/server/mlflow/http";
import { errorResponse } from "@/lib/server/mlflow/respond";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ upload: string; path: string[] }> };

/** One file of an upload, streamed to disk (never buffered), atomically, within the size limit. */
export async function PUT(request: Request, ctx: Ctx) {
  try {
    const { upload, path } = await ctx.params;
    const declared = request.headers.get("content-length");
    const bytes = await putUploadFile(upload, path.join("/"), request.body, declared ? Number(declared) : undefined);
    return json({ bytes });
  } catch (e) {
    return errorResponse(e);
  }
}
