import { createUpload, uploadLimitBytes } from "@/lib/server/registry/uploads";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** Starts an upload of a local model folder; files then go to PUT …/uploads/<id>/files/<path>. */
export const POST = studioRoute(async () => {
  return { upload_id: await createUpload(), limit_bytes: uploadLimitBytes() };
});
