"""Reference links computed in Python (rapidfuzz): prior fact-checks and office title wordings.

Thin wrappers around ``pipelines.core.link_fact_checks`` and ``link_office_titles``. Both are
incremental (``pipelines.incremental.refresh_claim_links``): only claims not linked yet are
compared, and a change to any reference pack relinks every claim."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from pipelines.core import link_fact_checks, link_office_titles
from pipelines.defs.common import table_metadata
from pipelines.reference.pack import SCHEMAS
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS


@asset(
    key=AssetKey(["staging", "fact_check_matches"]),
    deps=[AssetKey(["staging", "claims"]), AssetKey(["staging", "quote_matches"]), AssetKey(["ref", "fact_checks"]), AssetKey(["ref", "statement_renderings"])],
    group_name="extract",
    kinds={"duckdb", "python"},
    description=TABLE_DOCS["staging.fact_check_matches"],
)
def staging_fact_check_matches(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """Claims that repeat a prior fact-check (same language text, or a stored statement they quote)."""
    with warehouse.connect() as con:
        delta = link_fact_checks(con)
        meta = table_metadata(con, "staging.fact_check_matches")
    meta.update({"claims_linked": delta.claims_linked, "rows_added": delta.rows_added, "rows_removed": delta.rows_removed, "full_build": delta.full})
    return MaterializeResult(metadata=meta)


@asset(
    key=AssetKey(["staging", "office_title_matches"]),
    deps=[AssetKey(["staging", "claims"]), AssetKey(["ref", "office_holdings"]), AssetKey(["ref", "offices"]), AssetKey(["ref", "office_aliases"])],
    group_name="extract",
    kinds={"duckdb", "python"},
    description=TABLE_DOCS["staging.office_title_matches"],
)
def staging_office_title_matches(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """Offices a person held on the article's date whose wording fits the claim's title."""
    with warehouse.connect() as con:
        delta = link_office_titles(con)
        meta = table_metadata(con, "staging.office_title_matches")
    meta.update({"claims_linked": delta.claims_linked, "rows_added": delta.rows_added, "rows_removed": delta.rows_removed, "full_build": delta.full})
    return MaterializeResult(metadata=meta)


assert {"fact_checks", "statement_renderings", "office_holdings", "offices", "office_aliases"} <= set(SCHEMAS)
