import "server-only";
import { z } from "zod";
import { registerSchema } from "@/lib/registry/register-schema";
import { mlflowRoutes } from "@/lib/server/mlflow/routes";
import type { RouteTable } from "@/lib/server/mlflow/router";

/**
 * The studio's HTTP API as an OpenAPI 3.1 document, served at /api/openapi.json. MLflow's
 * endpoints are generated from the route table (the same zod schemas the dispatcher parses
 * with), so a route cannot be served without being described; the artifact proxy and the
 * studio's own routes are described here by hand, and a unit test checks every route file is.
 * The fuzz suite (scripts/lib/fuzz.mjs) reads this document.
 */
type Json = Record<string, unknown>;
type Operation = Json & { parameters?: Json[]; requestBody?: Json; responses: Json };

const errorSchema = {
  type: "object",
  required: ["error_code", "message"],
  properties: { error_code: { type: "string" }, message: { type: "string" } },
};
const errorResponses = {
  "400": {
    description: "Invalid request (MLflow's INVALID_PARAMETER_VALUE, BAD_REQUEST, RESOURCE_ALREADY_EXISTS)",
    content: { "application/json": { schema: errorSchema } },
  },
  "401": {
    description: "Not signed in, or bad credentials (UNAUTHENTICATED; accounts on)",
    content: { "application/json": { schema: errorSchema } },
  },
  "403": { description: "Not allowed (PERMISSION_DENIED)", content: { "application/json": { schema: errorSchema } } },
  "404": {
    description: "Not found (RESOURCE_DOES_NOT_EXIST, ENDPOINT_NOT_FOUND)",
    content: { "application/json": { schema: errorSchema } },
  },
};
const jsonOk = (description = "OK") => ({
  "200": { description, content: { "application/json": { schema: { type: "object" } } } },
  ...errorResponses,
});
const fileOk = {
  "200": { description: "The file's bytes", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
  "206": { description: "A byte range" },
  "416": { description: "Range not satisfiable" },
  ...errorResponses,
};

function jsonSchema(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  delete out.$schema;
  return out;
}

const pathParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", minLength: 1 },
});
const queryParam = (name: string, schema: Json, required = false, description?: string) => ({
  name,
  in: "query",
  required,
  schema,
  ...(description ? { description } : {}),
});

/** `runs/create` → `/api/2.0/mlflow/runs/create`; `:model_id` → `{model_id}`. */
function mlflowOperations(table: RouteTable, prefix: string, tag: string): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const [key, route] of Object.entries(table)) {
    const [method, path] = key.split(" ") as [string, string];
    const pathParams = path
      .split("/")
      .filter((p) => p.startsWith(":"))
      .map((p) => p.slice(1));
    const url = `${prefix}/${path
      .split("/")
      .map((p) => (p.startsWith(":") ? `{${p.slice(1)}}` : p))
      .join("/")}`;
    const schema = jsonSchema(route.input);
    const properties = { ...((schema.properties as Record<string, Json>) ?? {}) };
    const required = new Set((schema.required as string[]) ?? []);
    for (const p of pathParams) {
      delete properties[p];
      required.delete(p);
    }
    const op: Operation = {
      summary: route.summary,
      operationId: `${method.toLowerCase()}_${path.replace(/[^A-Za-z0-9]+/g, "_")}`,
      tags: [tag],
      parameters: pathParams.map((p) => pathParam(p, p.replace(/_/g, " "))),
      responses: jsonOk(),
    };
    if (method === "GET") {
      for (const [name, s] of Object.entries(properties)) op.parameters!.push(queryParam(name, s, required.has(name)));
    } else {
      op.requestBody = {
        required: false,
        content: { "application/json": { schema: { ...schema, properties, required: [...required] } } },
      };
    }
    paths[url] = { ...(paths[url] ?? {}), [method.toLowerCase()]: op };
  }
  return paths;
}

const artifactPath = pathParam("path", "Artifact path below the store root, e.g. <experiment>/<run>/artifacts/model/MLmodel");
const optionalPath = queryParam("path", { type: "string" }, false, "Path of a folder or file inside the outputs");

