// Python virtualenvs for the peer servers, pinned and cached in .cache/bench-<name> (git-ignored).
// A venv is rebuilt only when its pinned requirement list changes (hash stamp beside it), so a
// second benchmark run does not touch PyPI. Installing can fail on a machine (a wheel missing from
// the mirror, a dependency conflict): callers get { error } and record it instead of aborting.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Pinned peer environments. `noDeps` installs only the package itself (FastTrackML's `fml` is a
 * self-contained Go binary; its Python client would drag in mlflow<3, which the server never uses). */
// psycopg2-binary: the PostgreSQL driver SQLAlchemy loads for a `postgresql://` backend store
// (tracking-pg, registry-pg); mlflow does not depend on it. 2.9.10 has a cp311 manylinux wheel.
export const VENVS = {
  mlflow: { reqs: ["mlflow==3.17.2", "psycopg2-binary==2.9.10"] },
  // mlflow-go-backend 0.2.2 wraps `mlflow server` and starts the Python server as a sidecar for
  // the endpoints it has not ported. It declares only mlflow>=2.19 but imports TraceInfoV2, which
  // exists in mlflow 3.0 and 3.1 only (removed in 3.2): 3.1.4 is the newest it works with.
  // mlflow 3.1 imports sqlalchemy.pool.FallbackAsyncAdaptedQueuePool, gone in SQLAlchemy 2.1.
  "mlflow-go": { reqs: ["mlflow-go-backend==0.2.2", "mlflow==3.1.4", "sqlalchemy==2.0.58", "psycopg2-binary==2.9.10"] },
  fasttrackml: { reqs: ["fasttrackml==0.6.0"], noDeps: true },
};

function sh(cmd, args, logFile) {
  const out = fs.openSync(logFile, "a");
  const res = spawnSync(cmd, args, { stdio: ["ignore", out, out], cwd: ROOT });
  fs.closeSync(out);
  return res.status === 0;
}

/** Returns { dir, bin(name), python } or { error }. Install output goes to <dir>.install.log. */
export function ensureVenv(name, log = console.log) {
  const spec = VENVS[name];
  const dir = path.join(ROOT, ".cache", `bench-${name}`);
  const stamp = path.join(dir, ".bench-requirements");
  const hash = createHash("sha256").update(JSON.stringify(spec)).digest("hex");
  const python = path.join(dir, "bin", "python");
  const result = { dir, python, bin: (b) => path.join(dir, "bin", b), reqs: spec.reqs };
  let current = null;
  try {
    current = fs.readFileSync(stamp, "utf8");
  } catch {}
  if (current === hash && fs.existsSync(python)) return result;
  const logFile = `${dir}.install.log`;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.writeFileSync(logFile, "");
  log(`installing ${spec.reqs.join(" ")} into .cache/bench-${name} (first run only, a few minutes)…`);
  const pipArgs = ["-m", "pip", "install", "-q", "--disable-pip-version-check", ...(spec.noDeps ? ["--no-deps"] : []), ...spec.reqs];
  if (!sh("python3", ["-m", "venv", dir], logFile) || !sh(python, pipArgs, logFile)) {
    const tail = fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-6).join("\n");
    return { error: `pip install ${spec.reqs.join(" ")} failed:\n${tail}` };
  }
  fs.writeFileSync(stamp, hash);
  return result;
}

/** `pip freeze` of a venv, for the report (which versions actually ran). */
export function frozen(venv, names) {
  const res = spawnSync(venv.python, ["-m", "pip", "freeze", "--disable-pip-version-check"], { encoding: "utf8" });
  const lines = (res.stdout || "").split("\n");
  return names.map((n) => lines.find((l) => l.toLowerCase().startsWith(`${n.toLowerCase()}==`)) || `${n}?`);
}
