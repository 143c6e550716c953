"""The dataset card (README.md of an export folder), written from the warehouse itself.

Field descriptions and types come from the DuckDB column comments, so the card says what the
warehouse says; sources, versions and licences come from ref.packs.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.export.claimreview import RATINGS
from pipelines.export.config import PublishConfig
from pipelines.tables import COLUMN_DOCS

VERDICTS = {
    "supported": "a reference row agrees on every checked element.",
    "refuted": "a reference row contradicts an element (wrong date, wrong article number for that content, "
               "office not held on that date, quote by someone else, number off beyond tolerance).",
    "not_enough_evidence": "no reference row covers the claim; it is neither confirmed nor contradicted.",
    "conflicting": "references disagree, or the claim is partly right and partly wrong "
                   "(e.g. right trigger, wrong obligation).",
}

CLAIM_TYPES = {
    "treaty_clause": "what an article of a treaty says (article number and content).",
    "event_date": "when a dated event happened.",
    "quote": "words attributed to a speaker.",
    "office_holder": "a person named with an office, checked against who held it on the article's date.",
    "quantity": "a number (count, amount) against a reference figure.",
}


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def column_docs(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, str]]:
    """(column, DuckDB type, description) in table order; the COMMENT, else the shared docs."""
    schema, name = table.split(".", 1)
    rows = con.execute(
        "select column_name, data_type, comment from duckdb_columns() where schema_name = ? and table_name = ? order by column_index",
        [schema, name],
    ).fetchall()
    out = []
    for column, dtype, comment in rows:
        text = comment or COLUMN_DOCS.get(column)
        if not text and column.startswith("article_"):
            base = COLUMN_DOCS.get(column.removeprefix("article_"))
            text = f"Of the article: {base[0].lower()}{base[1:]}" if base else None
        out.append((column, dtype, text or "(not documented in the warehouse)"))
    return out


def _counts(claims: pl.DataFrame, column: str) -> list[list]:
    if claims.is_empty():
        return []
    frame = claims.group_by(column).len().sort([pl.col("len"), pl.col(column)], descending=[True, False], nulls_last=True)
    return [[r[column] if r[column] is not None else "(unknown)", r["len"]] for r in frame.iter_rows(named=True)]


def dataset_card(con: duckdb.DuckDBPyConnection, refresh, claims: pl.DataFrame, count_reviews: int, config: PublishConfig) -> str:
    packs = con.execute("select pack_name, content_hash, licence, description, loaded_at from ref.packs order by pack_name").fetchall()
    count_articles = con.execute("select count(*) from raw.articles").fetchone()[0]
    table_comment = con.execute(
        "select comment from duckdb_tables() where schema_name = 'marts' and table_name = 'claim_verdicts'"
    ).fetchone()
    sources = (
        claims.filter(pl.col("evidence_source").is_not_null()).group_by("evidence_source").len()
        .sort(["len", "evidence_source"], descending=[True, False])
        if "evidence_source" in claims.columns and not claims.is_empty() else pl.DataFrame()
    )
    by_type_verdict = []
    if not claims.is_empty():
        pivot = claims.group_by(["claim_type", "verdict"]).len()
        for claim_type in sorted(pivot["claim_type"].unique().to_list()):
            sub = {r["verdict"]: r["len"] for r in pivot.filter(pl.col("claim_type") == claim_type).iter_rows(named=True)}
            by_type_verdict.append([claim_type] + [sub.get(v, 0) for v in VERDICTS])

    parts = [
        "# treaty-factcheck claim dataset",
        "",
        f"Refresh `{refresh.refresh_id}`, published {refresh.published_at:%Y-%m-%d %H:%M} UTC. "
        f"{claims.height} claims from {count_articles} article{'' if count_articles == 1 else 's'}; {count_reviews} of them are rated in `claimreviews.jsonl`.",
        "",
        (table_comment[0] if table_comment and table_comment[0] else "One row per claim found in an article, with its verdict."),
        "",
        "## Files",
        "",
        _table(["file", "what it holds"], [
            ["claims.parquet", "one row per claim (the table below; typed)"],
            ["claims.jsonl", "the same rows, one JSON object per line (dates as ISO strings)"],
            ["claims.csv", "the same rows as CSV (UTF-8, header row, empty cell = null)"],
            ["claimreviews.jsonl", "one schema.org ClaimReview (JSON-LD) per supported, refuted or conflicting claim"],
            ["manifest.json", "row counts and sha256 of every file"],
        ]),
        "",
        "## Fields",
        "",
        "One row per claim (`claim_id` is unique and stable: the same article and span give the same id). "
        "Types are DuckDB's; Parquet keeps them, JSON and CSV write dates as `YYYY-MM-DD`. "
        "`source_path` is relative to the desk's data folder (`articles/...`); only a file from outside it keeps its absolute path.",
        "",
        _table(["field", "type", "meaning"], [[f"`{c}`", t, d] for c, t, d in column_docs(con, "marts.claim_verdicts")]),
        "",
        "## Labels",
        "",
        "Verdicts follow AVeriTeC's four labels:",
        "",
        *[f"- `{label}`: {text}" for label, text in VERDICTS.items()],
        "",
        "Claim types:",
        "",
        *[f"- `{label}`: {text}" for label, text in CLAIM_TYPES.items()],
        "",
        "In `claimreviews.jsonl` the rating runs from "
        + ", ".join(f"{value} = {name}" for _, (value, name) in sorted(RATINGS.items(), key=lambda kv: kv[1][0]))
        + f". `not_enough_evidence` claims are not rated. Reviews are authored by {config.org_name}; "
        f"each `url` points at the claim in the HTML report under {config.base_url}.",
        "",
        "## Counts",
        "",
        "By language:",
        "",
        _table(["language", "claims"], _counts(claims, "language")),
        "",
        "By claim type:",
        "",
        _table(["claim_type", "claims"], _counts(claims, "claim_type")),
        "",
        "By verdict:",
        "",
        _table(["verdict", "claims"], _counts(claims, "verdict")),
        "",
        "By claim type and verdict:",
        "",
        _table(["claim_type", *VERDICTS], by_type_verdict),
        "",
        "## Sources and versions",
        "",
        "Verdicts are decided against reference packs; a pack's version is the sha256 of its files.",
        "",
        _table(["pack", "version (sha256)", "loaded at (UTC)", "description"],
               [[p[0], f"`{p[1]}`", f"{p[4]:%Y-%m-%d %H:%M}" if p[4] else "", p[3]] for p in packs]),
        "",
    ]
    if sources.height:
        parts += [
            "Reference sources that decided claims in this refresh:",
            "",
            _table(["source", "claims"], [[r["evidence_source"], r["len"]] for r in sources.iter_rows(named=True)]),
            "",
        ]
    parts += [
        "## Licence",
        "",
        "The reference text (`evidence`, `reason`) comes from the packs, under their licences:",
        "",
        *[f"- `{p[0]}`: {p[2] or 'no licence stated'}" for p in packs],
        "",
        "`claim_text`, `sentence_text` and the article fields quote the articles; their copyright stays with "
        "the outlets that published them. Share them as quotations for fact-checking, not as the articles themselves.",
        "",
        "## Loading",
        "",
        "```python",
        "import polars as pl",
        'claims = pl.read_parquet("claims.parquet")',
        "```",
        "",
        "```sql",
        "select verdict, count(*) from 'claims.parquet' group by verdict;  -- DuckDB",
        "```",
        "",
    ]
    return "\n".join(parts)
