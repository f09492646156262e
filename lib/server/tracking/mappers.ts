import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ExperimentData, LoggedModelData, MetricPoint, RunData } from "@/lib/tracking-types";

/** Prisma rows → plain domain objects (bigint → number, NaN restored from `isNan`). */
const n = (v: bigint | number) => Number(v);

export const experimentInclude = { tags: true } satisfies Prisma.ExperimentInclude;
type ExperimentRow = Prisma.ExperimentGetPayload<{ include: typeof experimentInclude }>;

export function toExperiment(e: ExperimentRow): ExperimentData {
  return {
    id: e.id,
    name: e.name,
    artifactLocation: e.artifactLocation,
    lifecycleStage: e.lifecycleStage,
    creationTime: n(e.creationTime),
    lastUpdateTime: n(e.lastUpdateTime),
    tags: e.tags.map(({ key, value }) => ({ key, value })),
  };
}

type MetricRow = { key: string; value: number; isNan: boolean; timestamp: bigint; step: bigint };
export function toMetric(m: MetricRow & { modelId?: string | null; datasetName?: string | null; datasetDigest?: string | null; runId?: string | null }): MetricPoint {
  return {
    key: m.key,
    value: m.isNan ? Number.NaN : m.value,
    timestamp: n(m.timestamp),
    step: n(m.step),
    ...(m.modelId ? { modelId: m.modelId } : {}),
    ...(m.datasetName ? { datasetName: m.datasetName } : {}),
    ...(m.datasetDigest ? { datasetDigest: m.datasetDigest } : {}),
  };
}

export const runInclude = {
  params: true,
  tags: true,
  latestMetrics: true,
  datasetInputs: { include: { dataset: true, tags: true } },
  modelInputs: true,
  modelOutputs: true,
} satisfies Prisma.RunInclude;
type RunRow = Prisma.RunGetPayload<{ include: typeof runInclude }>;

export function toRun(r: RunRow): RunData {
  return {
    info: {
      id: r.id,
      experimentId: r.experimentId,
      name: r.name,
      status: r.status,
      userId: r.userId,
      startTime: n(r.startTime),
      endTime: r.endTime == null ? null : n(r.endTime),
      artifactUri: r.artifactUri,
      lifecycleStage: r.lifecycleStage,
    },
    params: r.params.map(({ key, value }) => ({ key, value })),
    tags: r.tags.map(({ key, value }) => ({ key, value })),
    metrics: r.latestMetrics.map(toMetric),
    datasetInputs: r.datasetInputs.map((d) => ({
      tags: d.tags.map(({ key, value }) => ({ key, value })),
      dataset: {
        name: d.dataset.name,
        digest: d.dataset.digest,
        sourceType: d.dataset.sourceType,
        source: d.dataset.source,
        schema: d.dataset.schema,
        profile: d.dataset.profile,
      },
    })),
    modelInputs: r.modelInputs.map((m) => m.modelId),
    modelOutputs: r.modelOutputs.map((o) => ({ modelId: o.modelId, step: n(o.step) })),
  };
}

export const loggedModelInclude = { tags: true, params: true, metrics: true } satisfies Prisma.LoggedModelInclude;
type LoggedModelRow = Prisma.LoggedModelGetPayload<{ include: typeof loggedModelInclude }>;

export function toLoggedModel(m: LoggedModelRow): LoggedModelData {
  return {
    id: m.id,
    experimentId: m.experimentId,
    name: m.name,
    artifactLocation: m.artifactLocation,
    creationTimestamp: n(m.creationTimestamp),
    lastUpdatedTimestamp: n(m.lastUpdatedTimestamp),
    status: m.status,
    statusMessage: m.statusMessage,
    modelType: m.modelType,
    sourceRunId: m.sourceRunId,
    tags: m.tags.map(({ key, value }) => ({ key, value })),
    params: m.params.map(({ key, value }) => ({ key, value })),
    metrics: m.metrics.map((row) => ({ ...toMetric(row), ...(row.runId ? { runId: row.runId } : {}) })),
  };
}
