"""Publish: record the refresh and atomically swap the build file in as the warehouse."""


import datetime as dt
import hashlib

import polars as pl
from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from pipelines.core import sql_project, write_table
from pipelines.defs.common import table_metadata
from pipelines.resources import WarehouseResource
from pipelines.tables import TABLE_DOCS

REFRESH_SCHEMA = {"refresh_id": pl.String, "published_at": pl.Datetime, "count_articles": pl.Int64, "count_claims": pl.Int64, "pack_versions": pl.String}


def published_models() -> list[AssetKey]:
    """Every SQL model no other model reads (the marts, and any other leaf of the graph).

    Publishing depends on all of them, so a refresh is published only once every table it
    builds is done; nothing lands in the build file after the publish and goes unpublished.
    """
    models = sql_project().order()
    read = {dep for model in models for dep in model.depends_on}
    leaves = [m.table for m in models if m.table not in read]
    return [AssetKey(t.split(".")) for t in dict.fromkeys(["marts.claim_verdicts", "marts.article_summary", *leaves])]


def record_refresh(con) -> dict:
    """Upsert this refresh's row; the id is a hash of what it holds, so re-runs add no rows and
    any change to a published claim or article (a verdict, a reason, a title) gives a new id."""
    count_articles = con.execute("select count(*) from raw.articles").fetchone()[0]
    count_claims = con.execute("select count(*) from marts.claim_verdicts").fetchone()[0]
    packs = con.execute("select string_agg(pack_name || ':' || left(content_hash, 12), ',' order by pack_name) from ref.packs").fetchone()[0] or ""
    # Everything a reader or an export sees: every column of the claims and of the articles'
    # metadata (the text is in article_id); not verified_at, which a re-verification moves
    # without changing what is published. Rows are unique, so an xor of row hashes is a digest.
    digest = con.execute(
        "select (select bit_xor(hash(c)) from (select * exclude (verified_at) from marts.claim_verdicts) as c), "
        "(select bit_xor(hash(a)) from (select * exclude (text) from raw.articles) as a)"
    ).fetchone()
    refresh_id = hashlib.sha256(f"{packs}|{count_articles}|{count_claims}|{digest}".encode()).hexdigest()[:16]
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    row = pl.DataFrame([{"refresh_id": refresh_id, "published_at": now, "count_articles": count_articles, "count_claims": count_claims, "pack_versions": packs}], schema=REFRESH_SCHEMA)
    exists = con.execute("select count(*) from information_schema.tables where table_schema = 'quality' and table_name = 'refreshes'").fetchone()[0]
    if not exists:
        write_table(con, "quality.refreshes", row)
    else:
        # Delete then insert in one transaction: a crash in between cannot lose the row.
        con.register("__refresh", row.to_arrow())
        con.begin()
        try:
            con.execute("delete from quality.refreshes where refresh_id = ?", [refresh_id])
            con.execute("insert into quality.refreshes by name select * from __refresh")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        finally:
            con.unregister("__refresh")
    return row.to_dicts()[0]


@asset(
    key=AssetKey(["quality", "refreshes"]),
    deps=published_models(),
    group_name="marts",
    kinds={"duckdb"},
    description=TABLE_DOCS["quality.refreshes"] + " Materializing it publishes the warehouse: readers switch to this refresh at once.",
)
def quality_refreshes(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """Record the refresh, then publish the build file atomically (os.replace)."""
    with warehouse.connect() as con:
        row = record_refresh(con)
        meta = table_metadata(con, "quality.refreshes")
    warehouse.publish()
    context.log.info(f"published refresh {row['refresh_id']} to {warehouse.db_path}")
    return MaterializeResult(metadata={
        **meta,
        "refresh_id": row["refresh_id"],
        "count_articles": row["count_articles"],
        "count_claims": row["count_claims"],
        "warehouse": MetadataValue.path(warehouse.db_path),
    })
