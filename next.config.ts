import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The MLflow client sends paths with trailing segments we must see verbatim.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit, tests included) as its own suite;
  // the build does not repeat it, which keeps `npm start` fast on 2 cores.
  typescript: { ignoreBuildErrors: true },
  // better-sqlite3 is a native module: load it from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  experimental: {
    // Artifact uploads stream through route handlers; this only bounds server actions.
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
