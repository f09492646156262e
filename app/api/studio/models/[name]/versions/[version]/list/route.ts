import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { artifactStore } from "@/lib/server/artifact-store";
import { json } from "@/lib/server/mlflow/http";
import { errorResponse } from "@/lib/server/mlflow/respond";
import { describeModelFolder } from "@/lib/server/model-folder";
import { resolveVersionPath } from "@/lib/server/version-files";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ name: string; version: string }> };

/** One folder of a version's files (its registry snapshot). */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const { name, version } = await ctx.params;
    const path = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
    const hit = await resolveVersionPath(name, version, path);
    const entries = hit?.isDir ? await artifactStore.list(hit.key) : null;
    if (!hit || !entries) throw notFound(`No folder '${path}' in ${name} version ${version}`);
    return json({ path, entries, model: await describeModelFolder(hit.key, entries) });
  } catch (e) {
    return errorResponse(e);
  }
}
