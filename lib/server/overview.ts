import "server-only";
import { db } from "@/lib/db";

export type StudioCounts = { experiments: number; jobs: number; models: number; versions: number };

export async function getStudioCounts(): Promise<StudioCounts> {
  const [experiments, jobs, models, versions] = await Promise.all([
    db.experiment.count({ where: { lifecycleStage: "active" } }),
    db.run.count({ where: { lifecycleStage: "active" } }),
    db.registeredModel.count(),
    db.modelVersion.count(),
  ]);
  return { experiments, jobs, models, versions };
}
