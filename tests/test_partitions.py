"""Ingest batches as Dagster partitions: the batch sensor adds one partition per batch of new
files and requests a run for it; a run of the partitioned job ``ingest_batch`` reads only its
batch's files; a backfill-style loop over both partitions gives the same warehouse as a plain
full refresh.

Real Dagster (an ephemeral DagsterInstance, the real code location), real DuckDB files in
tmp_path, the real readers and extractors; no mocks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import DagsterInstance, SensorResult, SkipReason, build_sensor_context

from pipelines.batches import batches_dir, prune_batches, read_batch
from pipelines.bench.corpus import corpus_paths, write_corpus
from pipelines.defs.automation import article_files_sensor
from pipelines.defs.batches import INGEST_BATCHES, article_batches_sensor
from pipelines.definitions import build_definitions
from pipelines.extract.lexicon import load_lexicons
from pipelines.incremental import refresh_raw
from pipelines.resources import WarehouseResource
from pipelines.settings import load_settings


def _arrive(data_dir: Path, tmp_path: Path, name: str, start: int) -> set[str]:
    """Two generated articles (with sidecars) land in data/articles/<name>/; returns their paths."""
    write_corpus(tmp_path / f"corpus-{name}", 2, seed=21, start=start)
    target = data_dir / "articles" / name
    shutil.copytree(corpus_paths(tmp_path / f"corpus-{name}")[0], target)
    return {str(p) for p in target.rglob("*") if p.is_file() and not p.name.endswith(".meta.json")}


def _tick(instance: DagsterInstance, cursor: str | None):
    context = build_sensor_context(instance=instance, cursor=cursor)
    result = article_batches_sensor(context)
    if isinstance(result, SensorResult):
        for request in result.dynamic_partitions_requests:
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
    return result, context.cursor


def _run(db: Path, data_dir: Path, instance: DagsterInstance, job: str, partition_key: str | None = None) -> dict:
    defs = build_definitions(WarehouseResource(db_path=str(db), data_dir=str(data_dir)))
    result = defs.resolve_job_def(job).execute_in_process(instance=instance, partition_key=partition_key)
    assert result.success
    meta = {}
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        meta[mat.asset_key.to_user_string()] = {k: v.value for k, v in mat.metadata.items()}
    return meta


def _state(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute("select * from raw.articles order by article_id").fetchall(),
            "copies": con.execute("select source_path, copy_of_path from raw.article_copies order by 1").fetchall(),
            "errors": con.execute("select source_path, reason from raw.ingest_errors order by 1, 2").fetchall(),
            "verdicts": con.execute("select claim_id, verdict from marts.claim_verdicts order by 1").fetchall(),
        }
    finally:
        con.close()


def _files(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("select source_path from raw.files").fetchall()}
    finally:
        con.close()


def test_batches_become_partitions_and_converge_to_a_full_refresh(env: Path, data_dir: Path, tmp_path: Path):
    instance = DagsterInstance.ephemeral()
    settings = load_settings()
    seed = {str(p) for p in (data_dir / "articles").glob("*.txt")}

    # Batch 1: the bundled article and two new ones.
    first_files = seed | _arrive(data_dir, tmp_path, "a", 0)
    result, cursor = _tick(instance, None)
    assert isinstance(result, SensorResult) and len(result.run_requests) == 1
    key1 = result.run_requests[0].partition_key
    assert result.run_requests[0].job_name in (None, "ingest_batch")
    assert set(read_batch(settings, key1).files["source_path"]) == first_files
    skip, cursor = _tick(instance, cursor)
    assert isinstance(skip, SkipReason)

    # Batch 2: two more articles arrive.
    second_files = _arrive(data_dir, tmp_path, "b", 2)
    result, cursor = _tick(instance, cursor)
    assert isinstance(result, SensorResult) and [r.partition_key for r in result.run_requests] != [key1]
    (key2,) = [r.partition_key for r in result.run_requests]
    assert set(read_batch(settings, key2).files["source_path"]) == second_files
    assert sorted(instance.get_dynamic_partitions(INGEST_BATCHES.name)) == sorted([key1, key2])

    # A backfill-style loop, one run per partition key (here the later batch first: the order
    # does not matter). The first run reads only its batch's files: the other batch's files are
    # neither read nor recorded, and nothing is removed. The second run adds the rest.
    expected = {key2: second_files, key1: first_files | second_files}
    for key, files in ((key2, second_files), (key1, first_files)):
        meta = _run(env, data_dir, instance, "ingest_batch", key)
        assert meta["raw/articles"]["ingest_batch"] == key
        assert meta["raw/ingest_batches"]["batch_files"] == len(files)
        assert (meta["raw/articles"]["files_read"], meta["raw/articles"]["files_removed"]) == (len(files), 0)
        assert _files(env) == expected[key]
    batched = _state(env)
    assert len(batched["articles"]) == 5 and batched["verdicts"]

    # A plain full refresh of the same folder, in another warehouse, gives the same tables.
    full_db = tmp_path / "full" / "factcheck.duckdb"
    _run(full_db, data_dir, instance, "refresh_all")
    assert _state(full_db) == batched

    # With everything published, a sensor starting afresh finds nothing new; the refresh sensor
    # (article_files_sensor) still works as before.
    folder = batches_dir(settings)
    assert sorted(p.stem for p in folder.glob("*.json")) == sorted([key1, key2])
    assert isinstance(_tick(instance, None)[0], SkipReason)
    assert article_files_sensor(build_sensor_context(cursor=None)).run_key

    # That tick scanned, so it pruned both batch files: the published raw.ingest_batches holds
    # them and their files are ingested. The batches read the same from the table, and a
    # re-run of an archived partition (a backfill) reads the same files and changes nothing.
    assert list(folder.glob("*.json")) == []
    assert set(read_batch(settings, key1).files["source_path"]) == first_files
    assert set(read_batch(settings, key2).files["source_path"]) == second_files
    meta = _run(env, data_dir, instance, "ingest_batch", key2)
    assert meta["raw/ingest_batches"]["batch_files"] == len(second_files)
    assert _state(env) == batched
    # A file that changes afterwards is a new batch, as before the pruning.
    changed = sorted(second_files)[0]
    Path(changed).write_text(Path(changed).read_text(encoding="utf-8") + "\n\nUpdate: no change to the facts.\n", encoding="utf-8")
    result, _ = _tick(instance, None)
    (key3,) = [r.partition_key for r in result.run_requests]
    assert set(read_batch(settings, key3).files["source_path"]) == {changed}


def test_a_batch_is_pruned_only_once_its_files_are_ingested(env: Path, data_dir: Path, capsys):
    """A batch the published raw.ingest_batches holds keeps its JSON file while any of its files
    is not in the published manifest yet (a run that stored the batch but published before
    reading it). ``factcheck batches list`` says whether each batch is pending (not in the
    published warehouse), published (in it, file kept) or archived (file pruned); an archived
    batch reads the same from the table; an unknown key is one error naming it."""
    import json

    from pipelines.batches import BatchError, record_new_batches, store_batch
    from pipelines.cli import main
    from pipelines.warehouse import Warehouse

    def states() -> list[tuple[str, int, str]]:
        assert main(["batches", "list", "--json"]) == 0
        return [(r["key"], r["files"], r["state"]) for r in map(json.loads, capsys.readouterr().out.splitlines())]

    settings = load_settings()
    (batch,) = record_new_batches(settings)
    assert states() == [(batch.key, batch.files.height, "pending")]
    warehouse = Warehouse(settings.db_path)
    warehouse.prepare_build(fresh=True)
    with warehouse.build() as con:
        store_batch(con, batch)
    warehouse.publish()
    assert states() == [(batch.key, batch.files.height, "published")]
    assert prune_batches(settings) == []
    assert (batches_dir(settings) / f"{batch.key}.json").exists()

    # Once a run of the partition has read the files and published, the file goes.
    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(INGEST_BATCHES.name, [batch.key])
    _run(env, data_dir, instance, "ingest_batch", batch.key)
    assert main(["batches", "prune", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [batch.key]
    assert not (batches_dir(settings) / f"{batch.key}.json").exists()
    assert states() == [(batch.key, batch.files.height, "archived")]
    assert read_batch(settings, batch.key).files.equals(batch.files)
    with pytest.raises(BatchError, match="no-such-batch"):
        read_batch(settings, "no-such-batch")


def test_partial_refresh_reads_only_the_listed_files(tmp_path: Path):
    """``refresh_raw(only_paths=...)`` reads listed files if new or changed and never removes
    unlisted ones; without it, the default behaviour (unlisted = removed) is unchanged."""
    from tests.conftest import copy_data

    data = copy_data(tmp_path / "data")
    settings = load_settings()
    lexicons = load_lexicons(settings.lexicon_dir)
    a = _arrive(data, tmp_path, "a", 0)
    b = _arrive(data, tmp_path, "b", 2)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        inputs = [str(data / "articles")]
        first = refresh_raw(con, inputs, lexicons, max_bytes=1 << 24, only_paths=a)
        assert first.files_read == 2 and first.files_seen == 2
        assert {r[0] for r in con.execute("select source_path from raw.files").fetchall()} == a
        second = refresh_raw(con, inputs, lexicons, max_bytes=1 << 24, only_paths=b)
        assert (second.files_read, second.files_removed) == (2, 0)
        again = refresh_raw(con, inputs, lexicons, max_bytes=1 << 24, only_paths=a)
        assert (again.files_read, again.files_removed) == (0, 0)
        # A listed file that is gone is removed; the others stay.
        gone = sorted(a)[0]
        Path(gone).unlink()
        third = refresh_raw(con, inputs, lexicons, max_bytes=1 << 24, only_paths=a)
        assert (third.files_read, third.files_removed) == (0, 1)
        assert {r[0] for r in con.execute("select source_path from raw.files").fetchall()} == (a | b) - {gone}
        # Its orphaned sidecar is recorded once, however often the batch runs again.
        refresh_raw(con, inputs, lexicons, max_bytes=1 << 24, only_paths=a)
        assert con.execute("select count(*) from raw.ingest_errors where source_path like '%.meta.json'").fetchone()[0] == 1
        # The default: a full scan reads the bundled article and removes nothing else.
        full = refresh_raw(con, inputs, lexicons, max_bytes=1 << 24)
        assert (full.files_read, full.files_removed) == (1, 0)
        Path(sorted(b)[0]).unlink()
        assert refresh_raw(con, inputs, lexicons, max_bytes=1 << 24).files_removed == 1
    finally:
        con.close()


def test_a_batch_of_plain_files_is_not_checked_against_the_whole_archive(tmp_path: Path, monkeypatch):
    """A batch run stats its own files, not every file of the inputs (the scan is what the
    archive costs), and ends with the tables a run that scans everything gives; a batch with
    anything the scan could judge differently (here a file in a hidden folder) scans as before."""
    import pipelines.incremental as inc
    from tests.conftest import copy_data

    settings = load_settings()
    lexicons = load_lexicons(settings.lexicon_dir)
    real_scan = inc.scan_inputs
    tables = {}
    for how in ("scan", "listed"):
        data = copy_data(tmp_path / how / "data")
        old = _arrive(data, tmp_path / how, "old", 0)
        new = _arrive(data, tmp_path / how, "new", 2)
        con = duckdb.connect(str(tmp_path / how / "w.duckdb"))
        try:
            inputs = [str(data / "articles")]
            refresh_raw(con, inputs, lexicons, max_bytes=1 << 24, only_paths=old)
            scans = []
            monkeypatch.setattr(inc, "scan_inputs", lambda *a, **k: scans.append(1) or real_scan(*a, **k))
            if how == "scan":
                monkeypatch.setattr(inc, "scan_listed", lambda *a, **k: None)
            delta = refresh_raw(con, inputs, lexicons, max_bytes=1 << 24, only_paths=new)
            monkeypatch.undo()
            assert (delta.files_seen, delta.files_read) == (2, 2)
            assert len(scans) == (1 if how == "scan" else 0)
            tables[how] = {
                t: con.execute(f"select * exclude (ingested_at, mtime_ns, sidecar_mtime_ns) from {t} order by all").fetchall() if t == "raw.files"
                else con.execute(f"select * from {t} order by all").fetchall()
                for t in ("raw.articles", "raw.article_copies", "raw.ingest_errors", "raw.files", "raw.article_bands")
            }
            hidden = data / "articles" / ".drafts"
            hidden.mkdir()
            draft = hidden / "draft.txt"
            draft.write_text("Moscú, 3 de marzo. Un borrador.", encoding="utf-8")
            assert inc.scan_listed(inputs, [str(draft)], {".txt"}) is None
            assert refresh_raw(con, inputs, lexicons, max_bytes=1 << 24, only_paths=[str(draft)]).files_seen == 0
        finally:
            con.close()
    strip = lambda rows, root: [tuple(str(v).replace(str(root), "") if isinstance(v, str) else v for v in row) for row in rows]  # noqa: E731
    for table in tables["scan"]:
        assert strip(tables["listed"][table], tmp_path / "listed") == strip(tables["scan"][table], tmp_path / "scan"), table


@pytest.mark.parametrize("job", ["refresh_all", "ingest_batch"])
def test_jobs_and_sensors_are_defined(job: str):
    from pipelines.definitions import defs

    definition = defs.resolve_job_def(job)
    assert (definition.partitions_def is not None) == (job == "ingest_batch")
    assert defs.resolve_sensor_def("article_batches_sensor").job_name == "ingest_batch"


def test_batches_command_records_and_lists(env: Path, data_dir: Path, tmp_path: Path, capsys, monkeypatch):
    """``factcheck batches new`` records what the sensor would (and adds the partitions);
    ``list`` shows it; a second ``new`` finds nothing."""
    import json

    from pipelines.cli import main

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    (tmp_path / "dagster_home").mkdir()
    (tmp_path / "dagster_home" / "dagster.yaml").write_text("")
    assert main(["batches", "new", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)
    assert batch["files"] == 1  # the bundled article
    assert main(["batches", "new", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["batches", "list"]) == 0
    assert capsys.readouterr().out.startswith(batch["key"])
    instance = DagsterInstance.get()
    assert instance.get_dynamic_partitions(INGEST_BATCHES.name) == [batch["key"]]
    assert main(["batches", "run", "no-such-batch"]) == 2
