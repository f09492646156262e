import "server-only";
import { z } from "zod";
import { invalidParam } from "@/lib/errors";
import { double, idString, int64, keyValue, keyValueList, listOf } from "@/lib/mlflow/request-schema";
import { runInfoToWire, runToWire } from "@/lib/mlflow/wire";
import { logBatch, deleteRunTag } from "@/lib/server/tracking/run-logging";
import { logInputs, logModelHistory, logOutputs } from "@/lib/server/tracking/run-io";
import { createRun, getRunOrThrow, setRunLifecycle, updateRun } from "@/lib/server/tracking/runs";
import { route, type RouteTable } from "../router";

/** Old clients send `run_uuid`, new ones `run_id` (often both). */
const runRef = z.object({ run_id: z.string().optional(), run_uuid: z.string().optional() });
function runIdOf(req: { run_id?: string; run_uuid?: string }): string {
  const id = req.run_id || req.run_uuid;
  if (!id)
    throw invalidParam("Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.");
  return id;
}

const metric = z.object({
  key: z.string(),
  value: double(),
  timestamp: int64().optional(),
  step: int64().optional(),
  model_id: z.string().optional(),
  dataset_name: z.string().optional(),
  dataset_digest: z.string().optional(),
});
type WireMetric = z.output<typeof metric>;
const toMetricInput = (m: WireMetric) => ({
  key: m.key,
  value: m.value,
  timestamp: m.timestamp ?? Date.now(),
  step: m.step ?? 0,
  modelId: m.model_id || null,
  datasetName: m.dataset_name || null,
  datasetDigest: m.dataset_digest || null,
});

const dataset = z.object({
  name: z.string(),
  digest: z.string(),
  source_type: z.string().default(""),
  source: z.string().default(""),
  schema: z.string().optional(),
  profile: z.string().optional(),
});

// Schemas are built once: zod compiles a schema on first use, which per request would dominate.
const createSchema = z.object({
  experiment_id: idString().optional(),
  user_id: z.string().optional(),
  start_time: int64().optional(),
  run_name: z.string().optional(),
  tags: keyValueList(),
});
const updateSchema = runRef.extend({ status: z.string().optional(), end_time: int64().optional(), run_name: z.string().optional() });
const metricSchema = runRef.and(metric);
const keyValueSchema = runRef.and(keyValue);
const deleteTagSchema = runRef.extend({ key: z.string() });
const batchSchema = runRef.extend({
  metrics: listOf(metric),
  params: keyValueList(),
  tags: keyValueList(),
});
const inputsSchema = runRef.extend({
  datasets: listOf(z.object({ tags: keyValueList(), dataset })),
  models: listOf(z.object({ model_id: z.string() })),
});
const outputsSchema = runRef.extend({ models: listOf(z.object({ model_id: z.string(), step: int64().optional() })) });
const logModelSchema = runRef.extend({ model_json: z.string() });

export const runRoutes: RouteTable = {
  "POST runs/create": route("Create a run (a job)", createSchema, async (req) => {
    const run = await createRun({
      experimentId: req.experiment_id,
      userId: req.user_id,
      startTime: req.start_time,
      runName: req.run_name,
      tags: req.tags,
    });
    return { run: runToWire(run) };
  }),
  "GET runs/get": route("Get a run", runRef, async (req) => ({ run: runToWire(await getRunOrThrow(runIdOf(req))) })),
  "POST runs/update": route("Update a run's status, end time or name", updateSchema, async (req) => {
    const info = await updateRun({ runId: runIdOf(req), status: req.status, endTime: req.end_time, runName: req.run_name });
    return { run_info: runInfoToWire(info) };
  }),
  "POST runs/delete": route("Delete a run", runRef, async (req) => {
    await setRunLifecycle(runIdOf(req), "deleted");
    return {};
  }),
  "POST runs/restore": route("Restore a deleted run", runRef, async (req) => {
    await setRunLifecycle(runIdOf(req), "active");
    return {};
  }),
  "POST runs/log-metric": route("Log one metric point", metricSchema, async (req) => {
    await logBatch(runIdOf(req), { metrics: [toMetricInput(req)] });
    return {};
  }),
  "POST runs/log-parameter": route("Log one param", keyValueSchema, async (req) => {
    await logBatch(runIdOf(req), { params: [{ key: req.key, value: req.value }] });
    return {};
  }),
  "POST runs/set-tag": route("Set a run tag", keyValueSchema, async (req) => {
    await logBatch(runIdOf(req), { tags: [{ key: req.key, value: req.value }] });
    return {};
  }),
  "POST runs/delete-tag": route("Delete a run tag", deleteTagSchema, async (req) => {
    await deleteRunTag(runIdOf(req), req.key);
    return {};
  }),
  "POST runs/log-batch": route("Log metrics, params and tags at once", batchSchema, async (req) => {
    await logBatch(runIdOf(req), { metrics: req.metrics.map(toMetricInput), params: req.params, tags: req.tags });
    return {};
  }),
  "POST runs/log-inputs": route("Log a run's dataset and model inputs", inputsSchema, async (req) => {
    await logInputs(
      runIdOf(req),
      req.datasets.map((d) => ({
        tags: d.tags,
        dataset: {
          name: d.dataset.name,
          digest: d.dataset.digest,
          sourceType: d.dataset.source_type,
          source: d.dataset.source,
          schema: d.dataset.schema ?? null,
          profile: d.dataset.profile ?? null,
        },
      })),
      req.models.map((m) => m.model_id),
    );
    return {};
  }),
  "POST runs/outputs": route("Log the logged models a run produced (MLflow 3)", outputsSchema, async (req) => {
    await logOutputs(
      runIdOf(req),
      req.models.map((m) => ({ modelId: m.model_id, step: m.step ?? 0 })),
    );
    return {};
  }),
  "POST runs/log-model": route("Record a logged model in the run's history (MLflow 2)", logModelSchema, async (req) => {
    await logModelHistory(runIdOf(req), req.model_json);
    return {};
  }),
};
