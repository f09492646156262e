import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The MLflow client sends paths with trailing segments we must see verbatim.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit, tests included) as its own suite;
  // the build does not repeat it, which keeps `npm start` fast on 2 cores.
  typescript: { ignoreBuildErrors: true },
  // Database drivers load from node_modules at run time (better-sqlite3 is a native module).
  serverExternalPackages: ["better-sqlite3", "pg"],
  experimental: {
    // Artifact uploads stream through route handlers; this only bounds server actions.
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
