// Hostile and mistaken requests: each answers as MLflow would (a 4xx with {error_code, message}),
// never a 500, never a server path in a message, and never breaks a page for other users.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API, ARTIFACT_BACKEND, ARTIFACTS, BASE, call, newExperiment, newRun, uniq } from "./client";

const dataDir = process.env.STUDIO_DATA_DIR!;

/** Every message must be free of the server's own paths (data dir, repo, home). */
function expectNoServerPath(text: string) {
  expect(text).not.toContain(dataDir);
  expect(text).not.toContain(path.resolve("."));
  expect(text).not.toMatch(/\/(tmp|root|home|work)\//);
}

async function expectClientError(res: Response, codes: string[] = ["INVALID_PARAMETER_VALUE"]) {
  const text = await res.text();
  expect(res.status, text).toBeGreaterThanOrEqual(400);
  expect(res.status, text).toBeLessThan(500);
  const body = JSON.parse(text);
  expect(codes, text).toContain(body.error_code);
  expect(typeof body.message).toBe("string");
  expectNoServerPath(text);
  return body as { error_code: string; message: string };
}

async function runWithFile(): Promise<{ base: string; exp: string; run: string }> {
  const exp = await newExperiment();
  const run = await newRun(exp);
  const base = `${exp}/${run}/artifacts`;
  expect((await fetch(`${ARTIFACTS}/${base}/model/MLmodel`, { method: "PUT", body: "flavors: {}\n" })).status).toBe(200);
  expect((await fetch(`${ARTIFACTS}/${base}/file.txt`, { method: "PUT", body: "x" })).status).toBe(200);
  return { base, exp, run };
}

describe("artifact store errors are client errors", () => {
  it("refuses a file onto a folder quickly with a 400", async () => {
    const { base } = await runWithFile();
    const started = Date.now();
    const body = await expectClientError(await fetch(`${ARTIFACTS}/${base}/model`, { method: "PUT", body: "x" }));
    expect(body.message).toContain("folder");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("refuses paths through a file (ENOTDIR) on PUT, GET, list and DELETE without leaking paths", async () => {
    const { base } = await runWithFile();
    await expectClientError(await fetch(`${ARTIFACTS}/${base}/file.txt/child.txt`, { method: "PUT", body: "x" }));
    await expectClientError(await fetch(`${ARTIFACTS}/${base}/file.txt/child.txt`), ["RESOURCE_DOES_NOT_EXIST"]);
    const listed = await fetch(`${ARTIFACTS}?path=${encodeURIComponent(`${base}/file.txt/x`)}`);
    expect(listed.status).toBe(200); // MLflow answers a missing folder with an empty listing
    expect(await listed.json()).toEqual({});
    const del = await fetch(`${ARTIFACTS}/${base}/file.txt/x`, { method: "DELETE" });
    expect(del.status).toBeLessThan(500);
    expectNoServerPath(await del.text());
  });

  // Symbolic links exist only in a local folder; object stores have nothing to follow.
  it.runIf(ARTIFACT_BACKEND === "local")("refuses a symlink that leads outside the store with a 400", async () => {
    const { base } = await runWithFile();
    const outside = fs.mkdtempSync(path.join(path.dirname(dataDir), "outside-"));
    fs.writeFileSync(path.join(outside, "secret.txt"), "secret");
    fs.symlinkSync(outside, path.join(dataDir, "artifacts", base, "link"));
    await expectClientError(await fetch(`${ARTIFACTS}/${base}/link/secret.txt`));
    await expectClientError(await fetch(`${ARTIFACTS}/${base}/link/new.txt`, { method: "PUT", body: "x" }));
    expect(fs.readdirSync(outside)).toEqual(["secret.txt"]);
  });

  it("counts name length in bytes: a 300-byte UTF-8 name is a 400 everywhere", async () => {
    const { base, run } = await runWithFile();
    const long = encodeURIComponent("日".repeat(100));
    await expectClientError(await fetch(`${ARTIFACTS}/${base}/${long}`, { method: "PUT", body: "x" }));
    await expectClientError(await fetch(`${ARTIFACTS}/${base}/${long}`));
    await expectClientError(await fetch(`${BASE}/api/studio/jobs/${run}/list?path=${long}`));
    const upload = (await (await fetch(`${BASE}/api/studio/uploads`, { method: "POST" })).json()).upload_id;
    await expectClientError(await fetch(`${BASE}/api/studio/uploads/${upload}/files/${long}`, { method: "PUT", body: "x" }));
  });

  it("never hides real files whose names look like the studio's temp files", async () => {
    const { base } = await runWithFile();
    expect((await fetch(`${ARTIFACTS}/${base}/a.studio-tmp-123`, { method: "PUT", body: "kept" })).status).toBe(200);
    const listing = await (await fetch(`${ARTIFACTS}?path=${encodeURIComponent(base)}`)).json();
    expect(listing.files.map((f: { path: string }) => f.path)).toContain("a.studio-tmp-123");
    // The staging folder itself is the studio's: not listed at the root, not writable.
    const root = await (await fetch(`${ARTIFACTS}?path=`)).json();
    expect((root.files ?? []).map((f: { path: string }) => f.path)).not.toContain(".studio-staging");
    await expectClientError(await fetch(`${ARTIFACTS}/.studio-staging/x`, { method: "PUT", body: "x" }));
  });
});

describe("registration sources", () => {
  it.each([
    "mlflow-artifacts:/",
    "mlflow-artifacts:/registry",
    "mlflow-artifacts:/registry/1",
    "mlflow-artifacts:/uploads",
    "mlflow-artifacts:/.studio-staging",
  ])("refuses %s with a 400", async (source) => {
    const name = uniq("hostile-src");
    expect((await call("POST", "registered-models/create", { name })).status).toBe(200);
    const res = await fetch(`${API}/model-versions/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, source }),
    });
    await expectClientError(res, ["INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST"]);
    const studio = await fetch(`${BASE}/api/studio/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, source }),
    });
    await expectClientError(studio, ["INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST"]);
  });

  it("reports the real size of an oversized MLmodel", async () => {
    const { base } = await runWithFile();
    const big = Buffer.alloc(50 * 1000 * 1000, "a");
    expect((await fetch(`${ARTIFACTS}/${base}/huge/MLmodel`, { method: "PUT", body: big })).status).toBe(200);
    const res = await fetch(`${BASE}/api/studio/inspect?source=${encodeURIComponent(`mlflow-artifacts:/${base}/huge`)}`);
    const text = await res.text();
    expect(text).toContain("(50 MB; the limit is 1 MB)");
  });
});

