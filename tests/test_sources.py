"""Declared sources (data/sources.yaml): validation messages, kinds, hints, column mappings,
boundaries, the sensor's watch list, the ingest asset, and polite feed fetching.

Fetch tests talk to a throw-away HTTP server on 127.0.0.1 serving fixture bytes: no network.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest
from dagster import build_sensor_context, materialize

from pipelines.core import ingest
from pipelines.defs.automation import article_files_sensor
from pipelines.defs.ingest import raw_articles
from pipelines.defs.sources import raw_feed_fetches
from pipelines.extract.lexicon import load_lexicons
from pipelines.ingest.fetch import fetch_feed
from pipelines.ingest.sources import SourcesError, default_sources, load_sources, parse_sources, schedule_seconds, watched_paths
from pipelines.resources import WarehouseResource
from pipelines.warehouse import build_path_for

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures" / "ingest"
LEXICONS = load_lexicons(PROJECT / "data" / "lexicons")


def _data(tmp_path: Path, yaml_text: str | None) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    if yaml_text is not None:
        (data / "sources.yaml").write_text(yaml_text, encoding="utf-8")
    return data


# --------------------------------------------------------------------------- validation

def test_bundled_sources_file_declares_the_articles_folder():
    sources = load_sources(PROJECT / "data")
    assert [(s.name, s.kind, s.path) for s in sources.sources] == [("articles", "folder", "articles")]
    assert sources.near.threshold == 0.6


def test_without_a_sources_file_the_articles_folder_is_the_source(tmp_path: Path):
    data = _data(tmp_path, None)
    assert load_sources(data) == default_sources()
    assert [i.path for i in load_sources(data).inputs(data)] == [data / "articles"]


@pytest.mark.parametrize(("text", "message"), [
    ("sources: [", "not valid YAML (line"),
    ("", "empty file"),
    ("- a\n- b\n", "a mapping with a 'sources:' list is expected"),
    ("sources: []", "sources: List should have at least 1 item"),
    ("sources:\n  - name: wire\n    kind: rss\n    path: x", "sources[0] (wire).kind: Input should be 'folder', 'html_folder', 'feed_file', 'feed_url', 'jsonl' or 'csv' (got 'rss')"),
    ("sources:\n  - name: wire\n    kind: feed_file", "sources[0] (wire): kind feed_file needs a path"),
    ("sources:\n  - name: wire\n    kind: feed_url\n    url: file:///etc/passwd", "sources[0] (wire).url: must be an http:// or https:// URL"),
    ("sources:\n  - name: a\n    kind: folder\n    path: x\n  - name: b\n    kind: folder\n    path: y\n    langauge: es", "sources[1] (b).langauge: Extra inputs are not permitted"),
    ("sources:\n  - name: a\n    kind: folder\n    path: x\n    language: spanish", "sources[0] (a).language: String should match pattern"),
    ("sources:\n  - name: a\n    kind: folder\n    path: x\n    schedule: sometimes", "sources[0] (a).schedule: use hourly, daily, weekly, manual"),
    ("sources:\n  - name: a\n    kind: csv\n    path: x.csv\n    columns: {body: text}", "sources[0] (a).columns.body: Extra inputs are not permitted"),
    ("sources:\n  - name: a\n    kind: feed_file\n    path: x.xml\n    columns: {text: body}", "columns and delimiter apply to jsonl, csv and folder sources"),
    ("sources:\n  - name: a\n    kind: folder\n    path: x\n  - name: a\n    kind: folder\n    path: y", "two sources are named 'a'"),
    ("sources:\n  - name: a\n    kind: folder\n    path: x\nnear_duplicates: {threshold: 1.5}", "near_duplicates.threshold: Input should be less than or equal to 1"),
])
def test_problems_are_one_line_naming_file_entry_and_field(text: str, message: str):
    with pytest.raises(SourcesError) as info:
        parse_sources(text, "data/sources.yaml")
    error = str(info.value)
    assert error.startswith("data/sources.yaml: ")
    assert "\n" not in error
    assert message in error, error


def test_schedule_hints():
    assert [schedule_seconds(s) for s in ("hourly", "daily", "every 15 minutes", "2h", "manual", None)] == [3600, 86400, 900, 7200, None, None]


# --------------------------------------------------------------------------- reading

SOURCES = """
sources:
  - name: wire-feeds
    kind: feed_file
    path: incoming/feeds
    outlet: Desk Default Outlet
  - name: saved-pages
    kind: html_folder
    path: incoming/pages
    language: en
  - name: monitor-export
    kind: jsonl
    path: incoming/monitor-export.jsonl
    columns: {text: body, title: headline, published: meta.date, language: meta.lang, url: link, outlet: meta.site}
    date_format: "%d/%m/%Y"
  - name: archive
    kind: csv
    path: incoming/archivo.csv
    delimiter: ";"
    language: es
    columns: {text: cuerpo, title: titular, published: fecha, url: enlace, outlet: medio}
    date_format: "%d/%m/%Y"
  - name: disabled
    kind: folder
    path: nowhere
    enabled: false
  - name: escape
    kind: folder
    path: ../outside
  - name: remote
    kind: feed_url
    url: http://127.0.0.1:9/world.xml  # loopback, closed port: never the network
