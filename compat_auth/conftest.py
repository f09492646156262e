"""The unmodified MLflow client against a studio with accounts on (STUDIO_AUTH=on).

`npm test` starts that studio and sets STUDIO_URL and STUDIO_ADMIN_PASSWORD; the client
authenticates as it does against MLflow's own basic auth: MLFLOW_TRACKING_TOKEN (Bearer) or
MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD (Basic).
"""

import os

import pytest

STUDIO_URL = os.environ.get("STUDIO_URL", "")
ADMIN_PASSWORD = os.environ.get("STUDIO_ADMIN_PASSWORD", "")


def pytest_configure(config):
    if not STUDIO_URL or not ADMIN_PASSWORD:
        raise pytest.UsageError("STUDIO_URL and STUDIO_ADMIN_PASSWORD must point at a studio with STUDIO_AUTH=on")
    os.environ["MLFLOW_TRACKING_URI"] = STUDIO_URL
    for var in ("MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD"):
        os.environ.pop(var, None)
