// Hand-written hostile requests for the fuzz suite: what a property-based fuzzer rarely builds on
// its own — real ids with broken paths, traversal in every spelling, bad encodings at every layer,
// bodies that are huge or deeply nested, wrong content types and methods. Each must be answered
// with a status below 500, and no answer may name a server path.

export type HostileCase = {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
};
export type Seed = { exp: string; run: string; model: string; upload: string };

const TRAVERSALS = [
  "..",
  "../..",
  "../../etc/passwd",
  "%2e%2e",
  "%2e%2e%2f%2e%2e",
  "%252e%252e%252f",
  "..%2f..%2fetc",
  "..%5c..%5cwindows",
  "%c0%ae%c0%ae/%c0%ae%c0%ae",
  "a/../../b",
  "a/./b",
  "/etc/passwd",
  "//etc/passwd",
  "~/x",
  "C:%5cwindows",
  "a%00b",
  "%00",
  "a%0ab",
  "registry",
  "registry/1",
  "uploads",
  ".studio-staging",
  ".studio-staging/x",
  "a%2f..%2f..%2fb",
  "%ff%fe",
  "%e0%a4%a",
  "%ed%a0%80",
  "日".repeat(100),
  "x".repeat(300),
  `${"a/".repeat(2100)}x`,
];

const enc = (s: string) =>
  s
    .split("/")
    .map((p) => (/%/.test(p) ? p : encodeURIComponent(p)))
    .join("/");
const json = (v: unknown) => JSON.stringify(v);
const JSON_HEADERS = { "content-type": "application/json" };

/** `[[[[...]]]]` nested `depth` deep, as raw JSON text. */
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

