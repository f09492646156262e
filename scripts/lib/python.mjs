// Python virtualenvs for the MLflow client compatibility suites (compat/). One venv per pinned
// client (compat/requirements-*.txt), cached in .cache/ and rebuilt when its requirements change.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { log, ROOT } from "./prepare.mjs";

function python() {
  for (const cmd of ["python3", "python"]) {
    const res = spawnSync(cmd, ["-c", "import sys; print(sys.version_info >= (3, 9))"], { encoding: "utf8" });
    if (res.status === 0 && res.stdout.trim() === "True") return cmd;
  }
  throw new Error("Python 3.9+ is needed for the MLflow client tests (compat/): install python3 and python3-venv");
}

/**
 * A virtualenv at .cache/venv-<name> with the pinned packages of `requirementsFile`, rebuilt
 * when the file changes. Returns the venv's python.
 */
export function ensureVenv(name, requirementsFile) {
  const reqs = fs.readFileSync(requirementsFile, "utf8");
  const venv = path.join(ROOT, ".cache", `venv-${name}`);
  const py = path.join(venv, "bin", "python");
  const stamp = path.join(venv, ".studio-requirements");
  const hash = createHash("sha256").update(reqs).digest("hex");
  let current = null;
  try {
    current = fs.readFileSync(stamp, "utf8");
  } catch {}
  if (current !== hash || !fs.existsSync(py)) {
    log(`creating Python venv for ${path.relative(ROOT, requirementsFile)} (pip install, a few minutes the first time)…`);
    fs.rmSync(venv, { recursive: true, force: true });
    const steps = [
      [python(), ["-m", "venv", venv]],
      [py, ["-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", requirementsFile]],
    ];
    for (const [cmd, args] of steps) {
      const res = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT });
      if (res.status !== 0) throw new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(" ")} failed`);
    }
    fs.writeFileSync(stamp, hash);
  }
  return py;
}

export function ensureCompatVenvs() {
  const dir = path.join(ROOT, "compat");
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^requirements-.+\.txt$/.test(f))
    .sort()
    .reverse();
  return files.map((file) => {
    const name = file.replace(/^requirements-|\.txt$/g, "");
    const reqs = fs.readFileSync(path.join(dir, file), "utf8");
    const py = ensureVenv(name, path.join(dir, file));
    const label = /^mlflow==(\S+)/m.exec(reqs)?.[1];
    return { name, label: label ? `mlflow ${label}` : name, python: py };
  });
}

/** The fuzz suite's tools (schemathesis), in their own venv. */
export function ensureFuzzVenv() {
  return ensureVenv("fuzz", path.join(ROOT, "tests", "reliability", "requirements.txt"));
}
