"""The pipeline's steps as plain functions, shared by the Dagster assets and the CLI.

Each step takes frames (or a DuckDB connection) and returns frames; nothing here knows about
Dagster, so ``factcheck check`` runs exactly the code the assets run.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
from rapidfuzz import fuzz, process

from pipelines.extract.claims import CLAIM_SCHEMA, extract_claims
from pipelines.extract.lexicon import Lexicon, load_lexicons
from pipelines.extract.text import fold_str
from pipelines.ingest.articles import ARTICLE_SCHEMA, COPY_SCHEMA, build_articles
from pipelines.ingest.readers import DEFAULT_MAX_BYTES, read_inputs
from pipelines.reference.pack import SCHEMAS as REF_SCHEMAS
from pipelines.reference.matching import reference_matches
from pipelines.reference.pack import discover_packs, to_tables
from pipelines.settings import SQL_DIR, Settings
from pipelines.sqlmodels.project import Project, load_project
from pipelines.sqlmodels.run import run_project
from pipelines.tables import COLUMN_DOCS, TABLE_DOCS
from pipelines.warehouse import ensure_schemas, set_comments

ERROR_SCHEMA = {"source_path": pl.String, "line_no": pl.Int64, "reason": pl.String, "severity": pl.String, "recorded_at": pl.Datetime}
QUOTE_MATCH_SCHEMA = {"claim_id": pl.String, "rendering_id": pl.String, "statement_id": pl.String, "score": pl.Float64, "passage": pl.String, "source": pl.String}
PACK_ERROR_SCHEMA = {"error": pl.String, "recorded_at": pl.Datetime}
QUOTE_THRESHOLD = 80.0


@dataclass
class Ingested:
    articles: pl.DataFrame
    copies: pl.DataFrame
    errors: pl.DataFrame


def ingest(paths: list, lexicons: dict[str, Lexicon], *, max_bytes: int = DEFAULT_MAX_BYTES, published: dt.date | None = None, near=None) -> Ingested:
    """Read paths or declared sources (``pipelines.ingest.readers.Input``) into the raw frames.

    ``near``: near-duplicate settings (``pipelines.ingest.neardup.NearDuplicates``; default on).
    """
    result = read_inputs(paths, max_bytes=max_bytes)
    articles, copies = build_articles(result.records, lexicons, published_override=published, near=near)
    errors = pl.DataFrame(result.errors, schema=ERROR_SCHEMA) if result.errors else pl.DataFrame(schema=ERROR_SCHEMA)
    return Ingested(articles=articles, copies=copies, errors=errors)


@functools.lru_cache(maxsize=8)
def _validated_packs(reference_dir: str, resolved: str, key: str) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """The ref tables and pack errors of one folder's packs as they hash to ``key``."""
    packs = discover_packs(Path(reference_dir))
    return to_tables(packs.packs), packs.errors


def reference_tables(reference_dir: Path) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """The ref tables and pack errors of the packs in ``reference_dir``, validated once per
    process while the packs and the pack code hash the same (``load_key``, the key a
    warehouse uses to skip loading them again)."""
    from pipelines.reference.snapshot import load_key

    try:
        key = load_key(reference_dir)
    except OSError:  # an unreadable pack file: discover_packs names it
        key = None
    if key is None:
        packs = discover_packs(reference_dir)
        return to_tables(packs.packs), packs.errors
    tables, errors = _validated_packs(str(reference_dir), str(Path(reference_dir).resolve()), key)
    return dict(tables), list(errors)


