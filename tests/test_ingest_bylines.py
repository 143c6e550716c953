"""Byline and timestamp lines at the top of an article ("Por Equipe de Checagem — 30/04/2025
10h00") are no sentences: their date is the publication's, never an event's claim
(pipelines/ingest/articles.py, _dateline_pattern, with each lexicon's byline_words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extract.lexicon import load_lexicons
from pipelines.ingest.articles import build_articles
from pipelines.settings import load_settings
from tests.conftest import check_per_language

# One byline style per language, each with the publication date and a time, then a sentence
# with a checkable date (the treaty was signed on 19 June 2024).
BYLINES = {
    "en": "Treaty in force\nBy Jane Doe and John Roe — April 30, 2025 10:00 AM\nThe treaty was signed in Pyongyang on 19 June 2024.",
    "es": "El tratado en vigor\nPor Juan Pérez | 30 de abril de 2025 - 10:00\nEl tratado fue firmado en Pionyang el 19 de junio de 2024.",
    "de": "Der Vertrag\nVon Max Mustermann, 30.04.2025, 10:00 Uhr\nDer Vertrag wurde am 19. Juni 2024 in Pjöngjang unterzeichnet.",
    "fr": "Le traité\nPar Jean Dupont, le 30 avril 2025 à 10h00\nLe traité a été signé à Pyongyang le 19 juin 2024.",
    "it": "Il trattato\nDi Mario Rossi - 30 aprile 2025 ore 10:00\nIl trattato è stato firmato a Pyongyang il 19 giugno 2024.",
    "pt": "Checagem: o tratado\nPor Equipe de Checagem — 30/04/2025 10h00\nO tratado foi assinado em 19 de junho de 2024, em Pyongyang.",
    "ru": "Договор вступил в силу\nАвтор: Иван Петров, 30 апреля 2025, 10:00\nДоговор был подписан в Пхеньяне 19 июня 2024 года.",
}


def _event_claims(rows: list[dict]) -> list[tuple[str, str]]:
    return [(r["claim_text"], r["verdict"]) for r in rows if r["claim_type"] == "event_date"]


def test_a_byline_with_the_publication_date_is_no_claim_in_every_language(tmp_path: Path):
    """Before: each byline was an event_date claim, not_enough_evidence."""
    found = check_per_language(tmp_path, BYLINES, published="2025-04-30")
    for language, rows in found.items():
        claims = _event_claims(rows)
        assert len(claims) == 1 and claims[0][1] == "supported", (language, claims)
        assert "2025" not in claims[0][0].replace("2024", ""), (language, claims)


def test_a_timestamp_line_a_byline_without_date_and_a_yearless_dateline_are_no_claims(tmp_path: Path):
    texts = {
        "en": "Treaty in force\nBy Jane Doe\nApril 30, 2025 10:00\nThe treaty was signed in Pyongyang on 19 June 2024.",
        "it": "Scheda\n\nROMA, 2 maggio — Il trattato è stato firmato a Pyongyang il 19 giugno 2024.",
        "de": "Der Vertrag\nVon Max Mustermann\nMOSKAU, 30. April (dpa) - Der Vertrag wurde am 19. Juni 2024 in Pjöngjang unterzeichnet.",
    }
    found = check_per_language(tmp_path, texts, published="2025-04-30")
    for language, rows in found.items():
        claims = _event_claims(rows)
        assert [v for _, v in claims] == ["supported"], (language, claims)
        assert not any(w in claims[0][0] for w in ("April 30", "ROMA", "MOSKAU")), (language, claims)


def test_a_sentence_that_starts_like_a_byline_is_still_read():
    """The byline ends its line right after the date and time: a sentence goes on."""
    lexicons = load_lexicons(load_settings().lexicon_dir)
    texts = [
        "Titular\nPor Putin, el 19 de junio de 2024 se firmó el tratado en Pionyang.",
        "Titular\nPor primera vez, 30 de abril de 2025\nEl texto.",
        "Title\nBy then, April 30, 2025 was the deadline.",
    ]
    records = [{"text": t, "source_path": f"{n}.txt", "published": "2025-04-30"} for n, t in enumerate(texts)]
    articles, _ = build_articles(records, lexicons)
    assert articles["dateline_day"].to_list() == [None, None, None]


def test_a_byline_date_is_the_publication_date_when_the_metadata_has_none():
    lexicons = load_lexicons(load_settings().lexicon_dir)
    records = [{"text": text, "source_path": f"{lang}.txt"} for lang, text in BYLINES.items()]
    records.append({"text": "Titulo\nPor Ana Lima — 04/05/2025 10h00\nO tratado foi assinado.", "source_path": "ambiguous.txt"})
    records.append({"text": BYLINES["pt"] + " (com data)", "source_path": "dated.txt", "published": "2025-05-01"})
    articles, _ = build_articles(records, lexicons)
    got = {r["source_path"]: (str(r["published_on"]) if r["published_on"] else None, r["published_source"]) for r in articles.iter_rows(named=True)}
    assert got == {
        **{f"{lang}.txt": ("2025-04-30", "dateline") for lang in BYLINES},
        "ambiguous.txt": (None, None),  # 4 May or 5 April: as in metadata, no date
        "dated.txt": ("2025-05-01", "metadata"),  # metadata beats it
    }


@pytest.mark.parametrize("language", sorted(BYLINES))
def test_every_lexicon_has_byline_words(language: str):
    lexicons = load_lexicons(load_settings().lexicon_dir)
    assert lexicons[language].byline_words
