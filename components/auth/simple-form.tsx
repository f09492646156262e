"use client";
import { type ReactNode, useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";

/** A form posting to a server action, with its pending state and its answer (errors or message). */
export function SimpleForm({
  action,
  label,
  submit,
  children,
  className = "tag-form",
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  label: string;
  submit: string;
  children: ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={className} aria-label={label}>
      {children}
      <button type="submit" className="btn btn-sm" disabled={pending}>
        {pending ? "Saving…" : submit}
      </button>
      {(state.errors || (state.message && !state.ok)) && (
        <span className="field-error" role="alert">
          {state.message ?? Object.values(state.errors ?? {}).join(" ")}
        </span>
      )}
      {state.ok && state.message && (
        <span className="small muted" role="status">
          {state.message}
        </span>
      )}
    </form>
  );
}

/** A button calling a server action without a form (revoke, delete), with an optional confirmation. */
export function ActionButton({ action, label, confirmText }: { action: () => Promise<ActionState>; label: string; confirmText?: string }) {
  const [state, run, pending] = useActionState(async () => action(), {} as ActionState);
  return (
    <form
      action={run}
      style={{ display: "inline" }}
      onSubmit={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
    >
      <button type="submit" className="btn btn-sm" disabled={pending}>
        {label}
      </button>
      {state.message && !state.ok && (
        <span className="field-error" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}
