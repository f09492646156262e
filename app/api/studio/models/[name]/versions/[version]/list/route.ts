import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { artifactStore } from "@/lib/server/artifact-store";
import { describeModelFolder } from "@/lib/server/model-folder";
import { resolveVersionPath } from "@/lib/server/version-files";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** One folder of a version's files (its registry snapshot). */
export const GET = studioRoute<{ name: string; version: string }>(async (request, { name, version }) => {
  const path = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
  const hit = await resolveVersionPath(name, version, path);
  const entries = hit?.isDir ? await artifactStore.list(hit.key) : null;
  if (!hit || !entries) throw notFound(`No folder '${path}' in ${name} version ${version}`);
  return { path, entries, model: await describeModelFolder(hit.key, entries) };
});
