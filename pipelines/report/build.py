"""Write the static report of one warehouse: ``index.html`` and ``articles/<article>.html``.

Files are written one by one through a temporary name and ``os.replace``, and pages of
articles no longer in the warehouse are removed, so the folder always mirrors one refresh.
Only files this module names are touched: ``--out`` may point at a folder holding other things.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.export.dataset import Refresh, current_refresh, read_claims
from pipelines.report.render import article_filename, render_article, render_index
from pipelines.settings import Settings

Progress = Callable[[str], None]


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


def report_dir(settings: Settings) -> Path:
    """Where ``factcheck report`` and the report asset write by default."""
    return settings.data_dir / "report"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def count_steps(con: duckdb.DuckDBPyConnection) -> int:
    """Progress steps ``build_report`` will report (one per page, plus reading)."""
    return con.execute("select count(*) from raw.articles").fetchone()[0] + 2


def build_report(con: duckdb.DuckDBPyConnection, out_dir: Path | str, *, progress: Progress | None = None) -> ReportResult:
    step = progress or (lambda _: None)
    refresh = current_refresh(con)
    step("reading the warehouse")
    claims = read_claims(con).to_dicts()
    articles = con.execute(
        "select article_id, source_path, title, text, url, published_on, outlet, language from raw.articles "
        "order by published_on desc nulls last, title, article_id"
    ).pl().to_dicts()
    chart_rows = con.execute(
        "select language, claim_type, verdict, count(*) as n from marts.claim_verdicts group by all order by all"
    ).pl().to_dicts()
    out_dir = Path(out_dir)
    pages_dir = out_dir / "articles"
    pages_dir.mkdir(parents=True, exist_ok=True)
    by_article: dict[str, list[dict]] = {}
    for c in claims:
        by_article.setdefault(c["article_id"], []).append(c)
    pages: dict[str, Path] = {}
    highlighted, unplaced = 0, []
    for article in articles:
        step(f"article {article['title'] or article['article_id']}"[:80])
        html, placed, missing = render_article(refresh, article, by_article.get(article["article_id"], []))
        path = pages_dir / article_filename(article["article_id"])
        _write(path, html)
        pages[article["article_id"]] = path
        highlighted += placed
        unplaced += missing
    for stale in pages_dir.glob("*.html"):
        if stale not in pages.values():
            stale.unlink()
    step("writing index.html")
    index = out_dir / "index.html"
    _write(index, render_index(refresh, articles, claims, chart_rows))
    return ReportResult(
        refresh=refresh, out_dir=out_dir, index_path=index, count_articles=len(articles), count_claims=len(claims),
        count_highlighted=highlighted, unplaced=unplaced, pages=pages,
    )
