"""Whose an article or a count is: an article's owner that is no treaty of the pack, the party a
number's own clause names, the treaty a count of articles names in its own sentence.

End to end in all seven languages: each text is an article of its own, checked through
``pipelines.core.check`` (extraction and the verdict SQL on DuckDB) against the bundled pack.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.core import check
from pipelines.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NEE = "not_enough_evidence"
NATO_COUNT = "quantity:north_atlantic_treaty_article_count"
DPRK_COUNT = "quantity:dprk_russia_treaty_article_count"


def _verdicts(folder: Path, cases: dict[str, list[str]]) -> dict[tuple[str, str], list[dict]]:
    """Check every text as an article of its own (published 2025-04-28): (language, text) ->
    its claim rows in text order."""
    paths = {}
    for language, texts in cases.items():
        for i, text in enumerate(texts):
            path = folder / f"{language}-{i}.txt"
            path.write_text(text, encoding="utf-8")
            (folder / f"{language}-{i}.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": language}), encoding="utf-8")
            paths[(language, text)] = str(path)
    verdicts, _, _ = check([Path(p) for p in paths.values()], Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    rows = verdicts.sort("char_start").to_dicts()
    return {key: [r for r in rows if r["source_path"] == path] for key, path in paths.items()}


# --------------------------------------------------------------------------- counts of articles

# A count of articles whose own clause names a treaty is judged against that treaty's figure,
# never against the North Atlantic Treaty's 14 named in the sentence before: agreeing with NATO's
# figure does not make "the Russia–DPRK treaty has 14 articles" true, and "Российско-корейский
# договор" (a compound of the two parties) names the DPRK–Russia treaty.
COUNTS = {
    # language: (text, [(value, verdict, reference_id)] in text order)
    "en": [("The North Atlantic Treaty has 14 articles. The Russia–DPRK treaty has 14 articles.",
            [(14, "supported", NATO_COUNT), (14, "refuted", DPRK_COUNT)]),
           ("The North Atlantic Treaty has 14 articles. The Russian-Korean treaty has 23 articles.",
            [(14, "supported", NATO_COUNT), (23, "supported", DPRK_COUNT)])],
    "es": [("El Tratado del Atlántico Norte tiene 14 artículos. El tratado ruso-coreano tiene 23 artículos.",
            [(14, "supported", NATO_COUNT), (23, "supported", DPRK_COUNT)])],
    "fr": [("Le traité de l'Atlantique Nord compte 14 articles. Le traité russo-nord-coréen compte 14 articles.",
            [(14, "supported", NATO_COUNT), (14, "refuted", DPRK_COUNT)])],
    "de": [("Der Nordatlantikvertrag umfasst 14 Artikel. Der russisch-nordkoreanische Vertrag umfasst 14 Artikel.",
            [(14, "supported", NATO_COUNT), (14, "refuted", DPRK_COUNT)])],
    "it": [("Il Trattato del Nord Atlantico conta 14 articoli. Il trattato russo-nordcoreano conta 14 articoli.",
            [(14, "supported", NATO_COUNT), (14, "refuted", DPRK_COUNT)])],
    "pt": [("O Tratado do Atlântico Norte tem 14 artigos. O tratado russo-norte-coreano tem 14 artigos.",
            [(14, "supported", NATO_COUNT), (14, "refuted", DPRK_COUNT)]),
           # NATO is named only in the other number's clause: the 23 stays the treaty's before.
           ("O tratado com a Coreia do Norte foi ratificado em 2024. Tem 23 artigos, contra os 14 artigos do Tratado do Atlântico Norte.",
            [(23, "supported", DPRK_COUNT), (14, "supported", NATO_COUNT)])],
    "ru": [("Североатлантический договор состоит из 14 статей. Российско-корейский договор насчитывает 23 статьи.",
            [(14, "supported", NATO_COUNT), (23, "supported", DPRK_COUNT)])],
}


@pytest.fixture(scope="module")
def count_verdicts(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    return _verdicts(tmp_path_factory.mktemp("counts"), {lang: [t for t, _ in cases] for lang, cases in COUNTS.items()})


@pytest.mark.parametrize(("language", "text", "expected"), [(lang, *case) for lang, cases in COUNTS.items() for case in cases])
def test_a_count_of_articles_is_judged_against_the_treaty_its_own_clause_names(count_verdicts, language, text, expected):
    rows = [r for r in count_verdicts[(language, text)] if r["claim_type"] == "quantity"]
    assert [(r["quantity_value"], r["verdict"], r["reference_id"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]
