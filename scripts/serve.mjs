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
import { resolveAuthMode } from "../lib/auth-mode.mjs";
import { checkRequest, requestPolicy } from "../lib/request-guard.mjs";
import { literalizeBadEscapes } from "../lib/request-path.mjs";

const dev = process.argv.includes("--dev");
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const LENGTH_HEADER = "x-studio-content-length";

// Accounts: decided once from where the studio listens (lib/auth-mode.mjs); the bundles read
// STUDIO_AUTH=on|off from here on (workers inherit it).
const auth = resolveAuthMode({ host, auth: process.env.STUDIO_AUTH, allowOpenNetwork: process.env.STUDIO_ALLOW_OPEN_NETWORK });
if (auth.error) {
  console.error(`[studio] ${auth.error}`);
  process.exit(1);
}
process.env.STUDIO_AUTH = auth.mode;
if (auth.mode === "on" && dev) {
  console.error("[studio] accounts (STUDIO_AUTH=on) need the production server: run `npm start`");
  process.exit(1);
}

/** This machine's names and addresses: the Host values a studio on 0.0.0.0 answers to. */
function machineNames() {
  const names = [os.hostname()];
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.push(a.address);
  return names;
}
const policy = requestPolicy({
  listenHost: host,
  allowedHosts: process.env.STUDIO_ALLOWED_HOSTS ?? "",
  allowedOrigins: process.env.STUDIO_ALLOWED_ORIGINS ?? "",
  machine: machineNames(),
});

// Pages a signed-out visitor may open; everything else under / sends them to sign in.
const PUBLIC_PAGE = /^\/(signin|health|_next\/|favicon\.ico|icon|apple-icon|robots\.txt)/;

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

  if (api && auth.mode === "on") {
    const created = await api.bootstrapAuth();
    if (created?.generatedPassword) {
      console.log(
        `[studio] first admin created: username '${created.username}', one-time password ${created.generatedPassword}\n` +
          "[studio] sign in and change it under Account; it is not shown again (set STUDIO_ADMIN_PASSWORD to choose it instead).",
      );
    } else if (created) console.log(`[studio] first admin '${created.username}' created with STUDIO_ADMIN_PASSWORD`);
  }

  const sendJson = (res, status, obj, headers = {}) => {
    const body = JSON.stringify(obj);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  const server = http.createServer(async (req, res) => {
    req.url = literalizeBadEscapes(req.url ?? "/");
    if (!METHODS.has(req.method ?? "")) {
      return sendJson(
        res,
        405,
        { error_code: "ENDPOINT_NOT_FOUND", message: `Method ${req.method} is not allowed` },
        { allow: [...METHODS].join(", ") },
      );
    }
    const refused = checkRequest(req, policy);
    if (refused) {
      // The body is not read: drain it so the connection can answer.
      req.resume();
      return sendJson(res, refused.status, refused.body);
    }
    if (!api) return serveRequest(req, res);
    try {
      await api.withPrincipal(req, async (kind) => {
        const path = (req.url ?? "/").split("?")[0];
        if (
          kind === "anonymous" &&
          (req.method === "GET" || req.method === "HEAD") &&
          !path.startsWith("/api/") &&
          !PUBLIC_PAGE.test(path)
        ) {
          res.writeHead(303, { location: `/signin?next=${encodeURIComponent(req.url ?? "/")}`, "cache-control": "no-store" });
          return void res.end();
        }
        await serveRequest(req, res);
      });
    } catch (e) {
      console.error("[studio] request failed", e);
      if (!res.headersSent) sendJson(res, 500, { error_code: "INTERNAL_ERROR", message: "Internal error" });
      else res.end();
    }
  });

  async function serveRequest(req, res) {
    try {
      if (api && (await api.handleMlflowNode(req, res))) return;
    } catch (e) {
      console.error("[studio] MLflow API request failed", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ error_code: "INTERNAL_ERROR", message: "Internal error" }));
    }
    restoreContentLength(res);
    await handle(req, res).catch((e) => {
      console.error("[studio] request failed", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error_code: "INTERNAL_ERROR", message: "Internal error" }));
    });
  }
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