def load_reference(con: duckdb.DuckDBPyConnection, reference_dir: Path) -> tuple[list[str], bool]:
    """What the reference asset does: validate the packs and write the ref tables (a refused
    pack keeps its last good rows, ``pipelines.reference.snapshot``), in one transaction.

    Returns the pack errors and whether anything was written: when the packs and the loading
    code are what the warehouse last loaded, nothing is, and the recorded errors are returned.
    """
    from pipelines.reference.snapshot import keep_last_good, load_key, loaded_as_on_disk, record_load

    key = load_key(reference_dir)
    if loaded_as_on_disk(con, key, REF_SCHEMAS):
        return [row[0] for row in con.execute("select error from ref.pack_errors").fetchall()], False
    tables, errors = reference_tables(reference_dir)
    tables, kept = keep_last_good(con, reference_dir, tables)
    errors = errors + kept
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    con.begin()
    try:
        for name, frame in tables.items():
            write_table(con, f"ref.{name}", frame)
        write_table(con, "ref.pack_errors", pl.DataFrame({"error": errors, "recorded_at": [now] * len(errors)}, schema=PACK_ERROR_SCHEMA))
        record_load(con, key)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return errors, True


def quote_matches(claims: pl.DataFrame, renderings: pl.DataFrame, *, threshold: float = QUOTE_THRESHOLD) -> pl.DataFrame:
    """Best-aligned stored rendering for every quote claim, per language (rapidfuzz)."""
    quotes = claims.filter(pl.col("claim_type") == "quote")
    rows = []
    for language in quotes["language"].unique().drop_nulls().to_list():
        q = quotes.filter(pl.col("language") == language)
        r = renderings.filter(pl.col("language") == language)
        if q.is_empty() or r.is_empty():
            continue
        q_texts = [fold_str(t) for t in q["claim_text"].to_list()]
        r_texts = [fold_str(t) for t in r["text"].to_list()]
        scores = process.cdist(q_texts, r_texts, scorer=fuzz.partial_ratio, workers=-1)
        for i, claim_id in enumerate(q["claim_id"].to_list()):
            for j in range(len(r_texts)):
                score = float(scores[i][j])
                if score < threshold:
                    continue
                align = fuzz.partial_ratio_alignment(q_texts[i], r_texts[j])
                original = r["text"][j]
                rows.append({
                    "claim_id": claim_id,
                    "rendering_id": r["rendering_id"][j],
                    "statement_id": r["statement_id"][j],
                    "score": round(score, 1),
                    "passage": original[align.dest_start:align.dest_end] if align else None,
                    "source": r["source"][j],
                })
    return pl.DataFrame(rows, schema=QUOTE_MATCH_SCHEMA) if rows else pl.DataFrame(schema=QUOTE_MATCH_SCHEMA)


