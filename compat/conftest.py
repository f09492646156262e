"""Shared fixtures for the MLflow client compatibility suite.

The suite drives the unmodified MLflow Python client (one venv per pinned client, see
requirements-*.txt) against the server at $STUDIO_URL (`npm test` starts Studio and sets it).

It is validated against the reference `mlflow server` too (see README.md): then set
COMPAT_REFERENCE=<the reference server's mlflow version>, e.g. COMPAT_REFERENCE=2.22.5, so the few
tests that assert behaviour the reference itself gets wrong run as strict xfails (`reference_xfail`).
"""

import os
import uuid

import pytest

from compat_helpers import (
    MLFLOW_VERSION,
    ON_REFERENCE,
    REFERENCE_VERSION,
    STUDIO_URL,
    name_kwargs,
    train_diabetes,
)

import mlflow  # noqa: E402  (after compat_helpers: it sets the client's environment first)
from mlflow.tracking import MlflowClient  # noqa: E402


def pytest_configure(config):
    if not STUDIO_URL:
        raise pytest.UsageError(
            "STUDIO_URL is not set: point it at the tracking server under test, e.g. "
            "STUDIO_URL=http://127.0.0.1:3000 python -m pytest compat"
        )
    os.environ["MLFLOW_TRACKING_URI"] = STUDIO_URL  # for subprocesses (examples/, model loading)
    mlflow.set_tracking_uri(STUDIO_URL)
    mlflow.set_registry_uri(STUDIO_URL)
    config.addinivalue_line("markers", "reference_xfail(reason, servers): the reference mlflow server fails this test")


def pytest_report_header(config):
    return f"mlflow client {MLFLOW_VERSION} -> {STUDIO_URL}" + (f" (reference mlflow server {REFERENCE_VERSION})" if ON_REFERENCE else "")


def pytest_collection_modifyitems(config, items):
    """Tests marked `reference_xfail` assert what the Studio server must do where the reference server
    misbehaves. Against that reference (COMPAT_REFERENCE=<version>) they are strict xfails."""
    if not ON_REFERENCE:
        return
    for item in items:
        marker = item.get_closest_marker("reference_xfail")
        servers = marker.kwargs.get("servers") if marker else None
        if marker and (servers is None or REFERENCE_VERSION.split(".")[0] in servers):
            item.add_marker(pytest.mark.xfail(reason="reference: " + marker.args[0], strict=True))


# ---------------------------------------------------------------------------------------------
# fixtures


@pytest.fixture(scope="session")
def tracking_uri():
    return STUDIO_URL


@pytest.fixture(scope="session")
def client():
    return MlflowClient(tracking_uri=STUDIO_URL, registry_uri=STUDIO_URL)


@pytest.fixture(autouse=True)
def _no_leaked_runs():
    """Every test starts and ends without an active run and with autologging off."""
    while mlflow.active_run():
        mlflow.end_run()
    yield
    while mlflow.active_run():
        mlflow.end_run("FAILED")


@pytest.fixture
def experiment_name(request):
    test = request.node.name.replace("[", "-").replace("]", "")[:60]
    return f"compat-{test}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def experiment_id(experiment_name):
    """A fresh experiment for this test, made the active one (mlflow.set_experiment)."""
    return mlflow.set_experiment(experiment_name).experiment_id


@pytest.fixture(scope="session")
def diabetes_csv(tmp_path_factory):
    """The seed's diabetes.csv: ~500 deterministic synthetic patients."""
    return str(train_diabetes.write_diabetes_csv(tmp_path_factory.mktemp("data") / "diabetes.csv"))


@pytest.fixture(scope="session")
def diabetes_df(diabetes_csv):
    import pandas as pd

    return pd.read_csv(diabetes_csv)


@pytest.fixture(scope="session")
def diabetes_split(diabetes_df):
    """X_train, X_test, y_train, y_test as in the seed (30% test, random_state=0)."""
    return train_diabetes.split_data(diabetes_df)


@pytest.fixture(scope="session")
def diabetes_model(diabetes_split):
    """The seed's classifier: LogisticRegression(C=1/0.1, solver="liblinear"), trained once."""
    from sklearn.linear_model import LogisticRegression

    X_train, _, y_train, _ = diabetes_split
    return LogisticRegression(C=1 / 0.1, solver="liblinear").fit(X_train, y_train)


@pytest.fixture(scope="session")
def pip_requirements():
    """Explicit requirements for log_model: skips the client's requirement inference (a subprocess
    that re-imports the model), which is slow and says nothing about the server."""
    import sklearn

    return [f"mlflow=={MLFLOW_VERSION}", f"scikit-learn=={sklearn.__version__}"]


@pytest.fixture
def logged_diabetes_model(experiment_id, diabetes_model, diabetes_split, pip_requirements):
    """A run with the diabetes model logged at name/artifact path "model" (with an inferred
    signature). Returns (run_id, model_info)."""
    import mlflow.sklearn
    from mlflow.models import infer_signature

    X_train = diabetes_split[0]
    with mlflow.start_run() as run:
        mlflow.log_param("reg_rate", 0.1)
        info = mlflow.sklearn.log_model(
            diabetes_model,
            signature=infer_signature(X_train, diabetes_model.predict(X_train)),
            pip_requirements=pip_requirements,
            **name_kwargs("model"),
        )
    return run.info.run_id, info
