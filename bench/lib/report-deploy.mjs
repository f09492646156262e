// docs/benchmarks.md sections of the team deployment: artifacts on Azure Blob (suite
// `artifacts-azure`) and tracking through several replicas behind nginx (suite `replicas`).
import { mark, num, ratio, x } from "./format.mjs";

const rssText = (m) => `+${num(m.growthMiB)} MiB (${num(m.baselineMiB)} → ${num(m.peakMiB)} MiB)`;

export function artifactsAzureSection(r, { machineLine }) {
  const lines = ["## 0. Artifacts on Azure Blob (Azurite): the studio vs the SDK direct\n", machineLine, ""];
  lines.push(
    `**Setup.** Azurite (Microsoft's emulator, from npm) on 127.0.0.1 with a temp folder; a ${num(r.sizeMiB, 0)} MiB file of random bytes. Baseline: \`@azure/storage-blob\` in the benchmark's own process moving the file to and from the same Azurite directly, two ways each (upload: \`uploadFile\` and \`uploadStream\`, 8 MiB blocks, 4 in flight; download: \`downloadToFile\` and a streamed \`download()\`); the faster of each direction is the baseline. Then a studio (SQLite metadata, \`STUDIO_ARTIFACT_ROOT=azure://studio/artifacts\`, one process) takes the same file as one streamed \`PUT /api/2.0/mlflow-artifacts/artifacts/…/big.bin\` and gives it back on \`GET\`, after one 8 MiB warm-up round trip (so the memory figure is what streaming costs, not the SDK's modules loading once per process; the studio stages 4 MiB blocks from a pool of 5 reused buffers, 4 in flight); the benchmark checks the blob landed in Azurite at full size and the sha256 of the round trip. The studio's resident memory is sampled during each transfer (VmRSS every 10 ms, plus VmHWM).`,
    "",
  );
  if (r.error) {
    lines.push(`**Failed:** ${r.error}`, "");
    return {
      md: lines.join("\n"),
      summary: [`| Azure Blob artifacts | failed: ${r.error.slice(0, 80)} | ❌ |`],
      headlines: [`artifacts-azure: failed: ${r.error}`],
    };
  }
  const s = r.sdk;
  lines.push(
    "| Transfer | MiB/s | ÷ SDK direct | Studio RSS growth |",
    "|---|---:|---:|---:|",
    `| SDK upload direct (baseline): \`uploadFile\` / \`uploadStream\` | ${num(s.uploadFile)} / ${num(s.uploadStream)} | 1.00× | – |`,
    `| Studio upload (PUT through the proxy) | ${num(r.uploadMiBs)} | ${x(r.uploadRatio)} | ${rssText(r.uploadRss)} |`,
    `| SDK download direct (baseline): \`downloadToFile\` / stream | ${num(s.downloadToFile)} / ${num(s.downloadStream)} | 1.00× | – |`,
    `| Studio download (GET through the proxy) | ${num(r.downloadMiBs)} | ${x(r.downloadRatio)} | ${rssText(r.downloadRss)} |`,
    "",
    `Stored in Azurite at full size: ${r.storedInAzurite ? "yes" : "**no**"}; round trip sha256: ${r.roundTripOk ? "identical" : "**MISMATCH**"} (SDK's own: ${r.sdkRoundTripOk ? "identical" : "**MISMATCH**"}).`,
    "",
  );
  const rssMax = Math.max(r.uploadRss.growthMiB, r.downloadRss.growthMiB);
  return {
    md: lines.join("\n"),
    summary: [
      `| Azure Blob: upload through the studio ≥ 0.7× the SDK direct | ${x(r.uploadRatio)} | ${mark(r.uploadRatio >= 0.7)} |`,
      `| Azure Blob: download through the studio ≥ 0.7× the SDK direct | ${x(r.downloadRatio)} | ${mark(r.downloadRatio >= 0.7)} |`,
      `| Azure Blob: studio RSS growth < 64 MiB (upload / download) | ${num(r.uploadRss.growthMiB)} / ${num(r.downloadRss.growthMiB)} MiB | ${mark(rssMax < 64)} |`,
      `| Azure Blob: stored in Azurite, sha256 round trip | ${r.storedInAzurite && r.roundTripOk ? "identical" : "mismatch"} | ${mark(r.storedInAzurite && r.roundTripOk)} |`,
    ],
    headlines: [
      `artifacts-azure (${r.sizeMiB} MiB): upload ${x(r.uploadRatio)}, download ${x(r.downloadRatio)} of the SDK direct; RSS +${num(r.uploadRss.growthMiB)} / +${num(r.downloadRss.growthMiB)} MiB`,
    ],
  };
}

/** CPU milliseconds per completed request, by party. */
function perRequest(o) {
  const n = o.completed || 1;
  const ms = (s) => (s == null ? null : (1000 * s) / n);
  return {
    studio: ms(o.serverCpuS),
    pg: ms(o.dbCpuS),
    nginx: ms(o.nginxCpuS),
    load: ms(o.loadCpuS),
    other: ms(o.otherCpuS),
    busy: ms(o.busyCpuS),
  };
}

