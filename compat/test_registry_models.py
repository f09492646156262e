"""Model registry: register (from a run, from log_model), versions, aliases, tags, descriptions,
loading by version/alias/latest, rename, delete."""

import warnings

import mlflow
import mlflow.pyfunc
import mlflow.sklearn
import numpy as np
import pytest
from compat_helpers import IS_MLFLOW3, error_code, name_kwargs, reference_xfail, unique
from mlflow.exceptions import MlflowException


@pytest.fixture
def model_name():
    return unique("compat-diabetes")


def test_register_from_run(client, logged_diabetes_model, model_name, diabetes_model, diabetes_split):
    run_id, info = logged_diabetes_model
    mv = mlflow.register_model(f"runs:/{run_id}/model", model_name)
    assert mv.name == model_name
    assert mv.version == "1"
    assert mv.status == "READY"
    assert mv.run_id == run_id
    assert mv.current_stage == "None"
    if IS_MLFLOW3:
        assert mv.source == f"models:/{info.model_id}"
        assert mv.model_id in (None, info.model_id)  # the reference does not echo model_id back
        # the logged model records which registered versions point at it
        tags = client.get_logged_model(info.model_id).tags
        assert f'"name": "{model_name}"' in tags.get("mlflow.modelVersions", "") or model_name in str(tags)
    else:
        assert mv.source.endswith(f"{run_id}/artifacts/model")

    got = client.get_model_version(model_name, "1")
    assert (got.name, got.version, got.run_id, got.status, got.source) == (
        model_name, "1", run_id, "READY", mv.source
    )
    assert got.creation_timestamp > 0 and got.last_updated_timestamp >= got.creation_timestamp
    rm = client.get_registered_model(model_name)
    assert rm.name == model_name
    assert [v.version for v in rm.latest_versions] == ["1"]

    X_test = diabetes_split[1]
    loaded = mlflow.pyfunc.load_model(f"models:/{model_name}/1")
    np.testing.assert_array_equal(loaded.predict(X_test), diabetes_model.predict(X_test))
    assert mlflow.models.get_model_info(f"models:/{model_name}/1").signature is not None


def test_register_via_log_model_then_version_2(client, experiment_id, model_name, diabetes_model,
                                               diabetes_split, pip_requirements):
    X_test = diabetes_split[1]
    with mlflow.start_run() as run1:
        info1 = mlflow.sklearn.log_model(diabetes_model, registered_model_name=model_name,
                                         pip_requirements=pip_requirements, **name_kwargs("model"))
    assert str(info1.registered_model_version) == "1"
    with mlflow.start_run() as run2:
        mlflow.sklearn.log_model(diabetes_model, registered_model_name=model_name,
                                 pip_requirements=pip_requirements, **name_kwargs("model"))
    v1 = client.get_model_version(model_name, "1")
    v2 = client.get_model_version(model_name, "2")
    assert v1.run_id == run1.info.run_id
    assert v2.run_id == run2.info.run_id
    assert v2.status == "READY"
    # registering the same run's model again makes version 3
    v3 = mlflow.register_model(f"runs:/{run1.info.run_id}/model", model_name)
    assert v3.version == "3" and v3.run_id == run1.info.run_id
    rm = client.get_registered_model(model_name)
    assert [v.version for v in rm.latest_versions] == ["3"]
    versions = client.search_model_versions(f"name='{model_name}'")
    assert sorted(int(v.version) for v in versions) == [1, 2, 3]
    for version in ("1", "2", "3"):
        loaded = mlflow.pyfunc.load_model(f"models:/{model_name}/{version}")
        np.testing.assert_array_equal(loaded.predict(X_test), diabetes_model.predict(X_test))
    latest = mlflow.pyfunc.load_model(f"models:/{model_name}/latest")
    np.testing.assert_array_equal(latest.predict(X_test), diabetes_model.predict(X_test))


def _register_two_versions(client, name, logged):
    run_id, _ = logged
    mlflow.register_model(f"runs:/{run_id}/model", name)
    mlflow.register_model(f"runs:/{run_id}/model", name)


