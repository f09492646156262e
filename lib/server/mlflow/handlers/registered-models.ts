import "server-only";
import { z } from "zod";
import { int64, keyValueList, stringArray } from "@/lib/mlflow/request-schema";
import { modelVersionToWire, registeredModelToWire } from "@/lib/mlflow/registry-wire";
import {
  createRegisteredModel,
  deleteAlias,
  deleteRegisteredModelTag,
  getRegisteredModelOrThrow,
  renameRegisteredModel,
  setAlias,
  setRegisteredModelTag,
  updateRegisteredModel,
} from "@/lib/server/registry/models";
import { searchRegisteredModels } from "@/lib/server/registry/search";
import { deleteRegisteredModel, getLatestVersions, getModelVersionByAlias, parseVersion } from "@/lib/server/registry/versions";
import { route, type RouteTable } from "../router";

const named = z.object({ name: z.string() });

const search = route(
  "Search registered models",
  z.object({ filter: z.string().optional(), max_results: int64().optional(), order_by: stringArray(), page_token: z.string().optional() }),
  async (req) => {
    const res = await searchRegisteredModels({
      filter: req.filter,
      maxResults: req.max_results,
      orderBy: req.order_by,
      pageToken: req.page_token,
    });
    return {
      registered_models: res.models.map(registeredModelToWire),
      ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}),
    };
  },
);

const latestVersions = route("Newest version in each stage", named.extend({ stages: stringArray() }), async (req) => ({
  model_versions: (await getLatestVersions(req.name, req.stages)).map(modelVersionToWire),
}));

export const registeredModelRoutes: RouteTable = {
  "POST registered-models/create": route(
    "Create a registered model",
    named.extend({ tags: keyValueList(), description: z.string().optional() }),
    async (req) => ({ registered_model: registeredModelToWire(await createRegisteredModel(req)) }),
  ),
  "GET registered-models/get": route("Get a registered model", named, async (req) => ({
    registered_model: registeredModelToWire(await getRegisteredModelOrThrow(req.name)),
  })),
  "POST registered-models/rename": route("Rename a registered model", named.extend({ new_name: z.string() }), async (req) => ({
    registered_model: registeredModelToWire(await renameRegisteredModel(req.name, req.new_name)),
  })),
  "PATCH registered-models/update": route(
    "Update a model's description",
    named.extend({ description: z.string().default("") }),
    async (req) => ({
      registered_model: registeredModelToWire(await updateRegisteredModel(req.name, req.description)),
    }),
  ),
  "DELETE registered-models/delete": route("Delete a registered model and its versions", named, async (req) => {
    await deleteRegisteredModel(req.name);
    return {};
  }),
  "GET registered-models/search": search,
  "POST registered-models/search": search,
  "POST registered-models/set-tag": route(
    "Set a registered model tag",
    named.extend({ key: z.string(), value: z.string() }),
    async (req) => {
      await setRegisteredModelTag(req.name, { key: req.key, value: req.value });
      return {};
    },
  ),
  "DELETE registered-models/delete-tag": route("Delete a registered model tag", named.extend({ key: z.string() }), async (req) => {
    await deleteRegisteredModelTag(req.name, req.key);
    return {};
  }),
  "POST registered-models/alias": route(
    "Point an alias at a version",
    named.extend({ alias: z.string(), version: z.union([z.string(), z.number()]) }),
    async (req) => {
      await setAlias(req.name, req.alias, parseVersion(req.version));
      return {};
    },
  ),
  "DELETE registered-models/alias": route("Remove an alias", named.extend({ alias: z.string() }), async (req) => {
    await deleteAlias(req.name, req.alias);
    return {};
  }),
  "GET registered-models/alias": route("The version an alias points at", named.extend({ alias: z.string() }), async (req) => ({
    model_version: modelVersionToWire(await getModelVersionByAlias(req.name, req.alias)),
  })),
  "POST registered-models/get-latest-versions": latestVersions,
  "GET registered-models/get-latest-versions": latestVersions,
};
