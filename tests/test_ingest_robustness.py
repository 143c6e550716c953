"""Issue 7, input half: every input file ends in raw.articles, raw.ingest_errors or
raw.article_copies, whatever it holds; nothing outside the data folder is ever read.

Unit tests call the readers directly; the acceptance test materializes the real ingest assets
with Dagster into a DuckDB file in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from pipelines.defs.ingest import raw_articles
from pipelines.defs.sources import raw_feed_fetches
from pipelines.ingest.decode import DecodeError, decode_bytes
from pipelines.ingest.readers import read_file, read_inputs
from pipelines.resources import WarehouseResource
from pipelines.warehouse import build_path_for

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82"
LATIN1_TEXT = "Acuerdo en Moscú\n\nMoscú, 28 de abril (Agencia Ejemplo) .- El tratado firmado en Pionyang el 19 de junio de 2024 prevé en su artículo 4 asistencia militar inmediata, según la cancillería rusa."
UTF16_TEXT = "Traité signé à Pyongyang\n\nMOSCOU, 28 avril (Dépêches Exemple) - Le traité de partenariat stratégique global prévoit une assistance militaire immédiate, a déclaré le porte-parole du Kremlin."


def _one(result) -> dict:
    assert len(result.records) == 1, (result.records, result.errors)
    return result.records[0]


def _reason(result) -> str:
    assert not result.records, result.records
    assert len(result.errors) == 1, result.errors
    return result.errors[0]["reason"]


# --------------------------------------------------------------------------- encodings

@pytest.mark.parametrize(("encoding", "data"), [
    ("utf-8", LATIN1_TEXT.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + LATIN1_TEXT.encode("utf-8")),
    ("utf-16 LE with BOM", LATIN1_TEXT.encode("utf-16")),
    ("utf-16 BE with BOM", b"\xfe\xff" + LATIN1_TEXT.encode("utf-16-be")),
    ("latin-1", LATIN1_TEXT.encode("latin-1")),
    ("windows-1252 (curly quotes, euro)", (LATIN1_TEXT + " «Costó 5 €», dijo “el portavoz”.").encode("cp1252")),
])
def test_text_encodings_decode_to_the_same_words(tmp_path: Path, encoding: str, data: bytes):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    record = _one(read_file(path))
    assert record["text"].startswith("Acuerdo en Moscú\n")
    assert "Pionyang" in record["text"] and "artículo 4" in record["text"] and "prevé" in record["text"]
    assert "\ufeff" not in record["text"]
    assert record["title"] == "Acuerdo en Moscú"


@pytest.mark.parametrize(("text", "encoding"), [
    ("Le traité a été signé à Pyongyang le 19 juin, a déclaré le président français.", "latin-1"),
    ("Über die Verträge wurde in Köln verhandelt; die Außenministerin äußerte sich.", "cp1252"),
    ("Il trattato è stato firmato a Città del Vaticano.", "latin-1"),
    ("Ação é necessária, disse o ministro em Brasília nesta terça-feira.", "latin-1"),
    ("Москва, 28 апреля. Договор подписан в Пхеньяне.", "cp1251"),
    ("Σύμφωνα με τη συνθήκη, η Αθήνα", "cp1253"),
])
def test_legacy_code_pages_are_detected(text: str, encoding: str):
    assert decode_bytes(text.encode(encoding))[0] == text


def test_undecodable_and_binary_bytes_are_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(PNG)
    with pytest.raises(DecodeError, match="utf-16"):
        decode_bytes(b"\xff\xfe" + b"\x00\xd8")  # a lone surrogate after a UTF-16 BOM


# --------------------------------------------------------------------------- bad files

def test_empty_whitespace_and_binary_files(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(PNG)
    assert _reason(read_file(tmp_path / "empty.txt")) == "empty file"
    assert "no text" in _reason(read_file(tmp_path / "blank.md"))
    assert "binary" in _reason(read_file(tmp_path / "image.txt"))


def test_size_limit_is_checked_before_reading(tmp_path: Path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: 30 MB on paper, nothing on disk
        handle.truncate(30 * 1024 * 1024)
    assert "over the 20,971,520-byte limit" in _reason(read_file(big))
    small = tmp_path / "small.txt"
    small.write_text("Una línea de texto suficiente.", encoding="utf-8")
    assert "over the 10-byte limit" in _reason(read_file(small, max_bytes=10))


def test_malformed_json_and_json_without_text(tmp_path: Path):
    (tmp_path / "broken.json").write_text('{"text": "sin cerrar', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps({"text": "Texto del artículo.", "published": "2025-04-28", "language": "es"}), encoding="utf-8")
    assert "not valid JSON" in _reason(read_file(tmp_path / "broken.json"))
    assert "no article text" in _reason(read_file(tmp_path / "list.json"))
    assert _one(read_file(tmp_path / "good.json"))["published"] == "2025-04-28"


def test_jsonl_bad_lines_are_recorded_one_by_one(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "Primer artículo con tilde: acción.", "language": "es"}, ensure_ascii=False),
        "{not json",
        "",
        json.dumps({"title": "sin texto"}),
        json.dumps({"text": "Second article; the line holds a raw \u2028 separator.", "language": "en"}, ensure_ascii=False),
        "42",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_file(path)
    assert [r["line_no"] for r in result.records] == [1, 5]
    assert result.records[0]["text"] == "Primer artículo con tilde: acción."
    assert "\u2028" in result.records[1]["text"]
    assert {(e["line_no"], e["reason"].split(":")[0]) for e in result.errors} == {(2, "line 2"), (4, "line 4"), (6, "line 6")}


def test_html_scripts_styles_and_handlers_never_reach_the_text():
    record = _one(read_file(FIXTURES / "bad" / "page-with-script.html"))
    for secret in ("SCRIPT-SECRET", "SCRIPT-WRITTEN", "STYLE-TEXT", "ONLOAD-SECRET", "tracker.example", "font-family"):
        assert secret not in record["text"]
    assert "artículo 4 del tratado firmado el 19 de junio de 2024" in record["text"]
    assert (record["title"], record["language"]) == ("Declaración del Kremlin", "es")


def test_billion_laughs_and_external_entities_are_refused(tmp_path: Path):
    assert "refused: unsafe XML" in _reason(read_file(FIXTURES / "bad" / "billion-laughs.rss"))
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0"><channel><title>t</title><item><title>&x;</title><description>d</description></item></channel></rss>', encoding="utf-8")
    assert "refused: unsafe XML" in _reason(read_file(xxe))
    # Not well-formed and declaring entities: still refused (never handed to the lenient parser).
    sloppy = tmp_path / "sloppy.xml"
    sloppy.write_text('<!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel><item><title>&a; & b</title></item></channel></rss>', encoding="utf-8")
    assert "refused: unsafe XML" in _reason(read_file(sloppy))


def test_not_well_formed_feed_without_entities_is_read_leniently(tmp_path: Path):
    path = tmp_path / "sloppy.rss"
    path.write_text('<rss version="2.0"><channel><title>Wire & Co</title><item><title>Treaty signed</title><description>The treaty was signed in Pyongyang on June 19, 2024 & ratified later.</description></item></channel></rss>', encoding="utf-8")
    record = _one(read_file(path))
    assert record["text"].startswith("Treaty signed\n\nThe treaty was signed")


def test_xml_that_is_not_a_feed(tmp_path: Path):
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><config><item>1</item></config>', encoding="utf-8")
    assert "not a feed" in _reason(read_file(path))


def test_special_files_are_not_opened(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = read_inputs([tmp_path])
    assert [e["reason"] for e in result.errors] == ["not a regular file (device, FIFO or socket)"]


def test_links_and_paths_out_of_the_folder_are_refused_unread(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("SECRET-OUTSIDE text that must never be read.", encoding="utf-8")
    (outside / "secret.meta.json").write_text(json.dumps({"title": "SECRET-META"}), encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ok.txt").write_text("Un artículo legítimo.", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "ok.meta.json").symlink_to(outside / "secret.meta.json")
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    (folder / "nested").mkdir()
    (folder / "nested" / "up.txt").symlink_to("../../outside/secret.txt")
    os.chmod(secret, 0)  # any attempt to open it would fail loudly with a permission error
    try:
        result = read_inputs([folder])
    finally:
        os.chmod(secret, 0o644)
    assert [r["source_path"] for r in result.records] == [str(folder / "ok.txt")]
    assert "SECRET" not in json.dumps(result.records, default=str)
    reasons = {Path(e["source_path"]).name: e["reason"] for e in result.errors}
    assert reasons == {
        "link.txt": "refused: link leads outside the data folder",
        "linked-dir": "refused: link leads outside the data folder",
        "up.txt": "refused: link leads outside the data folder",
        "ok.meta.json": "refused: link leads outside the data folder",
    }


def test_looping_and_broken_links_are_recorded_and_the_rest_is_read(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ok.txt").write_text("Un artículo legítimo.", encoding="utf-8")
    (folder / "ok.meta.json").symlink_to(folder / "missing.meta.json")
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    result = read_inputs([folder])
    assert [r["source_path"] for r in result.records] == [str(folder / "ok.txt")]
    loop = "refused: the link loops back on itself and never reaches a file"
    assert {Path(e["source_path"]).name: e["reason"] for e in result.errors} == {
        "a.txt": loop, "b.txt": loop, "self.txt": loop,
        "ok.meta.json": "sidecar ignored: the link leads to no file (broken, or it loops)",
    }
    # Named directly (not found by walking a folder), a looping link is one error too.
    direct = read_inputs([folder / "self.txt", folder / "ok.txt"])
    assert [r["source_path"] for r in direct.records] == [str(folder / "ok.txt")]
    assert [(Path(e["source_path"]).name, e["reason"]) for e in direct.errors if e["source_path"].endswith("self.txt")] == [("self.txt", loop)]


def test_unsupported_and_orphan_files_are_recorded(tmp_path: Path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "lonely.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    result = read_inputs([tmp_path])
    assert {Path(e["source_path"]).name: e["reason"] for e in result.errors} == {
        "notes.docx": "unsupported file type '.docx'",
        "lonely.meta.json": "sidecar without an article file next to it",
    }


# --------------------------------------------------------------------------- acceptance

def _acceptance_folder(root: Path) -> tuple[Path, Path]:
    data = root / "data"
    articles = data / "articles"
    articles.mkdir(parents=True)
    outside = root / "outside-secret.txt"
    outside.write_text("OUTSIDE-SECRET: this file lies outside the data folder.", encoding="utf-8")
    (articles / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (articles / "utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))
    (articles / "image.txt").write_bytes(PNG)
    (articles / "empty.txt").write_bytes(b"")
    with open(articles / "huge.txt", "wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    (articles / "batch.jsonl").write_text(
        "\n".join([
            json.dumps({"text": "Primera noticia: la cancillería confirmó la ratificación.", "language": "es"}, ensure_ascii=False),
            '{"text": "línea rota',
            json.dumps({"text": "Zweite Meldung: Der Vertrag trat in Kraft, hieß es in Moskau.", "language": "de"}, ensure_ascii=False),
        ]) + "\n",
        encoding="utf-8",
    )
    shutil.copy(FIXTURES / "bad" / "page-with-script.html", articles / "page-with-script.html")
    shutil.copy(FIXTURES / "bad" / "billion-laughs.rss", articles / "billion-laughs.rss")
    (articles / "escape.txt").symlink_to(outside)
    return data, outside


def test_acceptance_refresh_accounts_for_every_bad_input(tmp_path: Path):
    data, outside = _acceptance_folder(tmp_path)
    db = tmp_path / "warehouse" / "factcheck.duckdb"
    os.chmod(outside, 0)  # reading it would raise: proves it is never opened
    try:
        result = materialize([raw_feed_fetches, raw_articles], resources={"warehouse": WarehouseResource(db_path=str(db), data_dir=str(data))})
    finally:
        os.chmod(outside, 0o644)
    assert result.success

    # The run's build file (publishing it is the quality.refreshes asset's job, not ingest's).
    con = duckdb.connect(str(build_path_for(db)), read_only=True)
    try:
        articles = {Path(p).name + (f":{n}" if n else ""): t for p, n, t in con.execute("select source_path, line_no, text from raw.articles").fetchall()}
        errors = {Path(p).name + (f":{n}" if n else ""): r for p, n, r in con.execute("select source_path, line_no, reason from raw.ingest_errors").fetchall()}
        copies = con.execute("select count(*) from raw.article_copies").fetchone()[0]
        assert con.execute("select count(*) from raw.ingest_errors where reason is null or reason = '' or recorded_at is null").fetchone()[0] == 0
    finally:
        con.close()

    assert set(articles) == {"latin1.txt", "utf16.txt", "batch.jsonl:1", "batch.jsonl:3", "page-with-script.html"}
    assert "Moscú" in articles["latin1.txt"] and "artículo 4" in articles["latin1.txt"] and "prevé" in articles["latin1.txt"]
    assert "Traité signé à Pyongyang" in articles["utf16.txt"] and "stratégique" in articles["utf16.txt"]
    assert "cancillería" in articles["batch.jsonl:1"] and "hieß" in articles["batch.jsonl:3"]
    assert "SCRIPT" not in articles["page-with-script.html"] and "artículo 4" in articles["page-with-script.html"]
    assert not any("OUTSIDE-SECRET" in text for text in articles.values())
    assert copies == 0

    assert set(errors) == {"image.txt", "empty.txt", "huge.txt", "batch.jsonl:2", "billion-laughs.rss", "escape.txt"}
    assert "binary" in errors["image.txt"]
    assert errors["empty.txt"] == "empty file"
    assert "over the 20,971,520-byte limit" in errors["huge.txt"]
    assert "not valid JSON" in errors["batch.jsonl:2"]
    assert "refused: unsafe XML" in errors["billion-laughs.rss"]
    assert errors["escape.txt"] == "refused: link leads outside the data folder"


# --------------------------------------------------------------------------- metadata fields

TREATY_TEXT = "Russia and North Korea signed the treaty in Pyongyang on 19 June 2024; its Article 4 provides for immediate military assistance."


def _problems(result) -> dict[tuple[str, int | None], str]:
    return {(Path(e["source_path"]).name, e["line_no"]): e["reason"] for e in result.errors}


@pytest.mark.parametrize("url", [
    "javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox", "file:///etc/passwd",
    "/relative/path", "//x.example/protocol-relative", "https://", "http://x.example:port/", "https://x.example/a b", "ftp://x.example/a",
])
def test_url_that_is_not_absolute_http_is_dropped_and_recorded_from_every_reader(tmp_path: Path, url: str):
    (tmp_path / "side.txt").write_text(TREATY_TEXT, encoding="utf-8")
    (tmp_path / "side.meta.json").write_text(json.dumps({"url": url, "outlet": "Wire"}), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"text": TREATY_TEXT + " (json)", "url": url}), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(json.dumps({"text": TREATY_TEXT + " (jsonl)", "url": "https://ok.example/1"}) + "\n" + json.dumps({"text": TREATY_TEXT + " (jsonl 2)", "url": url}) + "\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text("text,url\n" + f'"{TREATY_TEXT} (csv)","{url}"\n', encoding="utf-8")
    (tmp_path / "page.html").write_text(f'<html lang="en"><head><title>Treaty</title><link rel="canonical" href="{url}"></head><body><article><p>{TREATY_TEXT} (html)</p></article></body></html>', encoding="utf-8")
    from xml.sax.saxutils import escape

    (tmp_path / "feed.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Treaty</title><link>{escape(url)}</link><description>{TREATY_TEXT} (feed)</description></item></channel></rss>', encoding="utf-8")
    result = read_inputs([tmp_path])
    records = {(Path(r["source_path"]).name, r["line_no"]): r for r in result.records}
    # Every article is kept, none with the bad link; the good link next to it stays.
    assert set(records) == {("side.txt", None), ("one.json", None), ("lines.jsonl", 1), ("lines.jsonl", 2), ("rows.csv", 2), ("page.html", None), ("feed.rss", 1)}
    # (trafilatura repairs some canonical links itself, e.g. //host -> https://host: what it
    # hands over is checked like any other value.)
    from pipelines.ingest.meta import clean_url

    urls = {key: r.get("url") for key, r in records.items() if r.get("url")}
    page_url = urls.pop(("page.html", None), None)
    assert page_url is None or clean_url(page_url) == page_url
    assert urls == {("lines.jsonl", 1): "https://ok.example/1"}
    assert records[("side.txt", None)]["outlet"] == "Wire"
    problems = _problems(result)
    expected_keys = {("side.meta.json", None), ("one.json", None), ("lines.jsonl", 2), ("rows.csv", 2), ("feed.rss", 1)}
    # trafilatura itself drops some canonical links it cannot use; what it hands over is checked.
    assert expected_keys <= set(problems) <= expected_keys | {("page.html", None)}
    for (name, line), reason in problems.items():
        assert "\n" not in reason and "is not an absolute http(s) URL; ignored, the article is kept" in reason, reason
        assert ("link: " if name == "feed.rss" else "url") in reason
        if line is not None:
            assert reason.startswith(("line 2: ", "row at line 2: ", "entry 1: "))


def test_good_urls_are_kept_as_written(tmp_path: Path):
    from pipelines.ingest.meta import clean_url

    for url in ("https://sputniknews.lat/", "HTTP://Example.org/a?b=1#c", "https://ru.example/статья", "http://127.0.0.1:8080/x"):
        assert clean_url(url) == url
    assert clean_url("  https://x.example/a \n") == "https://x.example/a"
    for bad in ("https:///no-host", "https://x.example/\x00", "https://x.example/a\tb", "mailto:desk@x.example", "x.example/a", 42, None):
        assert clean_url(bad) is None
    (tmp_path / "a.txt").write_text(TREATY_TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"url": " https://x.example/a "}), encoding="utf-8")
    result = read_inputs([tmp_path])
    assert not result.errors and _one(result)["url"] == "https://x.example/a"


def _warehouse(tmp_path: Path, folder: Path, name: str = "w.duckdb") -> dict:
    """refresh_raw (the ingest asset's code, fast reader included) into a real DuckDB file."""
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.incremental import refresh_raw
    from pipelines.settings import load_settings

    con = duckdb.connect(str(tmp_path / name))
    try:
        refresh_raw(con, [str(folder)], load_lexicons(load_settings().lexicon_dir), max_bytes=1 << 24)
        return {
            "articles": {Path(r[0]).name: r for r in con.execute("select source_path, url, cast(published_on as varchar), language, language_source, title, article_id from raw.articles").fetchall()},
            "errors": {(Path(p).name, n): r for p, n, r in con.execute("select source_path, line_no, reason from raw.ingest_errors").fetchall()},
            "copies": {Path(r[0]).name: r for r in con.execute("select source_path, copy_of_path, copy_kind, article_id, copy_of_article_id from raw.article_copies").fetchall()},
        }
    finally:
        con.close()


def test_warehouse_and_check_drop_a_bad_sidecar_url_the_same_way(tmp_path: Path):
    from pipelines.core import ingest
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.settings import load_settings

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bad.txt").write_text("Treaty signed\n\n" + TREATY_TEXT, encoding="utf-8")
    (folder / "bad.meta.json").write_text(json.dumps({"url": "javascript:alert(document.cookie)", "published": "2025-04-28"}), encoding="utf-8")
    (folder / "good.txt").write_text("Another story\n\n" + TREATY_TEXT + " Second.", encoding="utf-8")
    (folder / "good.meta.json").write_text(json.dumps({"url": "https://x.example/good", "published": "2025-04-28"}), encoding="utf-8")
    state = _warehouse(tmp_path, folder)
    assert {name: row[1:3] for name, row in state["articles"].items()} == {"bad.txt": (None, "2025-04-28"), "good.txt": ("https://x.example/good", "2025-04-28")}
    assert list(state["errors"]) == [("bad.meta.json", None)]
    assert state["errors"][("bad.meta.json", None)].startswith("url: 'javascript:alert(document.cookie)' is not an absolute http(s) URL")
    checked = ingest([folder], load_lexicons(load_settings().lexicon_dir))
    assert {Path(r["source_path"]).name: r["url"] for r in checked.articles.iter_rows(named=True)} == {"bad.txt": None, "good.txt": "https://x.example/good"}
    assert [(Path(p).name, r) for p, r in checked.errors.select("source_path", "reason").rows()] == [("bad.meta.json", state["errors"][("bad.meta.json", None)])]


@pytest.mark.parametrize(("published", "language"), [
    ("04/05/2025", "xx"), ("yesterday", "english language"), ("2025-13-45", "zz-ZZ"), ("2025-02-30T10:00:00", "e"), ("April 2025", 42),
])
def test_unreadable_dates_and_languages_are_recorded_and_the_article_kept(tmp_path: Path, published, language):
    from pipelines.ingest.readers import Input

    (tmp_path / "side.txt").write_text(TREATY_TEXT, encoding="utf-8")
    (tmp_path / "side.meta.json").write_text(json.dumps({"published": published, "language": language, "outlet": "Wire"}), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"text": TREATY_TEXT + " (json)", "published": published, "language": language}), encoding="utf-8")
    (tmp_path / "rows.csv").write_text(f'text,published,language\n"{TREATY_TEXT} (csv)",{published},{language}\n', encoding="utf-8")
    export = tmp_path / "export"
    export.mkdir()
    lines = [
        {"body": TREATY_TEXT + " (1)", "meta": {"date": "28.04.2025", "lang": "es"}},
        {"body": TREATY_TEXT + " (2)", "meta": {"date": published, "lang": language}},
    ]
    (export / "monitor.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    monitor = Input(path=export / "monitor.jsonl", kind="jsonl", date_format="%d.%m.%Y", columns=(("text", ("body",)), ("published", ("meta.date",)), ("language", ("meta.lang",))))
    result = read_inputs([tmp_path / "side.txt", tmp_path / "one.json", tmp_path / "rows.csv", monitor])
    records = {(Path(r["source_path"]).name, r["line_no"]): r for r in result.records}
    assert set(records) == {("side.txt", None), ("one.json", None), ("rows.csv", 2), ("monitor.jsonl", 1), ("monitor.jsonl", 2)}
    assert (records[("monitor.jsonl", 1)]["published"], records[("monitor.jsonl", 1)]["language"]) == ("2025-04-28", "es")
    for key, record in records.items():
        if key != ("monitor.jsonl", 1):
            assert "published" not in record and "language" not in record, record
    assert records[("side.txt", None)]["outlet"] == "Wire"
    problems: dict = {}
    for error in result.errors:
        problems.setdefault((Path(error["source_path"]).name, error["line_no"]), []).append(error["reason"])
    assert set(problems) == {("side.meta.json", None), ("one.json", None), ("rows.csv", 2), ("monitor.jsonl", 2)}
    value = repr(str(language))
    for (name, line), reasons in problems.items():
        prefix = {"rows.csv": "row at line 2: ", "monitor.jsonl": "line 2: "}.get(name, "")
        date_label, language_label = ("published ('meta.date')", "language ('meta.lang')") if name == "monitor.jsonl" else ("published", "language")
        assert len(reasons) == 2 and all("\n" not in r and r.endswith("; ignored, the article is kept") for r in reasons)
        assert reasons[0].startswith(f"{prefix}{date_label}: {published!r} "), reasons
        assert reasons[1].startswith(f"{prefix}{language_label}: {value} is not a language"), reasons
    assert "matches neither the source's date_format '%d.%m.%Y'" in problems[("monitor.jsonl", 2)][0]


@pytest.mark.parametrize(("published", "language", "expected"), [
    ("2025-04-28", "es", ("2025-04-28", "es")),
    ("2025-04-28T10:00:00Z", "Spanish", ("2025-04-28", "es")),
    ("2025-04-28T23:30:00-05:00", "english", ("2025-04-28", "en")),  # the date as written, not shifted to UTC
    ("2025-04-28 10:00:00 UTC", "pt-BR", ("2025-04-28", "pt")),
    ("Mon, 28 Apr 2025 10:00:00 +0000", "ES", ("2025-04-28", "es")),
    ("28 April 2025", "español", ("2025-04-28", "es")),
    ("Apr 28, 2025", "Deutsch", ("2025-04-28", "de")),
    ("20250428", "rus", ("2025-04-28", "ru")),
    (1745834400, "Русский", ("2025-04-28", "ru")),
    ("2025-04-28", "iw", ("2025-04-28", "he")),
    # day-first numeric dates that can be read one way only (the day is no month, or equals it)
    ("28/04/2025", "it", ("2025-04-28", "it")),
    ("28.04.2025", "de", ("2025-04-28", "de")),
    ("28.04.2025 10:00", "de", ("2025-04-28", "de")),
    ("30/04/2025 10h00", "pt", ("2025-04-30", "pt")),
    ("05/05/2025", "fr", ("2025-05-05", "fr")),
    ("2025-04-28T10:00:00+03:00", "ru", ("2025-04-28", "ru")),
    ("2025-04-28 10:00", "en", ("2025-04-28", "en")),
])
def test_unambiguous_dates_and_language_names_are_accepted(tmp_path: Path, published, language, expected):
    (tmp_path / "a.txt").write_text(TREATY_TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": published, "language": language}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"text": TREATY_TEXT + " (json)", "published": published, "language": language}, ensure_ascii=False), encoding="utf-8")
    result = read_inputs([tmp_path])
    assert not result.errors, result.errors
    assert [(r["published"], r["language"]) for r in result.records] == [expected, expected]


def test_warehouse_and_check_agree_on_metadata_values(tmp_path: Path):
    """The fast text reader of the warehouse path accepts what the exact reader accepts and
    hands it what it refuses, so both record the same lines and build the same articles."""
    from pipelines.core import ingest
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.settings import load_settings

    folder = tmp_path / "articles"
    folder.mkdir()
    sidecars = {
        "iso.txt": {"published": "2025-04-28T10:00:00Z", "language": "Spanish"},
        "slash.txt": {"published": "04/05/2025", "language": "es"},
        "dayfirst.txt": {"published": "28/04/2025", "language": "es"},
        "words.txt": {"published": "yesterday", "language": "xx"},
        "plain.txt": None,
    }
    for n, (name, meta) in enumerate(sidecars.items()):
        (folder / name).write_text(f"Titular {n}\n\nMoscú, 28 de abril (Sputnik) .- El tratado firmado el 19 de junio de 2024 prevé asistencia militar. Nota {n}.", encoding="utf-8")
        if meta:
            (folder / name.replace(".txt", ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
    state = _warehouse(tmp_path, folder)
    got = {name: (row[2], row[3], row[4]) for name, row in state["articles"].items()}
    assert got == {
        "iso.txt": ("2025-04-28", "es", "metadata"),
        "slash.txt": (None, "es", "metadata"),
        "dayfirst.txt": ("2025-04-28", "es", "metadata"),
        "words.txt": (None, "es", "detected"),
        "plain.txt": (None, "es", "detected"),
    }
    assert sorted(state["errors"]) == [("slash.meta.json", None), ("words.meta.json", None)]
    assert state["errors"][("slash.meta.json", None)].startswith("published: '04/05/2025' is ambiguous")
    checked = ingest([folder], load_lexicons(load_settings().lexicon_dir))
    assert {Path(r["source_path"]).name: (str(r["published_on"]) if r["published_on"] else None, r["language"], r["language_source"]) for r in checked.articles.iter_rows(named=True)} == got
    warehouse_lines = sorted(r for r in _all_errors(tmp_path))
    check_lines = sorted((Path(p).name, r) for p, r in checked.errors.select("source_path", "reason").rows())
    assert warehouse_lines == check_lines and len(check_lines) == 3  # slash: the date; words: the date and the language


def _all_errors(tmp_path: Path, name: str = "w.duckdb") -> list[tuple[str, str]]:
    con = duckdb.connect(str(tmp_path / name), read_only=True)
    try:
        return [(Path(p).name, r) for p, r in con.execute("select source_path, reason from raw.ingest_errors").fetchall()]
    finally:
        con.close()


def test_check_reads_an_iso_datetime_and_a_language_name_like_the_plain_values(tmp_path: Path):
    """The Sputnik article with its sidecar written as "2025-04-28T10:00:00Z" and "Spanish"
    gets the verdicts it gets with "2025-04-28" and "es", and so does "28/04/2025" (day-first,
    the day is no month); written "04/05/2025" it is still checked (without a date) and the
    line says why."""
    from pipelines.core import check
    from pipelines.settings import PROJECT_ROOT, load_settings

    seed = PROJECT_ROOT / "data" / "articles" / "sputnik-es-2025-04-28"
    meta = json.loads(seed.with_suffix(".meta.json").read_text(encoding="utf-8"))
    runs = {}
    changes_by_run = {
        "plain": {}, "iso": {"published": "2025-04-28T10:00:00Z", "language": "Spanish"},
        "dayfirst": {"published": "28/04/2025"}, "slash": {"published": "04/05/2025"},
    }
    for name, changes in changes_by_run.items():
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(seed.with_suffix(".txt"), folder / "a.txt")
        (folder / "a.meta.json").write_text(json.dumps({**meta, **changes}, ensure_ascii=False), encoding="utf-8")
        verdicts, ingested, _ = check([folder], load_settings())
        runs[name] = (verdicts.select("claim_id", "verdict", "reason").rows(), [r["reason"] for r in ingested.errors.iter_rows(named=True)])
    assert runs["iso"] == runs["plain"] == runs["dayfirst"] and runs["plain"][1] == []
    assert {v for _, v, _ in runs["plain"][0]} == {"supported"}
    assert runs["slash"][1] == ["published: '04/05/2025' is ambiguous (day and month could be either; write YYYY-MM-DD); ignored, the article is kept"]
    assert len(runs["slash"][0]) == len(runs["plain"][0])


# --------------------------------------------------------------------------- exact copies and their metadata

SPUTNIK = Path(__file__).resolve().parent.parent / "data" / "articles" / "sputnik-es-2025-04-28"


def _copy_state(frames) -> tuple[str, dict[str, str]]:
    """(the kept article's file, {copy file: file it is a copy of}) from ingest frames."""
    (kept,) = [Path(p).name for p in frames.articles["source_path"]]
    return kept, {Path(c["source_path"]).name: Path(c["copy_of_path"]).name for c in frames.copies.iter_rows(named=True)}


def _ingest(folder: Path):
    from pipelines.core import ingest
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.settings import load_settings

    return ingest([folder], load_lexicons(load_settings().lexicon_dir))


def test_of_exact_copies_the_one_with_the_date_is_kept(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "plain.txt")  # sorts first, no sidecar
    shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "sputnik.txt")
    shutil.copy(SPUTNIK.with_suffix(".meta.json"), folder / "sputnik.meta.json")
    checked = _ingest(folder)
    assert _copy_state(checked) == ("sputnik.txt", {"plain.txt": "sputnik.txt"})
    article = checked.articles.row(0, named=True)
    assert (str(article["published_on"]), article["url"], article["outlet"], article["language_source"]) == ("2025-04-28", "https://sputniknews.lat/", "Sputnik", "metadata")
    state = _warehouse(tmp_path, folder)
    assert list(state["articles"]) == ["sputnik.txt"] and state["articles"]["sputnik.txt"][2] == "2025-04-28"
    assert {name: Path(row[1]).name for name, row in state["copies"].items()} == {"plain.txt": "sputnik.txt"}


def test_a_date_outweighs_other_metadata_and_ties_keep_input_order(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    text = SPUTNIK.with_suffix(".txt").read_text(encoding="utf-8")
    for name, meta in {
        "a.txt": {"url": "https://x.example/a", "author": "A", "title": "A", "language": "es"},
        "b.txt": {"published": "2025-04-28"},
        "c.txt": {"published": "2025-04-28"},
        "d.txt": {"published": "04/05/2025", "url": "https://x.example/d"},  # an unusable date is no date
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / name.replace(".txt", ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
    expected = ("b.txt", {"a.txt": "b.txt", "c.txt": "b.txt", "d.txt": "b.txt"})
    assert _copy_state(_ingest(folder)) == expected
    state = _warehouse(tmp_path, folder)
    assert (list(state["articles"]), {n: Path(r[1]).name for n, r in state["copies"].items()}) == (["b.txt"], expected[1])


def test_a_default_date_does_not_hide_the_copy_with_its_own(tmp_path: Path):
    """`factcheck check --published` fills in a date for articles without one; among exact
    copies the one whose metadata has a date is still the article, with that date."""
    import datetime as dt

    from pipelines.core import ingest
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.settings import load_settings

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "a-plain.txt")
    shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "b-dated.txt")
    (folder / "b-dated.meta.json").write_text(json.dumps({"published": "2025-04-28"}), encoding="utf-8")
    checked = ingest([folder], load_lexicons(load_settings().lexicon_dir), published=dt.date(2025, 1, 1))
    assert _copy_state(checked) == ("b-dated.txt", {"a-plain.txt": "b-dated.txt"})
    assert str(checked.articles["published_on"][0]) == "2025-04-28"


def test_a_copy_with_metadata_arriving_later_replaces_the_bare_article(tmp_path: Path):
    """Across refreshes the warehouse keeps what `factcheck check` keeps on the same folder:
    a later copy with the date becomes the article (its claims are extracted again, with the
    date), the stored one and its copies point at it; without the date again, the first
    in input order is back."""
    from pipelines.core import reference_tables, write_table
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.incremental import refresh_claims, refresh_raw
    from pipelines.settings import load_settings

    settings = load_settings()
    lexicons = load_lexicons(settings.lexicon_dir)
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "plain.txt")
    shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "plain-2.txt")
    db = tmp_path / "w.duckdb"

    def refresh() -> tuple[tuple[str, dict[str, str]], set]:
        con = duckdb.connect(str(db))
        try:
            refresh_raw(con, [str(folder)], lexicons, max_bytes=1 << 24)
            if not con.execute("select count(*) from information_schema.tables where table_schema = 'ref'").fetchone()[0]:
                for name, frame in reference_tables(settings.reference_dir)[0].items():
                    write_table(con, f"ref.{name}", frame)
            refresh_claims(con, lexicons, settings.lexicon_dir)
            (kept,) = [Path(p).name for (p,) in con.execute("select source_path from raw.articles").fetchall()]
            copies = {Path(a).name: Path(b).name for a, b in con.execute("select source_path, copy_of_path from raw.article_copies").fetchall()}
            claims = set(con.execute("select distinct source_path, cast(published_on as varchar) from staging.claims").fetchall())
        finally:
            con.close()
        assert (kept, copies) == _copy_state(_ingest(folder)), "the warehouse and check disagree"
        return (kept, copies), {(Path(p).name, d) for p, d in claims}

    bare = (("plain-2.txt", {"plain.txt": "plain-2.txt"}), {("plain-2.txt", None)})  # '-' sorts before '.'
    assert refresh() == bare
    shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "sputnik.txt")
    shutil.copy(SPUTNIK.with_suffix(".meta.json"), folder / "sputnik.meta.json")
    dated = (("sputnik.txt", {"plain.txt": "sputnik.txt", "plain-2.txt": "sputnik.txt"}), {("sputnik.txt", "2025-04-28")})
    assert refresh() == dated
    (folder / "sputnik.meta.json").unlink()
    assert refresh() == (("plain-2.txt", {"plain.txt": "plain-2.txt", "sputnik.txt": "plain-2.txt"}), {("plain-2.txt", None)})
    shutil.copy(SPUTNIK.with_suffix(".meta.json"), folder / "sputnik.meta.json")
    assert refresh() == dated
    (folder / "sputnik.txt").unlink()
    (folder / "sputnik.meta.json").unlink()
    assert refresh() == bare


def test_a_full_build_in_chunks_keeps_the_copy_with_the_date(tmp_path: Path, monkeypatch):
    """One file per ingest chunk: the dated copy arrives after the bare one is stored and
    replaces it within the same full build; its near-duplicate band keys are stored once."""
    import pipelines.incremental as inc

    monkeypatch.setattr(inc, "INGEST_CHUNK", 1)
    folder = tmp_path / "articles"
    folder.mkdir()
    text = SPUTNIK.with_suffix(".txt").read_text(encoding="utf-8")
    for name in ("a-plain.txt", "b-plain.txt", "c-sputnik.txt", "d-plain.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(SPUTNIK.with_suffix(".meta.json"), folder / "c-sputnik.meta.json")
    expected = _copy_state(_ingest(folder))
    assert expected == ("c-sputnik.txt", {n: "c-sputnik.txt" for n in ("a-plain.txt", "b-plain.txt", "d-plain.txt")})
    state = _warehouse(tmp_path, folder)
    assert (list(state["articles"]), {n: Path(r[1]).name for n, r in state["copies"].items()}) == (["c-sputnik.txt"], expected[1])
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) = count(distinct (article_id, band)) and count(*) > 0 from raw.article_bands").fetchone()[0]
    finally:
        con.close()


# --------------------------------------------------------------------------- Markdown

WIRE_MD = """# Russia **thanks** North Korea for the [Kursk](https://x.example/kursk) operation

*LONDON, May 9 (Wire)* - Russia and North Korea signed the [treaty](https://x.example) on 19 June 2024
in Pyongyang, and **Article 4** of the treaty provides for immediate military assistance.

President Vladimir Putin said the troops had "fulfilled their duty".
"""
WIRE_TEXT = (
    "Russia thanks North Korea for the Kursk operation\n\n"
    "LONDON, May 9 (Wire) - Russia and North Korea signed the treaty on 19 June 2024\n"
    "in Pyongyang, and Article 4 of the treaty provides for immediate military assistance.\n\n"
    'President Vladimir Putin said the troops had "fulfilled their duty".'
)


def test_markdown_is_read_as_plain_text(tmp_path: Path):
    (tmp_path / "wire.md").write_text(WIRE_MD, encoding="utf-8")
    record = _one(read_file(tmp_path / "wire.md"))
    assert record["text"] == WIRE_TEXT
    assert (record["title"], record["source_kind"]) == ("Russia thanks North Korea for the Kursk operation", "md")


def test_markdown_blocks_lists_tables_code_and_html(tmp_path: Path):
    from pipelines.ingest.markdown import markdown_to_text

    source = (
        "Setext title\n===\n\nA line with a hard  \nbreak; \\*escaped\\*, &amp; and &copy;, `code`, ~~gone~~ kept, "
        "![a photo](p.jpg) and <span>inline</span> tags.\n\n"
        "1. first\n2. second **point**\n\n- bullet one\n- bullet two\n\n> Quoted [words](https://x.example).\n\n"
        "<div><script>alert('SECRET')</script><p>HTML block text</p></div>\n\n"
        "```python\nprint('code')\n```\n\n| clause | content |\n| --- | --- |\n| 4 | *mutual* defence |\n\n---\n\n![only an image](x.png)\n"
    )
    assert markdown_to_text(source) == (
        "Setext title\n\n"
        "A line with a hard\nbreak; *escaped*, & and ©, code, gone kept,  and inline tags.\n\n"
        "1. first\n2. second point\n\n"
        "bullet one\nbullet two\n\n"
        "Quoted words.\n\n"
        "HTML block text\n\n"
        "print('code')\n\n"
        "clause\tcontent\n4\tmutual defence"
    )
    (tmp_path / "images.md").write_text("![a](a.png)\n\n<!-- a comment -->\n", encoding="utf-8")
    assert _reason(read_file(tmp_path / "images.md")) == "Markdown has no readable text (only markup, images or HTML without text)"


def test_fast_reader_reads_markdown_as_the_reader_does(tmp_path: Path):
    from pipelines.incremental import read_text_files

    (tmp_path / "wire.md").write_text(WIRE_MD, encoding="utf-8")
    (tmp_path / "wire.meta.json").write_text(json.dumps({"published": "2025-05-09", "language": "en"}), encoding="utf-8")
    (tmp_path / "plain.txt").write_text(WIRE_MD, encoding="utf-8")  # a .txt stays as written
    (tmp_path / "images.md").write_text("![a](a.png)\n", encoding="utf-8")
    paths = sorted(str(p) for p in tmp_path.iterdir() if not p.name.endswith(".meta.json"))
    fast, slow = read_text_files(paths, [os.path.getsize(p) for p in paths], max_bytes=1 << 24)
    assert slow == [str(tmp_path / "images.md")]
    assert fast == [record for p in paths for record in read_file(Path(p)).records]
    assert [r["text"] for r in fast] == [WIRE_MD, WIRE_TEXT]


def test_markdown_claims_and_offsets_refer_to_the_plain_text(tmp_path: Path):
    from pipelines.core import check
    from pipelines.settings import load_settings

    (tmp_path / "wire.md").write_text(WIRE_MD, encoding="utf-8")
    verdicts, ingested, _ = check([tmp_path], load_settings())
    article = ingested.articles.row(0, named=True)
    assert (article["text"], article["title"], article["dateline_outlet"]) == (WIRE_TEXT, "Russia thanks North Korea for the Kursk operation", "Wire")
    assert verdicts.height and ingested.errors.is_empty()
    for claim in verdicts.iter_rows(named=True):
        assert WIRE_TEXT[claim["char_start"]:claim["char_end"]] == claim["claim_text"]
        assert not any(mark in claim["claim_text"] for mark in ("*", "[", "](", "x.example", "#"))
    assert {"event_date", "treaty_clause"} <= set(verdicts["claim_type"])


def test_across_refreshes_a_default_date_does_not_hide_a_later_copy_with_its_own(tmp_path: Path):
    """A refresh run with a --published default stores the bare article with that date
    (published_source 'default'); a copy whose sidecar has a date, arriving in a later refresh,
    still becomes the article, as `factcheck check` decides on both files at once."""
    import datetime as dt

    from pipelines.extract.lexicon import load_lexicons
    from pipelines.incremental import refresh_raw
    from pipelines.settings import load_settings

    lexicons = load_lexicons(load_settings().lexicon_dir)
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "a-plain.txt")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        def state():
            refresh_raw(con, [str(folder)], lexicons, max_bytes=1 << 24, published=dt.date(2025, 1, 1))
            rows = con.execute("select source_path, cast(published_on as varchar), published_source from raw.articles").fetchall()
            return [(Path(p).name, on, source) for p, on, source in rows]

        assert state() == [("a-plain.txt", "2025-01-01", "default")]
        shutil.copy(SPUTNIK.with_suffix(".txt"), folder / "b-dated.txt")
        (folder / "b-dated.meta.json").write_text(json.dumps({"published": "2025-04-28"}), encoding="utf-8")
        assert state() == [("b-dated.txt", "2025-04-28", "metadata")]
        copies = con.execute("select source_path, copy_of_path from raw.article_copies").fetchall()
        assert [(Path(a).name, Path(b).name) for a, b in copies] == [("a-plain.txt", "b-dated.txt")]
    finally:
        con.close()


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])  # the fast reader and the exact one
@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_claim_offsets_index_a_windows_text_as_python_reads_it(tmp_path: Path, encoding: str, newline: str):
    from pipelines.core import check
    from pipelines.settings import load_settings

    text = SPUTNIK.with_suffix(".txt").read_text(encoding="utf-8")
    path = tmp_path / "windows.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding, errors="replace"))
    verdicts, ingested, _ = check([path], load_settings(), published=dt.date(2025, 4, 28))
    as_read = path.read_text(encoding=encoding)  # universal newlines
    assert "\r" not in ingested.articles["text"][0] and ingested.articles["text"][0] == as_read
    assert len(verdicts) >= 10
    for claim in verdicts.iter_rows(named=True):
        assert as_read[claim["char_start"]:claim["char_end"]] == claim["claim_text"]


