"""Markdown front matter (Hugo, Jekyll, Pandoc exports) is metadata, not article text
(pipelines/ingest/frontmatter.py): its keys fill the sidecar's fields, a sidecar still beats
them, and a bad block is a one-line warning naming the file while the article is read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipelines.ingest.readers import read_file, read_inputs

BODY = (
    "# Scheda: il trattato in cifre\n\n"
    "**ROMA, 2 maggio** — Il trattato è stato firmato il 19 giugno 2024 a Pyongyang.\n\n"
    "- **Maria Zakharova**, portavoce del ministero degli Esteri russo.\n"
)
BODY_TEXT = (
    "Scheda: il trattato in cifre\n\n"
    "ROMA, 2 maggio — Il trattato è stato firmato il 19 giugno 2024 a Pyongyang.\n\n"
    "Maria Zakharova, portavoce del ministero degli Esteri russo."
)
YAML_FRONT = (
    "---\n"
    'title: "Scheda: il trattato Russia-Corea del Nord in cifre"\n'
    "date: 2025-05-02\n"
    "lang: it\n"
    "author: [Redazione Esteri, Mario Rossi]\n"
    "permalink: /2025/05/02/scheda/\n"
    "canonicalURL: https://esteri.example.it/scheda\n"
    "publisher: Esteri Oggi\n"
    "tags: [trattato, Corea]\n"
    "---\n\n"
)


def _errors(result) -> list[tuple[str, str, str]]:
    return [(Path(e["source_path"]).name, e["severity"], e["reason"]) for e in result.errors]


def test_yaml_front_matter_is_metadata_and_not_text(tmp_path: Path):
    (tmp_path / "scheda.md").write_text(YAML_FRONT + BODY, encoding="utf-8")
    result = read_file(tmp_path / "scheda.md")
    assert result.errors == []
    (record,) = result.records
    assert record["text"] == BODY_TEXT
    assert {k: record[k] for k in ("title", "published", "language", "author", "url", "outlet")} == {
        "title": "Scheda: il trattato Russia-Corea del Nord in cifre",  # the metadata's, not the first line's
        "published": "2025-05-02",
        "language": "it",
        "author": "Redazione Esteri, Mario Rossi",
        "url": "https://esteri.example.it/scheda",  # a relative permalink names no page
        "outlet": "Esteri Oggi",
    }


@pytest.mark.parametrize("front", [
    '+++\ntitle = "Scheda"\ndate = 2025-05-02T10:00:00+02:00\nlanguage = "it-IT"\n+++\n',  # Hugo TOML
    "---\ntitle: Scheda\npublished: May 2, 2025\nlanguage: Italian\n...\n",  # Pandoc's closing line
    "\ufeff---\nTitle: Scheda\nDate: '2025-05-02 10:00'\nLang: IT\n---\n",  # BOM, keys in any case
])
def test_toml_pandoc_and_other_spellings_of_front_matter(tmp_path: Path, front: str):
    (tmp_path / "a.md").write_text(front + BODY, encoding="utf-8")
    result = read_file(tmp_path / "a.md")
    assert result.errors == []
    (record,) = result.records
    assert (record["text"], record["title"], record["published"], record["language"]) == (BODY_TEXT, "Scheda", "2025-05-02", "it")


def test_a_sidecar_beats_the_front_matter_and_a_txt_file_has_none(tmp_path: Path):
    (tmp_path / "a.md").write_text(YAML_FRONT + BODY, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-05-03", "title": "Dal sidecar"}), encoding="utf-8")
    (tmp_path / "b.txt").write_text(YAML_FRONT + "Testo.", encoding="utf-8")
    result = read_inputs([tmp_path])
    records = {Path(r["source_path"]).name: r for r in result.records}
    assert (records["a.md"]["published"], records["a.md"]["title"], records["a.md"]["language"]) == ("2025-05-03", "Dal sidecar", "it")
    assert records["b.txt"]["text"] == YAML_FRONT + "Testo." and "published" not in records["b.txt"]


@pytest.mark.parametrize(("front", "reason", "text"), [
    ("---\ntitle: Scheda\ndate: 2025-05-02\n\n", "front matter: the '---' block is not closed (read as article text); ignored, the article is kept", None),
    ("---\ntitle: [Scheda\ndate: 2025-05-02\n---\n", "front matter: not valid YAML (", BODY_TEXT),
    ("+++\ntitle = \n+++\n", "front matter: not valid TOML (", BODY_TEXT),
    ("---\ndate: 04/05/2025\nlang: klingon\n---\n", "front matter published: '04/05/2025' is ambiguous", BODY_TEXT),
])
def test_bad_front_matter_is_a_one_line_warning_and_the_article_is_read(tmp_path: Path, front: str, reason: str, text: str | None):
    from pipelines.core import ingest
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.settings import load_settings

    (tmp_path / "bad.md").write_text(front + BODY, encoding="utf-8")
    result = read_file(tmp_path / "bad.md")
    (record,) = result.records
    assert record["text"] == (text if text is not None else record["text"]) and "Maria Zakharova" in record["text"]
    lines = _errors(result)
    assert lines and all(name == "bad.md" and severity == "warning" and "\n" not in why and why.endswith("ignored, the article is kept") for name, severity, why in lines)
    assert lines[0][2].startswith(reason), lines
    # the warehouse's fast reader leaves such a file to the exact reader, so both record the line
    checked = ingest([tmp_path], load_lexicons(load_settings().lexicon_dir))
    assert [r for _, _, r in lines] == checked.errors["reason"].to_list()


def test_a_rule_and_a_setext_heading_are_markdown_not_front_matter(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\nScheda\n---\n\n- uno\n- due\n", encoding="utf-8")
    result = read_file(tmp_path / "a.md")
    assert result.errors == [] and result.records[0]["text"] == "Scheda\n\nuno\ndue"


def test_fast_reader_reads_front_matter_as_the_reader_does(tmp_path: Path):
    from pipelines.incremental import read_text_files

    (tmp_path / "good.md").write_text(YAML_FRONT + BODY, encoding="utf-8")
    (tmp_path / "bad.md").write_text("---\ntitle: [x\n---\n" + BODY, encoding="utf-8")
    paths = sorted(str(p) for p in tmp_path.iterdir())
    fast, slow = read_text_files(paths, [os.path.getsize(p) for p in paths], max_bytes=1 << 24)
    assert slow == [str(tmp_path / "bad.md")]
    assert fast == read_file(tmp_path / "good.md").records


def test_front_matter_makes_no_claims_and_dates_the_article(tmp_path: Path):
    """Before: the title line was a quote claim, 'date: 2025-05-02' an event_date claim, the
    dateline "ROMA, 2 maggio" a year-less date, and the office claim had no date to be checked on."""
    from pipelines.core import check
    from pipelines.settings import load_settings

    (tmp_path / "scheda.md").write_text(YAML_FRONT + BODY, encoding="utf-8")
    verdicts, ingested, _ = check([tmp_path], load_settings())
    article = ingested.articles.row(0, named=True)
    assert (str(article["published_on"]), article["published_source"], article["language"]) == ("2025-05-02", "metadata", "it")
    rows = verdicts.sort("char_start").select("claim_type", "claim_text", "char_start", "char_end", "verdict").rows(named=True)
    for row in rows:
        assert BODY_TEXT[row["char_start"]:row["char_end"]] == row["claim_text"]  # offsets index the text as read
    assert not any("2025-05-02" in r["claim_text"] or "Scheda" in r["claim_text"] or "ROMA" in r["claim_text"] for r in rows), rows
    assert [(r["claim_type"], r["verdict"]) for r in rows] == [("event_date", "supported"), ("office_holder", "supported")]
