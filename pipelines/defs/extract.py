"""Extract group: claims from articles (pure Polars extractors) and quote matching."""


from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from pipelines.defs.common import table_metadata
from pipelines.incremental import refresh_claims, refresh_quote_matches
from pipelines.extract.lexicon import load_lexicons
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS


@asset(
    key=AssetKey(["staging", "claims"]),
    deps=[AssetKey(["raw", "articles"])] + [AssetKey(["ref", n]) for n in ("entities", "entity_aliases", "office_aliases", "treaty_names", "clause_elements")],
    group_name="extract",
    kinds={"duckdb", "polars"},
    description=TABLE_DOCS["staging.claims"],
)
def staging_claims(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """One row per checkable claim, extracted from raw.articles with the pack's aliases.

    Incremental (pipelines/incremental.py): only articles not yet processed under the current
    extractor key (code, lexicons, packs; staging.claim_extractions) are extracted; their
    claims are appended with ``extracted_at`` = this run, claims of removed articles deleted.
    """
    with warehouse.connect() as con:
        delta = refresh_claims(con, load_lexicons(warehouse.settings.lexicon_dir), warehouse.settings.lexicon_dir)
        counts = con.execute("select claim_type, count(*) from staging.claims group by 1 order by 1").fetchall()
        meta = table_metadata(con, "staging.claims")
    meta.update({f"count_{claim_type}": int(n) for claim_type, n in counts})
    meta.update({"articles_extracted": delta.articles_extracted, "articles_removed": delta.articles_removed, "claims_added": delta.claims_added, "claims_removed": delta.claims_removed, "full_build": delta.full})
    return MaterializeResult(metadata=meta)


@asset(
    key=AssetKey(["staging", "quote_matches"]),
    deps=[AssetKey(["staging", "claims"]), AssetKey(["ref", "statement_renderings"])],
    group_name="extract",
    kinds={"duckdb", "python"},
    description=TABLE_DOCS["staging.quote_matches"],
)
def staging_quote_matches(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """Fuzzy alignment (rapidfuzz) of each quote claim with the stored statement renderings.

    Incremental: only quote claims not aligned yet under the current renderings
    (staging.quote_match_log); matches of claims that went away are deleted.
    """
    with warehouse.connect() as con:
        delta = refresh_quote_matches(con)
        meta = table_metadata(con, "staging.quote_matches")
    meta.update({"claims_aligned": delta.claims_linked, "matches_added": delta.rows_added, "matches_removed": delta.rows_removed, "full_build": delta.full})
    return MaterializeResult(metadata=meta)
