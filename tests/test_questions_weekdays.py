"""A weekday in apposition after a full date belongs to that date, and a direct question asks
rather than claims (red-team QA round 2): neither gives a claim of its own that the reference
could refute."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipelines.extract.claims import extract_claims
from pipelines.ingest.articles import build_articles


@pytest.fixture(scope="module")
def run(lexicons, ref):
    def _run(language: str, text: str, published: str = "2025-05-03") -> pl.DataFrame:
        articles, _ = build_articles([{"text": text, "source_path": "t.txt", "language": language, "published": published}], lexicons)
        claims = extract_claims(articles, ref, lexicons)
        for row in claims.iter_rows(named=True):
            assert text[row["char_start"]:row["char_end"]] == row["claim_text"], row
        return claims

    return _run


def _dates(claims: pl.DataFrame) -> list[dt.date]:
    return claims.filter(pl.col("claim_type") == "event_date")["date_value"].to_list()


# (language, text): the Kursk region was reported retaken on Saturday 26 April 2025; the
# article is published a week later, on Saturday 3 May, so the weekday read on its own
# would be 2025-05-03.
APPOSITIONS = [
    ("ru", "Герасимов доложил Путину об освобождении Курской области 26 апреля 2025 года, в субботу."),
    ("en", "Gerasimov reported to Putin that the Kursk region was retaken on 26 April 2025, a Saturday."),
    ("es", "Gerasimov informó a Putin de la liberación de la región de Kursk el 26 de abril de 2025, un sábado."),
    ("fr", "Guerassimov a annoncé à Poutine la reprise de la région de Koursk le 26 avril 2025, un samedi."),
    ("de", "Gerassimow meldete Putin die Rückeroberung der Region Kursk am 26. April 2025, einem Samstag."),
    ("it", "Gerasimov ha riferito a Putin la riconquista della regione di Kursk il 26 aprile 2025, un sabato."),
    ("pt", "Gerasimov informou Putin da reconquista da região de Kursk em 26 de abril de 2025, um sábado."),
]


@pytest.mark.parametrize(("language", "text"), APPOSITIONS)
def test_a_weekday_after_a_full_date_is_no_claim_of_its_own(run, language, text):
    claims = run(language, text)
    assert _dates(claims) == [dt.date(2025, 4, 26)], claims.select("claim_text", "date_value").rows()


@pytest.mark.parametrize(("language", "text", "expected"), [
    # A weekday before the date already read as one date; a weekday in another clause stays its own.
    ("it", "Il trattato è stato firmato sabato 9 novembre 2024.", [dt.date(2024, 11, 9)]),
    ("en", "The Duma voted on 24 October 2024; on Saturday, Gerasimov reported to Putin.", [dt.date(2024, 10, 24), dt.date(2025, 5, 3)]),
])
def test_other_weekdays_are_unchanged(run, language, text, expected):
    assert sorted(_dates(run(language, text))) == expected


# Direct questions: the sentence asks, it does not claim.
QUESTIONS = [
    ("en", "Reader question: 'Did Putin sign the ratification law on November 19?'"),
    ("en", "Q: Does Article 4 require Russia to consult first?"),
    ("fr", "Question d'un lecteur : « Le traité a-t-il été signé le 12 juin ? »"),
    ("de", "Wann wurde der Vertrag unterzeichnet, am 19. oder am 20. Juni?"),
    ("es", "¿Envió Corea del Norte 100.000 soldados a Rusia?"),
    ("it", "Il trattato è stato firmato il 12 giugno 2024?"),
    ("pt", "O artigo 4 do tratado obriga a Rússia a consultar primeiro?"),
    ("ru", "Подписал ли Путин договор 12 июня 2024 года?"),
    ("en", "When was the treaty signed, on 19 or on 20 June 2024?"),
    # A complementizer after the claim ("что") is not before it: read in characters, not in the
    # bytes of the Cyrillic text, the sentence before the date has none.
    ("ru", "Подписал ли Путин договор с КНДР 20 июня 2024 года, что бы ни говорили в Сеуле?"),
]


@pytest.mark.parametrize(("language", "text"), QUESTIONS)
def test_a_direct_question_claims_nothing(run, language, text):
    claims = run(language, text, published="2024-12-04")
    checked = claims.filter(pl.col("claim_type").is_in(["event_date", "treaty_clause", "quantity"]))
    assert checked.is_empty(), checked.select("claim_type", "claim_text").rows()


def test_a_question_reporting_someones_claim_is_checked(run):
    """"…, como dijo ayer un tertuliano?" puts a pundit's claim to the reader: it is checked
    (so is "ayer", the day it was said)."""
    claims = run("es", "¿Firmó Kim Jong-un el tratado el 18 de junio, como dijo ayer un tertuliano?", published="2024-10-24")
    assert dt.date(2024, 6, 18) in _dates(claims)


def test_the_answer_after_a_question_is_still_a_claim(run):
    claims = run("en", "Did Putin sign the treaty on June 12? No. Putin signed the treaty on 19 June 2024 in Pyongyang.", published="2024-12-04")
    assert _dates(claims) == [dt.date(2024, 6, 19)]


@pytest.mark.parametrize(("language", "text", "claim_type"), [
    # An open question presupposes what it does not ask; a complement clause is given too.
    ("fr", "– Que change l'entrée en vigueur du traité le 4 décembre ?", "event_date"),
    ("pt", "— O que mudou com a confirmação norte-coreana, em 28/4, de que suas tropas lutaram em Kursk?", "event_date"),
    ("es", "—¿Le sorprendió que Corea del Norte confirmara el lunes el envío de tropas a Kursk?", "event_date"),
    ("en", "Why does Article 4 oblige Russia to provide military assistance without delay?", "treaty_clause"),
    # A title beside a name is given, not asked.
    ("pt", "— O chanceler russo, Serguei Lavrov, esteve em Pyongyang?", "office_holder"),
])
def test_what_a_question_takes_as_given_is_checked(run, language, text, claim_type):
    claims = run(language, text, published="2025-04-30")
    assert not claims.filter(pl.col("claim_type") == claim_type).is_empty(), claims.select("claim_type", "claim_text").rows()


@pytest.mark.parametrize(("language", "text"), [
    ("en", "10:02 MSK — Peskov spoke to reporters.\n\n10:31 MSK — Reader question: \"Did Putin sign the ratification law on November 19?\""),
    ("fr", "11h02 – Le porte-parole du Kremlin, Dmitri Peskov, a parlé aux journalistes.\n\n11h30 – Question d'un lecteur : « Le traité a-t-il été signé le 12 juin ? »"),
])
def test_a_quoted_question_is_not_credited_to_a_name_inside_it_or_to_an_earlier_speaker(run, language, text):
    claims = run(language, text, published="2024-12-04")
    quotes = claims.filter((pl.col("claim_type") == "quote") & pl.col("claim_text").str.contains("?", literal=True))
    assert quotes.is_empty(), quotes.select("claim_text", "speaker_text").rows()


def test_a_question_a_named_speaker_asks_stays_a_quote(run):
    claims = run("en", 'Peskov asked: "Why would Russia hide the date of the signing?"', published="2024-12-04")
    quotes = claims.filter(pl.col("claim_type") == "quote")
    assert quotes["speaker_text"].to_list() == ["Peskov"], quotes.select("claim_text", "speaker_text").rows()
