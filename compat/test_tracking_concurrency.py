"""16 clients logging at once: to one shared run, and to 16 runs of their own."""

from concurrent.futures import ThreadPoolExecutor

import mlflow
from mlflow.tracking import MlflowClient

WORKERS = 16
METRICS_PER_WORKER = 10
PARAMS_PER_WORKER = 3


def _log(client, run_id, worker):
    for step in range(METRICS_PER_WORKER):
        client.log_metric(run_id, f"w{worker}", worker * 100 + step, step=step)
        client.log_metric(run_id, "shared", worker * 100 + step, step=worker * 100 + step)
    for i in range(PARAMS_PER_WORKER):
        client.log_param(run_id, f"w{worker}_p{i}", f"{worker}-{i}")
    client.set_tag(run_id, f"tag{worker}", str(worker))
    return worker


def test_16_threads_one_run(tracking_uri, experiment_id):
    with mlflow.start_run() as run:
        run_id = run.info.run_id
        with ThreadPoolExecutor(WORKERS) as pool:
            done = list(pool.map(lambda w: _log(MlflowClient(tracking_uri), run_id, w), range(WORKERS)))
    assert sorted(done) == list(range(WORKERS))
    client = MlflowClient(tracking_uri)
    data = client.get_run(run_id).data
    assert len(data.params) == WORKERS * PARAMS_PER_WORKER
    assert all(data.params[f"w{w}_p{i}"] == f"{w}-{i}" for w in range(WORKERS) for i in range(PARAMS_PER_WORKER))
    assert all(data.tags[f"tag{w}"] == str(w) for w in range(WORKERS))
    for w in range(WORKERS):
        history = client.get_metric_history(run_id, f"w{w}")
        assert sorted((m.step, m.value) for m in history) == [(s, w * 100 + s) for s in range(METRICS_PER_WORKER)]
    shared = client.get_metric_history(run_id, "shared")
    assert len(shared) == WORKERS * METRICS_PER_WORKER
    assert sorted(m.step for m in shared) == sorted(w * 100 + s for w in range(WORKERS) for s in range(METRICS_PER_WORKER))
    assert data.metrics["shared"] == (WORKERS - 1) * 100 + METRICS_PER_WORKER - 1  # value at the max step


def test_16_threads_16_runs(tracking_uri, experiment_id):
    def work(worker):
        client = MlflowClient(tracking_uri)
        run = client.create_run(experiment_id, run_name=f"worker-{worker}")
        _log(client, run.info.run_id, worker)
        client.set_terminated(run.info.run_id)
        return worker, run.info.run_id

    with ThreadPoolExecutor(WORKERS) as pool:
        runs = dict(pool.map(work, range(WORKERS)))
    client = MlflowClient(tracking_uri)
    found = client.search_runs([experiment_id], "attributes.status = 'FINISHED'", max_results=100)
    assert {r.info.run_id for r in found} == set(runs.values())
    for worker, run_id in runs.items():
        run = client.get_run(run_id)
        assert run.info.run_name == f"worker-{worker}"
        assert len(run.data.params) == PARAMS_PER_WORKER
        assert run.data.metrics[f"w{worker}"] == worker * 100 + METRICS_PER_WORKER - 1
        assert len(client.get_metric_history(run_id, f"w{worker}")) == METRICS_PER_WORKER
        assert len(client.get_metric_history(run_id, "shared")) == METRICS_PER_WORKER
