import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { fileResponse } from "@/lib/server/artifacts/file-response";
import { resolveJobPath } from "@/lib/server/job-outputs";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** One output file, streamed (Range for previews of the first bytes; ?download=1 to save). */
export const GET = studioRoute<{ job: string }>(async (request, { job }) => {
  const url = new URL(request.url);
  const path = normalizeArtifactPath(url.searchParams.get("path") ?? "");
  const hit = await resolveJobPath(job, path);
  if (!hit || hit.isDir) throw notFound(`No file '${path}' in the outputs of job '${job}'`);
  return await fileResponse(hit.key, request, { attachment: url.searchParams.get("download") === "1" });
});
