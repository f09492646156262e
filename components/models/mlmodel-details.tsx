import { formatBytes } from "@/lib/format";
import type { MLmodelInfo } from "@/lib/mlmodel/parse-mlmodel";

/** The parsed MLmodel beside its source: flavors, environment, identifiers. */
export function MlmodelDetails({ model }: { model: MLmodelInfo }) {
  const py = model.pyfunc;
  return (
    <div data-testid="mlmodel-details">
      <h3 style={{ marginTop: 0 }}>Flavors</h3>
      {py && (
        <div className="card" style={{ marginBottom: 8 }}>
          <strong>python_function</strong>
          <dl className="kv">
            <dt>Loader module</dt>
            <dd className="mono">{py.loaderModule ?? "—"}</dd>
            {py.modelPath && (
              <>
                <dt>Model path</dt>
                <dd className="mono">{py.modelPath}</dd>
              </>
            )}
            {py.predictFn && (
              <>
                <dt>Predict fn</dt>
                <dd className="mono">{py.predictFn}</dd>
              </>
            )}
            <dt>Python</dt>
            <dd>{py.pythonVersion ?? "—"}</dd>
            <dt>Environment</dt>
            <dd className="mono">
              {[py.env?.conda && `conda: ${py.env.conda}`, py.env?.virtualenv && `virtualenv: ${py.env.virtualenv}`]
                .filter(Boolean)
                .join(", ") || "—"}
            </dd>
          </dl>
        </div>
      )}
      {model.frameworkFlavors.map((f) => (
        <div key={f.name} className="card" style={{ marginBottom: 8 }}>
          <strong>{f.name}</strong> {f.version && <span className="badge">{f.version}</span>}
          <dl className="kv">
            {Object.entries(f.fields)
              .filter(([, v]) => v !== null && typeof v !== "object")
              .map(([k, v]) => (
                <div key={k} style={{ display: "contents" }}>
                  <dt>{k}</dt>
                  <dd className="mono">{String(v)}</dd>
                </div>
              ))}
          </dl>
        </div>
      ))}
      <h3>Model</h3>
      <dl className="kv">
        <dt>MLflow version</dt>
        <dd>{model.mlflowVersion ?? "—"}</dd>
        {model.modelId && (
          <>
            <dt>Model ID</dt>
            <dd className="mono">{model.modelId}</dd>
          </>
        )}
        <dt>Model UUID</dt>
        <dd className="mono">{model.modelUuid ?? "—"}</dd>
        <dt>Run ID</dt>
        <dd className="mono">{model.runId ?? "—"}</dd>
        <dt>Created (UTC)</dt>
        <dd>{model.utcTimeCreated ?? "—"}</dd>
        <dt>Size</dt>
        <dd>{model.modelSizeBytes != null ? formatBytes(model.modelSizeBytes) : "—"}</dd>
        <dt>Artifact path</dt>
        <dd className="mono small">{model.artifactPath ?? "—"}</dd>
      </dl>
    </div>
  );
}
