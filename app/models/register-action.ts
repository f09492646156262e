"use server";
import { revalidatePath } from "next/cache";
import { isStudioError } from "@/lib/errors";
import { fieldErrors, registerSchema } from "@/lib/registry/register-schema";
import { registerModelVersion } from "@/lib/server/registry/register";

export type RegisterState = { errors?: Record<string, string>; message?: string; href?: string };

/**
 * The Register dialog's action: the same schema and registration function as the REST route and
 * the MLflow API. Uploaded folders arrive as `upload:<id>` (their bytes were streamed already).
 */
export async function registerAction(_prev: RegisterState, form: FormData): Promise<RegisterState> {
  let tags: unknown = [];
  try {
    tags = JSON.parse(String(form.get("tags") ?? "[]"));
  } catch {
    return { errors: { tags: "Tags could not be read" } };
  }
  const parsed = registerSchema.safeParse({
    name: String(form.get("name") ?? ""),
    source: String(form.get("source") ?? ""),
    type: form.get("type") ? String(form.get("type")) : undefined,
    description: String(form.get("description") ?? "") || undefined,
    tags,
  });
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const r = parsed.data;
  try {
    const v = await registerModelVersion({
      name: r.name, source: r.source, modelType: r.type, description: r.description, tags: r.tags, createModelIfMissing: true,
    });
    revalidatePath("/models");
    revalidatePath(`/models/${encodeURIComponent(v.name)}`);
    return { href: `/models/${encodeURIComponent(v.name)}/versions/${v.version}` };
  } catch (e) {
    if (isStudioError(e)) return { message: e.message };
    throw e;
  }
}
