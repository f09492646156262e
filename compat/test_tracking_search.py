"""search_runs: filters on metrics, params, tags and attributes, ordering, paging, view types."""

import mlflow
import pytest
from compat_helpers import error_code, unique
from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException

# name: (x, p, t, finished)
RUNS = {
    "r1": (0.10, "v", "abc", True),
    "r2": (0.35, "w", "bcd", True),
    "r3": (0.55, "v", "axe", True),
    "r4": (0.70, "w", "xyz", True),
    "r5": (0.90, "v", "ab", True),
    "r6": (0.95, "v", "zzz", False),  # still RUNNING
}


def _make_runs(client, experiment_id):
    ids = {}
    for name, (x, p, t, finished) in RUNS.items():
        run = client.create_run(experiment_id, run_name=name)
        client.log_metric(run.info.run_id, "x", x)
        client.log_metric(run.info.run_id, "y", 1 - x)
        client.log_param(run.info.run_id, "p", p)
        client.set_tag(run.info.run_id, "t", t)
        if finished:
            client.set_terminated(run.info.run_id, "FINISHED")
        ids[name] = run.info.run_id
    return ids


@pytest.fixture(scope="module")
def shared_experiment(client):
    """One experiment with RUNS for the read-only tests of this module (experiment_id, name, runs)."""
    name = unique("compat-search-runs")
    exp_id = client.create_experiment(name)
    return exp_id, name, _make_runs(client, exp_id)


@pytest.fixture
def runs(shared_experiment):
    return shared_experiment[2]


@pytest.fixture
def experiment_id(shared_experiment):
    return shared_experiment[0]


@pytest.fixture
def experiment_name(shared_experiment):
    return shared_experiment[1]


@pytest.fixture
def own_runs(client):
    """A separate experiment with RUNS, for a test that changes them. Returns (experiment_id, runs)."""
    exp_id = client.create_experiment(unique("compat-search-own"))
    return exp_id, _make_runs(client, exp_id)


def _names(runs, found):
    by_id = {v: k for k, v in runs.items()}
    return [by_id[r.info.run_id] for r in found]


@pytest.mark.parametrize(
    "filter_string, expected",
    [
        ("metrics.x > 0.5", {"r3", "r4", "r5", "r6"}),
        ("metrics.x >= 0.55 and metrics.x < 0.9", {"r3", "r4"}),
        ("metrics.y <= 0.31", {"r4", "r5", "r6"}),
        ("metrics.x != 0.1", {"r2", "r3", "r4", "r5", "r6"}),
        ("params.p = 'v'", {"r1", "r3", "r5", "r6"}),
        ("params.p != 'v'", {"r2", "r4"}),
        ("tags.t LIKE 'a%'", {"r1", "r3", "r5"}),
        ("tags.t ILIKE 'A%'", {"r1", "r3", "r5"}),
        ("tags.t LIKE '%b%'", {"r1", "r2", "r5"}),
        ("tags.t = 'xyz'", {"r4"}),
        ("attributes.status = 'FINISHED'", {"r1", "r2", "r3", "r4", "r5"}),
        ("attributes.status != 'FINISHED'", {"r6"}),
        ("attributes.run_name = 'r2'", {"r2"}),
        ("params.p = 'v' and attributes.status = 'FINISHED'", {"r1", "r3", "r5"}),
        ("metrics.x > 0.5 AND params.p = 'w' AND tags.t LIKE 'x%'", {"r4"}),
        ("metrics.missing > 0", set()),
        ("", {"r1", "r2", "r3", "r4", "r5", "r6"}),
    ],
)
def test_search_runs_filters(client, experiment_id, runs, filter_string, expected):
    found = client.search_runs([experiment_id], filter_string)
    assert set(_names(runs, found)) == expected


def test_search_runs_by_run_id(client, experiment_id, runs):
    found = client.search_runs([experiment_id], f"attributes.run_id = '{runs['r3']}'")
    assert _names(runs, found) == ["r3"]
    found = client.search_runs([experiment_id], f"attributes.run_id IN ('{runs['r1']}', '{runs['r5']}')")
    assert set(_names(runs, found)) == {"r1", "r5"}


