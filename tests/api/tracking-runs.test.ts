import { describe, expect, it } from "vitest";
import { call, newExperiment, newRun } from "./client";

type Run = {
  info: Record<string, unknown>;
  data: {
    metrics: { key: string; value: unknown; step: number }[];
    params: { key: string; value: string }[];
    tags: { key: string; value: string }[];
  };
};

describe("runs API", () => {
  it("creates a run with both ids, logs a batch and reads it back", async () => {
    const exp = await newExperiment();
    const created = await call("POST", "runs/create", {
      experiment_id: exp,
      run_name: "diabetes-train",
      start_time: 1000,
      tags: [{ key: "mlflow.user", value: "ada" }],
    });
    expect(created.status).toBe(200);
    const info = (created.body.run as Run).info;
    expect(info).toMatchObject({ run_name: "diabetes-train", status: "RUNNING", experiment_id: exp, lifecycle_stage: "active" });
    expect(info.run_uuid).toBe(info.run_id);
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/${exp}/${info.run_id}/artifacts`);
    const runId = info.run_id as string;

    const batch = await call("POST", "runs/log-batch", {
      run_id: runId,
      metrics: [
        { key: "rmse", value: 0.5, timestamp: 1, step: 0 },
        { key: "rmse", value: 0.4, timestamp: 2, step: 1 },
        { key: "rmse", value: 0.3, timestamp: 3, step: 2 },
        { key: "loss", value: "NaN", timestamp: 1, step: 0 },
      ],
      params: [{ key: "max_depth", value: "7" }],
      tags: [{ key: "team", value: "health" }],
    });
    expect(batch).toMatchObject({ status: 200, body: {} });
    // The same point twice is kept once (MLflow's metric identity).
    await call("POST", "runs/log-metric", { run_id: runId, key: "rmse", value: 0.3, timestamp: 3, step: 2 });
    expect((await call("POST", "runs/log-parameter", { run_uuid: runId, key: "max_depth", value: "7" })).status).toBe(200);

    const got = await call("GET", "runs/get", { run_id: runId });
    const run = got.body.run as Run;
    expect(run.data.metrics.find((m) => m.key === "rmse")).toMatchObject({ value: 0.3, step: 2 });
    expect(run.data.metrics.find((m) => m.key === "loss")).toMatchObject({ value: "NaN" });
    expect(run.data.params).toEqual([{ key: "max_depth", value: "7" }]);
    expect(run.data.tags).toEqual(
      expect.arrayContaining([
        { key: "team", value: "health" },
        { key: "mlflow.runName", value: "diabetes-train" },
      ]),
    );

    const history = await call("GET", "metrics/get-history", { run_id: runId, metric_key: "rmse" });
    expect((history.body.metrics as { value: number; step: number }[]).map((m) => [m.step, m.value])).toEqual([
      [0, 0.5],
      [1, 0.4],
      [2, 0.3],
    ]);
    const paged = await call("GET", "metrics/get-history", { run_id: runId, metric_key: "rmse", max_results: 2 });
    expect((paged.body.metrics as unknown[]).length).toBe(2);
    const rest = await call("GET", "metrics/get-history", {
      run_id: runId,
      metric_key: "rmse",
      max_results: 2,
      page_token: paged.body.next_page_token,
    });
    expect((rest.body.metrics as { step: number }[]).map((m) => m.step)).toEqual([2]);

    const updated = await call("POST", "runs/update", { run_id: runId, status: "FINISHED", end_time: 5000, run_name: "renamed" });
    expect(updated.body.run_info).toMatchObject({ status: "FINISHED", end_time: 5000, run_name: "renamed" });
  });

  it("refuses bad input with INVALID_PARAMETER_VALUE and writes nothing", async () => {
    const exp = await newExperiment();
    const runId = await newRun(exp);
    await call("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.1" });
    const changed = await call("POST", "runs/log-batch", {
      run_id: runId,
      params: [
        { key: "lr", value: "0.2" },
        { key: "new", value: "x" },
      ],
      metrics: [{ key: "m", value: 1, timestamp: 1, step: 0 }],
    });
    expect(changed).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    const cases: Record<string, unknown>[] = [
      { metrics: [{ key: "bad\nname", value: 1, timestamp: 1 }] },
      { metrics: [{ key: "../escape", value: 1, timestamp: 1 }] },
      { metrics: [{ key: "m", value: "abc", timestamp: 1 }] },
      { metrics: [{ key: "m", value: 1, timestamp: -5 }] },
      { params: [{ key: "p", value: "x".repeat(6001) }] },
      { params: [{ key: "k".repeat(251), value: "x" }] },
      {
        params: [
          { key: "dup", value: "1" },
          { key: "dup", value: "2" },
        ],
      },
      { metrics: Array.from({ length: 1001 }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 1 })) },
      { params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: "v" })) },
      { tags: "not-a-list" },
    ];
    for (const c of cases) {
      const res = await call("POST", "runs/log-batch", { run_id: runId, ...c });
      expect(res.status, JSON.stringify(c).slice(0, 80)).toBe(400);
      expect(res.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    }
    const run = (await call("GET", "runs/get", { run_id: runId })).body.run as Run;
    expect(run.data.params).toEqual([{ key: "lr", value: "0.1" }]);
    expect(run.data.metrics).toEqual([]);
  });

  it("answers unknown runs, endpoints and malformed bodies without 500s", async () => {
    expect(await call("GET", "runs/get", { run_id: "0123456789abcdef0123456789abcdef" })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect(await call("POST", "runs/log-metric", { run_id: "nope", key: "m", value: 1, timestamp: 1 })).toMatchObject({ status: 404 });
    expect(await call("GET", "runs/get", {})).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(await call("POST", "runs/no-such-endpoint", {})).toMatchObject({ status: 404, body: { error_code: "ENDPOINT_NOT_FOUND" } });
    expect(await call("POST", "runs/create", "{not json")).toMatchObject({ status: 400, body: { error_code: "BAD_REQUEST" } });
    expect(await call("POST", "runs/create", "[1,2]")).toMatchObject({ status: 400, body: { error_code: "BAD_REQUEST" } });
    expect(await call("POST", "runs/create", { experiment_id: "424242" })).toMatchObject({ status: 404 });
    const huge = JSON.stringify({ run_id: "x", pad: "x".repeat(21 * 1024 * 1024) });
    expect(await call("POST", "runs/log-batch", huge)).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect((await fetch(`${process.env.STUDIO_URL}/health`)).status).toBe(200);
  });

  it("soft-deletes and restores runs, and refuses logging to deleted runs", async () => {
    const exp = await newExperiment();
    const runId = await newRun(exp);
    expect((await call("POST", "runs/delete", { run_id: runId })).status).toBe(200);
    expect((await call("GET", "runs/get", { run_id: runId })).body.run).toMatchObject({ info: { lifecycle_stage: "deleted" } });
    expect(await call("POST", "runs/log-metric", { run_id: runId, key: "m", value: 1, timestamp: 1 })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });
    expect((await call("POST", "runs/restore", { run_id: runId })).status).toBe(200);
    expect((await call("POST", "runs/log-metric", { run_id: runId, key: "m", value: 1, timestamp: 1 })).status).toBe(200);
  });

  it("keeps every metric and param when 16 clients log at once", async () => {
    const exp = await newExperiment();
    const shared = await newRun(exp);
    const own = await Promise.all(Array.from({ length: 16 }, () => newRun(exp)));
    await Promise.all(
      own.map(async (runId, c) => {
        for (let i = 0; i < 10; i++) {
          const metrics = Array.from({ length: 20 }, (_, j) => ({ key: `m${j}`, value: c * 1000 + i, timestamp: Date.now(), step: i }));
          const r1 = await call("POST", "runs/log-batch", {
            run_id: runId,
            metrics,
            params: i === 0 ? [{ key: `p${c}`, value: String(c) }] : [],
          });
          const r2 = await call("POST", "runs/log-batch", {
            run_id: shared,
            metrics: [{ key: `c${c}`, value: i, timestamp: 1, step: i }],
            params: i === 0 ? [{ key: `p${c}`, value: String(c) }] : [],
          });
          if (r1.status !== 200 || r2.status !== 200) throw new Error(JSON.stringify([r1.body, r2.body]));
        }
      }),
    );
    const sharedRun = (await call("GET", "runs/get", { run_id: shared })).body.run as Run;
    expect(sharedRun.data.params).toHaveLength(16);
    expect(sharedRun.data.metrics).toHaveLength(16);
    for (let c = 0; c < 16; c++) {
      const h = await call("GET", "metrics/get-history", { run_id: shared, metric_key: `c${c}` });
      expect((h.body.metrics as unknown[]).length).toBe(10);
    }
    const one = (await call("GET", "runs/get", { run_id: own[3] })).body.run as Run;
    expect(one.data.metrics).toHaveLength(20);
    expect(one.data.metrics.every((m) => m.step === 9 && m.value === 3009)).toBe(true);
    const h = await call("GET", "metrics/get-history", { run_id: own[7], metric_key: "m5" });
    expect((h.body.metrics as unknown[]).length).toBe(10);
  });
});
