"""The seed's workflow, step by step, for tracing through compat/wire_proxy.py (not a test).

    python compat/wire_proxy.py --listen 5600 --target http://127.0.0.1:5000 --log /tmp/wire.jsonl &
    MLFLOW_TRACKING_URI=http://127.0.0.1:5600 .cache/venv-mlflow3/bin/python compat/wire_scenarios.py
    python compat/wire_scenarios.py --summarise /tmp/wire.jsonl

Each step is preceded by `GET /__mark__?label=<step>`, which the proxy logs without forwarding.
"""

import json
import os
import sys
import tempfile
import uuid

import requests


def run_steps():
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("DO_NOT_TRACK", "true")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import mlflow
    import mlflow.sklearn
    from compat_helpers import name_kwargs, train_diabetes
    from mlflow.exceptions import MlflowException
    from mlflow.models import infer_signature
    from mlflow.tracking import MlflowClient
    from sklearn.linear_model import LogisticRegression

    uri = os.environ["MLFLOW_TRACKING_URI"]

    def mark(label):
        requests.get(f"{uri}/__mark__", params={"label": label}, timeout=5)

    is3 = int(mlflow.__version__.split(".")[0]) >= 3
    tag = uuid.uuid4().hex[:6]
    tmp = tempfile.mkdtemp()
    df = train_diabetes.make_diabetes_frame()
    X_train, X_test, y_train, y_test = train_diabetes.split_data(df)
    client = MlflowClient()

    mark("import + MlflowClient() (no calls expected)")
    mark("set_experiment (new)")
    exp = mlflow.set_experiment(f"wire-diabetes-{tag}")
    mark("set_experiment (existing)")
    mlflow.set_experiment(f"wire-diabetes-{tag}")

    mark("sklearn.autolog() + start_run + fit + end_run")
    mlflow.sklearn.autolog(silent=True)
    with mlflow.start_run() as run:
        LogisticRegression(C=10.0, solver="liblinear").fit(X_train, y_train)
    mlflow.sklearn.autolog(disable=True)
    auto_run = run.info.run_id

    mark("start_run (manual)")
    run = mlflow.start_run()
    mark("log_param")
    mlflow.log_param("reg_rate", 0.1)
    mark("log_params (3)")
    mlflow.log_params({"a": 1, "b": 2, "c": 3})
    mark("log_metric with step")
    mlflow.log_metric("loss", 0.5, step=1)
    mark("log_metrics (2)")
    mlflow.log_metrics({"acc": 0.9, "auc": 0.8})
    mark("set_tag")
    mlflow.set_tag("team", "diabetes")
    model = LogisticRegression(C=10.0, solver="liblinear").fit(X_train, y_train)
    signature = infer_signature(X_train, model.predict(X_train))
    mark("sklearn.log_model(signature, input_example) with default requirement inference")
    info = mlflow.sklearn.log_model(model, signature=signature, input_example=X_train.head(3), **name_kwargs("model"))
    mark("sklearn.log_model(..., registered_model_name=new)")
    name = f"wire-diabetes-{tag}"
    mlflow.sklearn.log_model(
        model, registered_model_name=name, pip_requirements=["scikit-learn"], **name_kwargs("registered")
    )
    mark("log_artifact (small text file)")
    path = os.path.join(tmp, "notes.txt")
    with open(path, "w") as f:
        f.write("hello")
    mlflow.log_artifact(path, "docs")
    mark("log_artifacts (dir with 2 files)")
    os.makedirs(os.path.join(tmp, "dir", "sub"))
    for rel in ("dir/a.txt", "dir/sub/b.txt"):
        with open(os.path.join(tmp, rel), "w") as f:
            f.write(rel)
    mlflow.log_artifacts(os.path.join(tmp, "dir"), "tree")
    mark("end_run")
    mlflow.end_run()
    run_id = run.info.run_id

    mark("register_model(runs:/R/model, existing name) -> version 2")
    mlflow.register_model(f"runs:/{run_id}/model", name)
    mark("register_model(runs:/R/model, new name)")
    mlflow.register_model(f"runs:/{run_id}/model", name + "-b")
    if is3:
        mark("register_model(models:/<model_id>, name) -> version 3")
        mlflow.register_model(info.model_uri, name)
    mark("set_registered_model_alias")
    client.set_registered_model_alias(name, "champion", "1")
    mark("set_model_version_tag")
    client.set_model_version_tag(name, "1", "validated", "true")
    mark("set_registered_model_tag")
    client.set_registered_model_tag(name, "team", "health")
    mark("update_registered_model(description)")
    client.update_registered_model(name, description="diabetes")
    mark("update_model_version(description)")
    client.update_model_version(name, "1", description="v1")
    mark("get_registered_model")
    client.get_registered_model(name)
    mark("get_model_version")
    client.get_model_version(name, "1")
    mark("get_model_version_by_alias")
    client.get_model_version_by_alias(name, "champion")
    mark("search_registered_models(name LIKE)")
    client.search_registered_models(filter_string=f"name LIKE 'wire-diabetes-{tag}%'")
    mark("search_registered_models(max_results=1) page 1 and 2")
    page = client.search_registered_models(filter_string=f"name LIKE 'wire-diabetes-{tag}%'", max_results=1)
    client.search_registered_models(filter_string=f"name LIKE 'wire-diabetes-{tag}%'", max_results=1,
                                    page_token=page.token)
    mark("search_model_versions(name=)")
    client.search_model_versions(f"name='{name}'")
    mark("get_latest_versions")
    client.get_latest_versions(name)
    mark("pyfunc.load_model(models:/name/1)")
    mlflow.pyfunc.load_model(f"models:/{name}/1")
    mark("pyfunc.load_model(models:/name@champion)")
    mlflow.pyfunc.load_model(f"models:/{name}@champion")
    mark("pyfunc.load_model(models:/name/latest)")
    mlflow.pyfunc.load_model(f"models:/{name}/latest")
    mark("pyfunc.load_model(runs:/R/model)")
    mlflow.pyfunc.load_model(f"runs:/{run_id}/model")
    if is3:
        mark("pyfunc.load_model(models:/<model_id>)")
        mlflow.pyfunc.load_model(info.model_uri)
    mark("pyfunc.load_model(runs:/R/model) of the autologged model")
    mlflow.pyfunc.load_model(f"runs:/{auto_run}/model")
    mark("search_runs(experiment_names=, filter, order_by)")
    mlflow.search_runs(experiment_names=[exp.name], filter_string="params.reg_rate = '0.1'", order_by=["metrics.acc DESC"])
    mark("MlflowClient.search_runs(max_results=1) page 1 and 2")
    page = client.search_runs([exp.experiment_id], max_results=1)
    client.search_runs([exp.experiment_id], max_results=1, page_token=page.token)
    mark("get_metric_history")
    client.get_metric_history(run_id, "loss")
    mark("list_artifacts(run, 'tree')")
    client.list_artifacts(run_id, "tree")
    mark("download_artifacts(run, 'tree')")
    mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="tree", dst_path=os.path.join(tmp, "dl"))
    mark("download_artifacts(run, 'docs/notes.txt')")
    mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="docs/notes.txt", dst_path=os.path.join(tmp, "dl2"))
    mark("get_run(unknown) -> error")
    try:
        client.get_run("0" * 32)
    except MlflowException:
        pass
    mark("get_experiment_by_name(unknown) -> None")
    mlflow.get_experiment_by_name(f"wire-missing-{tag}")
    mark("delete_model_version + delete_registered_model")
    client.delete_model_version(name + "-b", "1")
    client.delete_registered_model(name + "-b")
    mark("done")


def summarise(path):
    step = "(before first mark)"
    out = {}
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        if "mark" in rec:
            step = rec["mark"]
            out.setdefault(step, [])
            continue
        query = rec.get("query") or {}
        q = "&".join(f"{k}={v[0]}" for k, v in query.items())
        p = rec["path"]
        out.setdefault(step, []).append(f"{rec['method']} {p}{'?' + q if q else ''} -> {rec['status']}")
    for step, calls in out.items():
        print(f"## {step}")
        for c in calls:
            print("   ", c)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--summarise":
        summarise(sys.argv[2])
    else:
        run_steps()
