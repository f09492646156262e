"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isStudioError } from "@/lib/errors";
import { deleteRunTag, logBatch } from "@/lib/server/tracking/run-logging";

export type ActionState = { errors?: Record<string, string>; message?: string; ok?: boolean };

const tagSchema = z.object({
  jobId: z.string().min(1),
  key: z.string().trim().min(1, "A tag needs a key").max(250, "Keys are at most 250 characters"),
  value: z.string().max(8000, "Values are at most 8000 characters"),
});

/** Sets a tag on a job through the same write path the MLflow API uses (same validation). */
export async function setJobTag(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = tagSchema.safeParse({ jobId: form.get("jobId"), key: form.get("key"), value: form.get("value") ?? "" });
  if (!parsed.success) return { errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  try {
    await logBatch(parsed.data.jobId, { tags: [{ key: parsed.data.key, value: parsed.data.value }] });
  } catch (e) {
    if (isStudioError(e)) return { message: e.message };
    throw e;
  }
  revalidatePath(`/jobs/${parsed.data.jobId}`);
  return { ok: true, message: `Saved tag ${parsed.data.key}` };
}

export async function removeJobTag(jobId: string, key: string): Promise<ActionState> {
  try {
    await deleteRunTag(jobId, key);
  } catch (e) {
    if (isStudioError(e)) return { message: e.message };
    throw e;
  }
  revalidatePath(`/jobs/${jobId}`);
  return { ok: true };
}
