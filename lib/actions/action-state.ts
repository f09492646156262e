import { revalidatePath } from "next/cache";
import { invalidParam, isStudioError } from "@/lib/errors";
import { requireSignedIn } from "@/lib/server/auth/guard";
import { isWellFormed } from "@/lib/unicode";

/** What every server action returns to its form: field errors, a message, or success. */
export type ActionState = { errors?: Record<string, string>; message?: string; ok?: boolean; href?: string; secret?: string };

/**
 * The body of every server action after its zod check: refuse ill-formed strings (a forged call
 * can send any), run the change through the data layer, turn a StudioError into a message for the
 * form, and refresh the pages that show what changed.
 */
export async function runAction(args: unknown[], change: () => Promise<unknown>, revalidate: string[]): Promise<ActionState> {
  try {
    // Every action is for signed-in users (everyone when auth is off); the services check the rest.
    requireSignedIn();
    for (const a of args)
      if (typeof a === "string" && !isWellFormed(a)) throw invalidParam("The request holds text that is not well-formed Unicode");
    const result = await change();
    for (const p of revalidate) revalidatePath(p, p.startsWith("/models/") ? "layout" : "page");
    return isActionState(result) ? result : { ok: true };
  } catch (e) {
    if (isStudioError(e)) return { message: e.message };
    throw e;
  }
}

const isActionState = (v: unknown): v is ActionState => !!v && typeof v === "object" && "ok" in v;

export const field = (form: FormData, key: string) => String(form.get(key) ?? "");

export const modelPath = (name: string) => `/models/${encodeURIComponent(name)}`;
