import "server-only";
import { z } from "zod";
import { int64, keyValueList, parseRequest, stringArray } from "@/lib/mlflow/request-schema";
import { modelVersionToWire, registeredModelToWire } from "@/lib/mlflow/registry-wire";
import {
  createRegisteredModel, deleteAlias, deleteRegisteredModelTag, getRegisteredModelOrThrow, renameRegisteredModel,
  setAlias, setRegisteredModelTag, updateRegisteredModel,
} from "@/lib/server/registry/models";
import { searchRegisteredModels } from "@/lib/server/registry/search";
import { deleteRegisteredModel, getLatestVersions, getModelVersionByAlias, parseVersion } from "@/lib/server/registry/versions";
import type { RouteTable } from "../router";

const named = z.object({ name: z.string() });

async function search(input: Record<string, unknown>) {
  const req = parseRequest(
    z.object({ filter: z.string().optional(), max_results: int64().optional(), order_by: stringArray(), page_token: z.string().optional() }),
    input,
  );
  const res = await searchRegisteredModels({ filter: req.filter, maxResults: req.max_results, orderBy: req.order_by, pageToken: req.page_token });
  return {
    registered_models: res.models.map(registeredModelToWire),
    ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}),
  };
}

async function latestVersions(input: Record<string, unknown>) {
  const req = parseRequest(named.extend({ stages: stringArray() }), input);
  return { model_versions: (await getLatestVersions(req.name, req.stages)).map(modelVersionToWire) };
}

export const registeredModelRoutes: RouteTable = {
  "POST registered-models/create": async ({ input }) => {
    const req = parseRequest(named.extend({ tags: keyValueList(), description: z.string().optional() }), input);
    return { registered_model: registeredModelToWire(await createRegisteredModel(req)) };
  },
  "GET registered-models/get": async ({ input }) => ({
    registered_model: registeredModelToWire(await getRegisteredModelOrThrow(parseRequest(named, input).name)),
  }),
  "POST registered-models/rename": async ({ input }) => {
    const req = parseRequest(named.extend({ new_name: z.string() }), input);
    return { registered_model: registeredModelToWire(await renameRegisteredModel(req.name, req.new_name)) };
  },
  "PATCH registered-models/update": async ({ input }) => {
    const req = parseRequest(named.extend({ description: z.string().default("") }), input);
    return { registered_model: registeredModelToWire(await updateRegisteredModel(req.name, req.description)) };
  },
  "DELETE registered-models/delete": async ({ input }) => {
    await deleteRegisteredModel(parseRequest(named, input).name);
    return {};
  },
  "GET registered-models/search": async ({ input }) => search(input),
  "POST registered-models/search": async ({ input }) => search(input),
  "POST registered-models/set-tag": async ({ input }) => {
    const req = parseRequest(named.extend({ key: z.string(), value: z.string() }), input);
    await setRegisteredModelTag(req.name, { key: req.key, value: req.value });
    return {};
  },
  "DELETE registered-models/delete-tag": async ({ input }) => {
    const req = parseRequest(named.extend({ key: z.string() }), input);
    await deleteRegisteredModelTag(req.name, req.key);
    return {};
  },
  "POST registered-models/alias": async ({ input }) => {
    const req = parseRequest(named.extend({ alias: z.string(), version: z.union([z.string(), z.number()]) }), input);
    await setAlias(req.name, req.alias, parseVersion(req.version));
    return {};
  },
  "DELETE registered-models/alias": async ({ input }) => {
    const req = parseRequest(named.extend({ alias: z.string() }), input);
    await deleteAlias(req.name, req.alias);
    return {};
  },
  "GET registered-models/alias": async ({ input }) => {
    const req = parseRequest(named.extend({ alias: z.string() }), input);
    return { model_version: modelVersionToWire(await getModelVersionByAlias(req.name, req.alias)) };
  },
  "POST registered-models/get-latest-versions": async ({ input }) => latestVersions(input),
  "GET registered-models/get-latest-versions": async ({ input }) => latestVersions(input),
};
