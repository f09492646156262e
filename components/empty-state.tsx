import type { ReactNode } from "react";
import { CopyButton } from "@/components/copy-button";

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <section className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** The two lines a data scientist pastes to send MLflow runs to this studio. */
export function TrackingSnippet({ origin }: { origin: string }) {
  const snippet = `export MLFLOW_TRACKING_URI=${origin}\npython train.py   # any MLflow code: mlflow.autolog(), log_model, register_model`;
  return (
    <div>
      <pre data-testid="tracking-snippet">{snippet}</pre>
      <div style={{ marginTop: 8 }}>
        <CopyButton value={`export MLFLOW_TRACKING_URI=${origin}`} label="Copy export line" />
      </div>
    </div>
  );
}
