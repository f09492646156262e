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

/** Whether anything exists yet (empty states): one indexed row lookup each, whatever the size. */
export async function hasAny(): Promise<{ jobs: boolean; models: boolean }> {
  const [job, model] = await Promise.all([
    db.run.findFirst({ where: { lifecycleStage: "active" }, select: { id: true } }),
    db.registeredModel.findFirst({ select: { id: true } }),
  ]);
  return { jobs: !!job, models: !!model };
}
