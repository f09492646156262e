import { tokenSchema } from "@/lib/auth/schemas";
import { invalidParam } from "@/lib/errors";
import { issuesToErrors } from "@/lib/registry/edit-schemas";
import { createApiToken, listApiTokens } from "@/lib/server/auth/accounts";
import { readJsonBody } from "@/lib/server/mlflow/http";
import { queryParam, studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

const wire = (t: Awaited<ReturnType<typeof listApiTokens>>[number]) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  username: t.username,
  created_at: t.createdAt,
  last_used_at: t.lastUsedAt,
  expires_at: t.expiresAt,
  status: t.status,
});

/** Your API tokens (`?all=true`: everyone's, for admins). The tokens themselves are never listed. */
export const GET = studioRoute(async (request) => ({ tokens: (await listApiTokens(queryParam(request, "all") === "true")).map(wire) }));

/** Creates a token for the caller: `{name, expires_in_days}` (0: never). The token is in this answer only. */
export const POST = studioRoute(async (request) => {
  const body = await readJsonBody(request, 64 * 1024);
  const parsed = tokenSchema.safeParse({ name: body.name, expiresInDays: body.expires_in_days ?? 90 });
  if (!parsed.success) throw invalidParam(Object.values(issuesToErrors(parsed.error)).join(" "));
  const { token, summary } = await createApiToken(parsed.data.name, parsed.data.expiresInDays);
  return { token, ...wire(summary) };
});
