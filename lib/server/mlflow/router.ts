import "server-only";
import type { z } from "zod";
import { parseRequest } from "@/lib/mlflow/request-schema";

export type RouteContext = {
  params: Record<string, string>;
  /** Present when the route came through Next (a web Request). */
  request?: Request;
};

/**
 * One MLflow endpoint: the schema of its request (query for GET, JSON body otherwise, path
 * params merged in) and the handler that receives the parsed request. The schema is declared,
 * not buried in the handler, so the same table serves the dispatcher and the OpenAPI document
 * (lib/server/openapi), and a route without a schema cannot exist.
 */
export type Route = {
  summary: string;
  input: z.ZodType;
  run: (input: Record<string, unknown>, ctx: RouteContext) => Promise<unknown>;
};
export type RouteTable = Record<string, Route>;

export function route<S extends z.ZodType>(
  summary: string,
  input: S,
  handler: (req: z.output<S>, ctx: RouteContext) => Promise<unknown>,
): Route {
  return { summary, input, run: (raw, ctx) => handler(parseRequest(input, raw), ctx) };
}

type Compiled = { key: string; method: string; parts: string[]; route: Route };

/** Compiles "POST runs/create" / "GET logged-models/:model_id" keys into a matcher. */
export function compileRoutes(table: RouteTable) {
  const routes: Compiled[] = Object.entries(table).map(([key, route]) => {
    const [method, path] = key.split(" ");
    return { key, method: method!, parts: path!.split("/"), route };
  });
  return function match(method: string, segments: string[]) {
    let pathMatched = false;
    for (const r of routes) {
      if (r.parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < r.parts.length; i++) {
        const part = r.parts[i]!;
        if (part.startsWith(":")) params[part.slice(1)] = segments[i]!;
        else if (part !== segments[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (r.method === method) return { key: r.key, route: r.route, params, pathMatched };
    }
    return { key: "", route: undefined, params: {}, pathMatched };
  };
}