def test_check_lists_a_jsonl_files_claims_article_by_article(tmp_path: Path):
    """Two articles of one .jsonl file: their claims come line by line, not merged by offset."""
    from pipelines.core import check
    from pipelines.settings import load_settings

    other = Path(__file__).parent / "eval" / "en" / "analysis-not-nato.txt"
    lines = [
        {"text": SPUTNIK.with_suffix(".txt").read_text(encoding="utf-8"), "published": "2025-04-28"},
        {"text": other.read_text(encoding="utf-8"), "published": "2025-04-29"},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    verdicts, ingested, _ = check([path], load_settings())
    line_of = dict(zip(ingested.articles["article_id"], ingested.articles["line_no"]))
    order = [(line_of[a], s) for a, s in zip(verdicts["article_id"], verdicts["char_start"])]
    assert len(set(line_of.values())) == 2 and order == sorted(order)


def test_short_texts_get_the_full_language_models():
    """Lingua's low-accuracy mode misreads headline-sized texts; those get the full models."""
    from pipelines.ingest.articles import SHORT_TEXT_CHARS, detect_languages

    texts = {
        "Kim Jong Un met Putin in Pyongyang.": "en",
        "Shoigu visited Pyongyang in June.": "en",
        "Il trattato è entrato in vigore.": "it",
        "O tratado entrou em vigor.": "pt",
        "Putin dankte Nordkorea für die Hilfe.": "de",
    }
    assert all(len(t) < SHORT_TEXT_CHARS for t in texts)
    long = SPUTNIK.with_suffix(".txt").read_text(encoding="utf-8")
    found = detect_languages([*texts, long], ("de", "en", "es", "fr", "it", "pt", "ru"))
    assert found == [*texts.values(), "es"]
