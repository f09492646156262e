"""Helpers shared by the compat tests (imported by conftest.py and the test modules).

Importing this module applies the client settings below before mlflow is imported.
"""

import importlib.util
import os
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STUDIO_URL = os.environ.get("STUDIO_URL", "").rstrip("/")

# Client settings, applied before mlflow is imported anywhere. Each can be overridden from outside.
# - no usage telemetry from MLflow 3 (it would try to reach the internet);
# - few HTTP retries: the client retries 429/5xx 7 times with exponential backoff by default, which
#   turns one wrong status into minutes; 2 retries still ride out a transient hiccup;
# - a request timeout, so a hung endpoint fails the test instead of the whole run.
for _key, _value in {
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "DO_NOT_TRACK": "true",
    "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "2",
    "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR": "1",
    "MLFLOW_HTTP_REQUEST_TIMEOUT": "120",
    "GIT_PYTHON_REFRESH": "quiet",
}.items():
    os.environ.setdefault(_key, _value)

import mlflow  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402

MLFLOW_VERSION = mlflow.__version__
MLFLOW_MAJOR = int(MLFLOW_VERSION.split(".")[0])
IS_MLFLOW3 = MLFLOW_MAJOR >= 3
# COMPAT_REFERENCE=<version of the reference mlflow server>, only when validating against it.
REFERENCE_VERSION = os.environ.get("COMPAT_REFERENCE", "")
ON_REFERENCE = bool(REFERENCE_VERSION)


def reference_xfail(reason, servers=None):
    """Marks a test that asserts what Studio must do where the reference mlflow server misbehaves
    (or predates the feature). `servers`: the reference major versions ("2", "3") concerned;
    None = all. Against those references (COMPAT_REFERENCE set) the test is a strict xfail."""
    return pytest.mark.reference_xfail(reason, servers=servers)


def unique(prefix="compat"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def name_kwargs(name="model"):
    """`log_model(name=...)` on 3.x, `log_model(artifact_path=...)` on 2.x."""
    return {"name": name} if IS_MLFLOW3 else {"artifact_path": name}


def error_code(exc_info):
    """The error_code a client sees on an MlflowException, e.g. "RESOURCE_DOES_NOT_EXIST"."""
    exc = exc_info.value if hasattr(exc_info, "value") else exc_info
    assert isinstance(exc, MlflowException), f"expected MlflowException, got {type(exc).__name__}: {exc}"
    return exc.error_code


def _load_example():
    spec = importlib.util.spec_from_file_location("train_diabetes", ROOT / "examples" / "train_diabetes.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_diabetes"] = module
    spec.loader.exec_module(module)
    return module


train_diabetes = _load_example()
FEATURES = train_diabetes.FEATURES
