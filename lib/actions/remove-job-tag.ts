"use server";
import { requireOnRun } from "@/lib/server/auth/resources";
import { deleteRunTag } from "@/lib/server/tracking/run-logging";
import { type ActionState, runAction } from "./action-state";

export async function removeJobTag(jobId: string, key: string): Promise<ActionState> {
  return runAction([jobId, key], async () => {
    await requireOnRun(jobId, "update");
    await deleteRunTag(jobId, key);
  }, [`/jobs/${jobId}`]);
}
