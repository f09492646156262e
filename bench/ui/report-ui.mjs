// Section 4 of docs/benchmarks.md: studio pages at small vs large data, and first-load JS.
import { mark, num, ratio, x } from "../lib/format.mjs";

export function uiSection(r, { machineLine }) {
  const s = r.sizes ?? {};
  const lines = ["## 4. Studio pages at 100 vs 10k jobs and models\n", machineLine, ""];
  lines.push(
    `**Setup.** Two studios from the same build, seeded straight into SQLite (\`bench/ui/seed-studio.mjs\`): **small** — ${s.small?.jobs} jobs (5 params, 5 metrics with 10 steps each), ${s.small?.models} models × ${s.small?.versionsPerModel} versions; **large** — ${s.large?.jobs} jobs, ${s.large?.models} models × ${s.large?.versionsPerModel} versions (${num((s.large?.models ?? 0) * (s.large?.versionsPerModel ?? 0), 0)} versions). Each page is fetched 3 times to warm up, then ${r.requests} times sequentially; the server renders the full HTML (server components, data layer, SQLite).`,
    "",
    "| Page | small p50 (p95) ms | large p50 (p95) ms | large ÷ small (p50) |",
    "|---|---:|---:|---:|",
  );
  let worst = null;
  for (const page of r.pages ?? []) {
    const a = r.results?.small?.[page];
    const b = r.results?.large?.[page];
    const k = ratio(b?.median, a?.median);
    if (k != null && (worst == null || k > worst.v)) worst = { v: k, at: page };
    lines.push(`| ${page} | ${num(a?.median)} (${num(a?.p95)}) | ${num(b?.median)} (${num(b?.p95)}) | ${x(k)} |`);
  }
  const fl = r.results?.firstLoad;
  lines.push(
    "",
    `**First-load JavaScript of the Models page**: ${fl ? `${num(fl.gzipBytes / 1024)} KB gzip in ${fl.scripts} scripts; Monaco ${fl.monaco ? "**is** in it" : "is not in it (it loads only on a version's MLmodel tab)"}` : "not measured"}.`,
    "",
  );
  const summary = [
    `| UI: paged pages cost the same at 10k jobs / 100k versions (large ÷ small p50 ≤ 1.5×) | worst ${x(worst?.v)} (${worst?.at ?? "–"}) | ${mark(worst ? worst.v <= 1.5 : null)} |`,
    `| UI: Models page first-load JS ≤ 250 KB gzip, no Monaco | ${fl ? `${num(fl.gzipBytes / 1024)} KB${fl.monaco ? ", Monaco included" : ""}` : "–"} | ${mark(fl ? fl.gzipBytes <= 250 * 1024 && !fl.monaco : null)} |`,
  ];
  return { md: lines.join("\n"), summary, headlines: summary };
}
