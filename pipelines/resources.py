"""Typed Dagster resources: the warehouse and the data folder, configured from the environment."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
from dagster import ConfigurableResource

from pipelines.settings import Settings, load_settings
from pipelines.warehouse import Warehouse


class WarehouseResource(ConfigurableResource):
    """DuckDB warehouse: runs write to the build file; ``publish`` swaps it in atomically."""

    db_path: str
    data_dir: str

    @property
    def settings(self) -> Settings:
        return Settings(data_dir=Path(self.data_dir), db_path=Path(self.db_path))

    @property
    def warehouse(self) -> Warehouse:
        return Warehouse(Path(self.db_path))

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.warehouse.build() as con:
            yield con

    def publish(self) -> None:
        self.warehouse.publish()


def default_warehouse() -> WarehouseResource:
    settings = load_settings()
    return WarehouseResource(db_path=str(settings.db_path), data_dir=str(settings.data_dir))
