import "server-only";
import { requireSignedIn } from "@/lib/server/auth/guard";
import { json } from "@/lib/server/mlflow/http";
import { errorResponse } from "@/lib/server/mlflow/respond";

type Params = Record<string, string | string[] | undefined>;
type Context<P extends Params> = { params: Promise<P> };

/**
 * One wrapper for every studio route (app/api/studio/…), as the MLflow dispatcher is for MLflow's:
 * the handler gets the request and its route params, returns a Response (files, zips) or a plain
 * object (sent as JSON), and any error becomes MLflow's `{error_code, message}` with its status.
 * Every studio route is for signed-in callers (anyone when auth is off); what each may touch is
 * checked by the services it calls.
 */
export function studioRoute<P extends Params = Params>(handler: (request: Request, params: P) => Promise<Response | object>) {
  return async (request: Request, ctx: Context<P>): Promise<Response> => {
    try {
      requireSignedIn();
      const result = await handler(request, await ctx.params);
      return result instanceof Response ? result : json(result);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** A query parameter as a string ("" when absent). */
export const queryParam = (request: Request, name: string) => new URL(request.url).searchParams.get(name) ?? "";