near_duplicates:
  threshold: 0.7
"""


@pytest.fixture
def declared(tmp_path: Path) -> Path:
    data = _data(tmp_path, SOURCES)
    incoming = data / "incoming"
    (incoming / "feeds").mkdir(parents=True)
    shutil.copy(FIXTURES / "feeds" / "rss2-ru-cp1251.xml", incoming / "feeds" / "ru.xml")
    shutil.copy(FIXTURES / "feeds" / "republished-it.xml", incoming / "feeds" / "it-feed.php")  # any name: read as a feed
    (incoming / "pages").mkdir()
    shutil.copy(FIXTURES / "wire" / "evening-courier-kursk.html", incoming / "pages" / "index.php?id=7")  # any name: read as HTML
    (incoming / "pages" / "untagged.htm").write_text("<html><body><article><p>" + "A page without a lang attribute, about the treaty signed in Pyongyang on June 19, 2024. " * 3 + "</p></article></body></html>", encoding="utf-8")
    shutil.copy(FIXTURES / "bulk" / "monitor-export.jsonl", incoming / "monitor-export.jsonl")
    shutil.copy(FIXTURES / "bulk" / "archivo.csv", incoming / "archivo.csv")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("SECRET", encoding="utf-8")
    return data


def test_declared_sources_are_read_with_their_kind_hints_and_mapping(declared: Path):
    sources = load_sources(declared)
    got = ingest(sources.inputs(declared), LEXICONS, near=sources.near)
    arts = {(r["source_name"], Path(r["source_path"]).name, r["line_no"]): r for r in got.articles.iter_rows(named=True)}

    ru = arts[("wire-feeds", "ru.xml", 1)]
    assert ru["outlet"] == "Пример Новости"  # the feed's own title beats the declared default
    assert arts[("wire-feeds", "it-feed.php", 1)]["language"] == "it"

    page = arts[("saved-pages", "index.php?id=7", None)]
    assert page["title"] == "Pyongyang's troops hailed as Moscow marks Kursk victory"
    untagged = arts[("saved-pages", "untagged.htm", None)]
    assert (untagged["language"], untagged["language_source"]) == ("en", "metadata")  # the declared hint

    a1 = arts[("monitor-export", "monitor-export.jsonl", 1)]
    assert (a1["title"], str(a1["published_on"]), a1["language"], a1["outlet"], a1["url"]) == ("Acuerdo ratificado", "2024-12-04", "es", "Agencia Ejemplo", "https://agencia.example.es/a1")
    assert str(arts[("monitor-export", "monitor-export.jsonl", 2)]["published_on"]) == "2024-12-04"  # ISO dates still read
    b1 = arts[("archive", "archivo.csv", 2)]
    assert (b1["title"], str(b1["published_on"]), b1["language"], b1["outlet"]) == ("Putin agradece a Corea del Norte", "2025-04-28", "es", "Agencia Ejemplo")
    assert "Segunda línea del cuerpo" in arts[("archive", "archivo.csv", 5)]["text"]

    errors = {(Path(r["source_path"]).name, r["line_no"]): r["reason"] for r in got.errors.iter_rows(named=True)}
    assert errors[("outside", None)] == "refused: path leads outside the data folder"
    assert errors[("remote.xml", None)] == "feed http://127.0.0.1:9/world.xml not fetched yet (see raw.feed_fetches)"
    assert "not valid JSON" in errors[("monitor-export.jsonl", 3)]
    assert "no article text" in errors[("monitor-export.jsonl", 4)]
    assert "6 fields, the header has 5" in errors[("archivo.csv", 4)]
    assert not any("nowhere" in p for p in got.errors["source_path"])  # disabled sources are not read
    assert not any("SECRET" in t for t in got.articles["text"])

    # The near-duplicate threshold comes from the file: the republished items are still copies.
    assert set(got.copies.filter(copy_kind="near")["line_no"]) == {2, 3}


def test_ingest_asset_reads_declared_sources_and_fails_clearly_on_a_bad_file(declared: Path, tmp_path: Path):
    db = tmp_path / "wh" / "factcheck.duckdb"
    resources = {"warehouse": WarehouseResource(db_path=str(db), data_dir=str(declared))}
    assert materialize([raw_feed_fetches, raw_articles], resources=resources).success
    con = duckdb.connect(str(build_path_for(db)), read_only=True)
    try:
        names = dict(con.execute("select source_name, count(*) from raw.articles group by all").fetchall())
        fetches = con.execute("select source_name, fetch_status from raw.feed_fetches").fetchall()
    finally:
        con.close()
    assert set(names) == {"wire-feeds", "saved-pages", "monitor-export", "archive"}
    assert [(n, status) for n, status in fetches] == [("remote", "failed")]  # loopback port 9: refused at once, no network

    (declared / "sources.yaml").write_text("sources:\n  - name: x\n    kind: rss\n    path: y\n", encoding="utf-8")
    result = materialize([raw_feed_fetches, raw_articles], resources=resources, raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "sources.yaml: sources[0] (x).kind: Input should be" in str(failure.event_specific_data.error)


def test_sensor_watches_declared_sources_and_the_sources_file(declared: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FACTCHECK_DATA", str(declared))
    paths = watched_paths(declared)
    assert paths[0] == declared / "sources.yaml"
    assert declared / "incoming" / "feeds" in paths and declared / "incoming" / "archivo.csv" in paths
    assert not any("remote" in str(p) for p in paths)

    ctx = build_sensor_context(cursor=None)
    article_files_sensor(ctx)
    cursor = ctx.cursor
    assert type(article_files_sensor(build_sensor_context(cursor=cursor))).__name__ == "SkipReason"
    feed = declared / "incoming" / "feeds" / "ru.xml"
    feed.write_bytes(feed.read_bytes() + b"\n")
    changed = article_files_sensor(build_sensor_context(cursor=cursor))
    assert type(changed).__name__ == "RunRequest"
    ctx2 = build_sensor_context(cursor=None)
    article_files_sensor(ctx2)
    (declared / "sources.yaml").write_text(SOURCES.replace("threshold: 0.7", "threshold: 0.8"), encoding="utf-8")
    assert type(article_files_sensor(build_sensor_context(cursor=ctx2.cursor))).__name__ == "RunRequest"


# --------------------------------------------------------------------------- fetching (loopback only)

class _Feeds(http.server.BaseHTTPRequestHandler):
    body = (FIXTURES / "wire" / "example-wire.rss").read_bytes()
    seen: list[dict] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        type(self).seen.append({"path": self.path, **dict(self.headers)})
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(self.body)))
            self.end_headers()
            self.wfile.write(self.body)
        elif self.path == "/huge.xml":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the limit is enforced while reading
            self.wfile.write(b"<rss>" + b"x" * 200_000)
        elif self.path == "/slow.xml":
            time.sleep(2)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Feeds)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_is_polite_and_conditional(server: str, tmp_path: Path):
    dest = tmp_path / "cache" / "wire.xml"
    _Feeds.seen.clear()
    first = fetch_feed("wire", f"{server}/feed.xml", dest, user_agent="desk-test/1.0 (+mailto:desk@example.org)")
    assert (first.fetch_status, first.http_status, first.byte_count) == ("fetched", 200, len(_Feeds.body))
    assert dest.read_bytes() == _Feeds.body
    assert _Feeds.seen[0]["User-Agent"] == "desk-test/1.0 (+mailto:desk@example.org)"
    second = fetch_feed("wire", f"{server}/feed.xml", dest, user_agent="desk-test/1.0")
    assert (second.fetch_status, second.http_status) == ("not_modified", 304)
    assert _Feeds.seen[1]["If-None-Match"] == '"v1"'
    third = fetch_feed("wire", f"{server}/feed.xml", dest, user_agent="desk-test/1.0", min_interval=3600)
    assert third.fetch_status == "fresh" and len(_Feeds.seen) == 2  # no request at all


def test_fetch_limits_keep_the_last_good_copy(server: str, tmp_path: Path):
    dest = tmp_path / "cache" / "wire.xml"
    dest.parent.mkdir()
    dest.write_bytes(b"<rss>last good copy</rss>")
    big = fetch_feed("wire", f"{server}/huge.xml", dest, user_agent="t", max_bytes=50_000)
    assert big.fetch_status == "failed" and "over the 50,000-byte limit" in big.reason
    slow = fetch_feed("wire", f"{server}/slow.xml", dest, user_agent="t", timeout=0.5)
    assert slow.fetch_status == "failed" and "timed out" in slow.reason
    redirected = fetch_feed("wire", f"{server}/to-file", dest, user_agent="t")
    assert redirected.fetch_status == "failed" and "file:///etc/passwd" in redirected.reason and ("not allowed" in redirected.reason or "refused" in redirected.reason)
    missing = fetch_feed("wire", f"{server}/nope.xml", dest, user_agent="t")
    assert (missing.fetch_status, missing.http_status, missing.reason) == ("failed", 404, "HTTP 404 Not Found")
    assert dest.read_bytes() == b"<rss>last good copy</rss>"


def test_fetched_feed_is_ingested_from_the_cache(server: str, tmp_path: Path):
    data = _data(tmp_path, f"sources:\n  - name: wire\n    kind: feed_url\n    url: {server}/feed.xml\n    schedule: hourly\n")
    db = tmp_path / "wh" / "factcheck.duckdb"
    assert materialize([raw_feed_fetches, raw_articles], resources={"warehouse": WarehouseResource(db_path=str(db), data_dir=str(data))}).success
    con = duckdb.connect(str(build_path_for(db)), read_only=True)
    try:
        fetches = con.execute("select source_name, fetch_status, http_status from raw.feed_fetches").fetchall()
        titles = [r[0] for r in con.execute("select title from raw.articles where source_name = 'wire' order by line_no").fetchall()]
    finally:
        con.close()
    assert fetches == [("wire", "fetched", 200)]
    assert titles == ["Putin thanks North Korean troops for Kursk help", "Oil prices edge higher"]
    assert json.loads((data / "cache" / "feeds" / "wire.xml.state.json").read_text())["etag"] == '"v1"'


def test_cli_lists_sources_and_reports_a_bad_file_in_one_line(declared: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    from pipelines.cli import main

    monkeypatch.setenv("FACTCHECK_DATA", str(declared))
    assert main(["--quiet", "sources"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in lines][:4] == [["wire-feeds", "feed_file"], ["saved-pages", "html_folder"], ["monitor-export", "jsonl"], ["archive", "csv"]]
    assert any(line.startswith("remote\tfeed_url") and "not fetched yet" in line for line in lines)
    (declared / "sources.yaml").write_text("sources:\n  - name: a\n    kind: folder\n", encoding="utf-8")
    assert main(["sources"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "sources.yaml: sources[0] (a): kind folder needs a path" in err
