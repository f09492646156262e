import { CopyButton } from "@/components/copy-button";
import { buildServingPayload, parseInputExample, type SavedInputExampleInfo } from "@/lib/mlmodel/input-example";

type Props = { inputExample: string | null; servingExample: string | null; info: SavedInputExampleInfo | null };

/** The logged input example as a table (split, records, tensors) and the request body to send. */
export function InputExampleView({ inputExample, servingExample, info }: Props) {
  if (!inputExample && !servingExample) {
    return (
      <p className="muted" data-testid="no-input-example">
        This version has no input example. Log one with <code>input_example=X.head()</code> so people can see what a request looks like.
      </p>
    );
  }
  const parsed = inputExample ? parseInputExample(inputExample, info) : null;
  const payload = buildServingPayload({ servingInputExample: servingExample, inputExample, info });
  return (
    <div className="grid" data-testid="input-example">
      {parsed && !parsed.ok && <p className="error-box">input_example.json cannot be read: {parsed.error.message}</p>}
      {parsed?.ok && (
        <section>
          <h3>Input example</h3>
          {parsed.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
          {parsed.example.kind === "table" && (
            <div className="table-scroll">
              <table className="table" data-testid="input-example-table">
                <thead>
                  <tr>
                    {parsed.example.columns.map((c) => (
                      <th key={c}>{c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {parsed.example.rows.map((r, i) => (
                    <tr key={i}>
                      {r.map((v, j) => (
                        <td key={j} className="mono">
                          {typeof v === "object" ? JSON.stringify(v) : String(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {parsed.example.kind === "tensor" && (
            <pre>{`shape [${parsed.example.shape.join(", ")}]\n${JSON.stringify(parsed.example.preview, null, 1)}`}</pre>
          )}
          {parsed.example.kind === "tensors" &&
            parsed.example.tensors.map((t, i) => (
              <pre key={i}>{`${t.name ?? "tensor"} shape [${t.shape.join(", ")}]\n${JSON.stringify(t.preview, null, 1)}`}</pre>
            ))}
          {parsed.example.kind === "json" && <pre>{JSON.stringify(parsed.example.value, null, 2)}</pre>}
          {parsed.params && (
            <>
              <h4>Params</h4>
              <pre>{JSON.stringify(parsed.params, null, 2)}</pre>
            </>
          )}
        </section>
      )}
      <section>
        <h3 className="copy-row">Request payload {payload.ok && <CopyButton value={payload.json} label="Copy payload" />}</h3>
        {payload.ok ? (
          <>
            <p className="muted small">
              POST this JSON to the deployment&apos;s <code>/invocations</code> endpoint{payload.format ? ` (${payload.format})` : ""}.
            </p>
            <pre data-testid="serving-payload">{payload.json}</pre>
          </>
        ) : (
          <p className="error-box">{payload.error.message}</p>
        )}
      </section>
    </div>
  );
}
