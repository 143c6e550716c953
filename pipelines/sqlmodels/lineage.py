"""Column-level lineage of SQL models, computed with sqlglot, as Dagster ``TableColumnLineage``.

The schema sqlglot qualifies a model against comes from, in order of trust:

1. a DuckDB connection, when one is given (``information_schema.columns``: exact);
2. the columns the project knows for its source tables (``load_project(sources={table: cols})``),
   else the frame schemas the Python assets write them with;
3. the upstream models' own output columns, computed the same way in dependency order;
4. for a table still unknown, the columns the SQL itself reads from it (through ``select *``
   import CTEs), so the lineage of every named column is still found.

Nothing here raises: a model whose lineage cannot be computed gets ``None`` (or the columns
that could be traced), and the code location loads regardless.
"""

from __future__ import annotations

import importlib
import logging
from collections import defaultdict

import duckdb
import sqlglot
from dagster import AssetKey, TableColumnDep, TableColumnLineage
from sqlglot import exp
from sqlglot.lineage import lineage as sqlglot_lineage
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import Scope, build_scope
from sqlglot.schema import MappingSchema

from pipelines.sqlmodels.project import Model, Project

log = logging.getLogger(__name__)

Schema = dict[str, dict[str, dict[str, str]]]  # schema -> table -> column -> type
_UNKNOWN_TYPE = "text"


# Where the Python assets keep the frame schema of each table they write. A table missing here
# still gets lineage, inferred from the SQL (step 4 above); listing it makes it exact.
PYTHON_TABLE_SCHEMAS: dict[str, tuple[str, str]] = {
    "raw.articles": ("pipelines.ingest.articles", "ARTICLE_SCHEMA"),
    "raw.article_copies": ("pipelines.ingest.articles", "COPY_SCHEMA"),
    "raw.ingest_errors": ("pipelines.core", "ERROR_SCHEMA"),
    "ref.pack_errors": ("pipelines.core", "PACK_ERROR_SCHEMA"),
    "staging.claims": ("pipelines.extract.claims", "CLAIM_SCHEMA"),
    "staging.quote_matches": ("pipelines.core", "QUOTE_MATCH_SCHEMA"),
    "staging.fact_check_matches": ("pipelines.reference.matching", "FACT_CHECK_MATCH_SCHEMA"),
    "staging.office_title_matches": ("pipelines.reference.matching", "OFFICE_TITLE_MATCH_SCHEMA"),
}
REF_SCHEMAS = ("pipelines.reference.pack", "SCHEMAS")  # ref.<name> for each entry


def _attr(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name, None)
    except Exception:  # a broken import elsewhere must not break lineage
        return None


def python_table_columns() -> dict[str, dict[str, str]]:
    """Columns (and DuckDB types) of the tables the Python assets write, from their frame schemas."""
    frames = {table: _attr(module, attr) for table, (module, attr) in PYTHON_TABLE_SCHEMAS.items()}
    for name, schema in (_attr(*REF_SCHEMAS) or {}).items():
        frames[f"ref.{name}"] = schema
    return {table: {str(c): _duckdb_type(t) for c, t in schema.items()} for table, schema in frames.items() if isinstance(schema, dict)}


def _duckdb_type(dtype) -> str:
    name = str(dtype).split("(")[0].lower()
    return {
        "string": "varchar", "utf8": "varchar", "int64": "bigint", "int32": "integer", "float64": "double",
        "float32": "float", "boolean": "boolean", "date": "date", "datetime": "timestamp",
    }.get(name, _UNKNOWN_TYPE)


def warehouse_columns(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Every table's columns and types as the warehouse has them now."""
    rows = con.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = current_database() order by table_schema, table_name, ordinal_position"
    ).fetchall()
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for schema, table, column, dtype in rows:
        out[f"{schema}.{table}"][column] = dtype.lower()
    return dict(out)


def _nest(flat: dict[str, dict[str, str]]) -> Schema:
    nested: Schema = defaultdict(dict)
    for table, cols in flat.items():
        if cols and "." in table:
            schema, name = table.split(".", 1)
            nested[schema][name] = dict(cols)
    return dict(nested)


def _qualified(model: Model, schema: Schema) -> exp.Query:
    tree = sqlglot.parse_one(model.body, read="duckdb")
    return qualify(tree, schema=schema, dialect="duckdb", validate_qualify_columns=False, expand_alias_refs=True)


def _infer_source_columns(tree: exp.Query, unknown: set[str]) -> dict[str, set[str]]:
    """Columns the SQL reads from each table whose columns are unknown (through star CTEs)."""
    found: dict[str, set[str]] = defaultdict(set)

    def push(source, name: str, depth: int = 0) -> None:
        if depth > 50:
            return
        if isinstance(source, exp.Table):
            table = f"{source.db}.{source.name}"
            if table in unknown:
                found[table].add(name)
        elif isinstance(source, Scope):
            select = source.expression
            if not isinstance(select, exp.Select):
                for branch in getattr(source, "set_operation_scopes", None) or getattr(source, "union_scopes", None) or []:
                    push(branch, name, depth + 1)
                return
            if name in select.named_selects:
                return
            for projection in select.selects:
                if isinstance(projection, exp.Star):
                    for inner in source.selected_sources.values():
                        push(inner[1], name, depth + 1)
                elif isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star):
                    inner = source.selected_sources.get(projection.table)
                    if inner:
                        push(inner[1], name, depth + 1)

    for scope in build_scope(tree).traverse():
        only = next(iter(scope.selected_sources.values()))[1] if len(scope.selected_sources) == 1 else None
        for column in scope.columns:
            if isinstance(column.this, exp.Star):
                continue
            if column.table and column.table in scope.selected_sources:
                push(scope.selected_sources[column.table][1], column.name)
            elif not column.table and only is not None:
                push(only, column.name)
    return found