describe("int64 fields", () => {
  const tooBig = "99999999999999999999999";
  it.each([
    ["runs/create", { experiment_id: "0", start_time: tooBig }],
    ["runs/create", { experiment_id: "0", start_time: 1e23 }],
    ["runs/create", { experiment_id: "0", start_time: 1.5 }],
    ["runs/search", { experiment_ids: ["0"], max_results: tooBig }],
    ["experiments/search", { max_results: `-${tooBig}` }],
    ["registered-models/search", { max_results: tooBig }],
  ])("%s refuses %j", async (endpoint, body) => {
    const res = await fetch(`${API}/${endpoint}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await expectClientError(res);
  });

  it("refuses out-of-range end_time, metric timestamps and steps", async () => {
    const run = await newRun(await newExperiment());
    await expectClientError(
      await fetch(`${API}/runs/update`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ run_id: run, end_time: `-${tooBig}` }),
      }),
    );
    await expectClientError(
      await fetch(`${API}/runs/log-metric`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ run_id: run, key: "m", value: 1, timestamp: 1, step: tooBig }),
      }),
    );
    await expectClientError(
      await fetch(`${API}/runs/log-batch`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ run_id: run, metrics: [{ key: "m", value: 1, timestamp: tooBig, step: 0 }] }),
      }),
    );
    // The run is unharmed and the Jobs page still renders.
    expect((await call("GET", "runs/get", { run_id: run })).status).toBe(200);
    expect((await fetch(`${BASE}/jobs`)).status).toBe(200);
    expect((await fetch(`${BASE}/jobs/${run}`)).status).toBe(200);
  });
});

describe("ill-formed strings", () => {
  const lone = '"\\ud800"';
  it.each([
    ["experiments/create", `{"name": ${lone}}`],
    ["registered-models/create", `{"name": ${lone}}`],
    ["runs/search", `{"experiment_ids": ["0"], "filter": ${lone}}`],
    ["experiments/create", `{"name": "ok", "tags": [{"key": ${lone}, "value": "v"}]}`],
  ])("%s refuses a lone surrogate", async (endpoint, body) => {
    await expectClientError(await fetch(`${API}/${endpoint}`, { method: "POST", headers: { "content-type": "application/json" }, body }));
  });

  it("refuses lone surrogates in run writes", async () => {
    const run = await newRun(await newExperiment());
    await expectClientError(
      await fetch(`${API}/runs/set-tag`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"run_id": "${run}", "key": "k", "value": ${lone}}`,
      }),
    );
    await expectClientError(
      await fetch(`${API}/runs/log-parameter`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"run_id": "${run}", "key": ${lone}, "value": "v"}`,
      }),
    );
    await expectClientError(
      await fetch(`${API}/runs/log-batch`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"run_id": "${run}", "metrics": [{"key": ${lone}, "value": 1, "timestamp": 1}]}`,
      }),
    );
  });
});

