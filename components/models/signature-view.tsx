import { describeShape, formatDataType, type DataType, type ModelSignature, type ParamSpec, type Schema } from "@/lib/mlmodel/signature";

/** Nested Array/Object/Map types unfold as a tree (plain <details>, so it works without JS). */
function TypeTree({ type }: { type: DataType }) {
  const label = <code>{formatDataType(type)}</code>;
  if (type.kind === "array")
    return (
      <details>
        <summary>{label}</summary>
        <div className="type-children">
          <span className="muted small">items: </span>
          <TypeTree type={type.items} />
        </div>
      </details>
    );
  if (type.kind === "map")
    return (
      <details>
        <summary>{label}</summary>
        <div className="type-children">
          <span className="muted small">values: </span>
          <TypeTree type={type.values} />
        </div>
      </details>
    );
  if (type.kind === "object") {
    return (
      <details>
        <summary>{label}</summary>
        <ul className="type-children">
          {type.properties.map((p) => (
            <li key={p.name}>
              <span className="mono">{p.name}</span>
              {p.required ? "" : <span className="muted small"> (optional)</span>}: <TypeTree type={p.type} />
            </li>
          ))}
        </ul>
      </details>
    );
  }
  return label;
}

function SchemaTable({ schema, title, testId }: { schema: Schema | null; title: string; testId: string }) {
  if (!schema)
    return (
      <section>
        <h3>{title}</h3>
        <p className="muted">Not specified.</p>
      </section>
    );
  if (schema.kind === "tensors") {
    return (
      <section>
        <h3>
          {title} <span className="badge">tensor-based</span>
        </h3>
        <table className="table" data-testid={testId}>
          <thead>
            <tr>
              <th>Name</th>
              <th>dtype</th>
              <th>Shape</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {schema.tensors.map((t, i) => (
              <tr key={i}>
                <td className="mono">{t.name ?? <span className="muted">(unnamed)</span>}</td>
                <td className="mono">{t.dtype}</td>
                <td data-testid="tensor-shape">{describeShape(t.shape)}</td>
                <td className="mono muted small">[{t.shape.join(", ")}]</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  }
  return (
    <section>
      <h3>
        {title} <span className="badge">column-based</span>
      </h3>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th>Column</th>
            <th>Type</th>
            <th>Required</th>
          </tr>
        </thead>
        <tbody>
          {schema.columns.map((c, i) => (
            <tr key={i}>
              <td className="mono">{c.name ?? <span className="muted">(unnamed)</span>}</td>
              <td>
                <TypeTree type={c.type} />
              </td>
              <td>{c.required ? "yes" : "optional"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ParamsTable({ params }: { params: ParamSpec[] | null }) {
  if (!params || params.length === 0) return null;
  return (
    <section>
      <h3>Parameters</h3>
      <table className="table" data-testid="signature-params">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Default</th>
            <th>Shape</th>
          </tr>
        </thead>
        <tbody>
          {params.map((p) => (
            <tr key={p.name}>
              <td className="mono">{p.name}</td>
              <td>
                <TypeTree type={p.type} />
              </td>
              <td className="mono">{JSON.stringify(p.default)}</td>
              <td>{p.shape ? describeShape(p.shape) : "scalar"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function SignatureView({ signature }: { signature: ModelSignature | null }) {
  if (!signature || (!signature.inputs && !signature.outputs && !signature.params)) {
    return (
      <div className="empty-state" data-testid="no-signature">
        <h2>This model has no signature</h2>
        <p className="muted">
          Without a signature, deployments cannot validate requests: any input is passed to the model as is, and no-code deployment cannot
          build the scoring schema. Log the model with <code>signature=infer_signature(X, model.predict(X))</code> to add one.
        </p>
      </div>
    );
  }
  return (
    <div>
      {Object.entries(signature.errors).map(([part, msg]) => (
        <p key={part} className="error-box">
          {part}: {msg}
        </p>
      ))}
      <SchemaTable schema={signature.inputs} title="Inputs" testId="signature-inputs" />
      <SchemaTable schema={signature.outputs} title="Outputs" testId="signature-outputs" />
      <ParamsTable params={signature.params} />
    </div>
  );
}
