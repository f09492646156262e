// Figures from the reliability suite for docs/reliability.md: each test adds its section to the
// JSON file named by RELIABILITY_REPORT (scripts/reliability.mjs sets it); without it, no-op.
import fs from "node:fs";

export const LEVEL = process.env.RELIABILITY_LEVEL === "long" ? "long" : "ci";

export function report(section: string, figures: Record<string, unknown>): void {
  const file = process.env.RELIABILITY_REPORT;
  if (!file) return;
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {}
  current[section] = figures;
  fs.writeFileSync(file, JSON.stringify(current, null, 2));
}
