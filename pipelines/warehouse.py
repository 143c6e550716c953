"""The DuckDB warehouse: one build file that runs write to, one published file readers use.

Runs write into ``<name>.build.duckdb``. The publish step checkpoints it and swaps a copy in
place of ``<name>.duckdb`` with ``os.replace``, which is atomic on POSIX, so a reader (or a
crash at any moment) only ever sees the last complete refresh.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

SCHEMAS = ("raw", "ref", "staging", "intermediate", "marts", "quality")


def build_path_for(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.build{db_path.suffix or '.duckdb'}")


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
            con = duckdb.connect(str(path), read_only=read_only, config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
            return con
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def ensure_schemas(con: duckdb.DuckDBPyConnection) -> None:
    for schema in SCHEMAS:
        con.execute(f"create schema if not exists {schema}")  # identifiers, not values


def set_comments(con: duckdb.DuckDBPyConnection, table: str, description: str, columns: dict[str, str]) -> None:
    """Attach DuckDB COMMENTs (values are bound as parameters where DuckDB allows it)."""
    kind = _relation_kind(con, table)
    if kind is None:
        return
    con.execute(f"comment on {kind} {table} is {_literal(description)}")
    existing = {r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
        table.split(".", 1),
    ).fetchall()}
    for column, text in columns.items():
        if column in existing:
            con.execute(f"comment on column {table}.{_ident(column)} is {_literal(text)}")


def _relation_kind(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    schema, name = table.split(".", 1)
    row = con.execute(
        "select table_type from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    if row is None:
        return None
    return "view" if row[0] == "VIEW" else "table"


def _literal(text: str) -> str:
    # COMMENT ON does not take prepared parameters in DuckDB; quote the text as a SQL literal.
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Warehouse:
    """Paths and connections for one warehouse (published file + build file)."""

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path)
        self.build_path = build_path_for(self.db_path)

    @contextlib.contextmanager
    def build(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A writer connection on the build file (created from the published file if missing)."""
        if not self.build_path.exists() and self.db_path.exists():
            shutil.copyfile(self.db_path, self.build_path)
        con = connect(self.build_path)
        try:
            ensure_schemas(con)
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection on the last published refresh."""
        con = connect(self.db_path, read_only=True)
        try:
            yield con
        finally:
            con.close()

    def publish(self) -> None:
        """Atomically replace the published file with a checkpointed copy of the build file."""
        con = connect(self.build_path)
        try:
            con.execute("checkpoint")
        finally:
            con.close()
        tmp = self.db_path.with_name(f".{self.db_path.name}.{os.getpid()}.tmp")
        shutil.copyfile(self.build_path, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self.db_path)
        dir_fd = os.open(self.db_path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
