"""Experiments: create, get, get by name, search (filters, paging), rename, delete/restore, tags."""

import mlflow
import pytest
from compat_helpers import error_code, unique
from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException


def test_create_get_and_get_by_name(client):
    name = unique("compat-exp")
    exp_id = client.create_experiment(name, tags={"team": "diabetes", "unicode": "ä ö"})
    assert isinstance(exp_id, str) and exp_id
    exp = client.get_experiment(exp_id)
    assert exp.experiment_id == exp_id
    assert exp.name == name
    assert exp.lifecycle_stage == "active"
    assert exp.tags["team"] == "diabetes" and exp.tags["unicode"] == "ä ö"
    assert exp.artifact_location  # where runs' artifacts go (mlflow-artifacts:/<id> on a proxying server)
    assert exp.creation_time and exp.last_update_time
    assert client.get_experiment_by_name(name).experiment_id == exp_id
    assert mlflow.get_experiment_by_name(name).experiment_id == exp_id
    assert client.get_experiment_by_name(unique("compat-missing")) is None


def test_set_experiment_creates_then_reuses(client):
    name = unique("compat-set")
    first = mlflow.set_experiment(name)
    second = mlflow.set_experiment(name)
    assert first.experiment_id == second.experiment_id
    assert mlflow.set_experiment(experiment_id=first.experiment_id).name == name
    with mlflow.start_run() as run:
        pass
    assert run.info.experiment_id == first.experiment_id


def test_duplicate_experiment(client):
    name = unique("compat-dup")
    client.create_experiment(name)
    with pytest.raises(MlflowException) as e:
        client.create_experiment(name)
    assert error_code(e) == "RESOURCE_ALREADY_EXISTS"


def test_missing_experiment(client):
    with pytest.raises(MlflowException) as e:
        client.get_experiment("987654321")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(MlflowException) as e:
        client.create_run("987654321")
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"


def test_rename_and_tags(client):
    name = unique("compat-rename")
    exp_id = client.create_experiment(name)
    client.rename_experiment(exp_id, name + "-renamed")
    assert client.get_experiment(exp_id).name == name + "-renamed"
    assert client.get_experiment_by_name(name) is None
    client.set_experiment_tag(exp_id, "k", "v1")
    client.set_experiment_tag(exp_id, "k", "v2")
    mlflow.set_experiment(experiment_id=exp_id)
    mlflow.set_experiment_tags({"a": "1", "b": "2"})
    tags = client.get_experiment(exp_id).tags
    assert tags["k"] == "v2" and tags["a"] == "1" and tags["b"] == "2"
    if hasattr(client, "delete_experiment_tag"):  # 3.x clients only
        client.delete_experiment_tag(exp_id, "a")
        assert "a" not in client.get_experiment(exp_id).tags


def test_delete_and_restore(client):
    name = unique("compat-del")
    exp_id = client.create_experiment(name)
    run = client.create_run(exp_id)
    client.delete_experiment(exp_id)
    exp = client.get_experiment(exp_id)
    assert exp.lifecycle_stage == "deleted"
    assert client.get_experiment_by_name(name).lifecycle_stage == "deleted"
    assert client.get_run(run.info.run_id).info.lifecycle_stage == "deleted"
    active = client.search_experiments(filter_string=f"name = '{name}'")
    assert active == []
    deleted = client.search_experiments(view_type=ViewType.DELETED_ONLY, filter_string=f"name = '{name}'")
    assert [e.experiment_id for e in deleted] == [exp_id]
    with pytest.raises(MlflowException):
        mlflow.set_experiment(name)  # the client refuses a deleted experiment
    with pytest.raises(MlflowException) as e:
        client.create_experiment(name)  # the name stays taken while deleted
    assert error_code(e) == "RESOURCE_ALREADY_EXISTS"
    client.restore_experiment(exp_id)
    assert client.get_experiment(exp_id).lifecycle_stage == "active"
    assert client.get_run(run.info.run_id).info.lifecycle_stage == "active"
    assert mlflow.set_experiment(name).experiment_id == exp_id


def test_search_experiments_filters_and_paging(client):
    prefix = unique("compat-search")
    ids = {}
    for i, team in enumerate(["a", "b", "a", "c", "a"]):
        ids[i] = client.create_experiment(f"{prefix}-{i}", tags={"team": team})
    found = client.search_experiments(filter_string=f"name LIKE '{prefix}-%'")
    assert {e.experiment_id for e in found} == set(ids.values())
    found = client.search_experiments(filter_string=f"name LIKE '{prefix}-%' AND tags.team = 'a'")
    assert {e.experiment_id for e in found} == {ids[0], ids[2], ids[4]}
    found = client.search_experiments(filter_string=f"name = '{prefix}-3'")
    assert [e.experiment_id for e in found] == [ids[3]]
    found = client.search_experiments(filter_string=f"name LIKE '{prefix}-%'", order_by=["name DESC"])
    assert [e.name for e in found] == [f"{prefix}-{i}" for i in (4, 3, 2, 1, 0)]

    seen, token = [], None
    while True:
        page = client.search_experiments(filter_string=f"name LIKE '{prefix}-%'", max_results=2,
                                         order_by=["name ASC"], page_token=token)
        assert len(page) <= 2
        seen += [e.name for e in page]
        token = page.token
        if not token:
            break
    assert seen == [f"{prefix}-{i}" for i in range(5)]
    df_like = mlflow.search_experiments(filter_string=f"name LIKE '{prefix}-%'", max_results=3)
    assert len(df_like) == 3


def test_delete_restore_run(client, experiment_id):
    with mlflow.start_run() as run:
        mlflow.log_metric("m", 1)
    client.delete_run(run.info.run_id)
    assert client.get_run(run.info.run_id).info.lifecycle_stage == "deleted"
    assert client.search_runs([experiment_id]) == []
    client.restore_run(run.info.run_id)
    got = client.get_run(run.info.run_id)
    assert got.info.lifecycle_stage == "active" and got.data.metrics == {"m": 1}
    with pytest.raises(MlflowException) as e:
        client.delete_run("0" * 32)
    assert error_code(e) == "RESOURCE_DOES_NOT_EXIST"
