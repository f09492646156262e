import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The MLflow client sends paths with trailing segments we must see verbatim.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // Database drivers load from node_modules at run time (better-sqlite3 is a native module).
  serverExternalPackages: ["better-sqlite3", "pg"],
  experimental: {
    // Artifact uploads stream through route handlers; this only bounds server actions.
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
