// Reads each runner's machine report into { passed, failed }. A missing report means the runner
// crashed; the caller turns a non-zero exit with no failures into one failure.
import fs from "node:fs";

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

export function countVitest(file) {
  const r = readJson(file);
  if (!r) return { passed: 0, failed: 0 };
  return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0 };
}

export function countPlaywright(file) {
  const r = readJson(file);
  if (!r?.stats) return { passed: 0, failed: 0 };
  const s = r.stats;
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0 };
}

export function countJunit(file) {
  let xml;
  try {
    xml = fs.readFileSync(file, "utf8");
  } catch {
    return { passed: 0, failed: 0 };
  }
  let tests = 0;
  let failed = 0;
  let skipped = 0;
  for (const m of xml.matchAll(/<testsuite\b([^>]*)>/g)) {
    const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(m[1])?.[1] ?? 0);
    tests += attr("tests");
    failed += attr("failures") + attr("errors");
    skipped += attr("skipped");
  }
  return { passed: tests - failed - skipped, failed };
}
