import "server-only";
import { invalidParam } from "@/lib/errors";
import { store } from "@/lib/server/store";
import type { AuditRow, AuthStore } from "@/lib/server/store/types";
import { isAdmin, permissionDenied, requireOn, requireSignedIn } from "./guard";
import { actorOf, currentPrincipal } from "./principal";

export type AuditResource = "registered_model" | "experiment" | "user" | "token";

/**
 * Records one change in the audit log, inside the unit of work that makes the change: both
 * commit or neither does. The actor is the request's principal; details never hold secrets.
 */
export async function recordAudit(
  auth: AuthStore,
  action: string,
  resourceType: AuditResource,
  resourceKey: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const { actor, via } = actorOf(currentPrincipal());
  await auth.insertAudit({ at: Date.now(), actor, via, action, resourceType, resourceKey, details: JSON.stringify(details) });
}

export type AuditEvent = {
  id: number;
  at: number;
  actor: string;
  via: string;
  action: string;
  resourceType: string;
  resourceKey: string;
  details: Record<string, unknown>;
};

const toEvent = (r: AuditRow): AuditEvent => {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    // A row written by hand; show it without details.
  }
  return { ...r, details };
};

/**
 * The audit log, newest first. Everyone who can read a registered model or experiment can read
 * its history; the whole log (or another resource type) is for admins.
 */
export async function listAuditEvents(q: {
  resourceType?: string;
  resourceKey?: string;
  actor?: string;
  beforeId?: number;
  limit?: number;
}): Promise<{ events: AuditEvent[]; nextBeforeId: number | null }> {
  requireSignedIn();
  if (q.limit !== undefined && (!Number.isSafeInteger(q.limit) || q.limit < 1))
    throw invalidParam("max_results must be a positive integer");
  const limit = Math.min(q.limit ?? 50, 500);
  if (q.beforeId !== undefined && (!Number.isSafeInteger(q.beforeId) || q.beforeId < 1))
    throw invalidParam("before_id must be a positive integer");
  const scoped = (q.resourceType === "registered_model" || q.resourceType === "experiment") && q.resourceKey !== undefined;
  if (scoped) await requireOn(q.resourceType as "registered_model" | "experiment", q.resourceKey!, "read");
  else if (!isAdmin()) throw permissionDenied("only admins may read the whole audit log");
  const rows = await store().read(({ auth }) => auth.listAudit({ ...q, limit: limit + 1 }));
  const events = rows.slice(0, limit).map(toEvent);
  return { events, nextBeforeId: rows.length > limit ? events[events.length - 1]!.id : null };
}
