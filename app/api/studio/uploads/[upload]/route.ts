import { removeUpload } from "@/lib/server/registry/uploads";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** Cancels an upload: everything received so far is removed. */
export const DELETE = studioRoute<{ upload: string }>(async (_request, params) => {
  await removeUpload(params.upload);
  return {};
});
