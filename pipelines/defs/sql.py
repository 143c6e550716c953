"""Assets and asset checks generated from dbt_like_sql: one asset per model file.

Dependencies come from the SQL itself (sqlglot); each declared test becomes an asset check.
Adding a ``.sql`` file is enough for it to appear in Dagster.
"""


from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    MaterializeResult,
    MetadataValue,
    TableColumn,
    TableSchema,
    asset,
)

from pipelines.defs.common import table_metadata
from pipelines.resources import WarehouseResource
from pipelines.sqlmodels.project import Model, Project
from pipelines.sqlmodels.run import run_model, run_tests

LAYER_GROUPS = {"staging": "extract", "intermediate": "verify", "marts": "marts"}


def _key(table: str) -> AssetKey:
    return AssetKey(table.split("."))


def _lineage(model: Model, project: Project):
    try:
        from pipelines.sqlmodels.lineage import column_lineage
    except ImportError:
        return None
    return column_lineage(model, project)


def model_asset(model: Model, project: Project) -> AssetsDefinition:
    group = LAYER_GROUPS.get(model.schema, model.schema)
    description = model.description + (f"\n\nGrain: {model.grain}." if model.grain else "") + f"\n\nSQL: `{model.path.relative_to(project.root.parent)}`"
    checks = [
        AssetCheckSpec(name=t.label, asset=_key(model.table), blocking=t.severity == "error", description=f"{t.kind} test declared in {model.path.name}")
        for t in model.tests
    ]
    static_meta = {
        "dagster/column_schema": TableSchema(columns=[TableColumn(name=c, description=d) for c, d in model.columns.items()]),
        "materialization": MetadataValue.text(model.materialization),
        "sql_path": MetadataValue.path(str(model.path)),
    }
    if model.owner:
        static_meta["owner"] = MetadataValue.text(model.owner)
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
        tags={f"tag/{t}": "" for t in model.tags} if model.tags else None,
    )
    def _build(context: AssetExecutionContext, warehouse: WarehouseResource):
        with warehouse.connect() as con:
            run_model(con, model)
            results = run_tests(con, model)
            meta = table_metadata(con, model.table)
            if model.table == "marts.claim_verdicts":
                counts = con.execute("select verdict, count(*) from marts.claim_verdicts group by 1 order by 1").fetchall()
                meta.update({f"count_{v}": int(n) for v, n in counts})
        yield MaterializeResult(metadata=meta)
        for result in results:
            yield AssetCheckResult(
                check_name=result.test.label,
                passed=result.passed,
                severity=AssetCheckSeverity.ERROR if result.test.severity == "error" else AssetCheckSeverity.WARN,
                metadata={"failing_rows": result.failing_rows, "query": MetadataValue.md(f"```sql\n{result.query}\n```")},
            )

    return _build


def sql_assets(project: Project) -> list[AssetsDefinition]:
    return [model_asset(m, project) for m in project.order()]
