"""Registry error codes as the client sees them (MlflowException.error_code)."""

import mlflow
import pytest
from compat_helpers import error_code, reference_xfail, unique
from mlflow.exceptions import MlflowException


def test_missing_registered_model(client):
    name = unique("compat-missing")
    for call in (
        lambda: client.get_registered_model(name),
        lambda: client.update_registered_model(name, description="x"),
        lambda: client.delete_registered_model(name),
        lambda: client.rename_registered_model(name, name + "-2"),
        lambda: client.set_registered_model_tag(name, "k", "v"),
        lambda: client.get_model_version(name, "1"),
    ):
        with pytest.raises(MlflowException) as e:
            call()
        assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(MlflowException) as e:
        mlflow.pyfunc.load_model(f"models:/{name}/1")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"


def test_missing_version(client):
    name = unique("compat-noversion")
    client.create_registered_model(name)
    for call in (
        lambda: client.get_model_version(name, "1"),
        lambda: client.update_model_version(name, "1", description="x"),
        lambda: client.delete_model_version(name, "1"),
        lambda: client.set_model_version_tag(name, "1", "k", "v"),
        lambda: client.get_model_version_download_uri(name, "1"),
    ):
        with pytest.raises(MlflowException) as e:
            call()
        assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(MlflowException) as e:
        client.set_registered_model_alias(name, "champion", "1")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"


def test_missing_alias(client):
    name = unique("compat-noalias")
    client.create_registered_model(name)
    with pytest.raises(MlflowException) as e:
        client.get_model_version_by_alias(name, "champion")
    # reference behaviour: 400 INVALID_PARAMETER_VALUE "Registered model alias champion not found."
    assert error_code(e) == "INVALID_PARAMETER_VALUE"


@reference_xfail("mlflow 2.22 answers INVALID_PARAMETER_VALUE (alias not found) without checking that the "
               "model exists; 3.x answers RESOURCE_DOES_NOT_EXIST", servers=("2",))
def test_alias_of_missing_model(client):
    with pytest.raises(MlflowException) as e:
        client.get_model_version_by_alias(unique("compat-nomodel"), "champion")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"


def test_duplicate_registered_model(client):
    name = unique("compat-dupmodel")
    client.create_registered_model(name)
    with pytest.raises(MlflowException) as e:
        client.create_registered_model(name)
    assert error_code(e) == "RESOURCE_ALREADY_EXISTS"
    other = unique("compat-dupmodel-other")
    client.create_registered_model(other)
    with pytest.raises(MlflowException) as e:
        client.rename_registered_model(other, name)
    assert error_code(e) == "RESOURCE_ALREADY_EXISTS"


def test_invalid_names(client):
    with pytest.raises(MlflowException) as e:
        client.create_registered_model("")
    assert error_code(e) == "INVALID_PARAMETER_VALUE"
    name = unique("compat-badalias")
    client.create_registered_model(name)
    with pytest.raises(MlflowException) as e:
        client.get_model_version(name, "not-a-number")
    assert error_code(e) == "INVALID_PARAMETER_VALUE"
