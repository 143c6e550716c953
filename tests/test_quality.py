"""Great Expectations suites: outcomes are kept in quality tables and a failed critical
expectation blocks the assets downstream (a real Dagster run, not a mock)."""

from __future__ import annotations

import json
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


# --------------------------------------------------------------------------- suites of the tables without an asset of their own

def _fetched(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """The table as the asset check fetches it."""
    return con.execute(f"select * from {table}").df()


def _failed(table: str, frame: pd.DataFrame) -> set[tuple[str, str | None]]:
    return {(o.expectation, o.column_name) for o in run_suite(table, frame) if not o.success}


def test_article_bands_suite_passes_what_band_keys_writes_and_fails_broken_rows(tmp_path: Path):
    from pipelines.incremental import BANDS_SCHEMA, BANDS_TABLE, band_keys, band_scheme
    from pipelines.ingest.neardup import NearDuplicates
    from tests.conftest import SEED

    settings = NearDuplicates()
    text = SEED.read_text(encoding="utf-8")
    articles = pl.DataFrame({"article_id": ["a1", "a2"], "text": [text, text[: len(text) // 2]]})
    bands = band_keys(articles, settings, band_scheme(settings))
    assert bands.height > 0
    con = duckdb.connect()
    write_table(con, BANDS_TABLE, bands)
    assert _failed(BANDS_TABLE, _fetched(con, BANDS_TABLE)) == set()
    write_table(con, BANDS_TABLE, pl.DataFrame(schema=BANDS_SCHEMA))
    assert _failed(BANDS_TABLE, _fetched(con, BANDS_TABLE)) == set(), "an empty table (near-duplicates off) passes"

    first = bands.head(1)
    broken = pl.concat([
        bands,
        first,  # the same article and band twice
        first.with_columns(pl.lit(-1, pl.Int64).alias("band"), pl.lit("made-another-way").alias("scheme")),
        first.with_columns(pl.lit(None, pl.String).alias("article_id"), pl.lit(None, pl.UInt64).alias("key")),
    ])
    write_table(con, BANDS_TABLE, broken)
    assert _failed(BANDS_TABLE, _fetched(con, BANDS_TABLE)) == {
        ("ExpectCompoundColumnsToBeUnique", "article_id, band"),
        ("ExpectColumnValuesToBeBetween", "band"),
        ("ExpectColumnUniqueValueCountToBeBetween", "scheme"),
        ("ExpectColumnValuesToNotBeNull", "article_id"),
        ("ExpectColumnValuesToNotBeNull", "key"),
    }
    write_table(con, BANDS_TABLE, bands.with_columns(pl.col("key").cast(pl.String)).drop("scheme"))
    assert _failed(BANDS_TABLE, _fetched(con, BANDS_TABLE)) >= {
        ("ExpectTableColumnsToMatchSet", None), ("ExpectColumnValuesToBeInTypeList", "key"),
    }, "a missing column and a key of another type fail"


def test_sql_model_versions_suite_passes_what_a_build_records_and_fails_broken_rows():
    from pipelines.sqlmodels.run import VERSIONS_TABLE, _record_version

    project = load_project(SQL_DIR)
    incremental = [m for m in project.order() if m.materialization == "incremental"]
    con = duckdb.connect()
    con.execute("create schema staging")
    for model in incremental:
        _record_version(con, model)
    assert _failed(VERSIONS_TABLE, _fetched(con, VERSIONS_TABLE)) == set()

    con.execute(f"insert into {VERSIONS_TABLE} values ('claim verdicts', 'not-a-hash', null)")
    frame = _fetched(con, VERSIONS_TABLE)
    frame = pd.concat([frame, frame.head(1)], ignore_index=True)  # a model twice (the primary key forbids it in DuckDB)
    assert _failed(VERSIONS_TABLE, frame) == {
        ("ExpectColumnValuesToMatchRegex", "model"),
        ("ExpectColumnValuesToMatchRegex", "sql_version"),
        ("ExpectColumnValuesToNotBeNull", "built_at"),
        ("ExpectColumnValuesToBeUnique", "model"),
    }


def test_ingest_errors_suite_fails_broken_rows():
    from pipelines.core import ERROR_SCHEMA

    now = pl.datetime(2025, 4, 28)
    good = pl.DataFrame({"source_path": ["a.txt", "b.jsonl"], "line_no": [None, 2], "reason": ["no text (only whitespace)", "line 2: not valid JSON (x)"],
                         "severity": ["error", "warning"]}).with_columns(now.alias("recorded_at")).select(list(ERROR_SCHEMA)).cast(ERROR_SCHEMA)
    bad = pl.DataFrame({"source_path": [None, "c.csv", "d.txt"], "line_no": [0, 1, None], "reason": ["", "row", None], "severity": ["fatal", None, "error"]}
                       ).with_columns(now.alias("recorded_at")).select(list(ERROR_SCHEMA)).cast(ERROR_SCHEMA)
    con = duckdb.connect()
    write_table(con, "raw.ingest_errors", good)
    assert _failed("raw.ingest_errors", _fetched(con, "raw.ingest_errors")) == set()
    write_table(con, "raw.ingest_errors", pl.concat([good, bad]))
    assert _failed("raw.ingest_errors", _fetched(con, "raw.ingest_errors")) == {
        ("ExpectColumnValuesToNotBeNull", "source_path"),
        ("ExpectColumnValuesToNotBeNull", "reason"),
        ("ExpectColumnValueLengthsToBeBetween", "reason"),
        ("ExpectColumnValuesToNotBeNull", "severity"),
        ("ExpectColumnValuesToBeInSet", "severity"),
        ("ExpectColumnValuesToBeBetween", "line_no"),
    }
    write_table(con, "raw.ingest_errors", good.drop("severity"))
    assert ("ExpectTableColumnsToMatchSet", None) in _failed("raw.ingest_errors", _fetched(con, "raw.ingest_errors")), "a warehouse without the column fails"


def test_bands_suite_is_a_blocking_check_of_the_ingest_asset(tmp_path: Path):
    """raw.article_bands is no asset: its suite runs as a check of raw.articles, whose run writes it,
    and a broken band table blocks what is downstream of raw.articles."""
    from pipelines.defs.quality import CHECKED_WITH

    assert CHECKED_WITH["raw.article_bands"] == "raw.articles"
    db = tmp_path / "w.duckdb"
    resource = WarehouseResource(db_path=str(db), data_dir=str(tmp_path))

    @asset(key=AssetKey(["raw", "articles"]))
    def articles_with_bad_bands(warehouse: WarehouseResource) -> MaterializeResult:
        with warehouse.connect() as con:
            write_table(con, "raw.article_bands", pl.DataFrame({"article_id": ["a", "a"], "band": [0, 0], "key": [1, 2], "scheme": ["s", "s"]},
                                                               schema={"article_id": pl.String, "band": pl.Int64, "key": pl.UInt64, "scheme": pl.String}))
        return MaterializeResult()

    @asset(key=AssetKey(["staging", "after_articles"]), deps=[AssetKey(["raw", "articles"])])
    def downstream() -> None:
        return None

    result = materialize([articles_with_bad_bands, ge_check("raw.article_bands"), downstream], resources={"warehouse": resource}, raise_on_error=False)
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert not evaluations["great_expectations_article_bands"].passed
    materialized = {tuple(m.asset_key.path) for m in result.get_asset_materialization_events() for m in [m.event_specific_data.materialization]}
    assert ("staging", "after_articles") not in materialized


def test_validate_command_runs_the_suites_on_the_published_warehouse(tmp_path: Path):
    import os
    import subprocess
    import sys

    db = tmp_path / "factcheck.duckdb"
    schema = {"article_id": pl.String, "band": pl.Int64, "key": pl.UInt64, "scheme": pl.String}
    con = duckdb.connect(str(db))
    write_table(con, "raw.article_bands", pl.DataFrame({"article_id": ["a", "a"], "band": [0, 1], "key": [7, 8], "scheme": ["s", "s"]}, schema=schema))
    con.close()

    def validate(*args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "FACTCHECK_DB": str(db)}
        return subprocess.run([sys.executable, "-m", "pipelines.cli", "--quiet", "validate", "--format", "json", *args], capture_output=True, text=True, env=env, timeout=300)

    good = validate("--table", "raw.article_bands")
    assert good.returncode == 0, good.stderr
    assert all(json.loads(line)["success"] for line in good.stdout.splitlines())
    con = duckdb.connect(str(db))
    con.execute("insert into raw.article_bands values ('a', 0, 9, 's')")
    con.close()
    bad = validate("--table", "raw.article_bands")
    assert bad.returncode == 1, bad.stderr
    failed = [row for row in map(json.loads, bad.stdout.splitlines()) if not row["success"]]
    assert [(r["expectation"], r["column_name"]) for r in failed] == [("ExpectCompoundColumnsToBeUnique", "article_id, band")]
    missing = validate("--table", "staging.sql_model_versions")
    assert missing.returncode == 1, "a table the warehouse should hold and does not fails its suite"
