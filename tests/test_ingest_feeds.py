"""Issue 9: feeds (RSS 0.91/1.0/2.0, Atom) in several languages, saved web pages, and the same
wire story arriving three ways. Fixtures live in tests/fixtures/ingest/ (no network)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from pipelines.core import ingest
from pipelines.defs.extract import staging_claims
from pipelines.defs.ingest import raw_articles
from pipelines.defs.reference import reference_packs
from pipelines.defs.sources import raw_feed_fetches
from pipelines.extract.lexicon import load_lexicons
from pipelines.ingest.readers import read_file, read_inputs
from pipelines.resources import WarehouseResource
from pipelines.warehouse import build_path_for

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures" / "ingest"
LEXICONS = load_lexicons(PROJECT / "data" / "lexicons")


def _by_name(frame) -> dict[str, dict]:
    return {Path(r["source_path"]).name + (f":{r['line_no']}" if r["line_no"] else ""): r for r in frame.iter_rows(named=True)}


@pytest.fixture(scope="module")
def feeds():
    return ingest([FIXTURES / "feeds"], LEXICONS)


def test_feed_formats_and_languages(feeds):
    assert feeds.errors.is_empty(), feeds.errors.to_dicts()
    arts = _by_name(feeds.articles)
    # RSS 0.91 with Netscape's DOCTYPE, in ISO-8859-1: accepted, accents intact.
    es = arts["rss091-es.xml:1"]
    assert (es["title"], es["language"], es["outlet"]) == ("Rusia y Corea del Norte ratifican su tratado", "es", "Agencia Ejemplo")
    assert "Moscú, 4 de diciembre" in es["text"] and "entró en vigor" in es["text"]
    # RSS 1.0 (RDF): Dublin Core date (as written, not shifted to UTC) and creator.
    fr = arts["rdf10-fr.rdf:1"]
    assert (str(fr["published_on"]), fr["author"], fr["language"]) == ("2025-04-28", "Claire Martin", "fr")
    assert fr["url"] == "https://depeches.example.fr/2025/04/28/koursk"
    # Atom with xhtml content.
    de = arts["atom-de.atom:1"]
    assert (de["author"], de["language"], de["title"]) == ("Jürgen Müller", "de", "Putin dankt nordkoreanischen Soldaten für Hilfe in Kursk")
    assert "Artikel 4" in de["text"] and "<p>" not in de["text"]
    # RSS 2.0 in windows-1251 (declared in the XML prolog).
    ru = arts["rss2-ru-cp1251.xml:1"]
    assert ru["title"] == "Путин поблагодарил северокорейских военных" and "статье 4" in ru["text"]
    assert (str(ru["published_on"]), ru["language"]) == ("2025-04-28", "ru")
    assert {r["language"] for r in arts.values()} >= {"es", "fr", "de", "ru", "it", "pt"}


def test_summary_only_entries_use_the_saved_page(feeds):
    arts = _by_name(feeds.articles)
    matched_by_url = arts["summaries-pt.xml:1"]  # link has www. and a trailing slash, the page's canonical neither
    assert "Valeri Guerassimov" in matched_by_url["text"] and "artigo 4" in matched_by_url["text"]
    assert matched_by_url["url"] == "https://www.jornal.example.pt/mundo/2025/04/28/putin-agradece-soldados/"
    assert matched_by_url["title"] == "Putin agradece aos soldados norte-coreanos"
    matched_by_name = arts["summaries-pt.xml:2"]  # no canonical URL: found by file name
    assert "troca dos instrumentos de ratificação" in matched_by_name["text"]
    assert str(matched_by_name["published_on"]) == "2024-12-04"
    no_page = arts["summaries-pt.xml:3"]
    assert no_page["text"] == "Sem página guardada\n\nUma notícia curta apenas com resumo e sem cópia da página."
    # The pages are accounted for as copies of the entries they completed, not ingested twice.
    pages = _by_name(feeds.copies.filter(copy_kind="page"))
    assert set(pages) == {"saved-copy-1.html", "tratado-em-vigor.html"}
    assert pages["saved-copy-1.html"]["copy_of_article_id"] == matched_by_url["article_id"]
    assert (Path(pages["tratado-em-vigor.html"]["copy_of_path"]).name, pages["tratado-em-vigor.html"]["copy_of_line_no"]) == ("summaries-pt.xml", 2)
    assert not any(k.endswith(".html") for k in arts)


def test_feed_whose_items_republish_each_other(feeds):
    arts = _by_name(feeds.articles)
    assert "republished-it.xml:1" in arts and "republished-it.xml:4" in arts
    assert "republished-it.xml:2" not in arts and "republished-it.xml:3" not in arts
    near = _by_name(feeds.copies.filter(copy_kind="near"))
    assert set(near) == {"republished-it.xml:2", "republished-it.xml:3"}
    for row in near.values():
        assert row["copy_of_article_id"] == arts["republished-it.xml:1"]["article_id"]
        assert row["copy_of_line_no"] == 1 and 0.6 <= row["similarity"] < 1.0
    assert near["republished-it.xml:2"]["title"] == "Kursk, il Cremlino: decisivo l'aiuto di Pyongyang"


def test_saved_page_main_text_and_metadata():
    result = read_file(FIXTURES / "wire" / "evening-courier-kursk.html")
    assert not result.errors
    page = result.records[0]
    text = page["text"]
    for boilerplate in ("cookie", "Subscribe", "Related stories", "Seoul summons", "All rights reserved", "Privacy", "INJECTED-BY-SCRIPT", "TRACKING-SECRET"):
        assert boilerplate not in text, boilerplate
    assert "Its Article 4 says that if one of the parties comes under armed attack" in text
    assert page["title"] == "Pyongyang's troops hailed as Moscow marks Kursk victory"
    assert page["published"] == "2025-04-29"
    assert page["author"] == "Courier Foreign Desk"
    assert page["outlet"] == "The Evening Courier"
    assert page["url"] == "https://courier.example.net/news/world/pyongyang-troops-hailed-kursk"
    assert page["language"] == "en"


def test_every_feed_entry_and_page_is_accounted_for(feeds):
    read = read_inputs([FIXTURES / "feeds"])
    inputs = {(r["source_path"], r["line_no"]) for r in read.records}
    outputs = {(r["source_path"], r["line_no"]) for r in feeds.articles.iter_rows(named=True)} | {(r["source_path"], r["line_no"]) for r in feeds.copies.iter_rows(named=True)}
    assert inputs == outputs
    assert feeds.articles.height + feeds.copies.height == len(read.records)


def test_feed_fields_that_cannot_be_used_are_recorded_per_entry(tmp_path: Path):
    path = tmp_path / "wire.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title><language>en-us</language>'
        "<item><title>One</title><link>https://wire.example/1</link><pubDate>Mon, 28 Apr 2025 10:00:00 +0300</pubDate><description>The treaty was signed on 19 June 2024.</description></item>"
        "<item><title>Two</title><link>javascript:alert(1)</link><pubDate>yesterday</pubDate><description>Article 4 provides for immediate military assistance.</description></item>"
        "<item><title>Three</title><link>/world/3</link><dc:date>2025-04-28T23:30:00-05:00</dc:date><description>The ratification was exchanged in Moscow.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    result = read_file(path)
    records = {r["line_no"]: r for r in result.records}
    assert {n: (r.get("url"), r.get("published"), r["language"]) for n, r in records.items()} == {
        1: ("https://wire.example/1", "2025-04-28", "en"),
        2: (None, None, "en"),
        3: (None, "2025-04-28", "en"),
    }
    assert [(e["line_no"], e["reason"]) for e in result.errors] == [
        (2, "entry 2: link: 'javascript:alert(1)' is not an absolute http(s) URL; ignored, the article is kept"),
        (2, "entry 2: published: 'yesterday' is not a date (YYYY-MM-DD, an ISO 8601 date-time, an RFC 822 date, '28 April 2025' or '28/04/2025'); ignored, the article is kept"),
        (3, "entry 3: link: '/world/3' is not an absolute http(s) URL; ignored, the article is kept"),
    ]
    unknown = tmp_path / "unknown-language.rss"
    unknown.write_text(path.read_text(encoding="utf-8").replace("<language>en-us</language>", "<language>klingon</language>"), encoding="utf-8")
    result = read_file(unknown)
    assert len(result.records) == 3 and not any(r.get("language") for r in result.records)
    assert [(e["line_no"], e["reason"]) for e in result.errors if "language" in e["reason"]] == [
        (None, "feed language: 'klingon' is not a language (an ISO 639-1 code such as 'es', or a name such as 'Spanish'); ignored, the article is kept"),
    ]


# --------------------------------------------------------------------------- acceptance

@pytest.fixture(scope="module")
def wire_warehouse(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("wire") / "data"
    shutil.copytree(FIXTURES / "wire", data / "articles")
    shutil.copytree(PROJECT / "data" / "reference", data / "reference")
    shutil.copytree(PROJECT / "data" / "lexicons", data / "lexicons")
    db = data / "warehouse" / "factcheck.duckdb"
    result = materialize([raw_feed_fetches, raw_articles, reference_packs, staging_claims], resources={"warehouse": WarehouseResource(db_path=str(db), data_dir=str(data))})
    assert result.success
    return build_path_for(db)


def test_acceptance_one_story_three_ways_gives_one_article_with_feed_metadata(wire_warehouse: Path):
    con = duckdb.connect(str(wire_warehouse), read_only=True)
    try:
        story = con.execute("select * from raw.articles where text like '%Comprehensive Strategic Partnership%'").pl().to_dicts()
        copies = con.execute("select * from raw.article_copies order by source_path").pl().to_dicts()
        claims = con.execute("select article_id, claim_type, claim_text from staging.claims").pl().to_dicts()
        errors = con.execute("select count(*) from raw.ingest_errors").fetchone()[0]
    finally:
        con.close()
    assert len(story) == 1 and errors == 0
    article = story[0]
    assert Path(article["source_path"]).name == "example-wire.rss" and article["line_no"] == 1
    assert article["title"] == "Putin thanks North Korean troops for Kursk help"
    assert article["url"] == "https://wire.example.com/2025/04/28/putin-thanks-north-korean-troops"
    assert str(article["published_on"]) == "2025-04-28"
    assert (article["outlet"], article["author"], article["language"]) == ("Example Wire", "Anna Petrova", "en")

    assert [(Path(c["source_path"]).name, c["copy_kind"], c["copy_of_article_id"]) for c in copies] == [
        ("daily-globe.atom", "near", article["article_id"]),
        ("evening-courier-kursk.html", "near", article["article_id"]),
    ]
    assert all(0.6 <= c["similarity"] < 1.0 for c in copies)

    story_claims = [c for c in claims if c["article_id"] == article["article_id"]]
    copy_ids = {c["article_id"] for c in copies}
    assert not [c for c in claims if c["article_id"] in copy_ids]
    kinds = {c["claim_type"] for c in story_claims}
    assert {"treaty_clause", "event_date"} <= kinds
    assert any("Article 4" in c["claim_text"] for c in story_claims if c["claim_type"] == "treaty_clause")
    # Exactly one set of claims for the story: no claim text appears twice.
    texts = [(c["claim_type"], c["claim_text"]) for c in claims]
    assert len(texts) == len(set(texts))
