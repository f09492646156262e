import "server-only";

export type HandlerContext = {
  /** Query (GET) or JSON body (other methods) as one object; path params merged in. */
  input: Record<string, unknown>;
  params: Record<string, string>;
  /** Present when the route came through Next (a web Request); handlers use `input`. */
  request?: Request;
};
export type Handler = (ctx: HandlerContext) => Promise<unknown>;
export type RouteTable = Record<string, Handler>;

type Compiled = { method: string; parts: string[]; handler: Handler };

/** Compiles "POST runs/create" / "GET logged-models/:model_id" keys into a matcher. */
export function compileRoutes(table: RouteTable) {
  const routes: Compiled[] = Object.entries(table).map(([key, handler]) => {
    const [method, path] = key.split(" ");
    return { method: method!, parts: path!.split("/"), handler };
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
      if (r.method === method) return { handler: r.handler, params, pathMatched };
    }
    return { handler: undefined, params: {}, pathMatched };
  };
}
