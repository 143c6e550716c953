"""Assets and asset checks generated from dbt_like_sql: one asset per model file.

Dependencies come from the SQL itself (sqlglot); each declared test becomes an asset check;
column-level lineage (sqlglot) and the column schema are attached as metadata. Adding a
``.sql`` file is enough for it to appear in Dagster.

Incremental models rebuild from scratch when the asset's config says ``full_refresh: true``
(launchpad) or the run carries the tag ``factcheck/full_refresh=true`` (whole-run switch).
"""

import json

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    Config,
    MaterializeResult,
    MetadataValue,
    TableColumn,
    TableSchema,
    asset,
)
from pydantic import Field

from pipelines.defs.common import table_metadata
from pipelines.resources import WarehouseResource
from pipelines.sqlmodels.project import Model, Project
from pipelines.sqlmodels.run import build_model, run_tests

LAYER_GROUPS = {"staging": "extract", "intermediate": "verify", "marts": "marts"}
FULL_REFRESH_TAG = "factcheck/full_refresh"


class SqlModelConfig(Config):
    full_refresh: bool = Field(default=False, description="Incremental models only: rebuild the whole table instead of merging new rows.")


def _key(table: str) -> AssetKey:
    return AssetKey(table.split("."))


def _lineage(model: Model, project: Project, con=None):
    try:
        from pipelines.sqlmodels.lineage import column_lineage
    except ImportError:
        return None
    try:
        return column_lineage(model, project, con)
    except Exception:  # lineage is a nicety: it must never break loading or a run
        return None


def _columns(model: Model, project: Project) -> list[str]:
    try:
        from pipelines.sqlmodels.lineage import model_columns

        known = model_columns(model, project) or []
    except Exception:
        known = []
    return known + [c for c in model.columns if c not in known]


def _column_schema(model: Model, columns: list[str], types: dict[str, str] | None = None) -> TableSchema:
    types = types or {}
    return TableSchema(columns=[
        TableColumn(name=c, type=types.get(c, "unknown"), description=model.columns.get(c))
        for c in columns
    ])


def _is_full_refresh(context: AssetExecutionContext, config: SqlModelConfig) -> bool:
    tag = (context.run.tags.get(FULL_REFRESH_TAG) or "").strip().lower()
    return config.full_refresh or tag in ("1", "true", "yes")


def model_asset(model: Model, project: Project) -> AssetsDefinition:
    group = LAYER_GROUPS.get(model.schema, model.schema)
    description = model.description + (f"\n\nGrain: {model.grain}." if model.grain else "") + f"\n\nSQL: `{model.path.relative_to(project.root.parent)}`"
    checks = [
        AssetCheckSpec(
            name=t.label,
            asset=_key(model.table),
            blocking=t.severity == "error",
            description=f"{t.kind} test declared in {model.path.name}" + (f" (line {t.line})" if t.line else ""),
            additional_deps=[_key(t.to)] if t.kind == "relationships" and t.to and t.to != model.table else None,
        )
        for t in model.tests
    ]
    static_meta = {
        "dagster/column_schema": _column_schema(model, _columns(model, project)),
        "materialization": MetadataValue.text(model.materialization),
        "sql_path": MetadataValue.path(str(model.path)),
    }
    if model.unique_key:
        static_meta["unique_key"] = MetadataValue.text(", ".join(model.unique_key))
    if model.owner:
        static_meta["owner"] = MetadataValue.text(str(model.owner))
    if model.meta:
        static_meta["meta"] = MetadataValue.json(json.loads(json.dumps(model.meta, default=str)))
    lineage = _lineage(model, project)
    if lineage is not None:
        static_meta["dagster/column_lineage"] = lineage

    @asset(
        key=_key(model.table),
        deps=[_key(d) for d in model.depends_on],
        group_name=group,
        kinds={"duckdb", "sql"},
        description=description.strip(),
        check_specs=checks,
        metadata=static_meta,
        owners=[str(model.owner)] if model.owner and ("@" in str(model.owner) or str(model.owner).startswith("team:")) else None,
        tags={t: "" for t in model.tags} if model.tags else None,
    )
    def _build(context: AssetExecutionContext, config: SqlModelConfig, warehouse: WarehouseResource):
        with warehouse.connect() as con:
            run = build_model(con, model, full_refresh=_is_full_refresh(context, config))
            results = run_tests(con, model)
            meta = table_metadata(con, model.table)
            meta["mode"] = MetadataValue.text(run.mode)
            if run.rows_processed is not None:
                meta["rows_processed"] = MetadataValue.int(int(run.rows_processed))
            types = {c: t for c, t in con.execute(
                "select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position",
                [model.schema, model.name],
            ).fetchall()}
            meta["dagster/column_schema"] = _column_schema(model, list(types), types)
            built_lineage = _lineage(model, project, con)
            if built_lineage is not None:
                meta["dagster/column_lineage"] = built_lineage
            if model.table == "marts.claim_verdicts":
                counts = con.execute("select verdict, count(*) from marts.claim_verdicts group by 1 order by 1").fetchall()
                meta.update({f"count_{v}": int(n) for v, n in counts})
        yield MaterializeResult(metadata=meta)
        for result in results:
            check_meta = {"failing_rows": result.failing_rows, "query": MetadataValue.md(f"```sql\n{result.query}\n```")}
            if result.error:
                check_meta["error"] = MetadataValue.text(result.error)
            yield AssetCheckResult(
                check_name=result.test.label,
                passed=result.passed,
                severity=AssetCheckSeverity.ERROR if result.test.severity == "error" else AssetCheckSeverity.WARN,
                metadata=check_meta,
            )

    return _build


def sql_assets(project: Project) -> list[AssetsDefinition]:
    return [model_asset(m, project) for m in project.order()]
