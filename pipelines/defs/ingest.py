"""Ingest group: article files under the data folder into raw tables."""


from dagster import AssetExecutionContext, AssetKey, AssetSpec, Config, Failure, MaterializeResult, multi_asset

from pipelines.core import ingest, write_table
from pipelines.defs.common import table_metadata
from pipelines.extract.lexicon import load_lexicons
from pipelines.ingest.readers import DEFAULT_MAX_BYTES
from pipelines.ingest.sources import SourcesError, load_sources
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS

INGEST_TABLES = ("raw.articles", "raw.ingest_errors", "raw.article_copies")


class IngestConfig(Config):
    max_file_bytes: int = DEFAULT_MAX_BYTES
    """Files larger than this are recorded in raw.ingest_errors instead of read."""


@multi_asset(
    specs=[AssetSpec(AssetKey(t.split(".")), description=TABLE_DOCS[t], group_name="ingest", kinds={"duckdb", "polars"}, deps=[AssetKey(["raw", "feed_fetches"])]) for t in INGEST_TABLES],
    can_subset=False,
)
def raw_articles(context: AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource):
    """Read every source declared in data/sources.yaml; bad inputs become rows of raw.ingest_errors."""
    settings = warehouse.settings
    try:
        sources = load_sources(settings.data_dir)
    except SourcesError as exc:
        raise Failure(description=str(exc)) from None
    ingested = ingest(sources.inputs(settings.data_dir), load_lexicons(settings.lexicon_dir), max_bytes=config.max_file_bytes, near=sources.near)
    with warehouse.connect() as con:
        # Full replace: the tables always mirror the folder, so re-runs are idempotent.
        write_table(con, "raw.articles", ingested.articles)
        write_table(con, "raw.ingest_errors", ingested.errors)
        write_table(con, "raw.article_copies", ingested.copies)
        for table in INGEST_TABLES:
            yield MaterializeResult(asset_key=AssetKey(table.split(".")), metadata=table_metadata(con, table))
    for row in ingested.errors.iter_rows(named=True):
        context.log.warning(f"{row['source_path']}: {row['reason']}")
