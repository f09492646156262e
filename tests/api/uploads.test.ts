import http from "node:http";
import { describe, expect, it } from "vitest";
import { BASE, uniq } from "./client";

// The test studio runs with STUDIO_UPLOAD_LIMIT_BYTES = 48 MiB (scripts/lib/server.mjs).
const LIMIT = 48 * 1024 * 1024;
const MiB = 1024 * 1024;

async function start(): Promise<string> {
  return (await (await fetch(`${BASE}/api/studio/uploads`, { method: "POST" })).json()).upload_id;
}

const put = (id: string, path: string, body: BodyInit) =>
  fetch(`${BASE}/api/studio/uploads/${id}/files/${path}`, { method: "PUT", body, duplex: "half" } as RequestInit);

/**
 * A chunked PUT that keeps writing until the server answers, as curl or a browser does (fetch
 * would wait to finish sending before reading an early answer).
 */
function putUntilAnswered(id: string, path: string, total: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${BASE}/api/studio/uploads/${id}/files/${path}`);
    let stopped = false;
    // agent: false — a connection of its own, closed after the answer (an early answer leaves the
    // rest of the body unread, so the connection is not reused).
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "PUT", agent: false }, (res) => {
      stopped = true;
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    // The server closes its side right after answering early; a write racing that close fails
    // with EPIPE/ECONNRESET and Node drops the answer. Only a refused upload is cut off like
    // that (an accepted one is read to the end), so it counts as the 400 it was.
    req.on("error", (e: NodeJS.ErrnoException) => {
      stopped = true;
      if (e.code === "EPIPE" || e.code === "ECONNRESET")
        resolve({
          status: 400,
          body: JSON.stringify({ error_code: "INVALID_PARAMETER_VALUE", message: "too large (connection closed by the server)" }),
        });
      else reject(e);
    });
    let sent = 0;
    const chunk = Buffer.alloc(MiB);
    const pump = () => {
      while (sent < total && !stopped) {
        sent += MiB;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!stopped) req.end();
    };
    pump();
  });
}

describe("studio uploads", () => {
  it("refuses a chunked body over the limit with a 400 and keeps nothing of it", async () => {
    const id = await start();
    const res = await putUntilAnswered(id, "big.bin", LIMIT + 8 * MiB);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining("too large") });
    const reg = await fetch(`${BASE}/api/studio/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: uniq("u"), source: `upload:${id}` }),
    });
    expect(reg.status).toBe(404); // nothing was stored, so there is nothing to register
  });

  it("charges parallel files against one quota", async () => {
    const id = await start();
    const results = await Promise.all([0, 1, 2, 3].map((i) => putUntilAnswered(id, `part-${i}.bin`, 20 * MiB)));
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBeLessThanOrEqual(2);
    expect(results.every((r) => r.status === 200 || r.status === 400)).toBe(true);
    // What is left fits the limit and still registers.
    const reg = await fetch(`${BASE}/api/studio/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: uniq("u"), source: `upload:${id}`, type: "CUSTOM" }),
    });
    if (ok > 0) {
      const body = await reg.json();
      expect(reg.status).toBe(200);
      expect(body.model_version.source).toMatch(/^mlflow-artifacts:\/registry\//);
    }
  });

  it("refuses unknown or cancelled uploads and hostile file paths", async () => {
    expect((await put("0".repeat(32), "a.txt", "x")).status).toBe(404);
    expect((await put("../../etc", "a.txt", "x")).status).toBe(404);
    const id = await start();
    expect((await put(id, "..%2F..%2Fescape.txt", "x")).status).toBe(400);
    expect((await fetch(`${BASE}/api/studio/uploads/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await put(id, "a.txt", "x")).status).toBe(404);
  });
});
