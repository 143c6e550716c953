"""docs/sql_models.md is written by hand: what it says about the real models must match their headers.

The headers are read with the project's own reader (``pipelines.sqlmodels.project``), so the test
compares the doc with what the engine builds, not with a second parse of the files.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest

from pipelines import core

ROOT = Path(__file__).resolve().parent.parent
SQL_MODELS_DOC = ROOT / "docs" / "sql_models.md"
REFRESH_SECTION = "### How the verification models refresh"
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the first Markdown table after ``heading`` (cells stripped)."""
    section = markdown.split(heading, 1)[1]
    rows = []
    for line in section.splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if set("".join(cells)) <= set("-: "):
            continue
        rows.append(cells)
    return rows[1:]  # without the header row


def documented_refresh(markdown: str) -> list[tuple[str, int | None, str, str | None]]:
    """(table name or glob, how many models the row names (None: one), materialization,
    delete_missing_from or None) per row of the refresh table."""
    out = []
    for cells in table_rows(markdown, REFRESH_SECTION):
        names = re.findall(r"`([a-z_*]+\.[a-z_*]+|\*_[a-z_]+)`", cells[0])
        assert len(names) == 1, f"a row of the refresh table names no single model: {cells[0]!r}"
        name = names[0] if "." in names[0] else f"intermediate.{names[0]}"
        count = re.search(r"the (\w+) `", cells[0])
        kind = re.sub(r"[*`]", "", cells[1]).split(",")[0].split()[0].strip()
        delete = re.search(r"delete_missing_from:\s*([a-z_]+\.[a-z_]+)", cells[1])
        out.append((name, NUMBERS[count.group(1)] if count else None, kind, delete.group(1) if delete else None))
    return out


@pytest.fixture(scope="module")
def models():
    return {m.table: m for m in core.sql_project().order()}


def test_refresh_table_of_sql_models_doc_matches_the_model_headers(models):
    rows = documented_refresh(SQL_MODELS_DOC.read_text(encoding="utf-8"))
    assert len(rows) >= 5
    for name, count, kind, delete in rows:
        matched = [t for t in models if fnmatch.fnmatchcase(t, name)]
        assert matched, f"docs/sql_models.md names {name}, which is no model"
        if count is not None:
            assert len(matched) == count, f"docs/sql_models.md says {count} models match {name}; the project has {sorted(matched)}"
        for table in matched:
            model = models[table]
            assert model.materialization == kind, f"docs/sql_models.md: {table} is {kind}; its header says {model.materialization}"
            assert model.delete_missing_from == delete, (
                f"docs/sql_models.md: {table} has delete_missing_from {delete}; its header says {model.delete_missing_from}"
            )


def test_doc_parser_sees_a_stale_delete_missing_from():
    """The comparison above would catch the drift it was written for (claim_verdicts was
    documented as deleting against intermediate.claims_decided after it moved to staging.claims)."""
    doc = "\n".join([
        REFRESH_SECTION, "", "| model | materialization | what |", "| --- | --- | --- |",
        "| `marts.claim_verdicts` | incremental, `delete_missing_from: intermediate.claims_decided` | ... |",
        "| the five `*_verdicts` models | incremental (unchanged logic) | ... |",
        "| `intermediate.claims_decided` | **view** (was a table) | ... |",
    ])
    assert documented_refresh(doc) == [
        ("marts.claim_verdicts", None, "incremental", "intermediate.claims_decided"),
        ("intermediate.*_verdicts", 5, "incremental", None),
        ("intermediate.claims_decided", None, "view", None),
    ]


def test_sql_files_named_in_docs_exist():
    for doc in (ROOT / "docs").glob("*.md"):
        for rel in re.findall(r"`((?:dbt_like_sql/)?(?:staging|intermediate|marts)/[a-z_]+\.sql)`", doc.read_text(encoding="utf-8")):
            path = ROOT / (rel if rel.startswith("dbt_like_sql/") else f"dbt_like_sql/{rel}")
            assert path.exists(), f"{doc.name} names {rel}, which does not exist"


def test_every_lexicon_field_is_documented_in_the_languages_guide():
    """docs/languages.md names every field a lexicon may set (as `field`), so adding a language
    never needs the code."""
    from pipelines.extract.lexicon import Lexicon

    doc = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    missing = [field for field in Lexicon.model_fields if field not in ("language", "name") and f"`{field}`" not in doc]
    assert not missing, missing
