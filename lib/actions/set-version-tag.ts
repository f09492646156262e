"use server";
import { issuesToErrors, tagSchema } from "@/lib/registry/edit-schemas";
import { setModelVersionTag } from "@/lib/server/registry/versions";
import { type ActionState, field, modelPath, runAction } from "./action-state";

export async function setVersionTagAction(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = tagSchema.safeParse({ key: field(form, "key"), value: field(form, "value") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return runAction([name, parsed.data.key, parsed.data.value], () => setModelVersionTag(name, version, parsed.data), [
    "/models",
    modelPath(name),
  ]);
}
