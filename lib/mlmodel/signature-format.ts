/**
 * One-line renderings of a parsed signature for lists and headers. Re-exported by signature.ts.
 */
import type { ModelSignature, Schema, SignaturePart } from "./signature";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * `[-1, 300, 300, 3]` → "batch × 300 × 300 × 3". A leading -1 is the batch dimension (that is how
 * MLflow infers tensor schemas); any other -1 is a dimension of any size.
 */
export function describeShape(shape: readonly number[]): string {
  if (shape.length === 0) return "scalar";
  return shape.map((d, i) => (d === -1 ? (i === 0 ? "batch" : "any") : String(d))).join(" × ");
}

function describeSchema(schema: Schema | null, part: SignaturePart, sig: ModelSignature): string {
  if (schema === null) return sig.errors[part] ? `invalid ${part}` : `no ${part}`;
  if (schema.kind === "columns") return plural(schema.columns.length, "column");
  if (schema.tensors.length !== 1) return plural(schema.tensors.length, "tensor");
  const [t] = schema.tensors;
  return `tensor ${t.name ? `${t.name} ` : ""}${t.dtype} [${describeShape(t.shape)}]`;
}

/** "13 columns → 1 column", "tensor uint8 [batch × 300 × 300 × 3] → tensor float32 [batch × 2]". */
export function signatureSummary(sig: ModelSignature | null | undefined): string {
  if (!sig) return "no signature";
  const hasParams = sig.params !== null && sig.params.length > 0;
  if (!sig.inputs && !sig.outputs && !hasParams && Object.keys(sig.errors).length === 0) return "no signature";
  const main = `${describeSchema(sig.inputs, "inputs", sig)} → ${describeSchema(sig.outputs, "outputs", sig)}`;
  if (hasParams) return `${main} (${plural(sig.params!.length, "param")})`;
  return sig.errors.params ? `${main} (invalid params)` : main;
}
