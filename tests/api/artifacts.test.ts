import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, artifactKeys, BASE, newExperiment, newRun } from "./client";

const dataDir = process.env.STUDIO_DATA_DIR!;

function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("artifact proxy", () => {
  it("uploads, lists, downloads (with ranges) and deletes", async () => {
    const exp = await newExperiment();
    const run = await newRun(exp);
    const base = `${exp}/${run}/artifacts`;
    const files: Record<string, Buffer> = {
      "model/MLmodel": Buffer.from("flavors:\n  python_function: {}\n"),
      "model/données/ä ö.txt": Buffer.from("unicode ✓"),
      "big.bin": randomBytes(3 * 1024 * 1024 + 17),
    };
    for (const [p, bytes] of Object.entries(files)) {
      const url = `${ARTIFACTS}/${base}/${p.split("/").map(encodeURIComponent).join("/")}`;
      const res = await fetch(url, { method: "PUT", body: new Uint8Array(bytes) });
      expect(res.status, p).toBe(200);
      expect(await res.json()).toEqual({});
    }
    const root = await (await fetch(`${ARTIFACTS}?path=${encodeURIComponent(base)}`)).json();
    expect(root.files).toEqual([
      { path: "model", is_dir: true },
      { path: "big.bin", is_dir: false, file_size: files["big.bin"]!.length },
    ]);
    const nested = await (await fetch(`${ARTIFACTS}?path=${encodeURIComponent(`${base}/model/données`)}`)).json();
    expect(nested.files).toEqual([{ path: "ä ö.txt", is_dir: false, file_size: Buffer.byteLength("unicode ✓") }]);

    const big = await fetch(`${ARTIFACTS}/${base}/big.bin`);
    expect(big.headers.get("content-length")).toBe(String(files["big.bin"]!.length));
    const digest = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    expect(digest(Buffer.from(await big.arrayBuffer()))).toBe(digest(files["big.bin"]!));

    const ranged = await fetch(`${ARTIFACTS}/${base}/big.bin`, { headers: { range: "bytes=10-19" } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(files["big.bin"]!.subarray(10, 20));
    expect((await fetch(`${ARTIFACTS}/${base}/big.bin`, { headers: { range: "bytes=99999999-" } })).status).toBe(416);

    expect((await fetch(`${ARTIFACTS}/${base}/model/MLmodel`)).headers.get("content-type")).toContain("text/plain");
    expect((await fetch(`${ARTIFACTS}/${base}/model`, { method: "DELETE" })).status).toBe(200);
    expect(await (await fetch(`${ARTIFACTS}?path=${encodeURIComponent(`${base}/model`)}`)).json()).toEqual({});
  });

  it("answers missing files with a JSON 404, never a 500", async () => {
    const res = await fetch(`${ARTIFACTS}/0/nope/artifacts/missing.txt`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error_code: "RESOURCE_DOES_NOT_EXIST" });
    const dir = await fetch(`${ARTIFACTS}/0`); // a folder is not a file
    expect(dir.status).toBe(404);
  });

  it("refuses hostile paths and writes nothing outside the artifact root", async () => {
    const before = listTree(dataDir).filter((p) => !p.startsWith("artifacts") && !p.startsWith("studio.db") && p !== "server.log");
    const hostile = [
      "..%2F..%2Fescape.txt",
      "%2e%2e/%2e%2e/escape.txt",
      "0/%252e%252e/%252e%252e/escape.txt",
      "0/a%5C..%5C..%5Cescape.txt",
      "0/%00evil.txt",
    ];
    for (const p of hostile) {
      const put = await fetch(`${ARTIFACTS}/${p}`, { method: "PUT", body: "pwned" });
      expect(put.status, p).toBeGreaterThanOrEqual(400);
      expect(put.status, p).toBeLessThan(500);
      const get = await fetch(`${ARTIFACTS}/${p}`);
      expect(get.status, p).toBeGreaterThanOrEqual(400);
      expect(get.status, p).toBeLessThan(500);
    }
    const listing = await fetch(`${ARTIFACTS}?path=${encodeURIComponent("../..")}`);
    expect(listing.status).toBe(400);
    expect(await listing.json()).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE" });
    const after = listTree(dataDir).filter((p) => !p.startsWith("artifacts") && !p.startsWith("studio.db") && p !== "server.log");
    expect(after).toEqual(before);
    expect(fs.existsSync(path.join(dataDir, "escape.txt"))).toBe(false);
    expect(fs.existsSync(path.join(path.dirname(dataDir), "escape.txt"))).toBe(false);
    expect((await fetch(`${BASE}/health`)).status).toBe(200);
  });

  it("leaves no partial file when an upload is cut off", async () => {
    const exp = await newExperiment();
    const run = await newRun(exp);
    const key = `${exp}/${run}/artifacts/cut.bin`;
    const controller = new AbortController();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(c) {
        if (sent >= 2 * 1024 * 1024) {
          controller.abort();
          return;
        }
        sent += 256 * 1024;
        c.enqueue(randomBytes(256 * 1024));
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    await expect(
      fetch(`${ARTIFACTS}/${key}`, { method: "PUT", body, signal: controller.signal, duplex: "half" } as RequestInit),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect(await artifactKeys(`${exp}/${run}/artifacts`)).toEqual([]);
    expect((await fetch(`${ARTIFACTS}/${key}`)).status).toBe(404);
  });
});

describe("proxied multipart upload", () => {
  it("creates, uploads parts, completes into one file, and aborts", async () => {
    const exp = await newExperiment();
    const run = await newRun(exp);
    const dir = `${exp}/${run}/artifacts/big`;
    const mpu = `${BASE}/api/2.0/mlflow-artifacts/mpu`;
    const created = await (
      await fetch(`${mpu}/create/${dir}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: "/tmp/local/weights.bin", num_parts: 3 }),
      })
    ).json();
    expect(created.credentials).toHaveLength(3);
    // S3 requires every part but the last to be at least 5 MiB; the other backends take any size.
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(5 * 1024 * 1024 + 3), randomBytes(5)];
    const etags: { part_number: number; etag: string }[] = [];
    // Upload out of order: completion orders by part number.
    for (const i of [2, 0, 1]) {
      const cred = created.credentials[i];
      const res = await fetch(cred.url, { method: "PUT", body: new Uint8Array(parts[i]!) });
      expect(res.status).toBe(200);
      etags.push({ part_number: cred.part_number, etag: res.headers.get("etag")! });
    }
    // Before completion nothing is visible in the run's outputs.
    expect(await (await fetch(`${ARTIFACTS}?path=${encodeURIComponent(dir)}`)).json()).toEqual({});
    const done = await fetch(`${mpu}/complete/${dir}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "weights.bin", upload_id: created.upload_id, parts: etags }),
    });
    expect(done.status).toBe(200);
    const got = Buffer.from(await (await fetch(`${ARTIFACTS}/${dir}/weights.bin`)).arrayBuffer());
    expect(got.equals(Buffer.concat(parts))).toBe(true);

    const second = await (
      await fetch(`${mpu}/create/${dir}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: "other.bin", num_parts: 1 }),
      })
    ).json();
    expect(
      (
        await fetch(`${mpu}/abort/${dir}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ path: "other.bin", upload_id: second.upload_id }),
        })
      ).status,
    ).toBe(200);
    const afterAbort = await fetch(second.credentials[0].url, { method: "PUT", body: "x" });
    expect(afterAbort.status).toBe(404);
    const escaping = await fetch(`${mpu}/create/..%2F..`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "x.bin", num_parts: 1 }),
    });
    expect(escaping.status).toBe(400);
  });
});

