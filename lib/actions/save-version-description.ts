"use server";
import { descriptionSchema, issuesToErrors } from "@/lib/registry/edit-schemas";
import { updateModelVersionDescription } from "@/lib/server/registry/versions";
import { type ActionState, field, modelPath, runAction } from "./action-state";

export async function saveVersionDescription(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = descriptionSchema.safeParse({ description: field(form, "description") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return runAction([name, parsed.data.description], () => updateModelVersionDescription(name, version, parsed.data.description), [
    "/models",
    modelPath(name),
  ]);
}
