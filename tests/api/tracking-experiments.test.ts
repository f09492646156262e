import { describe, expect, it } from "vitest";
import { call, newExperiment, uniq } from "./client";

describe("experiments API", () => {
  it("creates, gets, renames, tags, deletes and restores", async () => {
    const name = uniq("exp");
    const id = await newExperiment(name);
    const got = await call("GET", "experiments/get", { experiment_id: id });
    expect(got.status).toBe(200);
    expect(got.body.experiment).toMatchObject({
      experiment_id: id,
      name,
      lifecycle_stage: "active",
      artifact_location: `mlflow-artifacts:/${id}`,
    });

    const byName = await call("GET", "experiments/get-by-name", { experiment_name: name });
    expect((byName.body.experiment as { experiment_id: string }).experiment_id).toBe(id);

    expect((await call("POST", "experiments/set-experiment-tag", { experiment_id: id, key: "team", value: "ml" })).status).toBe(200);
    const renamed = uniq("renamed");
    expect((await call("POST", "experiments/update", { experiment_id: id, new_name: renamed })).status).toBe(200);
    const after = await call("GET", "experiments/get", { experiment_id: id });
    expect(after.body.experiment).toMatchObject({ name: renamed, tags: [{ key: "team", value: "ml" }] });

    expect((await call("POST", "experiments/delete", { experiment_id: id })).status).toBe(200);
    expect((await call("GET", "experiments/get", { experiment_id: id })).body.experiment).toMatchObject({ lifecycle_stage: "deleted" });
    expect((await call("POST", "experiments/restore", { experiment_id: id })).status).toBe(200);
  });

  it("answers missing and duplicate experiments with MLflow's codes", async () => {
    const missing = await call("GET", "experiments/get-by-name", { experiment_name: uniq("nope") });
    expect(missing).toMatchObject({ status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST" } });
    expect(await call("GET", "experiments/get", { experiment_id: "987654321" })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect(await call("GET", "experiments/get", { experiment_id: "../1" })).toMatchObject({ status: 404 });
    const name = uniq("dup");
    await newExperiment(name);
    expect(await call("POST", "experiments/create", { name })).toMatchObject({
      status: 400,
      body: { error_code: "RESOURCE_ALREADY_EXISTS" },
    });
    expect(await call("POST", "experiments/create", { name: "" })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });
    expect(await call("POST", "experiments/create", { name: "x".repeat(501) })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE" },
    });
    expect(await call("POST", "experiments/create", {})).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
  });

  it("searches experiments by name with paging", async () => {
    const prefix = uniq("srch");
    for (let i = 0; i < 3; i++) await newExperiment(`${prefix}-${i}`);
    const page1 = await call("POST", "experiments/search", { filter: `name LIKE '${prefix}-%'`, max_results: 2, order_by: ["name ASC"] });
    expect(page1.status).toBe(200);
    const names1 = (page1.body.experiments as { name: string }[]).map((e) => e.name);
    expect(names1).toEqual([`${prefix}-0`, `${prefix}-1`]);
    const page2 = await call("POST", "experiments/search", {
      filter: `name LIKE '${prefix}-%'`,
      max_results: 2,
      order_by: ["name ASC"],
      page_token: page1.body.next_page_token,
    });
    expect((page2.body.experiments as { name: string }[]).map((e) => e.name)).toEqual([`${prefix}-2`]);
    expect(page2.body.next_page_token).toBeUndefined();
  });
});
