import "server-only";
import { z } from "zod";
import { StudioError } from "@/lib/errors";
import { int64, parseRequest } from "@/lib/mlflow/request-schema";
import { authorizeArtifact } from "@/lib/server/auth/artifacts";
import { requireSignedIn } from "@/lib/server/auth/guard";
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, putPart } from "@/lib/server/artifacts/multipart";
import { json, readJsonBody, requestOrigin } from "./http";
import { errorResponse } from "./respond";

/** `/api/2.0/mlflow-artifacts/mpu/{create,complete,abort}/<dir>` and our part URLs `mpu/part/<id>/<n>`. */
export async function handleMultipartRequest(request: Request, segments: string[]): Promise<Response> {
  try {
    const [action, ...rest] = segments;
    const method = request.method.toUpperCase();
    // Part URLs are capabilities, as presigned URLs are (MLflow's client sends them no credentials):
    // the upload id is random and only its creator, an authorized caller, learned it.
    if (action === "part" && method === "PUT" && rest.length === 2) {
      const declared = request.headers.get("content-length");
      const etag = await putPart(rest[0]!, Number(rest[1]), request.body, declared === null ? undefined : Number(declared));
      return new Response("{}", { status: 200, headers: { etag, "content-type": "application/json" } });
    }
    if (method !== "POST") throw new StudioError("ENDPOINT_NOT_FOUND", `Method ${method} is not allowed here`);
    const body = await readJsonBody(request, 4 * 1024 * 1024);
    const dir = rest.join("/");
    if (action === "create") await authorizeArtifact(dir, "update");
    else requireSignedIn();
    if (action === "create") {
      const req = parseRequest(z.object({ path: z.string(), num_parts: int64() }), body);
      return json(await createMultipartUpload(dir, req.path, req.num_parts, requestOrigin(request)));
    }
    if (action === "complete") {
      const req = parseRequest(
        z.object({
          upload_id: z.string(),
          parts: z.array(z.object({ part_number: int64(), etag: z.string().optional() })),
        }),
        body,
      );
      await completeMultipartUpload(
        req.upload_id,
        req.parts.map((p) => ({ partNumber: p.part_number, etag: p.etag })),
      );
      return json({});
    }
    if (action === "abort") {
      const req = parseRequest(z.object({ upload_id: z.string() }), body);
      await abortMultipartUpload(req.upload_id);
      return json({});
    }
    throw new StudioError("ENDPOINT_NOT_FOUND", `No multipart endpoint '${action}'`);
  } catch (e) {
    return errorResponse(e);
  }
}
