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


# --------------------------------------------------------------------------- owners of an article

# An article whose owner is named and is no treaty of the pack (a capitalised name with a
# possessive, a legal-text word before the name) is that body's, tied to no treaty, however
# close NATO or the North Atlantic Treaty is named before.
NATO_FIRST = {
    "en": "NATO leaders met in Brussels.", "es": "La OTAN se reunió en Bruselas.", "fr": "L'OTAN s'est réunie à Bruxelles.",
    "de": "Die Nato tagte in Brüssel.", "it": "La Nato si è riunita a Bruxelles.", "pt": "A OTAN reuniu-se em Bruxelas.",
    "ru": "Североатлантический договор был подписан в 1949 году.",
}
OTHER_OWNERS = {
    "en": ["Fifa's Article 5 obliges clubs to respect its statutes.",
           "The Fifa's Article 5 requires clubs to respect its rules.",
           "Article 5 of the statutes of Fifa obliges clubs to respect its rules."],
    "de": ["Fifas Artikel 5 verpflichtet die Vereine, ihre Regeln zu achten.",
           "Artikel 5 der Statuten der Fifa verpflichtet die Vereine, ihre Regeln zu achten.",
           "Artikel 5 der Fifa-Statuten verpflichtet die Vereine, ihre Regeln zu achten.",
           # One capital, but the article's verb right after the name.
           "Artikel 5 der Fifa verpflichtet die Vereine, ihre Regeln zu achten.",
           "Artikel 5 der Fifa sieht vor, dass die Vereine ihre Regeln achten."],
    "fr": ["L'article 5 des statuts de la FIFA oblige les clubs à respecter ses règles."],
    "es": ["El artículo 5 del reglamento de la Fifa obliga a los clubes a respetar sus normas."],
    "it": ["L'articolo 5 del regolamento della Fifa obbliga i club a rispettare le regole."],
    "pt": ["O artigo 5 do código da Fifa obriga os clubes a respeitar as regras."],
    # "устав" is also the UN Charter's noun (a treaty): a treaty the pack does not hold.
    "ru": ["Статья 5 устава ФИФА обязывает клубы соблюдать правила.",
           # A bare genitive after the number: a name that is no acronym, the article's verb
           # right after it (the name is no subject of the number's clause).
           "Статья 5 Фифа обязывает клубы соблюдать правила.",
           "Статья 5 Евросоюза обязывает страны соблюдать правила.",
           "Статья 5 Международного олимпийского комитета обязывает клубы соблюдать правила.",
           # A charter named adjective first ("Олимпийская хартия") is a treaty the pack does not hold.
           "Статья 5 Олимпийской хартии обязывает клубы соблюдать правила."],
}


@pytest.mark.parametrize(("language", "text"), [(lang, t) for lang, texts in OTHER_OWNERS.items() for t in texts])
def test_an_article_whose_named_owner_is_no_pack_treaty_is_not_nato_s(run_extract, language, text):
    claims = run_extract(language, f"{NATO_FIRST[language]} {text}").filter(pl.col("claim_type") == "treaty_clause")
    assert claims.height == 1, claims.select("claim_text").rows()
    claim = claims.row(0, named=True)
    assert claim["treaty_id"] is None, (claim["claim_text"], claim["treaty_resolution"])


@pytest.mark.parametrize(("language", "text"), [
    # A person's remarks on the article, no legal text of theirs: no verb of the article follows.
    ("en", "Macron's Article 5 remarks worried allies who must assist a member under armed attack."),
    # The owner is the treaty's organisation.
    ("de", "Natos Artikel 5 verpflichtet die Verbündeten, einem angegriffenen Mitglied Beistand zu leisten."),
    ("en", "NATO's Article 5 obliges allies to assist a member under armed attack."),
    # A German noun with its verb after it is no name when it is a treaty's noun or body.
    ("de", "Artikel 5 der Allianz verpflichtet die Verbündeten, einem angegriffenen Mitglied Beistand zu leisten."),
    ("de", "Artikel 5 der Vereinbarung verpflichtet die Verbündeten, einem angegriffenen Mitglied Beistand zu leisten."),
    # A Russian genitive after the number that is the treaty's body or names a treaty.
    ("ru", "Статья 5 Альянса обязывает союзников оказать помощь члену, подвергшемуся нападению."),
    ("ru", "Статья 5 Вашингтонского договора обязывает союзников оказать помощь члену, подвергшемуся нападению."),
])
def test_a_possessive_that_names_no_other_legal_text_leaves_the_article_with_nato(run_extract, language, text):
    claims = run_extract(language, f"{NATO_FIRST[language]} {text}").filter(pl.col("claim_type") == "treaty_clause")
    assert claims["treaty_id"].to_list() == ["north_atlantic_1949"], claims.select("claim_text", "treaty_resolution").rows()


# A legal-text word after the article number that no owner connector or genitive article joins
# to it is the object of the clause, not the article's owner: the article stays the treaty's.
UNJOINED_DOCUMENT_WORDS = {
    "en": "The North Atlantic Treaty sets out in Article 5 the rules on collective defence.",
    "de": "Der Nordatlantikvertrag regelt in Artikel 5 die Einordnung eines bewaffneten Angriffs als Angriff gegen alle.",
    "es": "El Tratado del Atlántico Norte fija en el artículo 5 las reglas de la defensa colectiva.",
    "fr": "Le traité de l'Atlantique Nord établit à l'article 5 les règles de la défense collective.",
    "it": "Il Trattato del Nord Atlantico stabilisce all'articolo 5 le regole della difesa collettiva.",
    "pt": "O Tratado do Atlântico Norte estabelece no artigo 5 as regras da defesa coletiva.",
}


