import "server-only";
import { headers } from "next/headers";

/** The URL people reach this studio at, as their browser sees it (what MLFLOW_TRACKING_URI needs). */
export async function getStudioOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "127.0.0.1:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
