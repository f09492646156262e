import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, artifactKeys, BASE, call, newExperiment, newRun, uniq } from "./client";

const dataDir = process.env.STUDIO_DATA_DIR!;
const MLMODEL = "artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n";

async function put(key: string, body: string) {
  const res = await fetch(`${ARTIFACTS}/${key.split("/").map(encodeURIComponent).join("/")}`, { method: "PUT", body });
  if (res.status !== 200) throw new Error(`upload ${key}: ${res.status}`);
}

async function runWithFiles(files: Record<string, string>) {
  const exp = await newExperiment();
  const run = await newRun(exp);
  for (const [p, body] of Object.entries(files)) await put(`${exp}/${run}/artifacts/${p}`, body);
  return { exp, run };
}

async function studioRegister(body: Record<string, unknown>) {
  const res = await fetch(`${BASE}/api/studio/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe("model registry API", () => {
  it("registers runs:/ and azureml:// forms of the same output as consecutive versions with snapshots", async () => {
    const { exp, run } = await runWithFiles({ "model/MLmodel": MLMODEL, "model/model.pkl": "weights-v1" });
    const name = uniq("diabetes");
    expect((await call("POST", "registered-models/create", { name })).status).toBe(200);
    const v1 = await call("POST", "model-versions/create", { name, source: `runs:/${run}/model`, run_id: run });
    expect(v1.status).toBe(200);
    expect(v1.body.model_version).toMatchObject({ name, version: "1", status: "READY", run_id: run, source: `runs:/${run}/model` });
    const v2 = await call("POST", "model-versions/create", { name, source: `azureml://jobs/${run}/outputs/artifacts/paths/model/` });
    expect(v2.body.model_version).toMatchObject({ version: "2", status: "READY", run_id: run });

    // The snapshot survives the job's outputs changing or disappearing.
    const uri = (await call("GET", "model-versions/get-download-uri", { name, version: "1" })).body.artifact_uri as string;
    expect(uri).toMatch(/^mlflow-artifacts:\/registry\//);
    await put(`${exp}/${run}/artifacts/model/model.pkl`, "weights-v2");
    await fetch(`${ARTIFACTS}/${exp}/${run}/artifacts/model`, { method: "DELETE" });
    const key = uri.replace("mlflow-artifacts:/", "");
    expect(await (await fetch(`${ARTIFACTS}/${key}/model.pkl`)).text()).toBe("weights-v1");
    // …and cannot be changed through the artifact proxy.
    expect((await fetch(`${ARTIFACTS}/${key}/model.pkl`, { method: "PUT", body: "tampered" })).status).toBe(403);
    expect((await fetch(`${ARTIFACTS}/${key}`, { method: "DELETE" })).status).toBe(403);
  });

  it("detects and validates MLflow, Triton and Custom types", async () => {
    const { run } = await runWithFiles({
      "triton/config.pbtxt": 'name: "tri"\nplatform: "onnxruntime_onnx"\nmax_batch_size: 8\n',
      "triton/1/model.onnx": "onnx-bytes",
      "custom/weights.bin": "bytes",
      "broken/MLmodel": "flavors: [unclosed",
      "empty-ish/.keep": "",
    });
    const tri = await studioRegister({ name: uniq("tri"), source: `runs:/${run}/triton` });
    expect(tri).toMatchObject({ status: 200, body: { model_version: { version: "1", model_type: "TRITON" } } });
    const custom = await studioRegister({ name: uniq("custom"), source: `runs:/${run}/custom` });
    expect(custom.body.model_version.model_type).toBe("CUSTOM");

    const notMlflow = await studioRegister({ name: uniq("bad"), source: `runs:/${run}/custom`, type: "MLFLOW" });
    expect(notMlflow).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(notMlflow.body.message).toContain("MLmodel");
    const notTriton = await studioRegister({ name: uniq("bad"), source: `runs:/${run}/custom`, type: "TRITON" });
    expect(notTriton.status).toBe(400);
    expect(notTriton.body.message).toMatch(/config\.pbtxt/);
    const broken = await studioRegister({ name: uniq("bad"), source: `runs:/${run}/broken` });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/MLmodel/);
    const missing = await studioRegister({ name: uniq("bad"), source: `runs:/${run}/nope` });
    expect(missing).toMatchObject({ status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST" } });
    const noJob = await studioRegister({
      name: uniq("bad"),
      source: "azureml://jobs/0123456789abcdef0123456789abcdef/outputs/artifacts/paths/model/",
    });
    expect(noJob.status).toBe(404);
    const badName = await studioRegister({ name: "a/b", source: `runs:/${run}/custom` });
    expect(badName).toMatchObject({ status: 400, body: { errors: { name: expect.stringContaining("/") } } });
    // None of the failures left a model behind.
    const search = await call("GET", "registered-models/search", { filter: "name LIKE 'bad-%'" });
    expect(search.body.registered_models ?? []).toEqual([]);
  });

  it("gives 50 concurrent registrations of one name versions 1..50", async () => {
    const { run } = await runWithFiles({ "model/MLmodel": MLMODEL, "model/model.pkl": "w" });
    const name = uniq("concurrent");
    await call("POST", "registered-models/create", { name });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call("POST", "model-versions/create", { name, source: `runs:/${run}/model` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const versions = results.map((r) => Number((r.body.model_version as { version: string }).version)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const all = await call("GET", "model-versions/search", { filter: `name='${name}'`, max_results: 100 });
    expect((all.body.model_versions as unknown[]).length).toBe(50);
  });

  it("leaves no row and no files when a registration fails halfway through the copy", async () => {
    // The test studio runs with STUDIO_FAULT_INJECTION=1: copying a file named studio-fault-copy
    // fails after the files before it were already linked into registry storage, and a
    // description naming studio-fault-commit fails inside the numbering transaction.
    const { run } = await runWithFiles({ "model/MLmodel": MLMODEL, "model/a.txt": "a", "model/zz-studio-fault-copy": "boom" });
    const name = uniq("halfway");
    const created = await call("POST", "registered-models/create", { name });
    expect(created.status).toBe(200);
    // Snapshot folders are registry/<model>/<snapshot>/…: anything two levels down is a snapshot's.
    const tree = () => artifactKeys("registry");
    const before = await tree();
    const res = await call("POST", "model-versions/create", { name, source: `runs:/${run}/model` });
    expect(res).toMatchObject({ status: 500, body: { error_code: "INTERNAL_ERROR" } });
    expect((await tree()).filter((p) => !before.includes(p) && p.split("/").length > 1)).toEqual([]);
    const { run: clean } = await runWithFiles({ "model/MLmodel": MLMODEL });
    const inTx = await call("POST", "model-versions/create", { name, source: `runs:/${clean}/model`, description: "studio-fault-commit" });
    expect(inTx.status).toBe(500);
    expect((await tree()).filter((p) => !before.includes(p) && p.split("/").length > 1)).toEqual([]);
    const model = await call("GET", "registered-models/get", { name });
    expect((model.body.registered_model as { latest_versions: unknown[] }).latest_versions).toEqual([]);
    const rows = await call("GET", "model-versions/search", { filter: `name='${name}'` });
    expect(rows.body.model_versions ?? []).toEqual([]);
    // A second, valid registration takes version 1: the failure did not burn a number.
    const v = await call("POST", "model-versions/create", { name, source: `runs:/${clean}/model` });
    expect(v.body.model_version).toMatchObject({ version: "1" });
  });

  it("answers missing models, versions and aliases with MLflow's codes", async () => {
    const name = uniq("codes");
    expect(await call("GET", "registered-models/get", { name })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    await call("POST", "registered-models/create", { name });
    expect(await call("POST", "registered-models/create", { name })).toMatchObject({
      status: 400,
      body: { error_code: "RESOURCE_ALREADY_EXISTS" },
    });
    expect(await call("GET", "model-versions/get", { name, version: "7" })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect(await call("GET", "model-versions/get", { name, version: "x" })).toMatchObject({ status: 400 });
    expect(await call("GET", "registered-models/alias", { name, alias: "champion" })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });
    expect(await call("POST", "registered-models/alias", { name, alias: "latest", version: "1" })).toMatchObject({ status: 400 });
    expect(await call("POST", "model-versions/create", { name: uniq("nomodel"), source: "runs:/abc/model" })).toMatchObject({
      status: 404,
    });
    expect(await call("POST", "model-versions/create", { name, source: "s3://bucket/model" })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });
  });
});
