import "server-only";
import { z } from "zod";
import { bool, int64, keyValueList, stringArray } from "@/lib/mlflow/request-schema";
import { modelVersionToWire } from "@/lib/mlflow/registry-wire";
import { registerModelVersion } from "@/lib/server/registry/register";
import { searchModelVersions } from "@/lib/server/registry/search";
import {
  deleteModelVersion,
  deleteModelVersionTag,
  getDownloadUri,
  getModelVersionOrThrow,
  parseVersion,
  setModelVersionTag,
  transitionStage,
  updateModelVersionDescription,
} from "@/lib/server/registry/versions";
import { route, type RouteTable } from "../router";

const ref = z.object({ name: z.string(), version: z.union([z.string(), z.number()]).transform(parseVersion) });

const search = route(
  "Search model versions",
  z.object({ filter: z.string().optional(), max_results: int64().optional(), order_by: stringArray(), page_token: z.string().optional() }),
  async (req) => {
    const res = await searchModelVersions({
      filter: req.filter,
      maxResults: req.max_results,
      orderBy: req.order_by,
      pageToken: req.page_token,
    });
    return {
      model_versions: res.versions.map(modelVersionToWire),
      ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}),
    };
  },
);

export const modelVersionRoutes: RouteTable = {
  "POST model-versions/create": route(
    "Register a new version of a model from a source",
    z.object({
      name: z.string(),
      source: z.string(),
      run_id: z.string().optional(),
      run_link: z.string().optional(),
      description: z.string().optional(),
      tags: keyValueList(),
      model_id: z.string().optional(),
    }),
    async (req) => {
      const version = await registerModelVersion({
        name: req.name,
        source: req.source,
        runId: req.run_id || undefined,
        runLink: req.run_link,
        description: req.description,
        tags: req.tags,
        modelId: req.model_id || undefined,
        createModelIfMissing: false,
      });
      return { model_version: modelVersionToWire(version) };
    },
  ),
  "GET model-versions/get": route("Get a model version", ref, async (req) => ({
    model_version: modelVersionToWire(await getModelVersionOrThrow(req.name, req.version)),
  })),
  "PATCH model-versions/update": route(
    "Update a version's description",
    ref.extend({ description: z.string().default("") }),
    async (req) => ({
      model_version: modelVersionToWire(await updateModelVersionDescription(req.name, req.version, req.description)),
    }),
  ),
  "DELETE model-versions/delete": route("Delete a model version", ref, async (req) => {
    await deleteModelVersion(req.name, req.version);
    return {};
  }),
  "GET model-versions/search": search,
  "POST model-versions/search": search,
  "POST model-versions/set-tag": route("Set a model version tag", ref.extend({ key: z.string(), value: z.string() }), async (req) => {
    await setModelVersionTag(req.name, req.version, { key: req.key, value: req.value });
    return {};
  }),
  "DELETE model-versions/delete-tag": route("Delete a model version tag", ref.extend({ key: z.string() }), async (req) => {
    await deleteModelVersionTag(req.name, req.version, req.key);
    return {};
  }),
  "GET model-versions/get-download-uri": route("Where a version's files can be downloaded", ref, async (req) => ({
    artifact_uri: await getDownloadUri(req.name, req.version),
  })),
  "POST model-versions/transition-stage": route(
    "Move a version to a stage (MLflow's deprecated stages)",
    ref.extend({ stage: z.string(), archive_existing_versions: bool().default(false) }),
    async (req) => ({
      model_version: modelVersionToWire(await transitionStage(req.name, req.version, req.stage, req.archive_existing_versions)),
    }),
  ),
};
