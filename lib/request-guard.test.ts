import { describe, expect, it } from "vitest";
import { checkRequest, hostnameOf, requestPolicy } from "./request-guard.mjs";

const local = requestPolicy({ listenHost: "127.0.0.1" });
const req = (method: string, url: string, headers: Record<string, string>) => checkRequest({ method, url, headers }, local);

describe("hostnameOf", () => {
  it("reads names, ports and IPv6 literals", () => {
    expect(hostnameOf("LocalHost:3000")).toBe("localhost");
    expect(hostnameOf("[::1]:3000")).toBe("::1");
    expect(hostnameOf("studio.example.com.")).toBe("studio.example.com");
    expect(hostnameOf("a b")).toBeNull();
    expect(hostnameOf("user@evil.com")).toBeNull();
    expect(hostnameOf("")).toBeNull();
  });
});

describe("checkRequest", () => {
  it("serves loopback hosts and refuses a rebinding host", () => {
    expect(req("GET", "/", { host: "127.0.0.1:3000" })).toBeNull();
    expect(req("GET", "/", { host: "localhost:3000" })).toBeNull();
    expect(req("GET", "/", { host: "[::1]:3000" })).toBeNull();
    const refused = req("GET", "/api/2.0/mlflow/experiments/search", { host: "attacker.example:3000" });
    expect(refused?.status).toBe(403);
    expect(refused?.body.message).toMatch(/Invalid Host header/);
    expect(req("GET", "/", {})?.status).toBe(403);
  });

  it("adds configured hosts, this machine's names on 0.0.0.0, or none with *", () => {
    const wide = requestPolicy({ listenHost: "0.0.0.0", allowedHosts: "studio.example.com", machine: ["box1", "10.0.0.5"] });
    expect(checkRequest({ method: "GET", url: "/", headers: { host: "studio.example.com" } }, wide)).toBeNull();
    expect(checkRequest({ method: "GET", url: "/", headers: { host: "10.0.0.5:3000" } }, wide)).toBeNull();
    expect(checkRequest({ method: "GET", url: "/", headers: { host: "box2" } }, wide)?.status).toBe(403);
    const any = requestPolicy({ listenHost: "0.0.0.0", allowedHosts: "*" });
    expect(checkRequest({ method: "GET", url: "/", headers: { host: "whatever" } }, any)).toBeNull();
  });

  it("refuses state changes from another origin, allows its own and listed ones", () => {
    const json = { "content-type": "application/json", "content-length": "2" };
    expect(
      req("POST", "/api/2.0/mlflow/experiments/create", { host: "127.0.0.1:3000", origin: "http://evil.example", ...json })?.status,
    ).toBe(403);
    expect(req("POST", "/api/2.0/mlflow/experiments/create", { host: "127.0.0.1:3000", origin: "null", ...json })?.status).toBe(403);
    expect(
      req("POST", "/api/2.0/mlflow/experiments/create", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", ...json }),
    ).toBeNull();
    // Same host, another port: another origin.
    expect(req("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/x", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" })?.status).toBe(
      403,
    );
    expect(req("POST", "/models", { host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" })?.status).toBe(403);
    // Reads are not refused for their origin (CORS keeps the answer from the page).
    expect(req("GET", "/api/2.0/mlflow/experiments/search", { host: "127.0.0.1:3000", origin: "http://evil.example" })).toBeNull();
    const listed = requestPolicy({ listenHost: "127.0.0.1", allowedOrigins: "https://portal.example.com/" });
    expect(
      checkRequest(
        {
          method: "POST",
          url: "/api/2.0/mlflow/runs/create",
          headers: { host: "127.0.0.1:3000", origin: "https://portal.example.com", ...json },
        },
        listed,
      ),
    ).toBeNull();
  });

  it("takes JSON only on JSON endpoints, and any body elsewhere", () => {
    const host = { host: "127.0.0.1:3000" };
    const plain = req("POST", "/api/2.0/mlflow/experiments/create", {
      ...host,
      "content-type": "text/plain;charset=UTF-8",
      "content-length": "20",
    });
    expect(plain?.status).toBe(415);
    expect(plain?.body.error_code).toBe("BAD_REQUEST");
    expect(req("POST", "/api/2.0/mlflow/experiments/create", { ...host, "content-length": "20" })?.status).toBe(415);
    expect(
      req("POST", "/api/2.0/mlflow/experiments/create", {
        ...host,
        "content-type": "application/json; charset=utf-8",
        "content-length": "20",
      }),
    ).toBeNull();
    expect(req("DELETE", "/api/2.0/mlflow/runs/delete", { ...host, "content-length": "0" })).toBeNull();
    expect(
      req("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/x.bin", {
        ...host,
        "content-type": "application/octet-stream",
        "content-length": "9",
      }),
    ).toBeNull();
    expect(req("PUT", "/api/2.0/mlflow-artifacts/mpu/part/abc/1", { ...host, "content-length": "9" })).toBeNull();
  });
});
