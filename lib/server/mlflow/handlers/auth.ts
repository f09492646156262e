import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { passwordSchema, usernameSchema } from "@/lib/auth/schemas";
import { invalidParam } from "@/lib/errors";
import {
  mlflowCreateUser,
  mlflowDeletePermission,
  mlflowDeleteUser,
  mlflowGetPermission,
  mlflowGetUser,
  mlflowSetPermission,
  mlflowUpdateAdmin,
  mlflowUpdatePassword,
} from "@/lib/server/auth/mlflow-users";
import { route, type RouteTable } from "../router";

/** zod schemas of the auth forms, with their message, as MLflow's INVALID_PARAMETER_VALUE. */
const check = <T>(schema: z.ZodType<T>, value: unknown, field: string): T => {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidParam(`Invalid ${field}: ${r.error.issues[0]?.message ?? "not valid"}`);
  return r.data;
};

const boolish = z
  .union([z.boolean(), z.enum(["true", "false", "True", "False"])])
  .transform((v) => v === true || String(v).toLowerCase() === "true");
const userRef = z.object({ username: z.string() });
const expPerm = z.object({ experiment_id: z.string(), username: z.string() });
const modelPerm = z.object({ name: z.string(), username: z.string() });

/** MLflow's basic-auth REST API (mlflow.server.auth), over the studio's accounts and grants. */
export const authRoutes: RouteTable = {
  "POST users/create": route(
    "Create a user (admins; MLflow auth API)",
    z.object({ username: z.string(), password: z.string(), role: z.enum(ROLES).optional() }),
    async (req) => ({
      user: await mlflowCreateUser(
        check(usernameSchema, req.username, "username"),
        check(passwordSchema, req.password, "password"),
        req.role,
      ),
    }),
  ),
  "GET users/get": route("Get a user (yourself, or anyone for admins)", userRef, async (req) => ({
    user: await mlflowGetUser(req.username),
  })),
  "PATCH users/update-password": route("Change a password", z.object({ username: z.string(), password: z.string() }), async (req) => {
    await mlflowUpdatePassword(req.username, check(passwordSchema, req.password, "password"));
    return {};
  }),
  "PATCH users/update-admin": route(
    "Make a user an admin, or not (admins)",
    z.object({ username: z.string(), is_admin: boolish }),
    async (req) => {
      await mlflowUpdateAdmin(req.username, req.is_admin);
      return {};
    },
  ),
  "DELETE users/delete": route("Delete a user (admins)", userRef, async (req) => {
    await mlflowDeleteUser(req.username);
    return {};
  }),

  "POST experiments/permissions/create": route(
    "Grant a permission on an experiment",
    expPerm.extend({ permission: z.string() }),
    async (req) => ({
      experiment_permission: await mlflowSetPermission("experiment", req.experiment_id, req.username, req.permission, "create"),
    }),
  ),
  "GET experiments/permissions/get": route("A user's permission on an experiment", expPerm, async (req) => ({
    experiment_permission: await mlflowGetPermission("experiment", req.experiment_id, req.username),
  })),
  "PATCH experiments/permissions/update": route(
    "Change a permission on an experiment",
    expPerm.extend({ permission: z.string() }),
    async (req) => {
      await mlflowSetPermission("experiment", req.experiment_id, req.username, req.permission, "update");
      return {};
    },
  ),
  "DELETE experiments/permissions/delete": route("Remove a permission on an experiment", expPerm, async (req) => {
    await mlflowDeletePermission("experiment", req.experiment_id, req.username);
    return {};
  }),

  "POST registered-models/permissions/create": route(
    "Grant a permission on a registered model",
    modelPerm.extend({ permission: z.string() }),
    async (req) => ({
      registered_model_permission: await mlflowSetPermission("registered_model", req.name, req.username, req.permission, "create"),
    }),
  ),
  "GET registered-models/permissions/get": route("A user's permission on a registered model", modelPerm, async (req) => ({
    registered_model_permission: await mlflowGetPermission("registered_model", req.name, req.username),
  })),
  "PATCH registered-models/permissions/update": route(
    "Change a permission on a registered model",
    modelPerm.extend({ permission: z.string() }),
    async (req) => {
      await mlflowSetPermission("registered_model", req.name, req.username, req.permission, "update");
      return {};
    },
  ),
  "DELETE registered-models/permissions/delete": route("Remove a permission on a registered model", modelPerm, async (req) => {
    await mlflowDeletePermission("registered_model", req.name, req.username);
    return {};
  }),
};
