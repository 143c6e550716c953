"""Sentences that suppose or deny instead of stating, in all seven languages: a figure in a
conditional clause is no quantity claim, and an article said not to (merely) carry another
article's content is not refuted on that content.

Every text is an article of its own (with its sidecar), all checked in one ``pipelines.core.check``
run (extraction and the verdict SQL on an in-memory DuckDB). The treaty has 23 articles, about
12,000 troops were sent; Article 3 of the Russia-DPRK treaty is consultations, Article 4 military
assistance without delay.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.core import check
from pipelines.settings import Settings
from tests.conftest import write_cases

ROOT = Path(__file__).resolve().parents[1]
NEE = "not_enough_evidence"

# Quantity claims (value, verdict) in text order: a number in a clause a conditional marker opens
# (or the conditional mood marks) before it states nothing; factual neighbours still do.
QUANTITIES = {
    "en": [("If North Korea were to send 100,000 troops, analysts say, the front would change.", []),
           ("What if North Korea sent 100,000 soldiers to Russia?", []),
           ("Imagine that North Korea sent 100,000 troops to Russia.", []),
           ("Analysts say that if North Korea sent 100,000 troops the war would change.", []),
           # After the number a marker supposes nothing; a conjunction opens another clause.
           ("North Korea sent about 12,000 troops to Russia, if not more.", [(12000, "supported")]),
           ("If the reports are right, North Korea sent about 12,000 troops to Russia.", [(12000, "supported")]),
           ("North Korea sent about 12,000 troops to Russia and the treaty has 23 articles.", [(12000, "supported"), (23, "supported")])],
    "es": [("¿Qué pasaría si Corea del Norte enviara 100.000 soldados más a Rusia?", []),
           ("Si Corea del Norte enviara 100.000 soldados a Rusia, la guerra cambiaría.", []),
           # "sí" (yes, indeed) is no "si".
           ("Corea del Norte sí envió unos 12.000 soldados a Rusia.", [(12000, "supported")])],
    "fr": [("Si la Corée du Nord envoyait 100 000 soldats en Russie, la guerre changerait.", []),
           ("Imaginons que la Corée du Nord envoie 100 000 soldats en Russie.", []),
           ("Même si Pyongyang le nie, la Corée du Nord a envoyé environ 12 000 soldats en Russie.", [(12000, "supported")]),
           ("Même si la Corée du Nord a envoyé environ 12 000 soldats en Russie, Pyongyang le nie.", [(12000, "supported")])],
    "de": [("Würde Nordkorea 100.000 Soldaten nach Russland schicken, wäre das eine neue Lage.", []),
           ("Wenn Nordkorea 100.000 Soldaten nach Russland schickte, änderte sich der Krieg.", []),
           # "wurden" (passive past) is not "würden".
           ("Rund 12.000 nordkoreanische Soldaten wurden nach Russland geschickt.", [(12000, "supported")]),
           ("Auch wenn Pjöngjang es bestreitet, schickte Nordkorea rund 12.000 Soldaten nach Russland.", [(12000, "supported")])],
    "it": [("Se la Corea del Nord inviasse 100.000 soldati in Russia, la guerra cambierebbe.", []),
           ("Anche se Pyongyang lo nega, la Corea del Nord ha inviato circa 12.000 soldati in Russia.", [(12000, "supported")]),
           ("Cosa succederebbe se la Corea del Nord inviasse 100.000 soldati in Russia?", [])],
    "pt": [("Se a Coreia do Norte enviasse mais cem mil soldados para a Rússia, a guerra mudaria.", []),
           ("Estima-se que a Coreia do Norte enviou cerca de 12 mil soldados para a Rússia.", [(12000, "supported")]),
           ("O que aconteceria se a Coreia do Norte enviasse cem mil soldados para a Rússia?", []),
           # The reflexive "se" (not opening the clause) supposes nothing.
           ("Também se disse que a Coreia do Norte enviou cerca de 12 mil soldados para a Rússia.", [(12000, "supported")])],
    "ru": [("Если бы КНДР отправила в Россию 100 тысяч военнослужащих, война изменилась бы.", []),
           ("КНДР отправила бы в Россию 100 тысяч военнослужащих.", []),
           # "хотя бы" is "at least".
           ("КНДР направила в Россию хотя бы 12 тысяч военнослужащих.", [(12000, "supported")]),
           # "будто бы" reports a claim ("supposedly"): the fake figure is refuted.
           ("По телеграм-каналам гуляет «новость»: будто бы КНДР отправила в Россию сто тысяч военнослужащих.", [(100000, "refuted")])],
}

# Modal verbs and "one day" make the clause a hypothetical too. English "may" is no marker: it is
# the month as often ("by 12 May 2025 ... had sent"), and folded text cannot tell them apart.
MODALS = {
    "en": [("Some analysts speculate that Pyongyang might one day send up to 50,000 more troops; if it did, the war would change.", []),
           ("North Korea could send 50,000 troops to Russia.", []),
           ("In May North Korea sent about 12,000 troops to Russia.", [(12000, "supported")]),
           ("By 12 May 2025 North Korea had sent about 12,000 troops to Russia.", [(12000, "supported")])],
    "es": [("Corea del Norte podría enviar 50.000 soldados a Rusia.", [])],
    "fr": [("La Corée du Nord pourrait envoyer 50 000 soldats en Russie.", [])],
    "de": [("Nordkorea könnte eines Tages 50.000 Soldaten nach Russland schicken.", [])],
    "it": [("La Corea del Nord potrebbe inviare 50.000 soldati in Russia.", [])],
    "pt": [("A Coreia do Norte poderia enviar 50 mil soldados para a Rússia.", [])],
    "ru": [("КНДР может отправить в Россию 50 тысяч военнослужащих.", [])],
}

# Treaty-clause claims (article, verdict) in text order: a negated description whose content is
# another article's is not refuted by that article (not_enough_evidence, the reason naming it).
DENIED_READINGS = {
    "en": [("Article 4 of the treaty with North Korea does not merely provide for consultations.", [(4, NEE)]),
           ("It is not true that Article 4 of the treaty with North Korea only requires consultations.", [(4, NEE)]),
           # Stated, not denied: still refuted.
           ("Article 4 of the treaty with North Korea only provides for consultations.", [(4, "refuted")])],
    "es": [("No es cierto que el artículo 4 del tratado con Corea del Norte solo prevea consultas.", [(4, NEE)]),
           ("El artículo 4 del tratado con Corea del Norte solo prevé consultas.", [(4, "refuted")])],
    "fr": [("L'article 4 du traité avec la Corée du Nord ne prévoit pas de simples consultations.", [(4, NEE)])],
    "de": [("Es stimmt nicht, dass Artikel 4 des Vertrags mit Nordkorea nur Konsultationen vorsieht.", [(4, NEE)])],
    "it": [("Non è vero che l'articolo 4 del trattato con la Corea del Nord preveda soltanto consultazioni.", [(4, NEE)])],
    "pt": [("O artigo 4.º do tratado com a Coreia do Norte não se limita a consultas.", [(4, NEE)])],
    "ru": [("Статья 4 договора с КНДР не сводится к консультациям.", [(4, NEE)])],
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    folder = tmp_path_factory.mktemp("hypotheticals")
    paths = {**write_cases(folder, QUANTITIES, "q"), **write_cases(folder, MODALS, "m"), **write_cases(folder, DENIED_READINGS, "t")}
    verdicts, _, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    claims = verdicts.sort("char_start").to_dicts()
    return {key: [r for r in claims if r["source_path"] == str(path)] for key, path in paths.items()}


def _cases(table: dict[str, list[tuple[str, list]]]) -> list[tuple[str, str, list]]:
    return [(language, text, expected) for language, items in table.items() for text, expected in items]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(QUANTITIES) + _cases(MODALS))
def test_a_supposed_figure_is_no_claim(rows, language, text, expected):
    found = [r for r in rows[(language, text)] if r["claim_type"] == "quantity"]
    assert [(r["quantity_value"], r["verdict"]) for r in found] == expected, [(r["claim_text"], r["reason"]) for r in found]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(DENIED_READINGS))
def test_a_denied_reading_is_not_refuted_by_another_article(rows, language, text, expected):
    found = [r for r in rows[(language, text)] if r["claim_type"] == "treaty_clause"]
    assert [(r["article_no"], r["verdict"]) for r in found] == expected, [(r["claim_text"], r["reason"]) for r in found]
    for row in found:
        if row["verdict"] == NEE:
            assert "Article 3" in row["reason"] and "denies" in row["reason"], row["reason"]


# Event-date claims (date, verdict) in text order: a date in a clause that supposes it is none.
DATES = {
    "en": [("If the treaty with North Korea had been signed in May 2024, the summit would have been earlier.", []),
           ("Putin and Kim Jong Un signed the treaty with North Korea in May 2024.", [("2024-05-01", "refuted")])],
    "es": [("Si el tratado con Corea del Norte se hubiera firmado en mayo de 2024, todo habría cambiado.", [])],
    "fr": [("Si le traité avec la Corée du Nord avait été signé en mai 2024, tout aurait changé.", [])],
    "de": [("Wäre der Vertrag mit Nordkorea im Mai 2024 unterzeichnet worden, hätte sich alles geändert.", []),
           ("Der Vertrag mit Nordkorea wurde im Mai 2024 unterzeichnet.", [("2024-05-01", "refuted")])],
    "it": [("Se il trattato con la Corea del Nord fosse stato firmato a maggio 2024, tutto sarebbe cambiato.", [])],
    "pt": [("Se o tratado com a Coreia do Norte tivesse sido assinado em maio de 2024, tudo teria mudado.", []),
           ("Também se ouviu que Kim Jong-un assinou a ratificação do tratado com a Rússia a 11 de novembro.", [("2024-11-11", "supported")])],
    "ru": [("Если бы договор с КНДР был подписан в мае 2024 года, всё было бы иначе.", [])],
}


@pytest.fixture(scope="module")
def date_rows(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    folder = tmp_path_factory.mktemp("hypothetical-dates")
    paths = write_cases(folder, DATES, "d")
    verdicts, _, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    claims = verdicts.filter(pl.col("claim_type") == "event_date").sort("char_start").to_dicts()
    return {key: [r for r in claims if r["source_path"] == str(path)] for key, path in paths.items()}


@pytest.mark.parametrize(("language", "text", "expected"), _cases(DATES))
def test_a_supposed_date_is_no_claim(date_rows, language, text, expected):
    found = date_rows[(language, text)]
    assert [(str(r["date_value"]), r["verdict"]) for r in found] == expected, [(r["claim_text"], r["reason"]) for r in found]
