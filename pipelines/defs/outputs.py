"""Publish group: what people take away from a refresh - the dataset export and the HTML report.

Neither is a DuckDB table: both are folders of files written from the refresh that
quality/refreshes has just published. They read the build file through the warehouse resource
(after publishing it holds exactly the published refresh) and never write to the warehouse.
"""

import polars as pl
from dagster import AssetExecutionContext, AssetKey, AssetsDefinition, Config, MaterializeResult, MetadataValue, asset

from pipelines.export import LATEST, PublishConfig, export_dataset, keep_exports
from pipelines.report import build_report, report_dir
from pipelines.resources import WarehouseResource
from pipelines.settings import load_settings

PUBLISHED = AssetKey(["quality", "refreshes"])
VERDICTS = AssetKey(["marts", "claim_verdicts"])


def link_report(assets: list) -> list:
    """Give the verdicts asset a ``report`` path (where the report asset writes its index)."""
    path = MetadataValue.path(str(report_dir(load_settings()) / "index.html"))

    def add(spec):
        return spec.merge_attributes(metadata={"report": path}) if spec.key == VERDICTS else spec

    return [a.map_asset_specs(add) if isinstance(a, AssetsDefinition) and VERDICTS in a.keys else a for a in assets]


def frame_preview(frame: pl.DataFrame, columns: list[str], rows: int = 5) -> str:
    """Markdown of the first rows (long text cut short), like the table assets' previews."""
    if frame.is_empty():
        return "(no rows)"
    short = frame.head(rows).select([c for c in columns if c in frame.columns])
    short = short.with_columns([pl.col(c).cast(pl.String).str.slice(0, 60) for c in short.columns])
    return short.to_pandas().to_markdown(index=False)


class ExportConfig(Config):
    """ClaimReview settings; unset fields come from FACTCHECK_ORG_NAME / _ORG_URL / _BASE_URL."""

    org_name: str | None = None
    org_url: str | None = None
    base_url: str | None = None


@asset(
    key=AssetKey(["exports", "claim_dataset"]),
    deps=[PUBLISHED],
    group_name="publish",
    kinds={"parquet", "json"},
    description=(
        "Files, not a DuckDB table: the published claim dataset in data/exports/<refresh-id>/ - "
        "claims.parquet, claims.jsonl and claims.csv (one row per claim, from marts.claim_verdicts), "
        "claimreviews.jsonl (one schema.org ClaimReview per supported, refuted or conflicting claim), "
        "README.md (the dataset card) and manifest.json (row counts and sha256 of each file). exports/latest links "
        "to the newest folder; only the newest FACTCHECK_KEEP_EXPORTS folders (default 7) are kept."
    ),
)
def exports_claim_dataset(context: AssetExecutionContext, config: ExportConfig, warehouse: WarehouseResource) -> MaterializeResult:
    """Export the refresh just published; the folder is named by refresh id and replaced whole."""
    publish = PublishConfig.from_env(org_name=config.org_name, org_url=config.org_url, base_url=config.base_url)
    keep = keep_exports()
    with warehouse.connect() as con:
        result = export_dataset(con, warehouse.settings.exports_dir, publish, keep=keep, data_dir=warehouse.settings.data_dir)
    files = ["| file | rows | sha256 |", "| --- | --- | --- |"] + [
        f"| {f['name']} | {'' if f['rows'] is None else f['rows']} | `{f['sha256'][:16]}…` |" for f in result.files
    ]
    context.log.info(f"exported refresh {result.refresh.refresh_id} to {result.folder}")
    if result.removed:
        context.log.info(f"removed {len(result.removed)} older export folders (FACTCHECK_KEEP_EXPORTS keeps {keep})")
    return MaterializeResult(metadata={
        "dagster/row_count": MetadataValue.int(result.count_claims),
        "preview": MetadataValue.md(frame_preview(result.claims, ["claim_type", "verdict", "claim_text", "reason"])),
        "refresh_id": MetadataValue.text(result.refresh.refresh_id),
        "count_claimreviews": MetadataValue.int(result.count_claimreviews),
        "folder": MetadataValue.path(str(result.folder)),
        "latest": MetadataValue.path(str(result.folder.parent / LATEST)),
        "count_removed_exports": MetadataValue.int(len(result.removed)),
        "dataset_card": MetadataValue.path(str(result.folder / "README.md")),
        "files": MetadataValue.md("\n".join(files)),
    })


@asset(
    key=AssetKey(["reports", "claim_report"]),
    deps=[PUBLISHED],
    group_name="publish",
    kinds={"html"},
    description=(
        "Files, not a DuckDB table: a static HTML report in data/report/ - index.html (counts and a chart of "
        "verdicts by claim type and language, the latest articles, one line per month), a page per month listing "
        "its articles, and one page per article of raw.articles with each claim of marts.claim_verdicts "
        "highlighted by verdict, with its reason, evidence and source. Only pages whose article or claims changed "
        "are written again. No server or network needed."
    ),
)
def reports_claim_report(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """Render the report of the refresh just published."""
    with warehouse.connect() as con:
        result = build_report(con, report_dir(warehouse.settings), data_dir=warehouse.settings.data_dir)
        articles = con.execute(
            "select coalesce(a.title, a.source_path) as title, a.outlet, a.published_on, count(c.claim_id) as claims "
            "from raw.articles as a left join marts.claim_verdicts as c using (article_id) "
            "group by all order by a.published_on desc nulls last, title"
        ).pl()
    if result.unplaced:
        context.log.warning(f"{len(result.unplaced)} claims not highlighted: their offsets do not match the article text")
    return MaterializeResult(metadata={
        "dagster/row_count": MetadataValue.int(result.count_claims),
        "preview": MetadataValue.md(frame_preview(articles, ["title", "outlet", "published_on", "claims"])),
        "refresh_id": MetadataValue.text(result.refresh.refresh_id),
        "count_articles": MetadataValue.int(result.count_articles),
        "count_highlighted": MetadataValue.int(result.count_highlighted),
        "count_pages_written": MetadataValue.int(result.count_written),
        "count_not_highlighted": MetadataValue.int(len(result.unplaced)),
        "report": MetadataValue.path(str(result.index_path)),
        "report_url": MetadataValue.url(result.index_path.resolve().as_uri()),
    })
