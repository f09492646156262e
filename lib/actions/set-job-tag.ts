"use server";
import { z } from "zod";
import { requireOnRun } from "@/lib/server/auth/resources";
import { logBatch } from "@/lib/server/tracking/run-logging";
import { type ActionState, field, runAction } from "./action-state";

const tagSchema = z.object({
  jobId: z.string().min(1),
  key: z.string().trim().min(1, "A tag needs a key").max(250, "Keys are at most 250 characters"),
  value: z.string().max(8000, "Values are at most 8000 characters"),
});

/** Sets a tag on a job through the same write path the MLflow API uses (same validation). */
export async function setJobTag(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = tagSchema.safeParse({ jobId: field(form, "jobId"), key: field(form, "key"), value: field(form, "value") });
  if (!parsed.success) return { errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  const { jobId, key, value } = parsed.data;
  return runAction([jobId, key, value], async () => {
    await requireOnRun(jobId, "update");
    await logBatch(jobId, { tags: [{ key, value }] });
    return { ok: true, message: `Saved tag ${key}` };
  }, [`/jobs/${jobId}`]);
}
