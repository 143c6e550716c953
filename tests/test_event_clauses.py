"""A date is checked against the event its own clause describes (event_date_verdicts, clause_norm).

In all seven languages: a date in a relative clause or participial phrase, in a part of the
sentence between semicolons and colons, or bound to a noun naming another event ("the
September 11 attacks") is not matched with an event only the rest of the sentence describes;
a clause that names no event still takes the event of the sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.core import check
from pipelines.extract.claims import extract_claims
from pipelines.ingest.articles import build_articles
from pipelines.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("es", "en", "fr", "de", "it", "pt", "ru")
NEE = "not_enough_evidence"


def _check_all(folder: Path, texts: dict[tuple[str, str], str], *, published: str = "2025-05-05") -> dict[tuple[str, str], list[dict]]:
    """The event_date claims of each text, checked as an article of its own (one check for all
    of them), in text order: (case, language) -> claim rows."""
    paths = {}
    for (case, language), text in texts.items():
        path = folder / f"{case}-{language}.txt"
        path.write_text(text, encoding="utf-8")
        (folder / f"{case}-{language}.meta.json").write_text(json.dumps({"published": published, "language": language}), encoding="utf-8")
        paths[str(path)] = (case, language)
    verdicts, _, _ = check([Path(p) for p in paths], Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    rows: dict[tuple[str, str], list[dict]] = {key: [] for key in texts}
    for row in verdicts.filter(pl.col("claim_type") == "event_date").sort("source_path", "char_start").iter_rows(named=True):
        rows[paths[row["source_path"]]].append(row)
    return rows


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    """Every sentence of the cases below, in every language, checked once."""
    texts = {}
    for case, sentences in (("relative", RELATIVE), ("semicolon", SEMICOLON), ("colon", COLON), ("attacks", ATTACKS)):
        texts.update({(case, language): sentences[language] for language in LANGUAGES})
    texts.update({("coordinated", language): COORDINATED[language] for language in LANGUAGES})
    for n, case in enumerate(("own_relative", "own_colon")):
        texts.update({(case, language): OWN_EVENT[language][n] for language in LANGUAGES})
    texts.update({("label", language): LABEL_ROWS[language] for language in LANGUAGES})
    texts.update({("partial", language): LABEL_ROWS[language].split("\n\n")[0] + "\n\n" + PARTLY_NAMED[language] for language in LANGUAGES})
    for case, sentences in ANCHORS.items():
        texts.update({(case, language): sentences[language] for language in LANGUAGES})
    return _check_all(tmp_path_factory.mktemp("event_clauses"), texts)


# The date is in a relative clause or participial phrase about somebody's visit; the rest of the
# sentence describes the treaty's signing (19 June 2024), which it must not refute.
RELATIVE = {
    "en": "Sergei Shoigu, who visited Pyongyang in September 2024, signed the treaty with North Korea.",
    "es": "Serguéi Shoigú, que visitó Pyongyang en septiembre de 2024, firmó el tratado con Corea del Norte.",
    "fr": "Sergueï Choïgou, qui a visité Pyongyang en septembre 2024, a signé le traité avec la Corée du Nord.",
    "de": "Sergej Schoigu, der im September 2024 Pjöngjang besuchte, unterzeichnete den Vertrag mit Nordkorea.",
    "it": "Sergei Shoigu, che ha visitato Pyongyang nel settembre 2024, ha firmato il trattato con la Corea del Nord.",
    "pt": "Serguei Shoigu, que visitou Pyongyang em setembro de 2024, assinou o tratado com a Coreia do Norte.",
    "ru": "Сергей Шойгу, посетивший Пхеньян в сентябре 2024 года, подписал договор с КНДР.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_in_a_relative_clause_is_not_refuted_by_the_main_clause_event(checked, language):
    (visit,) = checked["relative", language]
    assert (visit["verdict"], visit["reference_id"], visit["evidence"]) == (NEE, None, None), visit
    assert "belongs to a clause of its own" in visit["reason"], visit["reason"]


# Two coordinated clauses with no comma between: the verb of the first may come after its date
# (German verb-final, a Russian, Italian or Portuguese participle after it); the words up to the
# conjunction are the first date's, so 20 June is refuted as the signing's date, not as the
# entry into force's, and "in December" is the entry into force's.
COORDINATED = {
    "en": "The treaty between Russia and North Korea was signed on June 20, 2024 and entered into force in December.",
    "es": "El tratado entre Rusia y Corea del Norte fue firmado el 20 de junio de 2024 y entró en vigor en diciembre.",
    "fr": "Le traité entre la Russie et la Corée du Nord a été signé le 20 juin 2024 et est entré en vigueur en décembre.",
    "de": "Der Vertrag zwischen Russland und Nordkorea wurde am 20. Juni 2024 unterzeichnet und trat im Dezember in Kraft.",
    "it": "Il trattato tra Russia e Corea del Nord è stato il 20 giugno 2024 firmato e a dicembre è entrato in vigore.",
    "pt": "O tratado entre a Rússia e a Coreia do Norte foi a 20 de junho de 2024 assinado e em dezembro entrou em vigor.",
    "ru": "Договор между Россией и КНДР был 20 июня 2024 года подписан и в декабре вступил в силу.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_verb_after_a_date_belongs_to_it_up_to_the_conjunction(checked, language):
    rows = checked["coordinated", language]
    assert [(r["verdict"], r["reference_id"]) for r in rows] == [
        ("refuted", "event:dprk_russia_treaty_signed"), ("supported", "event:treaty_enters_into_force"),
    ], [(r["claim_text"], r["reason"]) for r in rows]


# The report of the second part is its own date's; the first part's date names no event.
SEMICOLON = {
    "en": "In fact Shoigu left the defence ministry in May 2024; it was Valery Gerasimov who reported to Putin on 26 April 2025 that the Kursk region had been retaken.",
    "es": "En realidad, Shoigú dejó el Ministerio de Defensa en mayo de 2024; fue Valeri Guerásimov quien informó a Putin el 26 de abril de 2025 de que la región de Kursk había sido recuperada.",
    "fr": "En réalité, Choïgou a quitté le ministère de la Défense en mai 2024 ; c'est Valéri Guérassimov qui a annoncé à Poutine le 26 avril 2025 la reprise de la région de Koursk.",
    "de": "Tatsächlich verließ Schoigu das Verteidigungsministerium im Mai 2024; es war Waleri Gerassimow, der Putin am 26. April 2025 die Befreiung der Region Kursk meldete.",
    "it": "In realtà Shoigu ha lasciato il ministero della Difesa nel maggio 2024; è stato Valery Gerasimov a riferire a Putin il 26 aprile 2025 la riconquista della regione di Kursk.",
    "pt": "Na verdade, Shoigu deixou o Ministério da Defesa em maio de 2024; foi Valery Gerasimov quem anunciou a Putin, a 26 de abril de 2025, a reconquista da região de Kursk.",
    "ru": "На самом деле Шойгу был в отпуске в мае 2024 года; именно Валерий Герасимов доложил Путину 26 апреля 2025 года об освобождении Курской области.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_before_a_semicolon_is_not_the_event_of_the_part_after_it(checked, language):
    left, report = checked["semicolon", language]
    assert (left["verdict"], left["reference_id"]) == (NEE, None), left
    assert (report["verdict"], report["reference_id"]) == ("supported", "event:gerasimov_reports_kursk_retaken"), report


# The date is claimed for the treaty's signing; the part after the colon is the ratification law
# of that day, which must not support it.
COLON = {
    "en": "He wrongly said the treaty was signed on 9 November 2024: that day Putin signed the ratification law.",
    "es": "Se equivocó al decir que el tratado se firmó el 9 de noviembre de 2024: ese día Putin firmó la ley de ratificación.",
    "fr": "Il a eu tort de dire que le traité avait été signé le 9 novembre 2024 : ce jour-là, Poutine a signé la loi de ratification.",
    "de": "Er behauptete fälschlich, der Vertrag sei am 9. November 2024 unterzeichnet worden: An diesem Tag unterzeichnete Putin das Ratifizierungsgesetz.",
    "it": "Ha sbagliato quando ha detto che il trattato è stato firmato il 9 novembre 2024: quel giorno Putin ha firmato la legge di ratifica.",
    "pt": "Errou ao dizer que o tratado foi assinado a 9 de novembro de 2024: nesse dia Putin assinou a lei de ratificação.",
    "ru": "Он ошибочно заявил, что договор был подписан 9 ноября 2024 года: в этот день Путин подписал закон о ратификации.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_before_a_colon_is_checked_against_its_own_part(checked, language):
    (signed,) = checked["colon", language]
    assert (signed["verdict"], signed["reference_id"]) == ("refuted", "event:dprk_russia_treaty_signed"), signed


# A date bound to a noun naming another event (the attacks) names that event, not NATO's
# invocation of Article 5 the sentence describes.
ATTACKS = {
    "en": "NATO invoked Article 5 on 12 September 2001, after the September 11 attacks.",
    "es": "La OTAN invocó el artículo 5 el 12 de septiembre de 2001, tras los atentados del 11 de septiembre.",
    "fr": "L'OTAN a invoqué l'article 5 le 12 septembre 2001, après les attentats du 11 septembre.",
    "de": "Die Nato hat den Bündnisfall am 12. September 2001 ausgerufen, nach den Anschlägen vom 11. September.",
    "it": "La NATO ha invocato l'articolo 5 il 12 settembre 2001, dopo gli attentati dell'11 settembre.",
    "pt": "A NATO invocou o artigo 5.º a 12 de setembro de 2001, após os atentados de 11 de setembro.",
    "ru": "НАТО применило статью 5 12 сентября 2001 года, после терактов 11 сентября.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_bound_to_another_events_noun_is_not_refuted(checked, language):
    invoked, attacks = checked["attacks", language]
    assert (invoked["verdict"], invoked["reference_id"]) == ("supported", "event:nato_article5_invoked"), invoked
    assert attacks["date_value"].isoformat() == "2001-09-11", attacks
    assert (attacks["verdict"], attacks["reference_id"]) == (NEE, None), attacks


# Guards: a clause of its own that names the event keeps it (the signing in the relative
# clause, refuted); a part after a colon that names no event takes the sentence's event.
OWN_EVENT = {
    "en": ("The treaty, which Putin and Kim signed on 12 June 2024, entered into force on 4 December 2024.",
           "NATO has invoked Article 5 only once: on 12 September 2001, one day after the attacks in New York."),
    "es": ("El tratado, que Putin y Kim firmaron el 12 de junio de 2024, entró en vigor el 4 de diciembre de 2024.",
           "La OTAN solo ha invocado el artículo 5 una vez: el 12 de septiembre de 2001, un día después de los atentados de Nueva York."),
    "fr": ("Le traité, que Poutine et Kim ont signé le 12 juin 2024, est entré en vigueur le 4 décembre 2024.",
           "L'OTAN n'a invoqué l'article 5 qu'une fois : le 12 septembre 2001, un jour après les attentats de New York."),
    "de": ("Der Vertrag, den Putin und Kim am 12. Juni 2024 unterzeichneten, trat am 4. Dezember 2024 in Kraft.",
           "Ausgerufen wurde der Bündnisfall von der Nato bisher nur einmal: am 12. September 2001, einen Tag nach den Anschlägen in New York."),
    "it": ("Il trattato, che Putin e Kim hanno firmato il 12 giugno 2024, è entrato in vigore il 4 dicembre 2024.",
           "La NATO ha invocato l'articolo 5 una sola volta: il 12 settembre 2001, un giorno dopo gli attentati di New York."),
    "pt": ("O tratado, que Putin e Kim assinaram a 12 de junho de 2024, entrou em vigor a 4 de dezembro de 2024.",
           "A NATO invocou o artigo 5.º apenas uma vez: a 12 de setembro de 2001, um dia depois dos atentados de Nova Iorque."),
    "ru": ("Договор, который Путин и Ким Чен Ын подписали 12 июня 2024 года, вступил в силу 4 декабря 2024 года.",
           "НАТО применило статью 5 лишь однажды: 12 сентября 2001 года, на следующий день после терактов в Нью-Йорке."),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_clause_of_its_own_that_names_the_event_is_checked_and_one_that_names_none_takes_the_sentences(checked, language):
    signed, in_force = checked["own_relative", language]
    assert (signed["verdict"], signed["reference_id"]) == ("refuted", "event:dprk_russia_treaty_signed"), signed
    assert (in_force["verdict"], in_force["reference_id"]) == ("supported", "event:treaty_enters_into_force"), in_force
    (invoked,) = checked["own_colon", language]
    assert (invoked["verdict"], invoked["reference_id"]) == ("supported", "event:nato_article5_invoked"), invoked


# A fact box about the treaty: label rows ("Signed: ...", a table row's cells "Entry into
# force<TAB>...") name only the event; the box's treaty is their subject. The lead names Kursk
# too, whose keywords the Italian "Entrata" shares: the row is not the Kursk incursion's.
LABEL_ROWS = {
    "en": "After Pyongyang confirmed its troops fought in Kursk, the key dates of the treaty between Russia and North Korea.\n\nSigned: 19 June 2024\nEntered into force: 5 December 2024\nEntry into force\t4 December 2024\n",
    "es": "Tras la confirmación de Pyongyang sobre sus tropas en Kursk, las fechas del tratado entre Rusia y Corea del Norte.\n\nFirma: 19 de junio de 2024\nEntrada en vigor: 5 de diciembre de 2024\nEntrada en vigor\t4 de diciembre de 2024\n",
    "fr": "Après la confirmation par Pyongyang de l'envoi de troupes à Koursk, les dates du traité entre la Russie et la Corée du Nord.\n\nSignature : 19 juin 2024\nEntrée en vigueur : 5 décembre 2024\nEntrée en vigueur\t4 décembre 2024\n",
    "de": "Nachdem Pjöngjang seine Truppen in Kursk bestätigt hat, die Daten des Vertrags zwischen Russland und Nordkorea.\n\nUnterzeichnung: 19. Juni 2024\nInkrafttreten: 5. Dezember 2024\nInkrafttreten\t4. Dezember 2024\n",
    "it": "Dopo la conferma di Pyongyang sull'invio di truppe a Kursk, le date del trattato tra Russia e Corea del Nord.\n\nFirma: 19 giugno 2024\nEntrata in vigore: 5 dicembre 2024\nEntrata in vigore\t4 dicembre 2024\n",
    "pt": "Depois da confirmação de Pyongyang sobre as tropas em Kursk, as datas do tratado entre a Rússia e a Coreia do Norte.\n\nAssinatura: 19 de junho de 2024\nEntrada em vigor: 5 de dezembro de 2024\nEntrada em vigor\t4 de dezembro de 2024\n",
    "ru": "После того как Пхеньян подтвердил участие своих войск в боях под Курском, даты договора между Россией и КНДР.\n\nПодписан: 19.06.2024\nВступил в силу: 5.12.2024\nВступление в силу\t4 декабря 2024 года\n",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_label_row_is_checked_against_the_event_of_the_articles_treaty(checked, language):
    rows = checked["label", language]
    assert [(r["verdict"], r["reference_id"]) for r in rows[-3:]] == [
        ("supported", "event:dprk_russia_treaty_signed"),
        ("refuted", "event:treaty_enters_into_force"),
        ("supported", "event:treaty_enters_into_force"),
    ], [(r["claim_text"], r["reason"]) for r in rows]


# After the same lead, a sentence that names one group of the Kursk incursion (its second
# group, the lead its first) and, with a word the incursion's keywords do not explain, the
# treaty's entry into force (the lead holds its other groups): the date is not refuted as the
# incursion's.
PARTLY_NAMED = {
    "en": "After the offensive came the entry into force on 5 December 2024.",
    "es": "Tras la ofensiva llegó la entrada en vigor el 5 de diciembre de 2024.",
    "fr": "Après l'offensive est venue l'entrée en vigueur le 5 décembre 2024.",
    "de": "Nach der Offensive folgte am 5. Dezember 2024 das Inkrafttreten.",
    "it": "L'entrata in vigore risale al 5 dicembre 2024.",
    "pt": "Depois da ofensiva veio a entrada em vigor a 5 de dezembro de 2024.",
    "ru": "После наступления последовало вступление в силу 5 декабря 2024 года.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_is_not_refuted_by_an_event_named_mostly_around_it_when_its_words_name_another(checked, language):
    (entry,) = checked["partial", language]
    # Where the sentence opens with words that continue the lead ("Tras la", "Nach der"), the
    # lead is its subject and the entry into force is matched whole: refuted as its date.
    assert (entry["verdict"], entry["reference_id"]) in {(NEE, None), ("refuted", "event:treaty_enters_into_force")}, entry
    if entry["reference_id"] is None:
        assert "only with the help of the neighbouring sentences" in entry["reason"], entry["reason"]


# Dates anchored on the text rather than on publication (2025-05-05, a Monday): a weekday after
# "two days later" (26 April 2025 + 2), a year-less date after a full date of its sentence, a
# planned vote (20 November: the next one, never refuted), "not yet in force in August 2024"
# (true: in force on 4 December 2024), and "today" meaning "nowadays" (no claim).
ANCHORS = {
    "weekday_later": {
        "en": "Gerasimov told Putin on April 26, 2025 that the Kursk region had been retaken. Two days later, on Monday, North Korea confirmed for the first time that its troops had fought in Kursk.",
        "es": "Guerásimov informó a Putin el 26 de abril de 2025 de que la región de Kursk había sido recuperada. Dos días después, el lunes, Corea del Norte confirmó por primera vez que sus tropas habían combatido en Kursk.",
        "fr": "Guerassimov a annoncé à Poutine le 26 avril 2025 que la région de Koursk avait été reprise. Deux jours plus tard, lundi, la Corée du Nord a confirmé pour la première fois que ses troupes avaient combattu à Koursk.",
        "de": "Gerassimow meldete Putin am 26. April 2025, dass das Gebiet Kursk zurückerobert sei. Zwei Tage später, am Montag, bestätigte Nordkorea erstmals den Einsatz seiner Soldaten in Kursk.",
        "it": "Gerasimov ha riferito a Putin il 26 aprile 2025 che la regione di Kursk era stata riconquistata. Due giorni dopo, lunedì, la Corea del Nord ha confermato per la prima volta che le sue truppe avevano combattuto a Kursk.",
        "pt": "Guerasimov informou Putin a 26 de abril de 2025 de que a região de Kursk tinha sido reconquistada. Dois dias depois, na segunda-feira, a Coreia do Norte confirmou pela primeira vez que as suas tropas tinham combatido em Kursk.",
        "ru": "Герасимов доложил Путину 26 апреля 2025 года, что Курская область освобождена. Спустя два дня, в понедельник, КНДР впервые подтвердила участие своих военных в боях в Курской области.",
    },
    "after_full_date": {
        "en": "The treaty with North Korea entered into force on December 4, 2024, after the State Duma had approved it on October 24.",
        "es": "El tratado con Corea del Norte entró en vigor el 4 de diciembre de 2024, después de que la Duma Estatal lo aprobara el 24 de octubre.",
        "fr": "Le traité avec la Corée du Nord est entré en vigueur le 4 décembre 2024, après que la Douma l'a approuvé le 24 octobre.",
        "de": "Der Vertrag mit Nordkorea trat am 4. Dezember 2024 in Kraft, nachdem die Staatsduma ihn am 24. Oktober gebilligt hatte.",
        "it": "Il trattato con la Corea del Nord è entrato in vigore il 4 dicembre 2024, dopo che la Duma lo aveva approvato il 24 ottobre.",
        "pt": "O tratado com a Coreia do Norte entrou em vigor a 4 de dezembro de 2024, depois de a Duma o ter aprovado a 24 de outubro.",
        "ru": "Договор с КНДР вступил в силу 4 декабря 2024 года, после того как Госдума одобрила его 24 октября.",
    },
    "planned": {
        "en": "The Federation Council is due to vote on the treaty with North Korea on 20 November.",
        "es": "El Consejo de la Federación debe votar el tratado con Corea del Norte el 20 de noviembre.",
        "fr": "Le Conseil de la Fédération doit voter sur le traité avec la Corée du Nord le 20 novembre.",
        "de": "Der Föderationsrat soll am 20. November über den Vertrag mit Nordkorea abstimmen.",
        "it": "Il Consiglio della Federazione dovrà votare il trattato con la Corea del Nord il 20 novembre.",
        "pt": "O Conselho da Federação deverá votar o tratado com a Coreia do Norte a 20 de novembro.",
        "ru": "Совет Федерации должен рассмотреть договор с КНДР 20 ноября.",
    },
    "not_yet": {
        "en": "The treaty with North Korea was not yet in force in August 2024.",
        "es": "El tratado con Corea del Norte todavía no estaba en vigor en agosto de 2024.",
        "fr": "Le traité avec la Corée du Nord n'était pas encore en vigueur en août 2024.",
        "de": "Der Vertrag mit Nordkorea war im August 2024 noch nicht in Kraft.",
        "it": "Il trattato con la Corea del Nord non era ancora in vigore ad agosto 2024.",
        "pt": "O tratado com a Coreia do Norte ainda não estava em vigor em agosto de 2024.",
        "ru": "Договор с КНДР ещё не вступил в силу в августе 2024 года.",
    },
    "nowadays": {
        "en": "Putin and Kim Jong Un signed the treaty with North Korea in Pyongyang on 19 June 2024, a treaty that many commentators still misread today.",
        "es": "Putin y Kim Jong-un firmaron el tratado con Corea del Norte en Pyongyang el 19 de junio de 2024, un tratado que muchos comentaristas aún hoy malinterpretan.",
        "fr": "Poutine et Kim Jong-un ont signé le traité avec la Corée du Nord à Pyongyang le 19 juin 2024, un traité que beaucoup de commentateurs comprennent encore mal aujourd'hui.",
        "de": "Putin und Kim Jong Un unterzeichneten den Vertrag mit Nordkorea am 19. Juni 2024 in Pjöngjang, einen Vertrag, den viele Kommentatoren noch heute falsch lesen.",
        "it": "Putin e Kim Jong-un hanno firmato il trattato con la Corea del Nord a Pyongyang il 19 giugno 2024, un trattato che molti commentatori ancora oggi fraintendono.",
        "pt": "Putin e Kim Jong-un assinaram o tratado com a Coreia do Norte em Pyongyang a 19 de junho de 2024, um tratado que muitos comentadores ainda hoje descrevem mal.",
        "ru": "Путин и Ким Чен Ын подписали договор с КНДР в Пхеньяне 19 июня 2024 года, договор, который многие комментаторы ещё сегодня толкуют неверно.",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_are_anchored_on_the_text_not_on_publication(checked, language):
    """'Two days later, on Monday' was the Monday of publication (2025-05-05); 'after the Duma
    had approved it on 24 October' was 2025-10-24; 'is due to vote on 20 November' was
    2024-11-20, refuted; 'not yet in force in August 2024' was refuted; 'still misread today'
    was a date of the signing, refuted."""
    *_, monday = checked["weekday_later", language]
    assert str(monday["date_value"]) == "2025-04-28", monday
    assert [str(r["date_value"]) for r in checked["after_full_date", language]] == ["2024-12-04", "2024-10-24"]
    (planned,) = checked["planned", language]
    assert (str(planned["date_value"]), planned["verdict"]) == ("2025-11-20", NEE), planned
    (not_yet,) = checked["not_yet", language]
    assert (str(not_yet["date_value"]), not_yet["verdict"]) == ("2024-08-01", "supported"), not_yet
    assert [str(r["date_value"]) for r in checked["nowadays", language]] == ["2024-06-19"]


# --------------------------------------------------------------------------- extraction


@pytest.mark.parametrize(
    ("language", "text", "mention", "clause", "wide"),
    [
        ("en", RELATIVE["en"], "in September 2024", " who visited pyongyang in september 2024 ", " who visited pyongyang in september 2024 "),
        ("ru", RELATIVE["ru"], "в сентябре 2024 года", " посетивший пхеньян в сентябре 2024 года ", " посетивший пхеньян в сентябре 2024 года "),
        ("en", SEMICOLON["en"], "in May 2024", " in fact shoigu left the defence ministry in may 2024 ", " in fact shoigu left the defence ministry in may 2024 "),
        ("it", COLON["it"], "il 9 novembre 2024", " ha sbagliato quando ha detto che il trattato e stato firmato il 9 novembre 2024 ", None),
        ("en", ATTACKS["en"], "September 11", " september 11 attacks ", " september 11 attacks "),
        ("es", ATTACKS["es"], "11 de septiembre", " atentados del 11 de septiembre ", " atentados del 11 de septiembre "),
        ("de", ATTACKS["de"], "vom 11. September", " anschlagen vom 11 september ", " anschlagen vom 11 september "),
        ("en", "The treaty was signed in Pyongyang on 19 June 2024.", "on 19 June 2024", None, None),
        ("en", "19 June 2024: Putin and Kim sign the treaty.", "19 June 2024", None, None),
    ],
    ids=["relative", "participle", "semicolon", "colon", "noun-after", "noun-before", "noun-vom", "whole-sentence", "bare-date"],
)
def test_the_clause_of_a_date(lexicons, ref, language, text, mention, clause, wide):
    articles, _ = build_articles([{"text": text, "source_path": "t.txt", "language": language, "published": "2025-05-05"}], lexicons)
    dates = extract_claims(articles, ref, lexicons).filter(pl.col("claim_type") == "event_date")
    row = next(r for r in dates.iter_rows(named=True) if r["mention_text"].rstrip(".") == mention)
    assert (row["clause_norm"], row["clause_wide_norm"]) == (clause, wide)


def test_bad_input_gives_no_clause_and_no_error(lexicons, ref):
    texts = [";;: , who 1 May 2024", "attacks of", "September 11 attacks", ", который 5 мая"]
    articles, _ = build_articles([{"text": t, "source_path": f"{n}.txt", "language": lang, "published": "2025-05-05"} for n, (t, lang) in enumerate(zip(texts, ("en", "en", "en", "ru"), strict=True))], lexicons)
    dates = extract_claims(articles, ref, lexicons).filter(pl.col("claim_type") == "event_date")
    assert dates.height >= 1
