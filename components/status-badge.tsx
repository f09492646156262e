const TONE: Record<string, string> = {
  FINISHED: "badge-ok",
  READY: "badge-ok",
  RUNNING: "badge-accent",
  SCHEDULED: "badge-accent",
  PENDING_REGISTRATION: "badge-warn",
  FAILED: "badge-danger",
  FAILED_REGISTRATION: "badge-danger",
  KILLED: "badge-warn",
};

export function StatusBadge({ status }: { status: string }) {
  const label = status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, " ");
  return <span className={`badge ${TONE[status] ?? ""}`}>{label}</span>;
}
