"""Reference group: the knowledge packs under data/reference into ref tables."""


from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset

from pipelines.core import load_reference
from pipelines.defs.common import table_metadata
from pipelines.reference.pack import SCHEMAS
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS

REF_TABLES = tuple(f"ref.{name}" for name in SCHEMAS) + ("ref.pack_errors",)


@multi_asset(
    specs=[AssetSpec(AssetKey(t.split(".")), description=TABLE_DOCS[t], group_name="reference", kinds={"duckdb", "yaml"}) for t in REF_TABLES],
    can_subset=False,
)
def reference_packs(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Validate every pack (pydantic) and load the good ones; a bad pack is refused whole.
    Packs and loading code unchanged since the last load: nothing to write (``reloaded`` false)."""
    with warehouse.connect() as con:
        errors, written = load_reference(con, warehouse.settings.reference_dir)
        for table in REF_TABLES:
            yield MaterializeResult(asset_key=AssetKey(table.split(".")), metadata={**table_metadata(con, table), "reloaded": written})
    for error in errors:
        context.log.error(error)
