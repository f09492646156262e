"""Logging, registering and loading a model with a token and with a password; refusals."""

import os
import uuid

import numpy as np
import pytest
import requests
from sklearn.linear_model import LinearRegression

import mlflow
from mlflow.exceptions import MlflowException
from mlflow.models import infer_signature
from mlflow.tracking import MlflowClient

from conftest import ADMIN_PASSWORD, STUDIO_URL

ADMIN = ("admin", ADMIN_PASSWORD)


def uniq(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def new_user(role):
    username, password = uniq(role), uniq("pw")
    r = requests.post(
        f"{STUDIO_URL}/api/2.0/mlflow/users/create",
        json={"username": username, "password": password, "role": role},
        auth=ADMIN,
        timeout=30,
    )
    r.raise_for_status()
    return username, password


def new_token(username, password):
    r = requests.post(f"{STUDIO_URL}/api/studio/tokens", json={"name": "pytest"}, auth=(username, password), timeout=30)
    r.raise_for_status()
    return r.json()


@pytest.fixture
def as_token(monkeypatch):
    def use(token):
        monkeypatch.delenv("MLFLOW_TRACKING_USERNAME", raising=False)
        monkeypatch.delenv("MLFLOW_TRACKING_PASSWORD", raising=False)
        monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", token)

    return use


@pytest.fixture
def as_password(monkeypatch):
    def use(username, password):
        monkeypatch.delenv("MLFLOW_TRACKING_TOKEN", raising=False)
        monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", username)
        monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", password)

    return use


def train_log_register(name):
    X = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0]])
    y = np.array([1.0, 2.0, 3.0, 4.0])
    model = LinearRegression().fit(X, y)
    mlflow.set_experiment(uniq("auth-exp"))
    with mlflow.start_run() as run:
        mlflow.log_param("alpha", 0.5)
        mlflow.log_metric("rmse", 0.1)
        kwargs = {"name": "model"} if int(mlflow.__version__.split(".")[0]) >= 3 else {"artifact_path": "model"}
        mlflow.sklearn.log_model(model, signature=infer_signature(X, model.predict(X)), **kwargs)
    version = mlflow.register_model(f"runs:/{run.info.run_id}/model", name)
    MlflowClient().set_registered_model_alias(name, "champion", version.version)
    loaded = mlflow.pyfunc.load_model(f"models:/{name}@champion")
    assert loaded.predict(X).shape == (4,)
    return run, version


def test_logs_registers_and_loads_with_a_token(as_token):
    username, password = new_user("editor")
    as_token(new_token(username, password)["token"])
    name = uniq("token-model")
    run, version = train_log_register(name)
    assert version.version == "1"
    got = MlflowClient().get_run(run.info.run_id)
    assert got.data.params["alpha"] == "0.5"
    # Retraining gives the next version.
    _, second = train_log_register(name)
    assert second.version == "2"


def test_logs_registers_and_loads_with_username_and_password(as_password):
    username, password = new_user("editor")
    as_password(username, password)
    _, version = train_log_register(uniq("password-model"))
    assert version.version == "1"


def test_a_revoked_token_is_refused(as_token):
    username, password = new_user("editor")
    created = new_token(username, password)
    as_token(created["token"])
    MlflowClient().search_experiments(max_results=1)
    requests.delete(f"{STUDIO_URL}/api/studio/tokens/{created['id']}", auth=(username, password), timeout=30).raise_for_status()
    with pytest.raises(MlflowException) as e:
        MlflowClient().search_experiments(max_results=1)
    assert e.value.error_code == "UNAUTHENTICATED"


def test_no_credentials_and_a_wrong_password_are_unauthenticated(as_password):
    with pytest.raises(MlflowException) as e:
        MlflowClient().search_experiments(max_results=1)
    assert e.value.error_code == "UNAUTHENTICATED"
    username, _ = new_user("editor")
    as_password(username, "not-the-password")
    with pytest.raises(MlflowException) as e:
        MlflowClient().search_experiments(max_results=1)
    assert e.value.error_code == "UNAUTHENTICATED"


def test_a_reader_reads_but_may_not_write(as_password, as_token):
    editor = new_user("editor")
    as_password(*editor)
    name = uniq("readable")
    train_log_register(name)
    reader = new_user("reader")
    as_password(*reader)
    client = MlflowClient()
    assert client.get_registered_model(name).name == name
    assert mlflow.pyfunc.load_model(f"models:/{name}@champion") is not None
    with pytest.raises(MlflowException) as e:
        client.set_registered_model_alias(name, "prod", "1")
    assert e.value.error_code == "PERMISSION_DENIED"
    with pytest.raises(MlflowException) as e:
        client.create_experiment(uniq("nope"))
    assert e.value.error_code == "PERMISSION_DENIED"
    # An admin grants the reader EDIT on this one model (MLflow's permission API): now they may.
    requests.post(
        f"{STUDIO_URL}/api/2.0/mlflow/registered-models/permissions/create",
        json={"name": name, "username": reader[0], "permission": "EDIT"},
        auth=ADMIN,
        timeout=30,
    ).raise_for_status()
    client.set_registered_model_alias(name, "prod", "1")
    assert client.get_model_version_by_alias(name, "prod").version == "1"
