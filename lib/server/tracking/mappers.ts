import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { LoggedModelData, MetricPoint } from "@/lib/tracking-types";

/** Prisma rows → plain domain objects (bigint → number, NaN restored from `isNan`). */
const n = (v: bigint | number) => Number(v);

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
