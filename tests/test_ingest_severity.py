"""raw.ingest_errors.severity: every place that records an ingest problem says whether the input
was not used (``error``) or used without one value (``warning``); ``factcheck check``'s exit code
reads the column, a warehouse from before the column gets it in place, and the GE suite checks it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl

from pipelines.cli import has_unusable_input
from pipelines.core import ERROR_SCHEMA
from pipelines.extract.lexicon import load_lexicons
from pipelines.incremental import add_error_severity, refresh_raw
from pipelines.ingest.meta import IGNORED
from pipelines.ingest.readers import ERROR, SEVERITIES, WARNING, error_line, read_inputs
from pipelines.quality.expectations import run_suite
from pipelines.settings import load_settings
from tests.conftest import SEED

ARTICLE = "Tratado en vigor\n\nMoscú, 28 de abril (Agencia Ejemplo) .- El tratado firmado en Pionyang el 19 de junio de 2024 prevé asistencia militar inmediata."
BAD_DATE = "04/05/2025"  # ambiguous: day and month could be either
FEED = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Ejemplo</title><language>klingon-xx</language>
<item><title>Uno</title><link>https://example.org/1</link><pubDate>{BAD_DATE}</pubDate><description>{ARTICLE}</description></item>
</channel></rss>"""


def _inputs(root: Path) -> Path:
    """One input of each kind with a value that cannot be used (a warning) and inputs that
    cannot be used at all (errors)."""
    root.mkdir()
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "a.meta.json").write_text(json.dumps({"published": BAD_DATE}), encoding="utf-8")
    (root / "b.json").write_text(json.dumps({"text": ARTICLE, "language": "xx"}), encoding="utf-8")
    (root / "c.jsonl").write_text(json.dumps({"text": ARTICLE, "published": "yesterday"}) + "\n{broken\n", encoding="utf-8")
    (root / "d.csv").write_text(f"text,published\n\"{ARTICLE}\",{BAD_DATE}\n", encoding="utf-8")
    (root / "e.html").write_text(f"<html lang='zz-top'><head><title>E</title></head><body><article><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>", encoding="utf-8")
    (root / "f.xml").write_text(FEED, encoding="utf-8")
    (root / "g.json").write_text("{not json", encoding="utf-8")
    (root / "h.txt").write_text("   \n", encoding="utf-8")
    (root / "i.pdf").write_bytes(b"%PDF-1.4")
    (root / "orphan.meta.json").write_text("{}", encoding="utf-8")
    return root


def test_every_recorded_problem_has_a_severity(tmp_path: Path):
    result = read_inputs([_inputs(tmp_path / "in")])
    rows = result.errors
    assert rows and all(row["severity"] in SEVERITIES for row in rows), rows
    warnings = {(Path(r["source_path"]).name, r["line_no"]) for r in rows if r["severity"] == WARNING}
    errors = {(Path(r["source_path"]).name, r["line_no"]) for r in rows if r["severity"] == ERROR}
    # a value the article is kept without, from each kind of input that carries metadata
    assert {("a.meta.json", None), ("b.json", None), ("c.jsonl", 1), ("d.csv", 2), ("f.xml", None), ("f.xml", 1)} <= warnings, rows
    assert any(name == "e.html" for name, _ in warnings), rows
    # inputs that were not used at all
    assert {("c.jsonl", 2), ("g.json", None), ("h.txt", None), ("i.pdf", None), ("orphan.meta.json", None)} <= errors, rows
    # The message text is as before: a warning still ends with the words users grep for.
    assert all(r["reason"].endswith(IGNORED) == (r["severity"] == WARNING) for r in rows), rows
    con = duckdb.connect()
    con.register("errors", pl.DataFrame(rows, schema=ERROR_SCHEMA).to_arrow())
    outcomes = run_suite("raw.ingest_errors", con.execute("select * from errors").df())  # as the asset check fetches it
    assert all(o.success for o in outcomes), [o for o in outcomes if not o.success]


def _row(reason: str, severity: str | None) -> dict:
    return {"source_path": "x.txt", "line_no": None, "reason": reason, "severity": severity, "recorded_at": dt.datetime(2025, 4, 28)}


def test_exit_code_reads_the_severity_not_the_text():
    frame = lambda *rows: pl.DataFrame(list(rows), schema=ERROR_SCHEMA)  # noqa: E731
    assert not has_unusable_input(frame())
    assert not has_unusable_input(frame(_row("published: 'x' is not a date; " + IGNORED, WARNING)))
    # An input that was not used counts whatever its text ends with, and a warning whatever it says.
    assert has_unusable_input(frame(_row("line 3: not valid JSON; " + IGNORED, ERROR)))
    assert not has_unusable_input(frame(_row("sidecar value not used", WARNING)))
    assert has_unusable_input(frame(_row("no text (only whitespace)", None))), "a row without a severity is not taken for a warning"
    assert error_line(_row("url: 'javascript:' ...; " + IGNORED, WARNING)) == "x.txt: warning: url: 'javascript:' ...; " + IGNORED
    assert error_line(_row("no text (only whitespace)", ERROR)) == "x.txt: no text (only whitespace)"


def test_check_prints_warnings_as_such_and_exits_by_severity(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": "xx"}), encoding="utf-8")
    run = lambda *paths: subprocess.run([sys.executable, "-m", "pipelines.cli", "--quiet", "check", *map(str, paths)],  # noqa: E731
                                        capture_output=True, text=True, env=os.environ.copy(), timeout=300)
    out = run(article)
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().endswith(f"a.meta.json: warning: language: 'xx' is not a language (an ISO 639-1 code such as 'es', or a name such as 'Spanish'); {IGNORED}"), out.stderr
    (tmp_path / "empty.txt").write_text(" ", encoding="utf-8")
    both = run(article, tmp_path / "empty.txt")
    assert both.returncode == 1 and "empty.txt: no text (only whitespace)" in both.stderr, both.stderr


def test_a_warehouse_from_before_the_column_gets_it_in_place(tmp_path: Path):
    root = _inputs(tmp_path / "in")
    for name in ("c.jsonl", "d.csv", "e.html", "f.xml", "i.pdf"):
        (root / name).unlink()
    db = tmp_path / "w.duckdb"
    lexicons = load_lexicons(load_settings().lexicon_dir)
    con = duckdb.connect(str(db))
    try:
        refresh_raw(con, [str(root)], lexicons, max_bytes=1 << 20)
        expected = con.execute("select source_path, reason, severity from raw.ingest_errors order by all").fetchall()
        assert {s for _, _, s in expected} == {ERROR, WARNING}
        # What an older version wrote: the same rows without the column.
        con.execute("alter table raw.ingest_errors drop column severity")
        articles = con.execute("select count(*) from raw.articles").fetchone()[0]
        delta = refresh_raw(con, [str(root)], lexicons, max_bytes=1 << 20)
        assert not delta.full and delta.files_read == 0, "adding the column must not re-read every file"
        assert con.execute("select source_path, reason, severity from raw.ingest_errors order by all").fetchall() == expected
        assert con.execute("select count(*) from raw.articles").fetchone()[0] == articles
        comment = con.execute("select comment from duckdb_columns() where schema_name = 'raw' and table_name = 'ingest_errors' and column_name = 'severity'").fetchone()[0]
        assert comment and comment.startswith("error (")
        assert not add_error_severity(con), "a second time there is nothing to add"
        frame = con.execute("select * from raw.ingest_errors").df()
        assert all(o.success for o in run_suite("raw.ingest_errors", frame))
    finally:
        con.close()
