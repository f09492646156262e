import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, artifactKeys, BASE, call, newExperiment, newRun, uniq } from "./client";

// The `studio` CLI (bin/studio.mjs) run as a child process against the studio under test, the
// way a person or a CI job runs it: exit codes, stdout, stderr and the files it leaves behind.
const CLI = path.resolve(import.meta.dirname, "../../bin/studio.mjs");
const dataDir = process.env.STUDIO_DATA_DIR!;
const MLMODEL = "artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n";

type CliResult = { code: number; stdout: string; stderr: string };

function studio(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, MLFLOW_TRACKING_URI: BASE, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** Every regular file below `dir` → its bytes, keyed by '/'-separated relative path. */
function readTree(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/")] = fs.readFileSync(path.join(e.parentPath, e.name));
  }
  return out;
}

function writeTree(dir: string, files: Record<string, Buffer | string>) {
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
}

const uploads = async () => (await artifactKeys("uploads")).filter((k) => !k.includes("/"));

async function put(key: string, body: string) {
  const res = await fetch(`${ARTIFACTS}/${key.split("/").map(encodeURIComponent).join("/")}`, { method: "PUT", body });
  if (res.status !== 200) throw new Error(`upload ${key}: ${res.status}`);
}

async function jobWithModel() {
  const exp = await newExperiment();
  const run = await newRun(exp);
  await put(`${exp}/${run}/artifacts/model/MLmodel`, MLMODEL);
  await put(`${exp}/${run}/artifacts/model/model.pkl`, "pickled-weights");
  return run;
}

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

