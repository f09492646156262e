import "server-only";
import { normalizeArtifactPath } from "@/lib/artifact-path";
import { MlflowError } from "@/lib/mlflow/errors";
import { artifactStore } from "@/lib/server/artifact-store";
import { fileResponse } from "@/lib/server/artifacts/file-response";
import { assertClientWritable } from "@/lib/server/artifacts/reserved";
import { json } from "./http";
import { errorResponse } from "./respond";

/**
 * MLflow's artifact proxy (`/api/2.0/mlflow-artifacts/artifacts/<path>`), as the client's
 * MlflowArtifactsRepository uses it: list with `?path=`, download, upload (raw body, streamed to
 * disk and renamed into place only when complete), delete. Keys are the path after the prefix.
 */
async function list(dir: string): Promise<Response> {
  const entries = await artifactStore.list(dir);
  if (!entries) return json({}); // MLflow answers a missing folder with an empty listing
  return json({
    files: entries.map((e) => (e.isDir ? { path: e.path, is_dir: true } : { path: e.path, is_dir: false, file_size: e.size })),
  });
}

export async function handleArtifactRequest(request: Request, segments: string[] | undefined): Promise<Response> {
  try {
    const key = normalizeArtifactPath((segments ?? []).join("/"));
    const method = request.method.toUpperCase();
    if ((method === "GET" || method === "HEAD") && key === "") {
      const dir = normalizeArtifactPath(new URL(request.url).searchParams.get("path") ?? "");
      return await list(dir);
    }
    if (method === "GET" || method === "HEAD") return await fileResponse(key, request);
    if (method === "PUT" || method === "POST") {
      if (key === "") throw new MlflowError("INVALID_PARAMETER_VALUE", "An artifact path is required for uploads");
      assertClientWritable(key);
      await artifactStore.write(key, request.body ?? new ReadableStream({ start: (c) => c.close() }));
      return json({});
    }
    if (method === "DELETE") {
      if (key === "") throw new MlflowError("INVALID_PARAMETER_VALUE", "An artifact path is required for deletes");
      assertClientWritable(key);
      await artifactStore.remove(key);
      return json({});
    }
    throw new MlflowError("ENDPOINT_NOT_FOUND", `Method ${method} is not allowed for artifacts`);
  } catch (e) {
    return errorResponse(e);
  }
}
