import "server-only";
import { z } from "zod";
import { bool, idString, int64, keyValueList, listOf, stringArray } from "@/lib/mlflow/request-schema";
import { loggedModelToWire } from "@/lib/mlflow/wire";
import {
  createLoggedModel,
  deleteLoggedModel,
  deleteLoggedModelTag,
  finalizeLoggedModel,
  getLoggedModelOrThrow,
  logLoggedModelParams,
  setLoggedModelTags,
} from "@/lib/server/tracking/logged-models";
import { searchLoggedModels } from "@/lib/server/tracking/search-logged-models";
import { route, type RouteTable } from "../router";

const modelRef = z.object({ model_id: z.string() });

const orderBy = z.object({
  field_name: z.string(),
  ascending: bool().optional(),
  dataset_name: z.string().optional(),
  dataset_digest: z.string().optional(),
});

const STATUS_BY_NUMBER: Record<string, string> = {
  "1": "LOGGED_MODEL_PENDING",
  "2": "LOGGED_MODEL_READY",
  "3": "LOGGED_MODEL_UPLOAD_FAILED",
};

export const loggedModelRoutes: RouteTable = {
  "POST logged-models": route(
    "Create a logged model (MLflow 3)",
    z.object({
      experiment_id: idString(),
      name: z.string().optional(),
      model_type: z.string().optional(),
      source_run_id: z.string().optional(),
      params: keyValueList(),
      tags: keyValueList(),
    }),
    async (req) => {
      const model = await createLoggedModel({
        experimentId: req.experiment_id,
        name: req.name,
        modelType: req.model_type,
        sourceRunId: req.source_run_id || undefined,
        params: req.params,
        tags: req.tags,
      });
      return { model: loggedModelToWire(model) };
    },
  ),
  "GET logged-models/:model_id": route("Get a logged model", modelRef, async (req) => ({
    model: loggedModelToWire(await getLoggedModelOrThrow(req.model_id)),
  })),
  "PATCH logged-models/:model_id": route(
    "Finalize a logged model (set its upload status)",
    modelRef.extend({ status: z.union([z.string(), z.number()]).transform(String) }),
    async (req) => ({ model: loggedModelToWire(await finalizeLoggedModel(req.model_id, STATUS_BY_NUMBER[req.status] ?? req.status)) }),
  ),
  "DELETE logged-models/:model_id": route("Delete a logged model", modelRef, async (req) => {
    await deleteLoggedModel(req.model_id);
    return {};
  }),
  "PATCH logged-models/:model_id/tags": route("Set logged model tags", modelRef.extend({ tags: keyValueList() }), async (req) => {
    await setLoggedModelTags(req.model_id, req.tags);
    return {};
  }),
  "DELETE logged-models/:model_id/tags/:tag_key": route(
    "Delete a logged model tag",
    modelRef.extend({ tag_key: z.string() }),
    async (req) => {
      await deleteLoggedModelTag(req.model_id, req.tag_key);
      return {};
    },
  ),
  "POST logged-models/:model_id/params": route("Log logged model params", modelRef.extend({ params: keyValueList() }), async (req) => {
    await logLoggedModelParams(req.model_id, req.params);
    return {};
  }),
  "POST logged-models/search": route(
    "Search logged models",
    z.object({
      experiment_ids: stringArray(),
      filter: z.string().optional(),
      datasets: listOf(z.object({ dataset_name: z.string(), dataset_digest: z.string().optional() })),
      max_results: int64().optional(),
      order_by: listOf(orderBy),
      page_token: z.string().optional(),
    }),
    async (req) => {
      const res = await searchLoggedModels({
        experimentIds: req.experiment_ids,
        filter: req.filter,
        maxResults: req.max_results,
        pageToken: req.page_token,
        datasets: req.datasets.map((d) => ({ datasetName: d.dataset_name, datasetDigest: d.dataset_digest })),
        orderBy: req.order_by.map((o) => ({
          fieldName: o.field_name,
          ascending: o.ascending ?? true,
          datasetName: o.dataset_name,
          datasetDigest: o.dataset_digest,
        })),
      });
      return { models: res.models.map(loggedModelToWire), ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}) };
    },
  ),
};
