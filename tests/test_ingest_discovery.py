"""The exact reader's discovery on a large folder: one file the fast scan cannot judge sends a
refresh through ``readers.discover_inputs``, which must find the same articles as the fast
scan and record that one file, nothing more.

Real files in tmp_path, real DuckDB files, no mocks.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from pipelines.incremental import refresh_raw, scan_inputs
from pipelines.ingest.readers import ARTICLE_SUFFIXES, ReadResult, discover_inputs, read_inputs

ARTICLES = 400
LANGUAGES = ("es", "en", "fr", "de")


def _folder(root: Path) -> Path:
    folder = root / "articles"
    folder.mkdir(parents=True)
    for i in range(ARTICLES):
        (folder / f"a{i:04d}.txt").write_text(f"Titular {i}\n\nMoscú, 28 de abril. Texto del artículo número {i}.\n", encoding="utf-8")
        if i % 5:  # some articles without a sidecar
            (folder / f"a{i:04d}.meta.json").write_text(json.dumps({"language": LANGUAGES[i % 4], "published": "2025-04-28"}), encoding="utf-8")
    # Names whose stems overlap: each sidecar belongs to its own article file.
    (folder / "b.v2.txt").write_text("Otro texto con dos puntos en el nombre.\n", encoding="utf-8")
    (folder / "b.v2.meta.json").write_text(json.dumps({"outlet": "Ejemplo"}), encoding="utf-8")
    return folder


def _raw(db: Path, folder: Path, lexicons) -> tuple[list, list, list]:
    con = duckdb.connect(str(db))
    try:
        refresh_raw(con, [str(folder)], lexicons, max_bytes=1 << 24)
        articles = con.execute("select * from raw.articles order by source_path").fetchall()
        copies = con.execute("select * from raw.article_copies order by source_path").fetchall()
        errors = con.execute("select source_path, line_no, reason from raw.ingest_errors order by source_path").fetchall()
    finally:
        con.close()
    return articles, copies, errors


def test_one_unsupported_file_in_a_large_folder_is_the_only_difference(tmp_path: Path, lexicons):
    clean = _folder(tmp_path / "clean")
    stray = tmp_path / "stray" / "articles"
    shutil.copytree(clean, stray)
    (stray / "notes.parquet").write_bytes(b"PAR1\x00\x00PAR1")
    assert scan_inputs([str(clean)], ARTICLE_SUFFIXES).clean
    assert not scan_inputs([str(stray)], ARTICLE_SUFFIXES).clean  # the exact reader's discovery runs

    found = ReadResult()
    paths = [p for _, p in discover_inputs([stray], found)]
    assert paths == sorted(p for p in stray.iterdir() if p.suffix == ".txt")
    assert [(Path(e["source_path"]).name, e["reason"]) for e in found.errors] == [("notes.parquet", "unsupported file type '.parquet'")]

    read = read_inputs([stray])
    assert len(read.records) == ARTICLES + 1
    assert [(Path(e["source_path"]).name, e["reason"]) for e in read.errors] == [("notes.parquet", "unsupported file type '.parquet'")]
    by_name = {Path(r["source_path"]).name: r for r in read.records}
    assert by_name["a0001.txt"]["language"] == "en" and "language" not in by_name["a0000.txt"]
    assert by_name["b.v2.txt"]["outlet"] == "Ejemplo"

    articles, copies, errors = _raw(tmp_path / "clean.duckdb", clean, lexicons)
    stray_articles, stray_copies, stray_errors = _raw(tmp_path / "stray.duckdb", stray, lexicons)
    relative = lambda rows, folder: [tuple(str(v).replace(str(folder), "<folder>") for v in row) for row in rows]
    assert len(articles) == ARTICLES + 1
    assert relative(stray_articles, stray) == relative(articles, clean)
    assert relative(stray_copies, stray) == relative(copies, clean)
    assert errors == []
    assert stray_errors == [(str(stray / "notes.parquet"), None, "unsupported file type '.parquet'")]


def test_orphan_sidecars_are_told_apart_from_owned_ones(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "a.meta.json", "bare", "bare.meta.json", "c.v2.txt", "c.v2.meta.json", "c.meta.json", "d.meta.json", "e.meta.json.txt"):
        (folder / name).write_text("{}" if name.endswith(".json") else "Texto.\n", encoding="utf-8")
    result = ReadResult()
    found = [p.name for _, p in discover_inputs([folder], result)]
    assert found == ["a.txt", "c.v2.txt", "e.meta.json.txt"]
    # A bare name owns its sidecar but is no supported article file; "c.meta.json" has no "c" or "c.<suffix>".
    assert [(Path(e["source_path"]).name, e["reason"]) for e in result.errors] == [
        ("bare", "unsupported file type '(none)'"),
        ("c.meta.json", "sidecar without an article file next to it"),
        ("d.meta.json", "sidecar without an article file next to it"),
    ]
