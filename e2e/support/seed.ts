// Seeds jobs through the studio's MLflow REST API (the same calls the MLflow client makes).
import { ARTIFACTS, call, newExperiment, uniq } from "../../tests/api/client";

export const SKLEARN_MLMODEL = `artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.11.7
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: 1.5.2
mlflow_version: 2.22.2
model_uuid: 6f1c2a0e9b0d4f5c8f0e1a2b3c4d5e6f
run_id: RUN_ID
signature:
  inputs: '[{"type": "double", "name": "Pregnancies", "required": true}, {"type": "double", "name": "PlasmaGlucose", "required": true}, {"type": "long", "name": "Age", "required": true}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
  params: null
utc_time_created: '2026-11-27 09:07:51.071275'
`;

export async function put(key: string, body: string) {
  const res = await fetch(`${ARTIFACTS}/${key.split("/").map(encodeURIComponent).join("/")}`, { method: "PUT", body });
  if (res.status !== 200) throw new Error(`upload ${key}: ${res.status}`);
}

/** A finished diabetes training job with params, a 12-point rmse history and a model folder. */
export async function seedDiabetesJob(opts: { auc?: number; depth?: string; name?: string } = {}) {
  const exp = await newExperiment(uniq("e2e-diabetes"));
  const created = await call("POST", "runs/create", {
    experiment_id: exp,
    run_name: opts.name ?? uniq("diabetes-train"),
    start_time: Date.now() - 60_000,
  });
  const runId = (created.body.run as { info: { run_id: string } }).info.run_id;
  const metrics = Array.from({ length: 12 }, (_, i) => ({
    key: "rmse",
    value: 1 / (i + 1),
    timestamp: Date.now() - 60_000 + i * 1000,
    step: i,
  }));
  metrics.push({ key: "auc", value: opts.auc ?? 0.93, timestamp: Date.now(), step: 0 });
  await call("POST", "runs/log-batch", {
    run_id: runId,
    metrics,
    params: [
      { key: "max_depth", value: opts.depth ?? "7" },
      { key: "n_estimators", value: "100" },
    ],
    tags: [{ key: "team", value: "health" }],
  });
  const base = `${exp}/${runId}/artifacts`;
  await put(`${base}/model/MLmodel`, SKLEARN_MLMODEL.replace("RUN_ID", runId));
  await put(`${base}/model/model.pkl`, "pickled-bytes");
  await put(`${base}/model/conda.yaml`, "name: mlflow-env\ndependencies:\n  - python=3.11\n");
  await put(
    `${base}/model/input_example.json`,
    JSON.stringify({
      columns: ["Pregnancies", "PlasmaGlucose", "Age"],
      data: [
        [1, 120, 33],
        [0, 95, 41],
      ],
    }),
  );
  await put(`${base}/data/diabetes.csv`, "PatientID,Pregnancies,PlasmaGlucose,Age,Diabetic\n1,1,120,33,0\n2,0,95,41,1\n");
  await put(`${base}/notes/README.md`, "# Training notes\n\n- balanced classes\n");
  await call("POST", "runs/update", { run_id: runId, status: "FINISHED", end_time: Date.now() });
  return { exp, runId };
}