let tmp: string;
let modelDir: string;
let v1Files: Record<string, Buffer>;
let v2Files: Record<string, Buffer>;
const name = uniq("cli model");

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "studio-cli-"));
  modelDir = path.join(tmp, "model");
  writeTree(modelDir, {
    "weights.bin": randomBytes(300_000),
    "config/params.json": '{"lr": 0.1}\n',
    "nested/deeper/tokenizer.txt": "a b c\n",
    "données du modèle ✓.txt": "unicode and spaces\n",
    "empty.txt": "",
    ".hidden": "dot file\n",
  });
  fs.writeFileSync(path.join(tmp, "secret.txt"), "never uploaded");
  fs.symlinkSync(path.join(tmp, "secret.txt"), path.join(modelDir, "outside-link"));
  fs.symlinkSync("config/params.json", path.join(modelDir, "inside-link.json"));
  // What the studio should hold: the files, the inside link as a copy, not the outside link.
  v1Files = { ...readTree(modelDir), "inside-link.json": Buffer.from('{"lr": 0.1}\n') };
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("studio CLI", () => {
  it("registers a local folder as consecutive versions, uploads cleaned up", async () => {
    const before = await uploads();
    const first = await studio([
      "register",
      "--name",
      name,
      "--path",
      modelDir,
      "--type",
      "custom",
      "--description",
      "first",
      "--tag",
      "team=cv",
      "--tag",
      "stage=dev",
    ]);
    expect(first.stderr).toContain("skipped outside-link");
    expect(first.stderr).not.toContain("inside-link");
    expect(first).toMatchObject({ code: 0, stdout: `Registered ${name} version 1 (Custom) → models:/${name}/1\n` });

    fs.writeFileSync(path.join(modelDir, "weights.bin"), randomBytes(123_457));
    v2Files = { ...v1Files, "weights.bin": fs.readFileSync(path.join(modelDir, "weights.bin")) };
    const second = await studio(["register", "--name", name, "--path", modelDir, "--json"]);
    expect(second.code).toBe(0);
    const v2 = JSON.parse(second.stdout).model_version;
    expect(v2).toMatchObject({
      name,
      version: "2",
      status: "READY",
      model_type: "CUSTOM",
      source: expect.stringMatching(/^mlflow-artifacts:\/registry\//),
    });
    const v1 = await call("GET", "model-versions/get", { name, version: "1" });
    expect(v1.body.model_version).toMatchObject({
      description: "first",
      tags: expect.arrayContaining([
        { key: "team", value: "cv" },
        { key: "stage", value: "dev" },
      ]),
    });
    expect(await uploads()).toEqual(before);
  });

  it("registers a single file", async () => {
    const file = path.join(tmp, "single.onnx");
    fs.writeFileSync(file, randomBytes(4096));
    const fileModel = uniq("cli-file");
    const res = await studio(["register", "--name", fileModel, "--path", file]);
    expect(res).toMatchObject({ code: 0, stdout: expect.stringContaining(`version 1`) });
    const out = path.join(tmp, "single-out");
    expect((await studio(["models", "download", fileModel, "--out", out])).code).toBe(0);
    expect(readTree(out)).toEqual({ "single.onnx": fs.readFileSync(file) });
  });

  it("registers a job output by runs:/ and azureml:// URIs", async () => {
    const run = await jobWithModel();
    const jobModel = uniq("cli-job");
    const a = await studio(["register", "--name", jobModel, "--path", `runs:/${run}/model`]);
    expect(a).toMatchObject({ code: 0, stdout: `Registered ${jobModel} version 1 (MLflow) → models:/${jobModel}/1\n` });
    const b = await studio(["register", "--name", jobModel, "--path", `azureml://jobs/${run}/outputs/artifacts/paths/model/`, "--json"]);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).model_version).toMatchObject({ version: "2", run_id: run, model_type: "MLFLOW" });
    const missing = await studio(["register", "--name", jobModel, "--path", `runs:/${run}/nope`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Nothing at 'nope'/);
  });

  it("refuses a folder without MLmodel as MLFLOW: readable error, no version, upload removed", async () => {
    const before = await uploads();
    const bad = uniq("cli-bad");
    const res = await studio(["register", "--name", bad, "--path", modelDir, "--type", "MLFLOW"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^error: Cannot register .* as MLFLOW: .*MLmodel/m);
    expect(res.stdout).toBe("");
    expect((await call("GET", "model-versions/search", { filter: `name='${bad}'` })).body.model_versions ?? []).toEqual([]);
    expect((await call("GET", "registered-models/get", { name: bad })).status).toBe(404);
    expect(await uploads()).toEqual(before);
  });

  it("reports usage errors with exit code 2 and bad input before uploading anything", async () => {
    const before = await uploads();
    const missingPath = await studio(["register", "--name", uniq("cli-x"), "--path", path.join(tmp, "does-not-exist")]);
    expect(missingPath.code).toBe(2);
    expect(missingPath.stderr).toContain("no such file or folder");
    const noName = await studio(["register", "--path", modelDir]);
    expect(noName).toMatchObject({ code: 2, stderr: expect.stringContaining("missing --name") });
    expect((await studio(["regster"])).code).toBe(2);
    expect((await studio(["models", "list", "--bogus"])).stderr).toContain("unknown option --bogus");
    expect((await studio(["register", "--name", "x", "--path", modelDir, "--type", "onnx"])).code).toBe(2);
    expect((await studio(["register", "--name", "x", "--path", modelDir, "--tag", "novalue"])).code).toBe(2);
    // The studio's own name rules, checked before the folder is sent.
    const badName = await studio(["register", "--name", "a/b", "--path", modelDir]);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toContain("cannot contain '/'");
    expect(await uploads()).toEqual(before);
    const help = await studio(["models", "download", "--help"]);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("NAME@ALIAS") });
  });

  it("lists models and versions", async () => {
    const list = await studio(["models", "list", "--json"]);
    expect(list.code).toBe(0);
    const models = JSON.parse(list.stdout).registered_models as { name: string }[];
    expect(models.map((m) => m.name)).toContain(name);

    const table = await studio(["models", "list", "--filter", `name = '${name}'`]);
    expect(table.code).toBe(0);
    const [header, row, ...rest] = table.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^NAME\s+LATEST\s+ALIASES\s+TAGS\s+UPDATED\s+DESCRIPTION$/);
    expect(row).toMatch(new RegExp(`^${name}\\s+2\\s`));
    expect(rest).toEqual([]);

    const versions = await studio(["models", "versions", name]);
    expect(versions.code).toBe(0);
    const lines = versions.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^VERSION\s+STATUS/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["2", "1"]);
    const json = JSON.parse((await studio(["models", "versions", name, "--json"])).stdout);
    expect(json.model_versions.map((v: { version: string }) => v.version)).toEqual(["2", "1"]);

    const unknown = await studio(["models", "versions", uniq("cli-none")]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: .*not found/);
  });

  it("downloads NAME/VERSION, NAME@ALIAS and NAME (latest) byte for byte", async () => {
    expect((await call("POST", "registered-models/alias", { name, alias: "champion", version: "1" })).status).toBe(200);
    const byVersion = path.join(tmp, "out-v1");
    const r1 = await studio(["models", "download", `${name}/1`, "--out", byVersion]);
    expect(r1).toMatchObject({ code: 0, stdout: expect.stringContaining(`Downloaded ${name} version 1 (7 files`) });
    expect(readTree(byVersion)).toEqual(v1Files);

    const byAlias = path.join(tmp, "out-alias");
    expect((await studio(["models", "download", `${name}@champion`, "--out", byAlias])).code).toBe(0);
    expect(readTree(byAlias)).toEqual(v1Files);

    const latest = path.join(tmp, "out-latest", "nested");
    const r3 = await studio(["models", "download", name, "-o", latest, "--json"]);
    expect(r3.code).toBe(0);
    expect(JSON.parse(r3.stdout)).toMatchObject({ model_version: { version: "2" }, out: latest });
    expect(readTree(latest)).toEqual(v2Files);
    // No temp files left beside the downloads.
    expect(fs.readdirSync(latest).filter((f) => f.includes(".studio-"))).toEqual([]);

    expect((await studio(["models", "download", `${name}/9`, "--out", path.join(tmp, "x")])).code).toBe(1);
    expect((await studio(["models", "download", `${name}@nobody`, "--out", path.join(tmp, "x")])).code).toBe(1);
    expect((await studio(["models", "download", name])).code).toBe(2);
  });

  it("never writes outside --out, whatever names a server lists", async () => {
    // A misbehaving server (not the studio, which never lists such names) answering just enough.
    let listed = "";
    const fake = http.createServer((req, res) => {
      const url = new URL(req.url!, "http://x");
      const body = url.pathname.endsWith("/model-versions/get")
        ? { model_version: { name: "evil", version: "1" } }
        : url.pathname.endsWith("/get-download-uri")
          ? { artifact_uri: "mlflow-artifacts:/registry/1/x" }
          : url.pathname.endsWith("/mlflow-artifacts/artifacts")
            ? { files: [{ path: listed, is_dir: false, file_size: 3 }] }
            : null;
      res
        .writeHead(body ? 200 : 404, { "content-type": "application/json" })
        .end(JSON.stringify(body ?? { error_code: "X", message: "no" }));
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(fake.address() as net.AddressInfo).port}`;
    try {
      for (const name of ["../escape.txt", "..", "a/../../escape.txt", "/etc/escape.txt", "a\\..\\escape.txt"]) {
        listed = name;
        const res = await studio(["models", "download", "evil/1", "--out", path.join(tmp, "evil", "out"), "--url", url]);
        expect(res.code, name).toBe(1);
        expect(res.stderr, name).toContain("refusing to write");
      }
      // Refused while listing, before --out was even created.
      expect(fs.existsSync(path.join(tmp, "evil"))).toBe(false);
      expect(fs.existsSync(path.join(tmp, "escape.txt"))).toBe(false);
    } finally {
      fake.close();
    }
  });

  it("exits 3 with a hint when the studio cannot be reached", async () => {
    const port = await closedPort();
    const res = await studio(["models", "list"], { MLFLOW_TRACKING_URI: `http://127.0.0.1:${port}` });
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/^error: cannot reach the studio at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(res.stderr).toContain("MLFLOW_TRACKING_URI");
    const reg = await studio(["register", "--name", "x", "--path", modelDir, "--url", `http://127.0.0.1:${port}`]);
    expect(reg.code).toBe(3);
    expect((await studio(["models", "list", "--url", "not a url"])).code).toBe(2);
  });

  it("numbers 6 CLI and 6 MLflow API registrations racing on one name 1..12", async () => {
    const run = await jobWithModel();
    const raced = uniq("cli-race");
    expect((await call("POST", "registered-models/create", { name: raced })).status).toBe(200);
    const cli = Array.from({ length: 6 }, () => studio(["register", "--name", raced, "--path", modelDir, "--json"]));
    const api = Array.from({ length: 6 }, () => call("POST", "model-versions/create", { name: raced, source: `runs:/${run}/model` }));
    const cliResults = await Promise.all(cli);
    const apiResults = await Promise.all(api);
    expect(cliResults.map((r) => [r.code, r.stderr])).toEqual(Array(6).fill([0, expect.any(String)]));
    expect(apiResults.map((r) => r.status)).toEqual(Array(6).fill(200));
    const numbers = [
      ...cliResults.map((r) => Number(JSON.parse(r.stdout).model_version.version)),
      ...apiResults.map((r) => Number((r.body.model_version as { version: string }).version)),
    ].sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const listed = JSON.parse((await studio(["models", "versions", raced, "--json"])).stdout).model_versions;
    expect(listed.map((v: { version: string }) => Number(v.version))).toEqual(Array.from({ length: 12 }, (_, i) => 12 - i));
  });
});
