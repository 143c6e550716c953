"""Typed Dagster resources: the warehouse and the data folder, configured from the environment."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
from dagster import AssetKey, ConfigurableResource, InitResourceContext
from pydantic import PrivateAttr

from pipelines.faults import fault_point
from pipelines.settings import Settings, load_settings
from pipelines.warehouse import Warehouse

# The step whose asset publishes the warehouse (pipelines/defs/publish.py).
PUBLISH_STEP = AssetKey(["quality", "refreshes"]).to_python_identifier()


class WarehouseResource(ConfigurableResource):
    """DuckDB warehouse: runs write to the build file; ``publish`` swaps it in atomically.

    For the length of a run the resource holds the warehouse's writer lock, so a second run
    (another ``factcheck refresh``, a schedule tick) waits for the first one instead of failing
    on DuckDB's file lock or interleaving its writes. A run that publishes starts its build from
    the published file (a re-execution from failure continues its parent's build).
    """

    db_path: str
    data_dir: str
    lock_timeout_s: float | None = None
    """How long a run waits for another run's writer lock (default: FACTCHECK_LOCK_TIMEOUT_S or 6 h)."""

    _run_lock: contextlib.ExitStack | None = PrivateAttr(default=None)

    @property
    def settings(self) -> Settings:
        return Settings(data_dir=Path(self.data_dir), db_path=Path(self.db_path))

    @property
    def warehouse(self) -> Warehouse:
        return Warehouse(Path(self.db_path))

    def setup_for_execution(self, context: InitResourceContext) -> None:
        stack = contextlib.ExitStack()
        stack.enter_context(self.warehouse.writer(timeout_s=self.lock_timeout_s, on_wait=context.log.warning if context.log else None))
        try:
            run = context.run
            if run is not None:
                owner = run.root_run_id or run.run_id
                steps = run.step_keys_to_execute
                publishes = steps is None or PUBLISH_STEP in steps
                restarted = self.warehouse.prepare_build(owner, fresh=publishes)
                if restarted and context.log:
                    context.log.info(f"build file restarted from the published warehouse {self.db_path}")
            fault_point("run:start")
        except BaseException:
            stack.close()
            raise
        self._run_lock = stack

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        stack, self._run_lock = self._run_lock, None
        if stack is not None:
            stack.close()

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.warehouse.build(label=_current_op()) as con:
            yield con

    def publish(self) -> None:
        self.warehouse.publish()


def _current_op() -> str | None:
    """The name of the asset or check op running now (for fault points), if any."""
    try:
        from dagster import OpExecutionContext

        return OpExecutionContext.get().op_handle.name
    except Exception:
        return None


def default_warehouse() -> WarehouseResource:
    settings = load_settings()
    return WarehouseResource(db_path=str(settings.db_path), data_dir=str(settings.data_dir))
