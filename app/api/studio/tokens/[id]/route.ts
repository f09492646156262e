import { revokeApiToken } from "@/lib/server/auth/accounts";
import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/** Revokes one of your tokens (admins: anyone's). It stops working at once. */
export const DELETE = studioRoute<{ id: string }>(async (_request, params) => {
  await revokeApiToken(params.id);
  return {};
});
