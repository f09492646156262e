// The studio's HTTP server: Next.js (production build, or dev with --dev) behind a plain Node
// server. It exists for one reason Next cannot serve alone: Next drops Content-Length from route
// handler responses, and MLflow clients and browsers want it on artifact downloads (progress,
// resumable ranges). Route handlers put the length in `x-studio-content-length` (and opt out of
// compression with `cache-control: no-transform`); this server turns it back into the real header.
//
// Workers: STUDIO_WORKERS processes serve the one port (Node's cluster module), default 1 on the
// embedded SQLite file and one per CPU on PostgreSQL, where the database takes concurrent
// writers and nothing else is per-process (uploads, multipart sessions and sweeps live in the
// database; see docs/deploy.md).
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import next from "next";
import { literalizeBadEscapes } from "../lib/request-path.mjs";

const dev = process.argv.includes("--dev");
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const LENGTH_HEADER = "x-studio-content-length";

function workerCount() {
  const set = Number(process.env.STUDIO_WORKERS);
  if (Number.isInteger(set) && set >= 1) return Math.min(set, 64);
  const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
  return onPostgres && !dev ? Math.min(os.availableParallelism(), 8) : 1;
}

const workers = workerCount();
if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`[studio] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  let announced = 0;
  cluster.on("message", (_w, msg) => {
    if (msg === "listening" && ++announced === workers) {
      console.log(`Ready: Model Studio listening on http://${host.includes(":") ? `[${host}]` : host}:${port} (${workers} workers)`);
    }
  });
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
} else {
  await serve();
}

async function serve() {
  // A worker whose primary died (kill -9, OOM) stops at once rather than serve on, unsupervised.
  if (cluster.isWorker) process.on("disconnect", () => process.exit(1));

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
    if (cluster.isWorker) process.send?.("listening");
    else console.log(`Ready: Model Studio listening on http://${host.includes(":") ? `[${host}]` : host}:${port}`);
  });
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 3000).unref();
    });
  }
}
