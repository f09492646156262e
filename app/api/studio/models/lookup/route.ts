import { db } from "@/lib/db";
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
      const m = await db.registeredModel.findUnique({ where: { name }, select: { lastVersion: true, modelType: true } });
      return json({ exists: !!m, lastVersion: m?.lastVersion ?? 0, modelType: m?.modelType ?? null });
    }
    const prefix = (url.searchParams.get("prefix") ?? "").slice(0, 200);
    const rows = await db.registeredModel.findMany({
      where: prefix ? { name: { startsWith: prefix } } : {},
      orderBy: { lastUpdatedTimestamp: "desc" },
      select: { name: true },
      take: 20,
    });
    return json({ names: rows.map((r) => r.name) });
  } catch (e) {
    return errorResponse(e);
  }
}
