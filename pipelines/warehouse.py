"""The DuckDB warehouse: one build file that runs write to, one published file readers use.

Files, side by side (``<name>`` is the published file's stem, e.g. ``factcheck``):

* ``<name>.duckdb`` — the published warehouse. Nothing ever opens it for writing: readers
  (``factcheck query``, exports, a ``duckdb -readonly`` shell) open it read-only, and
  :meth:`Warehouse.publish` replaces it whole with ``os.replace``, atomic on POSIX. A reader
  that opened the old file keeps reading the old inode until it reconnects.
* ``<name>.build.duckdb`` — where runs write. :meth:`Warehouse.prepare_build` restarts it
  from a copy of the published file at the start of every run that publishes, so a publish
  only ever exposes the last publication plus the steps of one run (and its re-executions):
  never the leftovers of a killed or failed run.
* ``<name>.build.json`` — which run (by Dagster root run id) the build file belongs to.
* ``<name>.lock`` — the writer lock (``flock``): one writing process at a time, held by a
  Dagster run from start to end. The kernel releases it when the process dies, even by
  ``SIGKILL``, so a crash never leaves a stale lock. Waiting for it is how a second run
  "waits its turn" instead of failing on DuckDB's own file lock.
* ``.<file>.<pid>.tmp`` — copies being written; renamed into place only once complete and
  fsynced, removed by the next writer if a crash left one behind. Never opened by readers.

See docs/reliability.md for the guarantees this gives and how the tests check them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.faults import fault_point

SCHEMAS = ("raw", "ref", "staging", "intermediate", "marts", "quality")
LOCK_TIMEOUT_ENV = "FACTCHECK_LOCK_TIMEOUT_S"
DEFAULT_LOCK_TIMEOUT_S = 6 * 3600.0
MEMORY_ENV = "FACTCHECK_DUCKDB_MEMORY"
# 800MB: at 100k articles the claims step holds its committed rows in DuckDB until the
# connection's one checkpoint; with 1GB that and the extraction's Polars frames peaked at
# 2.1 GB. Not lower: at 600MB the claim_verdicts merge of a 100k warehouse fails to pin
# memory (700MB passes); a larger archive needs a larger limit.
DEFAULT_MEMORY_LIMIT = "800MB"
# checkpoint_threshold: DuckDB checkpoints at a commit once the WAL passes 16 MB by default, and
# the ingest and claims steps commit once per chunk of 10,000: a checkpoint per chunk made the
# 100k steps several times slower. Each connection checkpoints once when it closes instead.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False, "checkpoint_threshold": "4GB"}


def duckdb_config() -> dict[str, str | bool]:
    """Connection settings for every warehouse connection: no extension downloads, one
    checkpoint per connection (at close), and a memory limit (``FACTCHECK_DUCKDB_MEMORY``,
    default 800MB; DuckDB spills larger joins, sorts and uncheckpointed rows to disk) so a
    refresh's memory does not grow with the archive."""
    return {**_CONFIG, "memory_limit": os.environ.get(MEMORY_ENV, "").strip() or DEFAULT_MEMORY_LIMIT}


