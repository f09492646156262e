import "server-only";
import { z } from "zod";
import { invalidParam } from "@/lib/errors";
import { int64, stringArray, viewType } from "@/lib/mlflow/request-schema";
import { metricToWire, runToWire } from "@/lib/mlflow/wire";
import { getMetricHistory } from "@/lib/server/tracking/metric-history";
import { searchRuns } from "@/lib/server/tracking/search-runs";
import { route, type RouteTable } from "../router";

const searchSchema = z.object({
  experiment_ids: stringArray(),
  filter: z.string().optional(),
  run_view_type: viewType(),
  max_results: int64().optional(),
  order_by: stringArray(),
  page_token: z.string().optional(),
});

const search = route("Search runs", searchSchema, async (req) => {
  const res = await searchRuns({
    experimentIds: req.experiment_ids,
    filter: req.filter,
    runViewType: req.run_view_type,
    maxResults: req.max_results,
    orderBy: req.order_by,
    pageToken: req.page_token,
  });
  return { runs: res.runs.map(runToWire), ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}) };
});

const historySchema = z.object({
  run_id: z.string().optional(),
  run_uuid: z.string().optional(),
  metric_key: z.string(),
  max_results: int64().optional(),
  page_token: z.string().optional(),
});

export const searchRunRoutes: RouteTable = {
  "POST runs/search": search,
  "GET runs/search": search,
  "GET metrics/get-history": route("One metric's full history for a run", historySchema, async (req) => {
    const runId = req.run_id || req.run_uuid;
    if (!runId) throw invalidParam("Missing value for required parameter 'run_id'.");
    const res = await getMetricHistory({ runId, key: req.metric_key, maxResults: req.max_results, pageToken: req.page_token });
    return {
      metrics: res.metrics.map(metricToWire),
      ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}),
    };
  }),
};
