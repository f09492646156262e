import { listAuditEvents } from "@/lib/server/auth/audit";
import { studioRoute } from "@/lib/server/http/studio-route";

export const dynamic = "force-dynamic";

/**
 * The audit log, newest first: `?resource_type=registered_model&resource_key=<name>` for one
 * model (anyone who can read it), or everything (admins); `before_id` pages back, `max_results`
 * caps a page (500).
 */
export const GET = studioRoute(async (request) => {
  const q = new URL(request.url).searchParams;
  const num = (k: string) => (q.get(k) ? Number(q.get(k)) : undefined);
  const { events, nextBeforeId } = await listAuditEvents({
    resourceType: q.get("resource_type") ?? undefined,
    resourceKey: q.get("resource_key") ?? undefined,
    actor: q.get("actor") ?? undefined,
    beforeId: num("before_id"),
    limit: num("max_results"),
  });
  return {
    events: events.map((e) => ({
      id: e.id,
      timestamp: e.at,
      actor: e.actor,
      via: e.via,
      action: e.action,
      resource_type: e.resourceType,
      resource_key: e.resourceKey,
      details: e.details,
    })),
    ...(nextBeforeId ? { next_before_id: nextBeforeId } : {}),
  };
});
