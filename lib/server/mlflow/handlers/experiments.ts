import "server-only";
import { z } from "zod";
import { idString, int64, keyValueList, stringArray, viewType } from "@/lib/mlflow/request-schema";
import { experimentToWire } from "@/lib/mlflow/wire";
import {
  createExperiment,
  deleteExperimentTag,
  getExperimentByNameOrThrow,
  getExperimentOrThrow,
  renameExperiment,
  setExperimentLifecycle,
  setExperimentTag,
} from "@/lib/server/tracking/experiments";
import { searchExperiments } from "@/lib/server/tracking/search-experiments";
import { route, type RouteTable } from "../router";

const experimentId = z.object({ experiment_id: idString() });

const searchSchema = z.object({
  max_results: int64().optional(),
  page_token: z.string().optional(),
  filter: z.string().optional(),
  order_by: stringArray(),
  view_type: viewType(),
});

const search = route("Search experiments", searchSchema, async (req) => {
  const res = await searchExperiments({
    maxResults: req.max_results,
    pageToken: req.page_token,
    filter: req.filter,
    orderBy: req.order_by,
    viewType: req.view_type,
  });
  return {
    experiments: res.experiments.map(experimentToWire),
    ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}),
  };
});

export const experimentRoutes: RouteTable = {
  // MLflow 3.18+ asks before artifact transfers whether to use multipart or presigned URLs: plain
  // proxied transfers here (the multipart endpoints exist but are opt-in on the client side).
  "GET server-info": route("What this server supports (MLflow 3.18+ asks before transfers)", z.object({}), async () => ({
    multipart_uploads_enabled: false,
    multipart_downloads_enabled: false,
    artifacts_presigned_only: false,
    workspaces_enabled: false,
  })),
  "POST experiments/create": route(
    "Create an experiment",
    z.object({ name: z.string(), artifact_location: z.string().optional(), tags: keyValueList() }),
    async (req) => {
      const id = await createExperiment({ name: req.name, artifactLocation: req.artifact_location || undefined, tags: req.tags });
      return { experiment_id: id };
    },
  ),
  "GET experiments/get": route("Get an experiment by id", experimentId, async (req) => ({
    experiment: experimentToWire(await getExperimentOrThrow(req.experiment_id)),
  })),
  "GET experiments/get-by-name": route("Get an experiment by name", z.object({ experiment_name: z.string() }), async (req) => ({
    experiment: experimentToWire(await getExperimentByNameOrThrow(req.experiment_name)),
  })),
  "POST experiments/search": search,
  "GET experiments/search": search,
  "POST experiments/update": route("Rename an experiment", experimentId.extend({ new_name: z.string() }), async (req) => {
    await renameExperiment(req.experiment_id, req.new_name);
    return {};
  }),
  "POST experiments/delete": route("Delete an experiment (and its runs)", experimentId, async (req) => {
    await setExperimentLifecycle(req.experiment_id, "deleted");
    return {};
  }),
  "POST experiments/restore": route("Restore a deleted experiment", experimentId, async (req) => {
    await setExperimentLifecycle(req.experiment_id, "active");
    return {};
  }),
  "POST experiments/set-experiment-tag": route(
    "Set an experiment tag",
    experimentId.extend({ key: z.string(), value: z.string() }),
    async (req) => {
      await setExperimentTag(req.experiment_id, { key: req.key, value: req.value });
      return {};
    },
  ),
  "POST experiments/delete-experiment-tag": route("Delete an experiment tag", experimentId.extend({ key: z.string() }), async (req) => {
    await deleteExperimentTag(req.experiment_id, req.key);
    return {};
  }),
};
