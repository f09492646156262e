import "server-only";
import { MlflowError } from "@/lib/mlflow/errors";
import { LIMITS } from "@/lib/mlflow/limits";
import { json, queryToObject, readJsonBody } from "./http";
import { errorResponse } from "./respond";
import { compileRoutes, type RouteTable } from "./router";

/**
 * One wrapper for every MLflow REST route: parses the request (query or JSON body), dispatches by
 * method and path, serializes the result as a JSON object with status 200, and maps errors.
 */
export function createMlflowDispatcher(table: RouteTable, prefix: string) {
  const match = compileRoutes(table);
  return async function dispatch(request: Request, segments: string[]): Promise<Response> {
    try {
      const method = request.method.toUpperCase();
      const found = match(method, segments);
      if (!found.handler) {
        const path = `${prefix}/${segments.join("/")}`;
        throw new MlflowError(
          "ENDPOINT_NOT_FOUND",
          found.pathMatched ? `Method ${method} is not allowed for ${path}` : `No API endpoint ${method} ${path}`,
        );
      }
      // GET carries fields in the query; other methods in a JSON body (DELETE too). Both are read
      // for non-GET so a client that puts a field in the query is still understood.
      const query = queryToObject(new URL(request.url).searchParams);
      const input = method === "GET" ? query : { ...query, ...(await readJsonBody(request, LIMITS.jsonBodyBytes)) };
      const result = await found.handler({ input: { ...input, ...found.params }, params: found.params, request });
      return json(result ?? {});
    } catch (e) {
      return errorResponse(e);
    }
  };
}
