/**
 * `saved_input_example_info` from an MLmodel (mlflow/models/utils.py _Example.info): where the
 * input example is stored and how it is encoded. Shared by parse-mlmodel.ts and input-example.ts.
 */
import { type Mapping, readMapping, readString } from "./field-readers";

export interface SavedInputExampleInfo {
  /** File of the example, relative to the model folder; MLflow always writes "input_example.json". */
  artifactPath: string | null;
  /** "dataframe", "ndarray", "json_object", "sparse_matrix_csr" or "sparse_matrix_csc". */
  type: string | null;
  /** For dataframes: "split" (columns + data) or "values" (data only). */
  pandasOrient: string | null;
  /** MLflow 2.x tensors: "tf-serving". */
  format: string | null;
  /** MLflow 2.16+: the ready-made request body, "serving_input_example.json". */
  servingInputPath: string | null;
  /** The example file is `{"inputs": ..., "params": {...}}` (MLflow writes params: "true"). */
  hasParams: boolean;
}

export function readSavedInputExampleInfo(model: Mapping, warnings: string[]): SavedInputExampleInfo | null {
  const raw = readMapping(model, "saved_input_example_info", "", warnings);
  if (!raw) return null;
  const where = "saved_input_example_info.";
  return {
    artifactPath: readString(raw, "artifact_path", where, warnings),
    type: readString(raw, "type", where, warnings),
    pandasOrient: readString(raw, "pandas_orient", where, warnings),
    format: readString(raw, "format", where, warnings),
    servingInputPath: readString(raw, "serving_input_path", where, warnings),
    hasParams: raw.params === "true" || raw.params === true,
  };
}
