import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; unit tests import server modules directly.
  "server-only": path.resolve(import.meta.dirname, "scripts/lib/server-only-stub.mjs"),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"], environment: "node" },
      },
      {
        // API tests talk HTTP to a running studio (STUDIO_URL), started by scripts/test.mjs.
        resolve: { alias },
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          environment: "node",
          // Files share one studio; some assert on its data dir, so they run one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // A studio with accounts on (STUDIO_AUTH=on, STUDIO_URL): the permission matrix and accounts; scripts/test.mjs runs it.
        resolve: { alias },
        test: {
          name: "auth",
          include: ["tests/auth/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Several studio processes on one PostgreSQL database; scripts/test.mjs runs it.
        resolve: { alias },
        test: {
          name: "cluster",
          include: ["tests/cluster/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        // Three replicas behind nginx on PostgreSQL and Azurite; scripts/test.mjs runs it.
        resolve: { alias },
        test: {
          name: "replicas",
          include: ["tests/replicas/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        // The reliability suite starts (and kills) studios of its own; scripts/test.mjs runs it.
        resolve: { alias },
        test: {
          name: "reliability",
          include: ["tests/reliability/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
