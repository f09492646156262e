"use server";
import { revalidatePath } from "next/cache";
import { isStudioError } from "@/lib/errors";
import { aliasSchema, descriptionSchema, issuesToErrors, tagSchema } from "@/lib/registry/edit-schemas";
import {
  deleteAlias, deleteRegisteredModelTag, setAlias, setRegisteredModelTag, updateRegisteredModel,
} from "@/lib/server/registry/models";
import { deleteModelVersionTag, setModelVersionTag, updateModelVersionDescription } from "@/lib/server/registry/versions";

export type ActionState = { errors?: Record<string, string>; message?: string; ok?: boolean };

/** Runs a registry change; MLflow-style errors become a message for the form, and the pages refresh. */
async function run(name: string, change: () => Promise<unknown>): Promise<ActionState> {
  try {
    await change();
  } catch (e) {
    if (isStudioError(e)) return { message: e.message };
    throw e;
  }
  revalidatePath(`/models/${encodeURIComponent(name)}`, "layout");
  revalidatePath("/models");
  return { ok: true };
}

const field = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function saveModelDescription(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = descriptionSchema.safeParse({ description: field(form, "description") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return run(name, () => updateRegisteredModel(name, parsed.data.description));
}

export async function saveVersionDescription(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = descriptionSchema.safeParse({ description: field(form, "description") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return run(name, () => updateModelVersionDescription(name, version, parsed.data.description));
}

export async function setModelTagAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = tagSchema.safeParse({ key: field(form, "key"), value: field(form, "value") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return run(name, () => setRegisteredModelTag(name, parsed.data));
}

export async function removeModelTagAction(name: string, key: string): Promise<ActionState> {
  return run(name, () => deleteRegisteredModelTag(name, key));
}

export async function setVersionTagAction(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = tagSchema.safeParse({ key: field(form, "key"), value: field(form, "value") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return run(name, () => setModelVersionTag(name, version, parsed.data));
}

export async function removeVersionTagAction(name: string, version: number, key: string): Promise<ActionState> {
  return run(name, () => deleteModelVersionTag(name, version, key));
}

/** Sets an alias on a version; an alias already on another version moves here. */
export async function setAliasAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = aliasSchema.safeParse({ alias: field(form, "alias"), version: field(form, "version") });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error) };
  return run(name, () => setAlias(name, parsed.data.alias, parsed.data.version));
}

export async function removeAliasAction(name: string, alias: string): Promise<ActionState> {
  return run(name, () => deleteAlias(name, alias));
}
