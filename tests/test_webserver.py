"""Through Dagster's real web server: list the assets over GraphQL and launch a run of
everything, as the UI's Materialize-all button does, then wait for it to succeed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gql(port: int, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        payload = json.loads(resp.read())
    assert "errors" not in payload, payload.get("errors")
    return payload["data"]


@pytest.fixture
def server(env: Path, tmp_path: Path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    port = _free_port()
    dagster = Path(sys.executable).with_name("dagster")
    proc = subprocess.Popen(
        [str(dagster), "dev", "-m", "pipelines.definitions", "-h", "127.0.0.1", "-p", str(port)],
        cwd=tmp_path,
        env={**os.environ, "DAGSTER_HOME": str(home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _gql(port, "{ version }"):
                break
        except Exception:
            time.sleep(1)
    else:
        os.killpg(proc.pid, signal.SIGTERM)
        pytest.fail("dagster dev did not start")
    yield port, env
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def test_list_assets_and_materialize_everything(server):
    port, db = server
    # Wait for the code location to load.
    for _ in range(120):
        data = _gql(port, "{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus locationOrLoadError { __typename ... on RepositoryLocation { repositories { name } } } } } } }")
        entries = data["workspaceOrError"]["locationEntries"]
        if entries and entries[0]["loadStatus"] == "LOADED":
            break
        time.sleep(1)
    entry = entries[0]
    assert entry["locationOrLoadError"]["__typename"] == "RepositoryLocation", entry
    location, repository = entry["name"], entry["locationOrLoadError"]["repositories"][0]["name"]

    nodes = _gql(port, "{ assetNodes { assetKey { path } groupName isExecutable } }")["assetNodes"]
    keys = [n["assetKey"]["path"] for n in nodes if n["isExecutable"]]
    assert ["marts", "claim_verdicts"] in keys and ["raw", "articles"] in keys
    assert {n["groupName"] for n in nodes} >= {"ingest", "reference", "extract", "verify", "marts"}

    launch = _gql(port, """
        mutation($params: ExecutionParams!) {
          launchRun(executionParams: $params) {
            __typename
            ... on LaunchRunSuccess { run { runId } }
            ... on PythonError { message }
            ... on InvalidSubsetError { message }
          }
        }""", {"params": {
            "selector": {"repositoryLocationName": location, "repositoryName": repository, "jobName": "__ASSET_JOB", "assetSelection": [{"path": k} for k in keys]},
            "executionMetadata": {"tags": [{"key": "source", "value": "test_webserver"}]},
        }})["launchRun"]
    assert launch["__typename"] == "LaunchRunSuccess", launch
    run_id = launch["run"]["runId"]

    status = None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        status = _gql(port, "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }", {"id": run_id})["runOrError"]["status"]
        if status in {"SUCCESS", "FAILURE", "CANCELED"}:
            break
        time.sleep(2)
    assert status == "SUCCESS"
    assert db.exists(), "the run published the warehouse"
