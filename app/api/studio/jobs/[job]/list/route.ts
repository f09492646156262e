import { jobOutputUris } from "@/lib/registry/source-uri";
import { normalizeArtifactPath } from "@/lib/artifact-path";
import { notFound } from "@/lib/errors";
import { listJobOutputs, resolveJobPath } from "@/lib/server/job-outputs";
import { describeModelFolder } from "@/lib/server/model-folder";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** One folder of a job's outputs for the outputs browser (lazy: a folder at a time). */
export const GET = studioRoute<{ job: string }>(async (request, { job }) => {
  const path = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
  const entries = await listJobOutputs(job, path);
  if (!entries) throw notFound(`No folder '${path}' in the outputs of job '${job}'`);
  const resolved = path ? await resolveJobPath(job, path) : null;
  const model = resolved ? await describeModelFolder(resolved.key, entries) : null;
  return { path, entries, model, uris: jobOutputUris(job, path) };
});
