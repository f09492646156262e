"""The seed's workflow: train the diabetes classifier with mlflow.sklearn.autolog() and read it all back."""

import os
import subprocess
import sys

import mlflow
import mlflow.sklearn
import numpy as np
import pytest
from compat_helpers import FEATURES, IS_MLFLOW3, ROOT, STUDIO_URL, unique
from mlflow.entities import RunStatus


@pytest.fixture
def autolog():
    mlflow.sklearn.autolog(log_input_examples=True, silent=True)
    yield
    mlflow.sklearn.autolog(disable=True)


def test_autolog_diabetes_training(client, experiment_id, diabetes_split, autolog):
    from sklearn.linear_model import LogisticRegression

    X_train, X_test, y_train, y_test = diabetes_split
    with mlflow.start_run(run_name="diabetes-autolog") as run:
        model = LogisticRegression(C=1 / 0.1, solver="liblinear").fit(X_train, y_train)
        accuracy = float(np.average(model.predict(X_test) == y_test))
        mlflow.log_metric("Accuracy", accuracy)
    run_id = run.info.run_id
    assert accuracy > 0.75, "the synthetic data set should be learnable"

    fetched = client.get_run(run_id)
    assert fetched.info.status == RunStatus.to_string(RunStatus.FINISHED) == "FINISHED"
    assert fetched.info.run_id == run_id
    assert fetched.info.experiment_id == experiment_id
    assert fetched.info.run_name == "diabetes-autolog"
    assert fetched.info.end_time and fetched.info.end_time >= fetched.info.start_time
    assert fetched.info.lifecycle_stage == "active"

    # params: every constructor argument of the estimator, stringified
    params = fetched.data.params
    assert params["C"] == "10.0"
    assert params["solver"] == "liblinear"
    assert params["max_iter"] == "100"
    assert params["penalty"] in ("l2", "deprecated")  # sklearn >= 1.8 deprecates `penalty`

    # metrics: training metrics from autolog plus the one we logged
    metrics = fetched.data.metrics
    for key in ("training_accuracy_score", "training_f1_score", "training_precision_score",
                "training_recall_score", "training_log_loss", "training_roc_auc", "training_score"):
        assert key in metrics, f"autolog metric {key} missing: {sorted(metrics)}"
        assert 0 <= metrics[key] <= 1 or key == "training_log_loss"
    assert metrics["Accuracy"] == pytest.approx(accuracy)

    tags = fetched.data.tags
    assert tags["estimator_name"] == "LogisticRegression"
    assert tags["estimator_class"] == "sklearn.linear_model._logistic.LogisticRegression"
    assert tags["mlflow.runName"] == "diabetes-autolog"
    assert tags["mlflow.user"]
    assert tags["mlflow.source.type"] == "LOCAL"

    # the training data set is recorded as a run input
    datasets = fetched.inputs.dataset_inputs
    assert datasets, "autolog should log the training dataset"
    assert any(t.key == "mlflow.data.context" and t.value == "train" for d in datasets for t in d.tags)
    assert all(d.dataset.digest and d.dataset.name for d in datasets)

    artifacts = {a.path for a in client.list_artifacts(run_id)}
    assert "estimator.html" in artifacts
    assert "training_confusion_matrix.png" in artifacts

    # the model: a logged model (3.x) or the run's "model" folder (2.x)
    if IS_MLFLOW3:
        logged = mlflow.search_logged_models(experiment_ids=[experiment_id], output_format="list")
        assert len(logged) == 1
        lm = logged[0]
        assert lm.name == "model"
        assert lm.source_run_id == run_id
        assert str(lm.status) in ("READY", "LoggedModelStatus.READY")
        assert lm.model_id.startswith("m-")
        assert lm.params["C"] == "10.0"
        model_uri = f"models:/{lm.model_id}"
        assert [o.model_id for o in fetched.outputs.model_outputs] == [lm.model_id]
        files = {a.path for a in mlflow.artifacts.list_artifacts(artifact_uri=lm.artifact_location)}
    else:
        model_uri = f"runs:/{run_id}/model"
        files = {a.path.split("/")[-1] for a in client.list_artifacts(run_id, "model")}
        assert "mlflow.log-model.history" in tags
    assert {"MLmodel", "requirements.txt", "conda.yaml", "python_env.yaml"} <= {
        f.split("/")[-1] for f in files
    }
    assert {"model.pkl", "model.skops"} & {f.split("/")[-1] for f in files}

    info = mlflow.models.get_model_info(model_uri)
    assert info.run_id == run_id
    assert {"sklearn", "python_function"} <= set(info.flavors)
    assert info.signature is not None
    assert [c.name for c in info.signature.inputs.inputs] == FEATURES

    loaded = mlflow.pyfunc.load_model(model_uri)
    np.testing.assert_array_equal(loaded.predict(X_test), model.predict(X_test))
    np.testing.assert_array_equal(mlflow.sklearn.load_model(model_uri).predict(X_test), model.predict(X_test))


def test_load_autologged_model_by_runs_uri(client, experiment_id, diabetes_split, autolog):
    """`runs:/<run_id>/model` is what most scripts use, on both clients."""
    from sklearn.linear_model import LogisticRegression

    X_train, X_test, y_train, _ = diabetes_split
    with mlflow.start_run() as run:
        model = LogisticRegression(C=10.0, solver="liblinear").fit(X_train, y_train)
    loaded = mlflow.pyfunc.load_model(f"runs:/{run.info.run_id}/model")
    np.testing.assert_array_equal(loaded.predict(X_test), model.predict(X_test))


@pytest.mark.parametrize("mode", ["autolog", "signature"])
def test_example_training_script(client, tmp_path, diabetes_csv, mode):
    """examples/train_diabetes.py, run as a user would, against the server under test."""
    experiment = unique("compat-example")
    model_name = unique("compat-example-model")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "train_diabetes.py"), diabetes_csv, "--mode", mode,
         "--experiment", experiment, "--register", model_name],
        cwd=tmp_path, capture_output=True, text=True, timeout=240,
        env={**os.environ, "MLFLOW_TRACKING_URI": STUDIO_URL},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = dict(line.split("=", 1) for line in proc.stdout.splitlines() if "=" in line and " " not in line)
    run = client.get_run(out["run_id"])
    assert run.info.status == "FINISHED"
    assert client.get_experiment(run.info.experiment_id).name == experiment
    assert run.data.params["C"] == "10.0"
    assert 0.75 < run.data.metrics["Accuracy"] <= 1
    assert "training_accuracy_score" in run.data.metrics
    assert out["model_version"] == "1"
    mv = client.get_model_version(model_name, "1")
    assert mv.run_id == out["run_id"]
    assert mv.status == "READY"
    if mode == "signature":
        sig = mlflow.models.get_model_info(f"models:/{model_name}/1").signature
        assert [c.name for c in sig.inputs.inputs] == FEATURES
        assert [c.type.name for c in sig.inputs.inputs] == ["long"] * 5 + ["double"] * 2 + ["long"]