describe("search bounds", () => {
  it("refuses more clauses or order_by keys than the database can take, with a clear message", async () => {
    const exp = await newExperiment();
    const filter = Array.from({ length: 1001 }, (_, i) => `params.p${i} = 'x'`).join(" and ");
    const runs = await expectClientError(
      await fetch(`${API}/runs/search`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ experiment_ids: [exp], filter }),
      }),
    );
    expect(runs.message).toMatch(/clauses/);
    const lm = await fetch(`${API.replace("2.0", "3.0")}/logged-models/search`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ experiment_ids: [exp], filter: Array.from({ length: 1001 }, (_, i) => `params.p${i} = 'x'`).join(" AND ") }),
    });
    await expectClientError(lm);
    const order_by = Array.from({ length: 1000 }, (_, i) => `params.p${i}`);
    await expectClientError(
      await fetch(`${API}/runs/search`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ experiment_ids: [exp], order_by }),
      }),
    );
    const ok = await call("POST", "runs/search", {
      experiment_ids: [exp],
      filter: Array.from({ length: 100 }, (_, i) => `params.p${i} = 'x'`).join(" and "),
    });
    expect(ok.status).toBe(200);
  });
});

describe("malformed percent escapes in URLs", () => {
  it.each(["/jobs/%E0%A4%A", "/models/%E0%A4%A", "/models/%E0%A4%A/versions/1", "/api/studio/jobs/%E0%A4%A/list", "/jobs/%"])(
    "%s is a 4xx, not a 500",
    async (p) => {
      const res = await fetch(`${BASE}${p}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await fetch(`${BASE}/health`)).status).toBe(200);
    },
  );
});

describe("uploads", () => {
  it("charges a re-sent file once", async () => {
    // 48 MiB limit in the test studio: 30 + 30 again (a retry) must fit, 30 + 30 under two names must not.
    const id = (await (await fetch(`${BASE}/api/studio/uploads`, { method: "POST" })).json()).upload_id;
    const chunk = Buffer.alloc(30 * 1024 * 1024, 1);
    const put = (name: string) => fetch(`${BASE}/api/studio/uploads/${id}/files/${name}`, { method: "PUT", body: chunk });
    expect((await put("w.bin")).status).toBe(200);
    expect((await put("w.bin")).status).toBe(200);
    expect((await put("w.bin")).status).toBe(200);
    await expectClientError(await put("other.bin"));
  });
});
