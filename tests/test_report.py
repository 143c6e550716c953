"""The static HTML report (issue 8): pure rendering, the CLI, and the seed page in real Chromium.

The module builds one warehouse in tmp_path through ``factcheck refresh`` (the CLI, so the
run goes through the code location users get); the browser test drives Debian's chromium
with the Python playwright package and saves a screenshot in tests/artifacts/.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.report import article_filename, highlight
from pipelines.report.render import Span, render_article, verdict_chart
from pipelines.warehouse import connect
from tests.conftest import PROJECT, copy_data

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
SUPPORTED_BACKGROUND = "rgba(45, 164, 78, 0.18)"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("report") / "data")
    db = data / "warehouse" / "factcheck.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACTCHECK_DATA", str(data))
        mp.setenv("FACTCHECK_DB", str(db))
        mp.delenv("DAGSTER_HOME", raising=False)
        assert main(["--quiet", "refresh", "--json"]) == 0
    return {"data": data, "db": db}


@pytest.fixture
def env(built, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DATA", str(built["data"]))
    monkeypatch.setenv("FACTCHECK_DB", str(built["db"]))
    return built


def _query(db: Path, sql: str, params=None) -> list[tuple]:
    con = connect(db, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def report(built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report-out")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACTCHECK_DATA", str(built["data"]))
        mp.setenv("FACTCHECK_DB", str(built["db"]))
        assert main(["--quiet", "report", "--out", str(out)]) == 0
    return out


# --------------------------------------------------------------------------- pure rendering

class _Marks(HTMLParser):
    """Rebuilds the plain text and the text under each claim id from highlighted HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []
        self.by_claim: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.open.append(dict(attrs)["data-claim-id"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        self.text.append(data)
        for claim_id in self.open:
            self.by_claim[claim_id] = self.by_claim.get(claim_id, "") + data


def test_highlight_escapes_and_nests_spans():
    text = 'A <b>&"quote"</b> — Ünïcode 𝔘 and\nmore <script>alert(1)</script> text'
    outer = Span("outer", 0, 17, "supported", "quote")
    inner = Span("inner", 2, 5, "refuted", "event_date")
    cross_a = Span("cross-a", 30, 45, "conflicting", "quantity")
    cross_b = Span("cross-b", 40, 55, "not_enough_evidence", "office_holder")
    rendered = highlight(text, [outer, inner, cross_a, cross_b])
    assert "<script>" not in rendered and "<b>" not in rendered and "&lt;b&gt;" in rendered
    parser = _Marks()
    parser.feed(rendered)
    assert "".join(parser.text) == text, "the highlighted HTML reads back as the exact text"
    for span in (outer, inner, cross_a, cross_b):
        assert parser.by_claim[span.claim_id] == text[span.start:span.end], span.claim_id
    assert rendered.count("<mark") == rendered.count("</mark>")
    assert 'data-claim-id="cross-b" data-verdict="not_enough_evidence" data-claim-type="office_holder"' in rendered
    assert 'data-part="continued"' in rendered, "crossing spans are split, not mis-nested"


def test_article_page_lists_claims_whose_offsets_do_not_fit():
    article = {"article_id": "a1", "source_path": "/x/a.txt", "title": "T <i>", "text": "Hello world", "url": "https://e.example/?a=1&b=2",
               "published_on": None, "outlet": None, "language": "en"}
    claims = [
        {"claim_id": "ok", "claim_type": "quote", "claim_text": "world", "char_start": 6, "char_end": 11, "verdict": "refuted", "reason": "r"},
        {"claim_id": "bad", "claim_type": "quote", "claim_text": "nope", "char_start": 0, "char_end": 4, "verdict": "supported", "reason": "r"},
    ]

    class R:
        refresh_id = "r1"

    page, placed, unplaced = render_article(R(), article, claims)
    assert (placed, unplaced) == (1, ["bad"])
    assert 'id="claim-bad"' in page and "not highlighted" in page
    assert "T &lt;i&gt;" in page and "?a=1&amp;b=2" in page
    assert page.count('<mark class="claim') == 1
    # Only web addresses become links: a feed's javascript: URL is shown as text, never as a link.
    for url in ("javascript:alert(document.cookie)", "file:///etc/passwd", "data:text/html,<b>x</b>"):
        page, _, _ = render_article(R(), {**article, "url": url}, claims)
        assert "href=\"javascript" not in page.lower() and "href=\"file" not in page and "href=\"data" not in page
        assert html.escape(url) in page


def test_chart_has_one_segment_per_language_type_and_verdict():
    rows = [
        {"language": "es", "claim_type": "quote", "verdict": "supported", "n": 5},
        {"language": "es", "claim_type": "quote", "verdict": "refuted", "n": 2},
        {"language": "en", "claim_type": "event_date", "verdict": "conflicting", "n": 1},
    ]
    svg = verdict_chart(rows)
    segments = re.findall(r'<rect class="bar"[^>]*>', svg)
    assert len(segments) == 3
    assert 'data-verdict="refuted" data-claim-type="quote" data-language="es" data-count="2"' in svg
    assert "language: en" in svg and "language: es" in svg
    assert verdict_chart([]).startswith("<svg")


# --------------------------------------------------------------------------- the CLI's report

def test_report_has_an_index_and_a_page_per_article(built, report):
    articles = _query(built["db"], "select article_id from raw.articles")
    claims = _query(built["db"], "select claim_id, verdict, claim_type from marts.claim_verdicts")
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "<svg" in index and 'class="bar"' in index
    for (article_id,) in articles:
        assert f'href="articles/{article_filename(article_id)}"' in index
        assert (report / "articles" / article_filename(article_id)).is_file()
    pages = "".join(p.read_text(encoding="utf-8") for p in (report / "articles").glob("*.html"))
    for claim_id, verdict, claim_type in claims:
        assert f'data-claim-id="{claim_id}" data-verdict="{verdict}" data-claim-type="{claim_type}"' in pages


def test_pages_show_paths_relative_to_the_data_folder(built, report):
    """Like the exports, the report does not show where the desk keeps its files."""
    data = str(built["data"].resolve())
    pages = [p.read_text(encoding="utf-8") for p in (report / "articles").glob("*.html")]
    assert pages and not any(data in page for page in pages)
    assert any("<code>articles/sputnik-es-2025-04-28.txt</code>" in page for page in pages)
    assert data not in (report / "index.html").read_text(encoding="utf-8")


def test_moving_the_data_folder_renders_the_pages_again(archive, tmp_path):
    from pipelines.report import build_report

    out = tmp_path / "report"
    con = connect(archive, read_only=True)
    try:
        first = build_report(con, out, data_dir=tmp_path)
        same = build_report(con, out, data_dir=tmp_path)
        moved = build_report(con, out, data_dir=tmp_path / "elsewhere")
    finally:
        con.close()
    assert first.count_written == moved.count_written == first.count_articles > 0
    assert same.count_written == 0


@pytest.fixture
def archive(built, tmp_path) -> Path:
    """A writable copy of the built warehouse with its articles and claims copied under other ids
    into other months (one copy without a date), so the report has months and more articles."""
    import shutil

    db = tmp_path / "archive.duckdb"
    shutil.copy(built["db"], db)
    con = connect(db)
    try:
        for n, shift in enumerate([40, 80, 400, None], start=1):
            published = "null" if shift is None else f"published_on + interval {shift} day"
            con.execute(f"insert into raw.articles select * replace (article_id || '-{n}' as article_id, "
                        f"{published} as published_on, title || ' {n}' as title) from raw.articles where not contains(article_id, '-')")
            con.execute(f"insert into marts.claim_verdicts select * replace (claim_id || '-{n}' as claim_id, "
                        f"article_id || '-{n}' as article_id) from marts.claim_verdicts where not contains(claim_id, '-')")
    finally:
        con.close()
    return db


def test_month_pages_list_every_article_and_the_index_only_the_latest(archive, tmp_path, monkeypatch):
    import pipelines.report.build as report_build

    articles = _query(archive, "select article_id, coalesce(strftime(published_on, '%Y-%m'), 'undated') from raw.articles")
    assert len(articles) > 3 and len({m for _, m in articles}) > 3
    monkeypatch.setattr(report_build, "LATEST", 2)
    con = connect(archive, read_only=True)
    try:
        result = report_build.build_report(con, tmp_path / "report")
    finally:
        con.close()
    index = result.index_path.read_text(encoding="utf-8")
    assert index.count('href="articles/') == 2 and f"Latest 2 of {len(articles)} articles" in index
    assert set(result.months) == {m for _, m in articles} and "no publication date" in index
    for path in result.months.values():
        assert f'href="months/{path.name}"' in index and path.is_file()
    for article_id, month in articles:
        assert f'href="../articles/{article_filename(article_id)}"' in result.months[month].read_text(encoding="utf-8")
        page = (tmp_path / "report" / "articles" / article_filename(article_id)).read_text(encoding="utf-8")
        assert f'href="../months/{result.months[month].name}"' in page


def test_a_second_report_renders_only_the_pages_whose_claims_or_article_changed(archive, tmp_path):
    from pipelines.report import build_report

    out = tmp_path / "report"
    con = connect(archive)
    try:
        first = build_report(con, out)
        assert first.count_written == first.count_articles > 3
        months_written = {p: p.stat().st_mtime_ns for p in first.months.values()}
        again = build_report(con, out)
        assert again.count_written == 0 and again.count_highlighted == first.count_highlighted
        assert again.count_claims == first.count_claims and again.unplaced == first.unplaced
        assert {p: p.stat().st_mtime_ns for p in again.months.values()} == months_written, "no month page rewritten"

        claim_id, article_id = con.execute(
            "select claim_id, article_id from marts.claim_verdicts order by claim_id limit 1").fetchone()
        con.execute("update marts.claim_verdicts set reason = 'a new reason <b>' where claim_id = ?", [claim_id])
        gone = con.execute("select article_id from raw.articles where article_id <> ? order by article_id limit 1", [article_id]).fetchone()[0]
        con.execute("delete from marts.claim_verdicts where article_id = ?", [gone])
        con.execute("delete from raw.articles where article_id = ?", [gone])
        page = out / "articles" / article_filename(article_id)
        third = build_report(con, out)
    finally:
        con.close()
    assert third.count_written == 1 and third.count_articles == first.count_articles - 1
    assert "a new reason &lt;b&gt;" in page.read_text(encoding="utf-8")
    assert not (out / "articles" / article_filename(gone)).exists()
    assert third.count_claims == _query(archive, "select count(*) from marts.claim_verdicts")[0][0] < first.count_claims
    # A page removed by hand is written again even though its digest did not change.
    page.unlink()
    con = connect(archive, read_only=True)
    try:
        fourth = build_report(con, out)
    finally:
        con.close()
    assert fourth.count_written == 1 and page.is_file()


def test_report_needs_no_network(report):
    for page in [report / "index.html", *(report / "articles").glob("*.html"), *(report / "months").glob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in text and "default-src 'none'" in text
        assert not re.search(r"<(script|img|iframe|link)[^>]*\s(src|href)=", text), page
        assert "@import" not in text and "url(" not in text


def test_report_cli_default_folder_and_progress(env, capsys):
    assert main(["report"]) == 0
    captured = capsys.readouterr()
    assert Path(captured.out.strip()) == env["data"] / "report" / "index.html"
    assert "report of refresh" in captured.err
    assert main(["--quiet", "report"]) == 0
    assert capsys.readouterr().err == ""


def test_report_cli_removes_pages_of_vanished_articles(env, tmp_path, capsys):
    stale = tmp_path / "articles" / "gone.html"
    stale.parent.mkdir()
    stale.write_text("old", encoding="utf-8")
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    assert main(["--quiet", "report", "--out", str(tmp_path)]) == 0
    assert not stale.exists() and keep.read_text(encoding="utf-8") == "mine"


def test_report_cli_error_is_one_line(env, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "none.duckdb"))
    assert main(["report"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("factcheck: no warehouse") and "Traceback" not in err


def test_refresh_writes_the_report_asset(built):
    assert (built["data"] / "report" / "index.html").is_file()
    refresh_id = _query(built["db"], "select refresh_id from quality.refreshes order by published_at desc limit 1")[0][0]
    assert (built["data"] / "exports" / refresh_id / "claimreviews.jsonl").is_file()


# --------------------------------------------------------------------------- real browser

@pytest.mark.slow
def test_seed_page_in_headless_chromium(built, report):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it")
    from playwright.sync_api import expect, sync_playwright

    article_id, text = _query(built["db"], "select article_id, text from raw.articles where source_path like ?", ["%sputnik-es-2025-04-28.txt"])[0]
    clause = _query(built["db"], "select claim_id, claim_text, char_start, char_end from marts.claim_verdicts "
                    "where article_id = ? and claim_type = 'treaty_clause' and claim_text like ?", [article_id, "%artículo 4%"])
    assert clause, "the seed's Article 4 sentence is a claim"
    claim_id, claim_text, start, end = clause[0]
    page_path = report / "articles" / article_filename(article_id)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

            page.goto(page_path.as_uri())
            marks = page.locator("mark[data-claim-id]")
            assert marks.count() == len(_query(built["db"], "select 1 from marts.claim_verdicts where article_id = ?", [article_id]))
            mark = page.locator(f'mark[data-claim-id="{claim_id}"]')
            assert mark.count() == 1
            mark.scroll_into_view_if_needed()
            assert mark.is_visible()
            assert mark.get_attribute("data-verdict") == "supported"
            assert mark.get_attribute("data-claim-type") == "treaty_clause"
            shown = mark.inner_text()
            assert "artículo 4" in shown and " ".join(shown.split()) == " ".join(text[start:end].split()) == " ".join(claim_text.split())
            assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == SUPPORTED_BACKGROUND
            assert "Supported" in (mark.get_attribute("title") or "")

            mark.click()
            card = page.locator(f'article.card[data-claim-id="{claim_id}"]')
            assert "active" in (card.get_attribute("class") or "")
            expect(card).to_be_in_viewport()  # the click scrolled the card list to it
            assert "treaty:dprk_russia_2024:art4" in card.inner_text()
            page.screenshot(path=str(ARTIFACTS / "report-seed-article.png"))

            page.goto((report / "index.html").as_uri())
            assert page.locator("svg rect.bar[data-verdict='supported']").count() >= 4
            page.screenshot(path=str(ARTIFACTS / "report-index.png"), full_page=True)
        finally:
            browser.close()
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), [u for u in requests if not u.startswith("file:")]
    assert errors == []
    assert (ARTIFACTS / "report-seed-article.png").stat().st_size > 10_000
