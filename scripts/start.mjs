// `npm start`: install what is missing, migrate, build if stale, then serve the studio.
//   HOST (default 127.0.0.1), PORT (default 3000), STUDIO_DATA_DIR (default ./data).
import { spawn } from "node:child_process";
import { ensureDependencies, log, migrate, prepare, ROOT } from "./lib/prepare.mjs";

const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const dev = process.argv.includes("--dev");

try {
  if (dev) ensureDependencies();
  else prepare();
  await migrate();
} catch (e) {
  log(String(e instanceof Error ? e.message : e));
  process.exit(1);
}

const child = spawn(process.execPath, ["scripts/serve.mjs", ...(dev ? ["--dev"] : [])], {
  cwd: ROOT,
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...process.env, HOST: host, PORT: port, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: dev ? "development" : "production" },
});
let announced = false;
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server/i.test(String(chunk))) {
    announced = true;
    const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
    const url = `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
    log(`Model Studio is running at ${url}`);
    log(`Log MLflow runs here with:  export MLFLOW_TRACKING_URI=${url}`);
  }
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
