"""Registers `count` versions of a model with the real MLflow client, from a job output.

Usage: python register_concurrently.py <tracking uri> <model name> <runs:/ source> <count>
"""
import sys
from concurrent.futures import ThreadPoolExecutor

import mlflow
from mlflow import MlflowClient

uri, name, source, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
mlflow.set_tracking_uri(uri)
client = MlflowClient()
try:
    client.create_registered_model(name)
except mlflow.exceptions.MlflowException:
    pass  # another registrant created it first
with ThreadPoolExecutor(count) as pool:
    versions = list(pool.map(lambda _: client.create_model_version(name, source).version, range(count)))
print(" ".join(sorted(versions, key=int)))
