// The studio's HTTP server: Next.js (production build, or dev with --dev) behind a plain Node
// server. It exists for one reason Next cannot serve alone: Next drops Content-Length from route
// handler responses, and MLflow clients and browsers want it on artifact downloads (progress,
// resumable ranges). Route handlers put the length in `x-studio-content-length` (and opt out of
// compression with `cache-control: no-transform`); this server turns it back into the real header.
import http from "node:http";
import next from "next";
import { literalizeBadEscapes } from "../lib/request-path.mjs";

const dev = process.argv.includes("--dev");
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const LENGTH_HEADER = "x-studio-content-length";

const app = next({ dev, hostname: host, port, dir: new URL("..", import.meta.url).pathname });
await app.prepare();
const handle = app.getRequestHandler();
// MLflow API traffic skips Next's router (see lib/server/mlflow/node-entry.ts); `next dev` uses the
// equivalent route handlers under app/api instead, so edits show up without a rebuild.
const api = dev
  ? null
  : await import("../.next/studio-api.mjs").catch((e) => {
      console.warn("[studio] MLflow API bundle not loaded, serving it through Next:", e.message);
      return null;
    });

function restoreContentLength(res) {
  const writeHead = res.writeHead;
  res.writeHead = function patchedWriteHead(...args) {
    const length = res.getHeader(LENGTH_HEADER);
    if (length !== undefined) {
      res.removeHeader(LENGTH_HEADER);
      if (!res.getHeader("content-encoding")) {
        res.removeHeader("transfer-encoding");
        res.setHeader("content-length", length);
      }
    }
    return writeHead.apply(this, args);
  };
}

// Next's router throws on methods no route can export (TRACE, CONNECT, …): answer them here.
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

const server = http.createServer(async (req, res) => {
  req.url = literalizeBadEscapes(req.url ?? "/");
  if (!METHODS.has(req.method ?? "")) {
    const body = JSON.stringify({ error_code: "ENDPOINT_NOT_FOUND", message: `Method ${req.method} is not allowed` });
    res.writeHead(405, { "content-type": "application/json", allow: [...METHODS].join(", "), "content-length": Buffer.byteLength(body) });
    return void res.end(body);
  }
  try {
    if (api && (await api.handleMlflowNode(req, res))) return;
  } catch (e) {
    console.error("[studio] MLflow API request failed", e);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    return void res.end(JSON.stringify({ error_code: "INTERNAL_ERROR", message: "Internal error" }));
  }
  restoreContentLength(res);
  handle(req, res).catch((e) => {
    console.error("[studio] request failed", e);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error_code: "INTERNAL_ERROR", message: "Internal error" }));
  });
});
// Many MLflow clients keep connections open between calls; keep them a little longer than Node's 5 s.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 0; // large artifact uploads may take longer than Node's 300 s default
server.listen(port, host, () => {
  console.log(`Ready: Model Studio listening on http://${host.includes(":") ? `[${host}]` : host}:${port}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
