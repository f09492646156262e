import type { ModelVersionData, RegisteredModelData } from "@/lib/registry-types";

/** MLflow's wire format for registry entities: string versions, ms timestamps, snake_case. */
export function modelVersionToWire(v: ModelVersionData) {
  return {
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.creationTimestamp,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    current_stage: v.currentStage,
    description: v.description,
    source: v.source,
    ...(v.runId ? { run_id: v.runId } : {}),
    ...(v.runLink ? { run_link: v.runLink } : {}),
    ...(v.modelId ? { model_id: v.modelId } : {}),
    ...(v.userId ? { user_id: v.userId } : {}),
    status: v.status,
    ...(v.statusMessage ? { status_message: v.statusMessage } : {}),
    tags: v.tags.map(({ key, value }) => ({ key, value })),
    aliases: v.aliases,
  };
}

export function registeredModelToWire(m: RegisteredModelData) {
  return {
    name: m.name,
    creation_timestamp: m.creationTimestamp,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    description: m.description,
    latest_versions: m.latestVersions.map(modelVersionToWire),
    tags: m.tags.map(({ key, value }) => ({ key, value })),
    aliases: m.aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
  };
}