def write_table(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> int:
    """Replace ``table`` with ``frame`` (idempotent) and attach its COMMENTs."""
    ensure_schemas(con)
    con.register("__frame", frame.to_arrow())
    try:
        con.execute(f"create or replace table {table} as select * from __frame")
    finally:
        con.unregister("__frame")
    set_comments(con, table, TABLE_DOCS.get(table, table), {c: COLUMN_DOCS.get(c, c.replace("_", " ")) for c in frame.columns})
    return frame.height


def link_fact_checks(con: duckdb.DuckDBPyConnection):
    """Bring staging.fact_check_matches up to date: claims not compared with the prior
    fact-checks yet (or all, after a reference change; see ``refresh_claim_links``)."""
    from pipelines.incremental import FACT_CHECK_LOG_TABLE, refresh_claim_links
    from pipelines.reference.matching import FACT_CHECK_MATCH_SCHEMA, fact_check_matches

    fact_checks = con.execute("select * from ref.fact_checks").pl()
    renderings = con.execute("select * from ref.statement_renderings").pl()

    def link(claims: pl.DataFrame) -> pl.DataFrame:
        if fact_checks.is_empty():
            return pl.DataFrame(schema=FACT_CHECK_MATCH_SCHEMA)
        con.register("__linking", claims.select("claim_id").to_arrow())
        try:
            matches = con.execute("select * from staging.quote_matches semi join __linking using (claim_id)").pl()
        finally:
            con.unregister("__linking")
        return fact_check_matches(claims, fact_checks, matches, renderings)

    return refresh_claim_links(
        con, table="staging.fact_check_matches", log_table=FACT_CHECK_LOG_TABLE, schema=FACT_CHECK_MATCH_SCHEMA,
        claims_sql="select claim_id, extracted_at, claim_type, claim_text, sentence_text, language from staging.claims", link=link,
    )


def link_office_titles(con: duckdb.DuckDBPyConnection):
    """Bring staging.office_title_matches up to date: office-holder claims not compared with
    their person's offices yet (or all, after a reference change)."""
    from pipelines.incremental import OFFICE_TITLE_LOG_TABLE, refresh_claim_links
    from pipelines.reference.matching import OFFICE_TITLE_MATCH_SCHEMA, office_title_matches

    ref = {name: con.execute(f"select * from ref.{name}").pl() for name in ("office_holdings", "offices", "office_aliases")}
    return refresh_claim_links(
        con, table="staging.office_title_matches", log_table=OFFICE_TITLE_LOG_TABLE, schema=OFFICE_TITLE_MATCH_SCHEMA,
        claims_sql="select claim_id, extracted_at, claim_type, person_id, published_on, language, title_text from staging.claims where claim_type = 'office_holder'",
        link=lambda claims: office_title_matches(claims, ref),
    )


@functools.lru_cache(maxsize=4)
def _parsed_project(root: str, sources: frozenset[str], files: tuple[tuple[str, bytes], ...]) -> Project:
    """The models of ``root`` as parsed while its model files read ``files``."""
    return load_project(Path(root), sources=set(sources))


def sql_project(extra_sources: set[str] | None = None) -> Project:
    """The SQL models, parsed once per process for as long as the model files read the same
    (every ``check`` and every definitions load asks for them; parsing them is sqlglot work that
    cost ``check`` about as much as reading the reference packs). Callers only read it."""
    sources = set(TABLE_DOCS) | (extra_sources or set())
    root = Path(SQL_DIR)
    files = tuple((str(path), path.read_bytes()) for path in sorted(root.rglob("*.sql")))
    return _parsed_project(str(root), frozenset(sources), files)


def load_warehouse_inputs(con: duckdb.DuckDBPyConnection, ingested: Ingested, ref: dict[str, pl.DataFrame], claims: pl.DataFrame, matches: pl.DataFrame, pack_errors: list[str]) -> None:
    write_table(con, "raw.articles", ingested.articles)
    write_table(con, "raw.ingest_errors", ingested.errors)
    write_table(con, "raw.article_copies", ingested.copies)
    for name, frame in ref.items():
        write_table(con, f"ref.{name}", frame)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    write_table(con, "ref.pack_errors", pl.DataFrame({"error": pack_errors, "recorded_at": [now] * len(pack_errors)}, schema=PACK_ERROR_SCHEMA))
    write_table(con, "staging.claims", claims)
    write_table(con, "staging.quote_matches", matches)


def check(paths: list[Path | str], settings: Settings, *, published: dt.date | None = None) -> tuple[pl.DataFrame, Ingested, list[str]]:
    """What ``factcheck check`` does: the asset code, end to end, in an in-memory DuckDB."""
    lexicons = load_lexicons(settings.lexicon_dir)
    ingested = ingest(paths, lexicons, published=published)
    ref, pack_errors = reference_tables(settings.reference_dir)
    claims = extract_claims(ingested.articles, ref, lexicons)
    matches = quote_matches(claims, ref["statement_renderings"])
    con = duckdb.connect(":memory:")
    try:
        load_warehouse_inputs(con, ingested, ref, claims, matches, pack_errors)
        for table, frame in reference_matches(claims, ref, matches).items():
            write_table(con, table, frame)
        run_project(con, sql_project())
        # In file order: the articles of a JSONL file or feed one after another (by line), then
        # each article's claims by offset.
        verdicts = con.execute(
            "select v.* from marts.claim_verdicts as v left join raw.articles as a using (article_id) "
            "order by v.source_path, a.line_no nulls first, v.char_start, v.claim_type, v.claim_id"
        ).pl()
    finally:
        con.close()
    return verdicts, ingested, pack_errors


__all__ = [
    "ARTICLE_SCHEMA", "CLAIM_SCHEMA", "COPY_SCHEMA", "ERROR_SCHEMA", "REF_SCHEMAS",
    "Ingested", "check", "ingest", "quote_matches", "reference_tables", "sql_project", "write_table",
]
