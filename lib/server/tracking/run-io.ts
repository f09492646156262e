import "server-only";
import { invalidParam } from "@/lib/errors";
import { LIMITS, validateLength } from "@/lib/mlflow/limits";
import { store } from "@/lib/server/store";
import type { DatasetData, KeyValue } from "@/lib/tracking-types";
import { activeRunOrThrow } from "./runs";

export type DatasetInput = { tags: KeyValue[]; dataset: DatasetData };

function validateDataset(d: DatasetData): DatasetData {
  if (!d.name) throw invalidParam("Dataset name must be provided");
  if (!d.digest) throw invalidParam("Dataset digest must be provided");
  validateLength("Dataset name", LIMITS.datasetName, d.name);
  validateLength("Dataset digest", LIMITS.datasetDigest, d.digest);
  validateLength("Dataset source", LIMITS.datasetSource, d.source);
  if (d.schema) validateLength("Dataset schema", LIMITS.datasetSchema, d.schema);
  if (d.profile) validateLength("Dataset profile", LIMITS.datasetProfile, d.profile);
  return d;
}

/** log-inputs: datasets (deduplicated per experiment by name+digest) and model inputs. */
export async function logInputs(runId: string, datasets: DatasetInput[], modelIds: string[]): Promise<void> {
  const checked = datasets.map((d) => {
    for (const t of d.tags) {
      validateLength("Input tag key", LIMITS.inputTagKey, t.key);
      validateLength("Input tag value", LIMITS.inputTagValue, t.value);
    }
    return { tags: d.tags, dataset: validateDataset(d.dataset) };
  });
  await store().write(async ({ tracking }) => {
    const run = await activeRunOrThrow(tracking, runId);
    for (const { tags, dataset } of checked) await tracking.logDatasetInput(runId, run.experimentId, dataset, tags);
    for (const modelId of new Set(modelIds)) await tracking.logModelInput(runId, modelId);
  });
}

/** runs/outputs (MLflow 3): the run produced these logged models. */
export async function logOutputs(runId: string, models: { modelId: string; step: number }[]): Promise<void> {
  await store().write(async ({ tracking }) => {
    await activeRunOrThrow(tracking, runId);
    for (const m of models) await tracking.logModelOutput(runId, m.modelId, m.step);
  });
}

const LOG_MODEL_HISTORY_TAG = "mlflow.log-model.history";

/** runs/log-model (MLflow 2): appends the MLmodel JSON to the run's model history tag, as MLflow does. */
export async function logModelHistory(runId: string, modelJson: string): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(modelJson);
  } catch {
    throw invalidParam("model_json is not valid JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw invalidParam("model_json must be a JSON object");
  const model = parsed as Record<string, unknown>;
  if (!model.artifact_path || !model.flavors) throw invalidParam("Model json is missing mandatory fields");
  const { signature: _s, saved_input_example_info: _i, ...slim } = model; // keep the tag small
  await store().write(async ({ tracking }) => {
    await activeRunOrThrow(tracking, runId);
    const current = await tracking.getRunTag(runId, LOG_MODEL_HISTORY_TAG);
    let history: unknown[] = [];
    try {
      const old = current ? JSON.parse(current) : [];
      history = Array.isArray(old) ? old : [];
    } catch {
      history = [];
    }
    history.push(slim);
    await tracking.setRunTags(runId, [{ key: LOG_MODEL_HISTORY_TAG, value: JSON.stringify(history) }]);
  });
}
