import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { fileResponse } from "@/lib/server/artifacts/file-response";
import { errorResponse } from "@/lib/server/mlflow/respond";
import { resolveVersionPath } from "@/lib/server/version-files";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ name: string; version: string }> };

export async function GET(request: Request, ctx: Ctx) {
  try {
    const { name, version } = await ctx.params;
    const url = new URL(request.url);
    const path = normalizeArtifactPath(url.searchParams.get("path") ?? "");
    const hit = await resolveVersionPath(name, version, path);
    if (!hit || hit.isDir) throw notFound(`No file '${path}' in ${name} version ${version}`);
    return await fileResponse(hit.key, request, { attachment: url.searchParams.get("download") === "1" });
  } catch (e) {
    return errorResponse(e);
  }
}
