"""Ingest group, remote side: the feed URLs declared in data/sources.yaml, fetched into the cache.

Fetching is its own asset so that network trouble (a slow or broken feed) is visible on its
own and never mixes with reading: ``raw.articles`` then reads the cached copies like any feed
file, and a feed that could not be fetched is an ``raw.ingest_errors`` row, not a failed run.
"""

import polars as pl
from dagster import AssetExecutionContext, AssetKey, Failure, MaterializeResult, MetadataValue, asset

from pipelines.core import write_table
from pipelines.defs.common import table_metadata
from pipelines.ingest.fetch import fetch_sources
from pipelines.ingest.sources import SourcesError, load_sources
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS

FETCH_SCHEMA = {
    "source_name": pl.String,
    "url": pl.String,
    "fetch_status": pl.String,
    "http_status": pl.Int64,
    "byte_count": pl.Int64,
    "reason": pl.String,
    "cache_path": pl.String,
    "fetched_at": pl.Datetime,
}


@asset(
    key=AssetKey(["raw", "feed_fetches"]),
    group_name="ingest",
    kinds={"python", "duckdb"},
    description=TABLE_DOCS.get("raw.feed_fetches"),
)
def raw_feed_fetches(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """One row per feed_url source per refresh: fetched, not modified, fresh (cached) or failed, and why."""
    settings = warehouse.settings
    try:
        sources = load_sources(settings.data_dir)
    except SourcesError as exc:
        raise Failure(description=str(exc)) from None
    rows = fetch_sources(sources, settings.data_dir)
    frame = pl.DataFrame(rows, schema=FETCH_SCHEMA) if rows else pl.DataFrame(schema=FETCH_SCHEMA)
    for row in rows:
        if row["fetch_status"] == "failed":
            context.log.warning(f"{row['source_name']}: {row['url']}: {row['reason']}")
    with warehouse.connect() as con:
        # Full replace: the table describes this refresh's fetches only.
        write_table(con, "raw.feed_fetches", frame)
        meta = table_metadata(con, "raw.feed_fetches")
    meta["count_failed"] = MetadataValue.int(sum(1 for r in rows if r["fetch_status"] == "failed"))
    return MaterializeResult(metadata=meta)
