import "server-only";
import { z } from "zod";
import { bool, int64, keyValueList, parseRequest, stringArray } from "@/lib/mlflow/request-schema";
import { modelVersionToWire } from "@/lib/mlflow/registry-wire";
import { registerModelVersion } from "@/lib/server/registry/register";
import { searchModelVersions } from "@/lib/server/registry/search";
import {
  deleteModelVersion, deleteModelVersionTag, getDownloadUri, getModelVersionOrThrow, parseVersion,
  setModelVersionTag, transitionStage, updateModelVersionDescription,
} from "@/lib/server/registry/versions";
import type { RouteTable } from "../router";

const ref = z.object({ name: z.string(), version: z.union([z.string(), z.number()]).transform(parseVersion) });

async function search(input: Record<string, unknown>) {
  const req = parseRequest(
    z.object({ filter: z.string().optional(), max_results: int64().optional(), order_by: stringArray(), page_token: z.string().optional() }),
    input,
  );
  const res = await searchModelVersions({ filter: req.filter, maxResults: req.max_results, orderBy: req.order_by, pageToken: req.page_token });
  return {
    model_versions: res.versions.map(modelVersionToWire),
    ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}),
  };
}

export const modelVersionRoutes: RouteTable = {
  "POST model-versions/create": async ({ input }) => {
    const req = parseRequest(
      z.object({
        name: z.string(),
        source: z.string(),
        run_id: z.string().optional(),
        run_link: z.string().optional(),
        description: z.string().optional(),
        tags: keyValueList(),
        model_id: z.string().optional(),
      }),
      input,
    );
    const version = await registerModelVersion({
      name: req.name, source: req.source, runId: req.run_id || undefined, runLink: req.run_link, description: req.description,
      tags: req.tags, modelId: req.model_id || undefined, createModelIfMissing: false,
    });
    return { model_version: modelVersionToWire(version) };
  },
  "GET model-versions/get": async ({ input }) => {
    const req = parseRequest(ref, input);
    return { model_version: modelVersionToWire(await getModelVersionOrThrow(req.name, req.version)) };
  },
  "PATCH model-versions/update": async ({ input }) => {
    const req = parseRequest(ref.extend({ description: z.string().default("") }), input);
    return { model_version: modelVersionToWire(await updateModelVersionDescription(req.name, req.version, req.description)) };
  },
  "DELETE model-versions/delete": async ({ input }) => {
    const req = parseRequest(ref, input);
    await deleteModelVersion(req.name, req.version);
    return {};
  },
  "GET model-versions/search": async ({ input }) => search(input),
  "POST model-versions/search": async ({ input }) => search(input),
  "POST model-versions/set-tag": async ({ input }) => {
    const req = parseRequest(ref.extend({ key: z.string(), value: z.string() }), input);
    await setModelVersionTag(req.name, req.version, { key: req.key, value: req.value });
    return {};
  },
  "DELETE model-versions/delete-tag": async ({ input }) => {
    const req = parseRequest(ref.extend({ key: z.string() }), input);
    await deleteModelVersionTag(req.name, req.version, req.key);
    return {};
  },
  "GET model-versions/get-download-uri": async ({ input }) => {
    const req = parseRequest(ref, input);
    return { artifact_uri: await getDownloadUri(req.name, req.version) };
  },
  "POST model-versions/transition-stage": async ({ input }) => {
    const req = parseRequest(ref.extend({ stage: z.string(), archive_existing_versions: bool().default(false) }), input);
    return { model_version: modelVersionToWire(await transitionStage(req.name, req.version, req.stage, req.archive_existing_versions)) };
  },
};