@pytest.mark.parametrize(("language", "text"), sorted(UNJOINED_DOCUMENT_WORDS.items()))
def test_a_legal_text_word_with_no_connector_after_the_number_is_no_owner(run_extract, language, text):
    claims = run_extract(language, text).filter(pl.col("claim_type") == "treaty_clause")
    assert claims.select("treaty_id", "treaty_resolution").rows() == [("north_atlantic_1949", "name earlier in the sentence")], claims.select("claim_text", "treaty_resolution").rows()


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Artikel 5 des neuen Gesetzes verpflichtet die Bürger zur Verteidigung."),
    ("de", "Artikel 5 der Geschäftsordnung verpflichtet die Abgeordneten zur Anwesenheit."),
    ("en", "Article 5 of the new tax code obliges citizens to pay."),
    ("fr", "L'article 5 d'une loi oblige les citoyens à payer."),
    ("it", "L'articolo 5 dell'ordinanza obbliga i cittadini a pagare."),
    ("es", "El artículo 5 de la nueva ley obliga a los ciudadanos a pagar."),
    ("pt", "O artigo 5 do código obriga os cidadãos a pagar."),
    ("ru", "Статья 5 нового закона обязывает граждан платить."),
])
def test_a_legal_text_joined_to_the_number_owns_the_article(run_extract, language, text):
    """Through an owner connector, an elided one ("dell'ordinanza") or a bare genitive
    ("статья 5 закона") the legal text is the article's owner: no treaty's."""
    claims = run_extract(language, f"{NATO_FIRST[language]} {text}").filter(pl.col("claim_type") == "treaty_clause")
    assert claims.select("treaty_id", "treaty_resolution").rows() == [(None, "legal text that is not a treaty")], claims.select("claim_text", "treaty_resolution").rows()


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
# A treaty the pack does not hold, as the count's subject or its owner after the counted noun:
# no figure of the pack is its count.
UNKNOWN_TREATY_COUNTS = {
    "en": ["The North Atlantic Treaty has 14 articles. The Treaty of Rome has 14 articles.",
           "The North Atlantic Treaty has 14 articles, as many as the 14 articles of the Treaty of Rome."],
    "es": ["El Tratado del Atlántico Norte tiene 14 artículos. El Tratado de Varsovia tenía 14 artículos."],
    "fr": ["Le traité de l'Atlantique Nord compte 14 articles. Le traité de Rome compte 14 articles."],
    "de": ["Der Nordatlantikvertrag umfasst 14 Artikel. Der Vertrag von Rom umfasst 14 Artikel."],
    "it": ["Il Trattato del Nord Atlantico conta 14 articoli. Il Trattato di Roma conta 14 articoli."],
    "pt": ["O Tratado do Atlântico Norte tem 14 artigos. O Tratado de Roma tem 14 artigos."],
    "ru": ["Североатлантический договор состоит из 14 статей. Варшавский договор состоял из 14 статей."],
}
for _lang, _texts in UNKNOWN_TREATY_COUNTS.items():
    COUNTS[_lang] += [(_t, [(14, "supported", NATO_COUNT), (14, NEE, None)]) for _t in _texts]


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
    "fr": [("La Corée du Nord a envoyé quelque 12 000 soldats en Russie. Kiev, de son côté, a gardé 60 000 soldats en réserve.", [(12000, "supported"), (60000, NEE)]),
           ("La Corée du Nord, elle, a envoyé quelque 12 000 soldats combattre les forces ukrainiennes.", [(12000, "supported")])],
    "de": [("Nordkorea schickte rund 12.000 Soldaten nach Russland. Kiew seinerseits hielt im Osten 60.000 Soldaten in Reserve.", [(12000, "supported"), (60000, NEE)]),
           ("Pjöngjang seinerseits schickte rund 12.000 Soldaten, um Russland gegen Kiew zu helfen.", [(12000, "supported")])],
    "it": [("La Corea del Nord ha inviato circa 12mila soldati in Russia. Kiev, dal canto suo, ha tenuto 60mila soldati in riserva.", [(12000, "supported"), (60000, NEE)])],
    "pt": [("A Coreia do Norte enviou cerca de 12 mil soldados para a Rússia. Kiev, por sua vez, manteve 60 mil soldados na reserva.", [(12000, "supported"), (60000, NEE)]),
           ("Pyongyang, por sua vez, enviou cerca de 12 mil soldados norte-coreanos para combater as forças ucranianas.", [(12000, "supported")])],
    "ru": [("КНДР направила в Россию около 12 тысяч военнослужащих. Киев же держал в резерве 60 тысяч военных.", [(12000, "supported"), (60000, NEE)]),
           ("КНДР направила в Россию около 12 тысяч военнослужащих. Киев, в свою очередь, держал 60 тысяч военных.", [(12000, "supported"), (60000, NEE)]),
           ("Пхеньян же направил около 12 тысяч военнослужащих воевать против Киева.", [(12000, "supported")])],
}


@pytest.fixture(scope="module")
def aside_verdicts(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    return _verdicts(tmp_path_factory.mktemp("asides"), {lang: [t for t, _ in cases] for lang, cases in ASIDES.items()})


@pytest.mark.parametrize(("language", "text", "expected"), [(lang, *case) for lang, cases in ASIDES.items() for case in cases])
def test_another_party_set_off_by_an_aside_is_still_the_subject_of_the_count(aside_verdicts, language, text, expected):
    rows = [r for r in aside_verdicts[(language, text)] if r["claim_type"] == "quantity"]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]
    assert all(r["reference_id"] == NIS for r in rows if r["verdict"] == "supported")
