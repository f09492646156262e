import "server-only";
import { db } from "@/lib/db";

export type JobRow = {
  id: string;
  name: string;
  status: string;
  experimentId: string;
  experimentName: string;
  userId: string;
  startTime: number;
  endTime: number | null;
};

/** Newest jobs first; one page only. */
export async function listRecentJobs(take = 50): Promise<JobRow[]> {
  const runs = await db.run.findMany({
    where: { lifecycleStage: "active" },
    orderBy: [{ startTime: "desc" }, { id: "asc" }],
    take,
    include: { experiment: { select: { name: true } } },
  });
  return runs.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    experimentId: String(r.experimentId),
    experimentName: r.experiment.name,
    userId: r.userId,
    startTime: Number(r.startTime),
    endTime: r.endTime == null ? null : Number(r.endTime),
  }));
}
