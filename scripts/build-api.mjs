// Bundles the MLflow API's Node entry (lib/server/mlflow/node-entry.ts) into .next/studio-api.mjs
// for scripts/serve.mjs, which serves MLflow traffic from it without Next's router. Packages stay
// external (loaded from node_modules); the app's own TypeScript is compiled in.
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

export async function buildApi() {
  await build({
    entryPoints: [path.join(root, "lib/server/mlflow/node-entry.ts")],
    outfile: path.join(root, ".next/studio-api.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    alias: { "@": root, "server-only": path.join(root, "scripts/lib/server-only-stub.mjs") },
    // Packages that still call require() (CommonJS) get one in this ES module.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: "warning",
    sourcemap: "linked",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildApi();
