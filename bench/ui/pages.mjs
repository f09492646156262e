// UI page cost at small vs large data: the same pages, timed on a studio with 100 jobs / 100 models
// / 1k versions and on one with 10k jobs / 10k models / 100k versions. Paged pages should cost
// about the same (target ratio ≤ 1.5×). Also the Models page's first-load JS (gzip).
import { gzipSync } from "node:zlib";
import { send } from "../lib/http.mjs";
import { migrateStudio, startStudio } from "../lib/studio.mjs";
import { tempDir } from "../lib/proc.mjs";
import { seedStudio } from "./seed-studio.mjs";

const SIZES = {
  small: { jobs: 100, models: 100, versionsPerModel: 10 },
  large: { jobs: 10_000, models: 10_000, versionsPerModel: 10 },
};
const PAGES = [
  ["Jobs list", "/jobs"],
  ["Jobs sorted by a metric", "/jobs?sort=metrics.%60m0%60+DESC"],
  ["Jobs filtered", "/jobs?filter=metrics.m0+%3E+0.5+and+params.p1+%3D+%273%27"],
  ["Job page", "/jobs/00000000000000000000000000000032"],
  ["Models page", "/models"],
  ["Models search", "/models?q=model-0004"],
  ["Models by tag", "/models?tag=team%3Dteam-3"],
  ["Model page (versions table)", "/models/model-00042"],
  ["Version page", "/models/model-00042/versions/3"],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function timePage(url, n) {
  for (let i = 0; i < 3; i++) await send(url, "GET", "");
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await send(url, "GET", "");
    if (res.status !== 200) throw new Error(`${url} -> ${res.status}`);
    times.push(performance.now() - t);
  }
  return { median: median(times), p95: p95(times) };
}

/** Sum of the gzip sizes of the scripts a page loads on first visit; and whether Monaco is among them. */
export async function firstLoadJs(base, path) {
  const html = (await send(base, "GET", path)).text;
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let gzip = 0;
  let monaco = false;
  for (const src of srcs) {
    const body = (await send(base, "GET", src)).text;
    gzip += gzipSync(Buffer.from(body)).length;
    if (/monaco-editor|editor\.worker/.test(body)) monaco = true;
  }
  return { scripts: srcs.length, gzipBytes: gzip, monaco };
}

export async function runUiPages({ quick, log }) {
  const n = quick ? 10 : 30;
  const results = {};
  for (const [size, shape] of Object.entries(SIZES)) {
    const dir = tempDir(`ui-${size}`);
    const db = migrateStudio(dir);
    log(`seeding ${size}: ${shape.jobs} jobs, ${shape.models} models × ${shape.versionsPerModel} versions…`);
    seedStudio(db, shape);
    const studio = await startStudio({ dataDir: dir });
    try {
      results[size] = {};
      for (const [label, path] of PAGES) results[size][label] = await timePage(studio.url + path, n);
      if (size === "small") results.firstLoad = await firstLoadJs(studio.url, "/models");
    } finally {
      await studio.stop();
    }
  }
  return { suite: "ui", date: new Date().toISOString(), quick, sizes: SIZES, pages: PAGES.map(([l]) => l), results, requests: n };
}
