import type { ExperimentData, LoggedModelData, MetricPoint, RunData, RunInfoData } from "@/lib/tracking-types";

/**
 * MLflow's wire format for tracking entities, in one place: snake_case, string ids, ms timestamps,
 * NaN/Infinity as proto-JSON strings, absent optional fields omitted.
 */
export function wireDouble(v: number): number | string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  return v;
}

const kv = (tags: { key: string; value: string }[]) => tags.map((t) => ({ key: t.key, value: t.value }));

export function experimentToWire(e: ExperimentData) {
  return {
    experiment_id: String(e.id),
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    creation_time: e.creationTime,
    last_update_time: e.lastUpdateTime,
    tags: kv(e.tags),
  };
}

export function metricToWire(m: MetricPoint) {
  return {
    key: m.key,
    value: wireDouble(m.value),
    timestamp: m.timestamp,
    step: m.step,
    ...(m.runId ? { run_id: m.runId } : {}),
    ...(m.modelId ? { model_id: m.modelId } : {}),
    ...(m.datasetName ? { dataset_name: m.datasetName } : {}),
    ...(m.datasetDigest ? { dataset_digest: m.datasetDigest } : {}),
  };
}

/** 2.x clients read `run_uuid`, 3.x read `run_id`: always send both. */
export function runInfoToWire(i: RunInfoData) {
  return {
    run_id: i.id,
    run_uuid: i.id,
    run_name: i.name,
    experiment_id: String(i.experimentId),
    user_id: i.userId,
    status: i.status,
    start_time: i.startTime,
    ...(i.endTime != null ? { end_time: i.endTime } : {}),
    artifact_uri: i.artifactUri,
    lifecycle_stage: i.lifecycleStage,
  };
}

export function runToWire(r: RunData) {
  return {
    info: runInfoToWire(r.info),
    data: { metrics: r.metrics.map(metricToWire), params: kv(r.params), tags: kv(r.tags) },
    inputs: {
      dataset_inputs: r.datasetInputs.map((d) => ({
        tags: kv(d.tags),
        dataset: {
          name: d.dataset.name,
          digest: d.dataset.digest,
          source_type: d.dataset.sourceType,
          source: d.dataset.source,
          ...(d.dataset.schema != null ? { schema: d.dataset.schema } : {}),
          ...(d.dataset.profile != null ? { profile: d.dataset.profile } : {}),
        },
      })),
      model_inputs: r.modelInputs.map((model_id) => ({ model_id })),
    },
    outputs: { model_outputs: r.modelOutputs.map((o) => ({ model_id: o.modelId, step: o.step })) },
  };
}

export function loggedModelToWire(m: LoggedModelData) {
  return {
    info: {
      model_id: m.id,
      experiment_id: String(m.experimentId),
      name: m.name,
      artifact_uri: m.artifactLocation,
      creation_timestamp_ms: m.creationTimestamp,
      last_updated_timestamp_ms: m.lastUpdatedTimestamp,
      status: m.status,
      ...(m.statusMessage ? { status_message: m.statusMessage } : {}),
      ...(m.modelType ? { model_type: m.modelType } : {}),
      ...(m.sourceRunId ? { source_run_id: m.sourceRunId } : {}),
      tags: kv(m.tags),
    },
    data: { params: kv(m.params), metrics: m.metrics.map(metricToWire) },
  };
}
