import { putUploadFile } from "@/lib/server/registry/uploads";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** One file of an upload, streamed to disk (never buffered), atomically, within the size limit. */
export const PUT = studioRoute<{ upload: string; path: string[] }>(async (request, { upload, path }) => {
  const declared = request.headers.get("content-length");
  const bytes = await putUploadFile(upload, path.join("/"), request.body, declared ? Number(declared) : undefined);
  return { bytes };
});
