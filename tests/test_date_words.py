"""Dates written with words or without a month, and the event words that date them, in all
seven languages: ordinal (and cardinal) day words, day-only dates read with the month of the
date before them, since/until with a year, ratification verbs, the ratification law, and
NATO's Article 5 named through the North Atlantic Treaty."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import check_per_language

LANGUAGES = ("en", "es", "ru", "fr", "de", "it", "pt")


def _dates(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["claim_type"] == "event_date"]


def _date(rows: list[dict], mention: str) -> dict:
    """The one event_date claim whose mention holds ``mention``."""
    found = [r for r in _dates(rows) if mention.lower() in r["mention_text"].lower()]
    assert len(found) == 1, (mention, [(r["mention_text"], r["date_value"]) for r in _dates(rows)])
    return found[0]


def _day(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# language -> [(text, mention, date, verdict)]: each text is one paragraph of the article.
DAY_WORDS = {
    "en": [
        ("Putin and Kim Jong Un signed the treaty with North Korea on the twentieth of June 2024.", "twentieth", "2024-06-20", "refuted"),
        ("Putin and Kim Jong Un signed the treaty with North Korea on June the 19th, 2024.", "June the 19th", "2024-06-19", "supported"),
    ],
    "de": [
        ("Putin und Kim Jong Un unterzeichneten den Vertrag mit Nordkorea am zwanzigsten Juni 2024.", "am zwanzigsten", "2024-06-20", "refuted"),
        ("Die Duma ratifizierte den Vertrag mit Nordkorea am vierundzwanzigsten Oktober 2024.", "vierundzwanzigsten", "2024-10-24", "supported"),
    ],
    "ru": [
        ("Совет Федерации одобрил ратификацию договора с КНДР шестого ноября 2024 года.", "шестого", "2024-11-06", "supported"),
        ("Путин и Ким Чен Ын подписали договор с КНДР двадцать первого июня 2024 года.", "двадцать первого", "2024-06-21", "refuted"),
    ],
    "es": [
        ("El tratado con Corea del Norte entró en vigor el primero de diciembre de 2024.", "primero", "2024-12-01", "refuted"),
        ("El tratado con Corea del Norte fue firmado por Putin el diecinueve de junio de 2024.", "diecinueve", "2024-06-19", "supported"),
    ],
    "fr": [
        ("Le traité avec la Corée du Nord est entré en vigueur le premier décembre 2024.", "premier", "2024-12-01", "refuted"),
        ("Le traité avec la Corée du Nord a été signé par Poutine le dix-neuf juin 2024.", "dix-neuf", "2024-06-19", "supported"),
    ],
    "it": [
        ("Il trattato con la Corea del Nord è entrato in vigore il primo dicembre 2024.", "primo", "2024-12-01", "refuted"),
        ("Il trattato con la Corea del Nord è stato firmato da Putin il diciannove giugno 2024.", "diciannove", "2024-06-19", "supported"),
    ],
    "pt": [
        ("O tratado com a Coreia do Norte entrou em vigor a primeiro de dezembro de 2024.", "primeiro", "2024-12-01", "refuted"),
        ("O tratado com a Coreia do Norte foi assinado por Putin a dezanove de junho de 2024.", "dezanove", "2024-06-19", "supported"),
    ],
}


def _check_cases(tmp_path, cases: dict[str, list[tuple]], *, published: str = "2025-04-28") -> None:
    texts = {lang: "\n\n".join(["Test.", *(c[0] for c in rows)]) for lang, rows in cases.items()}
    checked = check_per_language(tmp_path, texts, published=published)
    for lang, rows in cases.items():
        for _, mention, date, verdict in rows:
            claim = _date(checked[lang], mention)
            assert (_day(claim["date_value"]), claim["date_precision"], claim["verdict"]) == (date, "day", verdict), (lang, claim)


def test_ordinal_and_cardinal_day_words_are_days(tmp_path):
    """'am zwanzigsten Juni 2024' was read as June 2024 and passed the signing; 'шестого
    ноября' and 'the twentieth of June' were no date at all."""
    _check_cases(tmp_path, DAY_WORDS)


