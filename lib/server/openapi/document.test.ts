import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mlflowRoutes } from "@/lib/server/mlflow/routes";
import { openApiDocument } from "./document";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const doc = openApiDocument() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };

/** Every `app/**\/route.ts` as [path template, methods], e.g. ["/api/studio/jobs/{job}/list", ["get"]]. */
function routeFiles(): [string, string[]][] {
  const out: [string, string[]][] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name === "route.ts") {
        const rel = path.relative(path.join(ROOT, "app"), dir).split(path.sep);
        const url = `/${rel.map((s) => s.replace(/^\[\[?\.\.\.(.+?)\]?\]$/, "{$1}").replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
        const text = fs.readFileSync(p, "utf8");
        const methods = [...text.matchAll(/export (?:(?:async )?function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
          m[1]!.toLowerCase(),
        );
        const reexported = /export \{([^}]+)\}/.exec(text)?.[1] ?? "";
        methods.push(...[...reexported.matchAll(/as (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase()));
        out.push([url, methods]);
      }
    }
  };
  visit(path.join(ROOT, "app"));
  return out;
}

describe("OpenAPI document", () => {
  it("describes every MLflow route in the table", () => {
    for (const key of Object.keys(mlflowRoutes)) {
      const [method, p] = key.split(" ") as [string, string];
      const url = `/api/2.0/mlflow/${p.replace(/:([a-z_]+)/g, "{$1}")}`;
      expect(doc.paths[url]?.[method.toLowerCase()], key).toBeDefined();
    }
  });

  it("describes every route file of the app (a new route without a description fails here)", () => {
    // A catch-all `{path}` route is covered by the documented paths below its prefix.
    const covers = (url: string, method: string) =>
      Object.entries(doc.paths).some(([p, ops]) => {
        if (!ops[method]) return false;
        if (p === url) return true;
        if (!url.endsWith("/{path}")) return false;
        const prefix = url.slice(0, -"{path}".length);
        return p.startsWith(prefix) || p === prefix.slice(0, -1);
      });
    for (const [url, methods] of routeFiles()) {
      // The MLflow catch-all routes are the route table, checked above.
      if (url.startsWith("/api/2.0/mlflow/") || url.startsWith("/api/3.0/mlflow/")) continue;
      expect(methods.length, url).toBeGreaterThan(0);
      for (const m of methods) expect(covers(url, m), `${m.toUpperCase()} ${url}`).toBe(true);
    }
  });

  it("declares every path parameter its template names", () => {
    for (const [url, ops] of Object.entries(doc.paths)) {
      const names = [...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(declared.sort(), url).toEqual([...names].sort());
      }
    }
  });
});