export function replicasSection(r, { machineLine }) {
  const lines = ["## 0. Tracking through 1, 2 and 3 replicas behind nginx (PostgreSQL)\n", machineLine, ""];
  const cfg = r.config || {};
  lines.push(
    `**Setup.** The deployment of \`docs/deploy.md\` on one machine: a durable PostgreSQL cluster, Azurite for artifacts, ${r.configs?.length ? r.configs.length - 1 : 3} studio replicas of one process each (\`STUDIO_WORKERS=1\`), and nginx (Debian's, the config of \`scripts/lib/nginx.mjs\`: round robin, keepalive) in front of the first *k* of them. All replicas share one database seeded with ${cfg.seedRuns} runs and ${cfg.seedExperiments} experiments. ${cfg.clients} closed-loop clients for ${cfg.durationS} s after ${cfg.warmupS} s of warm-up per operation and configuration, measured back to back. The baseline is **1 replica behind the same nginx**; "no proxy" shows what nginx itself costs. CPU seconds of every party are read from /proc for each window: the studios, PostgreSQL's backends, nginx, the load generator, and the rest of the machine.`,
    "",
  );
  if (r.error && !r.configs?.some((c) => Object.keys(c.ops).length)) {
    lines.push(`**Failed:** ${r.error}`, "");
    return {
      md: lines.join("\n"),
      summary: [`| Replicas | failed: ${r.error.slice(0, 80)} | ❌ |`],
      headlines: [`replicas: failed: ${r.error}`],
    };
  }
  if (r.error) lines.push(`**Stopped early:** ${r.error}`, "");
  const configs = r.configs;
  const base = configs.find((c) => c.id === "nginx-1");
  const top = configs[configs.length - 1];
  const ops = Object.keys(base.ops);
  lines.push(
    `| Operation | ${configs.map((c) => c.label).join(" | ")} | ${top.replicas} ÷ 1 |`,
    `|---|${configs.map(() => "---:").join("|")}|---:|`,
  );
  const ratios = [];
  for (const op of ops) {
    const cells = configs.map((c) => {
      const o = c.ops[op];
      if (!o) return "–";
      return `${num(o.rps)} req/s, p50 ${num(o.p50)} ms${o.errors ? `, **${o.errors} errors**` : ""}`;
    });
    const k = ratio(top.ops[op]?.rps, base.ops[op]?.rps);
    ratios.push({ op, k });
    lines.push(`| ${op} | ${cells.join(" | ")} | ${x(k)} |`);
  }
  lines.push("", `**Where the cores went** (CPU ms per completed request; the machine has ${r.cores} cores):`, "");
  lines.push(
    "| Operation | Configuration | studios | PostgreSQL | nginx | load generator | rest | machine busy |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  );
  for (const op of ops) {
    for (const c of configs) {
      const o = c.ops[op];
      if (!o) continue;
      const p = perRequest(o);
      const busyPct = (100 * (o.busyCpuS ?? 0)) / (o.seconds * r.cores);
      lines.push(
        `| ${op} | ${c.label} | ${num(p.studio, 2)} | ${num(p.pg, 2)} | ${num(p.nginx, 2)} | ${num(p.load, 2)} | ${num(p.other, 2)} | ${num(busyPct, 0)}% |`,
      );
    }
  }
  // Where scaling stops: the replicas add processes, not cores. Once the machine is busy, another
  // replica only moves CPU around; the ceiling is cores ÷ the CPU one request costs everyone.
  const saturated = ops.filter((op) => {
    const o = top.ops[op];
    return o && o.busyCpuS / (o.seconds * r.cores) > 0.9;
  });
  const pgHeavy = ops.filter((op) => {
    const p = perRequest(top.ops[op] || {});
    return p.pg != null && p.studio != null && p.pg > p.studio;
  });
  lines.push(
    "",
    `**Where it stops scaling, and why.** A one-process replica runs its JavaScript on one core, so going from 1 to 2 replicas lets the studio use the second core; beyond the core count, a replica adds a process but no CPU. On this ${r.cores}-core machine the studios, PostgreSQL, nginx and the load generator all share the same cores: with ${top.replicas} replicas the machine was more than 90% busy on ${saturated.length ? saturated.map((o) => `\`${o}\``).join(", ") : "no operation"}, so there the ceiling is the cores, not the studio: adding replicas only divides the same CPU. ${pgHeavy.length ? `PostgreSQL spends more CPU per request than the studios on ${pgHeavy.map((o) => `\`${o}\``).join(", ")}: on real hardware those scale with the database server, not with replicas. ` : ""}The table above is the budget to size a real deployment with: replicas on their own machines scale the studio's share (the \`studios\` column) linearly until PostgreSQL's share saturates the database server; nginx costs a fraction of a millisecond per request.`,
    "",
  );
  return {
    md: lines.join("\n"),
    summary: [
      `| Replicas: ${top.replicas} replicas ÷ 1 replica behind nginx (reported, no target) | ${ratios.map((q) => `${q.op} ${x(q.k)}`).join(", ")} | – |`,
      `| Replicas: no errors through nginx | ${configs.reduce((n, c) => n + Object.values(c.ops).reduce((m, o) => m + (o.errors || 0), 0), 0)} errors | ${mark(configs.every((c) => Object.values(c.ops).every((o) => !o.errors)))} |`,
    ],
    headlines: [`replicas: ${top.replicas} ÷ 1 → ${ratios.map((q) => `${q.op} ${x(q.k)}`).join(", ")}`],
  };
}
