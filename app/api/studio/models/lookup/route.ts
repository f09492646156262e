import { lookupModel, lookupModelNames } from "@/lib/server/registry/models";
import { json } from "@/lib/server/mlflow/http";
import { errorResponse } from "@/lib/server/mlflow/respond";

export const dynamic = "force-dynamic";

/**
 * For the Register dialog: `?prefix=` → up to 20 existing names (autocomplete);
 * `?name=` → whether it exists and its newest version ("will be version 3 of X").
 */
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const name = url.searchParams.get("name");
    if (name !== null) {
      return json(await lookupModel(name));
    }
    const prefix = (url.searchParams.get("prefix") ?? "").slice(0, 200);
    return json({ names: await lookupModelNames(prefix) });
  } catch (e) {
    return errorResponse(e);
  }
}