def _leaf_column(node) -> str:
    try:
        parsed = sqlglot.parse_one(node.name, read="duckdb")
        if isinstance(parsed, exp.Column):
            return parsed.name
    except Exception:
        pass
    return node.name.split(".")[-1].strip('"')


def _trace(tree: exp.Query, schema: Schema, columns: list[str]) -> dict[str, list[TableColumnDep]]:
    scope = build_scope(tree)
    mapping = MappingSchema(schema, dialect="duckdb")  # built once, not once per column
    deps_by_column: dict[str, list[TableColumnDep]] = {}
    for column in columns:
        try:
            # trim_selects=False: the trimmed copies cost more than everything else together.
            node = sqlglot_lineage(column, tree, schema=mapping, dialect="duckdb", scope=scope, trim_selects=False, copy=False)
        except Exception as exc:  # one untraceable column must not lose the others
            log.debug("lineage of %s failed: %s", column, exc)
            continue
        leaves = set()
        for n in node.walk():
            if isinstance(n.expression, exp.Table) and n.expression.db:
                leaves.add((n.expression.db, n.expression.name, _leaf_column(n)))
        if leaves:
            deps_by_column[column] = [TableColumnDep(asset_key=AssetKey([db, name]), column_name=col) for db, name, col in sorted(leaves)]
    return deps_by_column


class _Analysis:
    """Per model: output columns (None when unknown) and the column dependencies."""

    def __init__(self) -> None:
        self.columns: dict[str, list[str] | None] = {}
        self.lineage: dict[str, dict[str, list[TableColumnDep]]] = {}


def _has_star(tree: exp.Query) -> bool:
    return any(isinstance(s, exp.Star) or (isinstance(s, exp.Column) and isinstance(s.this, exp.Star)) for s in tree.selects)


def _analyse(model: Model, schema: Schema, flat: dict[str, dict[str, str]], analysis: _Analysis) -> None:
    tree = _qualified(model, schema)
    # The output columns are known when every star in the final select could be expanded.
    complete = not _has_star(tree)
    unknown = {d for d in model.depends_on if not flat.get(d)}
    if unknown:
        # Best effort from the SQL: the columns it reads from tables nobody described.
        inferred = _infer_source_columns(tree, unknown)
        if inferred:
            schema = _nest({**flat, **{t: {c: _UNKNOWN_TYPE for c in sorted(cols)} for t, cols in inferred.items()}})
            tree = _qualified(model, schema)
    outputs = [c for c in tree.named_selects if c != "*"]
    analysis.columns[model.table] = outputs if complete else None
    flat[model.table] = {c: _UNKNOWN_TYPE for c in outputs} if complete else {}
    analysis.lineage[model.table] = _trace(tree, schema, outputs)


def analyse_project(project: Project) -> _Analysis:
    """Output columns and lineage of every model, without a warehouse (cached on the project)."""
    if "lineage" in project.cache:
        return project.cache["lineage"]
    python = python_table_columns()
    flat: dict[str, dict[str, str]] = {}
    for table, cols in project.sources.items():
        if cols:
            flat[table] = {c: _UNKNOWN_TYPE for c in cols}
        elif python.get(table):
            flat[table] = python[table]
    analysis = _Analysis()
    for model in project.order():
        try:
            _analyse(model, _nest(flat), flat, analysis)
        except Exception as exc:
            log.debug("lineage of %s failed: %s", model.table, exc)
            analysis.columns[model.table] = None
            flat[model.table] = {}
    project.cache["lineage"] = analysis
    return analysis


def analyse_built(model: Model, con: duckdb.DuckDBPyConnection) -> _Analysis:
    """Columns and lineage of one model against the warehouse as it is (upstream tables built)."""
    flat = {t: c for t, c in warehouse_columns(con).items() if t != model.table}
    analysis = _Analysis()
    _analyse(model, _nest(flat), flat, analysis)
    built = warehouse_columns_of(con, model.table)
    if built:
        analysis.columns[model.table] = list(built)
    return analysis


def _analysis(model: Model, project: Project, con: duckdb.DuckDBPyConnection | None) -> _Analysis:
    return analyse_project(project) if con is None else analyse_built(model, con)


def warehouse_columns_of(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    schema, name = table.split(".", 1)
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? and table_catalog = current_database() order by ordinal_position",
        [schema, name],
    ).fetchall()
    return {c: t.lower() for c, t in rows}


def model_columns(model: Model, project: Project, con: duckdb.DuckDBPyConnection | None = None) -> list[str] | None:
    """The model's output columns when they can be known without running it; else None."""
    try:
        return _analysis(model, project, con).columns.get(model.table)
    except Exception as exc:
        log.debug("columns of %s unknown: %s", model.table, exc)
        return None


def column_lineage(model: Model, project: Project, con: duckdb.DuckDBPyConnection | None = None) -> TableColumnLineage | None:
    """``TableColumnLineage`` of the model's output columns, or None when none could be traced."""
    try:
        deps = _analysis(model, project, con).lineage.get(model.table)
        return TableColumnLineage(deps_by_column=deps) if deps else None
    except Exception as exc:
        log.debug("lineage of %s failed: %s", model.table, exc)
        return None
