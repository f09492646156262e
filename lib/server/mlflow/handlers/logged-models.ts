import "server-only";
import { z } from "zod";
import { idString, int64, keyValueList, parseRequest, stringArray } from "@/lib/mlflow/request-schema";
import { loggedModelToWire } from "@/lib/mlflow/wire";
import {
  createLoggedModel, deleteLoggedModel, deleteLoggedModelTag, finalizeLoggedModel, getLoggedModelOrThrow,
  logLoggedModelParams, setLoggedModelTags,
} from "@/lib/server/tracking/logged-models";
import { searchLoggedModels } from "@/lib/server/tracking/search-logged-models";
import type { RouteTable } from "../router";

const modelRef = z.object({ model_id: z.string() });

const orderBy = z.object({
  field_name: z.string(),
  ascending: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).optional(),
  dataset_name: z.string().optional(),
  dataset_digest: z.string().optional(),
});

export const loggedModelRoutes: RouteTable = {
  "POST logged-models": async ({ input }) => {
    const req = parseRequest(
      z.object({
        experiment_id: idString(),
        name: z.string().optional(),
        model_type: z.string().optional(),
        source_run_id: z.string().optional(),
        params: keyValueList(),
        tags: keyValueList(),
      }),
      input,
    );
    const model = await createLoggedModel({
      experimentId: req.experiment_id, name: req.name, modelType: req.model_type, sourceRunId: req.source_run_id || undefined,
      params: req.params, tags: req.tags,
    });
    return { model: loggedModelToWire(model) };
  },
  "GET logged-models/:model_id": async ({ input }) => {
    return { model: loggedModelToWire(await getLoggedModelOrThrow(parseRequest(modelRef, input).model_id)) };
  },
  "PATCH logged-models/:model_id": async ({ input }) => {
    const req = parseRequest(modelRef.extend({ status: z.union([z.string(), z.number()]).transform(String) }), input);
    const status = { "1": "LOGGED_MODEL_PENDING", "2": "LOGGED_MODEL_READY", "3": "LOGGED_MODEL_UPLOAD_FAILED" }[req.status] ?? req.status;
    return { model: loggedModelToWire(await finalizeLoggedModel(req.model_id, status)) };
  },
  "DELETE logged-models/:model_id": async ({ input }) => {
    await deleteLoggedModel(parseRequest(modelRef, input).model_id);
    return {};
  },
  "PATCH logged-models/:model_id/tags": async ({ input }) => {
    const req = parseRequest(modelRef.extend({ tags: keyValueList() }), input);
    await setLoggedModelTags(req.model_id, req.tags);
    return {};
  },
  "DELETE logged-models/:model_id/tags/:tag_key": async ({ input }) => {
    const req = parseRequest(modelRef.extend({ tag_key: z.string() }), input);
    await deleteLoggedModelTag(req.model_id, req.tag_key);
    return {};
  },
  "POST logged-models/:model_id/params": async ({ input }) => {
    const req = parseRequest(modelRef.extend({ params: keyValueList() }), input);
    await logLoggedModelParams(req.model_id, req.params);
    return {};
  },
  "POST logged-models/search": async ({ input }) => {
    const req = parseRequest(
      z.object({
        experiment_ids: stringArray(),
        filter: z.string().optional(),
        datasets: z.preprocess((v) => v ?? [], z.array(z.object({ dataset_name: z.string(), dataset_digest: z.string().optional() }))),
        max_results: int64().optional(),
        order_by: z.preprocess((v) => v ?? [], z.array(orderBy)),
        page_token: z.string().optional(),
      }),
      input,
    );
    const res = await searchLoggedModels({
      experimentIds: req.experiment_ids,
      filter: req.filter,
      maxResults: req.max_results,
      pageToken: req.page_token,
      datasets: req.datasets.map((d) => ({ datasetName: d.dataset_name, datasetDigest: d.dataset_digest })),
      orderBy: req.order_by.map((o) => ({
        fieldName: o.field_name, ascending: o.ascending ?? true, datasetName: o.dataset_name, datasetDigest: o.dataset_digest,
      })),
    });
    return { models: res.models.map(loggedModelToWire), ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}) };
  },
};
