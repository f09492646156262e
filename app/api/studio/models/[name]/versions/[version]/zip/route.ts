import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { zipResponse } from "@/lib/server/artifacts/zip-response";
import { errorResponse } from "@/lib/server/mlflow/respond";
import { resolveVersionPath } from "@/lib/server/version-files";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ name: string; version: string }> };

/** The whole version (or one folder of it) as a streamed zip. */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const { name, version } = await ctx.params;
    const path = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
    const hit = await resolveVersionPath(name, version, path);
    if (!hit || !hit.isDir) throw notFound(`No folder '${path}' in ${name} version ${version}`);
    return await zipResponse(hit.key, path ? path.slice(path.lastIndexOf("/") + 1) : `${name}-v${version}`);
  } catch (e) {
    return errorResponse(e);
  }
}
