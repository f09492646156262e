import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { zipResponse } from "@/lib/server/artifacts/zip-response";
import { resolveJobPath } from "@/lib/server/job-outputs";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** A folder of a job's outputs (or all of them) as a streamed zip. */
export const GET = studioRoute<{ job: string }>(async (request, { job }) => {
  const path = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
  const hit = await resolveJobPath(job, path);
  if (!hit?.isDir) throw notFound(`No folder '${path}' in the outputs of job '${job}'`);
  const base = path ? path.slice(path.lastIndexOf("/") + 1) : `job-${job}-outputs`;
  return await zipResponse(hit.key, base);
});
