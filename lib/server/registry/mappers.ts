import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ModelVersionData } from "@/lib/registry-types";

const n = (v: bigint | number) => Number(v);

export const versionInclude = {
  tags: true,
  registeredModel: { select: { name: true, aliases: true } },
} satisfies Prisma.ModelVersionInclude;
export type VersionRow = Prisma.ModelVersionGetPayload<{ include: typeof versionInclude }>;

export function toModelVersion(v: VersionRow): ModelVersionData {
  return {
    id: v.id,
    name: v.registeredModel.name,
    version: v.version,
    source: v.source,
    runId: v.runId,
    runLink: v.runLink,
    modelId: v.modelId,
    modelType: v.modelType,
    status: v.status,
    statusMessage: v.statusMessage,
    storageLocation: v.storageLocation,
    sizeBytes: v.sizeBytes == null ? null : n(v.sizeBytes),
    description: v.description,
    currentStage: v.currentStage,
    userId: v.userId,
    creationTimestamp: n(v.creationTimestamp),
    lastUpdatedTimestamp: n(v.lastUpdatedTimestamp),
    tags: v.tags.map(({ key, value }) => ({ key, value })),
    aliases: v.registeredModel.aliases.filter((a) => a.version === v.version).map((a) => a.alias).sort(),
  };
}

export const modelInclude = { tags: true, aliases: true } satisfies Prisma.RegisteredModelInclude;
