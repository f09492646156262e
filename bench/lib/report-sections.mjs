// docs/benchmarks.md sections: artifact streaming, and registry search on SQLite (suite `registry`)
// and on PostgreSQL (suite `registry-pg`).
import { mark, num, ratio, x } from "./format.mjs";

export function artifactsSection(r, { machineLine }) {
  const lines = ["## 2. Artifacts: streaming a big file through the studio\n", machineLine, ""];
  lines.push(
    `**Setup.** A fresh studio; a ${num(r.sizeMiB, 0)} MiB file of random bytes (incompressible, like model weights) in a temp dir on the same disk as the studio's data dir. Upload: \`PUT /api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/big.bin\` with the body streamed from disk (Content-Length set). Download: \`GET\` of the same path streamed to a file. Baseline: a streamed read+write copy of the file in Node (\`createReadStream\` → \`createWriteStream\`), run before the upload and after the download, averaged. Nothing calls fsync, so every side writes into the page cache alike. The sha256 of the downloaded file is compared with the original (hashed outside the timed part). The studio's resident memory is sampled from \`/proc/<pid>/status\` (VmRSS every 10 ms, plus VmHWM) during each transfer; growth is the peak minus the value just before it.`,
    "",
  );
  if (r.error) {
    lines.push(`**Failed:** ${r.error}`, "");
    return {
      md: lines.join("\n"),
      summary: [`| Artifacts | failed: ${r.error.slice(0, 80)} | ❌ |`],
      headlines: [`artifacts: failed: ${r.error}`],
    };
  }
  const rss = (m) => `+${num(m.growthMiB)} MiB (${num(m.baselineMiB)} → ${num(m.peakMiB)} MiB)`;
  lines.push(
    "| Transfer | MiB/s | ÷ streamed copy | Studio RSS growth |",
    "|---|---:|---:|---:|",
    `| Streamed copy (baseline) | ${num(r.copyMiBs)} (runs: ${r.copyRunsMiBs.map((v) => num(v)).join(", ")}) | 1.00× | – |`,
    `| Upload (PUT) | ${num(r.uploadMiBs)} | ${x(r.uploadRatio)} | ${rss(r.uploadRss)} |`,
    `| Download (GET) | ${num(r.downloadMiBs)} | ${x(r.downloadRatio)} | ${rss(r.downloadRss)} |`,
    "",
    `Round trip sha256: ${r.roundTripOk ? "identical" : "**MISMATCH**"}; download Content-Length header: ${r.downloadContentLength ?? "**missing**"}.`,
    "",
  );
  const summary = [
    `| Artifacts: upload ≥ 0.5× a streamed copy | ${x(r.uploadRatio)} | ${mark(r.uploadRatio >= 0.5)} |`,
    `| Artifacts: download ≥ 0.5× a streamed copy | ${x(r.downloadRatio)} | ${mark(r.downloadRatio >= 0.5)} |`,
    `| Artifacts: studio RSS growth < 64 MiB (upload / download) | ${num(r.uploadRss.growthMiB)} / ${num(r.downloadRss.growthMiB)} MiB | ${mark(Math.max(r.uploadRss.growthMiB, r.downloadRss.growthMiB) < 64)} |`,
    `| Artifacts: sha256 round trip | ${r.roundTripOk ? "identical" : "mismatch"} | ${mark(r.roundTripOk)} |`,
  ];
  return {
    md: lines.join("\n"),
    summary,
    headlines: [
      `artifacts (${r.sizeMiB} MiB): upload ${x(r.uploadRatio)}, download ${x(r.downloadRatio)} of a streamed copy; RSS +${num(r.uploadRss.growthMiB)} / +${num(r.downloadRss.growthMiB)} MiB; sha256 ${r.roundTripOk ? "ok" : "MISMATCH"}`,
    ],
  };
}

const FLAT = 1.5; // "about the same" on a noisy 2-core machine: p50 at 100k within 1.5× of p50 at 1k

const REGISTRY_SETUP = {
  sqlite: (c) =>
    `**Setup.** Registries are written straight into each server's SQLite file before it starts (\`bench/lib/seed-registry.mjs\`; the REST API would take the reference most of an hour for 100k versions): the studio's Prisma schema after \`prisma migrate deploy\`, the reference's after \`mlflow db upgrade\`. Same rows in both: models \`model-00000\`…, 10 versions each (status READY, a unique run id each), one tag per model and per version, then \`ANALYZE\`. The reference is \`mlflow server\` with ${c.referenceWorkers} workers, as in the tracking sections.`,
  postgresql: (c) =>
    `**Setup.** The same registries and queries as the SQLite registry section, on PostgreSQL: the suite starts one cluster and gives every configuration its own fresh database in it. Each is seeded before its server starts (\`bench/lib/seed-registry.mjs\`, PostgreSQL path: the same rows as on SQLite, written with multi-row \`INSERT … SELECT FROM unnest(…)\` in one transaction, sequences moved past the explicit ids, then \`ANALYZE\`): the studio's schema from its PostgreSQL migrations (\`scripts/lib/pg-migrate.mjs\`), the reference's from \`mlflow db upgrade postgresql://…\`. The studio runs with \`DATABASE_URL=postgresql://…\`; the reference is \`mlflow server --backend-store-uri postgresql://…\` with ${c.referenceWorkers} workers. Seeding time is shown per configuration.`,
};

