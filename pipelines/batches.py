"""Ingest batches: groups of new or changed article files, one Dagster partition each.

A batch is recorded once, by the sensor that notices it (``article_batches_sensor``), as a small
JSON file beside the warehouse: ``<warehouse folder>/ingest_batches/<key>.json`` with the
batch key, when it was noticed and every file's path and stat (size and mtime, its sidecar's)
as the scan saw them. The file is written atomically (temporary name, fsync, rename) before
the partition is added, and never rewritten, so a run of the partition, its re-execution and
any later backfill all find the same file list. The ``raw/ingest_batches`` asset copies the
file into the table ``raw.ingest_batches``; ``raw_articles`` then reads only those paths
(``refresh_raw(..., only_paths=...)``).

Which files are new: the current scan (the declared sources, as ``refresh_raw`` scans them)
minus the files the published warehouse's manifest ``raw.files`` already holds with the same
stat, minus the files already recorded in a batch with the same stat. So a file that changes
after it was ingested lands in a later batch; a removed file is no batch's business (the full
refresh, e.g. the daily schedule, removes its rows).

Keys are ``<UTC time noticed, YYYYmmddTHHMMSSZ>-<first 8 hex of a hash of the file list>``:
sortable by arrival, unique, and only letters, digits and ``-`` (safe as partition keys).

Archived batches: once the published warehouse holds a batch in ``raw.ingest_batches`` and
none of its files is waiting to be ingested, its JSON file has done its job: the table keeps
the same file list. ``prune_batches`` deletes such files (the batch sensor does it on every tick
that scans, ``factcheck batches prune`` on demand), so the folder, and the work of each scan,
holds only the batches still in flight instead of growing with the archive. ``read_batch``
reads an archived batch from the published table, so re-running or backfilling an old
partition reads the same files as its first run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.incremental import MANIFEST_SCHEMA, MANIFEST_TABLE, scan_files, table_columns
from pipelines.settings import Settings

BATCHES_DIRNAME = "ingest_batches"
BATCH_TABLE = "raw.ingest_batches"
BATCH_FILES_ENV = "FACTCHECK_BATCH_FILES"
DEFAULT_BATCH_FILES = 5_000
STAT_KEYS = ["source_path", "size_bytes", "mtime_ns", "sidecar_size_bytes", "sidecar_mtime_ns"]
STAT_SCHEMA = {k: MANIFEST_SCHEMA[k] for k in STAT_KEYS}
BATCH_SCHEMA = {"batch_key": pl.String, **STAT_SCHEMA, "noticed_at": pl.Datetime}
KEY_PATTERN = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}$")
BATCH_TABLE_DOC = "Ingest batches: one row per article file per batch (a partition of the Dagster ingest_batches partitions), with the stat the file had when the batch was noticed. Written by the raw/ingest_batches asset from the batch file the sensor recorded."
BATCH_COLUMN_DOCS = {
    "batch_key": "Ingest batch (Dagster partition key of ingest_batches): UTC time noticed and a hash of the file list.",
    "source_path": "File of the batch, as the scan spells it (the key of raw.files).",
    "size_bytes": "File size in bytes when the batch was noticed.",
    "mtime_ns": "File modification time (ns since the epoch) when the batch was noticed.",
    "sidecar_size_bytes": "Size of the .meta.json sidecar when noticed (null without one).",
    "sidecar_mtime_ns": "Modification time of the sidecar when noticed (null without one).",
    "noticed_at": "When the sensor recorded the batch (UTC).",
}
BATCH_DDL = f"create table if not exists {BATCH_TABLE} (batch_key varchar, source_path varchar, size_bytes bigint, mtime_ns bigint, sidecar_size_bytes bigint, sidecar_mtime_ns bigint, noticed_at timestamp)"


class BatchError(ValueError):
    """A batch key without a (readable) batch file."""


@dataclass(frozen=True)
class Batch:
    key: str
    noticed_at: dt.datetime
    files: pl.DataFrame  # STAT_SCHEMA

    def rows(self) -> pl.DataFrame:
        """The batch as rows of raw.ingest_batches."""
        return self.files.select(pl.lit(self.key).alias("batch_key"), *STAT_KEYS, pl.lit(self.noticed_at).alias("noticed_at")).cast(BATCH_SCHEMA)


def ensure_batch_table(con) -> None:
    """Create raw.ingest_batches (empty) if missing, with its comments."""
    from pipelines.warehouse import ensure_schemas, set_comments

    ensure_schemas(con)
    con.execute(BATCH_DDL)
    set_comments(con, BATCH_TABLE, BATCH_TABLE_DOC, BATCH_COLUMN_DOCS)


def store_batch(con, batch: Batch) -> int:
    """Replace batch ``batch.key``'s rows of raw.ingest_batches (one transaction); returns the row count."""
    rows = batch.rows()
    ensure_batch_table(con)
    con.register("__batch", rows.to_arrow())
    con.begin()
    try:
        con.execute(f"delete from {BATCH_TABLE} where batch_key = ?", [batch.key])
        con.execute(f"insert into {BATCH_TABLE} by name select * from __batch")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.unregister("__batch")
    return rows.height


