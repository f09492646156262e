import { LocalTime } from "@/components/local-time";
import type { AuditEvent } from "@/lib/server/auth/audit";

const describe = (e: AuditEvent) =>
  Object.entries(e.details)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");

/** Audit events, newest first: when, who (and through which credential), what, on what. */
export function AuditTable({ events, showResource = true }: { events: AuditEvent[]; showResource?: boolean }) {
  if (events.length === 0) return <p className="muted small">No changes recorded yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Via</th>
            <th>Action</th>
            {showResource && <th>On</th>}
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>
                <LocalTime ms={e.at} />
              </td>
              <td>{e.actor}</td>
              <td className="mono small">{e.via}</td>
              <td>{e.action.replaceAll("_", " ")}</td>
              {showResource && (
                <td className="small">
                  {e.resourceType.replace("_", " ")} <span className="mono">{e.resourceKey}</span>
                </td>
              )}
              <td className="small mono">{describe(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