/** The configuration of `server` at `models`, also for results written before `server` was stored. */
const pick = (cfgs, server, models) => cfgs.find((k) => (k.server ?? k.name.split("-")[0]) === server && k.models === models);

export function registrySection(r, { machineLine }) {
  const c = r.config || {};
  const cfgs = r.configs || [];
  const pgSuite = r.engine === "postgresql";
  const label = pgSuite ? "PostgreSQL" : "SQLite";
  const studioSmall = pick(cfgs, "studio", 100);
  const studioLarge = pick(cfgs, "studio", 10_000);
  const refLarge = pick(cfgs, "mlflow", 10_000);
  const lines = [`## 3. ${pgSuite ? "Registry search on PostgreSQL" : "Registry search (SQLite)"}\n`, machineLine, ""];
  lines.push(
    REGISTRY_SETUP[pgSuite ? "postgresql" : "sqlite"](c),
    "",
    `**Workload.** Every query is GET with \`max_results=100\`: first checked for the right number of results, then sent ${c.requests} times or for ${num(c.maxMs / 1000, 0)} s, whichever ends first, once sequentially (1 client) and once from 8 concurrent clients. "Page ${c.deepPage}" follows \`next_page_token\` from page 1 (the walk itself is timed below); a 100-model registry has no such page.`,
    "",
  );
  for (const k of cfgs) {
    const extra = k.error
      ? ` — **failed: ${k.error.split("\n")[0]}**`
      : `${k.seedSeconds != null && pgSuite ? `; seeded in ${num(k.seedSeconds)} s` : ""}${k.deepWalkSeconds != null ? `; walking to page ${c.deepPage} took ${num(k.deepWalkSeconds, 2)} s` : ""}${k.checks?.length ? ` — **check failed: ${k.checks.join("; ")}**` : ""}`;
    lines.push(`- **${k.name}**: ${k.label || k.name}${extra}`);
  }
  const ok = cfgs.filter((k) => !k.error);
  const names = ok.map((k) => k.name);
  lines.push(
    "",
    `| Query | mode | ${names.join(" | ")} | studio ÷ reference (100k) | studio p50 100k ÷ 1k |`,
    `|---|---|${names.map(() => "---:").join("|")}|---:|---:|`,
  );
  const summary = [];
  let worstRef = null;
  let worstFlat = null;
  for (const q of r.queries || []) {
    for (const [mode, label] of [
      ["seq", "sequential"],
      ["c8", "8 clients"],
    ]) {
      const cells = ok.map((k) => {
        const m = k.queries?.[q.id]?.[mode];
        return m ? `**${num(m.rps)}** (${num(m.p50)} / ${num(m.p95)} ms${m.errors ? `, **${m.errors} errors**` : ""})` : "–";
      });
      const rRef = ratio(studioLarge?.queries?.[q.id]?.[mode]?.rps, refLarge?.queries?.[q.id]?.[mode]?.rps);
      const flat = ratio(studioLarge?.queries?.[q.id]?.[mode]?.p50, studioSmall?.queries?.[q.id]?.[mode]?.p50);
      if (rRef != null) worstRef = worstRef == null || rRef < worstRef.v ? { v: rRef, at: `${q.id} ${label}` } : worstRef;
      if (flat != null && mode === "seq") worstFlat = worstFlat == null || flat > worstFlat.v ? { v: flat, at: q.id } : worstFlat;
      lines.push(`| ${mode === "seq" ? q.label : ""} | ${label} | ${cells.join(" | ")} | ${x(rRef)} | ${x(flat)} |`);
    }
  }
  lines.push(
    "",
    'Cells: **req/s** (p50 / p95 latency in ms). "studio ÷ reference" is of req/s; "100k ÷ 1k" is of p50 latency (1.00× = a page costs the same at both sizes).',
    "",
  );
  // The ≥ 3× target is the SQLite one; on PostgreSQL the reference is context, not a target.
  if (pgSuite)
    lines.push(
      `Against the reference on the same PostgreSQL at 100k versions, the studio's worst ratio is ${x(worstRef?.v)} (${worstRef?.at ?? "–"}; no target on PostgreSQL).`,
      "",
    );
  else
    summary.push(
      `| Registry (SQLite): studio ≥ 3× the reference at 100k versions (every query, both modes) | worst ${x(worstRef?.v)} (${worstRef?.at ?? "–"}) | ${mark(worstRef ? worstRef.v >= 3 : null)} |`,
    );
  summary.push(
    `| Registry (${label}): a page costs the same at 1k and 100k versions (sequential p50 within ${FLAT}×) | worst ${x(worstFlat?.v)} (${worstFlat?.at ?? "–"}) | ${mark(worstFlat ? worstFlat.v <= FLAT : null)} |`,
  );
  return {
    md: lines.join("\n"),
    summary,
    headlines: [
      `${pgSuite ? "registry-pg" : "registry"}: studio ÷ reference worst ${x(worstRef?.v)} (${worstRef?.at ?? "–"}); studio p50 100k ÷ 1k worst ${x(worstFlat?.v)} (${worstFlat?.at ?? "–"})`,
    ],
  };
}