def test_aliases(client, logged_diabetes_model, model_name, diabetes_model, diabetes_split):
    _register_two_versions(client, model_name, logged_diabetes_model)
    X_test = diabetes_split[1]

    client.set_registered_model_alias(model_name, "champion", "1")
    client.set_registered_model_alias(model_name, "challenger", "2")
    assert client.get_registered_model(model_name).aliases == {"champion": "1", "challenger": "2"}
    assert client.get_model_version_by_alias(model_name, "champion").version == "1"
    assert client.get_model_version(model_name, "1").aliases == ["champion"]
    loaded = mlflow.pyfunc.load_model(f"models:/{model_name}@champion")
    np.testing.assert_array_equal(loaded.predict(X_test), diabetes_model.predict(X_test))

    # move the alias: it leaves version 1
    client.set_registered_model_alias(model_name, "champion", "2")
    assert client.get_model_version_by_alias(model_name, "champion").version == "2"
    assert client.get_model_version(model_name, "1").aliases == []
    assert sorted(client.get_model_version(model_name, "2").aliases) == ["challenger", "champion"]
    assert client.get_registered_model(model_name).aliases == {"champion": "2", "challenger": "2"}
    assert mlflow.models.get_model_info(f"models:/{model_name}@champion").run_id == logged_diabetes_model[0]

    client.delete_registered_model_alias(model_name, "challenger")
    assert client.get_registered_model(model_name).aliases == {"champion": "2"}
    with pytest.raises(MlflowException) as e:
        client.get_model_version_by_alias(model_name, "challenger")
    # the reference answers a missing alias with INVALID_PARAMETER_VALUE (HTTP 400), not 404
    assert error_code(e) == "INVALID_PARAMETER_VALUE"
    with pytest.raises(MlflowException):
        mlflow.pyfunc.load_model(f"models:/{model_name}@challenger")


def test_tags_and_descriptions(client, logged_diabetes_model, model_name):
    rm = client.create_registered_model(model_name, tags={"team": "health", "task": "classification"},
                                        description="Predicts diabetes.")
    assert rm.name == model_name and rm.description == "Predicts diabetes."
    assert rm.tags == {"team": "health", "task": "classification"}
    run_id, _ = logged_diabetes_model
    mlflow.register_model(f"runs:/{run_id}/model", model_name)

    client.set_registered_model_tag(model_name, "owner", "ada")
    client.delete_registered_model_tag(model_name, "task")
    client.update_registered_model(model_name, description="Predicts diabetes (v2 data). ünïcode")
    client.set_model_version_tag(model_name, "1", "validated", "true")
    client.set_model_version_tag(model_name, "1", "to_remove", "x")
    client.delete_model_version_tag(model_name, "1", "to_remove")
    client.update_model_version(model_name, "1", description="First version.")

    rm = client.get_registered_model(model_name)
    assert rm.tags == {"team": "health", "owner": "ada"}
    assert rm.description == "Predicts diabetes (v2 data). ünïcode"
    mv = client.get_model_version(model_name, "1")
    assert mv.tags == {"validated": "true"}
    assert mv.description == "First version."
    assert rm.last_updated_timestamp >= rm.creation_timestamp


def test_model_version_with_tags_and_description_at_creation(client, logged_diabetes_model, model_name):
    run_id, info = logged_diabetes_model
    client.create_registered_model(model_name)
    source = info.model_uri if IS_MLFLOW3 else f"{client.get_run(run_id).info.artifact_uri}/model"
    kwargs = {"model_id": info.model_id} if IS_MLFLOW3 else {}
    mv = client.create_model_version(model_name, source, run_id=run_id, tags={"k": "v"},
                                     description="made directly", **kwargs)
    assert mv.version == "1" and mv.status == "READY"
    got = client.get_model_version(model_name, "1")
    assert got.tags == {"k": "v"} and got.description == "made directly" and got.run_id == run_id
    uri = client.get_model_version_download_uri(model_name, "1")
    assert uri  # where the files are; the client downloads through it
    assert mlflow.pyfunc.load_model(f"models:/{model_name}/1") is not None


