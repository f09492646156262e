// The cross-origin attack from issue 13, replayed against the embedded default (auth off): a page
// on another origin, in a browser on this machine, tried to create an experiment and a model and
// write an artifact. Browsers send Origin on such requests; text/plain bodies need no preflight.
// DNS rebinding reaches the studio under the attacker's host name. All refused, nothing written.
import { describe, expect, it } from "vitest";
import { API, ARTIFACTS, BASE, call, uniq } from "./client";

const evil = "http://attacker.example";

describe("origin and host checks (every mode)", () => {
  it("refuses state changes from another origin, JSON or not", async () => {
    const name = uniq("xorigin");
    const asForm = await fetch(`${API}/experiments/create`, {
      method: "POST",
      headers: { origin: evil, "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify({ name }),
    });
    expect(asForm.status).toBe(403);
    const asJson = await fetch(`${API}/registered-models/create`, {
      method: "POST",
      headers: { origin: evil, "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    expect(asJson.status).toBe(403);
    expect(((await asJson.json()) as { error_code: string }).error_code).toBe("PERMISSION_DENIED");
    const artifact = await fetch(`${ARTIFACTS}/0/${name}/artifacts/pwned.txt`, { method: "PUT", headers: { origin: evil }, body: "x" });
    expect(artifact.status).toBe(403);
    // Nothing was written.
    expect((await call("GET", "experiments/get-by-name", { experiment_name: name })).status).toBe(404);
    expect((await call("GET", "registered-models/get", { name })).status).toBe(404);
    expect((await fetch(`${ARTIFACTS}/0/${name}/artifacts/pwned.txt`)).status).toBe(404);
  });

  it("refuses JSON endpoints a body that is not JSON, even from no origin", async () => {
    const res = await fetch(`${API}/experiments/create`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ name: uniq("plain") }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error_code: string }).error_code).toBe("BAD_REQUEST");
  });

  it("accepts its own origin (the studio's pages) and clients that send none", async () => {
    const own = await fetch(`${API}/experiments/create`, {
      method: "POST",
      headers: { origin: BASE, "content-type": "application/json" },
      body: JSON.stringify({ name: uniq("own") }),
    });
    expect(own.status).toBe(200);
    expect((await call("POST", "experiments/create", { name: uniq("script") })).status).toBe(200);
  });

  it("refuses a Host it does not serve (DNS rebinding), for reads too", async () => {
    const { request } = await import("node:http");
    const url = new URL(BASE);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: "/api/2.0/mlflow/experiments/search", headers: { host: "attacker.example" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
