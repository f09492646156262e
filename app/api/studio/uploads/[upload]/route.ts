import { removeUpload } from "@/lib/server/registry/uploads";
import { json } from "@/lib/server/mlflow/http";
import { errorResponse } from "@/lib/server/mlflow/respond";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ upload: string }> };

/** Cancels an upload: everything received so far is removed. */
export async function DELETE(_request: Request, ctx: Ctx) {
  try {
    await removeUpload((await ctx.params).upload);
    return json({});
  } catch (e) {
    return errorResponse(e);
  }
}
