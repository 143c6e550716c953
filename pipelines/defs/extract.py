"""Extract group: claims from articles (pure Polars extractors) and quote matching."""


from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from pipelines.core import quote_matches, write_table
from pipelines.defs.common import table_metadata
from pipelines.extract.claims import extract_claims
from pipelines.extract.lexicon import load_lexicons
from pipelines.reference.pack import SCHEMAS
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS


def _ref_frames(con) -> dict:
    return {name: con.execute(f"select * from ref.{name}").pl() for name in SCHEMAS}


@asset(
    key=AssetKey(["staging", "claims"]),
    deps=[AssetKey(["raw", "articles"])] + [AssetKey(["ref", n]) for n in ("entities", "entity_aliases", "office_aliases", "treaty_names", "clause_elements")],
    group_name="extract",
    kinds={"duckdb", "polars"},
    description=TABLE_DOCS["staging.claims"],
)
def staging_claims(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """One row per checkable claim, extracted from raw.articles with the pack's aliases."""
    with warehouse.connect() as con:
        articles = con.execute("select * from raw.articles").pl()
        claims = extract_claims(articles, _ref_frames(con), load_lexicons(warehouse.settings.lexicon_dir))
        write_table(con, "staging.claims", claims)
        counts = claims.group_by("claim_type").len().sort("claim_type")
        meta = table_metadata(con, "staging.claims")
    meta.update({f"count_{r['claim_type']}": int(r["len"]) for r in counts.iter_rows(named=True)})
    return MaterializeResult(metadata=meta)


@asset(
    key=AssetKey(["staging", "quote_matches"]),
    deps=[AssetKey(["staging", "claims"]), AssetKey(["ref", "statement_renderings"])],
    group_name="extract",
    kinds={"duckdb", "python"},
    description=TABLE_DOCS["staging.quote_matches"],
)
def staging_quote_matches(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """Fuzzy alignment (rapidfuzz) of each quote claim with the stored statement renderings."""
    with warehouse.connect() as con:
        claims = con.execute("select claim_id, claim_type, claim_text, language from staging.claims where claim_type = 'quote'").pl()
        renderings = con.execute("select * from ref.statement_renderings").pl()
        write_table(con, "staging.quote_matches", quote_matches(claims, renderings))
        return MaterializeResult(metadata=table_metadata(con, "staging.quote_matches"))
