"use client";
import { useActionState } from "react";
import { signInAction } from "@/lib/actions/auth";
import type { ActionState } from "@/lib/actions/action-state";

export function SignInForm({ next }: { next: string }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(signInAction, {});
  return (
    <form action={formAction} className="stack" aria-label="Sign in" style={{ maxWidth: 360 }}>
      <input type="hidden" name="next" value={next} />
      <label className="field">
        <span>Username</span>
        <input name="username" autoComplete="username" required aria-invalid={!!state.errors?.username} />
      </label>
      <label className="field">
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required aria-invalid={!!state.errors?.password} />
      </label>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {(state.message || state.errors) && (
        <p className="field-error" role="alert">
          {state.message ?? Object.values(state.errors ?? {}).join(" ")}
        </p>
      )}
    </form>
  );
}