def test_search_runs_order_by(client, experiment_id, runs):
    found = client.search_runs([experiment_id], "", order_by=["metrics.x DESC"])
    assert _names(runs, found) == ["r6", "r5", "r4", "r3", "r2", "r1"]
    found = client.search_runs([experiment_id], "", order_by=["metrics.y ASC"])
    assert _names(runs, found) == ["r6", "r5", "r4", "r3", "r2", "r1"]
    found = client.search_runs([experiment_id], "", order_by=["params.p ASC", "metrics.x DESC"])
    assert _names(runs, found) == ["r6", "r5", "r3", "r1", "r4", "r2"]
    found = client.search_runs([experiment_id], "", order_by=["attributes.run_name DESC"])
    assert _names(runs, found) == ["r6", "r5", "r4", "r3", "r2", "r1"]
    # default order: newest start_time first
    found = client.search_runs([experiment_id], "")
    assert _names(runs, found) == ["r6", "r5", "r4", "r3", "r2", "r1"]


def test_search_runs_paging(client, experiment_id, runs):
    seen, token, pages = [], None, 0
    while True:
        page = client.search_runs([experiment_id], "", order_by=["metrics.x ASC"], max_results=2, page_token=token)
        assert len(page) <= 2
        seen += _names(runs, page)
        pages += 1
        token = page.token
        if not token:
            break
    assert seen == ["r1", "r2", "r3", "r4", "r5", "r6"]
    assert pages in (3, 4)  # a server may return an empty last page
    first = client.search_runs([experiment_id], "metrics.x > 0.5", max_results=3)
    assert len(first) == 3 and first.token
    rest = client.search_runs([experiment_id], "metrics.x > 0.5", max_results=3, page_token=first.token)
    assert len(rest) == 1
    assert not {r.info.run_id for r in first} & {r.info.run_id for r in rest}


def test_fluent_search_runs_dataframe(experiment_id, experiment_name, runs):
    df = mlflow.search_runs(experiment_ids=[experiment_id], filter_string="metrics.x > 0.5",
                            order_by=["metrics.x DESC"])
    assert list(df["tags.mlflow.runName"]) == ["r6", "r5", "r4", "r3"]
    assert list(df["metrics.x"]) == [0.95, 0.9, 0.7, 0.55]
    assert list(df["params.p"]) == ["v", "v", "w", "v"]
    assert set(df["status"]) == {"RUNNING", "FINISHED"}
    by_name = mlflow.search_runs(experiment_names=[experiment_name], output_format="list")
    assert {r.info.run_id for r in by_name} == set(runs.values())


def test_search_runs_across_experiments(client, runs, experiment_id):
    other = client.create_experiment(f"{client.get_experiment(experiment_id).name}-other")
    run = client.create_run(other)
    client.log_metric(run.info.run_id, "x", 0.99)
    found = client.search_runs([experiment_id, other], "metrics.x > 0.9")
    assert {r.info.run_id for r in found} == {runs["r6"], run.info.run_id}


def test_search_runs_view_types(client, own_runs):
    experiment_id, runs = own_runs
    client.delete_run(runs["r2"])
    assert "r2" not in _names(runs, client.search_runs([experiment_id], ""))
    deleted = client.search_runs([experiment_id], "", run_view_type=ViewType.DELETED_ONLY)
    assert _names(runs, deleted) == ["r2"]
    assert len(client.search_runs([experiment_id], "", run_view_type=ViewType.ALL)) == 6
    assert client.get_run(runs["r2"]).info.lifecycle_stage == "deleted"
    client.restore_run(runs["r2"])
    assert client.get_run(runs["r2"]).info.lifecycle_stage == "active"
    assert "r2" in _names(runs, client.search_runs([experiment_id], ""))


def test_search_runs_bad_filter(client, experiment_id):
    with pytest.raises(MlflowException) as e:
        client.search_runs([experiment_id], "metrics.x >>> 1")
    assert error_code(e) == "INVALID_PARAMETER_VALUE"