def batch_paths(con, key: str) -> list[str]:
    """The files of batch ``key`` as raw.ingest_batches holds them."""
    if table_columns(con, BATCH_TABLE) is None:
        return []
    return [r[0] for r in con.execute(f"select source_path from {BATCH_TABLE} where batch_key = ? order by 1", [key]).fetchall()]


def batches_dir(settings: Settings) -> Path:
    return settings.db_path.parent / BATCHES_DIRNAME


def batch_size() -> int:
    value = os.environ.get(BATCH_FILES_ENV, "").strip()
    return max(1, int(value)) if value else DEFAULT_BATCH_FILES


def current_files(settings: Settings) -> pl.DataFrame:
    """Every article file of the declared sources with its stat, spelled as ``refresh_raw``
    spells them (the same scan; the reader's discovery when the folders are not plain)."""
    from pipelines.ingest.readers import ReadResult
    from pipelines.ingest.sources import load_sources

    inputs = load_sources(settings.data_dir).inputs(settings.data_dir)
    return scan_files(inputs, ReadResult()).select(STAT_KEYS).cast(STAT_SCHEMA)


def published_manifest(settings: Settings) -> pl.DataFrame:
    """The file stats the published warehouse has ingested (empty before the first publish)."""
    from pipelines.warehouse import Warehouse

    warehouse = Warehouse(settings.db_path)
    if not warehouse.db_path.exists():
        return pl.DataFrame(schema=STAT_SCHEMA)
    with warehouse.read() as con:
        if table_columns(con, MANIFEST_TABLE) is None:
            return pl.DataFrame(schema=STAT_SCHEMA)
        return con.execute(f"select {', '.join(STAT_KEYS)} from {MANIFEST_TABLE}").pl().cast(STAT_SCHEMA)


def recorded_keys(settings: Settings) -> list[str]:
    folder = batches_dir(settings)
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if KEY_PATTERN.match(p.stem))


