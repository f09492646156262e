// Fresh resources for one matrix case, made by the admin: an experiment with a job (its outputs
// hold an MLflow model folder), a logged model, and a registered model with one version, an alias
// and tags. The "granted" user gets EDIT on the experiment and on the model, nothing else.
import { admin, mlflow, ok, type Principal, request, uniq } from "./client";

export type Fixture = { exp: string; run: string; loggedModel: string; model: string; tokenOf?: string };

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
    python_version: 3.11.0
mlflow_version: 2.22.0
`;

export async function makeFixture(granted: { username: string } | null): Promise<Fixture> {
  const exp = (await ok(mlflow(admin, "POST", "experiments/create", { name: uniq("exp") }), "experiment")).experiment_id as string;
  const run = (
    (await ok(mlflow(admin, "POST", "runs/create", { experiment_id: exp, start_time: Date.now() }), "run")).run as {
      info: { run_id: string };
    }
  ).info.run_id;
  await ok(mlflow(admin, "POST", "runs/set-tag", { run_id: run, key: "t", value: "1" }), "run tag");
  for (const [file, text] of [
    ["MLmodel", MLMODEL],
    ["model.pkl", "not really a pickle"],
  ]) {
    const put = await request(admin, "PUT", `/api/2.0/mlflow-artifacts/artifacts/${exp}/${run}/artifacts/model/${file}`, {
      body: text,
      headers: { "content-type": "application/octet-stream" },
    });
    if (put.status !== 200) throw new Error(`artifact upload: ${put.status} ${put.text}`);
  }
  const loggedModel = (
    (await ok(mlflow(admin, "POST", "logged-models", { experiment_id: exp, name: "lm" }), "logged model")).model as {
      info: { model_id: string };
    }
  ).info.model_id;
  const model = uniq("model");
  await ok(mlflow(admin, "POST", "registered-models/create", { name: model }), "model");
  await ok(mlflow(admin, "POST", "model-versions/create", { name: model, source: `runs:/${run}/model`, run_id: run }), "version");
  await ok(mlflow(admin, "POST", "registered-models/alias", { name: model, alias: "champion", version: "1" }), "alias");
  await ok(mlflow(admin, "POST", "registered-models/set-tag", { name: model, key: "team", value: "risk" }), "model tag");
  await ok(mlflow(admin, "POST", "model-versions/set-tag", { name: model, version: "1", key: "k", value: "v" }), "version tag");
  if (granted) {
    await ok(
      mlflow(admin, "POST", "experiments/permissions/create", { experiment_id: exp, username: granted.username, permission: "EDIT" }),
      "grant exp",
    );
    await ok(
      mlflow(admin, "POST", "registered-models/permissions/create", { name: model, username: granted.username, permission: "EDIT" }),
      "grant model",
    );
  }
  return { exp, run, loggedModel, model };
}

export const refused = (status: number) => status === 401 || status === 403;
export type Who = Principal & { username?: string };
