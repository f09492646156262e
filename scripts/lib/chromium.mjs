// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own
// download. On Debian as root with none present, installs Debian's `chromium` package.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { log, ROOT } from "./prepare.mjs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function playwrightOwn() {
  try {
    const require = createRequire(`${ROOT}/package.json`);
    const { chromium } = require("playwright-core");
    const p = chromium.executablePath();
    return p && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function found() {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (fs.existsSync(env)) return env;
    throw new Error(`CHROMIUM_PATH=${env} does not exist`);
  }
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? playwrightOwn();
}

export function ensureChromium() {
  const existing = found();
  if (existing) return existing;
  const debian = fs.existsSync("/etc/debian_version");
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (debian && root) {
    log("no browser found: installing Debian's chromium (about 2 minutes)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
      const res = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
      if (res.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
    }
    const installed = found();
    if (installed) return installed;
  }
  throw new Error(
    "No Chromium found for the browser tests. Install one and re-run: on Debian/Ubuntu " +
      "`sudo apt-get install chromium`, on macOS `brew install --cask chromium`, or point " +
      "CHROMIUM_PATH at any Chromium/Chrome binary.",
  );
}
