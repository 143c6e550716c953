"""Execute dbt_like_sql models in DuckDB and evaluate their declared tests."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.sqlmodels.project import Model, Project, Test
from pipelines.warehouse import ensure_schemas, set_comments


def compile_model(model: Model, *, full_refresh: bool = False, exists: bool = False) -> list[str]:
    """The statements that build the model (what ``factcheck sql compile`` prints)."""
    if model.materialization == "view":
        return [f"create or replace view {model.table} as\n{model.body}"]
    if model.materialization == "incremental" and exists and not full_refresh:
        keys = ", ".join(model.unique_key)
        # Merge on the unique key: rows the new batch carries replace their old versions.
        return [
            f"create or replace temp table __incoming as\n{model.body}",
            f"delete from {model.table} where ({keys}) in (select {keys} from __incoming)",
            f"insert into {model.table} by name select * from __incoming",
            "drop table __incoming",
        ]
    return [f"create or replace table {model.table} as\n{model.body}"]


def _exists(con: duckdb.DuckDBPyConnection, model: Model) -> bool:
    return con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [model.schema, model.name],
    ).fetchone()[0] > 0


def _column_docs(con: duckdb.DuckDBPyConnection, model: Model) -> dict[str, str]:
    """Declared column descriptions, else the shared glossary, so every column gets a COMMENT."""
    from pipelines.tables import COLUMN_DOCS

    actual = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position",
        [model.schema, model.name],
    ).fetchall()]
    return {c: model.columns.get(c) or COLUMN_DOCS.get(c) or c.replace("_", " ").capitalize() + "." for c in actual}


def run_model(con: duckdb.DuckDBPyConnection, model: Model, *, full_refresh: bool = False) -> int:
    ensure_schemas(con)
    for statement in compile_model(model, full_refresh=full_refresh, exists=_exists(con, model)):
        con.execute(statement)
    description = model.description + (f" Grain: {model.grain}." if model.grain else "")
    set_comments(con, model.table, description.strip() or model.table, _column_docs(con, model))
    return con.execute(f"select count(*) from {model.table}").fetchone()[0]


@dataclass
class TestResult:
    test: Test
    passed: bool
    failing_rows: int
    query: str


def test_query(model: Model, test: Test) -> str:
    """A query returning the offending rows (none when the test passes)."""
    t = model.table
    if test.kind == "not_null":
        return f"select * from {t} where {test.column} is null"
    if test.kind == "unique":
        return f"select {test.column}, count(*) as count_rows from {t} group by {test.column} having count(*) > 1"
    if test.kind == "accepted_values":
        values = ", ".join("'" + str(v).replace("'", "''") + "'" for v in test.values or [])
        return f"select * from {t} where {test.column} is not null and {test.column} not in ({values})"
    if test.kind == "relationships":
        return f"select child.* from {t} as child left join {test.to} as parent on child.{test.column} = parent.{test.field} where child.{test.column} is not null and parent.{test.field} is null"
    return test.sql or "select 1 where false"


def run_tests(con: duckdb.DuckDBPyConnection, model: Model) -> list[TestResult]:
    results = []
    for test in model.tests:
        query = test_query(model, test)
        count = con.execute(f"select count(*) from ({query}) as offending").fetchone()[0]
        results.append(TestResult(test=test, passed=count == 0, failing_rows=count, query=query))
    return results


def run_project(con: duckdb.DuckDBPyConnection, project: Project, selector: str | None = None, *, full_refresh: bool = False) -> dict[str, int]:
    return {m.table: run_model(con, m, full_refresh=full_refresh) for m in project.select(selector)}
