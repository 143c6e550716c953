"""Shared fixtures: a private copy of the bundled data and warehouse paths in tmp_path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SEED = PROJECT / "data" / "articles" / "sputnik-es-2025-04-28.txt"


def copy_data(target: Path) -> Path:
    """Copy articles, reference packs and lexicons (not the warehouse) into ``target``."""
    for name in ("articles", "reference", "lexicons"):
        shutil.copytree(PROJECT / "data" / name, target / name)
    (target / "warehouse").mkdir()
    return target


@pytest.fixture(scope="session")
def lexicons():
    """The bundled lexicons."""
    from pipelines.extract.lexicon import load_lexicons

    return load_lexicons(PROJECT / "data" / "lexicons")


@pytest.fixture(scope="session")
def ref():
    """The ref tables of the bundled reference packs (which must load without errors)."""
    from pipelines.reference.pack import discover_packs, to_tables

    packs = discover_packs(PROJECT / "data" / "reference")
    assert not packs.errors
    return to_tables(packs.packs)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


@pytest.fixture
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point FACTCHECK_DATA / FACTCHECK_DB at the private copy; returns the warehouse path."""
    db = data_dir / "warehouse" / "factcheck.duckdb"
    monkeypatch.setenv("FACTCHECK_DATA", str(data_dir))
    monkeypatch.setenv("FACTCHECK_DB", str(db))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    return db


@pytest.fixture(scope="module")
def run_extract(lexicons, ref):
    """Extract the claims of one text in a language (published 2025-04-28), checking that every
    claim's offsets index its text."""
    from pipelines.extract.claims import extract_claims
    from pipelines.ingest.articles import build_articles

    def _run(language: str, text: str):
        articles, _ = build_articles([{"text": text, "source_path": "t.txt", "language": language, "published": "2025-04-28"}], lexicons)
        claims = extract_claims(articles, ref, lexicons)
        for row in claims.iter_rows(named=True):
            assert text[row["char_start"]:row["char_end"]] == row["claim_text"], row
        return claims

    return _run


def write_cases(folder: Path, cases: dict[str, list[tuple[str, list]]], prefix: str, *, published: str = "2025-05-05") -> dict[tuple[str, str], Path]:
    """One article (with its sidecar) per case text: ``cases`` maps a language to (text,
    expected) pairs; returns (language, text) -> the article's path."""
    paths = {}
    for language, items in cases.items():
        for i, (text, _) in enumerate(items):
            path = folder / f"{prefix}-{language}-{i}.txt"
            path.write_text(text, encoding="utf-8")
            (folder / f"{prefix}-{language}-{i}.meta.json").write_text(json.dumps({"published": published, "language": language}), encoding="utf-8")
            paths[(language, text)] = path
    return paths


def check_per_language(folder: Path, texts: dict[str, str], *, published: str = "2025-04-28", data_dir: Path | None = None, check_offsets: bool = True) -> dict[str, list[dict]]:
    """The claims and verdicts (``pipelines.core.check``, the bundled data or ``data_dir``) of
    one article per language: ``texts`` maps a language to the article's text, written with a
    sidecar giving that language and ``published``. Every article must be ingested and, with
    ``check_offsets``, every claim's offsets must index its text. Returns language -> rows."""
    from pipelines.core import check
    from pipelines.settings import Settings

    paths = {}
    for language, text in texts.items():
        paths[language] = folder / f"{folder.name}-{language}.txt"
        paths[language].write_text(text, encoding="utf-8")
        (folder / f"{folder.name}-{language}.meta.json").write_text(json.dumps({"published": published, "language": language}), encoding="utf-8")
    verdicts, ingested, _ = check(list(paths.values()), Settings(data_dir=data_dir or PROJECT / "data", db_path=folder / "unused.duckdb"))
    assert ingested.articles.height == len(paths)
    rows = verdicts.to_dicts()
    if check_offsets:
        for row in rows:
            assert Path(row["source_path"]).read_text(encoding="utf-8")[row["char_start"]:row["char_end"]] == row["claim_text"], row
    return {language: [r for r in rows if r["source_path"] == str(path)] for language, path in paths.items()}
