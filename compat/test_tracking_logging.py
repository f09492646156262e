"""Params, metrics (with steps and history), tags, and the error codes the client branches on."""

import math
import time

import mlflow
import pytest
from compat_helpers import error_code
from mlflow.entities import Metric, Param, RunTag
from mlflow.exceptions import MlflowException


def test_params(client, experiment_id):
    with mlflow.start_run() as run:
        mlflow.log_param("learning_rate", 0.01)
        mlflow.log_params({"layers": 3, "activation": "relu", "dropout": None, "name with space": "ok"})
        mlflow.log_param("long", "x" * 500)
        mlflow.log_param("unicode", "données ä ö 🚀")
        mlflow.log_param("learning_rate", 0.01)  # same value again is fine
    params = client.get_run(run.info.run_id).data.params
    assert params == {
        "learning_rate": "0.01", "layers": "3", "activation": "relu", "dropout": "None",
        "name with space": "ok", "long": "x" * 500, "unicode": "données ä ö 🚀",
    }


def test_param_changed_value_is_rejected(client, experiment_id):
    with mlflow.start_run() as run:
        mlflow.log_param("p", "v1")
        with pytest.raises(MlflowException) as e:
            mlflow.log_param("p", "v2")
        assert error_code(e) == "INVALID_PARAMETER_VALUE"
        with pytest.raises(MlflowException) as e:
            client.log_batch(run.info.run_id, params=[Param("p", "v3")])
        assert error_code(e) == "INVALID_PARAMETER_VALUE"
    assert client.get_run(run.info.run_id).data.params["p"] == "v1"


def test_metrics_with_steps_and_history(client, experiment_id):
    with mlflow.start_run() as run:
        for step in range(12):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        mlflow.log_metrics({"acc": 0.5, "f1": 0.25}, step=0)
        mlflow.log_metrics({"acc": 0.75, "f1": 0.5}, step=1)
        mlflow.log_metric("no_step", 3.5)
        mlflow.log_metric("negative", -1e-12, step=5)
        mlflow.log_metric("big", 1.7e308)
    run_id = run.info.run_id
    metrics = client.get_run(run_id).data.metrics
    assert metrics["loss"] == pytest.approx(1.0 / 12)  # latest step wins
    assert metrics["acc"] == 0.75 and metrics["f1"] == 0.5
    assert metrics["no_step"] == 3.5
    assert metrics["negative"] == -1e-12
    assert metrics["big"] == 1.7e308

    history = client.get_metric_history(run_id, "loss")
    assert [m.step for m in history] == list(range(12))
    assert [m.value for m in history] == pytest.approx([1.0 / (s + 1) for s in range(12)])
    assert all(m.key == "loss" and m.timestamp > 0 for m in history)
    assert [(m.step, m.value) for m in client.get_metric_history(run_id, "acc")] == [(0, 0.5), (1, 0.75)]
    assert [m.step for m in client.get_metric_history(run_id, "no_step")] == [0]
    assert client.get_metric_history(run_id, "never_logged") == []


def test_metric_history_large_batch(client, experiment_id):
    """log_batch with 1000 values of one metric (the client splits batches at 1000 metrics)."""
    ts = int(time.time() * 1000)
    with mlflow.start_run() as run:
        client.log_batch(run.info.run_id, metrics=[Metric("curve", i * 0.5, ts + i, i) for i in range(1000)])
        client.log_batch(run.info.run_id, metrics=[Metric("curve", i * 0.5, ts + i, i) for i in range(1000, 1500)])
    history = client.get_metric_history(run.info.run_id, "curve")
    assert len(history) == 1500
    assert [m.step for m in history] == list(range(1500))
    assert [m.value for m in history] == [i * 0.5 for i in range(1500)]


def test_special_float_metrics(client, experiment_id):
    with mlflow.start_run() as run:
        mlflow.log_metric("nan", float("nan"))
        mlflow.log_metric("inf", float("inf"))
        mlflow.log_metric("neg_inf", float("-inf"))
    metrics = client.get_run(run.info.run_id).data.metrics
    assert math.isnan(metrics["nan"])
    # the reference stores +-inf as +-1.7976931348623157e308
    assert metrics["inf"] > 1e308 and metrics["neg_inf"] < -1e308


