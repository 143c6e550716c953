"""Execute dbt_like_sql models in DuckDB and evaluate their declared tests.

Materializations:

* ``view`` - ``create or replace view``.
* ``table`` - ``create or replace table`` (a rebuild is idempotent).
* ``incremental`` - the first build (and a full refresh) creates the table from the model's
  SQL with ``is_incremental()`` false; later runs render it with ``is_incremental()`` true (so
  it selects only new upstream rows) and merge the result on ``unique_key``: rows whose key is
  already in the table replace it, new keys are inserted. One transaction, so a failure leaves
  the table as it was. With ``delete_missing_from: schema.table`` the merge also deletes the
  rows whose ``unique_key`` is no longer in that table (in the same transaction).

A merge keeps the rows earlier runs wrote, so an incremental model records the version of its
SQL it was built with (``staging.sql_model_versions``): when the model file's SQL or keys change
(an upgrade that fixes a verdict rule), its next run rebuilds it whole instead of merging.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

import duckdb

from pipelines.sqlmodels.macros import macro_statements
from pipelines.sqlmodels.project import Model, Project, Test
from pipelines.warehouse import ensure_schemas, ident, relation_kind, set_comments

INCOMING = "__incoming"
PRESENT = "__present"


class SqlRunError(RuntimeError):
    """A model failed in DuckDB: one line naming the model's file."""


VERSIONS_TABLE = "staging.sql_model_versions"
VERSIONS_DOC = (
    "The SQL each incremental model's rows were built with: one row per model. A merge keeps the rows an "
    "older version of the SQL wrote, so a model whose version differs from this row is rebuilt whole on its next run."
)
VERSIONS_COLUMNS = {
    "model": "The model's table (schema.name).",
    "sql_version": "Hash of what decides the model's rows: its SQL template, materialization, unique_key and delete_missing_from.",
    "built_at": "When the model was last built with this version (UTC).",
}


def model_version(model: Model) -> str:
    """A hash of what decides an incremental model's rows (not its description or tests): its
    SQL, keys, and the definitions of the shared macros it calls."""
    decides = [model.template or model.body, model.materialization, model.unique_key, model.delete_missing_from]
    macros = macro_statements(model.template or model.body)
    if macros:  # appended only when there are some: the other models keep their versions
        decides.append(macros)
    return hashlib.sha256(json.dumps(decides).encode()).hexdigest()[:16]


def built_version(con: duckdb.DuckDBPyConnection, model: Model) -> str | None:
    """The version the model's table was last built with (None: never recorded)."""
    if relation_kind(con, VERSIONS_TABLE) is None:
        return None
    row = con.execute(f"select sql_version from {VERSIONS_TABLE} where model = ?", [model.table]).fetchone()
    return row[0] if row else None


def needs_rebuild(con: duckdb.DuckDBPyConnection, model: Model, *, existing: str | None) -> bool:
    """An incremental model whose table was built by another version of its SQL (or by a run
    from before versions were recorded): merging would keep rows the old SQL wrote."""
    return model.materialization == "incremental" and existing == "table" and built_version(con, model) != model_version(model)


def _record_version(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    created = relation_kind(con, VERSIONS_TABLE) is None
    con.execute(f"create table if not exists {VERSIONS_TABLE} (model varchar primary key, sql_version varchar, built_at timestamp)")
    con.execute(
        f"insert or replace into {VERSIONS_TABLE} values (?, ?, cast(current_timestamp at time zone 'UTC' as timestamp))",
        [model.table, model_version(model)],
    )
    if created:
        set_comments(con, VERSIONS_TABLE, VERSIONS_DOC, VERSIONS_COLUMNS)


def mode_for(model: Model, *, existing: str | None, full_refresh: bool) -> str:
    """How the model will be built: ``view``, ``table``, ``merge`` (incremental run) or
    ``rebuild`` (an incremental model's first build or full refresh)."""
    if model.materialization in ("view", "table"):
        return model.materialization
    return "merge" if existing == "table" and not full_refresh else "rebuild"


def compile_model(model: Model, *, full_refresh: bool = False, existing: str | None = None) -> list[str]:
    """The statements that build the model (what ``factcheck sql compile`` prints).

    ``existing`` is the kind of relation already in the warehouse under the model's name
    (``table``, ``view`` or None).
    """
    mode = mode_for(model, existing=existing, full_refresh=full_refresh)
    # The shared macros the model calls (pipelines.sqlmodels.macros), in this connection only.
    statements: list[str] = [] if mode == "view" else macro_statements(model.template or model.body)
    wanted = "view" if model.materialization == "view" else "table"
    if existing and existing != wanted:
        # The model changed materialization: DuckDB will not replace a table by a view (or back).
        statements.append(f"drop {existing} if exists {model.table}")
    if mode == "view":
        statements.append(f"create or replace view {model.table} as\n{model.body}")
    elif mode == "merge":
        match = " and ".join(f"{model.table}.{ident(k)} = {INCOMING}.{ident(k)}" for k in model.unique_key)
        # Merge on the unique key: rows the new batch carries replace their old versions.
        statements += [
            f"create or replace temp table {INCOMING} as\n{model.render(incremental=True)}",
            f"delete from {model.table} using {INCOMING} where {match}",
            f"insert into {model.table} by name select * from {INCOMING}",
            f"drop table {INCOMING}",
        ]
        if model.delete_missing_from:
            present = " and ".join(f"{PRESENT}.{ident(k)} = {model.table}.{ident(k)}" for k in model.unique_key)
            # Rows whose key went away upstream (a removed article's claims) go too.
            statements.insert(-1, f"delete from {model.table} where not exists (select 1 from {model.delete_missing_from} as {PRESENT} where {present})")
    else:
        statements.append(f"create or replace table {model.table} as\n{model.body}")
    return statements


def _column_docs(con: duckdb.DuckDBPyConnection, model: Model) -> dict[str, str]:
    """Declared column descriptions, else the shared glossary, so every column gets a COMMENT."""
    from pipelines.tables import COLUMN_DOCS

    actual = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position",
        [model.schema, model.name],
    ).fetchall()]
    return {c: model.columns.get(c) or COLUMN_DOCS.get(c) or c.replace("_", " ").capitalize() + "." for c in actual}