def test_get_latest_versions_and_stages(client, logged_diabetes_model, model_name):
    _register_two_versions(client, model_name, logged_diabetes_model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # stages are deprecated in MLflow 2.9+, still served
        assert [v.version for v in client.get_latest_versions(model_name)] == ["2"]
        assert [v.version for v in client.get_latest_versions(model_name, stages=["None"])] == ["2"]
        assert client.get_latest_versions(model_name, stages=["Production"]) == []
        mv = client.transition_model_version_stage(model_name, "1", "Production")
        assert mv.current_stage == "Production"
        assert [v.version for v in client.get_latest_versions(model_name, stages=["Production"])] == ["1"]
        assert sorted((v.version, v.current_stage) for v in client.get_latest_versions(model_name)) == [
            ("1", "Production"), ("2", "None")
        ]
        loaded = mlflow.pyfunc.load_model(f"models:/{model_name}/Production")
        assert loaded.metadata.run_id == logged_diabetes_model[0]


def test_rename_registered_model(client, logged_diabetes_model, model_name, diabetes_model, diabetes_split):
    _register_two_versions(client, model_name, logged_diabetes_model)
    client.set_registered_model_alias(model_name, "champion", "2")
    new_name = model_name + "-renamed"
    client.rename_registered_model(model_name, new_name)
    with pytest.raises(MlflowException) as e:
        client.get_registered_model(model_name)
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    rm = client.get_registered_model(new_name)
    assert rm.aliases == {"champion": "2"}
    assert client.get_model_version(new_name, "1").name == new_name
    assert sorted(v.version for v in client.search_model_versions(f"name='{new_name}'")) == ["1", "2"]
    loaded = mlflow.pyfunc.load_model(f"models:/{new_name}@champion")
    X_test = diabetes_split[1]
    np.testing.assert_array_equal(loaded.predict(X_test), diabetes_model.predict(X_test))


def test_delete_version_and_model(client, logged_diabetes_model, model_name):
    _register_two_versions(client, model_name, logged_diabetes_model)
    client.delete_model_version(model_name, "1")
    with pytest.raises(MlflowException) as e:
        client.get_model_version(model_name, "1")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    assert [v.version for v in client.search_model_versions(f"name='{model_name}'")] == ["2"]
    # version numbers are not reused
    v3 = mlflow.register_model(f"runs:/{logged_diabetes_model[0]}/model", model_name)
    assert v3.version == "3"
    client.delete_registered_model(model_name)
    with pytest.raises(MlflowException) as e:
        client.get_registered_model(model_name)
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(MlflowException) as e:
        client.get_model_version(model_name, "2")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    assert client.search_model_versions(f"name='{model_name}'") == []


@reference_xfail("mlflow 2.22 keeps an alias pointing at a deleted version (3.x deletes it)", servers=("2",))
def test_deleting_a_version_drops_its_aliases(client, logged_diabetes_model, model_name):
    _register_two_versions(client, model_name, logged_diabetes_model)
    client.set_registered_model_alias(model_name, "champion", "1")
    client.set_registered_model_alias(model_name, "challenger", "2")
    client.delete_model_version(model_name, "1")
    assert client.get_registered_model(model_name).aliases == {"challenger": "2"}
    with pytest.raises(MlflowException):
        client.get_model_version_by_alias(model_name, "champion")


@pytest.mark.skipif(not IS_MLFLOW3, reason="register_model('models:/...') is new in MLflow 3")
def test_register_from_logged_model_and_promote(client, logged_diabetes_model, model_name, diabetes_model,
                                                diabetes_split):
    """3.x: register a logged model by `models:/<model_id>`, then promote that version to another
    registered model with `models:/<name>/<version>` (the run lineage is kept)."""
    run_id, info = logged_diabetes_model
    mv = mlflow.register_model(info.model_uri, model_name)
    assert mv.version == "1" and mv.source == info.model_uri and mv.run_id == run_id
    prod = mlflow.register_model(f"models:/{model_name}/1", model_name + "-prod")
    assert prod.version == "1"
    got = client.get_model_version(model_name + "-prod", "1")
    assert got.run_id == run_id
    loaded = mlflow.pyfunc.load_model(f"models:/{model_name}-prod/1")
    X_test = diabetes_split[1]
    np.testing.assert_array_equal(loaded.predict(X_test), diabetes_model.predict(X_test))
    # the logged model lists the registered versions made from it (client-maintained tag)
    assert model_name in client.get_logged_model(info.model_id).tags.get("mlflow.modelVersions", "")