def test_invalid_metric_name(client, experiment_id):
    with mlflow.start_run():
        for bad in ("bad$name", "../escape", "/absolute"):
            with pytest.raises(MlflowException) as e:
                mlflow.log_metric(bad, 1.0)
            assert error_code(e) == "INVALID_PARAMETER_VALUE", bad


def test_invalid_param_name(client, experiment_id):
    with mlflow.start_run():
        with pytest.raises(MlflowException) as e:
            mlflow.log_param("bad$name", "v")
        assert error_code(e) == "INVALID_PARAMETER_VALUE"


def test_tags(client, experiment_id):
    with mlflow.start_run() as run:
        mlflow.set_tag("team", "diabetes")
        mlflow.set_tags({"stage": "dev", "owner": "ada", "emoji": "🚀 ok"})
        mlflow.set_tag("stage", "prod")  # tags, unlike params, can change
        client.set_tag(run.info.run_id, "to_delete", "x")
        client.delete_tag(run.info.run_id, "to_delete")
        mlflow.set_tag("mlflow.note.content", "# Notes\nmarkdown")
    tags = client.get_run(run.info.run_id).data.tags
    assert tags["team"] == "diabetes" and tags["stage"] == "prod" and tags["owner"] == "ada"
    assert tags["emoji"] == "🚀 ok"
    assert tags["mlflow.note.content"] == "# Notes\nmarkdown"
    assert "to_delete" not in tags
    with pytest.raises(MlflowException) as e:
        client.delete_tag(run.info.run_id, "never_set")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"


def test_log_batch_mixed(client, experiment_id):
    run = client.create_run(experiment_id, run_name="batch", tags={"created_by": "client"})
    run_id = run.info.run_id
    assert run.info.status == "RUNNING"
    assert run.info.run_name == "batch"
    ts = int(time.time() * 1000)
    client.log_batch(
        run_id,
        metrics=[Metric("m1", 1.0, ts, 0), Metric("m1", 2.0, ts + 1, 1), Metric("m2", 5.0, ts, 0)],
        params=[Param("p1", "a"), Param("p2", "b")],
        tags=[RunTag("t1", "x")],
    )
    client.set_terminated(run_id, "KILLED")
    got = client.get_run(run_id)
    assert got.info.status == "KILLED"
    assert got.data.metrics == {"m1": 2.0, "m2": 5.0}
    assert got.data.params == {"p1": "a", "p2": "b"}
    assert got.data.tags["t1"] == "x" and got.data.tags["created_by"] == "client"
    assert got.data.tags["mlflow.runName"] == "batch"


def test_run_lifecycle_and_update(client, experiment_id):
    with mlflow.start_run(run_name="first-name") as run:
        run_id = run.info.run_id
        assert client.get_run(run_id).info.status == "RUNNING"
    client.update_run(run_id, name="renamed")
    got = client.get_run(run_id)
    assert got.info.run_name == "renamed" and got.data.tags["mlflow.runName"] == "renamed"
    assert got.info.status == "FINISHED"
    with pytest.raises(ZeroDivisionError):
        with mlflow.start_run() as failing:
            1 / 0  # noqa: B018
    assert client.get_run(failing.info.run_id).info.status == "FAILED"


def test_unknown_run_errors(client):
    missing = "0" * 32
    with pytest.raises(MlflowException) as e:
        client.get_run(missing)
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(MlflowException) as e:
        client.log_param(missing, "p", "v")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(MlflowException) as e:
        client.log_metric(missing, "m", 1.0)
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"


def test_logging_to_finished_run_is_allowed_but_deleted_run_is_not(client, experiment_id):
    with mlflow.start_run() as run:
        pass
    client.log_metric(run.info.run_id, "late", 1.0)  # a FINISHED run still accepts data
    assert client.get_run(run.info.run_id).data.metrics["late"] == 1.0
    client.delete_run(run.info.run_id)
    with pytest.raises(MlflowException) as e:
        client.log_metric(run.info.run_id, "after_delete", 1.0)
    assert error_code(e) == "INVALID_PARAMETER_VALUE"
