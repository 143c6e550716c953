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


# --------------------------------------------------------------------------- another party's troops

# The number's own clause opens on another party, set off from its verb by an aside ("meanwhile",
# "por su parte", "же"): Kyiv's troops are not North Korea's, however close North Korea is named.
# North Korea's own troops, and a party named after the counted noun, keep the match.
NIS = "quantity:nis_dprk_troops_estimate"
ASIDES = {
    # language: (text, [(value, verdict)] in text order)
    "en": [("North Korea sent about 12,000 troops to Russia. Kyiv, meanwhile, kept 60,000 troops in reserve.", [(12000, "supported"), (60000, NEE)]),
           ("North Korea sent about 12,000 troops to Russia. Ukraine, for its part, kept 60,000 troops in reserve.", [(12000, "supported"), (60000, NEE)]),
           ("North Korea sent about 12,000 troops to Russia. In May, meanwhile, Kyiv kept 60,000 troops in reserve.", [(12000, "supported"), (60000, NEE)]),
           ("North Korea, meanwhile, sent about 12,000 troops to Russia.", [(12000, "supported")]),
           ("North Korea's decision worried Seoul. About 12,000 North Korean troops were sent to fight Ukrainian forces.", [(12000, "supported")]),
           ("The deployment was confirmed in October. Pyongyang sent 12,000 troops to help Russia against Kyiv.", [(12000, "supported")]),
           ("North Korea joined the war. Kyiv, however, says that about 12,000 troops were sent.", [(12000, "supported")])],
    "es": [("Corea del Norte envió unos 12.000 soldados a Rusia. Kiev, por su parte, mantuvo 60.000 soldados en reserva.", [(12000, "supported"), (60000, NEE)]),
           ("Corea del Norte, por su parte, envió unos 12.000 soldados a Rusia.", [(12000, "supported")])],
    "fr": [("La Corée du Nord a envoyé quelque 12 000 soldats en Russie. Kiev, de son côté, a gardé 60 000 soldats en réserve.", [(12000, "supported"), (60000, NEE)])],
    "de": [("Nordkorea schickte rund 12.000 Soldaten nach Russland. Kiew seinerseits hielt im Osten 60.000 Soldaten in Reserve.", [(12000, "supported"), (60000, NEE)])],
    "it": [("La Corea del Nord ha inviato circa 12mila soldati in Russia. Kiev, dal canto suo, ha tenuto 60mila soldati in riserva.", [(12000, "supported"), (60000, NEE)])],
    "pt": [("A Coreia do Norte enviou cerca de 12 mil soldados para a Rússia. Kiev, por sua vez, manteve 60 mil soldados na reserva.", [(12000, "supported"), (60000, NEE)])],
    "ru": [("КНДР направила в Россию около 12 тысяч военнослужащих. Киев же держал в резерве 60 тысяч военных.", [(12000, "supported"), (60000, NEE)]),
           ("КНДР направила в Россию около 12 тысяч военнослужащих. Киев, в свою очередь, держал 60 тысяч военных.", [(12000, "supported"), (60000, NEE)])],
}


@pytest.fixture(scope="module")
def aside_verdicts(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    return _verdicts(tmp_path_factory.mktemp("asides"), {lang: [t for t, _ in cases] for lang, cases in ASIDES.items()})


@pytest.mark.parametrize(("language", "text", "expected"), [(lang, *case) for lang, cases in ASIDES.items() for case in cases])
def test_another_party_set_off_by_an_aside_is_still_the_subject_of_the_count(aside_verdicts, language, text, expected):
    rows = [r for r in aside_verdicts[(language, text)] if r["claim_type"] == "quantity"]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]
    assert all(r["reference_id"] == NIS for r in rows if r["verdict"] == "supported")
