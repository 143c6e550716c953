"""Dates and numbers whose subject is in the sentence before, in all seven languages: answers
to a question ("Q: When did the Duma ratify the treaty? A: On 24 October 2024."), sentences
opening with an answer word ("Non, le 19 juin 2024.", "Falso: ..."), and sentences naming their
subject by a pronoun or anaphor ("It has 23 articles.", "В нём 23 статьи."); numbers whose
counted noun is in their label or subject ("- Articoli del trattato: ventitré.", "It has
twenty-three."). And where nothing is carried: a sentence after an unrelated one, a date whose
own part of the sentence names another event, an answer that names somebody else, an article
number, a day, a year.

Every text is an article of its own (with its sidecar), all checked in one ``pipelines.core.check``
run; each case lists its event_date and quantity claims in text order as (type, value, verdict).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.core import check
from pipelines.extract.claims import _subject_spans, prepare
from pipelines.extract.lexicon import load_lexicons
from pipelines.settings import Settings
from tests.conftest import write_cases

ROOT = Path(__file__).resolve().parents[1]
NEE = "not_enough_evidence"

# The treaty was signed on 19 June 2024, ratified by the Duma on 24 October and the Federation
# Council on 6 November, and entered into force on 4 December 2024; it has 23 articles.
CARRIED = {
    "en": [("Q: When did the Duma ratify the treaty with North Korea?\n\nA: On 24 October 2024.", [("event_date", "2024-10-24", "supported")]),
           ("Russia and North Korea published their strategic partnership treaty in full. It entered into force on 4 December 2024.",
            [("event_date", "2024-12-04", "supported")]),
           ("The treaty between Russia and North Korea was published in full. It has 23 articles.", [("quantity", 23.0, "supported")])],
    "de": [("Frage: Wann hat der Föderationsrat den Vertrag mit Nordkorea ratifiziert?\n\nAntwort: Am 6. November 2024.",
            [("event_date", "2024-11-06", "supported")]),
           ("Der Vertrag zwischen Russland und Nordkorea wurde vollständig veröffentlicht. Er umfasst 23 Artikel.", [("quantity", 23.0, "supported")]),
           ("Die Duma hat den Vertrag mit Nordkorea am 24. Oktober 2024 ratifiziert. Der Föderationsrat folgte am 6. November 2024.",
            [("event_date", "2024-10-24", "supported"), ("event_date", "2024-11-06", "supported")])],
    "ru": [("Когда Госдума ратифицировала договор с КНДР? 24 октября 2024 года.", [("event_date", "2024-10-24", "supported")]),
           ("Договор между Россией и КНДР опубликован полностью. В нём 23 статьи.", [("quantity", 23.0, "supported")]),
           ("Договор о стратегическом партнёрстве России и КНДР опубликован полностью. Его подписали 19 июня 2024 года.",
            [("event_date", "2024-06-19", "supported")])],
    "fr": [("Le traité entre la Russie et la Corée du Nord a-t-il été signé le 12 juin 2024 ? Non, le 19 juin 2024.",
            [("event_date", "2024-06-19", "supported")]),
           ("Le traité entre la Russie et la Corée du Nord a été publié en entier. Il est entré en vigueur le 4 décembre 2024.",
            [("event_date", "2024-12-04", "supported")])],
    "es": [("¿Cuándo entró en vigor el tratado entre Rusia y Corea del Norte? El 4 de diciembre de 2024.", [("event_date", "2024-12-04", "supported")]),
           ("¿Cuántos artículos tiene el tratado con Corea del Norte? Tiene 23 artículos.", [("quantity", 23.0, "supported")])],
    "it": [("Su Facebook si legge che il trattato con la Corea del Nord è stato firmato il 20 giugno 2024. Falso: la firma è del 19 giugno 2024.",
            [("event_date", "2024-06-20", "refuted"), ("event_date", "2024-06-19", "supported")]),
           ("Domanda: quanti articoli ha il trattato con la Corea del Nord?\n\nRisposta: 23 articoli.", [("quantity", 23.0, "supported")])],
    "pt": [("O tratado entre a Rússia e a Coreia do Norte foi publicado na íntegra. Ele entrou em vigor em 4 de dezembro de 2024.",
            [("event_date", "2024-12-04", "supported")]),
           ("Pergunta: quantos artigos tem o tratado com a Coreia do Norte?\n\nResposta: tem 23 artigos.", [("quantity", 23.0, "supported")])],
}

# Nothing carried, or nothing checked through it: a sentence after an unrelated one (no
# pronoun, no question before), a second date whose own part of the sentence names nothing of
# the event carried to the first ("в силу он вступил" does not match the entry into force), an
# answer whose sentence names another pack person.
NOT_CARRIED = {
    "en": [("The treaty between Russia and North Korea was signed in Pyongyang. Kyiv held talks in Washington on 20 June 2024.",
            [("event_date", "2024-06-20", NEE)]),
           ("Q: When was the treaty between Russia and North Korea signed?\n\nA: Lavrov visited Pyongyang on 20 June 2024.", [("event_date", "2024-06-20", NEE)])],
    "de": [("Der Vertrag zwischen Russland und Nordkorea wurde in Pjöngjang unterzeichnet. Die Ukraine verhandelte am 20. Juni 2024 in Washington.",
            [("event_date", "2024-06-20", NEE)])],
    "ru": [("Договор между Россией и КНДР опубликован полностью. Его подписали 19 июня 2024 года, в силу он вступил 5 декабря 2024 года.",
            [("event_date", "2024-06-19", "supported"), ("event_date", "2024-12-05", NEE)])],
    "fr": [("Le traité entre la Russie et la Corée du Nord a été signé à Pyongyang. Kiev a négocié à Washington le 20 juin 2024.",
            [("event_date", "2024-06-20", NEE)])],
    "es": [("El tratado entre Rusia y Corea del Norte se firmó en Pionyang. Kiev negoció en Washington el 20 de junio de 2024.",
            [("event_date", "2024-06-20", NEE)])],
    "it": [("Il trattato tra Russia e Corea del Nord è stato firmato a Pyongyang. Kiev ha negoziato a Washington il 20 giugno 2024.",
            [("event_date", "2024-06-20", NEE)])],
    "pt": [("O tratado entre a Rússia e a Coreia do Norte foi assinado em Pyongyang. Kiev negociou em Washington em 20 de junho de 2024.",
            [("event_date", "2024-06-20", NEE)])],
}

# A number with no counted noun after it counts the noun of its label ("- Articoli del
# trattato: ventitré.") or, ending a sentence that continues the one before, the last counted
# noun there ("It has twenty-three.", "¿Cuántos artículos tiene el tratado? Tiene 23.").
BARE_NUMBERS = {
    "en": [("An earlier version said the treaty between Russia and North Korea has 22 articles. It has twenty-three.",
            [("quantity", 23.0, "supported")])],
    "de": [("- Artikel des Vertrags zwischen Russland und Nordkorea: dreiundzwanzig.", [("quantity", 23.0, "supported")])],
    "es": [("¿Cuántos artículos tiene el tratado con Corea del Norte? Tiene 23.", [("quantity", 23.0, "supported")])],
    "fr": [("Combien de soldats nord-coréens la Corée du Nord a-t-elle envoyés en Russie ? Environ 12 000.", [("quantity", 12000.0, "supported")]),
           ("- Soldats nord-coréens envoyés en Russie : sept mille.", [("quantity", 7000.0, "refuted")])],
    "it": [("- Soldati nordcoreani inviati in Russia: circa 12.000 (stima di Seul).", [("quantity", 12000.0, "supported")])],
    "pt": [("Pergunta: quantos soldados norte-coreanos foram enviados para a Rússia?\n\nResposta: cerca de 12 mil.", [("quantity", 12000.0, "supported")]),
           # "dez" (10) and "sept" (7) are months too: read with the scale after them, not as a date's month.
           ("- Soldados norte-coreanos enviados para a Rússia: dez mil.", [("quantity", 10000.0, "refuted")])],
    "ru": [("Сколько статей в договоре России и КНДР? Двадцать три.", [("quantity", 23.0, "supported")])],
}

# No count: the number of an article, a day before its month (one that is a number word too:
# "Cinq sept." is a date), a year, a number after a sentence it does not continue.
NOT_COUNTS = {
    "en": [("The treaty between Russia and North Korea has 23 articles. It is Article 4.", [("quantity", 23.0, "supported")]),
           ("North Korea sent soldiers to Russia. Talks ended at 10.", [])],
    "de": [("Nordkorea schickte Soldaten nach Russland. Am 28. April 2025 bestätigte Pjöngjang in der Region Kursk den Einsatz.",
            [("event_date", "2025-04-28", "supported")])],
    "fr": [("Des soldats nord-coréens combattent en Russie. Ils y sont depuis 2024.", []),
           ("Combien de soldats nord-coréens la Corée du Nord a-t-elle envoyés en Russie ? Cinq sept.", [("event_date", "2024-09-05", "not_enough_evidence")])],
}

# Correction notes: the date an earlier version of the article gave (``retraction_phrases``) is
# no claim of the article, and the corrected one, in a sentence with a correction phrase
# (``correction_phrases``: "Richtig ist", "La date exacte est") or an anaphor, is checked as
# the date of the event the note is about.
CORRECTIONS = {
    "en": [("Correction: an earlier version said the treaty between Russia and North Korea was signed on June 12. It was signed on June 19, 2024.",
            [("event_date", "2024-06-19", "supported")]),
           ("Correction: An earlier version of this article said the treaty between Russia and North Korea entered into force on December 5, 2024. "
            "The correct date is December 4, 2024.", [("event_date", "2024-12-04", "supported")])],
    "de": [("Korrektur: In einer früheren Fassung hieß es, der Vertrag zwischen Russland und Nordkorea sei am 12. Juni unterzeichnet worden. "
            "Richtig ist der 19. Juni 2024.", [("event_date", "2024-06-19", "supported")])],
    "es": [("Fe de erratas: una versión anterior decía que el tratado entre Rusia y Corea del Norte se firmó el 12 de junio. "
            "La fecha correcta es el 19 de junio de 2024.", [("event_date", "2024-06-19", "supported")])],
    "fr": [("Rectificatif : une version précédente indiquait que le traité entre la Russie et la Corée du Nord avait été signé le 12 juin. "
            "La date exacte est le 19 juin 2024.", [("event_date", "2024-06-19", "supported")])],
    "it": [("Errata corrige: una versione precedente affermava che il trattato tra Russia e Corea del Nord era stato firmato il 12 giugno. "
            "La data corretta è il 19 giugno 2024.", [("event_date", "2024-06-19", "supported")])],
    "pt": [("Correção: uma versão anterior dizia que o tratado entre a Rússia e a Coreia do Norte foi assinado em 12 de junho. "
            "A data correta é 19 de junho de 2024.", [("event_date", "2024-06-19", "supported")])],
    "ru": [("Исправление: в предыдущей версии говорилось, что договор между Россией и КНДР был подписан 12 июня. "
            "Правильная дата - 19 июня 2024 года.", [("event_date", "2024-06-19", "supported")]),
           ("Исправление: в предыдущей версии говорилось, что в договоре между Россией и КНДР 22 статьи. Правильное число - 23 статьи.",
            [("quantity", 23.0, "supported")])],
}

ALL = {"corrections": CORRECTIONS, "carried": CARRIED, "not-carried": NOT_CARRIED, "bare": BARE_NUMBERS, "not-counts": NOT_COUNTS}


@pytest.fixture(scope="module")
def subject_rows(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    folder = tmp_path_factory.mktemp("subjects")
    paths = {}
    for prefix, cases in ALL.items():
        paths.update(write_cases(folder, cases, prefix))
    verdicts, _, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    rows = verdicts.filter(pl.col("claim_type").is_in(["event_date", "quantity"])).sort("char_start").to_dicts()
    return {key: [r for r in rows if r["source_path"] == str(path)] for key, path in paths.items()}


def _cases(table: dict[str, list[tuple[str, list]]]) -> list[tuple[str, str, list]]:
    return [(language, text, expected) for language, items in table.items() for text, expected in items]


def _claims(rows: list[dict]) -> list[tuple]:
    return [(r["claim_type"], str(r["date_value"]) if r["claim_type"] == "event_date" else r["quantity_value"], r["verdict"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(CARRIED))
def test_a_subject_in_the_sentence_before_is_carried(subject_rows, language, text, expected):
    rows = subject_rows[(language, text)]
    assert _claims(rows) == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(CORRECTIONS))
def test_a_correction_note_checks_the_corrected_value_not_the_retracted_one(subject_rows, language, text, expected):
    rows = subject_rows[(language, text)]
    assert _claims(rows) == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(NOT_CARRIED))
def test_no_subject_is_carried_across_an_unrelated_sentence_or_onto_another_event(subject_rows, language, text, expected):
    rows = subject_rows[(language, text)]
    assert _claims(rows) == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(BARE_NUMBERS))
def test_a_bare_number_counts_the_noun_of_its_label_or_subject(subject_rows, language, text, expected):
    rows = subject_rows[(language, text)]
    assert _claims(rows) == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(NOT_COUNTS))
def test_an_article_number_a_day_or_a_year_is_no_bare_count(subject_rows, language, text, expected):
    rows = subject_rows[(language, text)]
    assert _claims(rows) == expected, [(r["claim_text"], r["reason"]) for r in rows]


def test_the_subject_is_read_back_to_the_last_sentence_that_continues_none():
    """Only a sentence that continues the one before reads a subject: back to the last sentence
    that continues none ("No." answers the question, "He signed it" continues "No."), never
    across one that continues nothing, in articles of two languages read together."""
    texts = {
        "a": ('Reader question: "Did Putin sign the ratification law on November 19?" No. He signed it on 9 November.\n\n'
              "Kyiv held talks in Washington on 20 June. Talks went on."),
        "b": "Договор опубликован. В нём 23 статьи. Киев провёл переговоры.",
    }
    articles = pl.DataFrame({"article_id": list(texts), "source_path": list(texts), "text": list(texts.values()), "language": ["en", "ru"]})
    prep, sents = prepare(articles.with_columns(pl.lit(None, pl.Date).alias("published_on")))
    spans = _subject_spans(sents, prep, load_lexicons(ROOT / "data" / "lexicons")).join(sents, on=["article_id", "sent_no"])
    read = spans.join(prep.select("article_id", "text"), on="article_id").select(
        "article_id", "sent_text", pl.col("text").str.slice(pl.col("subject_start"), pl.col("sent_start") - pl.col("subject_start")).str.strip_chars().alias("subject"),
    ).sort("article_id", "sent_text")
    assert read.rows() == [
        ("a", "He signed it on 9 November.", 'Reader question: "Did Putin sign the ratification law on November 19?" No.'),
        ("a", "No.", 'Reader question: "Did Putin sign the ratification law on November 19?"'),
        ("b", "В нём 23 статьи.", "Договор опубликован."),
    ]
