import { inspectSource } from "@/lib/server/registry/inspect";
import { json } from "@/lib/server/mlflow/http";
import { errorResponse } from "@/lib/server/mlflow/respond";

export const dynamic = "force-dynamic";

/** What a registration of `?source=` would find (files, detected type, per-type problems). */
export async function GET(request: Request) {
  try {
    const source = new URL(request.url).searchParams.get("source") ?? "";
    return json(await inspectSource(source));
  } catch (e) {
    return errorResponse(e);
  }
}
