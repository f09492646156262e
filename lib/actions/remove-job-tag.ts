"use server";
import { deleteRunTag } from "@/lib/server/tracking/run-logging";
import { type ActionState, runAction } from "./action-state";

export async function removeJobTag(jobId: string, key: string): Promise<ActionState> {
  return runAction([jobId, key], () => deleteRunTag(jobId, key), [`/jobs/${jobId}`]);
}
