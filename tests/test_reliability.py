"""Issue 7, warehouse half: crashes, concurrent readers and writers, re-execution, bad packs.

Everything runs for real: `factcheck refresh` subprocesses on DuckDB files in tmp_path, killed
with SIGKILL at named points (FACTCHECK_FAULT_POINT, see pipelines/faults.py); Dagster runs
in-process on a persistent temporary instance. One clean refresh per module is the yardstick.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from dagster import DagsterInstance, ReexecutionOptions, execute_job, materialize, reconstructable

from pipelines import cli
from pipelines.defs.reference import reference_packs
from pipelines.faults import FAULT_ENV
from pipelines.resources import WarehouseResource
from pipelines.warehouse import Warehouse, wal_path_for
from tests.conftest import PROJECT, copy_data

# Refreshes killed with writes in flight (the first asset's, then the claims'; DuckDB's WAL
# holds them) and in the middle of publishing (the new file copied, not yet renamed). Each
# kill run is also the "next refresh" after the previous crash.
KILL_POINTS = ("write:raw_articles", "write:staging__claims", "publish:copied")

EXTRA_ARTICLE = """Kim Jong-un recibe a Putin en Pyongyang

Pyongyang, 19 de junio (Sputnik) .- El presidente ruso, Vladimir Putin, y el líder norcoreano
Kim Jong-un firmaron el 19 de junio de 2024 en Pyongyang el Tratado de Asociación Estratégica
Integral. Según el artículo 4 del tratado, si una de las partes sufre una agresión armada, la
otra le prestará ayuda militar sin demora.
"""


@dataclass
class Snapshot:
    counts: dict[str, int]
    claims: list[tuple]
    duplicates: dict[str, int]
    published_at: object


@dataclass
class Clean:
    data: Path
    db: Path
    snapshot: Snapshot


def _env(data: Path, db: Path, dagster_home: Path | None = None, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", FAULT_ENV)}
    env.update({"FACTCHECK_DATA": str(data), "FACTCHECK_DB": str(db), "PYTHONWARNINGS": "ignore"}, **extra)
    if dagster_home is not None:
        env["DAGSTER_HOME"] = str(dagster_home)
    return env


def _cli(args: list[str], env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", "--quiet", *args], capture_output=True, text=True, env=env, cwd=PROJECT, timeout=timeout)


def _refresh_proc(env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli", "--quiet", "refresh", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=PROJECT)


def snapshot(db: Path) -> Snapshot:
    """Row counts of every table outside `quality`, the claims, and duplicate keys."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute("select schema_name || '.' || table_name from duckdb_tables() where schema_name <> 'quality' order by 1").fetchall()
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for (t,) in tables}
        claims = con.execute("select claim_id, claim_type, claim_text, char_start, verdict, reference_id from marts.claim_verdicts order by claim_id").fetchall()
        duplicates = {
            table: con.execute(f"select count(*) - count(distinct {key}) from {table}").fetchone()[0]
            for table, key in (("marts.claim_verdicts", "claim_id"), ("staging.claims", "claim_id"), ("raw.articles", "article_id"), ("quality.refreshes", "refresh_id"))
        }
        published_at = con.execute("select max(published_at) from quality.refreshes").fetchone()[0]
    finally:
        con.close()
    return Snapshot(counts=counts, claims=claims, duplicates=duplicates, published_at=published_at)


def _query_count(env: dict, sql: str = "select count(*) from marts.claim_verdicts") -> int:
    out = _cli(["query", "--format", "csv", sql], env, timeout=120)
    assert out.returncode == 0, out.stderr
    return int(list(csv.reader(io.StringIO(out.stdout)))[-1][0])


def _fork(clean: Clean, target: Path) -> tuple[Path, Path]:
    """A private copy of the clean data folder and its published warehouse."""
    data = copy_data(target / "data")
    db = data / "warehouse" / "factcheck.duckdb"
    shutil.copyfile(clean.db, db)
    return data, db


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Clean:
    data = copy_data(tmp_path_factory.mktemp("clean") / "data")
    db = data / "warehouse" / "factcheck.duckdb"
    out = _cli(["refresh", "--json"], _env(data, db))
    assert out.returncode == 0, out.stderr[-3000:]
    snap = snapshot(db)
    assert snap.counts["marts.claim_verdicts"] > 0
    assert set(snap.duplicates.values()) == {0}
    return Clean(data=data, db=db, snapshot=snap)


# --------------------------------------------------------------------------- SIGKILLed refreshes (run in the background)

@dataclass
class Crashed:
    data: Path
    db: Path
    killed: list[tuple[str, int, str, int, Snapshot, list[str]]]  # point, returncode, stderr, query count, snapshot, files


