"use server";
import { aliasSchema, issuesToErrors } from "@/lib/registry/edit-schemas";
import { setAlias } from "@/lib/server/registry/models";
import { type ActionState, field, modelPath, runAction } from "./action-state";

/** Sets an alias on a version; an alias already on another version moves here. */
export async function setAliasAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = aliasSchema.safeParse({ alias: field(form, "alias"), version: field(form, "version") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return runAction([name, parsed.data.alias], () => setAlias(name, parsed.data.alias, parsed.data.version), ["/models", modelPath(name)]);
}
