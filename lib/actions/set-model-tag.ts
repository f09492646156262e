"use server";
import { issuesToErrors, tagSchema } from "@/lib/registry/edit-schemas";
import { setRegisteredModelTag } from "@/lib/server/registry/models";
import { type ActionState, field, modelPath, runAction } from "./action-state";

export async function setModelTagAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = tagSchema.safeParse({ key: field(form, "key"), value: field(form, "value") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return runAction([name, parsed.data.key, parsed.data.value], () => setRegisteredModelTag(name, parsed.data), [
    "/models",
    modelPath(name),
  ]);
}
