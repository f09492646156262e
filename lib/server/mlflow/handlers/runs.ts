import "server-only";
import { z } from "zod";
import { invalidParam } from "@/lib/errors";
import { double, idString, int64, keyValue, keyValueList, parseRequest } from "@/lib/mlflow/request-schema";
import { runInfoToWire, runToWire } from "@/lib/mlflow/wire";
import { logBatch, deleteRunTag } from "@/lib/server/tracking/run-logging";
import { logInputs, logModelHistory, logOutputs } from "@/lib/server/tracking/run-io";
import { createRun, getRunOrThrow, setRunLifecycle, updateRun } from "@/lib/server/tracking/runs";
import type { RouteTable } from "../router";

/** Old clients send `run_uuid`, new ones `run_id` (often both). */
const runRef = z.object({ run_id: z.string().optional(), run_uuid: z.string().optional() });
function runIdOf(req: { run_id?: string; run_uuid?: string }): string {
  const id = req.run_id || req.run_uuid;
  if (!id) throw invalidParam("Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.");
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
  metrics: z.preprocess((v) => v ?? [], z.array(metric)),
  params: keyValueList(),
  tags: keyValueList(),
});
const inputsSchema = runRef.extend({
  datasets: z.preprocess((v) => v ?? [], z.array(z.object({ tags: keyValueList(), dataset }))),
  models: z.preprocess((v) => v ?? [], z.array(z.object({ model_id: z.string() }))),
});
const outputsSchema = runRef.extend({ models: z.preprocess((v) => v ?? [], z.array(z.object({ model_id: z.string(), step: int64().optional() }))) });
const logModelSchema = runRef.extend({ model_json: z.string() });

export const runRoutes: RouteTable = {
  "POST runs/create": async ({ input }) => {
    const req = parseRequest(createSchema, input);
    const run = await createRun({
      experimentId: req.experiment_id, userId: req.user_id, startTime: req.start_time, runName: req.run_name, tags: req.tags,
    });
    return { run: runToWire(run) };
  },
  "GET runs/get": async ({ input }) => ({ run: runToWire(await getRunOrThrow(runIdOf(parseRequest(runRef, input)))) }),
  "POST runs/update": async ({ input }) => {
    const req = parseRequest(updateSchema, input);
    const info = await updateRun({ runId: runIdOf(req), status: req.status, endTime: req.end_time, runName: req.run_name });
    return { run_info: runInfoToWire(info) };
  },
  "POST runs/delete": async ({ input }) => {
    await setRunLifecycle(runIdOf(parseRequest(runRef, input)), "deleted");
    return {};
  },
  "POST runs/restore": async ({ input }) => {
    await setRunLifecycle(runIdOf(parseRequest(runRef, input)), "active");
    return {};
  },
  "POST runs/log-metric": async ({ input }) => {
    const req = parseRequest(metricSchema, input);
    await logBatch(runIdOf(req), { metrics: [toMetricInput(req)] });
    return {};
  },
  "POST runs/log-parameter": async ({ input }) => {
    const req = parseRequest(keyValueSchema, input);
    await logBatch(runIdOf(req), { params: [{ key: req.key, value: req.value }] });
    return {};
  },
  "POST runs/set-tag": async ({ input }) => {
    const req = parseRequest(keyValueSchema, input);
    await logBatch(runIdOf(req), { tags: [{ key: req.key, value: req.value }] });
    return {};
  },
  "POST runs/delete-tag": async ({ input }) => {
    const req = parseRequest(deleteTagSchema, input);
    await deleteRunTag(runIdOf(req), req.key);
    return {};
  },
  "POST runs/log-batch": async ({ input }) => {
    const req = parseRequest(batchSchema, input);
    await logBatch(runIdOf(req), { metrics: req.metrics.map(toMetricInput), params: req.params, tags: req.tags });
    return {};
  },
  "POST runs/log-inputs": async ({ input }) => {
    const req = parseRequest(inputsSchema, input);
    await logInputs(
      runIdOf(req),
      req.datasets.map((d) => ({
        tags: d.tags,
        dataset: {
          name: d.dataset.name, digest: d.dataset.digest, sourceType: d.dataset.source_type, source: d.dataset.source,
          schema: d.dataset.schema ?? null, profile: d.dataset.profile ?? null,
        },
      })),
      req.models.map((m) => m.model_id),
    );
    return {};
  },
  "POST runs/outputs": async ({ input }) => {
    const req = parseRequest(outputsSchema, input);
    await logOutputs(runIdOf(req), req.models.map((m) => ({ modelId: m.model_id, step: m.step ?? 0 })));
    return {};
  },
  "POST runs/log-model": async ({ input }) => {
    const req = parseRequest(logModelSchema, input);
    await logModelHistory(runIdOf(req), req.model_json);
    return {};
  },
};
