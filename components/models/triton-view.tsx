import { parseTritonConfig } from "@/lib/mlmodel/triton-config";

/** Triton's config.pbtxt at a glance: platform, batching, inputs and outputs. */
export function TritonView({ config }: { config: string }) {
  const parsed = parseTritonConfig(config);
  if (!parsed.ok)
    return (
      <p className="error-box">
        config.pbtxt cannot be read (line {parsed.error.line}): {parsed.error.message}
      </p>
    );
  const c = parsed.config;
  const tensors = (title: string, list: typeof c.inputs) => (
    <>
      <h3>{title}</h3>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Data type</th>
            <th>Dims</th>
          </tr>
        </thead>
        <tbody>
          {list.map((t, i) => (
            <tr key={i}>
              <td className="mono">{t.name}</td>
              <td className="mono">{t.dataType}</td>
              <td className="mono">[{t.dims.join(", ")}]</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
  return (
    <section className="card" data-testid="triton-config">
      <h2 style={{ marginTop: 0 }}>Triton configuration</h2>
      <dl className="kv">
        <dt>Name</dt>
        <dd className="mono">{c.name ?? "—"}</dd>
        <dt>Platform / backend</dt>
        <dd className="mono">{c.platform ?? c.backend ?? "—"}</dd>
        <dt>Max batch size</dt>
        <dd>{c.maxBatchSize}</dd>
        <dt>Dynamic batching</dt>
        <dd>{c.dynamicBatching ? "on" : "off"}</dd>
        <dt>Instances</dt>
        <dd>{c.instanceGroups.map((g) => `${g.count} × ${g.kind}`).join(", ") || "default"}</dd>
      </dl>
      {tensors("Inputs", c.inputs)}
      {tensors("Outputs", c.outputs)}
      {parsed.warnings.map((w) => (
        <p key={w} className="muted small">
          ⚠ {w}
        </p>
      ))}
    </section>
  );
}
