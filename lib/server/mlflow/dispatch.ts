import "server-only";
import { StudioError } from "@/lib/errors";
import { LIMITS } from "@/lib/mlflow/limits";
import { json, queryToObject, readJsonBody } from "./http";
import { errorBody } from "./respond";
import { type Access, authorize } from "./access";
import { compileRoutes, type RouteTable } from "./router";

export type Dispatched = { status: number; body: unknown };

/**
 * One wrapper for every MLflow REST route: matches method and path, merges the request's fields
 * (query for GET; query and JSON body otherwise), runs the handler, and turns its result into a
 * 200 JSON object or its error into MLflow's `{error_code, message}`. Transport-neutral: the Next
 * route (`dispatch`) and the Node fast path (lib/server/mlflow/node-entry.ts) both call `run`.
 */
export function createMlflowDispatcher(table: RouteTable, prefix: string, access: Record<string, Access>) {
  // A route without an access rule would be open to everyone: refuse to build the dispatcher.
  const missing = Object.keys(table).filter((key) => !access[key]);
  if (missing.length) throw new Error(`MLflow routes without an access rule (lib/server/mlflow/access.ts): ${missing.join(", ")}`);
  const match = compileRoutes(table);
  async function run(
    method: string,
    segments: string[],
    query: URLSearchParams,
    readBody: (limit: number) => Promise<Record<string, unknown>>,
    request?: Request,
  ): Promise<Dispatched> {
    try {
      const found = match(method, segments);
      if (!found.route) {
        const path = `${prefix}/${segments.join("/")}`;
        throw new StudioError(
          "ENDPOINT_NOT_FOUND",
          found.pathMatched ? `Method ${method} is not allowed for ${path}` : `No API endpoint ${method} ${path}`,
        );
      }
      // GET carries fields in the query; other methods in a JSON body (DELETE too). Both are read
      // for non-GET so a client that puts a field in the query is still understood.
      const fromQuery = queryToObject(query);
      const input = method === "GET" ? fromQuery : { ...fromQuery, ...(await readBody(LIMITS.jsonBodyBytes)) };
      const merged = { ...input, ...found.params };
      await authorize(access[found.key]!, merged);
      const result = await found.route.run(merged, { params: found.params, request });
      return { status: 200, body: result ?? {} };
    } catch (e) {
      return errorBody(e);
    }
  }
  async function dispatch(request: Request, segments: string[]): Promise<Response> {
    const method = request.method.toUpperCase();
    const res = await run(method, segments, new URL(request.url).searchParams, (limit) => readJsonBody(request, limit), request);
    return json(res.body, res.status);
  }
  return { run, dispatch };
}