def test_a_month_word_before_an_ordinal_needs_the_in_english(tmp_path):
    """'it may first need' is no date: a word day after a month name needs 'the'."""
    text = "Test.\n\nThe treaty with North Korea may first need to be ratified by the Duma."
    assert _dates(check_per_language(tmp_path, {"en": text})["en"]) == []


DAY_ONLY = {
    "en": ("On 19 June 2024, Putin and Kim Jong Un signed the treaty with North Korea.", "Some people online say Putin signed the treaty with North Korea on the 20th.", "20th"),
    "de": ("Am 19. Juni 2024 unterzeichneten Putin und Kim Jong Un den Vertrag mit Nordkorea.", "Putin unterzeichnete den Vertrag mit Nordkorea am 20.", "am 20."),
    "fr": ("Le 19 juin 2024, Poutine et Kim Jong-un ont signé le traité avec la Corée du Nord.", "Poutine a signé le traité avec la Corée du Nord le 20.", "le 20"),
    "es": ("El 19 de junio de 2024, Putin y Kim Jong-un firmaron el tratado con Corea del Norte.", "Putin firmó el tratado con Corea del Norte el 20.", "el 20"),
    "it": ("Il 19 giugno 2024 Putin e Kim Jong-un hanno firmato il trattato con la Corea del Nord.", "Putin ha firmato il trattato con la Corea del Nord il 20.", "il 20"),
    "pt": ("A 19 de junho de 2024, Putin e Kim Jong-un assinaram o tratado com a Coreia do Norte.", "Putin assinou o tratado com a Coreia do Norte no dia 20.", "dia 20"),
    "ru": ("19 июня 2024 года Путин и Ким Чен Ын подписали договор с КНДР.", "Путин подписал договор с КНДР 20-го.", "20-го"),
}


def test_a_day_alone_takes_the_month_of_the_date_before_it(tmp_path):
    """'... signed the treaty on the 20th.' after 'On 19 June 2024' is 20 June 2024, refuted;
    before, a day with no month was no date."""
    texts = {lang: f"Test.\n\n{anchor}\n\n{alone}" for lang, (anchor, alone, _) in DAY_ONLY.items()}
    checked = check_per_language(tmp_path, texts)
    for lang, (_, _, mention) in DAY_ONLY.items():
        claim = _date(checked[lang], mention)
        assert (_day(claim["date_value"]), claim["date_precision"], claim["verdict"]) == ("2024-06-20", "day", "refuted"), (lang, claim)


def test_a_day_alone_is_no_date_unless_its_clause_ends_there(tmp_path):
    """'on the 20th anniversary', 'el 21/06/2024': the day is part of something else. With no
    date before it, the day is the publication month's (not after the publication's day)."""
    texts = {
        "en": "Test.\n\nThe summit was held on the 20th anniversary of the old treaty with North Korea.\n\nNorth Korea's troops crossed into Kursk on the 3rd.",
        "es": "Test.\n\nPutin firmó el tratado con Corea del Norte el 19/06/2024.",
    }
    checked = check_per_language(tmp_path, texts, published="2025-04-28")
    assert [(r["mention_text"], _day(r["date_value"])) for r in _dates(checked["en"])] == [("on the 3rd.", "2025-04-03")]
    assert _day(_date(checked["es"], "19/06/2024")["date_value"]) == "2024-06-19"


SINCE = {
    "en": "North Korean troops have been in Russia since May 2024.",
    "es": "Hay tropas norcoreanas en Rusia desde mayo de 2024.",
    "de": "Nordkoreanische Soldaten sind seit Mai 2024 in Russland.",
    "fr": "Des soldats nord-coréens sont en Russie depuis mai 2024.",
    "it": "Soldati nordcoreani sono in Russia da maggio 2024.",
    "pt": "Há soldados norte-coreanos na Rússia desde maio de 2024.",
    "ru": "Северокорейские военные находятся в России с мая 2024 года.",
}


