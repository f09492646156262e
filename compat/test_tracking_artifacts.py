"""Run artifacts through the server's artifact proxy: nested folders, unicode names, big files."""

import filecmp
import hashlib
import json
import os
import time

import mlflow
import pytest
import requests
import yaml
from compat_helpers import STUDIO_URL, reference_xfail
from mlflow.exceptions import MlflowException


def _tree(root):
    """{relative path: bytes} of every file under root."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            full = os.path.join(dirpath, f)
            with open(full, "rb") as fh:
                out[os.path.relpath(full, root).replace(os.sep, "/")] = fh.read()
    return out


@pytest.fixture
def source_tree(tmp_path):
    root = tmp_path / "src"
    files = {
        "top.txt": b"top level\n",
        "données/ä ö.txt": "unicode and spaces: é ü ß 🚀\n".encode(),
        "données/sous dossier/deep file.json": json.dumps({"k": [1, 2, 3]}).encode(),
        "a/b/c/d/e/deep.bin": os.urandom(4096),
        "empty.txt": b"",
        "plots/100%.csv": b"x,y\n1,2\n",
        # (no "#": the client puts names into URLs unescaped, so "#" truncates the path on any server)
        "plus+and=equals;semi.txt": b"odd url characters",
    }
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root, files


def test_log_artifacts_tree_list_and_download(client, experiment_id, source_tree, tmp_path):
    root, files = source_tree
    with mlflow.start_run() as run:
        mlflow.log_artifacts(str(root))
        mlflow.log_artifacts(str(root), artifact_path="copy/of tree")
    run_id = run.info.run_id

    top = {a.path: a for a in client.list_artifacts(run_id)}
    assert set(top) == {"top.txt", "données", "a", "empty.txt", "plots", "plus+and=equals;semi.txt", "copy"}
    assert top["données"].is_dir and top["données"].file_size is None
    assert not top["top.txt"].is_dir and top["top.txt"].file_size == len(files["top.txt"])
    assert top["empty.txt"].file_size in (0, None)  # the reference omits file_size 0 (a proto default)

    nested = {a.path: a for a in client.list_artifacts(run_id, "données")}
    assert set(nested) == {"données/ä ö.txt", "données/sous dossier"}
    assert nested["données/ä ö.txt"].file_size == len(files["données/ä ö.txt"])
    assert nested["données/sous dossier"].is_dir
    assert [a.path for a in client.list_artifacts(run_id, "a/b/c/d/e")] == ["a/b/c/d/e/deep.bin"]
    assert [a.path for a in client.list_artifacts(run_id, "copy")] == ["copy/of tree"]
    assert client.list_artifacts(run_id, "does/not/exist") == []

    # whole run, one sub folder, one file: all byte-equal
    everything = mlflow.artifacts.download_artifacts(run_id=run_id, dst_path=str(tmp_path / "all"))
    got = _tree(everything)
    assert {k: v for k, v in got.items() if not k.startswith("copy/")} == files
    assert {k[len("copy/of tree/"):]: v for k, v in got.items() if k.startswith("copy/")} == files

    sub = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="données", dst_path=str(tmp_path / "sub"))
    assert _tree(sub) == {k[len("données/"):]: v for k, v in files.items() if k.startswith("données/")}

    (tmp_path / "one").mkdir()  # 2.x requires an existing destination folder
    one = client.download_artifacts(run_id, "données/ä ö.txt", str(tmp_path / "one"))
    with open(one, "rb") as f:
        assert f.read() == files["données/ä ö.txt"]


def test_log_artifact_text_dict_and_image(client, experiment_id, tmp_path):
    import numpy as np

    path = tmp_path / "report.md"
    path.write_text("# report\n", encoding="utf-8")
    with mlflow.start_run() as run:
        mlflow.log_artifact(str(path))
        mlflow.log_artifact(str(path), artifact_path="reports/2024")
        mlflow.log_text("héllo wörld", "notes/hello world.txt")
        mlflow.log_dict({"a": 1, "b": [1, 2]}, "config/params.json")
        mlflow.log_dict({"a": 1}, "config/params.yaml")
        mlflow.log_image(np.zeros((4, 4, 3), dtype=np.uint8), "images/black.png")
    run_id = run.info.run_id
    assert mlflow.artifacts.load_text(f"runs:/{run_id}/notes/hello world.txt") == "héllo wörld"
    assert mlflow.artifacts.load_dict(f"runs:/{run_id}/config/params.json") == {"a": 1, "b": [1, 2]}
    assert yaml.safe_load(mlflow.artifacts.load_text(f"runs:/{run_id}/config/params.yaml")) == {"a": 1}
    assert mlflow.artifacts.load_text(f"runs:/{run_id}/reports/2024/report.md") == "# report\n"
    assert mlflow.artifacts.load_image(f"runs:/{run_id}/images/black.png").size == (4, 4)
    assert {a.path for a in client.list_artifacts(run_id)} == {
        "report.md", "reports", "notes", "config", "images"
    }
    # artifact_uri of the run points at the server's proxy scheme
    assert client.get_run(run_id).info.artifact_uri.endswith(f"/{run_id}/artifacts")


def test_overwrite_artifact(client, experiment_id, tmp_path):
    with mlflow.start_run() as run:
        mlflow.log_text("v1", "file.txt")
        mlflow.log_text("version two", "file.txt")
    assert mlflow.artifacts.load_text(f"runs:/{run.info.run_id}/file.txt") == "version two"
    (entry,) = client.list_artifacts(run.info.run_id)
    assert entry.file_size == len("version two")


def test_large_artifact_50mb(client, experiment_id, tmp_path):
    big = tmp_path / "big.bin"
    chunk = os.urandom(1 << 20)
    digest = hashlib.sha256()
    with open(big, "wb") as f:
        for i in range(50):
            block = bytes([i]) + chunk[1:]
            f.write(block)
            digest.update(block)
    with mlflow.start_run() as run:
        mlflow.log_artifact(str(big), artifact_path="blobs")
    (entry,) = client.list_artifacts(run.info.run_id, "blobs")
    assert entry.path == "blobs/big.bin" and entry.file_size == 50 * (1 << 20)
    local = mlflow.artifacts.download_artifacts(
        run_id=run.info.run_id, artifact_path="blobs/big.bin", dst_path=str(tmp_path / "dl")
    )
    sha = hashlib.sha256()
    with open(local, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            sha.update(block)
    assert sha.hexdigest() == digest.hexdigest()
    assert filecmp.cmp(local, big, shallow=False)


def test_download_missing_artifact_raises(client, experiment_id, tmp_path):
    with mlflow.start_run() as run:
        mlflow.log_text("x", "present.txt")
    with pytest.raises((MlflowException, OSError)):
        mlflow.artifacts.download_artifacts(
            run_id=run.info.run_id, artifact_path="absent.txt", dst_path=str(tmp_path / "x")
        )


@reference_xfail("mlflow 2.22 answers 500 INTERNAL_ERROR for a missing artifact (the client then retries "
               "it as a server error); 3.x answers 404 RESOURCE_DOES_NOT_EXIST", servers=("2",))
def test_missing_artifact_is_a_json_404(client, experiment_id):
    """Never 500 for "not found": the client retries 500s with backoff (7 times by default)."""
    with mlflow.start_run() as run:
        mlflow.log_text("x", "present.txt")
    uri = client.get_run(run.info.run_id).info.artifact_uri  # mlflow-artifacts:/<exp>/<run>/artifacts
    assert uri.startswith("mlflow-artifacts:/")
    path = uri[len("mlflow-artifacts:"):].lstrip("/")
    base = f"{STUDIO_URL}/api/2.0/mlflow-artifacts/artifacts/{path}"
    assert requests.get(f"{base}/present.txt", timeout=30).content == b"x"
    started = time.time()
    resp = requests.get(f"{base}/absent.txt", timeout=30)
    assert resp.status_code == 404
    assert resp.json()["error_code"] == "RESOURCE_DOES_NOT_EXIST"
    assert time.time() - started < 5


@reference_xfail("mlflow 2.22 has no /api/3.0/mlflow/server-info (added in 3.x)", servers=("2",))
def test_server_info_capabilities():
    """The 3.x client asks GET /api/3.0/mlflow/server-info before its first artifact transfer (cached
    60 s on a 200; a 404 is tolerated but re-asked by every new artifact repository). If it reports
    multipart or presigned-only artifact access, the client switches to /mlflow-artifacts/presigned
    and /mpu/ endpoints, so a server without those must report them off."""
    resp = requests.get(f"{STUDIO_URL}/api/3.0/mlflow/server-info", timeout=10)
    assert resp.status_code == 200
    info = resp.json()
    assert isinstance(info, dict)
    for flag in ("multipart_uploads_enabled", "multipart_downloads_enabled", "artifacts_presigned_only"):
        assert info.get(flag, False) is False, flag
    assert info.get("workspaces_enabled", False) is False
