import fs from "node:fs";
import { defineConfig } from "@playwright/test";

// scripts/test.mjs starts the studio (production build, fresh data dir) and sets STUDIO_URL and
// CHROMIUM_PATH. Run alone: STUDIO_URL=http://127.0.0.1:3000 npx playwright test
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && fs.existsSync(p));

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  use: {
    baseURL: process.env.STUDIO_URL ?? "http://127.0.0.1:3000",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath, // undefined: Playwright's own browser, for people who installed one
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // The shell test checks empty states, so it gets a studio nobody writes to (STUDIO_EMPTY_URL).
    {
      name: "empty-studio",
      testMatch: /shell\.spec\.ts/,
      use: { browserName: "chromium", baseURL: process.env.STUDIO_EMPTY_URL ?? process.env.STUDIO_URL },
    },
    { name: "chromium", testIgnore: /(shell|auth)\.spec\.ts/, use: { browserName: "chromium" } },
    // Accounts: a studio with STUDIO_AUTH=on (STUDIO_AUTH_URL); scripts/test.mjs runs this project alone.
    { name: "auth", testMatch: /auth\.spec\.ts/, use: { browserName: "chromium", baseURL: process.env.STUDIO_AUTH_URL } },
  ],
});
