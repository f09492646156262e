import "server-only";
import { isStudioError } from "@/lib/errors";
import { modelsFilter, type ModelsQuery } from "@/lib/models-query";
import type { ModelVersionData, RegisteredModelData } from "@/lib/registry-types";
import { capabilitiesOn } from "@/lib/server/auth/guard";
import { getRegisteredModelOrThrow } from "@/lib/server/registry/models";
import { searchModelVersions, searchRegisteredModels } from "@/lib/server/registry/search";

/** One page of the Models page; a bad filter comes back as a message for the page to show. */
export async function listModels(q: ModelsQuery) {
  try {
    const res = await searchRegisteredModels({
      filter: modelsFilter(q),
      maxResults: q.size,
      orderBy: [q.sort || "last_updated_timestamp DESC"],
      pageToken: q.page || undefined,
    });
    return { models: res.models, nextPageToken: res.nextPageToken ?? null, error: null as string | null };
  } catch (e) {
    if (isStudioError(e)) return { models: [] as RegisteredModelData[], nextPageToken: null, error: e.message };
    throw e;
  }
}

/** The model and one page of its versions (newest first), or null when there is no such model. */
export async function getModelPage(name: string, pageToken: string | undefined, size = 25) {
  let model: RegisteredModelData;
  // A model the caller may not read does not exist for them (the page answers 404).
  const caps = await capabilitiesOn("registered_model", name);
  if (!caps.canRead) return null;
  try {
    model = await getRegisteredModelOrThrow(name);
  } catch (e) {
    if (isStudioError(e) && e.code === "RESOURCE_DOES_NOT_EXIST") return null;
    throw e;
  }
  const quoted = name.includes("'") ? `"${name}"` : `'${name}'`;
  let versions: ModelVersionData[] = [];
  let nextPageToken: string | null = null;
  let error: string | null = null;
  try {
    const res = await searchModelVersions({ filter: `name = ${quoted}`, maxResults: size, orderBy: ["version_number DESC"], pageToken });
    versions = res.versions;
    nextPageToken = res.nextPageToken ?? null;
  } catch (e) {
    if (!isStudioError(e)) throw e;
    error = e.message;
  }
  return { model, versions, nextPageToken, error, canEdit: caps.canEdit, canManage: caps.canManage };
}