@dataclass
class ModelRun:
    model: Model
    mode: str
    rows: int | None
    """Rows in the built table (None for a view)."""
    rows_processed: int | None
    seconds: float


def build_model(con: duckdb.DuckDBPyConnection, model: Model, *, full_refresh: bool = False) -> ModelRun:
    """Build one model (in a transaction), attach its COMMENTs, and report what happened."""
    ensure_schemas(con)
    started = time.perf_counter()
    existing = relation_kind(con, model.table)
    full_refresh = full_refresh or needs_rebuild(con, model, existing=existing)
    mode = mode_for(model, existing=existing, full_refresh=full_refresh)
    processed = None
    con.begin()
    try:
        if model.materialization == "incremental":
            _record_version(con, model)
        for statement in compile_model(model, full_refresh=full_refresh, existing=existing):
            con.execute(statement)
            if statement.startswith(f"create or replace temp table {INCOMING}"):
                processed = con.execute(f"select count(*) from {INCOMING}").fetchone()[0]
        description = model.description + (f" Grain: {model.grain}." if model.grain else "")
        set_comments(con, model.table, description.strip() or model.table, _column_docs(con, model))
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        if isinstance(exc, duckdb.OutOfMemoryException):
            hint = " (raise DuckDB's memory limit: FACTCHECK_DUCKDB_MEMORY, e.g. 2GB)"
        else:
            hint = " (did the model's columns change? rebuild it with --full-refresh)" if mode == "merge" else ""
        raise SqlRunError(f"{model.path}: {model.table} failed in DuckDB: {str(exc).splitlines()[0]}{hint}") from exc
    # A view's count would run the whole view (the verdict union): only tables are counted.
    rows = con.execute(f"select count(*) from {model.table}").fetchone()[0] if mode != "view" else None
    return ModelRun(model=model, mode=mode, rows=rows, rows_processed=processed, seconds=time.perf_counter() - started)


def run_model(con: duckdb.DuckDBPyConnection, model: Model, *, full_refresh: bool = False) -> int | None:
    """Build one model; returns its row count (None for a view)."""
    return build_model(con, model, full_refresh=full_refresh).rows


@dataclass
class TestResult:
    test: Test
    passed: bool
    failing_rows: int
    query: str
    error: str | None = None


def test_sql(model: Model, test: Test) -> tuple[str, list]:
    """A query returning the offending rows (none when the test passes), and its parameters."""
    t = model.table
    col = ident(test.column) if test.column else None
    if test.kind == "not_null":
        return f"select * from {t} where {col} is null", []
    if test.kind == "unique":
        return f"select {col}, count(*) as count_rows from {t} where {col} is not null group by {col} having count(*) > 1", []
    if test.kind == "accepted_values":
        values = list(test.values or [])
        marks = ", ".join("?" for _ in values)
        return f"select * from {t} where {col} is not null and {col}::varchar not in ({marks})", [str(v) for v in values]
    if test.kind == "relationships":
        field = ident(test.field or test.column)
        return (
            f"select child.* from {t} as child left join {test.to} as parent on child.{col} = parent.{field} "
            f"where child.{col} is not null and parent.{field} is null"
        ), []
    return test.sql or "select 1 where false", []


def test_query(model: Model, test: Test) -> str:
    """The test's query as text, values inlined (for display only; runs bind them)."""
    sql, params = test_sql(model, test)
    for value in params:
        sql = sql.replace("?", "'" + str(value).replace("'", "''") + "'", 1)
    return sql


def run_tests(con: duckdb.DuckDBPyConnection, model: Model) -> list[TestResult]:
    results = []
    for test in model.tests:
        sql, params = test_sql(model, test)
        try:
            count = con.execute(f"select count(*) from ({sql}) as offending", params).fetchone()[0]
            results.append(TestResult(test=test, passed=count == 0, failing_rows=count, query=test_query(model, test)))
        except duckdb.Error as exc:
            # A test that cannot run (wrong column name, ...) fails, with DuckDB's reason.
            results.append(TestResult(test=test, passed=False, failing_rows=-1, query=test_query(model, test), error=str(exc).splitlines()[0]))
    return results


def run_project(con: duckdb.DuckDBPyConnection, project: Project, selector: str | None = None, *, full_refresh: bool = False) -> dict[str, int | None]:
    return {m.table: run_model(con, m, full_refresh=full_refresh) for m in project.select(selector)}
