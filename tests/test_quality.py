"""Great Expectations suites: outcomes are kept in quality tables and a failed critical
expectation blocks the assets downstream (a real Dagster run, not a mock)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
from dagster import AssetKey, MaterializeResult, asset, materialize

from pipelines.core import write_table
from pipelines.defs.quality import ge_check
from pipelines.defs.sql import model_asset
from pipelines.quality.expectations import run_suite
from pipelines.resources import WarehouseResource
from pipelines.sqlmodels.project import load_project
from pipelines.settings import SQL_DIR


def test_suite_reports_failures_with_counts():
    frame = pd.DataFrame({"claim_id": ["a", "a", None], "verdict": ["supported", "maybe", "refuted"], "claim_type": ["quote"] * 3,
                          "reason": ["r"] * 3, "char_start": [0, 1, 2], "char_end": [1, 2, 3], "reference_id": [None] * 3})
    outcomes = {(o.expectation, o.column_name): o for o in run_suite("marts.claim_verdicts", frame)}
    assert not outcomes[("ExpectColumnValuesToBeUnique", "claim_id")].success
    assert not outcomes[("ExpectColumnValuesToNotBeNull", "claim_id")].success
    in_set = outcomes[("ExpectColumnValuesToBeInSet", "verdict")]
    assert not in_set.success and in_set.unexpected_count == 1 and in_set.is_critical
    assert outcomes[("ExpectColumnValuesToNotBeNull", "reason")].success


def test_failed_critical_expectation_blocks_downstream(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    resource = WarehouseResource(db_path=str(db), data_dir=str(tmp_path))

    @asset(key=AssetKey(["raw", "articles"]))
    def bad_articles(warehouse: WarehouseResource) -> MaterializeResult:
        frame = pl.DataFrame({"article_id": ["dup", "dup"], "source_path": ["a.txt", "b.txt"], "text": ["x", "y"], "title": [None, None],
                              "language": ["es", "es"], "published_on": [None, None], "outlet": [None, None], "url": [None, None],
                              "dateline_place": [None, None], "char_count": [1, 1]},
                             schema_overrides={"title": pl.String, "published_on": pl.Date, "outlet": pl.String, "url": pl.String, "dateline_place": pl.String})
        with warehouse.connect() as con:
            write_table(con, "raw.articles", frame)
        return MaterializeResult()

    project = load_project(SQL_DIR)
    downstream = model_asset(project.models["staging.stg_articles"], project)
    result = materialize([bad_articles, ge_check("raw.articles"), downstream], resources={"warehouse": resource}, raise_on_error=False)
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert not evaluations["great_expectations"].passed
    materialized = {tuple(m.asset_key.path) for m in result.get_asset_materialization_events() for m in [m.event_specific_data.materialization]}
    assert ("raw", "articles") in materialized
    assert ("staging", "stg_articles") not in materialized, "a failed critical expectation must block downstream assets"
    con = duckdb.connect(str(db.with_name("w.build.duckdb")), read_only=True)
    try:
        failed = con.execute("select count(*) from quality.expectation_results where table_name = 'raw.articles' and not success and is_critical").fetchone()[0]
    finally:
        con.close()
    assert failed >= 1
