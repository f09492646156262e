import { execFileSync } from "node:child_process";
import path from "node:path";

/** Runs a fixture script with the real MLflow client (the venv scripts/test.mjs prepared). */
export function runWithMlflowClient(script: string, args: string[]): string {
  const python = process.env.STUDIO_PYTHON;
  if (!python) throw new Error("STUDIO_PYTHON is not set: run the browser tests through `npm test`");
  return execFileSync(python, [path.join(__dirname, script), ...args], {
    encoding: "utf8",
    env: { ...process.env, MLFLOW_TRACKING_URI: process.env.STUDIO_URL, GIT_PYTHON_REFRESH: "quiet", PYTHONWARNINGS: "ignore" },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 240_000,
  });
}
