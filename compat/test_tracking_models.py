"""log_model with signatures (inferred, hand-built ColSpec, tensor) and loading the models back."""

import os

import mlflow
import mlflow.pyfunc
import mlflow.sklearn
import numpy as np
import pytest
import yaml
from compat_helpers import FEATURES, IS_MLFLOW3, name_kwargs, train_diabetes
from mlflow.exceptions import MlflowException
from mlflow.models import Model, ModelSignature, infer_signature
from mlflow.types.schema import ColSpec, Schema, TensorSpec


def _download_mlmodel(model_uri, tmp_path):
    """Download the whole model folder through the artifact API and parse its MLmodel."""
    local = mlflow.artifacts.download_artifacts(artifact_uri=model_uri, dst_path=str(tmp_path / "dl"))
    assert os.path.isfile(os.path.join(local, "MLmodel")), os.listdir(local)
    with open(os.path.join(local, "MLmodel"), encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    return local, Model.load(os.path.join(local, "MLmodel")), raw


def test_log_model_with_inferred_signature(client, experiment_id, diabetes_model, diabetes_split,
                                           pip_requirements, tmp_path):
    X_train, X_test, _, _ = diabetes_split
    signature = infer_signature(X_train, diabetes_model.predict(X_train))
    with mlflow.start_run() as run:
        info = mlflow.sklearn.log_model(
            diabetes_model, signature=signature, input_example=X_train.head(3),
            pip_requirements=pip_requirements, **name_kwargs("model"),
        )
    run_id = run.info.run_id
    assert info.run_id == run_id
    assert info.signature == signature
    if IS_MLFLOW3:
        assert info.model_uri == f"models:/{info.model_id}"
        lm = client.get_logged_model(info.model_id)
        assert lm.source_run_id == run_id and lm.experiment_id == experiment_id
        assert lm.name == "model"
        assert lm.status.to_proto() == 2 or str(lm.status).endswith("READY")
    else:
        assert info.model_uri == f"runs:/{run_id}/model"

    local, model, raw = _download_mlmodel(info.model_uri, tmp_path)
    assert model.signature == signature
    assert model.run_id == run_id
    assert {"sklearn", "python_function"} <= set(model.flavors)
    assert raw["flavors"]["python_function"]["loader_module"] == "mlflow.sklearn"
    assert [c.name for c in model.signature.inputs.inputs] == FEATURES
    assert [c.type.name for c in model.signature.inputs.inputs] == ["long"] * 5 + ["double"] * 2 + ["long"]
    # 3.18 saves sklearn models as model.skops by default, older clients as model.pkl
    model_file = raw["flavors"]["sklearn"]["pickled_model"]
    assert {model_file, "requirements.txt", "input_example.json", "conda.yaml"} <= set(os.listdir(local))
    with open(os.path.join(local, "requirements.txt")) as f:
        assert f.read().split() == pip_requirements
    example = model.load_input_example(local)
    assert list(example.columns) == FEATURES and len(example) == 3

    loaded = mlflow.pyfunc.load_model(info.model_uri)
    assert loaded.metadata.signature == signature
    np.testing.assert_array_equal(loaded.predict(X_test), diabetes_model.predict(X_test))
    # The signature is enforced from the downloaded MLmodel: a missing column is rejected.
    with pytest.raises(MlflowException):
        loaded.predict(X_test.drop(columns=["BMI"]))


def test_log_model_with_hand_built_colspec_signature(client, experiment_id, diabetes_model, diabetes_split,
                                                     pip_requirements, tmp_path):
    """The seed's hand-written ModelSignature(Schema([ColSpec(...)])) round-trips exactly."""
    _, X_test, _, _ = diabetes_split
    signature = train_diabetes.hand_built_signature()
    with mlflow.start_run() as run:
        info = mlflow.sklearn.log_model(diabetes_model, signature=signature, pip_requirements=pip_requirements,
                                        **name_kwargs("diabetes_classifier"))
    _, model, raw = _download_mlmodel(info.model_uri, tmp_path)
    assert model.signature == signature
    assert model.signature.outputs == Schema([ColSpec("long")])
    assert model.run_id == run.info.run_id
    # the MLmodel stores each schema as a JSON string
    assert isinstance(raw["signature"]["inputs"], str)
    assert '"name": "PlasmaGlucose"' in raw["signature"]["inputs"]
    assert mlflow.models.get_model_info(info.model_uri).signature == signature

    loaded = mlflow.pyfunc.load_model(info.model_uri)
    np.testing.assert_array_equal(loaded.predict(X_test), diabetes_model.predict(X_test))


def _make_brightness_model():
    """A pyfunc model over uint8 images, defined in a function so cloudpickle stores it by value."""

    class Brightness(mlflow.pyfunc.PythonModel):
        def predict(self, context, model_input, params=None):
            mean = model_input.reshape(len(model_input), -1).mean(axis=1) / 255.0
            return np.stack([mean, 1.0 - mean], axis=1).astype(np.float32)

    return Brightness()


def test_tensor_signature_pyfunc_model(experiment_id, tmp_path):
    """Like the seed's computer vision example: uint8 [-1, 8, 8, 3] in, float32 [-1, 2] out."""
    signature = ModelSignature(
        inputs=Schema([TensorSpec(np.dtype(np.uint8), (-1, 8, 8, 3))]),
        outputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 2))]),
    )
    images = np.random.default_rng(7).integers(0, 256, size=(5, 8, 8, 3), dtype=np.uint8)
    with mlflow.start_run() as run:
        info = mlflow.pyfunc.log_model(
            python_model=_make_brightness_model(), signature=signature,
            pip_requirements=[f"mlflow=={mlflow.__version__}"], **name_kwargs("classifier"),
        )
    _, model, raw = _download_mlmodel(info.model_uri, tmp_path)
    assert model.signature == signature
    assert model.run_id == run.info.run_id
    assert '"tensor-spec"' in raw["signature"]["inputs"]
    assert '"dtype": "uint8"' in raw["signature"]["inputs"]
    assert '"shape": [-1, 8, 8, 3]' in raw["signature"]["inputs"]

    loaded = mlflow.pyfunc.load_model(info.model_uri)
    spec = loaded.metadata.get_input_schema().inputs[0]
    assert spec.type == np.dtype(np.uint8) and spec.shape == (-1, 8, 8, 3)
    out = loaded.predict(images)
    assert out.shape == (5, 2) and out.dtype == np.float32
    expected = images.reshape(5, -1).mean(axis=1) / 255.0
    np.testing.assert_allclose(out[:, 0], expected, rtol=1e-6)
    with pytest.raises(MlflowException):
        loaded.predict(images.astype(np.float64))  # float64 -> uint8 is not a safe cast


def test_log_two_models_in_one_run(client, experiment_id, diabetes_model, diabetes_split, pip_requirements):
    _, X_test, _, _ = diabetes_split
    with mlflow.start_run() as run:
        first = mlflow.sklearn.log_model(diabetes_model, pip_requirements=pip_requirements, **name_kwargs("first"))
        second = mlflow.sklearn.log_model(diabetes_model, pip_requirements=pip_requirements, **name_kwargs("second"))
    assert first.model_uri != second.model_uri
    if IS_MLFLOW3:
        got = client.get_run(run.info.run_id)
        assert {o.model_id for o in got.outputs.model_outputs} == {first.model_id, second.model_id}
        found = client.search_logged_models(experiment_ids=[experiment_id], filter_string="name = 'second'")
        assert [m.model_id for m in found] == [second.model_id]
    else:
        assert {a.path for a in client.list_artifacts(run.info.run_id)} >= {"first", "second"}
    for info in (first, second):
        np.testing.assert_array_equal(
            mlflow.sklearn.load_model(info.model_uri).predict(X_test), diabetes_model.predict(X_test)
        )
