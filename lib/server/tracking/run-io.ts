import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { invalidParam } from "@/lib/errors";
import { LIMITS, validateLength } from "@/lib/mlflow/limits";
import type { DatasetData, KeyValue } from "@/lib/tracking-types";
import { getActiveRunInfo } from "./runs";

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
  const run = await getActiveRunInfo(runId);
  const checked = datasets.map((d) => {
    for (const t of d.tags) {
      validateLength("Input tag key", LIMITS.inputTagKey, t.key);
      validateLength("Input tag value", LIMITS.inputTagValue, t.value);
    }
    return { tags: d.tags, dataset: validateDataset(d.dataset) };
  });
  await db.$transaction(async (tx) => {
    for (const { tags, dataset } of checked) {
      const ds = await tx.dataset.upsert({
        where: { experimentId_name_digest: { experimentId: run.experimentId, name: dataset.name, digest: dataset.digest } },
        create: { id: randomUUID(), experimentId: run.experimentId, ...dataset },
        update: {},
      });
      const existing = await tx.runDatasetInput.findUnique({ where: { runId_datasetId: { runId, datasetId: ds.id } } });
      if (existing) continue; // MLflow keeps the first logging of a dataset to a run
      await tx.runDatasetInput.create({ data: { id: randomUUID(), runId, datasetId: ds.id, tags: { create: tags } } });
    }
    for (const modelId of new Set(modelIds)) {
      await tx.runModelInput.upsert({
        where: { runId_modelId: { runId, modelId } },
        create: { runId, modelId },
        update: {},
      });
    }
  });
}

/** runs/outputs (MLflow 3): the run produced these logged models. */
export async function logOutputs(runId: string, models: { modelId: string; step: number }[]): Promise<void> {
  await getActiveRunInfo(runId);
  await db.$transaction(
    models.map((m) =>
      db.runModelOutput.upsert({
        where: { runId_modelId_step: { runId, modelId: m.modelId, step: BigInt(m.step) } },
        create: { runId, modelId: m.modelId, step: BigInt(m.step) },
        update: {},
      }),
    ),
  );
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
  await getActiveRunInfo(runId);
  await db.$transaction(async (tx) => {
    const tag = await tx.runTag.findUnique({ where: { runId_key: { runId, key: LOG_MODEL_HISTORY_TAG } } });
    let history: unknown[] = [];
    try {
      history = tag ? (JSON.parse(tag.value) as unknown[]) : [];
    } catch {
      history = [];
    }
    const { signature: _s, saved_input_example_info: _i, ...slim } = model; // keep the tag small
    history.push(slim);
    await tx.runTag.upsert({
      where: { runId_key: { runId, key: LOG_MODEL_HISTORY_TAG } },
      create: { runId, key: LOG_MODEL_HISTORY_TAG, value: JSON.stringify(history) },
      update: { value: JSON.stringify(history) },
    });
  });
}
