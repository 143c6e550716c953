"""Ingest group: article files under the data folder into raw tables."""


from dagster import AssetExecutionContext, AssetKey, AssetSpec, Config, Failure, MaterializeResult, multi_asset

from pipelines.batches import batch_paths
from pipelines.defs.batches import INGEST_BATCHES_KEY
from pipelines.defs.common import table_metadata
from pipelines.extract.lexicon import load_lexicons
from pipelines.incremental import MANIFEST_TABLE, refresh_raw
from pipelines.ingest.readers import DEFAULT_MAX_BYTES, error_line
from pipelines.ingest.sources import SourcesError, load_sources
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS

INGEST_TABLES = ("raw.articles", "raw.ingest_errors", "raw.article_copies")


class IngestConfig(Config):
    max_file_bytes: int = DEFAULT_MAX_BYTES
    """Files larger than this are recorded in raw.ingest_errors instead of read."""
    full_refresh: bool = False
    """Read every file again, ignoring the raw.files manifest."""


@multi_asset(
    specs=[AssetSpec(AssetKey(t.split(".")), description=TABLE_DOCS[t], group_name="ingest", kinds={"duckdb", "polars"}, deps=[AssetKey(["raw", "feed_fetches"]), INGEST_BATCHES_KEY]) for t in INGEST_TABLES],
    can_subset=False,
)
def raw_articles(context: AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource):
    """Read the sources declared in data/sources.yaml; bad inputs become rows of raw.ingest_errors.

    Incremental (pipelines/incremental.py): only files that are new or changed since the last
    run (size, mtime, sidecar; manifest raw.files) are read; rows of removed files go away.
    One transaction, so a killed run leaves the previous state and the next run converges.

    In a run of the partitioned job ``ingest_batch`` (pipelines/defs/batches.py) only the files
    of that run's ingest batch are read (if new or changed); no other file counts as removed.
    """
    settings = warehouse.settings
    batch = context.partition_key if context.has_partition_key else None
    if batch is not None and config.full_refresh:
        raise Failure(description="full_refresh reads every file again: run it with refresh_all, not with one ingest batch")
    try:
        sources = load_sources(settings.data_dir)
    except SourcesError as exc:
        raise Failure(description=str(exc)) from None
    with warehouse.connect() as con:
        if config.full_refresh:
            con.execute(f"drop table if exists {MANIFEST_TABLE}")
        only = None
        if batch is not None:
            only = batch_paths(con, batch)
            if not only:
                raise Failure(description=f"ingest batch {batch!r} has no files in raw.ingest_batches (is it a recorded batch?)")
            context.log.info(f"ingest batch {batch}: {len(only)} files")
        delta = refresh_raw(con, sources.inputs(settings.data_dir), load_lexicons(settings.lexicon_dir), max_bytes=config.max_file_bytes, near=sources.near, only_paths=only)
        changes = {
            "files_seen": delta.files_seen, "files_read": delta.files_read, "files_removed": delta.files_removed,
            "articles_added": delta.articles_added, "articles_removed": delta.articles_removed, "full_build": delta.full,
        }
        if batch is not None:
            changes["ingest_batch"] = batch
        for table in INGEST_TABLES:
            yield MaterializeResult(asset_key=AssetKey(table.split(".")), metadata={**table_metadata(con, table), **changes})
    for row in delta.errors.iter_rows(named=True):
        context.log.warning(error_line(row))
