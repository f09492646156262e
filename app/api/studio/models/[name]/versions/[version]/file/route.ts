import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { fileResponse } from "@/lib/server/artifacts/file-response";
import { resolveVersionPath } from "@/lib/server/version-files";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

export const GET = studioRoute<{ name: string; version: string }>(async (request, { name, version }) => {
  const url = new URL(request.url);
  const path = normalizeArtifactPath(url.searchParams.get("path") ?? "");
  const hit = await resolveVersionPath(name, version, path);
  if (!hit || hit.isDir) throw notFound(`No file '${path}' in ${name} version ${version}`);
  return await fileResponse(hit.key, request, { attachment: url.searchParams.get("download") === "1" });
});
