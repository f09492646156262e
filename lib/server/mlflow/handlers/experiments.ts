import "server-only";
import { z } from "zod";
import { idString, int64, keyValueList, parseRequest, stringArray, viewType } from "@/lib/mlflow/request-schema";
import { experimentToWire } from "@/lib/mlflow/wire";
import {
  createExperiment, deleteExperimentTag, getExperimentByNameOrThrow, getExperimentOrThrow,
  renameExperiment, setExperimentLifecycle, setExperimentTag,
} from "@/lib/server/tracking/experiments";
import { searchExperiments } from "@/lib/server/tracking/search-experiments";
import type { RouteTable } from "../router";

const experimentId = z.object({ experiment_id: idString() });

export const experimentRoutes: RouteTable = {
  // MLflow 3.18+ asks before artifact transfers whether to use multipart or presigned URLs: plain
  // proxied transfers here (the multipart endpoints exist but are opt-in on the client side).
  "GET server-info": async () => ({
    multipart_uploads_enabled: false,
    multipart_downloads_enabled: false,
    artifacts_presigned_only: false,
    workspaces_enabled: false,
  }),
  "POST experiments/create": async ({ input }) => {
    const req = parseRequest(
      z.object({ name: z.string(), artifact_location: z.string().optional(), tags: keyValueList() }),
      input,
    );
    const id = await createExperiment({ name: req.name, artifactLocation: req.artifact_location || undefined, tags: req.tags });
    return { experiment_id: id };
  },
  "GET experiments/get": async ({ input }) => {
    const req = parseRequest(experimentId, input);
    return { experiment: experimentToWire(await getExperimentOrThrow(req.experiment_id)) };
  },
  "GET experiments/get-by-name": async ({ input }) => {
    const req = parseRequest(z.object({ experiment_name: z.string() }), input);
    return { experiment: experimentToWire(await getExperimentByNameOrThrow(req.experiment_name)) };
  },
  "POST experiments/search": async ({ input }) => searchExperimentsHandler(input),
  "GET experiments/search": async ({ input }) => searchExperimentsHandler(input),
  "POST experiments/update": async ({ input }) => {
    const req = parseRequest(experimentId.extend({ new_name: z.string() }), input);
    await renameExperiment(req.experiment_id, req.new_name);
    return {};
  },
  "POST experiments/delete": async ({ input }) => {
    await setExperimentLifecycle(parseRequest(experimentId, input).experiment_id, "deleted");
    return {};
  },
  "POST experiments/restore": async ({ input }) => {
    await setExperimentLifecycle(parseRequest(experimentId, input).experiment_id, "active");
    return {};
  },
  "POST experiments/set-experiment-tag": async ({ input }) => {
    const req = parseRequest(experimentId.extend({ key: z.string(), value: z.string() }), input);
    await setExperimentTag(req.experiment_id, { key: req.key, value: req.value });
    return {};
  },
  "POST experiments/delete-experiment-tag": async ({ input }) => {
    const req = parseRequest(experimentId.extend({ key: z.string() }), input);
    await deleteExperimentTag(req.experiment_id, req.key);
    return {};
  },
};

const searchSchema = z.object({
  max_results: int64().optional(),
  page_token: z.string().optional(),
  filter: z.string().optional(),
  order_by: stringArray(),
  view_type: viewType(),
});

async function searchExperimentsHandler(input: Record<string, unknown>) {
  const req = parseRequest(searchSchema, input);
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
}
