"use server";
import { fieldErrors, registerSchema } from "@/lib/registry/register-schema";
import { registerModelVersion } from "@/lib/server/registry/register";
import { type ActionState, field, modelPath, runAction } from "./action-state";

/**
 * The Register dialog's action: the same schema and registration function as the REST route and
 * the MLflow API. Uploaded folders arrive as `upload:<id>` (their bytes were streamed already).
 */
export async function registerModel(_prev: ActionState, form: FormData): Promise<ActionState> {
  let tags: unknown = [];
  try {
    tags = JSON.parse(field(form, "tags") || "[]");
  } catch {
    return { errors: { tags: "Tags could not be read" } };
  }
  const parsed = registerSchema.safeParse({
    name: field(form, "name"),
    source: field(form, "source"),
    type: form.get("type") ? field(form, "type") : undefined,
    description: field(form, "description") || undefined,
    tags,
  });
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const r = parsed.data;
  let href = "";
  const result = await runAction([r.name, r.source, r.description, ...(r.tags ?? []).flatMap((t) => [t.key, t.value])], async () => {
    const v = await registerModelVersion({
      name: r.name,
      source: r.source,
      modelType: r.type,
      description: r.description,
      tags: r.tags,
      createModelIfMissing: true,
    });
    href = `${modelPath(v.name)}/versions/${v.version}`;
  }, ["/models", modelPath(r.name)]);
  return result.ok ? { href } : result;
}
