import { z } from "zod";
import { MODEL_TYPES, modelNameProblem } from "./names";

/**
 * One schema for registering a model version: the Register dialog's form, its server action, the
 * studio REST route (`POST /api/studio/register`) and the CLI all validate with it.
 */
export const registerSchema = z.object({
  name: z.string().superRefine((v, ctx) => {
    const problem = modelNameProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  source: z.string().trim().min(1, "Choose a job output, a path or an upload to register"),
  type: z.enum(MODEL_TYPES).optional(),
  description: z.string().max(100_000, "Description is too long").optional(),
  tags: z
    .array(z.object({ key: z.string().trim().min(1, "Tag keys cannot be empty").max(250), value: z.string().max(100_000) }))
    .max(100, "At most 100 tags")
    .optional(),
});

export type RegisterRequest = z.infer<typeof registerSchema>;

/** Field → first message, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
