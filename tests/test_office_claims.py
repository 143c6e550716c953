"""Office claims in forms the title-name pairing used to miss, in all seven languages, judged end to
end (real extraction, then the verdict SQL on an in-memory DuckDB through pipelines.core.check):

* a holding phrase between "Name," and the title ("who holds the post of", "занимающего пост",
  "der das Amt des ... innehat") and a succession ("who succeeded Jens Stoltenberg as");
* a time next to the copula or ending the clause ("ist heute", "с мая 2024 года —",
  "desde maio de 2024").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import check_per_language

LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "ru")
PUBLISHED = "2025-01-15"

# language: [(sentence, claim text, person_id, verdict)]. On 2025-01-15 Shoigu is secretary of
# the Security Council (since 2024-05-12), Belousov defence minister, Rutte NATO secretary general.
HOLDING = {
    "en": [("Sergei Shoigu, who holds the post of defence minister, visited Pyongyang.", "Sergei Shoigu, who holds the post of defence minister", "sergei_shoigu", "refuted"),
           ("Mark Rutte, who succeeded Jens Stoltenberg as NATO secretary general in October, spoke.", "Mark Rutte, who succeeded Jens Stoltenberg as NATO secretary general in October", "mark_rutte", "supported")],
    "es": [("Serguéi Shoigú, que ocupa el cargo de ministro de Defensa, visitó Pyongyang.", "Serguéi Shoigú, que ocupa el cargo de ministro de Defensa", "sergei_shoigu", "refuted"),
           ("Mark Rutte, que sucedió a Jens Stoltenberg como secretario general de la OTAN, habló.", "Mark Rutte, que sucedió a Jens Stoltenberg como secretario general de la OTAN", "mark_rutte", "supported")],
    "fr": [("Sergueï Choïgou, qui occupe le poste de ministre de la Défense, a visité Pyongyang.", "Sergueï Choïgou, qui occupe le poste de ministre de la Défense", "sergei_shoigu", "refuted"),
           ("Mark Rutte, qui a succédé à Jens Stoltenberg au poste de secrétaire général de l'OTAN, a parlé.", "Mark Rutte, qui a succédé à Jens Stoltenberg au poste de secrétaire général de l'OTAN", "mark_rutte", "supported")],
    "de": [("Sergej Schoigu, der das Amt des russischen Verteidigungsministers innehat, besuchte Pjöngjang.", "Sergej Schoigu, der das Amt des russischen Verteidigungsministers", "sergei_shoigu", "refuted"),
           ("Mark Rutte, der Jens Stoltenberg als Nato-Generalsekretär ablöste, sprach in Brüssel.", "Mark Rutte, der Jens Stoltenberg als Nato-Generalsekretär", "mark_rutte", "supported")],
    "it": [("Sergej Shoigu, che ricopre la carica di ministro della Difesa, ha visitato Pyongyang.", "Sergej Shoigu, che ricopre la carica di ministro della Difesa", "sergei_shoigu", "refuted"),
           ("Mark Rutte, che ha sostituito Jens Stoltenberg come segretario generale della Nato, ha parlato.", "Mark Rutte, che ha sostituito Jens Stoltenberg come segretario generale della Nato", "mark_rutte", "supported")],
    "pt": [("Serguei Shoigu, que ocupa o cargo de ministro da Defesa, visitou Pyongyang.", "Serguei Shoigu, que ocupa o cargo de ministro da Defesa", "sergei_shoigu", "refuted"),
           ("Mark Rutte, que substituiu Jens Stoltenberg como secretário-geral da NATO, falou.", "Mark Rutte, que substituiu Jens Stoltenberg como secretário-geral da NATO", "mark_rutte", "supported")],
    "ru": [("Автор поста называет Сергея Шойгу, занимающего пост министра обороны, инициатором договора.", "Сергея Шойгу, занимающего пост министра обороны", "sergei_shoigu", "refuted"),
           ("Марк Рютте, сменивший Йенса Столтенберга на посту генсека НАТО, выступил.", "Марк Рютте, сменивший Йенса Столтенберга на посту генсека НАТО", "mark_rutte", "supported")],
}

TIMED = {
    "en": [("Shoigu is today secretary of the Security Council.", "Shoigu is today secretary of the Security Council"),
           ("Vladimir Putin, president since 2012, spoke.", "Vladimir Putin, president"),
           ("Sergei Shoigu is secretary of the Security Council since May.", "Sergei Shoigu is secretary of the Security Council since May")],
    "es": [("Shoigú es desde mayo de 2024 secretario del Consejo de Seguridad de Rusia.", "Shoigú es desde mayo de 2024 secretario del Consejo de Seguridad de Rusia"),
           ("El ministro de Defensa de Rusia es desde mayo de 2024 Andréi Belousov.", "ministro de Defensa de Rusia es desde mayo de 2024 Andréi Belousov")],
    "fr": [("Choïgou est depuis mai 2024 secrétaire du Conseil de sécurité.", "Choïgou est depuis mai 2024 secrétaire du Conseil de sécurité")],
    "de": [("Der frühere Verteidigungsminister Sergej Schoigu ist heute Sekretär des Sicherheitsrats.", "Sergej Schoigu ist heute Sekretär des Sicherheitsrats"),
           ("Schoigu ist seit Mai 2024 Sekretär des Sicherheitsrats.", "Schoigu ist seit Mai 2024 Sekretär des Sicherheitsrats")],
    "it": [("Shoigu è dal maggio 2024 segretario del Consiglio di sicurezza.", "Shoigu è dal maggio 2024 segretario del Consiglio di sicurezza")],
    "pt": [("Shoigu é secretário do Conselho de Segurança desde maio de 2024.", "Shoigu é secretário do Conselho de Segurança desde maio de 2024")],
    "ru": [("Однако Шойгу с мая 2024 года — секретарь Совета безопасности, а министр обороны — Андрей Белоусов.", "Шойгу с мая 2024 года — секретарь Совета безопасности"),
           ("Шойгу сегодня — секретарь Совета безопасности.", "Шойгу сегодня — секретарь Совета безопасности")],
}

# No office claim: a past tense ("who held"), a verb after the title that is no taking over
# ("kritisierte": Stoltenberg's office, not Rutte's), a holding phrase about someone else, a
# title followed by a past year ("defence minister in 2012": a past term, not one to check at
# the publication date).
NONE = {
    "en": ["Sergei Shoigu, who held the post of defence minister, visited Pyongyang.",
           "Sergei Shoigu, who was defence minister, visited Pyongyang.",
           "Sergei Shoigu, who replaced Anatoly Serdyukov as defence minister in 2012, visited Pyongyang."],
    "es": ["Serguéi Shoigú, que ocupó el cargo de ministro de Defensa, visitó Pyongyang.",
           "Serguéi Shoigú, que fue ministro de Defensa, visitó Pyongyang.",
           "Serguéi Shoigú, ministro de Defensa en 2015, visitó Pyongyang."],
    "fr": ["Sergueï Choïgou, qui a occupé le poste de ministre de la Défense, a visité Pyongyang.",
           "Sergueï Choïgou, ministre de la Défense en 2015, a visité Pyongyang."],
    "de": ["Mark Rutte, der Jens Stoltenberg als Nato-Generalsekretär kritisierte, sprach in Brüssel.",
           "Sergej Schoigu, der das Amt des russischen Verteidigungsministers abgab, reiste ab.",
           "Sergej Schoigu, Verteidigungsminister von 2012 bis 2024, besuchte Pjöngjang."],
    "it": ["Sergej Shoigu, che ha ricoperto la carica di ministro della Difesa, ha visitato Pyongyang.",
           "Sergej Shoigu, ministro della Difesa nel 2015, ha visitato Pyongyang."],
    "pt": ["Serguei Shoigu, que ocupou o cargo de ministro da Defesa, visitou Pyongyang.",
           "Serguei Shoigu, ministro da Defesa em 2015, visitou Pyongyang."],
    "ru": ["Сергей Шойгу, занимавший пост министра обороны, посетил Пхеньян.",
           "Сергей Шойгу, министр обороны в 2012 году, посетил Пхеньян."],
}


def _office_rows(folder: Path, articles: dict[str, list[str]]) -> dict[str, list[dict]]:
    """The office_holder verdicts of one article per language (its sentences as paragraphs;
    one article per sentence would be folded together as near-duplicates)."""
    checked = check_per_language(folder, {language: "\n\n".join(sentences) for language, sentences in articles.items()}, published=PUBLISHED, check_offsets=False)
    return {language: [r for r in rows if r["claim_type"] == "office_holder"] for language, rows in checked.items()}


@pytest.fixture(scope="module")
def holding_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _office_rows(tmp_path_factory.mktemp("holding"), {lang: [c[0] for c in cases] for lang, cases in HOLDING.items()})


@pytest.fixture(scope="module")
def timed_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _office_rows(tmp_path_factory.mktemp("timed"), {lang: [c[0] for c in cases] for lang, cases in TIMED.items()})


@pytest.fixture(scope="module")
def none_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _office_rows(tmp_path_factory.mktemp("none"), NONE)


def _row(rows: list[dict], claim_text: str) -> dict:
    found = [r for r in rows if r["claim_text"] == claim_text]
    assert found, [r["claim_text"] for r in rows]
    return found[0]


@pytest.mark.parametrize(("language", "sentence", "claim_text", "person", "verdict"), [(lang, *case) for lang, cases in HOLDING.items() for case in cases])
def test_a_holding_phrase_or_a_succession_ties_the_title_to_the_name(holding_rows, language, sentence, claim_text, person, verdict):
    """"Name, who holds the post of title" and "Name, who succeeded Other as title" are office
    claims about Name (not Other), checked at the publication date."""
    row = _row(holding_rows[language], claim_text)
    assert (row["person_id"], row["verdict"]) == (person, verdict), row["reason"]


@pytest.mark.parametrize(("language", "sentence", "claim_text"), [(lang, *case) for lang, cases in TIMED.items() for case in cases])
def test_a_time_next_to_the_copula_or_ending_the_clause_keeps_the_claim(timed_rows, language, sentence, claim_text):
    """"ist heute", "с мая 2024 года —", "desde maio de 2024." between or after the copular
    claim's parts do not stop it."""
    row = _row(timed_rows[language], claim_text)
    assert row["verdict"] == "supported", row["reason"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_past_tense_or_another_verb_after_the_title_is_no_holding_phrase(none_rows, language):
    assert [r["claim_text"] for r in none_rows[language]] == []


# language: [(sentence, claim text, verdict, words the reason must contain)], published
# 2025-01-15: Belousov took the defence ministry on 2024-05-14, Rutte NATO on 2024-10-01,
# Shoigu the Security Council on 2024-05-12 (and the defence ministry on 2012-11-06, until 2024-05-12).
TOOK_OFFICE = {
    "en": [("NATO Secretary General Mark Rutte, who took office on October 1, said so.", "NATO Secretary General Mark Rutte, who took office on October 1", "supported", "having taken it on 2024-10-01"),
           ("Defence Minister Andrei Belousov, who replaced Sergei Shoigu in March, spoke.", "Defence Minister Andrei Belousov, who replaced Sergei Shoigu in March", "refuted", "on 2024-05-14 (held 2024-05-14 to present), not in 2024-03"),
           ("Defence Minister Sergei Shoigu, appointed in November 2012, ordered it.", "Defence Minister Sergei Shoigu, appointed in November 2012", "conflicting", "held it only until 2024-05-12")],
    "es": [("El ministro de Defensa, Andréi Belousov, que asumió el cargo en mayo de 2024, viajó a Pyongyang.", "ministro de Defensa, Andréi Belousov, que asumió el cargo en mayo de 2024", "supported", "having taken it on 2024-05-14")],
    "fr": [("Le nouveau ministre de la Défense, Andreï Belooussov, nommé en mars 2024, a parlé.", "ministre de la Défense, Andreï Belooussov, nommé en mars 2024", "refuted", "not in 2024-03")],
    "de": [("Verteidigungsminister Andrej Beloussow, seit Mai 2024 im Amt, reiste nach Pjöngjang.", "Verteidigungsminister Andrej Beloussow, seit Mai 2024", "supported", "having taken it on 2024-05-14")],
    "it": [("Il ministro della Difesa russo Andrei Belousov, in carica dal maggio 2024, ha parlato.", "ministro della Difesa russo Andrei Belousov, in carica dal maggio 2024", "supported", "having taken it on 2024-05-14")],
    "pt": [("Shoigu é secretário do Conselho de Segurança desde março de 2023.", "Shoigu é secretário do Conselho de Segurança desde março de 2023", "refuted", "on 2024-05-12 (held 2024-05-12 to present), not in 2023-03")],
    "ru": [("Министр обороны Андрей Белоусов, назначенный в мае 2024 года, выступил.", "Министр обороны Андрей Белоусов, назначенный в мае 2024 года", "supported", "having taken it on 2024-05-14"),
           ("Однако Шойгу с мая 2024 года — секретарь Совета безопасности.", "Шойгу с мая 2024 года — секретарь Совета безопасности", "supported", "having taken it on 2024-05-12")],
}


@pytest.fixture(scope="module")
def took_office_rows(tmp_path_factory) -> dict[str, list[dict]]:
    """All claims (any type) of one article per language."""
    texts = {language: "\n\n".join(c[0] for c in cases) for language, cases in TOOK_OFFICE.items()}
    return check_per_language(tmp_path_factory.mktemp("took"), texts, published=PUBLISHED, check_offsets=False)


@pytest.mark.parametrize(("language", "sentence", "claim_text", "verdict", "reason"), [(lang, *case) for lang, cases in TOOK_OFFICE.items() for case in cases])
def test_the_date_a_person_took_office_is_checked_against_the_holding_start(took_office_rows, language, sentence, claim_text, verdict, reason):
    """"who took office on October 1", "nommé en mai", "in carica dal maggio 2024", "назначенный
    в мае 2024 года", "seit Mai 2024", "с мая 2024 года —": the office claim runs over the date
    and is checked against the start of the person's holding (another start refutes it; the
    right start of a term that ended before publication is conflicting). The date is no
    event_date claim of its own."""
    rows = took_office_rows[language]
    row = _row([r for r in rows if r["claim_type"] == "office_holder"], claim_text)
    assert row["verdict"] == verdict, row["reason"]
    assert reason in row["reason"], row["reason"]
    assert row["reference_id"].startswith("holding:")
    assert not [r for r in rows if r["claim_type"] == "event_date" and sentence.startswith(r["claim_text"][:20])], [r["claim_text"] for r in rows if r["claim_type"] == "event_date"]


# language: [(sentence, claim text, verdict, words the reason must contain)], published
# 2025-01-15. A past holding ("no longer", "left the post of", "who was ... until", "title until")
# is checked against the end of the person's term: supported when it ended (at the date's
# precision when one is given), refuted while the term still ran or when it ended at another
# time; never as a took-office date. The title after a contrast word is a present claim.
PAST = {
    "en": [("Sergey Lavrov is no longer foreign minister.", "Sergey Lavrov is no longer foreign minister", "refuted", "still held the office"),
           ("Shoigu is no longer defence minister but secretary of the Security Council.", "Shoigu is no longer defence minister", "supported", "to 2024-05-12, no longer on 2025-01-15"),
           ("Shoigu left the post of defence minister in March 2024.", "Shoigu left the post of defence minister in March 2024", "refuted", "on 2024-05-12 (held 2012-11-06 to 2024-05-12), not in 2024-03"),
           ("Sergei Shoigu, who was defence minister until May 2024, now travels.", "Sergei Shoigu, who was defence minister until May 2024", "supported", "to 2024-05-12, the end the text gives")],
    "es": [("Serguéi Lavrov ya no es ministro de Asuntos Exteriores de Rusia.", "Serguéi Lavrov ya no es ministro de Asuntos Exteriores de Rusia", "refuted", "still held the office"),
           ("Jens Stoltenberg dejó el cargo de secretario general de la OTAN el 1 de octubre de 2024.", "Jens Stoltenberg dejó el cargo de secretario general de la OTAN el 1 de octubre de 2024", "supported", "to 2024-10-01, the end the text gives"),
           ("Serguéi Shoigú, que fue ministro de Defensa hasta mayo de 2024, habló.", "Serguéi Shoigú, que fue ministro de Defensa hasta mayo de 2024", "supported", "the end the text gives")],
    "fr": [("Choïgou n'est plus ministre de la Défense depuis mai 2024.", "Choïgou n'est plus ministre de la Défense depuis mai 2024", "supported", "the end the text gives"),
           ("Sergueï Choïgou, qui était ministre de la Défense jusqu'en mai 2024, a parlé.", "Sergueï Choïgou, qui était ministre de la Défense jusqu'en mai 2024", "supported", "the end the text gives")],
    "de": [("Schoigu ist seit Mai 2024 nicht mehr Verteidigungsminister, sondern Sekretär des Sicherheitsrats.", "Schoigu ist seit Mai 2024 nicht mehr Verteidigungsminister", "supported", "the end the text gives"),
           ("Sergej Lawrow ist nicht mehr Außenminister.", "Sergej Lawrow ist nicht mehr Außenminister", "refuted", "still held the office"),
           ("Jens Stoltenberg verließ das Amt des Nato-Generalsekretärs im Oktober 2024.", "Jens Stoltenberg verließ das Amt des Nato-Generalsekretärs im Oktober 2024", "supported", "the end the text gives")],
    "it": [("Shoigu non è più ministro della Difesa, ma segretario del Consiglio di sicurezza della Russia.", "Shoigu non è più ministro della Difesa", "supported", "no longer on 2025-01-15"),
           ("Sergej Shoigu, che era ministro della Difesa fino a maggio 2024, ha parlato.", "Sergej Shoigu, che era ministro della Difesa fino a maggio 2024", "supported", "the end the text gives")],
    "pt": [("Shoigu já não é ministro da Defesa desde maio de 2024.", "Shoigu já não é ministro da Defesa desde maio de 2024", "supported", "the end the text gives"),
           ("Jens Stoltenberg deixou o cargo de secretário-geral da NATO em março de 2024.", "Jens Stoltenberg deixou o cargo de secretário-geral da NATO em março de 2024", "refuted", "not in 2024-03")],
    "ru": [("Шойгу больше не министр обороны, а секретарь Совета безопасности.", "Шойгу больше не министр обороны", "supported", "no longer on 2025-01-15"),
           ("Сергей Лавров больше не министр иностранных дел.", "Сергей Лавров больше не министр иностранных дел", "refuted", "still held the office"),
           ("Йенс Столтенберг покинул пост генсека НАТО 1 октября 2024 года.", "Йенс Столтенберг покинул пост генсека НАТО 1 октября 2024 года", "supported", "the end the text gives")],
}

# language: [(sentence, claim text)]: the title after a past holding and a contrast word is the
# office the person holds instead (supported on 2025-01-15).
CONTRAST = {
    "en": [("Shoigu is no longer defence minister but secretary of the Security Council.", "Shoigu is no longer defence minister but secretary of the Security Council")],
    "de": [("Schoigu ist seit Mai 2024 nicht mehr Verteidigungsminister, sondern Sekretär des Sicherheitsrats.", "Schoigu ist seit Mai 2024 nicht mehr Verteidigungsminister, sondern Sekretär des Sicherheitsrats")],
    "it": [("Shoigu non è più ministro della Difesa, ma segretario del Consiglio di sicurezza della Russia.", "Shoigu non è più ministro della Difesa, ma segretario del Consiglio di sicurezza della Russia")],
    "ru": [("Шойгу больше не министр обороны, а секретарь Совета безопасности.", "Шойгу больше не министр обороны, а секретарь Совета безопасности")],
}


@pytest.fixture(scope="module")
def past_rows(tmp_path_factory) -> dict[str, list[dict]]:
    """All claims (any type) of one article per language."""
    texts = {language: "\n\n".join(c[0] for c in cases) for language, cases in PAST.items()}
    return check_per_language(tmp_path_factory.mktemp("past"), texts, published=PUBLISHED, check_offsets=False)


@pytest.mark.parametrize(("language", "sentence", "claim_text", "verdict", "reason"), [(lang, *case) for lang, cases in PAST.items() for case in cases])
def test_a_past_holding_is_checked_against_the_end_of_the_term(past_rows, language, sentence, claim_text, verdict, reason):
    rows = past_rows[language]
    row = _row([r for r in rows if r["claim_type"] == "office_holder"], claim_text)
    assert row["verdict"] == verdict, row["reason"]
    assert reason in row["reason"], row["reason"]
    assert row["reference_id"].startswith("holding:")
    # Its date is the term's end, no event's.
    assert not [r for r in rows if r["claim_type"] == "event_date" and sentence.startswith(r["claim_text"][:20])], [r["claim_text"] for r in rows if r["claim_type"] == "event_date"]


@pytest.mark.parametrize(("language", "sentence", "claim_text"), [(lang, *case) for lang, cases in CONTRAST.items() for case in cases])
def test_the_title_after_a_contrast_word_is_a_present_holding(past_rows, language, sentence, claim_text):
    row = _row([r for r in past_rows[language] if r["claim_type"] == "office_holder"], claim_text)
    assert (row["person_id"], row["verdict"]) == ("sergei_shoigu", "supported"), row["reason"]
    assert "held the office of Secretary of the Security Council" in row["reason"], row["reason"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_past_tense_title_without_an_end_date_is_no_claim(none_rows, language):
    """"Name, who was title" alone (no until date) says nothing checkable: NONE covers it."""
    assert [r["claim_text"] for r in none_rows[language]] == []


# language: [(sentence, claim text)], supported on 2025-01-15: a title after a "now" word and no
# copula ("Шойгу сейчас секретарь Совбеза"), or after a conjunction (or a semicolon) and a copula
# whose subject, the person opening the sentence, is left out.
PREDICATE = {
    "en": [("That is wrong: Shoigu left the ministry in May and is now Secretary of the Security Council.", "Shoigu left the ministry in May and is now Secretary of the Security Council")],
    "es": [("Shoigú dejó el cargo de ministro de Defensa en mayo y hoy es secretario del Consejo de Seguridad de Rusia.", "Shoigú dejó el cargo de ministro de Defensa en mayo y hoy es secretario del Consejo de Seguridad de Rusia")],
    "fr": [("Choïgou a quitté ses fonctions en mai et est aujourd'hui secrétaire du Conseil de sécurité.", "Choïgou a quitté ses fonctions en mai et est aujourd'hui secrétaire du Conseil de sécurité")],
    "de": [("Schoigu verließ das Amt im Mai und ist heute Sekretär des Sicherheitsrats.", "Schoigu verließ das Amt im Mai und ist heute Sekretär des Sicherheitsrats")],
    "it": [("Shoigu ha lasciato quell'incarico a maggio 2024; oggi è segretario del Consiglio di sicurezza.", "Shoigu ha lasciato quell'incarico a maggio 2024; oggi è segretario del Consiglio di sicurezza")],
    "pt": [("Shoigu deixou o cargo em maio e hoje é secretário do Conselho de Segurança da Rússia.", "Shoigu deixou o cargo em maio e hoje é secretário do Conselho de Segurança da Rússia")],
    "ru": [("Шойгу сейчас секретарь Совбеза.", "Шойгу сейчас секретарь Совбеза")],
}

# language: [(sentence, claim text, person_id, verdict, office named in the reason)], 2025-01-15:
# a verb of leading and the body led (``lead_verbs``): the office that leads that body, found
# from the pack's wordings ("Совбез" is the body of "секретарь Совбеза"), or through the
# organisation a body noun stands for ("the alliance" after NATO).
LEADS = {
    "en": [("Shoigu now runs the Security Council.", "Shoigu now runs the Security Council", "sergei_shoigu", "supported", "Security Council"),
           ("NATO ministers met in Brussels, where Lavrov leads the alliance.", "Lavrov leads the alliance", "sergey_lavrov", "refuted", "Secretary General of NATO")],
    "es": [("Rutte encabeza la OTAN desde octubre.", "Rutte encabeza la OTAN desde octubre", "mark_rutte", "supported", "Secretary General of NATO")],
    "fr": [("Rutte dirige l'Otan.", "Rutte dirige l'Otan", "mark_rutte", "supported", "Secretary General of NATO")],
    "de": [("Rutte leitet die Nato.", "Rutte leitet die Nato", "mark_rutte", "supported", "Secretary General of NATO")],
    "it": [("Lavrov guida la Nato.", "Lavrov guida la Nato", "sergey_lavrov", "refuted", "Secretary General of NATO")],
    "pt": [("Rutte lidera a NATO.", "Rutte lidera a NATO", "mark_rutte", "supported", "Secretary General of NATO")],
    "ru": [("Шойгу возглавляет Совбез.", "Шойгу возглавляет Совбез", "sergei_shoigu", "supported", "Security Council")],
}

# language: [(sentence, claim text, verdict, words the reason must contain)], 2025-01-15: leaving
# or taking an office named only by a noun ("the ministry", "Defensa", "das Amt", "quell'incarico"),
# resolved through the person's terms in the pack, the date right after it checked against the
# term's end (leaving) or start (taking).
MOVES = {
    "en": [("Shoigu left the ministry in March.", "Shoigu left the ministry in March", "refuted", "on 2024-05-12 (held 2012-11-06 to 2024-05-12), not in 2024-03"),
           ("Mark Rutte took over the post on 1 October 2024.", "Mark Rutte took over the post on 1 October 2024", "supported", "having taken it on 2024-10-01")],
    "es": [("Error: Shoigú dejó Defensa en mayo.", "Shoigú dejó Defensa en mayo", "supported", "Minister of Defence of the Russian Federation from 2012-11-06 to 2024-05-12, the end the text gives")],
    "fr": [("Jens Stoltenberg a quitté ses fonctions le 1er octobre 2024.", "Jens Stoltenberg a quitté ses fonctions le 1er octobre 2024", "supported", "to 2024-10-01, the end the text gives")],
    "de": [("Rutte hatte das Amt im Oktober von Jens Stoltenberg übernommen.", "Rutte hatte das Amt im Oktober", "supported", "Secretary General of NATO on 2025-01-15, having taken it on 2024-10-01")],
    "it": [("Shoigu ha lasciato quell'incarico a maggio 2024.", "Shoigu ha lasciato quell'incarico a maggio 2024", "supported", "the end the text gives")],
    "pt": [("Shoigu deixou o cargo em março de 2024.", "Shoigu deixou o cargo em março de 2024", "refuted", "not in 2024-03")],
    "ru": [("Шойгу покинул Минобороны в мае 2024 года.", "Шойгу покинул Минобороны в мае 2024 года", "supported", "Minister of Defence of the Russian Federation from 2012-11-06 to 2024-05-12")],
}

# No office claim: a noun that is no office of the person's ("left Moscow"), a take phrase whose
# closing verb is another ("hatte das Amt ... kritisiert"), a conjunction after another person.
NO_MOVE = {
    "en": ["Putin left Moscow in May.", "Putin met Shoigu and is now in Minsk."],
    "de": ["Rutte hatte das Amt im Oktober kritisiert."],
}


@pytest.fixture(scope="module")
def predicate_rows(tmp_path_factory) -> dict[str, list[dict]]:
    texts = {lang: [c[0] for c in PREDICATE.get(lang, []) + LEADS.get(lang, [])] for lang in LANGUAGES}
    return _office_rows(tmp_path_factory.mktemp("predicate"), texts)


@pytest.fixture(scope="module")
def move_rows(tmp_path_factory) -> dict[str, list[dict]]:
    """All claims (any type) of one article per language."""
    texts = {language: "\n\n".join(c[0] for c in cases) for language, cases in MOVES.items()}
    return check_per_language(tmp_path_factory.mktemp("moves"), texts, published=PUBLISHED, check_offsets=False)


@pytest.fixture(scope="module")
def no_move_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _office_rows(tmp_path_factory.mktemp("nomove"), NO_MOVE)


@pytest.mark.parametrize(("language", "sentence", "claim_text"), [(lang, *case) for lang, cases in PREDICATE.items() for case in cases])
def test_a_predicate_title_after_a_now_word_or_an_elided_subject_is_a_claim(predicate_rows, language, sentence, claim_text):
    row = _row(predicate_rows[language], claim_text)
    assert (row["person_id"], row["verdict"]) == ("sergei_shoigu", "supported"), row["reason"]
    assert "Secretary of the Security Council" in row["reason"], row["reason"]


@pytest.mark.parametrize(("language", "sentence", "claim_text", "person", "verdict", "office"), [(lang, *case) for lang, cases in LEADS.items() for case in cases])
def test_a_verb_of_leading_and_the_body_led_is_an_office_claim(predicate_rows, language, sentence, claim_text, person, verdict, office):
    row = _row(predicate_rows[language], claim_text)
    assert (row["person_id"], row["verdict"]) == (person, verdict), row["reason"]
    assert office in row["reason"], row["reason"]


@pytest.mark.parametrize(("language", "sentence", "claim_text", "verdict", "reason"), [(lang, *case) for lang, cases in MOVES.items() for case in cases])
def test_leaving_or_taking_an_office_named_by_a_noun_is_dated(move_rows, language, sentence, claim_text, verdict, reason):
    rows = move_rows[language]
    row = _row([r for r in rows if r["claim_type"] == "office_holder"], claim_text)
    assert row["verdict"] == verdict, row["reason"]
    assert reason in row["reason"], row["reason"]
    assert row["reference_id"].startswith("holding:")
    assert not [r for r in rows if r["claim_type"] == "event_date" and sentence.startswith(r["claim_text"][:20])], [r["claim_text"] for r in rows if r["claim_type"] == "event_date"]


@pytest.mark.parametrize("language", list(NO_MOVE))
def test_a_noun_that_is_no_office_of_the_person_gives_no_claim(no_move_rows, language):
    assert [r["claim_text"] for r in no_move_rows[language]] == []


# language: [(sentence, [(claim text, person_id)])], all supported on 2025-01-15: readout lists
# whose names carry initials ("С.В.Лавров", "А. Р. Белоусов", "V.V. Poutine"): each title pairs
# with the name right after it, and the initials end no sentence.
READOUT = {
    "ru": [("В переговорах приняли участие: Министр иностранных дел Российской Федерации С.В.Лавров, Министр обороны Российской Федерации А.Р.Белоусов, "
            "Секретарь Совета Безопасности Российской Федерации С. К. Шойгу, Пресс-секретарь Президента Российской Федерации Д.С.Песков.",
            [("Министр иностранных дел Российской Федерации С.В.Лавров", "sergey_lavrov"), ("Министр обороны Российской Федерации А.Р.Белоусов", "andrei_belousov"),
             ("Секретарь Совета Безопасности Российской Федерации С. К. Шойгу", "sergei_shoigu"), ("Пресс-секретарь Президента Российской Федерации Д.С.Песков", "dmitry_peskov")])],
    "fr": [("Le texte a été signé par le Président de la Fédération de Russie V.V. Poutine et le ministre des Affaires étrangères de la Fédération de Russie S.V. Lavrov.",
            [("Président de la Fédération de Russie V.V. Poutine", "vladimir_putin"), ("ministre des Affaires étrangères de la Fédération de Russie S.V. Lavrov", "sergey_lavrov")])],
}


@pytest.fixture(scope="module")
def readout_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _office_rows(tmp_path_factory.mktemp("readout"), {lang: [c[0] for c in cases] for lang, cases in READOUT.items()})


@pytest.mark.parametrize("language", list(READOUT))
def test_each_title_of_a_readout_list_pairs_with_the_initialled_name_after_it(readout_rows, language):
    expected = sorted((text, person, "supported") for _, claims in READOUT[language] for text, person in claims)
    assert sorted((r["claim_text"], r["person_id"], r["verdict"]) for r in readout_rows[language]) == expected


def test_initials_end_no_sentence():
    """Two or more initials before a capitalised word, in Latin or Cyrillic script, with or
    without spaces: "V.V. Poutine", "С.В.Лавров", "А. Р. Белоусов"; one initial still may end a
    sentence ("Plan B. Then")."""
    import polars as pl

    from pipelines.extract.text import sentences

    texts = ["Signé par V.V. Poutine et S. V. Lavrov. La suite.", "М.В. Захарова и А. Р. Белоусов. Конец.", "It was Plan B. Then it failed."]
    found = sentences(pl.DataFrame({"article_id": [str(i) for i in range(len(texts))], "text": texts}))
    assert found["sent_text"].to_list() == [
        "Signé par V.V. Poutine et S. V. Lavrov.", "La suite.", "М.В. Захарова и А. Р. Белоусов.", "Конец.", "It was Plan B.", "Then it failed.",
    ]


# language: [(sentence, claim text, verdict, words the reason must contain)], published
# 2025-01-15 (Rutte NATO secretary general since 2024-10-01, Belousov defence minister since
# 2024-05-14): a title in a sentence whose main action carries a date is checked at that date,
# at its precision, also after a 'then' word ("the then", "de l'époque", "тогдашний"); a date in
# a relative clause or a reported clause is no date of the title's.
AS_OF = {
    "en": [("NATO Secretary General Jens Stoltenberg called the treaty a worrying sign in June 2024.", "NATO Secretary General Jens Stoltenberg", "supported", "in 2024-06 (2014-10-01 to 2024-10-01)"),
           ("Defence Minister Andrei Belousov said that in 2023 the army had grown.", "Defence Minister Andrei Belousov", "supported", "on 2025-01-15")],
    "es": [("El entonces ministro de Defensa ruso, Serguéi Shoigú, visitó Pyongyang en julio de 2023.", "ministro de Defensa ruso, Serguéi Shoigú", "supported", "in 2023-07")],
    "fr": [("Le ministre de la Défense de l'époque, Sergueï Choïgou, s'était rendu à Pyongyang en juillet 2023.", "ministre de la Défense de l'époque, Sergueï Choïgou", "supported", "in 2023-07")],
    "de": [("Nato-Generalsekretär Jens Stoltenberg nannte den Vertrag im Juni 2024 eine Bedrohung.", "Nato-Generalsekretär Jens Stoltenberg", "supported", "in 2024-06"),
           ("Verteidigungsminister Andrej Beloussow besuchte Pjöngjang im März 2024.", "Verteidigungsminister Andrej Beloussow", "refuted", "In 2024-03 the office")],
    "it": [("Il segretario generale della Nato Jens Stoltenberg ha parlato il 10 luglio 2024.", "segretario generale della Nato Jens Stoltenberg", "supported", "on 2024-07-10")],
    "pt": [("O então ministro da Defesa, Serguei Shoigu, esteve em Pyongyang em julho de 2023.", "ministro da Defesa, Serguei Shoigu", "supported", "in 2023-07")],
    "ru": [("Уходящий генсек НАТО Йенс Столтенберг в сентябре 2024 года называл договор угрозой.", "генсек НАТО Йенс Столтенберг", "supported", "in 2024-09")],
}

# No office claim: a 'then' title in a sentence that dates no action of its own (the date is in
# a relative clause), or none at all.
THEN_UNDATED = {
    "en": ["Then-defence minister Sergei Shoigu, who visited Pyongyang in July 2023, had left the ministry."],
    "fr": ["Le ministre de la Défense de l'époque, Sergueï Choïgou, a visité Pyongyang."],
    "de": ["Der damalige Verteidigungsminister Sergej Schoigu besuchte Pjöngjang."],
    "ru": ["Тогдашний министр обороны Сергей Шойгу посетил Пхеньян."],
}


@pytest.fixture(scope="module")
def as_of_rows(tmp_path_factory) -> dict[str, list[dict]]:
    texts = {lang: [c[0] for c in cases] + THEN_UNDATED.get(lang, []) for lang, cases in AS_OF.items()}
    return _office_rows(tmp_path_factory.mktemp("asof"), texts)


@pytest.mark.parametrize(("language", "sentence", "claim_text", "verdict", "reason"), [(lang, *case) for lang, cases in AS_OF.items() for case in cases])
def test_a_title_is_checked_at_the_date_of_the_sentences_action(as_of_rows, language, sentence, claim_text, verdict, reason):
    row = _row(as_of_rows[language], claim_text)
    assert row["verdict"] == verdict, row["reason"]
    assert reason in row["reason"], row["reason"]


@pytest.mark.parametrize("language", list(THEN_UNDATED))
def test_a_then_title_without_a_date_of_its_sentence_is_no_claim(as_of_rows, language):
    dated = {c[1] for c in AS_OF[language]}
    assert [r["claim_text"] for r in as_of_rows[language] if r["claim_text"] not in dated] == []