describe("studio file routes (outputs browser, previews, zips) on this artifact backend", () => {
  it("lists, previews, downloads and zips a job's outputs and a version's files", async () => {
    const exp = await newExperiment();
    const run = await newRun(exp);
    const base = `${exp}/${run}/artifacts`;
    const files: Record<string, string> = {
      "model/MLmodel": "flavors:\n  python_function: {}\n",
      "model/weights.bin": "w".repeat(5000),
      "notes.md": "# hello",
    };
    for (const [p, body] of Object.entries(files))
      expect((await fetch(`${ARTIFACTS}/${base}/${p}`, { method: "PUT", body })).status).toBe(200);
    const root = await (await fetch(`${BASE}/api/studio/jobs/${run}/list?path=`)).json();
    expect(root.entries.map((e: { path: string }) => e.path)).toEqual(["model", "notes.md"]);
    const model = await (await fetch(`${BASE}/api/studio/jobs/${run}/list?path=model`)).json();
    expect(model.model).toMatchObject({ flavors: ["python_function"] });
    const preview = await fetch(`${BASE}/api/studio/jobs/${run}/file?path=model/weights.bin`, { headers: { range: "bytes=0-9" } });
    expect(preview.status).toBe(206);
    expect(await preview.text()).toBe("w".repeat(10));
    const zip = Buffer.from(await (await fetch(`${BASE}/api/studio/jobs/${run}/zip?path=model`)).arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe("PK");
    expect(zip.includes(Buffer.from("weights.bin"))).toBe(true);
    const name = `files-${Date.now().toString(36)}`;
    const reg = await fetch(`${BASE}/api/studio/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, source: `runs:/${run}/model` }),
    });
    expect(reg.status).toBe(200);
    const versionFiles = await (await fetch(`${BASE}/api/studio/models/${name}/versions/1/list?path=`)).json();
    expect(versionFiles.entries.map((e: { path: string; size: number }) => [e.path, e.size])).toEqual([
      ["MLmodel", files["model/MLmodel"]!.length],
      ["weights.bin", 5000],
    ]);
    const download = await fetch(`${BASE}/api/studio/models/${name}/versions/1/file?path=weights.bin&download=1`);
    expect(download.headers.get("content-disposition")).toContain("weights.bin");
    expect((await download.text()).length).toBe(5000);
    const versionZip = Buffer.from(await (await fetch(`${BASE}/api/studio/models/${name}/versions/1/zip`)).arrayBuffer());
    expect(versionZip.includes(Buffer.from("MLmodel"))).toBe(true);
  });
});
