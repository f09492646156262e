"""search_registered_models and search_model_versions: filters, ordering, paging."""

import mlflow
import pytest
from compat_helpers import IS_MLFLOW3, unique

TEAMS = ["a", "b", "a", "c", "a"]


@pytest.fixture(scope="module")
def models(client):
    """Five registered models under one unique prefix, tagged team=a/b/c. Returns (prefix, names)."""
    prefix = unique("compat-regsearch")
    names = []
    for i, team in enumerate(TEAMS):
        name = f"{prefix}-{i}"
        client.create_registered_model(name, tags={"team": team}, description=f"model {i}")
        names.append(name)
    return prefix, names


def test_filter_by_name_like(client, models):
    prefix, names = models
    found = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%'")
    assert sorted(m.name for m in found) == names
    found = mlflow.search_registered_models(filter_string=f"name LIKE '%{prefix[-12:]}-3'")
    assert [m.name for m in found] == [names[3]]
    found = client.search_registered_models(filter_string=f"name ILIKE '{prefix.upper()}-%'")
    assert sorted(m.name for m in found) == names
    found = client.search_registered_models(filter_string=f"name = '{names[2]}'")
    assert [m.name for m in found] == [names[2]]
    assert found[0].tags == {"team": "a"} and found[0].description == "model 2"
    assert client.search_registered_models(filter_string=f"name = '{prefix}-nope'") == []


def test_filter_by_tags(client, models):
    prefix, names = models
    found = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%' AND tags.team = 'a'")
    assert sorted(m.name for m in found) == [names[0], names[2], names[4]]
    found = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%' AND tags.team != 'a'")
    assert sorted(m.name for m in found) == [names[1], names[3]]
    found = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%' AND tag.team LIKE 'c%'")
    assert [m.name for m in found] == [names[3]]


def test_order_and_paging(client, models):
    prefix, names = models
    found = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%'", order_by=["name DESC"])
    assert [m.name for m in found] == names[::-1]
    seen, token, pages = [], None, 0
    while True:
        page = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%'", max_results=2,
                                               order_by=["name ASC"], page_token=token)
        assert len(page) <= 2
        seen += [m.name for m in page]
        pages += 1
        token = page.token
        if not token:
            break
    assert seen == names
    assert pages in (3, 4)


def test_search_model_versions(client, logged_diabetes_model):
    run_id, _ = logged_diabetes_model
    name = unique("compat-mvsearch")
    other = unique("compat-mvsearch-other")
    for _ in range(3):
        mlflow.register_model(f"runs:/{run_id}/model", name)
    mlflow.register_model(f"runs:/{run_id}/model", other)
    client.set_model_version_tag(name, "2", "validated", "true")

    found = client.search_model_versions(f"name='{name}'")
    assert sorted(v.version for v in found) == ["1", "2", "3"]
    assert all(v.name == name and v.run_id == run_id and v.status == "READY" for v in found)
    found = mlflow.search_model_versions(filter_string=f"name = '{name}'", order_by=["version_number DESC"])
    assert [v.version for v in found] == ["3", "2", "1"]
    found = client.search_model_versions(f"name='{name}' AND tag.validated = 'true'")
    assert [v.version for v in found] == ["2"]
    found = client.search_model_versions(f"run_id='{run_id}'")
    assert {(v.name, v.version) for v in found} == {(name, "1"), (name, "2"), (name, "3"), (other, "1")}
    if IS_MLFLOW3:  # `name IN (...)` for model versions is a 3.x server feature
        found = client.search_model_versions(f"name IN ('{name}', '{other}')")
        assert len(found) == 4
    first = client.search_model_versions(f"name='{name}'", max_results=2, order_by=["version_number ASC"])
    assert [v.version for v in first] == ["1", "2"] and first.token
    rest = client.search_model_versions(f"name='{name}'", max_results=2, order_by=["version_number ASC"],
                                        page_token=first.token)
    assert [v.version for v in rest] == ["3"]
