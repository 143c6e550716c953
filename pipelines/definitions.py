"""The Dagster code location: every asset, check, schedule, sensor and resource.

Runs use the in-process executor: all writes to the DuckDB build file come from one process,
so DuckDB's single-writer lock is never contended within a run (and connections wait, rather
than fail, if another run holds it).
"""

from __future__ import annotations

from dagster import Definitions, in_process_executor

from pipelines.core import sql_project
from pipelines.defs.automation import article_files_sensor, daily_refresh, refresh_job
from pipelines.defs.batches import article_batches_sensor, ingest_batch_job, raw_ingest_batches
from pipelines.defs.extract import staging_claims, staging_quote_matches
from pipelines.defs.ingest import raw_articles
from pipelines.defs.outputs import exports_claim_dataset, link_report, reports_claim_report
from pipelines.defs.publish import quality_refreshes
from pipelines.defs.quality import ge_checks
from pipelines.defs.reference import reference_packs
from pipelines.defs.reference_matches import staging_fact_check_matches, staging_office_title_matches
from pipelines.defs.sources import raw_feed_fetches
from pipelines.defs.sql import sql_assets
from pipelines.resources import WarehouseResource, default_warehouse


def all_assets() -> list:
    """Every asset, in graph order (SQL model assets are generated from dbt_like_sql/)."""
    return link_report([raw_feed_fetches, raw_ingest_batches, raw_articles, reference_packs, staging_claims, staging_quote_matches, staging_fact_check_matches, staging_office_title_matches, *sql_assets(sql_project()), quality_refreshes, exports_claim_dataset, reports_claim_report])


def all_checks() -> list:
    return ge_checks()


def build_definitions(warehouse: WarehouseResource | None = None) -> Definitions:
    return Definitions(
        assets=all_assets(),
        asset_checks=all_checks(),
        jobs=[refresh_job, ingest_batch_job],
        schedules=[daily_refresh],
        sensors=[article_files_sensor, article_batches_sensor],
        resources={"warehouse": warehouse or default_warehouse()},
        executor=in_process_executor,
    )


defs = build_definitions()
