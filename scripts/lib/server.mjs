// Starts a production studio on a free port with its own fresh data dir, for the test suites.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { migrate, ROOT } from "./prepare.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`studio exited early (code ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`studio did not become healthy at ${url}`);
}

/**
 * Returns { url, dataDir, pid, stop, kill }. Server output goes to <dataDir>/server.log.
 * `opts.dataDir` restarts on an existing data dir (the crash tests); `opts.port` keeps the port.
 */
export async function startStudio(extraEnv = {}, opts = {}) {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "studio-test-"));
  // A small upload limit (48 MiB) so the quota tests can exceed it cheaply.
  // STUDIO_FAULT_INJECTION lets crash-consistency tests make a named step fail (see lib/server/fault-injection.ts).
  // The embedded SQLite file unless the caller names a database (DATABASE_URL in extraEnv).
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const env = {
    ...inherited,
    STUDIO_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    STUDIO_FAULT_INJECTION: "1",
    STUDIO_UPLOAD_LIMIT_BYTES: String(48 * 1024 * 1024),
    ...extraEnv,
  };
  await migrate(env);
  const port = opts.port ?? (await freePort());
  const logFile = fs.openSync(path.join(dataDir, "server.log"), "a");
  const child = spawn(process.execPath, ["scripts/serve.mjs"], {
    cwd: ROOT,
    env: { ...env, HOST: "127.0.0.1", PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", logFile, logFile],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  return {
    url,
    port,
    dataDir,
    pid: child.pid,
    child,
    /** kill -9: the process dies mid-whatever, as in a crash or an OOM kill. */
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill("SIGKILL");
            r();
          }, 5000);
          child.on("exit", () => {
            clearTimeout(t);
            r();
          });
        });
      }
    },
  };
}
