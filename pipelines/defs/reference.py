"""Reference group: the knowledge packs under data/reference into ref tables."""


from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset

from pipelines.core import reference_tables, write_table
from pipelines.defs.common import table_metadata
from pipelines.reference.pack import SCHEMAS
from pipelines.reference.snapshot import keep_last_good
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS

REF_TABLES = tuple(f"ref.{name}" for name in SCHEMAS) + ("ref.pack_errors",)


@multi_asset(
    specs=[AssetSpec(AssetKey(t.split(".")), description=TABLE_DOCS[t], group_name="reference", kinds={"duckdb", "yaml"}) for t in REF_TABLES],
    can_subset=False,
)
def reference_packs(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Validate every pack (pydantic) and load the good ones; a bad pack is refused whole."""
    import datetime as dt

    import polars as pl

    tables, errors = reference_tables(warehouse.settings.reference_dir)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    with warehouse.connect() as con:
        # A refused pack keeps its last good rows (from the warehouse) instead of vanishing.
        tables, kept = keep_last_good(con, warehouse.settings.reference_dir, tables)
        errors = errors + kept
        for name, frame in tables.items():
            write_table(con, f"ref.{name}", frame)
        write_table(con, "ref.pack_errors", pl.DataFrame({"error": errors, "recorded_at": [now] * len(errors)}, schema={"error": pl.String, "recorded_at": pl.Datetime}))
        for table in REF_TABLES:
            yield MaterializeResult(asset_key=AssetKey(table.split(".")), metadata=table_metadata(con, table))
    for error in errors:
        context.log.error(error)
