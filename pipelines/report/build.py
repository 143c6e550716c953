"""Write the static report of one warehouse: ``index.html``, ``months/<YYYY-MM>.html`` and
``articles/<article>.html``.

A refresh re-renders only what changed. Each article page is a function of the columns in
``ARTICLE_COLUMNS`` and ``CLAIM_COLUMNS`` (and of the rendering code); their digest, computed in
DuckDB, is kept in ``.report-state.parquet`` beside the pages. A page whose digest is unchanged
and whose file is still there is left alone, so a refresh that adds a hundred articles to an
archive of a hundred thousand writes about a hundred pages, their month pages and the index.
The index shows the totals, the chart, the latest articles and one line per month; the month
pages list every article.

Files are written one by one through a temporary name and ``os.replace``, and pages of articles
(and months) no longer in the warehouse are removed, so the folder mirrors one refresh. Only
files this module names are touched: ``--out`` may point at a folder holding other things.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines.export.dataset import CLAIMS_TABLE, Refresh, current_refresh, published_paths
from pipelines.report import render
from pipelines.report.render import VERDICTS, article_filename, month_filename, render_article, render_index, render_month
from pipelines.settings import Settings

Progress = Callable[[str], None]

STATE_FILE = ".report-state.parquet"
MONTHS_FILE = ".report-months.parquet"
MONTHS_SCHEMA = {"month": pl.String, "digest": pl.String}
LATEST = 100
"""How many of the most recent articles the index lists (the month pages list all)."""
CHUNK = 2_000
"""Articles whose text and claims are read from DuckDB at once while rendering."""

ARTICLE_COLUMNS = ("article_id", "source_path", "title", "url", "published_on", "outlet", "language")
CLAIM_COLUMNS = (
    "claim_id", "article_id", "claim_type", "claim_text", "char_start", "char_end", "verdict", "reason",
    "reference_id", "evidence", "evidence_source", "speaker_id", "speaker_text", "speaker_kind", "person_id", "date_value",
)
STATE_SCHEMA = {"article_id": pl.String, "digest": pl.String, "placed": pl.Int64, "unplaced": pl.List(pl.String)}

_ARTICLES_SQL = f"""
with per_article as (
    select
        article_id,
        count(*) as claims,
        {", ".join(f"count(*) filter (where verdict = '{v}') as {v}" for v in VERDICTS)},
        bit_xor(hash({{{", ".join(f"'{c}': {c}" for c in CLAIM_COLUMNS)}}})) as claims_hash
    from {CLAIMS_TABLE}
    group by article_id
)
select
    {", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)},
    coalesce(strftime(a.published_on, '%Y-%m'), 'undated') as month,
    coalesce(p.claims, 0) as claims,
    {", ".join(f"coalesce(p.{v}, 0) as {v}" for v in VERDICTS)},
    hash($render_key, {{{", ".join(f"'{c}': a.{c}" for c in ARTICLE_COLUMNS)}}}, p.claims_hash)::varchar as digest
from raw.articles as a
left join per_article as p using (article_id)
order by a.published_on desc nulls last, a.title, a.article_id
"""


@dataclass
class ReportResult:
    refresh: Refresh
    out_dir: Path
    index_path: Path
    count_articles: int
    count_claims: int
    count_highlighted: int
    unplaced: list[str] = field(default_factory=list)
    pages: dict[str, Path] = field(default_factory=dict)
    count_written: int = 0
    """Article pages rendered by this call (the others were unchanged)."""
    months: dict[str, Path] = field(default_factory=dict)


@dataclass
class ReportPlan:
    """What ``write_report`` will do: every article's row and which pages must be rendered."""

    refresh: Refresh
    out_dir: Path
    articles: pl.DataFrame
    """One row per article: ``ARTICLE_COLUMNS``, month, claim counts by verdict, digest."""
    stale: pl.DataFrame
    """The rows of ``articles`` whose page must be rendered."""
    kept: pl.DataFrame
    """``STATE_SCHEMA`` rows of the pages left as they are."""
    months: pl.DataFrame
    """One row per month, newest first: month, its article, claim and verdict counts, digest, file,
    and whether its page must be rendered (``render``)."""

    @property
    def steps(self) -> int:
        """Progress steps ``write_report`` reports: one per page written, plus the index."""
        return self.stale.height + int(self.months["render"].sum()) + 1


def report_dir(settings: Settings) -> Path:
    """Where ``factcheck report`` and the report asset write by default."""
    return settings.data_dir / "report"


def render_key() -> str:
    """A digest of the rendering code: a change to the page templates re-renders every page."""
    return hashlib.sha256(Path(render.__file__).read_bytes()).hexdigest()[:16]


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _read_frame(path: Path, schema: dict) -> pl.DataFrame:
    """A state file this module wrote, or an empty frame when it is missing, unreadable or of
    another shape (everything is then rendered again)."""
    try:
        frame = pl.read_parquet(path)
        if dict(frame.schema) == schema:
            return frame
    except (OSError, pl.exceptions.PolarsError):
        pass
    return pl.DataFrame(schema=schema)


def _listing(folder: Path) -> pl.Series:
    names = os.listdir(folder) if folder.is_dir() else []
    return pl.Series("file", [n for n in names if n.endswith(".html")], dtype=pl.String)


def _mark_stale(frame: pl.DataFrame, old: pl.DataFrame, key: str, folder: Path) -> pl.DataFrame:
    """``frame`` joined to the state ``old`` (its digest as ``old_digest``) with ``render``: true
    unless the digest is unchanged and the page (column ``file``) is still in ``folder``."""
    unchanged = (pl.col("digest") == pl.col("old_digest")).fill_null(False) & pl.col("file").is_in(_listing(folder).implode())
    return frame.join(old.rename({"digest": "old_digest"}), on=key, how="left").with_columns((~unchanged).alias("render"))


def plan_report(con: duckdb.DuckDBPyConnection, out_dir: Path | str, *, data_dir: Path | str | None = None) -> ReportPlan:
    """Compare the warehouse with the pages already in ``out_dir``: what must be rendered.

    With ``data_dir`` (the desk's data folder) the pages show each file's path relative to it, as
    the exports do; the folder is part of every page's digest, so moving it renders them again."""
    refresh = current_refresh(con)
    out_dir = Path(out_dir)
    key = render_key()
    page_key = key if data_dir is None else f"{key}:{Path(data_dir).resolve()}"
    articles = con.execute(_ARTICLES_SQL, {"render_key": page_key}).pl()
    if data_dir is not None:
        articles = published_paths(articles, data_dir)
    articles = articles.with_columns(
        pl.col("article_id").map_elements(article_filename, return_dtype=pl.String).alias("file")
    )
    joined = _mark_stale(articles, _read_frame(out_dir / STATE_FILE, STATE_SCHEMA), "article_id", out_dir / "articles")
    stale = joined.filter("render").select(articles.columns)
    kept = joined.filter(~pl.col("render")).select(list(STATE_SCHEMA))
    # A month page lists its articles' rows, so it changes when any of their digests does.
    months = (
        articles.group_by("month")
        .agg(
            pl.col("digest").sort().str.join("|").alias("digests"),
            pl.len().alias("articles"), pl.col("claims").sum(), *(pl.col(v).sum() for v in VERDICTS),
        )
        .with_columns(
            pl.col("digests").map_elements(lambda s: hashlib.sha256((key + s).encode()).hexdigest()[:32], return_dtype=pl.String).alias("digest"),
            (pl.col("month").map_elements(month_filename, return_dtype=pl.String)).alias("file"),
        )
        .drop("digests")
    )
    months = _mark_stale(months, _read_frame(out_dir / MONTHS_FILE, MONTHS_SCHEMA), "month", out_dir / "months")
    months = months.drop("old_digest").sort("month", descending=True)
    return ReportPlan(refresh=refresh, out_dir=out_dir, articles=articles, stale=stale, kept=kept, months=months)


def _render_pages(con: duckdb.DuckDBPyConnection, plan: ReportPlan, step: Progress) -> pl.DataFrame:
    """Render the stale article pages, a chunk of articles at a time; their new state rows."""
    pages_dir = plan.out_dir / "articles"
    pages_dir.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    ids = plan.stale["article_id"].to_list()
    refresh = plan.refresh
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        texts = dict(con.execute(
            "select article_id, text from raw.articles where article_id in (select unnest($ids))", {"ids": chunk}
        ).fetchall())
        by_article: dict[str, list[dict]] = {}
        for c in con.execute(
            f"select {', '.join(CLAIM_COLUMNS)} from {CLAIMS_TABLE} where article_id in (select unnest($ids)) "
            "order by article_id, char_start, char_end, claim_type, claim_id",
            {"ids": chunk},
        ).pl().to_dicts():
            by_article.setdefault(c["article_id"], []).append(c)
        for article in plan.stale.slice(start, len(chunk)).to_dicts():
            step(f"article {article['title'] or article['article_id']}"[:80])
            article["text"] = texts.get(article["article_id"], "")
            html, placed, missing = render_article(refresh, article, by_article.get(article["article_id"], []))
            _write(pages_dir / article["file"], html)
            rows.append({"article_id": article["article_id"], "digest": article["digest"], "placed": placed, "unplaced": missing})
    return pl.DataFrame(rows, schema=STATE_SCHEMA)


def _remove_stale(folder: Path, keep: set[str]) -> None:
    if folder.is_dir():
        for name in os.listdir(folder):
            if name.endswith(".html") and name not in keep:
                (folder / name).unlink(missing_ok=True)


def write_report(con: duckdb.DuckDBPyConnection, plan: ReportPlan, *, progress: Progress | None = None) -> ReportResult:
    """Render what ``plan`` found stale, the changed month pages and the index; save the state."""
    step = progress or (lambda _: None)
    out_dir = plan.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    written = _render_pages(con, plan, step)
    state = pl.concat([plan.kept, written])
    _remove_stale(out_dir / "articles", set(plan.articles["file"]))

    months_dir = out_dir / "months"
    months_dir.mkdir(exist_ok=True)
    rows_by_month = plan.articles.partition_by("month", as_dict=True)
    for month in plan.months.filter("render")["month"]:
        step(f"month {month}")
        _write(months_dir / month_filename(month), render_month(plan.refresh, month, rows_by_month[(month,)].to_dicts()))
    _remove_stale(months_dir, set(plan.months["file"]))

    step("writing index.html")
    chart_rows = con.execute(
        f"select language, claim_type, verdict, count(*) as n from {CLAIMS_TABLE} group by all order by all"
    ).pl().to_dicts()
    counts = {v: int(plan.articles[v].sum()) for v in VERDICTS}
    month_rows = plan.months.to_dicts()
    index = out_dir / "index.html"
    _write(index, render_index(plan.refresh, counts, plan.articles.height, plan.articles.head(LATEST).to_dicts(), month_rows, chart_rows))
    # The state goes last: pages written before a crash are only rendered again next time.
    _write_parquet(state, out_dir / STATE_FILE)
    _write_parquet(plan.months.select("month", "digest"), out_dir / MONTHS_FILE)

    return ReportResult(
        refresh=plan.refresh, out_dir=out_dir, index_path=index, count_articles=plan.articles.height,
        count_claims=int(plan.articles["claims"].sum()), count_highlighted=int(state["placed"].sum()),
        unplaced=[c for ids in state["unplaced"].to_list() for c in ids],
        pages={a: out_dir / "articles" / f for a, f in plan.articles.select("article_id", "file").iter_rows()},
        count_written=written.height,
        months={m: months_dir / f for m, f in plan.months.select("month", "file").iter_rows()},
    )


def _write_parquet(frame: pl.DataFrame, path: Path) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    frame.write_parquet(tmp)
    os.replace(tmp, path)


def build_report(
    con: duckdb.DuckDBPyConnection, out_dir: Path | str, *, data_dir: Path | str | None = None, progress: Progress | None = None,
) -> ReportResult:
    """Plan and write the report in one call (the Dagster asset; the CLI plans first for its progress bar)."""
    return write_report(con, plan_report(con, out_dir, data_dir=data_dir), progress=progress)
