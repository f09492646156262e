import { inspectSource } from "@/lib/server/registry/inspect";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** What a registration of `?source=` would find (files, detected type, per-type problems). */
export const GET = studioRoute(async (request) => {
  const source = new URL(request.url).searchParams.get("source") ?? "";
  return await inspectSource(source);
});
