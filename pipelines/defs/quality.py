"""Great Expectations suites as blocking Dagster asset checks; outcomes kept in quality tables."""


import polars as pl
from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, AssetChecksDefinition, AssetKey, MetadataValue, asset_check

from pipelines.core import write_table
from pipelines.quality.expectations import SUITES, fetch_table, outcomes_frame, run_suite
from pipelines.resources import WarehouseResource

RESULTS_TABLE = "quality.expectation_results"
# Tables that are no asset of their own: their suite is a check of the asset whose run writes
# them. raw.article_bands is written with raw.articles (pipelines.incremental.refresh_raw);
# every incremental model records its row of staging.sql_model_versions as it is built, and
# marts.claim_verdicts is built after all the others (each is upstream of it).
CHECKED_WITH = {
    "raw.article_bands": "raw.articles",
    "staging.sql_model_versions": "marts.claim_verdicts",
}


def check_name(table_name: str) -> str:
    """``great_expectations`` on the table's own asset; ``great_expectations_<table>`` on another's."""
    return "great_expectations" if table_name not in CHECKED_WITH else f"great_expectations_{table_name.split('.', 1)[1]}"


def _store(con, frame: pl.DataFrame, table_name: str) -> None:
    exists = con.execute("select count(*) from information_schema.tables where table_schema = 'quality' and table_name = 'expectation_results'").fetchone()[0]
    if not exists:
        write_table(con, RESULTS_TABLE, frame)
        return
    # Keep the latest outcome per table: delete that table's rows, then insert (idempotent).
    con.execute(f"delete from {RESULTS_TABLE} where table_name = ?", [table_name])
    con.register("__outcomes", frame.to_arrow())
    try:
        con.execute(f"insert into {RESULTS_TABLE} by name select * from __outcomes")
    finally:
        con.unregister("__outcomes")


def ge_check(table_name: str) -> AssetChecksDefinition:
    @asset_check(
        asset=AssetKey(CHECKED_WITH.get(table_name, table_name).split(".")),
        name=check_name(table_name),
        blocking=True,
        description=f"Great Expectations suite for {table_name}; a failed critical expectation blocks downstream assets.",
    )
    def _check(context: AssetCheckExecutionContext, warehouse: WarehouseResource) -> AssetCheckResult:
        with warehouse.connect() as con:
            frame = fetch_table(con, table_name)
            outcomes = run_suite(table_name, frame)
            _store(con, outcomes_frame(outcomes), table_name)
        failed_critical = [o for o in outcomes if not o.success and o.is_critical]
        failed_other = [o for o in outcomes if not o.success and not o.is_critical]
        lines = ["| expectation | column | ok | unexpected |", "| --- | --- | --- | --- |"]
        lines += [f"| {o.expectation} | {o.column_name or ''} | {'yes' if o.success else 'NO'} | {o.unexpected_count if o.unexpected_count is not None else ''} |" for o in outcomes]
        return AssetCheckResult(
            passed=not failed_critical and not failed_other,
            severity=AssetCheckSeverity.ERROR if failed_critical else AssetCheckSeverity.WARN,
            metadata={
                "expectations": len(outcomes),
                "failed_critical": len(failed_critical),
                "failed_other": len(failed_other),
                "results": MetadataValue.md("\n".join(lines)),
            },
        )

    return _check


def ge_checks() -> list[AssetChecksDefinition]:
    return [ge_check(t) for t in SUITES]