def crash_refreshes(clean: Clean, target: Path) -> Crashed:
    """The clean warehouse after refreshes SIGKILLed at each of KILL_POINTS (with an extra
    article that a completed refresh would have published; removed afterwards)."""
    data, db = _fork(clean, target)
    extra = data / "articles" / "extra-pyongyang.txt"
    extra.write_text(EXTRA_ARTICLE, encoding="utf-8")
    killed = []
    for point in KILL_POINTS:
        out = _cli(["refresh", "--json"], _env(data, db, **{FAULT_ENV: point}))
        count = _query_count(_env(data, db))
        files = sorted(p.name for p in db.parent.iterdir())
        killed.append((point, out.returncode, out.stderr[-2000:], count, snapshot(db), files))
    extra.unlink()
    return Crashed(data=data, db=db, killed=killed)


@pytest.fixture(scope="module")
def crashing(clean: Clean, tmp_path_factory):
    """Start the kill runs in the background (subprocesses) while the in-process tests run."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool.submit(crash_refreshes, clean, tmp_path_factory.mktemp("crashed"))


@pytest.fixture(scope="module")
def crashed(crashing) -> Crashed:
    return crashing.result()


# --------------------------------------------------------------------------- readers

def test_query_is_read_only(clean: Clean, crashing, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path):
    monkeypatch.setenv("FACTCHECK_DATA", str(clean.data))
    monkeypatch.setenv("FACTCHECK_DB", str(clean.db))
    stat = clean.db.stat()
    assert cli.main(["query", "--format", "csv", "select count(*) as n from marts.claim_verdicts"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == str(clean.snapshot.counts["marts.claim_verdicts"])
    target = tmp_path / "out.csv"
    for sql in (
        "create table marts.x (a int)",
        "insert into marts.claim_verdicts select * from marts.claim_verdicts",
        "delete from marts.claim_verdicts",
        f"copy (select 1) to '{target}'",
        f"attach '{tmp_path / 'other.duckdb'}' as other",
    ):
        assert cli.main(["query", sql]) == 2, sql
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and err.startswith("factcheck: query failed"), err
    assert not target.exists() and not (tmp_path / "other.duckdb").exists()
    assert clean.db.stat().st_mtime_ns == stat.st_mtime_ns and snapshot(clean.db) == clean.snapshot


# --------------------------------------------------------------------------- re-execution

def refresh_job():
    """The refresh job, rebuilt from the environment (reconstructable for re-execution)."""
    from pipelines.definitions import build_definitions

    return build_definitions().resolve_job_def("refresh_all")


def test_failed_run_reexecutes_from_failure(clean: Clean, crashing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data, db = _fork(clean, tmp_path)
    monkeypatch.setenv("FACTCHECK_DATA", str(data))
    monkeypatch.setenv("FACTCHECK_DB", str(db))
    (tmp_path / "dagster_home").mkdir()
    with DagsterInstance.local_temp(str(tmp_path / "dagster_home")) as instance:
        monkeypatch.setenv(FAULT_ENV, "write:marts__claim_verdicts=raise")
        failed = refresh_job().execute_in_process(instance=instance, raise_on_error=False)
        assert not failed.success
        assert snapshot(db) == clean.snapshot, "a failed run publishes nothing"
        monkeypatch.delenv(FAULT_ENV)

        options = ReexecutionOptions.from_failure(failed.run_id, instance)
        with execute_job(reconstructable(refresh_job), instance=instance, reexecution_options=options) as result:
            assert result.success
            steps = set(result.dagster_run.step_keys_to_execute or [])
            assert result.dagster_run.root_run_id == failed.run_id
    assert "marts__claim_verdicts" in steps and "raw_articles" not in steps, "only the failed part ran again"
    after = snapshot(db)
    assert after.counts == clean.snapshot.counts
    assert after.claims == clean.snapshot.claims
    assert set(after.duplicates.values()) == {0}


# --------------------------------------------------------------------------- reference packs

def test_refused_pack_keeps_its_last_good_rows(clean: Clean, crashing, tmp_path: Path):
    data, db = _fork(clean, tmp_path)
    entities = data / "reference" / "core" / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8") + "\n- entity_id: broken\n  kind: [not, a, kind\n", encoding="utf-8")
    (data / "reference" / "newpack").mkdir()
    (data / "reference" / "newpack" / "pack.yaml").write_text("name: newpack\n", encoding="utf-8")  # no licence

    result = materialize([reference_packs], resources={"warehouse": WarehouseResource(db_path=str(db), data_dir=str(data))})
    assert result.success

    build = Warehouse(db).build_path
    with duckdb.connect(str(build), read_only=True) as con, duckdb.connect(str(clean.db), read_only=True) as old:
        tables = [t for (t,) in old.execute("select table_name from duckdb_tables() where schema_name = 'ref' and table_name <> 'pack_errors'").fetchall()]
        assert "entities" in tables and "entity_aliases" in tables
        for table in tables:
            assert sorted(map(str, con.execute(f"select * from ref.{table}").fetchall())) == sorted(map(str, old.execute(f"select * from ref.{table}").fetchall())), table
        errors = [e for (e,) in con.execute("select error from ref.pack_errors").fetchall()]
    assert any("entities.yaml" in e for e in errors), errors
    assert any("'core' refused: its last good version" in e for e in errors), errors
    assert any("'newpack' refused: there is no earlier good version" in e for e in errors), errors
    assert snapshot(db) == clean.snapshot


# --------------------------------------------------------------------------- SIGKILL and concurrent refreshes

def test_a_run_whose_process_was_killed_does_not_hold_the_only_run_slot(tmp_path: Path):
    """With one run at a time (.dagster_home/dagster.yaml), a run left STARTED by a killed
    process would block every later run; the instance's run monitoring fails it once it is
    older than the longest refresh. Here the project's settings with the limit cut to 1 s."""
    import logging

    import yaml
    from dagster import DagsterEvent, DagsterEventType, DagsterRunStatus
    from dagster._daemon.monitoring.run_monitoring import monitor_started_run

    settings = yaml.safe_load((PROJECT / ".dagster_home" / "dagster.yaml").read_text(encoding="utf-8"))
    assert settings["concurrency"]["runs"]["max_concurrent_runs"] == 1
    monitoring = settings["run_monitoring"]
    assert monitoring["enabled"] and 3600 <= monitoring["max_runtime_seconds"] <= 24 * 3600
    monitoring["max_runtime_seconds"] = 1
    (tmp_path / "dagster.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    instance = DagsterInstance.from_config(str(tmp_path))
    try:
        run = instance.create_run_for_job(job_def=refresh_job())
        instance.report_dagster_event(DagsterEvent(DagsterEventType.RUN_START.value, job_name=run.job_name, message="started"), run_id=run.run_id)
        # ... and then the process is killed: nothing ever reports the run's end.
        time.sleep(1.2)
        record = instance.get_run_record_by_id(run.run_id)
        assert record.dagster_run.status == DagsterRunStatus.STARTED
        monitor_started_run(instance, None, record, logging.getLogger("test"))
        assert instance.get_run_by_id(run.run_id).status == DagsterRunStatus.FAILURE
    finally:
        instance.dispose()


def test_sigkill_at_any_point_leaves_the_last_publication_queryable(clean: Clean, crashed: Crashed):
    for point, returncode, stderr, count, snap, files in crashed.killed:
        assert returncode == -signal.SIGKILL, f"{point}: the refresh was not killed there: {stderr}"
        assert count == clean.snapshot.counts["marts.claim_verdicts"], point
        assert snap == clean.snapshot, f"{point}: the published warehouse changed"
        assert "factcheck.build.duckdb" in files, point
        if point.startswith("write:"):
            assert "factcheck.build.duckdb.wal" in files, f"{point}: the killed writes should be in the WAL"
    # The publish-time kill left its half-made copy behind; readers never open it.
    assert any(name.startswith(".factcheck.duckdb.") and name.endswith(".tmp") for name in crashed.killed[-1][5])


def test_after_crashes_two_refreshes_at_once_converge_while_readers_read(clean: Clean, crashed: Crashed, tmp_path: Path):
    """Two refreshes on the crashed warehouse start together: the second waits for the writer
    lock, both succeed, and the result is the clean run's. Meanwhile every read-only reader
    sees a complete refresh (marts, raw and the refresh record agree) and never fails."""
    data, db = crashed.data, crashed.db
    env = _env(data, db, dagster_home=tmp_path / "dagster_home")
    (tmp_path / "dagster_home").mkdir()
    before = snapshot(db)
    procs = [_refresh_proc(env), _refresh_proc(env)]
    seen, errors, queried = [], [], []
    started = time.monotonic()
    while any(p.poll() is None for p in procs):
        try:
            con = duckdb.connect(str(db), read_only=True)
            try:
                seen.append(con.execute(
                    "select (select count(*) from marts.claim_verdicts), (select count(*) from raw.articles),"
                    " count_claims, count_articles, published_at from quality.refreshes order by published_at desc limit 1"
                ).fetchone())
            finally:
                con.close()
        except duckdb.Error as exc:
            errors.append(str(exc))
        if not queried and time.monotonic() - started > 4:
            queried.append(_query_count(_env(data, db)))  # `factcheck query` during the refresh
        time.sleep(0.2)
    outputs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outputs]
    assert any("waiting" in err for _, err in outputs), "the second refresh should have waited for the first"

    assert not errors, errors[:3]
    assert len(seen) > 10
    expected = (clean.snapshot.counts["marts.claim_verdicts"], clean.snapshot.counts["raw.articles"])
    for marts, raw, count_claims, count_articles, _ in seen:
        assert (marts, raw) == expected == (count_claims, count_articles)
    stamps = [row[4] for row in seen]
    assert stamps == sorted(stamps), "readers only move forward, one publication at a time"
    assert stamps[0] == before.published_at, "during the refresh readers see the previous one"
    assert queried == [expected[0]]

    after = snapshot(db)
    assert after.counts == clean.snapshot.counts
    assert after.claims == clean.snapshot.claims
    assert set(after.duplicates.values()) == {0}
    assert not list(db.parent.glob(".*.tmp")), "leftover temp copies are cleaned"
    assert not wal_path_for(db).exists()