def build_path_for(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.build{db_path.suffix or '.duckdb'}")


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.lock")


def wal_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text


def connect(path: Path | str, *, read_only: bool = False, timeout_s: float = 120.0) -> duckdb.DuckDBPyConnection:
    """Open a connection, waiting (not failing) while another process holds the write lock."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=duckdb_config())
            return con
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def connect_query(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A connection for user SQL (``factcheck query``): read-only and unable to write anywhere.

    ``read_only`` refuses CREATE/INSERT/UPDATE/DELETE on the warehouse; turning external
    access off also refuses ``COPY ... TO``, ``ATTACH`` and extension installs, and locking
    the configuration stops the SQL from turning it back on.
    """
    con = connect(path, read_only=True)
    try:
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def ensure_schemas(con: duckdb.DuckDBPyConnection) -> None:
    for schema in SCHEMAS:
        con.execute(f"create schema if not exists {schema}")  # identifiers, not values


def set_comments(con: duckdb.DuckDBPyConnection, table: str, description: str, columns: dict[str, str]) -> None:
    """Attach DuckDB COMMENTs (values are bound as parameters where DuckDB allows it). Comments
    already in place are not written again: each is a catalog change, and an incremental
    refresh rewrites the same ones on every table it touches."""
    kind = relation_kind(con, table)
    if kind is None:
        return
    schema, name = table.split(".", 1)
    current = con.execute(
        "select comment from duckdb_tables() where database_name = current_database() and schema_name = ? and table_name = ? "
        "union all select comment from duckdb_views() where database_name = current_database() and schema_name = ? and view_name = ?",
        [schema, name, schema, name],
    ).fetchone()
    if current is None or current[0] != description:
        con.execute(f"comment on {kind} {table} is {_literal(description)}")
    existing = dict(con.execute(
        "select column_name, comment from duckdb_columns() where database_name = current_database() and schema_name = ? and table_name = ?",
        [schema, name],
    ).fetchall())
    for column, text in columns.items():
        if column in existing and existing[column] != text:
            con.execute(f"comment on column {table}.{ident(column)} is {_literal(text)}")


def relation_kind(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    """``table``, ``view`` or None when the relation does not exist (in this database)."""
    schema, name = table.split(".", 1)
    row = con.execute(
        "select table_type from information_schema.tables where table_schema = ? and table_name = ? and table_catalog = current_database()",
        [schema, name],
    ).fetchone()
    if row is None:
        return None
    return "view" if row[0] == "VIEW" else "table"


def _literal(text: str) -> str:
    # COMMENT ON does not take prepared parameters in DuckDB; quote the text as a SQL literal.
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --------------------------------------------------------------------------- writer lock

class WarehouseBusy(TimeoutError):
    """Another process kept the writer lock longer than the timeout."""


@dataclass
class _Held:
    fd: int
    depth: int
    thread: int


_held: dict[str, _Held] = {}
_held_guard = threading.Lock()


def _lock_timeout(timeout_s: float | None) -> float:
    if timeout_s is not None:
        return timeout_s
    return float(os.environ.get(LOCK_TIMEOUT_ENV) or DEFAULT_LOCK_TIMEOUT_S)


@contextlib.contextmanager
def writer_lock(lock_path: Path, *, timeout_s: float | None = None, on_wait: Callable[[str], None] | None = None) -> Iterator[bool]:
    """Hold the exclusive writer lock on ``lock_path``; yields True if this call took it.

    Re-entrant within a thread (a run holds it; each asset's connection re-enters it). Another
    process, or another thread, waits until it is released or ``timeout_s`` passes.
    """
    key = os.path.abspath(lock_path)
    me = threading.get_ident()
    with _held_guard:
        held = _held.get(key)
        if held is not None and held.thread == me:
            held.depth += 1
            fd = None
        else:
            held = None
    if held is None:
        fd = _acquire(Path(key), _lock_timeout(timeout_s), on_wait)
        with _held_guard:
            _held[key] = _Held(fd=fd, depth=1, thread=me)
    try:
        yield fd is not None
    finally:
        release = None
        with _held_guard:
            entry = _held[key]
            entry.depth -= 1
            if entry.depth == 0:
                release = _held.pop(key).fd
        if release is not None:
            fcntl.flock(release, fcntl.LOCK_UN)
            os.close(release)


def _acquire(lock_path: Path, timeout_s: float, on_wait: Callable[[str], None] | None) -> int:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout_s
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = _lock_holder(lock_path)
            if not told and on_wait is not None:
                on_wait(f"another writer ({holder}) holds {lock_path.name}; waiting for it to finish")
                told = True
            if time.monotonic() > deadline:
                os.close(fd)
                raise WarehouseBusy(f"the warehouse writer lock {lock_path} is still held by {holder} after {timeout_s:.0f} s ({LOCK_TIMEOUT_ENV} sets the wait)") from None
            time.sleep(0.2)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}\n".encode(), 0)
    return fd


def _lock_holder(lock_path: Path) -> str:
    try:
        return lock_path.read_text().strip() or "another process"
    except OSError:
        return "another process"


# --------------------------------------------------------------------------- files

def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


class Warehouse:
    """Paths and connections for one warehouse (published file + build file)."""

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path)
        self.build_path = build_path_for(self.db_path)
        self.lock_path = lock_path_for(self.db_path)
        self.marker_path = self.build_path.with_suffix(".json")

    # -- the writer lock and the build file

    @contextlib.contextmanager
    def writer(self, *, timeout_s: float | None = None, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the writer lock (waiting for another writer to finish); re-entrant in a thread."""
        with writer_lock(self.lock_path, timeout_s=timeout_s, on_wait=on_wait) as first:
            if first:
                self._remove_stale_temp_files()
            yield

    def prepare_build(self, owner: str | None = None, *, fresh: bool = False) -> bool:
        """Get the build file ready for a run; call it holding :meth:`writer`.

        ``owner`` names the run family (Dagster's root run id: a run and its re-executions).
        With ``fresh`` the build restarts from a copy of the published file, unless it already
        belongs to ``owner`` — a re-execution from failure keeps what its parent run built.
        Without ``fresh`` the build is kept as it is. Returns True if the build was restarted.
        """
        current = self._read_marker().get("owner")
        restart = not self.build_path.exists() or (fresh and (owner is None or current != owner))
        if restart:
            self._restart_build()
        if restart or current != owner:
            # Written after the restart: a crash in between leaves the old owner, whose
            # re-execution would then restart too (never continue someone else's build).
            self._write_marker(owner, restarted=restart)
        return restart

    @contextlib.contextmanager
    def build(self, label: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A writer connection on the build file (created from the published file if missing).

        ``label`` names the writer for fault injection (``write:<label>``, see pipelines/faults.py).
        """
        with self.writer():
            if not self.build_path.exists():
                self._restart_build()
                self._write_marker(None, restarted=True)
            con = connect(self.build_path)
            try:
                ensure_schemas(con)
                yield con
                if label:
                    fault_point(f"write:{label}")
            finally:
                con.close()

    # -- readers

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection on the last published refresh."""
        con = connect(self.db_path, read_only=True)
        try:
            yield con
        finally:
            con.close()

    # -- publishing

    def publish(self) -> None:
        """Atomically replace the published file with a checkpointed copy of the build file.

        The copy is written under a temporary name, fsynced and opened once (a file DuckDB
        cannot read is never published), then renamed over the published file. The build
        file stays: steps after the publish (exports, reports) read exactly what was published.
        """
        with self.writer():
            con = connect(self.build_path)
            try:
                con.execute("checkpoint")  # everything in the file itself, nothing left in the WAL
            finally:
                con.close()
            fault_point("publish:checkpointed")
            tmp = _temp_for(self.db_path)
            try:
                shutil.copyfile(self.build_path, tmp)
                _fsync_file(tmp)
                _check_readable(tmp)
                fault_point("publish:copied")
                # Nothing writes the published file, so it has no WAL; a stray one (someone
                # opened it read-write) must not be replayed onto the new file.
                _remove(wal_path_for(self.db_path))
                os.replace(tmp, self.db_path)
            except BaseException:
                _remove(tmp)
                raise
            _fsync_dir(self.db_path.parent)
            fault_point("publish:replaced")

    # -- internals

    def _restart_build(self) -> None:
        """Replace the build file with a copy of the published file (an empty database if none yet)."""
        tmp = _temp_for(self.build_path)
        _remove(tmp)
        if self.db_path.exists():
            shutil.copyfile(self.db_path, tmp)
        else:
            duckdb.connect(str(tmp), config=duckdb_config()).close()  # a new, empty database
        # The old build's WAL goes first: replayed onto the fresh copy it would bring back the
        # half-done run we are discarding. A crash between the two steps leaves the old build
        # without its WAL (its last checkpoint), which the next run restarts anyway.
        _remove(wal_path_for(self.build_path))
        os.replace(tmp, self.build_path)

    def _read_marker(self) -> dict:
        try:
            data = json.loads(self.marker_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_marker(self, owner: str | None, *, restarted: bool) -> None:
        info = {"owner": owner, "pid": os.getpid(), "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        if not restarted:
            info["restarted_at"] = self._read_marker().get("restarted_at")
        else:
            info["restarted_at"] = info["at"]
        tmp = _temp_for(self.marker_path)
        tmp.write_text(json.dumps(info) + "\n", encoding="utf-8")
        os.replace(tmp, self.marker_path)

    def _remove_stale_temp_files(self) -> None:
        """Temp copies a killed writer left behind (only a lock holder writes them)."""
        folder = self.db_path.parent
        if not folder.is_dir():
            return
        for target in (self.db_path, self.build_path, self.marker_path):
            for path in folder.glob(f".{target.name}.*.tmp"):
                _remove(path)


def _check_readable(path: Path) -> None:
    con = duckdb.connect(str(path), read_only=True, config=duckdb_config())
    try:
        con.execute("select count(*) from duckdb_tables()").fetchone()
    finally:
        con.close()