export function hostileCases(seed: Seed): HostileCase[] {
  const { exp, run, model, upload } = seed;
  const runBase = `${exp}/${run}/artifacts`;
  const cases: HostileCase[] = [];
  const add = (c: HostileCase) => cases.push(c);

  // Traversal and odd names on every path-taking route.
  for (const t of TRAVERSALS) {
    const p = enc(t);
    add({ name: `artifact GET ${t}`, method: "GET", path: `/api/2.0/mlflow-artifacts/artifacts/${p}` });
    add({ name: `artifact GET under run ${t}`, method: "GET", path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/${p}` });
    add({ name: `artifact PUT ${t}`, method: "PUT", path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/${p}`, body: "x" });
    add({ name: `artifact DELETE ${t}`, method: "DELETE", path: `/api/2.0/mlflow-artifacts/artifacts/${p}` });
    add({ name: `artifact list ${t}`, method: "GET", path: `/api/2.0/mlflow-artifacts/artifacts?path=${p}` });
    add({
      name: `mpu create ${t}`,
      method: "POST",
      path: `/api/2.0/mlflow-artifacts/mpu/create/${p}`,
      headers: JSON_HEADERS,
      body: json({ path: "f.bin", num_parts: 2 }),
    });
    add({ name: `job list ${t}`, method: "GET", path: `/api/studio/jobs/${run}/list?path=${p}` });
    add({ name: `job file ${t}`, method: "GET", path: `/api/studio/jobs/${run}/file?path=${p}` });
    add({ name: `job zip ${t}`, method: "GET", path: `/api/studio/jobs/${run}/zip?path=${p}` });
    add({ name: `version file ${t}`, method: "GET", path: `/api/studio/models/${encodeURIComponent(model)}/versions/1/file?path=${p}` });
    add({ name: `upload file ${t}`, method: "PUT", path: `/api/studio/uploads/${upload}/files/${p}`, body: "x" });
    add({
      name: `inspect mlflow-artifacts:/${t}`,
      method: "GET",
      path: `/api/studio/inspect?source=${encodeURIComponent(`mlflow-artifacts:/${t}`)}`,
    });
    add({ name: `inspect runs:/ ${t}`, method: "GET", path: `/api/studio/inspect?source=${encodeURIComponent(`runs:/${run}/${t}`)}` });
    add({
      name: `register ${t}`,
      method: "POST",
      path: "/api/2.0/mlflow/model-versions/create",
      headers: JSON_HEADERS,
      body: json({ name: model, source: `mlflow-artifacts:/${t}` }),
    });
    add({ name: `page /jobs/${t}`, method: "GET", path: `/jobs/${p}` });
    add({ name: `page /models/${t}`, method: "GET", path: `/models/${p}` });
    add({ name: `page version ${t}`, method: "GET", path: `/models/${encodeURIComponent(model)}/versions/${p}` });
  }

  // A file where a folder is expected, and a folder where a file is expected.
  add({ name: "PUT onto a folder", method: "PUT", path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/model`, body: "x" });
  add({ name: "PUT through a file", method: "PUT", path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/model/MLmodel/child`, body: "x" });
  add({ name: "GET through a file", method: "GET", path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/model/MLmodel/child` });
  add({ name: "DELETE through a file", method: "DELETE", path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/model/MLmodel/child` });
  add({ name: "GET a folder as a file", method: "GET", path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/model` });
  add({ name: "zip of a file", method: "GET", path: `/api/studio/jobs/${run}/zip?path=model/MLmodel` });
  add({
    name: "bad Range",
    method: "GET",
    path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/model/MLmodel`,
    headers: { range: "bytes=999999999999999999999-" },
  });
  add({
    name: "garbage Range",
    method: "GET",
    path: `/api/2.0/mlflow-artifacts/artifacts/${runBase}/model/MLmodel`,
    headers: { range: "bytes=-,,--5-2" },
  });

  // Encodings: lone surrogates, invalid UTF-8 bytes, overlong forms, BOMs, NULs.
  const lone = '"\\ud800"';
  for (const [endpoint, body] of [
    ["experiments/create", `{"name": ${lone}}`],
    ["experiments/create", `{"name": "ok-${Date.now()}", "tags": [{"key": "k", "value": ${lone}}]}`],
    ["registered-models/create", `{"name": ${lone}}`],
    ["registered-models/set-tag", `{"name": "${model}", "key": "k", "value": ${lone}}`],
    ["runs/search", `{"experiment_ids": ["${exp}"], "filter": "params.a = ${lone.slice(1, -1)}"}`],
    ["runs/set-tag", `{"run_id": "${run}", "key": "k", "value": ${lone}}`],
    ["runs/log-batch", `{"run_id": "${run}", "params": [{"key": ${lone}, "value": "v"}]}`],
    ["model-versions/create", `{"name": "${model}", "source": ${lone}}`],
    ["experiments/get-by-name", `{"experiment_name": ${lone}}`],
  ]) {
    add({ name: `lone surrogate ${endpoint}`, method: "POST", path: `/api/2.0/mlflow/${endpoint}`, headers: JSON_HEADERS, body });
  }
  const invalidUtf8 = new Uint8Array(
    Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc0, 0xae, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  );
  add({
    name: "invalid UTF-8 bytes in a JSON body",
    method: "POST",
    path: "/api/2.0/mlflow/experiments/create",
    headers: JSON_HEADERS,
    body: invalidUtf8,
  });
  add({ name: "BOM before JSON", method: "POST", path: "/api/2.0/mlflow/experiments/search", headers: JSON_HEADERS, body: "\ufeff{}" });
  add({
    name: "NUL in a name",
    method: "POST",
    path: "/api/2.0/mlflow/experiments/create",
    headers: JSON_HEADERS,
    body: json({ name: "a\u0000b" }),
  });
  add({
    name: "NUL in a tag key",
    method: "POST",
    path: "/api/2.0/mlflow/runs/set-tag",
    headers: JSON_HEADERS,
    body: json({ run_id: run, key: "a\u0000b", value: "v" }),
  });
  add({ name: "surrogate escape in a query", method: "GET", path: `/api/2.0/mlflow/experiments/get-by-name?experiment_name=%ED%A0%80` });
  add({ name: "bad escape in a query", method: "GET", path: `/api/2.0/mlflow/experiments/get-by-name?experiment_name=%E0%A4%A` });
  add({ name: "bad escape in an MLflow path", method: "GET", path: `/api/2.0/mlflow/%E0%A4%A` });

  // int64 and number edge cases.
  for (const v of ["99999999999999999999999", "-99999999999999999999999", "1e400", "NaN", "0x10", "1.5", "", " ", "9007199254740993"]) {
    add({
      name: `start_time ${v}`,
      method: "POST",
      path: "/api/2.0/mlflow/runs/create",
      headers: JSON_HEADERS,
      body: json({ experiment_id: exp, start_time: v }),
    });
    add({
      name: `step ${v}`,
      method: "POST",
      path: "/api/2.0/mlflow/runs/log-metric",
      headers: JSON_HEADERS,
      body: json({ run_id: run, key: "m", value: 1, timestamp: 1, step: v }),
    });
    add({
      name: `max_results ${v}`,
      method: "GET",
      path: `/api/2.0/mlflow/runs/search?experiment_ids=${exp}&max_results=${encodeURIComponent(v)}`,
    });
    add({
      name: `version ${v}`,
      method: "GET",
      path: `/api/2.0/mlflow/model-versions/get?name=${encodeURIComponent(model)}&version=${encodeURIComponent(v)}`,
    });
    add({ name: `experiment id ${v}`, method: "GET", path: `/api/2.0/mlflow/experiments/get?experiment_id=${encodeURIComponent(v)}` });
  }
  add({
    name: "metric value 1e400",
    method: "POST",
    path: "/api/2.0/mlflow/runs/log-batch",
    headers: JSON_HEADERS,
    body: `{"run_id": "${run}", "metrics": [{"key": "big", "value": 1e400, "timestamp": 1, "step": 0}]}`,
  });

  // Search bounds.
  const clauses = (n: number) => Array.from({ length: n }, (_, i) => `params.p${i} = 'x'`).join(" and ");
  add({
    name: "1,001 clauses",
    method: "POST",
    path: "/api/2.0/mlflow/runs/search",
    headers: JSON_HEADERS,
    body: json({ experiment_ids: [exp], filter: clauses(1001) }),
  });
  add({
    name: "1,001 clauses on logged models",
    method: "POST",
    path: "/api/2.0/mlflow/logged-models/search",
    headers: JSON_HEADERS,
    body: json({ experiment_ids: [exp], filter: clauses(1001) }),
  });
  add({
    name: "1,000 order_by",
    method: "POST",
    path: "/api/2.0/mlflow/runs/search",
    headers: JSON_HEADERS,
    body: json({ experiment_ids: [exp], order_by: Array.from({ length: 1000 }, (_, i) => `metrics.m${i}`) }),
  });
  add({
    name: "100k experiment ids",
    method: "POST",
    path: "/api/2.0/mlflow/runs/search",
    headers: JSON_HEADERS,
    body: json({ experiment_ids: Array.from({ length: 100_000 }, (_, i) => String(i)) }),
  });
  add({
    name: "30k-item IN list",
    method: "POST",
    path: "/api/2.0/mlflow/runs/search",
    headers: JSON_HEADERS,
    body: json({ experiment_ids: [exp], filter: `attributes.run_id IN (${Array.from({ length: 30_000 }, (_, i) => `'${i}'`).join(",")})` }),
  });
  add({
    name: "registry 1,001 clauses",
    method: "GET",
    path: `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(Array.from({ length: 1001 }, () => "name = 'x'").join(" AND "))}`,
  });
  add({ name: "malformed page token", method: "GET", path: `/api/2.0/mlflow/registered-models/search?page_token=%%%%` });
  add({
    name: "page token with a huge offset",
    method: "GET",
    path: `/api/2.0/mlflow/registered-models/search?page_token=${btoa('{"offset": 99999999999999999999}')}`,
  });

  // Huge and deeply nested bodies.
  add({
    name: "25 MB JSON body",
    method: "POST",
    path: "/api/2.0/mlflow/runs/log-batch",
    headers: JSON_HEADERS,
    body: json({ run_id: run, tags: [{ key: "k", value: "v".repeat(25 * 1024 * 1024) }] }),
  });
  add({
    name: "deeply nested array",
    method: "POST",
    path: "/api/2.0/mlflow/runs/log-batch",
    headers: JSON_HEADERS,
    body: `{"run_id": "${run}", "metrics": ${nested(200_000)}}`,
  });
  add({
    name: "deeply nested object",
    method: "POST",
    path: "/api/2.0/mlflow/experiments/create",
    headers: JSON_HEADERS,
    body: `{"name": ${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}`,
  });
  add({
    name: "10k metrics in one batch",
    method: "POST",
    path: "/api/2.0/mlflow/runs/log-batch",
    headers: JSON_HEADERS,
    body: json({ run_id: run, metrics: Array.from({ length: 10_000 }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 1, step: 0 })) }),
  });
  add({
    name: "200 KB param value",
    method: "POST",
    path: "/api/2.0/mlflow/runs/log-parameter",
    headers: JSON_HEADERS,
    body: json({ run_id: run, key: "big", value: "x".repeat(200_000) }),
  });
  add({
    name: "10 MB tag key",
    method: "POST",
    path: "/api/2.0/mlflow/runs/set-tag",
    headers: JSON_HEADERS,
    body: json({ run_id: run, key: "k".repeat(10_000_000), value: "v" }),
  });
  add({
    name: "5 MB registry description",
    method: "PATCH",
    path: "/api/2.0/mlflow/registered-models/update",
    headers: JSON_HEADERS,
    body: json({ name: model, description: "d".repeat(5_000_000) }),
  });
  add({
    name: "2 MB studio register body",
    method: "POST",
    path: "/api/studio/register",
    headers: JSON_HEADERS,
    body: json({ name: model, source: "x".repeat(2_000_000) }),
  });

  // Wrong shapes, content types and methods.
  for (const body of [
    "null",
    "[]",
    "42",
    '"x"',
    "{",
    "{}}",
    "tru",
    '{"name": {"$gt": ""}}',
    '{"__proto__": {"admin": true}, "name": "p"}',
  ]) {
    add({ name: `body ${body.slice(0, 20)}`, method: "POST", path: "/api/2.0/mlflow/experiments/create", headers: JSON_HEADERS, body });
    add({ name: `studio body ${body.slice(0, 20)}`, method: "POST", path: "/api/studio/register", headers: JSON_HEADERS, body });
  }
  add({
    name: "form body to a JSON endpoint",
    method: "POST",
    path: "/api/2.0/mlflow/experiments/create",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "name=x",
  });
  add({
    name: "multipart body to a JSON endpoint",
    method: "POST",
    path: "/api/studio/register",
    headers: { "content-type": "multipart/form-data; boundary=x" },
    body: "--x\r\n\r\n--x--",
  });
  for (const method of ["TRACE", "OPTIONS", "PATCH", "PUT", "DELETE"]) {
    add({ name: `${method} on MLflow create`, method, path: "/api/2.0/mlflow/experiments/create" });
    add({ name: `${method} on a studio route`, method, path: "/api/studio/inspect?source=x" });
    add({ name: `${method} on a page`, method, path: "/jobs" });
  }
  add({ name: "unknown MLflow endpoint", method: "POST", path: "/api/2.0/mlflow/nope/nope", headers: JSON_HEADERS, body: "{}" });
  add({ name: "unknown API version", method: "GET", path: "/api/9.9/mlflow/experiments/search" });
  add({ name: "multipart part with a bogus id", method: "PUT", path: "/api/2.0/mlflow-artifacts/mpu/part/../../x/1", body: "x" });
  add({ name: "multipart part number 0", method: "PUT", path: `/api/2.0/mlflow-artifacts/mpu/part/${"0".repeat(32)}/0`, body: "x" });
  add({
    name: "multipart complete with no parts",
    method: "POST",
    path: `/api/2.0/mlflow-artifacts/mpu/complete/${runBase}`,
    headers: JSON_HEADERS,
    body: json({ upload_id: "0".repeat(32), parts: [] }),
  });
  add({
    name: "num_parts 10^9",
    method: "POST",
    path: `/api/2.0/mlflow-artifacts/mpu/create/${runBase}`,
    headers: JSON_HEADERS,
    body: json({ path: "f", num_parts: 1e9 }),
  });

  // Pages with hostile query strings.
  for (const q of [
    "size=-1",
    "size=99999999",
    "page=%%%",
    "sort=metrics.%60x%60%20DESC",
    "q=%ED%A0%80",
    `filter=${encodeURIComponent(clauses(150))}`,
    "exp=abc&exp=%00",
    "tab=%3Cscript%3E",
  ]) {
    add({ name: `/jobs?${q}`, method: "GET", path: `/jobs?${q}` });
    add({ name: `/models?${q}`, method: "GET", path: `/models?${q}` });
    add({ name: `/jobs/run?${q}`, method: "GET", path: `/jobs/${run}?${q}` });
    add({ name: `/models/name/versions/1?${q}`, method: "GET", path: `/models/${encodeURIComponent(model)}/versions/1?${q}` });
  }
  return cases;
}
