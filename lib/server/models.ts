import "server-only";
import { db } from "@/lib/db";

export type ModelRow = {
  name: string;
  modelType: string;
  description: string;
  latestVersion: number | null;
  lastUpdatedTimestamp: number;
};

/** Most recently changed models first; one page only. */
export async function listRecentModels(take = 50): Promise<ModelRow[]> {
  const models = await db.registeredModel.findMany({
    orderBy: [{ lastUpdatedTimestamp: "desc" }, { name: "asc" }],
    take,
    include: { versions: { orderBy: { version: "desc" }, take: 1, select: { version: true } } },
  });
  return models.map((m) => ({
    name: m.name,
    modelType: m.modelType,
    description: m.description,
    latestVersion: m.versions[0]?.version ?? null,
    lastUpdatedTimestamp: Number(m.lastUpdatedTimestamp),
  }));
}
