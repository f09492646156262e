import { describe, expect, it } from "vitest";
import { studioPathForMlflowHash } from "./mlflow-ui-links";

describe("studioPathForMlflowHash", () => {
  it.each([
    ["#/experiments/34/runs/7bf385170ad3468aa96b8537b3c7ff07", "/jobs/7bf385170ad3468aa96b8537b3c7ff07"],
    ["#/experiments/34", "/jobs?experiment=34"],
    ["#/models/mlflow-diabetes/versions/2", "/models/mlflow-diabetes/versions/2"],
    ["#/models/mlflow-diabetes", "/models/mlflow-diabetes"],
    ["#/models", "/models"],
    ["#/somewhere", null],
    ["", null],
  ])("%s → %s", (hash, path) => expect(studioPathForMlflowHash(hash)).toBe(path));
});
