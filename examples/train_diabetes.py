"""Train the diabetes classifier from the product's origin story and log it to an MLflow tracking server.

    MLFLOW_TRACKING_URI=http://127.0.0.1:3000 python examples/train_diabetes.py [diabetes.csv] \
        [--mode autolog|signature|infer] [--experiment diabetes-training] [--register mlflow-diabetes]

Without a CSV path (or with a path that does not exist yet) a deterministic synthetic diabetes.csv is
generated first, with the columns of the original data set. Modes:
  autolog    mlflow.sklearn.autolog() logs params, metrics and the model (the default)
  signature  autolog(log_models=False) + log_model with a hand-built ModelSignature (ColSpec)
  infer      autolog(log_models=False) + log_model with infer_signature()
Prints `run_id=<id>` and `model_uri=<uri>` (and `model_version=<n>` with --register). Works with
MLflow 2.22.x and 3.x clients, against any tracking URI.
"""

import argparse
import os
import sys

import numpy as np
import pandas as pd

FEATURES = [
    "Pregnancies",
    "PlasmaGlucose",
    "DiastolicBloodPressure",
    "TricepsThickness",
    "SerumInsulin",
    "BMI",
    "DiabetesPedigree",
    "Age",
]
COLUMNS = ["PatientID", *FEATURES, "Diabetic"]


def make_diabetes_frame(rows=500, seed=42):
    """Deterministic synthetic patients; `Diabetic` follows a noisy linear rule a classifier can learn."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "PatientID": rng.choice(np.arange(1_000_000, 2_000_000), size=rows, replace=False),
            "Pregnancies": rng.poisson(3, rows).clip(0, 14),
            "PlasmaGlucose": rng.normal(110, 30, rows).clip(44, 199).round().astype(np.int64),
            "DiastolicBloodPressure": rng.normal(72, 12, rows).clip(24, 122).round().astype(np.int64),
            "TricepsThickness": rng.normal(29, 10, rows).clip(7, 99).round().astype(np.int64),
            "SerumInsulin": rng.normal(140, 90, rows).clip(14, 800).round().astype(np.int64),
            "BMI": rng.normal(32, 7, rows).clip(18, 67).round(2),
            "DiabetesPedigree": rng.gamma(2.0, 0.25, rows).clip(0.078, 2.42).round(3),
            "Age": rng.integers(21, 80, rows),
        }
    )
    score = (
        0.045 * (df.PlasmaGlucose - 110)
        + 0.10 * (df.BMI - 32)
        + 0.05 * (df.Age - 45)
        + 0.15 * (df.Pregnancies - 3)
        + rng.normal(0, 0.6, rows)
    )
    df["Diabetic"] = (score > 0).astype(np.int64)
    df["Pregnancies"] = df["Pregnancies"].astype(np.int64)
    df["Age"] = df["Age"].astype(np.int64)
    return df[COLUMNS]


def write_diabetes_csv(path, rows=500, seed=42):
    make_diabetes_frame(rows, seed).to_csv(path, index=False)
    return path


def split_data(df):
    from sklearn.model_selection import train_test_split

    X, y = df[FEATURES], df["Diabetic"]
    return train_test_split(X, y, test_size=0.30, random_state=0)


def hand_built_signature():
    """The seed's hand-written signature. Integer columns are `long` because pandas reads them as int64
    (an `integer` (int32) ColSpec would reject int64 input at predict time)."""
    from mlflow.models.signature import ModelSignature
    from mlflow.types.schema import ColSpec, Schema

    input_schema = Schema(
        [
            ColSpec("long", "Pregnancies"),
            ColSpec("long", "PlasmaGlucose"),
            ColSpec("long", "DiastolicBloodPressure"),
            ColSpec("long", "TricepsThickness"),
            ColSpec("long", "SerumInsulin"),
            ColSpec("double", "BMI"),
            ColSpec("double", "DiabetesPedigree"),
            ColSpec("long", "Age"),
        ]
    )
    return ModelSignature(inputs=input_schema, outputs=Schema([ColSpec("long")]))


def log_model_name_kwargs(name):
    """MLflow 3 names a logged model with `name=`; 2.x places it at `artifact_path=`."""
    import mlflow

    return {"name": name} if int(mlflow.__version__.split(".")[0]) >= 3 else {"artifact_path": name}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("training_data", nargs="?", help="diabetes.csv (generated if missing)")
    parser.add_argument("--mode", choices=["autolog", "signature", "infer"], default="autolog")
    parser.add_argument("--experiment", default="diabetes-training")
    parser.add_argument("--reg-rate", type=float, default=0.1)
    parser.add_argument("--register", metavar="MODEL_NAME", help="register the model under this name")
    args = parser.parse_args(argv)

    # Keep the script quiet and self-contained: no usage telemetry from MLflow 3.
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("DO_NOT_TRACK", "true")

    import mlflow
    import mlflow.sklearn
    from mlflow.models import infer_signature
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    path = args.training_data or "diabetes.csv"
    if not os.path.exists(path):
        write_diabetes_csv(path)
        print(f"generated {path}", file=sys.stderr)
    df = pd.read_csv(path)
    X_train, X_test, y_train, y_test = split_data(df)

    mlflow.set_experiment(args.experiment)
    if args.mode == "autolog":
        mlflow.sklearn.autolog(log_input_examples=False, silent=True)
    else:
        mlflow.sklearn.autolog(log_models=False, silent=True)
    try:
        with mlflow.start_run() as run:
            model = LogisticRegression(C=1 / args.reg_rate, solver="liblinear").fit(X_train, y_train)
            y_hat = model.predict(X_test)
            acc = float(np.average(y_hat == y_test))
            auc = float(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
            mlflow.log_metric("Accuracy", acc)
            mlflow.log_metric("AUC", auc)
            if args.mode == "autolog":
                model_uri = f"runs:/{run.info.run_id}/model"
                if int(mlflow.__version__.split(".")[0]) >= 3:
                    model_uri = f"models:/{mlflow.last_logged_model().model_id}"
            else:
                signature = (
                    hand_built_signature()
                    if args.mode == "signature"
                    else infer_signature(X_train, model.predict(X_train))
                )
                info = mlflow.sklearn.log_model(
                    model, signature=signature, input_example=X_train.head(3), **log_model_name_kwargs("model")
                )
                model_uri = info.model_uri
    finally:
        mlflow.sklearn.autolog(disable=True)

    print(f"run_id={run.info.run_id}")
    print(f"model_uri={model_uri}")
    print(f"accuracy={acc:.4f} auc={auc:.4f}")
    if args.register:
        version = mlflow.register_model(model_uri, args.register)
        print(f"model_version={version.version}")
    return run.info.run_id


if __name__ == "__main__":
    main()
