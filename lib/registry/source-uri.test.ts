import { describe, expect, it } from "vitest";
import { jobOutputUris, parseModelSource, SourceUriError } from "./source-uri";

describe("parseModelSource", () => {
  it.each([
    ["runs:/abc123/model", { kind: "run", runId: "abc123", path: "model" }],
    ["runs:/abc123/outputs/model/", { kind: "run", runId: "abc123", path: "outputs/model" }],
    ["runs:/abc123", { kind: "run", runId: "abc123", path: "" }],
    ["azureml://jobs/abc123/outputs/artifacts/paths/model/", { kind: "run", runId: "abc123", path: "model" }],
    ["azureml://jobs/abc123/outputs/artifacts/paths/sub%20dir/model", { kind: "run", runId: "abc123", path: "sub dir/model" }],
    ["models:/m-0123456789abcdef0123456789abcdef", { kind: "logged-model", modelId: "m-0123456789abcdef0123456789abcdef" }],
    ["models:/mlflow-diabetes/3", { kind: "registered", name: "mlflow-diabetes", version: 3 }],
    ["models:/mlflow-diabetes@champion", { kind: "registered", name: "mlflow-diabetes", alias: "champion" }],
    ["mlflow-artifacts:/1/abc/artifacts/model", { kind: "artifact", key: "1/abc/artifacts/model" }],
    ["mlflow-artifacts://host:5000/1/abc/artifacts/model", { kind: "artifact", key: "1/abc/artifacts/model" }],
    ["http://h:3000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model", { kind: "artifact", key: "1/abc/artifacts/model" }],
    ["upload:0123456789abcdef0123456789abcdef", { kind: "upload", uploadId: "0123456789abcdef0123456789abcdef" }],
  ])("parses %s", (uri, expected) => {
    expect(parseModelSource(uri)).toEqual(expected);
  });

  it.each([
    "",
    "  ",
    "s3://bucket/model",
    "/etc/passwd",
    "file:///tmp/model",
    "azureml://datastores/x/paths/y",
    "models:/",
    "runs:/../x",
    "upload:../../x",
    "runs:/a%ZZ/model",
  ])("refuses %j with a readable message", (uri) => {
    expect(() => parseModelSource(uri)).toThrow(SourceUriError);
  });

  it("builds the job output URIs shown with copy buttons", () => {
    expect(jobOutputUris("abc", "model/")).toEqual({
      runs: "runs:/abc/model",
      azureml: "azureml://jobs/abc/outputs/artifacts/paths/model/",
    });
  });
});
