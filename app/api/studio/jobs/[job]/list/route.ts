import { jobOutputUris } from "@/lib/registry/source-uri";
import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { listJobOutputs, resolveJobPath } from "@/lib/server/job-outputs";
import { describeModelFolder } from "@/lib/server/model-folder";
import { json } from "@/lib/server/mlflow/http";
import { errorResponse } from "@/lib/server/mlflow/respond";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ job: string }> };

/** One folder of a job's outputs for the outputs browser (lazy: a folder at a time). */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const { job } = await ctx.params;
    const path = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
    const entries = await listJobOutputs(job, path);
    if (!entries) throw notFound(`No folder '${path}' in the outputs of job '${job}'`);
    const resolved = path ? await resolveJobPath(job, path) : null;
    const model = resolved ? await describeModelFolder(resolved.key, entries) : null;
    return json({ path, entries, model, uris: jobOutputUris(job, path) });
  } catch (e) {
    return errorResponse(e);
  }
}