def read_batch(settings: Settings, key: str) -> Batch:
    """Batch ``key`` from its JSON file, or, once archived (the file pruned), from the published
    warehouse's raw.ingest_batches."""
    path = batches_dir(settings) / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = pl.DataFrame(data["files"], schema=STAT_SCHEMA, orient="row") if data["files"] else pl.DataFrame(schema=STAT_SCHEMA)
        return Batch(key=data["key"], noticed_at=dt.datetime.fromisoformat(data["noticed_at"]), files=files)
    except FileNotFoundError:
        archived = archived_batch(settings, key)
        if archived is not None:
            return archived
        raise BatchError(f"no ingest batch {key!r}: {path} does not exist and the published warehouse has no such batch (batches are recorded by article_batches_sensor or `factcheck batches new`; `factcheck batches list` shows them)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BatchError(f"ingest batch file {path} is unreadable: {exc}") from None


def _published_batches(settings: Settings, sql: str, params: list) -> pl.DataFrame | None:
    """``sql`` over the published raw.ingest_batches (None before it exists)."""
    from pipelines.warehouse import Warehouse

    warehouse = Warehouse(settings.db_path)
    if not warehouse.db_path.exists():
        return None
    with warehouse.read() as con:
        if table_columns(con, BATCH_TABLE) is None:
            return None
        return con.execute(sql, params).pl()


def archived_batch(settings: Settings, key: str) -> Batch | None:
    """Batch ``key`` as the published raw.ingest_batches holds it (None when it holds no such batch)."""
    rows = _published_batches(settings, f"select * from {BATCH_TABLE} where batch_key = ? order by source_path", [key])
    if rows is None or rows.is_empty():
        return None
    return Batch(key=key, noticed_at=rows["noticed_at"][0], files=rows.select(STAT_KEYS).cast(STAT_SCHEMA))


def published_batch_counts(settings: Settings) -> dict[str, tuple[dt.datetime, int]]:
    """Every batch of the published raw.ingest_batches: key -> (noticed_at, file count)."""
    rows = _published_batches(settings, f"select batch_key, min(noticed_at) as noticed_at, count(*) as files from {BATCH_TABLE} group by batch_key", [])
    return {} if rows is None else {key: (noticed, files) for key, noticed, files in rows.iter_rows()}


def recorded_files(settings: Settings) -> pl.DataFrame:
    frames = [read_batch(settings, key).files for key in recorded_keys(settings)]
    return pl.concat(frames) if frames else pl.DataFrame(schema=STAT_SCHEMA)


def new_files(settings: Settings, current: pl.DataFrame | None = None, manifest: pl.DataFrame | None = None) -> pl.DataFrame:
    """Files (with their stat) that neither the published warehouse nor any batch holds
    (``current``, ``manifest``: the scan and the published manifest, when the caller has them)."""
    current = current_files(settings) if current is None else current
    manifest = published_manifest(settings) if manifest is None else manifest
    known = pl.concat([manifest, recorded_files(settings)])
    return current.join(known, on=STAT_KEYS, how="anti", nulls_equal=True).sort("source_path")


def prune_batches(settings: Settings, current: pl.DataFrame | None = None, manifest: pl.DataFrame | None = None) -> list[str]:
    """Delete the JSON file of every archived batch; returns their keys.

    A batch is archived when the published raw.ingest_batches holds it with the same files
    (a run of its partition, or a full run after it, stored and published it) and none of
    its files, with the stat it was batched with, is still waiting: on disk with that stat
    but not in the published manifest ``raw.files``. ``current`` and ``manifest`` are the scan
    and that manifest, when the caller has them."""
    keys = recorded_keys(settings)
    stored = published_batch_counts(settings)
    candidates = [k for k in keys if k in stored]
    if not candidates:
        return []
    current = current_files(settings) if current is None else current
    manifest = published_manifest(settings) if manifest is None else manifest
    waiting = current.join(manifest, on=STAT_KEYS, how="anti", nulls_equal=True)
    pruned = []
    for key in candidates:
        path = batches_dir(settings) / f"{key}.json"
        try:
            files = read_batch(settings, key).files
        except BatchError:
            continue  # an unreadable file stays for a person to look at
        if files.height != stored[key][1] or not files.join(waiting, on=STAT_KEYS, how="semi", nulls_equal=True).is_empty():
            continue
        path.unlink(missing_ok=True)
        pruned.append(key)
    return pruned


def batch_key(files: pl.DataFrame, noticed_at: dt.datetime) -> str:
    digest = hashlib.sha256()
    for row in files.select(STAT_KEYS).iter_rows():
        digest.update(("|".join("" if v is None else str(v) for v in row) + "\n").encode())
    return f"{noticed_at:%Y%m%dT%H%M%SZ}-{digest.hexdigest()[:8]}"


def write_batch(settings: Settings, files: pl.DataFrame, noticed_at: dt.datetime) -> Batch:
    """Record one batch (atomically: a reader sees the whole file or none)."""
    files = files.select(STAT_KEYS).cast(STAT_SCHEMA).sort("source_path")
    key = batch_key(files, noticed_at)
    folder = batches_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key}.json"
    body = json.dumps({"key": key, "noticed_at": noticed_at.isoformat(), "files": files.rows()}, indent=0) + "\n"
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(body)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return Batch(key=key, noticed_at=noticed_at, files=files)


def record_new_batches(settings: Settings, *, now: dt.datetime | None = None, size: int | None = None) -> list[Batch]:
    """Group the new files into batches of at most ``size`` files (FACTCHECK_BATCH_FILES,
    default 5,000) and record each; returns them (none when nothing is new). Archived batches'
    files are pruned first, from the same scan and manifest."""
    current = current_files(settings)
    manifest = published_manifest(settings)
    prune_batches(settings, current, manifest)
    fresh = new_files(settings, current, manifest)
    if fresh.is_empty():
        return []
    noticed = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    size = size or batch_size()
    return [write_batch(settings, fresh.slice(lo, size), noticed) for lo in range(0, fresh.height, size)]
