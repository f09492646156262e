import { z } from "zod";
import { aliasProblem } from "./names";

/** Schemas for the model and version edit forms (server actions validate with the same ones). */
export const descriptionSchema = z.object({
  description: z.string().max(100_000, "Descriptions are at most 100,000 characters"),
});

export const tagSchema = z.object({
  key: z.string().trim().min(1, "A tag needs a key").max(250, "Keys are at most 250 characters"),
  value: z.string().max(100_000, "Values are at most 100,000 characters"),
});

export const aliasSchema = z.object({
  alias: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = aliasProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  version: z.coerce.number({ message: "Pick a version" }).int("Pick a version").min(1, "Pick a version"),
});

export function issuesToErrors(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
}
