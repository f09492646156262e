// The servers the studio is compared with, each started from its pinned venv (bench/lib/venv.mjs)
// on a free port with a fresh temp dir and a SQLite database there, like the studio itself; or,
// given `database` (a postgresql:// URL of an empty database), with that as the backend store.
import fs from "node:fs";
import path from "node:path";
import { freePort, startServer, tempDir } from "./proc.mjs";
import { ensureVenv, frozen } from "./venv.mjs";

// The reference's worker count: 2 uvicorn workers, one per core. bench/calibrate-reference.mjs
// compares 1, 2 and 4 on this machine (table in docs/benchmarks.md): 2 was fastest on most
// operations without stalls. 1 worker stalls under 20 concurrent writers (SQLAlchemy's pool of
// 5 + 10 connections runs dry, requests wait 30 s); 4 (mlflow's default) contends for SQLite's
// write lock across processes and stalled some requests for the whole window.
export const REFERENCE_WORKERS = Number(process.env.BENCH_MLFLOW_WORKERS || 2);

/** A postgresql:// URL as SQLAlchemy should open it with psycopg2: SQLAlchemy 2.1 (the reference's
 * venv) maps a bare `postgresql://` to psycopg 3, which is not installed; 2.0 (mlflow-go's) maps it
 * to psycopg2 already, and mlflow-go's Go store parses the URL itself, so it gets the bare one. */
export const psycopg2Url = (url) => url.replace(/^postgres(ql)?:\/\//, "postgresql+psycopg2://");

function mlflowArgs(dir, port, workers, database) {
  return [
    "server",
    "--backend-store-uri",
    database || `sqlite:///${path.join(dir, "mlflow.db")}`,
    "--serve-artifacts",
    "--default-artifact-root",
    "mlflow-artifacts:/",
    "--artifacts-destination",
    path.join(dir, "mlartifacts"),
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--workers",
    String(workers),
  ];
}

/** The reference `mlflow server`. Pass `dir` to reuse a pre-seeded SQLite database (registry
 * benchmark), `database` for a PostgreSQL backend store (psycopg2 is in its venv). */
export async function startReference({ dir, workers = REFERENCE_WORKERS, database, log } = {}) {
  const venv = ensureVenv("mlflow", log);
  if (venv.error) throw new Error(venv.error);
  const d = dir || tempDir("mlflow");
  const port = await freePort();
  const srv = await startServer({
    name: "mlflow",
    cmd: venv.bin("mlflow"),
    args: mlflowArgs(d, port, workers, database && psycopg2Url(database)),
    dir: d,
    // The first start creates the schema (alembic, ~60 migrations): give it time on 2 cores.
    healthUrl: `http://127.0.0.1:${port}/health`,
    timeoutMs: 240_000,
  });
  const version = frozen(venv, ["mlflow"]).join(", ");
  return {
    ...srv,
    name: "mlflow",
    label: `mlflow server (${version}, ${workers} uvicorn workers)`,
    url: `http://127.0.0.1:${port}`,
    api: `http://127.0.0.1:${port}/api/2.0/mlflow`,
    dir: d,
    dbPath: database ? null : path.join(d, "mlflow.db"),
  };
}

// The 0.2.2 Linux wheel ships its Go library (an x86-64 ELF shared object) under the macOS name
// libmlflow-go-backend.dylib, so its loader does not find libmlflow-go-backend.so and tries to
// compile the Go sources instead (no Go toolchain or module download here). Its loader honours
// MLFLOW_GO_LIBRARY_PATH: point it at a folder with the file under the expected name.
function goLibraryDir(venv) {
  const lib = path.join(venv.dir, "lib");
  const pkg = path.join(
    lib,
    fs.readdirSync(lib).find((d) => d.startsWith("python")),
    "site-packages",
    "mlflow_go_backend",
  );
  const dir = path.join(venv.dir, "go-lib");
  fs.mkdirSync(dir, { recursive: true });
  for (const [from, to] of [
    ["libmlflow-go-backend.dylib", "libmlflow-go-backend.so"],
    ["libmlflow-go-backend.h", "libmlflow-go-backend.h"],
  ]) {
    fs.rmSync(path.join(dir, to), { force: true });
    fs.symlinkSync(path.join(pkg, from), path.join(dir, to));
  }
  return dir;
}

/** mlflow-go-backend: `mlflow-go server` takes every `mlflow server` option; it serves the ported
 * endpoints in Go and proxies the rest to a Python `mlflow server` sidecar it starts itself. */
export async function startMlflowGo({ database, log } = {}) {
  const venv = ensureVenv("mlflow-go", log);
  if (venv.error) throw new Error(venv.error);
  const d = tempDir("mlflow-go");
  const port = await freePort();
  const srv = await startServer({
    name: "mlflow-go",
    cmd: venv.bin("mlflow-go"),
    args: mlflowArgs(d, port, REFERENCE_WORKERS, database),
    // The sidecar is started as plain `mlflow`: it must resolve to this venv's binary.
    env: { PATH: `${path.join(venv.dir, "bin")}:${process.env.PATH}`, MLFLOW_GO_LIBRARY_PATH: goLibraryDir(venv) },
    dir: d,
    healthUrl: `http://127.0.0.1:${port}/health`,
    timeoutMs: 240_000,
  });
  const version = frozen(venv, ["mlflow-go-backend", "mlflow"]).join(", ");
  return {
    ...srv,
    name: "mlflow-go",
    label: `mlflow-go server (${version})`,
    url: `http://127.0.0.1:${port}`,
    api: `http://127.0.0.1:${port}/api/2.0/mlflow`,
    dir: d,
  };
}

/** FastTrackML: a Go server (`fml`) shipped as a binary in its PyPI wheel; MLflow API under /api/2.0/mlflow. */
export async function startFastTrackML({ database, log } = {}) {
  const venv = ensureVenv("fasttrackml", log);
  if (venv.error) throw new Error(venv.error);
  const d = tempDir("fml");
  const port = await freePort();
  const srv = await startServer({
    name: "fml",
    cmd: venv.bin("fml"),
    args: [
      "server",
      "--listen-address",
      `127.0.0.1:${port}`,
      "--database-uri",
      database || `sqlite://${path.join(d, "fml.db")}`,
      "--default-artifact-root",
      path.join(d, "artifacts"),
    ],
    dir: d,
    healthUrl: `http://127.0.0.1:${port}/health`,
    timeoutMs: 120_000,
  });
  const version = frozen(venv, ["fasttrackml"]).join(", ");
  return {
    ...srv,
    name: "fasttrackml",
    label: `FastTrackML (${version})`,
    url: `http://127.0.0.1:${port}`,
    api: `http://127.0.0.1:${port}/api/2.0/mlflow`,
    dir: d,
  };
}
