import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { zipResponse } from "@/lib/server/artifacts/zip-response";
import { resolveJobPath } from "@/lib/server/job-outputs";
import { errorResponse } from "@/lib/server/mlflow/respond";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ job: string }> };

/** A folder of a job's outputs (or all of them) as a streamed zip. */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const { job } = await ctx.params;
    const path = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
    const hit = await resolveJobPath(job, path);
    if (!hit || !hit.isDir) throw notFound(`No folder '${path}' in the outputs of job '${job}'`);
    const base = path ? path.slice(path.lastIndexOf("/") + 1) : `job-${job}-outputs`;
    return await zipResponse(hit.key, base);
  } catch (e) {
    return errorResponse(e);
  }
}
