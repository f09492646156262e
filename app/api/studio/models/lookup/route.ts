import { lookupModel, lookupModelNames } from "@/lib/server/registry/models";

import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/**
 * For the Register dialog: `?prefix=` → up to 20 existing names (autocomplete);
 * `?name=` → whether it exists and its newest version ("will be version 3 of X").
 */
export const GET = studioRoute(async (request) => {
  const url = new URL(request.url);
  const name = url.searchParams.get("name");
  if (name !== null) {
    return await lookupModel(name);
  }
  const prefix = (url.searchParams.get("prefix") ?? "").slice(0, 200);
  return { names: await lookupModelNames(prefix) };
});
