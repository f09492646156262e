import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { zipResponse } from "@/lib/server/artifacts/zip-response";
import { resolveVersionPath } from "@/lib/server/version-files";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** The whole version (or one folder of it) as a streamed zip. */
export const GET = studioRoute<{ name: string; version: string }>(async (request, { name, version }) => {
  const path = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
  const hit = await resolveVersionPath(name, version, path);
  if (!hit?.isDir) throw notFound(`No folder '${path}' in ${name} version ${version}`);
  return await zipResponse(hit.key, path ? path.slice(path.lastIndexOf("/") + 1) : `${name}-v${version}`);
});
