"""Registers models through the real MLflow client for the browser tests.

Usage: python register_models.py <tracking uri> <suffix>
Prints JSON: {"columns": <model name>, "tensor": <model name>, "run_id": <job id>}.
"""
import json
import sys

import mlflow
import numpy as np
import pandas as pd
from mlflow.models import ModelSignature, infer_signature
from mlflow.types.schema import Schema, TensorSpec
from sklearn.linear_model import LogisticRegression

uri, suffix = sys.argv[1], sys.argv[2]
mlflow.set_tracking_uri(uri)
mlflow.set_experiment(f"e2e-models-{suffix}")
MAJOR = int(mlflow.__version__.split(".")[0])


def log(model, **kwargs):
    key = "name" if MAJOR >= 3 else "artifact_path"
    return mlflow.sklearn.log_model(model, **{key: "model"}, **kwargs) if isinstance(model, LogisticRegression) else mlflow.pyfunc.log_model(**{key: "model"}, python_model=model, **kwargs)


rng = np.random.default_rng(7)
X = pd.DataFrame(
    {
        "Pregnancies": rng.integers(0, 10, 60).astype("int64"),
        "PlasmaGlucose": rng.normal(120, 20, 60),
        "BMI": rng.normal(30, 5, 60),
        "Age": rng.integers(21, 80, 60).astype("int64"),
    }
)
y = (X.PlasmaGlucose > 125).astype(int)
columns_name = f"e2e-diabetes-{suffix}"
with mlflow.start_run(run_name="diabetes-train") as run:
    clf = LogisticRegression(max_iter=200).fit(X, y)
    log(clf, signature=infer_signature(X, clf.predict(X)), input_example=X.head(3), registered_model_name=columns_name)
client = mlflow.MlflowClient()
client.set_registered_model_tag(columns_name, "team", "health")
client.update_registered_model(columns_name, "Predicts **diabetes** from patient data.")


class Brightness(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        return np.asarray(model_input, dtype="float32").reshape(len(model_input), -1).mean(axis=1, keepdims=True)


tensor_name = f"e2e-tensor-{suffix}"
signature = ModelSignature(
    inputs=Schema([TensorSpec(np.dtype("uint8"), (-1, 300, 300, 3), "image")]),
    outputs=Schema([TensorSpec(np.dtype("float32"), (-1, 2))]),
)
with mlflow.start_run(run_name="vision-train"):
    log(Brightness(), signature=signature, registered_model_name=tensor_name)
client.set_registered_model_tag(tensor_name, "team", "vision")
print(json.dumps({"columns": columns_name, "tensor": tensor_name, "run_id": run.info.run_id}))