const handwritten: Record<string, Json> = {
  "/api/2.0/mlflow-artifacts/artifacts": {
    get: {
      summary: "List a folder of the artifact store (MLflow's artifact proxy)",
      operationId: "list_artifacts",
      tags: ["artifacts"],
      parameters: [queryParam("path", { type: "string" }, false, "Folder to list")],
      responses: jsonOk("Entries of the folder; `{}` when it does not exist"),
    },
  },
  "/api/2.0/mlflow-artifacts/artifacts/{path}": {
    get: {
      summary: "Download an artifact (Range supported)",
      operationId: "get_artifact",
      tags: ["artifacts"],
      parameters: [artifactPath],
      responses: fileOk,
    },
    put: {
      summary: "Upload an artifact (raw body, streamed, atomic)",
      operationId: "put_artifact",
      tags: ["artifacts"],
      parameters: [artifactPath],
      requestBody: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
      responses: jsonOk(),
    },
    post: {
      summary: "Upload an artifact (the same as PUT)",
      operationId: "post_artifact",
      tags: ["artifacts"],
      parameters: [artifactPath],
      requestBody: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
      responses: jsonOk(),
    },
    delete: {
      summary: "Delete an artifact or folder",
      operationId: "delete_artifact",
      tags: ["artifacts"],
      parameters: [artifactPath],
      responses: jsonOk(),
    },
  },
  "/api/2.0/mlflow-artifacts/mpu/create/{path}": {
    post: {
      summary: "Start a multipart upload into a folder",
      operationId: "mpu_create",
      tags: ["artifacts"],
      parameters: [artifactPath],
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["path", "num_parts"],
              properties: { path: { type: "string" }, num_parts: { type: "integer" } },
            },
          },
        },
      },
      responses: jsonOk("upload_id and one URL per part"),
    },
  },
  "/api/2.0/mlflow-artifacts/mpu/complete/{path}": {
    post: {
      summary: "Complete a multipart upload",
      operationId: "mpu_complete",
      tags: ["artifacts"],
      parameters: [artifactPath],
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["upload_id", "parts"],
              properties: {
                path: { type: "string" },
                upload_id: { type: "string" },
                parts: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["part_number"],
                    properties: { part_number: { type: "integer" }, etag: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
      responses: jsonOk(),
    },
  },
  "/api/2.0/mlflow-artifacts/mpu/abort/{path}": {
    post: {
      summary: "Abort a multipart upload",
      operationId: "mpu_abort",
      tags: ["artifacts"],
      parameters: [artifactPath],
      requestBody: {
        content: {
          "application/json": {
            schema: { type: "object", required: ["upload_id"], properties: { path: { type: "string" }, upload_id: { type: "string" } } },
          },
        },
      },
      responses: jsonOk(),
    },
  },
  "/api/2.0/mlflow-artifacts/mpu/part/{upload_id}/{part_number}": {
    put: {
      summary: "Upload one part of a multipart upload (the URL comes from create)",
      operationId: "mpu_part",
      tags: ["artifacts"],
      parameters: [pathParam("upload_id", "From create"), pathParam("part_number", "1-based")],
      requestBody: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
      responses: jsonOk("The part's ETag is in the ETag header"),
    },
  },
  "/api/studio/jobs/{job}/list": {
    get: {
      summary: "One folder of a job's outputs (outputs browser)",
      operationId: "studio_job_list",
      tags: ["studio"],
      parameters: [pathParam("job", "Job (run) id"), optionalPath],
      responses: jsonOk(),
    },
  },
  "/api/studio/jobs/{job}/file": {
    get: {
      summary: "One file of a job's outputs",
      operationId: "studio_job_file",
      tags: ["studio"],
      parameters: [pathParam("job", "Job (run) id"), optionalPath, queryParam("download", { type: "string", enum: ["1"] })],
      responses: fileOk,
    },
  },
  "/api/studio/jobs/{job}/zip": {
    get: {
      summary: "A folder of a job's outputs as a zip",
      operationId: "studio_job_zip",
      tags: ["studio"],
      parameters: [pathParam("job", "Job (run) id"), optionalPath],
      responses: fileOk,
    },
  },
  "/api/studio/models/{name}/versions/{version}/list": {
    get: {
      summary: "One folder of a registered version's files",
      operationId: "studio_version_list",
      tags: ["studio"],
      parameters: [pathParam("name", "Model name"), pathParam("version", "Version number"), optionalPath],
      responses: jsonOk(),
    },
  },
  "/api/studio/models/{name}/versions/{version}/file": {
    get: {
      summary: "One file of a registered version",
      operationId: "studio_version_file",
      tags: ["studio"],
      parameters: [
        pathParam("name", "Model name"),
        pathParam("version", "Version number"),
        optionalPath,
        queryParam("download", { type: "string", enum: ["1"] }),
      ],
      responses: fileOk,
    },
  },
  "/api/studio/models/{name}/versions/{version}/zip": {
    get: {
      summary: "A registered version's files (or a folder of them) as a zip",
      operationId: "studio_version_zip",
      tags: ["studio"],
      parameters: [pathParam("name", "Model name"), pathParam("version", "Version number"), optionalPath],
      responses: fileOk,
    },
  },
  "/api/studio/models/lookup": {
    get: {
      summary: "Name autocomplete (prefix) or the next version number of a name (name)",
      operationId: "studio_models_lookup",
      tags: ["studio"],
      parameters: [queryParam("prefix", { type: "string" }), queryParam("name", { type: "string" })],
      responses: jsonOk(),
    },
  },
  "/api/studio/inspect": {
    get: {
      summary: "What registering a source would find: files, detected type, each type's problems",
      operationId: "studio_inspect",
      tags: ["studio"],
      parameters: [
        queryParam("source", { type: "string" }, true, "runs:/…, azureml://jobs/…, models:/…, mlflow-artifacts:/… or upload:<id>"),
      ],
      responses: jsonOk(),
    },
  },
  "/api/studio/register": {
    post: {
      summary: "Register a model version (creates the model on first use; type MLflow, Custom or Triton)",
      operationId: "studio_register",
      tags: ["studio"],
      requestBody: { required: true, content: { "application/json": { schema: jsonSchema(registerSchema) } } },
      responses: jsonOk(),
    },
  },
  "/api/studio/uploads": {
    post: {
      summary: "Start an upload of a local folder (for registering it)",
      operationId: "studio_upload_create",
      tags: ["studio"],
      responses: jsonOk("upload_id and limit_bytes"),
    },
  },
  "/api/studio/audit": {
    get: {
      summary: "The audit log, newest first: one model's history (readers of it) or everything (admins)",
      operationId: "studio_audit",
      tags: ["studio"],
      parameters: [
        queryParam("resource_type", { type: "string", enum: ["registered_model", "experiment", "user", "token"] }),
        queryParam("resource_key", { type: "string" }, false, "A model's name or an experiment's id"),
        queryParam("actor", { type: "string" }),
        queryParam("max_results", { type: "integer", minimum: 1, maximum: 500 }),
        queryParam("before_id", { type: "integer", minimum: 1 }, false, "next_before_id of the previous page"),
      ],
      responses: jsonOk(),
    },
  },
  "/api/studio/tokens": {
    get: {
      summary: "Your API tokens (all=true: everyone's, for admins); never the tokens themselves",
      operationId: "studio_tokens_list",
      tags: ["studio"],
      parameters: [queryParam("all", { type: "string", enum: ["true"] })],
      responses: jsonOk(),
    },
    post: {
      summary: "Create an API token for yourself; the token is in this answer only",
      operationId: "studio_tokens_create",
      tags: ["studio"],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["name"],
              properties: { name: { type: "string", maxLength: 100 }, expires_in_days: { type: "integer", minimum: 0, maximum: 3650 } },
            },
          },
        },
      },
      responses: jsonOk(),
    },
  },
  "/api/studio/tokens/{id}": {
    delete: {
      summary: "Revoke a token (yours; admins: anyone's)",
      operationId: "studio_tokens_revoke",
      tags: ["studio"],
      parameters: [pathParam("id", "Token id")],
      responses: jsonOk(),
    },
  },
  "/api/studio/uploads/{upload}": {
    delete: {
      summary: "Cancel an upload",
      operationId: "studio_upload_delete",
      tags: ["studio"],
      parameters: [pathParam("upload", "Upload id")],
      responses: jsonOk(),
    },
  },
  "/api/studio/uploads/{upload}/files/{path}": {
    put: {
      summary: "One file of an upload (raw body, streamed, within the upload limit)",
      operationId: "studio_upload_file",
      tags: ["studio"],
      parameters: [pathParam("upload", "Upload id"), pathParam("path", "File path inside the uploaded folder")],
      requestBody: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
      responses: jsonOk(),
    },
  },
  "/api/openapi.json": {
    get: { summary: "This document", operationId: "openapi", tags: ["studio"], responses: { "200": { description: "OpenAPI 3.1" } } },
  },
  "/health": {
    get: {
      summary: "Liveness: answers OK",
      operationId: "health",
      tags: ["studio"],
      responses: { "200": { description: "OK", content: { "text/plain": { schema: { type: "string" } } } } },
    },
  },
};

let cached: Json | undefined;

export function openApiDocument(): Json {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Model Studio API",
      version: "1",
      description:
        "MLflow's tracking and registry REST API (the same endpoints are also served under /api/3.0/mlflow), " +
        "MLflow's artifact proxy, and the studio's own routes. Errors are MLflow's `{error_code, message}`.",
    },
    paths: { ...mlflowOperations(mlflowRoutes, "/api/2.0/mlflow", "mlflow"), ...handwritten },
  };
  return cached;
}