def test_since_and_until_a_month_keep_its_year(tmp_path):
    """'since May 2024' was read as 'since May' (May 2025 after June 2025's publication)."""
    checked = check_per_language(tmp_path, {lang: f"Test.\n\n{text}" for lang, text in SINCE.items()}, published="2025-06-10")
    for lang in SINCE:
        claim = _date(checked[lang], "2024")
        assert (_day(claim["date_value"]), claim["date_precision"]) == ("2024-05-01", "month"), (lang, claim)


# language -> (Duma ratification with another verb, ratification law by the president, NATO's Article 5 in the passive)
EVENTS = {
    "en": ("The State Duma backed the treaty with North Korea on 24 October 2024.",
           "The Russian president signed the federal law on the treaty with North Korea on 9 November 2024.",
           "Article 5 of the North Atlantic Treaty has been invoked only once, on 12 September 2001."),
    "es": ("La Duma Estatal respaldó el tratado con Corea del Norte el 24 de octubre de 2024.",
           "El presidente ruso firmó la ley federal sobre el tratado con Corea del Norte el 9 de noviembre de 2024.",
           "El artículo 5 del Tratado del Atlántico Norte solo se ha invocado una vez, el 12 de septiembre de 2001."),
    "de": ("Die Staatsduma befürwortete den Vertrag mit Nordkorea am 24. Oktober 2024.",
           "Der russische Präsident unterzeichnete das Gesetz über den Vertrag mit Nordkorea am 9. November 2024.",
           "Artikel 5 des Nordatlantikvertrags wurde nur einmal ausgerufen, am 12. September 2001."),
    "fr": ("La Douma a entériné le traité avec la Corée du Nord le 24 octobre 2024.",
           "Le président russe a signé la loi sur le traité avec la Corée du Nord le 9 novembre 2024.",
           "L'article 5 du traité de l'Atlantique Nord n'a été invoqué qu'une seule fois, le 12 septembre 2001."),
    "it": ("La Duma ha avallato il trattato con la Corea del Nord il 24 ottobre 2024.",
           "Il presidente russo ha firmato la legge sul trattato con la Corea del Nord il 9 novembre 2024.",
           "L'articolo 5 del Trattato del Nord Atlantico è stato invocato una sola volta, il 12 settembre 2001."),
    "pt": ("A Duma Estatal avalizou o tratado com a Coreia do Norte a 24 de outubro de 2024.",
           "O presidente russo assinou a lei sobre o tratado com a Coreia do Norte a 9 de novembro de 2024.",
           "O artigo 5.º do Tratado do Atlântico Norte só foi invocado uma vez, a 12 de setembro de 2001."),
    "ru": ("Госдума поддержала договор с КНДР 24 октября 2024 года.",
           "Президент России подписал федеральный закон о договоре с КНДР 9 ноября 2024 года.",
           "Статья 5 Североатлантического договора была задействована лишь однажды, 12 сентября 2001 года."),
}


@pytest.mark.parametrize("which, event_id, year", [(0, "duma_ratifies_treaty", "2024"), (1, "putin_signs_ratification_law", "2024"), (2, "nato_article5_invoked", "2001")])
def test_event_words(tmp_path, which, event_id, year):
    """'backed', 'respaldó', 'поддержала' ratify; signing 'the federal law' / 'la ley' / 'das
    Gesetz' / 'закон' is the ratification law (it was refuted against the treaty's signing);
    'du traité de l'Atlantique Nord ... invoqué' is NATO's Article 5."""
    checked = check_per_language(tmp_path, {lang: f"Test.\n\n{texts[which]}" for lang, texts in EVENTS.items()})
    for lang in EVENTS:
        claim = _date(checked[lang], year)
        assert (claim["verdict"], claim["reference_id"]) == ("supported", f"event:{event_id}"), (lang, claim)
