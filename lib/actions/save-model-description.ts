"use server";
import { descriptionSchema, issuesToErrors } from "@/lib/registry/edit-schemas";
import { updateRegisteredModel } from "@/lib/server/registry/models";
import { type ActionState, field, modelPath, runAction } from "./action-state";

export async function saveModelDescription(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = descriptionSchema.safeParse({ description: field(form, "description") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return runAction([name, parsed.data.description], () => updateRegisteredModel(name, parsed.data.description), [
    "/models",
    modelPath(name),
  ]);
}
