"""Extraction in all seven languages: dates, quotes, offices, treaty references, numbers.

Pure-function tests: articles are built with ``build_articles`` from in-memory records and run
through ``extract_claims`` against the bundled reference pack and lexicons. Every claim's offsets
must cut its text out of the article exactly. Office verdicts are also checked end to end, through
``pipelines.core.check`` (the verdict SQL on an in-memory DuckDB).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.core import check
from pipelines.extract.claims import extract_claims
from pipelines.ingest.articles import build_articles
from pipelines.settings import Settings
from tests.conftest import check_per_language

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("es", "en", "fr", "de", "it", "pt", "ru")


@pytest.fixture(scope="module")
def run(lexicons, ref):
    def _run(language: str, text: str, published: str = "2025-04-28") -> tuple[str, pl.DataFrame]:
        articles, _ = build_articles([{"text": text, "source_path": "t.txt", "language": language, "published": published}], lexicons)
        claims = extract_claims(articles, ref, lexicons)
        for row in claims.iter_rows(named=True):
            assert text[row["char_start"]:row["char_end"]] == row["claim_text"], row
        return text, claims

    return _run


def one(claims: pl.DataFrame, claim_type: str, contains: str) -> dict:
    rows = [r for r in claims.filter(pl.col("claim_type") == claim_type).iter_rows(named=True) if contains in r["claim_text"]]
    assert rows, f"no {claim_type} claim containing {contains!r} in {claims.select('claim_type', 'claim_text').rows()}"
    return min(rows, key=lambda r: len(r["claim_text"]))


def test_every_language_has_a_lexicon(lexicons):
    assert set(LANGUAGES) <= set(lexicons)


# --------------------------------------------------------------------------- dates

DATES = {
    # language: [(text, mention inside the claim, expected date, precision)]
    "es": [
        ("El tratado se firmó el 19 de junio de 2024 en Pyongyang.", "19 de junio de 2024", "2024-06-19", "day"),
        ("Entró en vigor el pasado 4 de diciembre, según Moscú.", "4 de diciembre", "2024-12-04", "day"),
        ("Ayer Pyongyang confirmó el despliegue en Kursk.", "Ayer", "2025-04-27", "day"),
        ("La firma fue el 19/06/2024 en Pyongyang.", "19/06/2024", "2024-06-19", "day"),
    ],
    "en": [
        ("The treaty was signed on June 19, 2024 in Pyongyang.", "June 19, 2024", "2024-06-19", "day"),
        ("It took effect on 4 December, Moscow said.", "4 December", "2024-12-04", "day"),
        ("The summit took place last June in Pyongyang.", "last June", "2024-06-01", "month"),
    ],
    "fr": [
        ("Le traité a été signé le 19 juin 2024 à Pyongyang.", "19 juin 2024", "2024-06-19", "day"),
        ("Il est entré en vigueur le 4 décembre dernier.", "4 décembre dernier", "2024-12-04", "day"),
        ("Le décret a été signé le 1er décembre, selon Séoul.", "1er décembre", "2024-12-01", "day"),
        ("Hier, Pyongyang a confirmé l'envoi de troupes.", "Hier", "2025-04-27", "day"),
        ("L'année dernière, Moscou et Pyongyang ont signé un traité.", "L'année dernière", "2024-01-01", "year"),
    ],
    "de": [
        ("Der Vertrag wurde am 19. Juni 2024 in Pjöngjang unterzeichnet.", "19. Juni 2024", "2024-06-19", "day"),
        ("Er trat am 4. Dezember vergangenen Jahres in Kraft.", "4. Dezember vergangenen Jahres", "2024-12-04", "day"),
        ("Am Mittwoch meldete Moskau die Rückeroberung.", "Am Mittwoch", "2025-04-23", "day"),
        ("Im vergangenen Jahr unterzeichneten beide Seiten den Vertrag.", "Im vergangenen Jahr", "2024-01-01", "year"),
        ("Die Unterzeichnung war am 19.06.2024 in Pjöngjang.", "19.06.2024", "2024-06-19", "day"),
    ],
    "it": [
        ("Il trattato è stato firmato il 19 giugno 2024 a Pyongyang.", "19 giugno 2024", "2024-06-19", "day"),
        ("È entrato in vigore il 4 dicembre scorso.", "4 dicembre scorso", "2024-12-04", "day"),
        ("Lo scorso anno Mosca e Pyongyang hanno firmato un trattato.", "Lo scorso anno", "2024-01-01", "year"),
        ("Ieri Pyongyang ha confermato l'invio di truppe.", "Ieri", "2025-04-27", "day"),
    ],
    "pt": [
        ("O tratado foi assinado em 19 de junho de 2024 em Pyongyang.", "19 de junho de 2024", "2024-06-19", "day"),
        ("Entrou em vigor a 4 de dezembro do ano passado.", "4 de dezembro do ano passado", "2024-12-04", "day"),
        ("No ano passado, Moscovo e Pyongyang assinaram um tratado.", "No ano passado", "2024-01-01", "year"),
        ("Na quarta-feira, Moscovo anunciou a reconquista.", "quarta-feira", "2025-04-23", "day"),
    ],
    "ru": [
        ("Договор был подписан 19 июня 2024 года в Пхеньяне.", "19 июня 2024 года", "2024-06-19", "day"),
        ("Он вступил в силу 4 декабря прошлого года.", "4 декабря прошлого года", "2024-12-04", "day"),
        ("В прошлом году Москва и Пхеньян подписали договор.", "В прошлом году", "2024-01-01", "year"),
        ("Вчера Пхеньян подтвердил участие своих военных.", "Вчера", "2025-04-27", "day"),
        ("В среду Москва объявила об освобождении области.", "В среду", "2025-04-23", "day"),
    ],
}


@pytest.mark.parametrize(("language", "text", "mention", "value", "precision"), [(lang, *case) for lang, cases in DATES.items() for case in cases])
def test_dates(run, language, text, mention, value, precision):
    _, claims = run(language, text)
    claim = one(claims, "event_date", mention)
    assert claim["date_value"] == dt.date.fromisoformat(value)
    assert claim["date_precision"] == precision


def test_dateline_date_is_not_a_claim(run):
    for language, text in [
        ("fr", "PARIS, 28 avril 2025 (AFP) - Le traité a été signé le 19 juin 2024."),
        ("ru", "МОСКВА, 28 апреля. /ТАСС/. Договор был подписан 19 июня 2024 года."),
        ("it", "(ANSA) - MOSCA, 28 APR - Il trattato è stato firmato il 19 giugno 2024."),
        ("pt", "Moscovo, 28 abr 2025 (Lusa) - O tratado foi assinado em 19 de junho de 2024."),
        ("de", "Moskau/Seoul (dpa) - Der Vertrag wurde am 19. Juni 2024 unterzeichnet."),
    ]:
        _, claims = run(language, text)
        dates = claims.filter(pl.col("claim_type") == "event_date")
        assert dates["date_value"].to_list() == [dt.date(2024, 6, 19)], (language, dates.rows())
        assert not dates["claim_text"][0].startswith(("PARIS", "МОСКВА", "(ANSA)", "Moscovo", "Moskau")), language


# --------------------------------------------------------------------------- quotes

QUOTES = {
    # language: (text, quoted words, speaker_id)
    "es": [("Putin declaró: «El pueblo ruso nunca olvidará el desempeño de las fuerzas coreanas».", "El pueblo ruso nunca olvidará el desempeño de las fuerzas coreanas", "vladimir_putin"),
           ("«La cooperación no va dirigida contra terceros países», aseguró Peskov.", "La cooperación no va dirigida contra terceros países", "dmitry_peskov")],
    "en": [('"The Russian people will never forget the feat of the Korean special forces," Putin said.', "The Russian people will never forget the feat of the Korean special forces", "vladimir_putin"),
           ("Lavrov said: “Our cooperation is not directed against third countries.”", "Our cooperation is not directed against third countries.", "sergey_lavrov")],
    "fr": [("« Nos amis coréens ont agi par solidarité », a déclaré Poutine.", "Nos amis coréens ont agi par solidarité", "vladimir_putin"),
           ("Zakharova a assuré : « cette amitié n'est dirigée contre aucun pays tiers ».", "cette amitié n'est dirigée contre aucun pays tiers", "maria_zakharova")],
    "de": [("„Unsere koreanischen Freunde handelten aus Solidarität“, sagte Putin.", "Unsere koreanischen Freunde handelten aus Solidarität", "vladimir_putin"),
           ("Peskow erklärte: »Die Zusammenarbeit richtet sich gegen kein drittes Land.«", "Die Zusammenarbeit richtet sich gegen kein drittes Land.", "dmitry_peskov")],
    "it": [("«Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane», ha detto Putin.", "Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane", "vladimir_putin"),
           ('Zakharova ha dichiarato: "la cooperazione non è diretta contro paesi terzi".', "la cooperazione non è diretta contro paesi terzi", "maria_zakharova")],
    "pt": [("“Os amigos coreanos agiram por solidariedade”, afirmou Putin.", "Os amigos coreanos agiram por solidariedade", "vladimir_putin"),
           ('Lavrov declarou que "a cooperação não é dirigida contra países terceiros".', "a cooperação não é dirigida contra países terceiros", "sergey_lavrov")],
    "ru": [("«Российский народ никогда не забудет подвиг корейского спецназа», — заявил Путин.", "Российский народ никогда не забудет подвиг корейского спецназа", "vladimir_putin"),
           ("— Мы никогда не забудем подвиг корейских бойцов, — сказал Песков.", "Мы никогда не забудем подвиг корейских бойцов,", "dmitry_peskov"),
           ("Захарова заявила, что сотрудничество „не направлено против третьих стран“.", "не направлено против третьих стран", "maria_zakharova")],
}


@pytest.mark.parametrize(("language", "text", "quoted", "speaker"), [(lang, *case) for lang, cases in QUOTES.items() for case in cases])
def test_quotes(run, language, text, quoted, speaker):
    _, claims = run(language, text)
    claim = one(claims, "quote", quoted.rstrip(",."))
    assert claim["claim_text"] == quoted.rstrip(",")
    assert claim["speaker_id"] == speaker


def test_dialogue_continuation_is_a_quote(run):
    text = "— Договор никогда не был просто бумагой, — говорит Песков. — Москве нужны были люди, а у Пхеньяна их было в избытке.\n"
    _, claims = run("ru", text)
    quotes = claims.filter(pl.col("claim_type") == "quote")["claim_text"].to_list()
    assert "Москве нужны были люди, а у Пхеньяна их было в избытке." in quotes


# --------------------------------------------------------------------------- offices

OFFICES = {
    # language: (text, claim text, person_id, an office the title can mean)
    "es": [("El jefe del Estado Mayor General ruso, Valeri Gerásimov, informó a Putin.", "jefe del Estado Mayor General ruso, Valeri Gerásimov", "valery_gerasimov", "russia_chief_of_general_staff")],
    "en": [("Kremlin spokesman Dmitry Peskov declined to comment.", "Kremlin spokesman Dmitry Peskov", "dmitry_peskov", "russia_presidential_press_secretary")],
    "fr": [("Le ministre des Affaires étrangères, Sergueï Lavrov, a réagi.", "ministre des Affaires étrangères, Sergueï Lavrov", "sergey_lavrov", "russia_foreign_minister"),
           ("Le chef d'état-major général russe, Valéri Guerassimov, a parlé.", "chef d'état-major général russe, Valéri Guerassimov", "valery_gerasimov", "russia_chief_of_general_staff")],
    "de": [("Kremlchef Wladimir Putin dankte Pjöngjang.", "Kremlchef Wladimir Putin", "vladimir_putin", "president_of_russia")],
    "it": [("Il segretario generale della NATO Mark Rutte ha risposto.", "segretario generale della NATO Mark Rutte", "mark_rutte", "nato_secretary_general")],
    "pt": [("O Presidente russo, Vladimir Putin, agradeceu a Pyongyang.", "Presidente russo, Vladimir Putin", "vladimir_putin", "president_of_russia")],
    "ru": [("Начальник Генерального штаба Вооруженных сил РФ Валерий Герасимов доложил Путину.", "Начальник Генерального штаба Вооруженных сил РФ Валерий Герасимов", "valery_gerasimov", "russia_chief_of_general_staff"),
           ("Министр иностранных дел России Сергей Лавров прокомментировал договор.", "Министр иностранных дел России Сергей Лавров", "sergey_lavrov", "russia_foreign_minister")],
}


@pytest.mark.parametrize(("language", "text", "span", "person", "office"), [(lang, *case) for lang, cases in OFFICES.items() for case in cases])
def test_offices(run, language, text, span, person, office):
    _, claims = run(language, text)
    claim = one(claims, "office_holder", span)
    assert claim["claim_text"] == span
    assert claim["person_id"] == person
    assert office in (claim["office_candidates"] or "").split(",")


@pytest.mark.parametrize(("language", "text", "others"), [
    ("de", "Der frühere Nato-Generalsekretär Jens Stoltenberg gab sein Amt ab.", []),
    ("en", "Former NATO Secretary General Jens Stoltenberg stepped down.", []),
    ("ru", "Бывший министр обороны Сергей Шойгу возглавил Совбез.", []),
    # (The present "dirige le Conseil de sécurité" is a claim of its own, lead_verbs.)
    ("fr", "L'ancien ministre de la Défense Sergueï Choïgou dirige le Conseil de sécurité.", ["Sergueï Choïgou dirige le Conseil de sécurité"]),
])
def test_former_titles_are_not_office_claims(run, language, text, others):
    _, claims = run(language, text)
    assert claims.filter(pl.col("claim_type") == "office_holder")["claim_text"].to_list() == others


@pytest.mark.parametrize(("language", "text", "span", "person"), [
    ("en", "Andrei Belousov, now defence minister, visited the front.", "Andrei Belousov, now defence minister", "andrei_belousov"),
    ("es", "Lo sustituyó Andréi Belousov, actual ministro de Defensa.", "Andréi Belousov, actual ministro de Defensa", "andrei_belousov"),
    ("de", "Es sprach Andrej Beloussow, derzeit Verteidigungsminister, in Moskau.", "Andrej Beloussow, derzeit Verteidigungsminister", "andrei_belousov"),
])
def test_name_then_current_title_is_an_office_claim(run, language, text, span, person):
    """"Name, now title": the word for "now" may stand between the name and the title, and
    the claim runs to the end of the title's wording."""
    _, claims = run(language, text)
    claim = one(claims, "office_holder", span.split(",")[0])
    assert (claim["claim_text"], claim["person_id"]) == (span, person)


@pytest.mark.parametrize(("language", "text", "title", "deputy"), [
    ("en", "Foreign Minister Sergei Lavrov met the envoys.", "Foreign Minister", "Deputy "),
    ("de", "Außenminister Sergej Lawrow traf die Gesandten.", "Außenminister", "Vize-"),
    ("ru", "Министра иностранных дел Сергея Лаврова встретили послы.", "Министра", "Заместителя "),
])
def test_a_deputy_title_is_not_the_main_office(run, language, text, title, deputy):
    """A deputy's title names another office: the claim keeps the whole title and does not
    carry the minister's office as a candidate (a deputy is not judged as the minister)."""
    name = "Ла" if language == "ru" else "La"
    _, claims = run(language, text)
    assert "russia_foreign_minister" in (one(claims, "office_holder", name)["office_candidates"] or "")
    deputy_title = deputy + (title.lower() if deputy.endswith(" ") and language == "ru" else title)
    _, claims = run(language, text.replace(title, deputy_title, 1))
    claim = one(claims, "office_holder", name)
    assert claim["title_text"] == deputy_title and claim["claim_text"].startswith(deputy_title) and claim["person_id"] == "sergey_lavrov"
    assert "russia_foreign_minister" not in (claim["office_candidates"] or "")

@pytest.mark.parametrize(("language", "text", "title", "main_office"), [
    ("es", "El ministro adjunto de Exteriores Serguéi Lavrov viajó a Pyongyang.", "ministro adjunto", "russia_foreign_minister"),
    ("fr", "Le secrétaire général adjoint de l'OTAN Mark Rutte a parlé.", "secrétaire général adjoint", "nato_secretary_general"),
    ("it", "Il segretario generale aggiunto della Nato Mark Rutte ha parlato.", "segretario generale aggiunto", "nato_secretary_general"),
    ("pt", "O ministro adjunto dos Negócios Estrangeiros Serguei Lavrov falou.", "ministro adjunto", "russia_foreign_minister"),
])
def test_a_deputy_word_after_the_title_is_not_the_main_office(run, language, text, title, main_office):
    """"ministro adjunto", "secrétaire général adjoint": the deputy word after the title is part
    of the title, which loses the main office as a candidate."""
    _, claims = run(language, text)
    claim = claims.filter(pl.col("claim_type") == "office_holder").row(0, named=True)
    assert claim["title_text"] == title and claim["claim_text"].startswith(title)
    assert main_office not in (claim["office_candidates"] or "")


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The minister is Lavrov's ally."),
    ("en", "The minister is expected to resign."),
    ("en", "The minister is in Moscow."),
    ("en", "Sergei Lavrov is the minister's ally."),
    ("en", "The defence minister is Andrei Belousov's predecessor."),
    ("es", "El ministro es aliado de Lavrov."),
    ("es", "El ministro de Defensa es el responsable de la ofensiva."),
    ("fr", "Le ministre est en visite à Moscou."),
    ("fr", "Le ministre est l'allié de Sergueï Lavrov."),
    ("de", "Der Außenminister ist in Moskau."),
    ("de", "Der Außenminister ist Sergej Lawrows Vertrauter."),
    ("it", "Il ministro è in visita a Mosca."),
    ("it", "Il ministro e Sergej Lavrov hanno parlato."),
    ("pt", "O ministro é aliado de Lavrov."),
    ("ru", "Министр обороны — выходец из Минэкономразвития."),
    ("ru", "Министр обороны является союзником Лаврова."),
])
def test_a_copula_without_a_name_ending_the_clause_is_no_office_claim(run, language, text):
    """"The minister is Lavrov's ally", "... is expected to", "... is in Moscow": after a copula
    the name must end the clause (and "il ministro e Lavrov" is "the minister and Lavrov")."""
    _, claims = run(language, text)
    assert claims.filter(pl.col("claim_type") == "office_holder").is_empty(), claims.select("claim_text").rows()


# Office claims judged end to end: real extraction, then the verdict SQL on an in-memory DuckDB
# (pipelines.core.check, what `factcheck check` runs), published 2025-04-28.
NEE = "not_enough_evidence"
OFFICE_VERDICTS = {
    # language: [(sentence, claim text, person_id, verdict, words the reason must contain)]
    "es": [
        # a deputy word after the title: the deputy is not judged as the minister
        ("El ministro adjunto de Exteriores Serguéi Lavrov viajó a Pyongyang.", "ministro adjunto de Exteriores Serguéi Lavrov", "sergey_lavrov", NEE, 'The title "ministro adjunto" is not an office'),
        ("El ministro de Exteriores Serguéi Lavrov viajó después a Pekín.", "ministro de Exteriores Serguéi Lavrov", "sergey_lavrov", "supported", "Sergey Lavrov held"),
        ("El ministro adjunto de Exteriores Andréi Rudenko viajó a Pyongyang.", "ministro adjunto de Exteriores Andréi Rudenko", None, NEE, 'Andréi Rudenko is not in the reference pack, so the title "ministro adjunto de Exteriores"'),
        # copular claims, title first and name first
        ("El ministro de Defensa de Rusia es Andréi Belousov.", "ministro de Defensa de Rusia es Andréi Belousov", "andrei_belousov", "supported", "Andrei Belousov held"),
        ("Según el bulo, el ministro de Defensa ruso es Serguéi Shoigú.", "ministro de Defensa ruso es Serguéi Shoigú", "sergei_shoigu", "refuted", "was held by Andrei Belousov"),
        ("Andréi Belousov es el ministro de Defensa de Rusia.", "Andréi Belousov es el ministro de Defensa de Rusia", "andrei_belousov", "supported", "Andrei Belousov held"),
        ("El ministro de Exteriores de China es Wang Yi.", "ministro de Exteriores de China es Wang Yi", None, NEE, "Wang Yi is not in the reference pack"),
        # nationalities between title and name
        ("El canciller chino Wang Yi visitó Moscú.", "canciller chino Wang Yi", None, NEE, 'the title "canciller chino"'),
        ("El secretario de Estado estadounidense, Marco Rubio, respondió.", "secretario de Estado estadounidense, Marco Rubio", None, NEE, 'the title "secretario de Estado estadounidense"'),
    ],
    "en": [
        ("Russian Deputy Foreign Minister Sergei Lavrov spoke first.", "Russian Deputy Foreign Minister Sergei Lavrov", "sergey_lavrov", NEE, "is not an office"),
        ("Russia's defence minister is Andrei Belousov.", "Russia's defence minister is Andrei Belousov", "andrei_belousov", "supported", "Andrei Belousov held"),
        ("The post claimed Russia's defence minister is Sergei Shoigu, which is false.", "Russia's defence minister is Sergei Shoigu", "sergei_shoigu", "refuted", "was held by Andrei Belousov"),
        ("Andrei Belousov is Russia's defence minister.", "Andrei Belousov is Russia's defence minister", "andrei_belousov", "supported", "Andrei Belousov held"),
        ("US Secretary of State Marco Rubio disagreed.", "US Secretary of State Marco Rubio", None, NEE, 'Marco Rubio is not in the reference pack, so the title "US Secretary of State"'),
        ("The French foreign minister Jean-Noël Barrot said so.", "French foreign minister Jean-Noël Barrot", None, NEE, "Jean-Noël Barrot is not in the reference pack"),
        ("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov.", "Chinese Foreign Minister Wang Yi", None, NEE, "Wang Yi is not in the reference pack"),
        ("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov.", "Russian Foreign Minister Sergei Lavrov", "sergey_lavrov", "supported", "Sergey Lavrov held"),
    ],
    "fr": [
        ("Le ministre adjoint des Affaires étrangères Sergueï Lavrov a parlé.", "ministre adjoint des Affaires étrangères Sergueï Lavrov", "sergey_lavrov", NEE, 'The title "ministre adjoint"'),
        ("Le ministre russe des Affaires étrangères est Sergueï Lavrov.", "ministre russe des Affaires étrangères est Sergueï Lavrov", "sergey_lavrov", "supported", "Sergey Lavrov held"),
        ("Sergueï Choïgou est le ministre russe de la Défense, affirme la vidéo.", "Sergueï Choïgou est le ministre russe de la Défense", "sergei_shoigu", "refuted", "was held by Andrei Belousov"),
        ("Le ministre chinois des Affaires étrangères Wang Yi l'a dit.", "ministre chinois des Affaires étrangères Wang Yi", None, NEE, 'the title "ministre chinois des Affaires étrangères"'),
    ],
    "de": [
        ("Der russische Außenminister ist Sergej Lawrow.", "russische Außenminister ist Sergej Lawrow", "sergey_lavrov", "supported", "Sergey Lavrov held"),
        ("Sergej Schoigu ist der russische Verteidigungsminister, hieß es.", "Sergej Schoigu ist der russische Verteidigungsminister", "sergei_shoigu", "refuted", "was held by Andrei Belousov"),
        ("Der chinesische Außenminister Wang Yi sagte das.", "chinesische Außenminister Wang Yi", None, NEE, 'the title "chinesische Außenminister"'),
        ("Wang Yi ist der chinesische Außenminister.", "Wang Yi ist der chinesische Außenminister", None, NEE, "Wang Yi is not in the reference pack"),
        ("Die nordkoreanische Außenministerin Choe Son Hui reiste nach Moskau.", "nordkoreanische Außenministerin Choe Son Hui", "choe_son_hui", "supported", "Choe Son Hui held"),
    ],
    "it": [
        ("Il segretario generale aggiunto della Nato Mark Rutte ha parlato.", "segretario generale aggiunto della Nato Mark Rutte", "mark_rutte", NEE, 'The title "segretario generale aggiunto"'),
        ("Il sottosegretario agli Esteri Sergej Lavrov ha parlato.", "sottosegretario agli Esteri Sergej Lavrov", "sergey_lavrov", NEE, 'The title "sottosegretario"'),
        ("Il ministro degli Esteri russo è Sergej Lavrov.", "ministro degli Esteri russo è Sergej Lavrov", "sergey_lavrov", "supported", "Sergey Lavrov held"),
        ("Sergej Shoigu è il ministro della Difesa russo, secondo il post.", "Sergej Shoigu è il ministro della Difesa russo", "sergei_shoigu", "refuted", "was held by Andrei Belousov"),
        ("Lo ha detto il segretario di Stato americano Marco Rubio.", "segretario di Stato americano Marco Rubio", None, NEE, 'Marco Rubio is not in the reference pack, so the title "segretario di Stato americano"'),
        ("Il ministro degli Esteri nordcoreano Choe Son Hui ha parlato.", "ministro degli Esteri nordcoreano Choe Son Hui", "choe_son_hui", "supported", "Choe Son Hui held"),
    ],
    "pt": [
        ("O ministro adjunto dos Negócios Estrangeiros Serguei Lavrov falou.", "ministro adjunto dos Negócios Estrangeiros Serguei Lavrov", "sergey_lavrov", NEE, 'The title "ministro adjunto"'),
        ("O ministro da Defesa da Rússia é Andrei Belousov.", "ministro da Defesa da Rússia é Andrei Belousov", "andrei_belousov", "supported", "Andrei Belousov held"),
        ("Serguei Shoigu é o ministro da Defesa da Rússia, diz a publicação.", "Serguei Shoigu é o ministro da Defesa da Rússia", "sergei_shoigu", "refuted", "was held by Andrei Belousov"),
        ("O secretário de Estado norte-americano Marco Rubio disse que não.", "secretário de Estado norte-americano Marco Rubio", None, NEE, 'the title "secretário de Estado norte-americano"'),
    ],
    "ru": [
        ("Замминистра иностранных дел Сергей Лавров выступил.", "Замминистра иностранных дел Сергей Лавров", "sergey_lavrov", NEE, 'The title "Замминистра"'),
        ("Министр обороны России — Андрей Белоусов.", "Министр обороны России — Андрей Белоусов", "andrei_belousov", "supported", "Andrei Belousov held"),
        ("Министром обороны России является Андрей Белоусов.", "Министром обороны России является Андрей Белоусов", "andrei_belousov", "supported", "Andrei Belousov held"),
        ("Сергей Шойгу — министр обороны России, утверждает автор.", "Сергей Шойгу — министр обороны России", "sergei_shoigu", "refuted", "was held by Andrei Belousov"),
        ("Госсекретарь США Марко Рубио заявил об этом.", "Госсекретарь США Марко Рубио", None, NEE, 'Марко Рубио is not in the reference pack, so the title "Госсекретарь США"'),
        ("Белоусов говорил с министром обороны КНДР Но Гван Чхолем.", "министром обороны КНДР Но Гван Чхолем", None, NEE, "Но Гван Чхолем is not in the reference pack"),
    ],
}


@pytest.fixture(scope="module")
def office_verdicts(tmp_path_factory) -> dict[str, list[dict]]:
    """One article per language holding its sentences (one article each would be folded together
    as near-duplicates), checked once: language -> its office_holder verdict rows."""
    folder = tmp_path_factory.mktemp("offices")
    paths = {}
    for language, cases in OFFICE_VERDICTS.items():
        paths[language] = folder / f"offices-{language}.txt"
        paths[language].write_text("\n\n".join(dict.fromkeys(case[0] for case in cases)), encoding="utf-8")
        (folder / f"offices-{language}.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": language}), encoding="utf-8")
    verdicts, ingested, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    assert ingested.articles.height == len(paths)
    rows = verdicts.filter(pl.col("claim_type") == "office_holder").to_dicts()
    return {language: [r for r in rows if r["source_path"] == str(path)] for language, path in paths.items()}


@pytest.mark.parametrize(("language", "sentence", "claim_text", "person", "verdict", "reason"), [(lang, *case) for lang, cases in OFFICE_VERDICTS.items() for case in cases])
def test_office_claim_verdicts(office_verdicts, language, sentence, claim_text, person, verdict, reason):
    """Deputy words after a title, copular claims ("the defence minister is X", "X est le
    ministre ...", "Министр обороны — X") and nationalities between title and name, judged by
    the verdict SQL: a deputy or an unknown person is not_enough_evidence, a known one is judged."""
    rows = [r for r in office_verdicts[language] if r["claim_text"] == claim_text]
    assert rows, [r["claim_text"] for r in office_verdicts[language]]
    row = rows[0]
    assert (row["person_id"], row["verdict"]) == (person, verdict), row["reason"]
    assert reason in row["reason"]


def test_a_deputy_secretary_general_is_not_judged_as_the_secretary_general(tmp_path):
    article = tmp_path / "adjoint.txt"
    article.write_text("Le secrétaire général adjoint de l'OTAN Mark Rutte a parlé.", encoding="utf-8")
    (tmp_path / "adjoint.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": "fr"}), encoding="utf-8")
    verdicts, _, _ = check([article], Settings(data_dir=ROOT / "data", db_path=tmp_path / "unused.duckdb"))
    row = verdicts.filter(pl.col("claim_type") == "office_holder").row(0, named=True)
    assert row["verdict"] == NEE, row["reason"]


# --------------------------------------------------------------------------- treaties

TREATIES = {
    # language: (text, claim text fragment, article_no, treaty_id)
    "es": [("El artículo 5 del Tratado del Atlántico Norte establece que un ataque armado contra un aliado es un ataque contra todos.", "artículo 5", 5, "north_atlantic_1949"),
           ("Corea del Norte y Rusia firmaron un pacto. Su artículo 4 establece asistencia militar inmediata en caso de agresión.", "artículo 4", 4, "dprk_russia_2024")],
    "en": [("Article 4 of the North Atlantic Treaty provides for consultations when an ally is threatened.", "Article 4", 4, "north_atlantic_1949"),
           ("Under Article 4 of the treaty signed by Putin and Kim Jong Un, each side must provide military assistance if attacked.", "Article 4", 4, "dprk_russia_2024"),
           ("The 1961 treaty between China and North Korea says in its Article II that the other party renders military assistance.", "Article II", 2, "china_dprk_1961")],
    "fr": [("L'article 5 du traité de l'Atlantique nord stipule qu'une attaque contre un allié est une attaque contre tous.", "article 5", 5, "north_atlantic_1949"),
           ("Selon l'article 4 du traité de partenariat stratégique global, la Russie doit aider la Corée du Nord en cas d'agression.", "article 4", 4, "dprk_russia_2024")],
    "de": [("Artikel 5 des Nordatlantikvertrags legt fest, dass ein Angriff auf einen Verbündeten ein Angriff auf alle ist.", "Artikel 5", 5, "north_atlantic_1949"),
           ("Nordkorea und Russland sind Partner. Artikel 4 des Vertrags sieht militärischen Beistand bei einem Angriff vor.", "Artikel 4", 4, "dprk_russia_2024")],
    "it": [("L'articolo 5 del Trattato del Nord Atlantico stabilisce che un attacco contro un alleato è un attacco contro tutti.", "articolo 5", 5, "north_atlantic_1949"),
           ("Pyongyang e Mosca sono alleate. L'articolo 4 prevede assistenza militare immediata in caso di aggressione.", "articolo 4", 4, "dprk_russia_2024")],
    "pt": [("O artigo 5 do Tratado do Atlântico Norte estabelece que um ataque contra um aliado é um ataque contra todos.", "artigo 5", 5, "north_atlantic_1949"),
           ("A Coreia do Norte e a Rússia assinaram um tratado. O artigo 4 prevê assistência militar imediata em caso de agressão.", "artigo 4", 4, "dprk_russia_2024")],
    "ru": [("Статья 5 Североатлантического договора гласит, что нападение на одного союзника есть нападение на всех.", "Статья 5", 5, "north_atlantic_1949"),
           ("КНДР и Россия подписали договор. Статья 4 договора предусматривает немедленную военную помощь при нападении.", "Статья 4", 4, "dprk_russia_2024"),
           ("Согласно статье 4 Североатлантического договора, союзники проводят консультации при угрозе.", "статье 4", 4, "north_atlantic_1949")],
}


@pytest.mark.parametrize(("language", "text", "fragment", "article_no", "treaty_id"), [(lang, *case) for lang, cases in TREATIES.items() for case in cases])
def test_treaty_references(run, language, text, fragment, article_no, treaty_id):
    _, claims = run(language, text)
    claim = one(claims, "treaty_clause", fragment)
    assert claim["article_no"] == article_no
    assert claim["treaty_id"] == treaty_id


@pytest.mark.parametrize(("language", "text"), [
    ("es", "El Pacto de Varsovia, en su artículo 4, preveía consultas en caso de amenaza."),
    ("de", "Auch der Warschauer Pakt enthielt in seinem Artikel 4 eine Beistandspflicht im Fall eines Angriffs."),
    ("ru", "Варшавский договор в статье 4 также предусматривал консультации при угрозе."),
])
def test_treaty_missing_from_the_pack_stays_unresolved(run, language, text):
    _, claims = run(language, text)
    claim = claims.filter(pl.col("claim_type") == "treaty_clause").row(0, named=True)
    assert claim["treaty_id"] is None


def test_two_article_references_split_at_the_comma(run):
    text = "Der Vertrag mit Nordkorea verpflichtet in Artikel 3 zu Konsultationen bei einer Bedrohung, in Artikel 4 zu Beistand bei einem Angriff."
    _, claims = run("de", text)
    clauses = claims.filter(pl.col("claim_type") == "treaty_clause").sort("char_start")
    assert clauses["article_no"].to_list() == [3, 4]
    assert clauses["claim_text"].to_list() == [
        "Der Vertrag mit Nordkorea verpflichtet in Artikel 3 zu Konsultationen bei einer Bedrohung",
        "in Artikel 4 zu Beistand bei einem Angriff.",
    ]


def test_words_between_two_references_with_no_comma_belong_to_the_first(run):
    text = "Article 3 provides for consultations and Article 4 for military assistance in the event of an attack on the treaty with North Korea."
    _, claims = run("en", text)
    clauses = claims.filter(pl.col("claim_type") == "treaty_clause").sort("char_start")
    assert clauses["article_no"].to_list() == [3, 4]
    assert clauses["claim_text"][0] == "Article 3 provides for consultations and"


# A legal basis cited next to a clause ("in accordance with Article 51 of the UN Charter") is no
# claim of its own and neither splits the clause's sentence nor takes its claim, before or after
# the clause's description.
CITED_LEGAL_BASIS = {
    "en": ["Moscow said it acted in accordance with Article 51 of the UN Charter and Article 4 of the Treaty on Comprehensive Strategic Partnership, which obliges each party to provide immediate military assistance if the other is attacked.",
           "Moscow said Article 4 of the Treaty on Comprehensive Strategic Partnership, which obliges each party to provide immediate military assistance if the other is attacked, was applied in accordance with Article 51 of the UN Charter.",
           "Article 4 of the Treaty on Comprehensive Strategic Partnership obliges each party to provide immediate military assistance in accordance with Article 51 of the UN Charter."],
    "es": ["Moscú afirmó que actuó de acuerdo con el artículo 51 de la Carta de la ONU y el artículo 4 del Tratado de Asociación Estratégica Integral, que obliga a cada parte a prestar asistencia militar inmediata si la otra es atacada.",
           "Moscú afirmó que el artículo 4 del Tratado de Asociación Estratégica Integral, que obliga a cada parte a prestar asistencia militar inmediata si la otra es atacada, se aplicó conforme al artículo 51 de la Carta de la ONU.",
           "El artículo 4 del Tratado de Asociación Estratégica Integral obliga a prestar asistencia militar inmediata de conformidad con el artículo 51 de la Carta de la ONU."],
    "de": ["Moskau erklärte, es habe im Einklang mit Artikel 51 der UN-Charta und Artikel 4 des Vertrags über eine umfassende strategische Partnerschaft gehandelt, der jede Seite zu sofortiger militärischer Hilfe verpflichtet, wenn die andere angegriffen wird.",
           "Moskau erklärte, Artikel 4 des Vertrags über eine umfassende strategische Partnerschaft, der jede Seite zu sofortiger militärischer Hilfe verpflichtet, wenn die andere angegriffen wird, sei im Einklang mit Artikel 51 der UN-Charta angewandt worden.",
           "Artikel 4 des Vertrags über eine umfassende strategische Partnerschaft verpflichtet zu sofortiger militärischer Hilfe gemäß Artikel 51 der UN-Charta."],
    "fr": ["Moscou a affirmé avoir agi conformément à l'article 51 de la Charte des Nations unies et à l'article 4 du traité de partenariat stratégique global, qui oblige chaque partie à fournir une assistance militaire immédiate si l'autre est attaquée.",
           "Moscou a affirmé que l'article 4 du traité de partenariat stratégique global, qui oblige chaque partie à fournir une assistance militaire immédiate si l'autre est attaquée, a été appliqué conformément à l'article 51 de la Charte des Nations unies.",
           "L'article 4 du traité de partenariat stratégique global oblige à fournir une assistance militaire immédiate conformément à l'article 51 de la Charte des Nations unies."],
    "it": ["Mosca ha affermato di aver agito in conformità con l'articolo 51 della Carta delle Nazioni Unite e l'articolo 4 del trattato di partenariato strategico globale, che obbliga ciascuna parte a fornire assistenza militare immediata se l'altra viene attaccata.",
           "Mosca ha affermato che l'articolo 4 del trattato di partenariato strategico globale, che obbliga ciascuna parte a fornire assistenza militare immediata se l'altra viene attaccata, è stato applicato in conformità con l'articolo 51 della Carta delle Nazioni Unite.",
           "L'articolo 4 del trattato di partenariato strategico globale obbliga a fornire assistenza militare immediata in conformità con l'articolo 51 della Carta delle Nazioni Unite."],
    "pt": ["Moscou afirmou que agiu de acordo com o artigo 51 da Carta da ONU e o artigo 4 do tratado de parceria estratégica abrangente, que obriga cada parte a prestar assistência militar imediata se a outra for atacada.",
           "Moscou afirmou que o artigo 4 do tratado de parceria estratégica abrangente, que obriga cada parte a prestar assistência militar imediata se a outra for atacada, foi aplicado de acordo com o artigo 51 da Carta da ONU.",
           "O artigo 4 do tratado de parceria estratégica abrangente obriga a prestar assistência militar imediata de acordo com o artigo 51 da Carta da ONU."],
    "ru": ["Москва заявила, что действовала в соответствии со статьей 51 Устава ООН и статьей 4 Договора о всеобъемлющем стратегическом партнерстве, которая обязывает каждую сторону немедленно оказать военную помощь, если другая подвергнется нападению.",
           "Москва заявила, что статья 4 Договора о всеобъемлющем стратегическом партнерстве, которая обязывает каждую сторону немедленно оказать военную помощь, если другая подвергнется нападению, применялась в соответствии со статьей 51 Устава ООН.",
           "Статья 4 Договора о всеобъемлющем стратегическом партнерстве обязывает немедленно оказать военную помощь в соответствии со статьей 51 Устава ООН."],
}


@pytest.mark.parametrize(("language", "text"), [(lang, text) for lang, texts in CITED_LEGAL_BASIS.items() for text in texts])
def test_a_cited_legal_basis_neither_takes_nor_splits_the_clause_claim(run, language, text):
    _, claims = run(language, text)
    clauses = claims.filter(pl.col("claim_type") == "treaty_clause")
    assert clauses.select("article_no", "treaty_id").rows() == [(4, "dprk_russia_2024")]
    claim = clauses.row(0, named=True)
    # The description is the clause's, so it keeps what follows the citation.
    assert claim["obligation_text"] is not None
    if text.index("51") > text.index("4 "):
        assert claim["claim_text"].rstrip(".").endswith(text.rstrip(".")[-12:])


# "Unlike the North Atlantic Treaty, the Russia-North Korea treaty ...": the term of a comparison
# is not what the next sentence's "its Article 4" belongs to.
COMPARED = {
    "en": "Unlike the North Atlantic Treaty, the Russia-North Korea treaty has no integrated command. Its Article 4 requires immediate military assistance.",
    "es": "A diferencia del Tratado del Atlántico Norte, el tratado entre Rusia y Corea del Norte no tiene un mando integrado. Su artículo 4 exige asistencia militar inmediata.",
    "de": "Im Gegensatz zum Nordatlantikvertrag hat der Vertrag zwischen Russland und Nordkorea kein integriertes Kommando. Sein Artikel 4 verlangt sofortigen militärischen Beistand.",
    "fr": "Contrairement au traité de l'Atlantique nord, le traité entre la Russie et la Corée du Nord n'a pas de commandement intégré. Son article 4 exige une assistance militaire immédiate.",
    "it": "A differenza del Trattato del Nord Atlantico, il trattato tra Russia e Corea del Nord non ha un comando integrato. Il suo articolo 4 impone assistenza militare immediata.",
    "pt": "Ao contrário do Tratado do Atlântico Norte, o tratado entre a Rússia e a Coreia do Norte não tem comando integrado. O seu artigo 4 exige assistência militar imediata.",
    "ru": "В отличие от Североатлантического договора, договор России и КНДР не предусматривает единого командования. Его статья 4 требует немедленной военной помощи.",
}


@pytest.mark.parametrize(("language", "text"), list(COMPARED.items()))
def test_an_article_belongs_to_the_subject_not_to_the_treaty_it_is_compared_with(run, language, text):
    _, claims = run(language, text)
    claim = claims.filter(pl.col("claim_type") == "treaty_clause").row(0, named=True)
    assert (claim["article_no"], claim["treaty_id"]) == (4, "dprk_russia_2024"), claim["treaty_resolution"]


def test_a_compared_treaty_in_the_same_sentence_is_not_the_article_s(run):
    _, claims = run("en", "Unlike NATO's founding treaty, the pact with Pyongyang requires in its Article 4 immediate military assistance.")
    assert one(claims, "treaty_clause", "Article 4")["treaty_id"] == "dprk_russia_2024"


def test_a_treaty_named_before_the_last_three_sentences_still_counts(run):
    text = "Nordkorea und Russland: der Beistandspakt\n\nDer Text wurde veröffentlicht. Experten lasen ihn genau. Es gab viele Kommentare. Manche waren kritisch. Artikel 4 regelt den Beistand bei einem Angriff."
    _, claims = run("de", text)
    claim = one(claims, "treaty_clause", "Artikel 4")
    assert (claim["treaty_id"], claim["treaty_resolution"]) == ("dprk_russia_2024", "context word earlier in the article")


# The article of a legal text that is not a treaty is never tied to a pack treaty, even with one
# in the sentence before; a bare "Article 5" there still is NATO's.
NOT_TREATIES = {
    "en": ["NATO allies met in Brussels. Article 5 of the new tax code requires companies to report their income by April.",
           "NATO allies met in Brussels. Under article 5 of the decree, all ministries must provide assistance to flood victims immediately.",
           "NATO allies met in Brussels. Article 5 of UEFA's disciplinary regulations requires clubs to help referees under attack.",
           "NATO allies met in Brussels. The decree's article 5 obliges ministries to help."],
    "es": ["La OTAN se reunió en Bruselas. El artículo 5 del nuevo código tributario obliga a las empresas a declarar sus ingresos.",
           "La OTAN se reunió en Bruselas. El artículo 5 del decreto obliga a los ministerios a prestar ayuda inmediata."],
    "de": ["Die Nato tagte in Brüssel. Artikel 5 des neuen Steuergesetzes verpflichtet Unternehmen, ihre Einkünfte zu melden.",
           "Die Nato tagte in Brüssel. Artikel 5 der Verordnung verpflichtet die Ministerien zu sofortiger Hilfe."],
    "fr": ["L'OTAN s'est réunie à Bruxelles. L'article 5 du nouveau code des impôts oblige les entreprises à déclarer leurs revenus.",
           "L'OTAN s'est réunie à Bruxelles. L'article 5 du décret oblige les ministères à apporter une aide immédiate."],
    "it": ["La Nato si è riunita a Bruxelles. L'articolo 5 del nuovo codice tributario obbliga le imprese a dichiarare i redditi.",
           "La Nato si è riunita a Bruxelles. L'articolo 5 del decreto obbliga i ministeri a fornire aiuto immediato."],
    "pt": ["A OTAN reuniu-se em Bruxelas. O artigo 5 do novo código tributário obriga as empresas a declarar os seus rendimentos.",
           "A OTAN reuniu-se em Bruxelas. O artigo 5 do decreto obriga os ministérios a prestar ajuda imediata."],
    "ru": ["Страны НАТО встретились в Брюсселе. Статья 5 нового Налогового кодекса обязывает компании отчитываться о доходах.",
           "Страны НАТО встретились в Брюсселе. Статья 5 указа обязывает министерства немедленно оказывать помощь."],
}


# A named owner that is no treaty of the pack: a possessive acronym before the number, a
# capitalised name after it through an owner connector, a bare acronym after it in Russian.
NAMED_OWNERS = {
    "en": ["NATO leaders met in Brussels. UEFA's Article 5 obliges clubs to respect its statutes.",
           "NATO allies met in Brussels. Article 5 of FIFA obliges clubs to respect its rules."],
    "es": ["Los líderes de la OTAN se reunieron en Bruselas. El artículo 5 de la UEFA obliga a los clubes a respetar sus estatutos."],
    "fr": ["L'OTAN s'est réunie à Bruxelles. L'article 5 de l'UEFA oblige les clubs à respecter ses règles."],
    "de": ["Die Nato-Chefs trafen sich in Brüssel. Artikel 5 der UEFA-Statuten verpflichtet die Vereine, ihre Regeln zu achten.",
           "Die Nato tagte in Brüssel. Artikel 5 der UEFA verpflichtet die Vereine, die Regeln zu achten."],
    "it": ["La Nato si è riunita a Bruxelles. L'articolo 5 della UEFA obbliga i club a rispettare lo statuto."],
    "pt": ["A OTAN reuniu-se em Bruxelas. O artigo 5 da UEFA obriga os clubes a respeitar os estatutos."],
    "ru": ["Страны НАТО встретились в Брюсселе. Статья 5 УЕФА обязывает клубы соблюдать правила."],
}
for _lang, _texts in NAMED_OWNERS.items():
    NOT_TREATIES.setdefault(_lang, []).extend(_texts)


@pytest.mark.parametrize(("language", "text"), [(lang, text) for lang, texts in NOT_TREATIES.items() for text in texts])
def test_the_article_of_a_legal_text_that_is_no_treaty_is_tied_to_none(run, language, text):
    _, claims = run(language, text)
    claim = claims.filter(pl.col("claim_type") == "treaty_clause").row(0, named=True)
    assert (claim["treaty_id"], claim["treaty_resolution"]) == (None, "legal text that is not a treaty"), claim["claim_text"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "NATO allies met in Brussels. Article 5 obliges allies to assist a member under armed attack."),
    ("en", "Article 5 of the North Atlantic Treaty obliges allies to act under international law."),
    ("de", "Die Nato tagte in Brüssel. Artikel 5 sieht gemäß den Gesetzen Beistand bei einem Angriff vor."),
    ("ru", "Путин подписал закон о ратификации договора с КНДР. Статья 4 договора предусматривает военную помощь."),
    # Owners that are the treaty's: a context word, a treaty body, a treaty noun, a pack entity.
    ("en", "NATO allies met in Brussels. NATO's Article 5 obliges allies to assist a member under armed attack."),
    ("en", "NATO allies met in Brussels. Article 5 of the Alliance obliges allies to assist a member under armed attack."),
    ("en", "NATO allies met in Brussels. Article 5 of the Washington Treaty obliges allies to assist a member under armed attack."),
    ("de", "Die Nato tagte in Brüssel. Artikel 5 des Bündnisses verpflichtet die Verbündeten, einem angegriffenen Mitglied Beistand zu leisten."),
    ("es", "Putin firmó el pacto con Corea del Norte. El artículo 4 del Tratado obliga a Rusia a prestar asistencia militar."),
    ("it", "Putin ha firmato il trattato con Pyongyang. L'articolo 4 dell'accordo obbliga la Russia a fornire assistenza militare."),
    ("ru", "Путин подписал договор с КНДР. Согласно статье 4 КНДР обязана оказать России военную помощь."),
    ("ru", "США и Южная Корея подписали договор в 1953 году. Согласно статье 3 США обязаны действовать против общей опасности."),
])
def test_law_words_that_do_not_own_the_article_leave_it_with_its_treaty(run, language, text):
    _, claims = run(language, text)
    claim = claims.filter(pl.col("claim_type") == "treaty_clause").row(0, named=True)
    assert claim["treaty_id"] is not None, claim["treaty_resolution"]


# "The article obliges ...", "Cet article prévoit ...": a sentence that says what an article named
# just before does, without its number, is a clause claim about that article and its treaty.
ANAPHORS = {
    "de": "Artikel 4 des Vertrags über eine umfassende strategische Partnerschaft ist das Herzstück. Der Artikel verpflichtet beide Seiten, einander sofort militärischen Beistand zu leisten.",
    "en": "Article 4 of the Treaty on Comprehensive Strategic Partnership is the core. The article obliges both sides to provide immediate military assistance if one is attacked.",
    "es": "El artículo 4 del Tratado de Asociación Estratégica Integral es el núcleo. Este artículo establece que, si una de las partes es atacada, la otra le prestará asistencia militar inmediata.",
    "fr": "L'article 4 du traité de partenariat stratégique global en est le cœur. Cet article prévoit que, si l'une des parties est attaquée, l'autre lui fournit immédiatement une assistance militaire.",
    "it": "L'articolo 4 del Trattato di partenariato strategico globale ne è il cuore. Questo articolo prevede che, se una delle parti viene attaccata, l'altra fornisce immediatamente assistenza militare.",
    "pt": "O artigo 4 do Tratado de Parceria Estratégica Abrangente é o núcleo.\nNa prática, esse artigo determina que, se uma das partes for atacada, a outra prestará assistência militar imediata.",
    "ru": "Статья 4 Договора о всеобъемлющем стратегическом партнерстве — его ядро. Эта статья предусматривает, что в случае нападения на одну из сторон другая немедленно окажет военную помощь.",
}


@pytest.mark.parametrize(("language", "text"), list(ANAPHORS.items()))
def test_the_article_named_just_before_is_what_this_article_says(run, language, text):
    _, claims = run(language, text)
    second = text.split("\n")[-1] if "\n" in text else text.split(". ", 1)[1]
    claim = one(claims, "treaty_clause", second[:25])
    assert second.startswith(claim["claim_text"][:25])
    assert (claim["article_no"], claim["treaty_id"], claim["treaty_resolution"]) == (4, "dprk_russia_2024", "article named just before")


@pytest.mark.parametrize(("language", "text"), [
    # A newspaper article, not the treaty's: no clause verb after the anaphor.
    ("en", "Article 4 of the Treaty on Comprehensive Strategic Partnership is the core. In this article we explain what that means for Seoul."),
    ("de", "Artikel 4 des Vertrags über eine umfassende strategische Partnerschaft ist das Herzstück. Der Artikel erschien zuerst in der FAZ."),
    ("fr", "L'article 4 du traité de partenariat stratégique global en est le cœur. Cet article a été publié d'abord dans Le Monde."),
    ("ru", "Статья 4 Договора о всеобъемлющем стратегическом партнерстве — его ядро. Эта статья впервые вышла в «Коммерсанте»."),
    # No article named before it.
    ("en", "North Korea and Russia signed a pact in June. The article obliges both sides to provide immediate military assistance."),
    ("es", "Corea del Norte y Rusia firmaron un pacto en junio. Este artículo establece que la otra parte prestará asistencia militar."),
    # The article was named in another paragraph, with a sentence between.
    ("en", "Article 4 of the Treaty on Comprehensive Strategic Partnership is the core.\n\nSeoul is worried. The article obliges both sides to provide immediate military assistance."),
])
def test_an_article_anaphor_needs_an_article_named_just_before_and_a_clause_verb(run, language, text):
    _, claims = run(language, text)
    first_end = text.index(".") + 1
    assert claims.filter((pl.col("claim_type") == "treaty_clause") & (pl.col("char_start") >= first_end)).is_empty(), claims.select("claim_type", "claim_text").rows()


# Verdicts of clause claims, end to end (the verdict SQL on DuckDB): an obligation the clause does
# not have is never supported on the trigger alone; a clause named by no treaty is judged against
# the one pack treaty whose article of that number fits; the article of a decree is no treaty's.
CONFLICTING = "conflicting"
TREATY_VERDICTS = {
    # language: (text, claim text fragment, treaty_id, verdict, reason fragment)
    "en": [
        ("Article 5 of the North Atlantic Treaty obliges every ally to declare war automatically on any attacker.", "Article 5", "north_atlantic_1949", CONFLICTING, "but not on what the text says of its means (such action as each party deems necessary"),
        ("Article 5 of the North Atlantic Treaty requires every ally to close its borders to refugees after an armed attack.", "Article 5", "north_atlantic_1949", NEE, '"requires" something its obligation does not match (assist the party attacked'),
        ("Article 4 of the Treaty on Comprehensive Strategic Partnership commits Russia to station nuclear weapons in North Korea in case of aggression.", "Article 4", "dprk_russia_2024", NEE, "something its obligation does not match"),
        ("Article II of the Treaty of Friendship, Cooperation and Mutual Assistance obliges each party to hold consultations.", "Article II", "china_dprk_1961", NEE, "something its obligation does not match"),
        ("Article 5 of the North Atlantic Treaty does not oblige allies to respond automatically to an armed attack.", "Article 5", "north_atlantic_1949", NEE, "something its obligation does not match"),
        ("Article 5 of the North Atlantic Treaty obliges every ally to assist a member under armed attack.", "Article 5", "north_atlantic_1949", "supported", "(obligation, trigger)"),
        ("Article 5 of the North Atlantic Treaty commits each ally to take such action as it deems necessary if another is attacked.", "Article 5", "north_atlantic_1949", "supported", "(means, trigger)"),
        ("Article 5 of the North Atlantic Treaty is about an armed attack against one or more allies.", "Article 5", "north_atlantic_1949", "supported", "(trigger)"),
        ("Article III of the US-ROK Mutual Defense Treaty commits each party to act automatically to meet the common danger.", "Article III", "us_rok_1953", CONFLICTING, "but not on what the text says of its obligation"),
        ("Article 4 says that if one party is attacked, the other immediately provides military assistance.", "Article 4", "dprk_russia_2024", "supported", "No treaty is named, and only one treaty in the reference pack has an Article 4 that fits"),
        ("Article 3 provides for consultations if one party is attacked.", "Article 3", None, NEE, "which one is meant is ambiguous"),
        ("Article 5 concerns security.", "Article 5", None, NEE, "well enough to tell which one is meant"),
        ("NATO allies met in Brussels. Under article 5 of the decree, all ministries must provide assistance to flood victims immediately.", "article 5", None, NEE, "belongs to a legal text that is not a treaty (decree)"),
        ("NATO allies met in Brussels. Article 5 obliges allies to assist a member under armed attack.", "Article 5", "north_atlantic_1949", "supported", "(obligation, trigger)"),
        ("NATO allies met in Brussels to discuss Article 5 of the North Atlantic Treaty. This article commits every ally to declare war automatically on any attacker.", "This article", "north_atlantic_1949", CONFLICTING, "its means"),
        ("Article 3 of the Treaty on Comprehensive Strategic Partnership is often quoted. The article obliges both sides to hold consultations if one faces a threat of aggression.", "The article", "dprk_russia_2024", "supported", "Article 3 of the Treaty"),
    ],
    "es": [
        ("El artículo 5 del Tratado del Atlántico Norte obliga a cada aliado a declarar automáticamente la guerra a cualquier agresor.", "artículo 5", "north_atlantic_1949", CONFLICTING, "its means"),
        ("El artículo 5 del Tratado del Atlántico Norte obliga a cada aliado a ayudar al miembro atacado.", "artículo 5", "north_atlantic_1949", "supported", "(obligation, trigger)"),
        ("El artículo 4 establece que, si una de las partes es atacada, la otra le prestará asistencia militar inmediata.", "artículo 4", "dprk_russia_2024", "supported", "No treaty is named"),
        ("La OTAN se reunió en Bruselas. El artículo 5 del nuevo código tributario obliga a las empresas a declarar sus ingresos.", "artículo 5", None, NEE, "not a treaty (código)"),
    ],
    "de": [
        ("Artikel 5 des Nordatlantikvertrags verpflichtet jeden Verbündeten, bei einem Angriff automatisch in den Krieg zu ziehen.", "Artikel 5", "north_atlantic_1949", CONFLICTING, "its means"),
        ("Artikel 4 des Vertrags über eine umfassende strategische Partnerschaft verpflichtet Russland bei einem Angriff zur Stationierung von Atomwaffen in Nordkorea.", "Artikel 4", "dprk_russia_2024", NEE, '"verpflichtet" something its obligation does not match'),
        ("Artikel 5 des Nordatlantikvertrags verpflichtet jeden Verbündeten, dem angegriffenen Mitglied Beistand zu leisten.", "Artikel 5", "north_atlantic_1949", "supported", "(obligation, trigger)"),
        ("Artikel 4 sieht vor, dass die andere Seite bei einem Angriff unverzüglich militärischen Beistand leistet.", "Artikel 4", "dprk_russia_2024", "supported", "No treaty is named"),
        ("Artikel 4 des Vertrags über eine umfassende strategische Partnerschaft ist das Herzstück. Der Artikel verpflichtet beide Seiten, einander sofort militärischen Beistand zu leisten.", "Der Artikel", "dprk_russia_2024", "supported", "Article 4 of the Treaty"),
        ("Die Nato tagte in Brüssel. Artikel 5 des neuen Steuergesetzes verpflichtet Unternehmen, ihre Einkünfte zu melden.", "Artikel 5", None, NEE, "not a treaty (Steuergesetzes)"),
    ],
    "fr": [
        ("L'article 5 du traité de l'Atlantique nord oblige chaque allié à déclarer automatiquement la guerre à tout agresseur.", "article 5", "north_atlantic_1949", CONFLICTING, "its means"),
        ("L'article 5 du traité de l'Atlantique nord oblige chaque allié à assister le membre attaqué.", "article 5", "north_atlantic_1949", "supported", "(obligation, trigger)"),
        ("L'article 4 prévoit que, si l'une des parties est attaquée, l'autre lui fournit immédiatement une assistance militaire.", "article 4", "dprk_russia_2024", "supported", "No treaty is named"),
        ("L'OTAN s'est réunie à Bruxelles. L'article 5 du décret oblige les ministères à apporter une aide immédiate.", "article 5", None, NEE, "not a treaty (décret)"),
    ],
    "it": [
        ("L'articolo 5 del Trattato del Nord Atlantico obbliga ogni alleato a dichiarare automaticamente guerra a qualsiasi aggressore.", "articolo 5", "north_atlantic_1949", CONFLICTING, "its means"),
        ("L'articolo 5 del Trattato del Nord Atlantico obbliga ogni alleato ad aiutare il membro attaccato.", "articolo 5", "north_atlantic_1949", "supported", "(obligation, trigger)"),
        ("L'articolo 4 stabilisce che, se una delle parti viene attaccata, l'altra fornisce immediatamente assistenza militare.", "articolo 4", "dprk_russia_2024", "supported", "No treaty is named"),
        ("La Nato si è riunita a Bruxelles. L'articolo 5 del decreto obbliga i ministeri a fornire aiuto immediato.", "articolo 5", None, NEE, "not a treaty"),
    ],
    "pt": [
        ("O artigo 5 do Tratado do Atlântico Norte obriga cada aliado a declarar guerra automaticamente a qualquer agressor.", "artigo 5", "north_atlantic_1949", CONFLICTING, "its means"),
        ("O artigo 5 do Tratado do Atlântico Norte obriga cada aliado a ajudar o membro atacado.", "artigo 5", "north_atlantic_1949", "supported", "(obligation, trigger)"),
        ("O Artigo 4 determina que, se uma das partes for atacada, a outra prestará assistência militar imediata.", "Artigo 4", "dprk_russia_2024", "supported", "No treaty is named"),
        ("A OTAN reuniu-se em Bruxelas. O artigo 5 do decreto obriga os ministérios a prestar ajuda imediata.", "artigo 5", None, NEE, "not a treaty"),
    ],
    "ru": [
        ("Статья 5 Североатлантического договора обязывает каждого союзника автоматически объявить войну любому агрессору.", "Статья 5", "north_atlantic_1949", CONFLICTING, "its means"),
        ("Статья 5 Североатлантического договора обязывает каждого союзника оказать помощь члену, подвергшемуся нападению.", "Статья 5", "north_atlantic_1949", "supported", "(obligation, trigger)"),
        ("Статья 3 предусматривает консультации в случае угрозы агрессии.", "Статья 3", "dprk_russia_2024", "supported", "No treaty is named"),
        ("Страны НАТО встретились в Брюсселе. Статья 5 указа обязывает министерства немедленно оказывать помощь.", "Статья 5", None, NEE, "not a treaty"),
    ],
}


@pytest.fixture(scope="module")
def treaty_verdicts(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    """Every case its own article (what comes before a reference decides its treaty), checked
    at once: (language, text) -> its treaty_clause verdict rows."""
    folder = tmp_path_factory.mktemp("treaties")
    paths = {}
    for language, cases in TREATY_VERDICTS.items():
        for i, case in enumerate(cases):
            path = folder / f"treaty-{language}-{i}.txt"
            path.write_text(case[0], encoding="utf-8")
            (folder / f"treaty-{language}-{i}.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": language}), encoding="utf-8")
            paths[(language, case[0])] = path
    verdicts, ingested, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    assert ingested.articles.height == len(paths)
    rows = verdicts.filter(pl.col("claim_type") == "treaty_clause").to_dicts()
    return {key: [r for r in rows if r["source_path"] == str(path)] for key, path in paths.items()}


@pytest.mark.parametrize(("language", "text", "fragment", "treaty_id", "verdict", "reason"), [(lang, *case) for lang, cases in TREATY_VERDICTS.items() for case in cases])
def test_treaty_clause_verdicts(treaty_verdicts, language, text, fragment, treaty_id, verdict, reason):
    rows = [r for r in treaty_verdicts[(language, text)] if fragment in r["claim_text"]]
    assert len(rows) == 1, [r["claim_text"] for r in treaty_verdicts[(language, text)]]
    row = rows[0]
    assert (row["treaty_id"], row["verdict"]) == (treaty_id, verdict), row["reason"]
    assert reason in row["reason"]


# --------------------------------------------------------------------------- numbers

NUMBERS = {
    # language: (text, mention, value, unit, approximate)
    "es": [("Pyongyang envió unos 12.000 soldados a Rusia.", "unos 12.000 soldados", 12000, "troops", True)],
    "en": [("North Korea sent about 12,000 troops to Russia.", "about 12,000 troops", 12000, "troops", True)],
    "fr": [("Pyongyang a envoyé quelque 12 000 soldats en Russie.", "quelque 12 000 soldats", 12000, "troops", True),
           ("Le traité compte 23 articles.", "23 articles", 23, "articles", False)],
    "de": [("Nordkorea schickte rund 12.000 Soldaten nach Russland.", "rund 12.000 Soldaten", 12000, "troops", True),
           ("Der Nordatlantikvertrag umfasst 14 Artikel.", "14 Artikel", 14, "articles", False)],
    "it": [("Pyongyang ha inviato circa 12mila soldati in Russia.", "circa 12mila soldati", 12000, "troops", True),
           ("Pyongyang ha inviato 12.000 militari in Russia.", "12.000 militari", 12000, "troops", False)],
    "pt": [("Pyongyang enviou cerca de 12 mil soldados para a Rússia.", "cerca de 12 mil soldados", 12000, "troops", True),
           ("Pyongyang enviou 12.000 militares para a Rússia.", "12.000 militares", 12000, "troops", False)],
    "ru": [("КНДР направила в Россию около 12 тысяч военнослужащих.", "около 12 тысяч военнослужащих", 12000, "troops", True),
           ("КНДР направила 12 000 военных.", "12 000 военных", 12000, "troops", False),
           ("Договор состоит из 23 статей.", "23 статей", 23, "articles", False)],
}


@pytest.mark.parametrize(("language", "text", "mention", "value", "unit", "approx"), [(lang, *case) for lang, cases in NUMBERS.items() for case in cases])
def test_numbers(run, language, text, mention, value, unit, approx):
    _, claims = run(language, text)
    claim = one(claims, "quantity", mention)
    assert claim["quantity_value"] == value
    assert claim["quantity_unit"] == unit
    assert claim["is_approximate"] is approx


def test_a_year_is_not_a_count(run):
    _, claims = run("ru", "Договор от 19 июня 2024 года статья за статьей повторяет договор 1961 года.")
    assert claims.filter(pl.col("claim_type") == "quantity").is_empty()


# --------------------------------------------------------------------------- past terms

PAST_TERMS = {
    # language: sentences whose office claims are about a past term, never the publication date
    "es": ["Serguéi Shoigú, ministro de Defensa hasta mayo, viajó a Pyongyang.",
           "Serguéi Shoigú, ministro de Defensa ruso hasta mayo de 2024, firmó el acuerdo.",
           "El hasta mayo ministro de Defensa, Serguéi Shoigú, negoció el envío.",
           "Hasta mayo de 2024, el ministro de Defensa Serguéi Shoigú dirigió la operación.",
           "Jens Stoltenberg, secretario general de la OTAN hasta hace poco, lo advirtió.",
           "En 2022, el ministro de Defensa Serguéi Shoigú ordenó la ofensiva."],
    "en": ["Sergei Shoigu, defence minister until May 2024, now heads the Security Council.",
           "Jens Stoltenberg, NATO Secretary General until recently, warned about it.",
           "In 2022, Defence Minister Sergei Shoigu ordered the offensive.",
           "In 2022, Sergei Shoigu, the defence minister, ordered the offensive."],
    "fr": ["Sergueï Choïgou, ministre de la Défense jusqu'en mai 2024, dirige le Conseil de sécurité.",
           "Jens Stoltenberg, secrétaire général de l'OTAN jusqu'à récemment, l'a dit.",
           "En 2022, le ministre de la Défense Sergueï Choïgou a ordonné l'offensive."],
    "de": ["Sergej Schoigu, Verteidigungsminister bis Mai 2024, leitet heute den Sicherheitsrat.",
           "Der bis Mai 2024 amtierende Verteidigungsminister Sergej Schoigu reiste nach Pjöngjang.",
           "Jens Stoltenberg, Nato-Generalsekretär bis vor kurzem, warnte davor.",
           "Im Jahr 2022 befahl Verteidigungsminister Sergej Schoigu die Offensive."],
    "it": ["Sergej Shoigu, ministro della Difesa fino a maggio 2024, guida il Consiglio di sicurezza.",
           "Jens Stoltenberg, segretario generale della Nato fino a poco tempo fa, lo ha detto.",
           "Nel 2022 il ministro della Difesa Sergej Shoigu ordinò l'offensiva."],
    "pt": ["Serguei Shoigu, ministro da Defesa até maio de 2024, chefia o Conselho de Segurança.",
           "Jens Stoltenberg, secretário-geral da OTAN até há pouco, disse isso.",
           "Em 2022, o ministro da Defesa Serguei Shoigu ordenou a ofensiva."],
    "ru": ["Сергей Шойгу, министр обороны до мая 2024 года, возглавляет Совбез.",
           "До мая 2024 года министр обороны Сергей Шойгу руководил операцией.",
           "Йенс Столтенберг, генсек НАТО до недавнего времени, предупреждал об этом.",
           "В 2022 году министр обороны Сергей Шойгу отдал приказ."],
}

CURRENT_TERMS = {
    # language: [(sentence, claim text)]: an until or year phrase that leaves the claim about today
    "es": [("Serguéi Lavrov, ministro de Exteriores hasta hoy, viajó a Pyongyang.", "Serguéi Lavrov, ministro de Exteriores"),
           ("Desde 2024, el ministro de Defensa Andréi Belousov visitó Pyongyang dos veces.", "ministro de Defensa Andréi Belousov")],
    "en": [("Defence Minister Andrei Belousov, until recently first deputy prime minister, spoke first.", "Defence Minister Andrei Belousov"),
           ("Sergei Lavrov, foreign minister until now, spoke.", "Sergei Lavrov, foreign minister"),
           ("Since 2024, Defence Minister Andrei Belousov has visited Pyongyang twice.", "Defence Minister Andrei Belousov"),
           ("About 2000 soldiers, Defence Minister Andrei Belousov said, were sent.", "Defence Minister Andrei Belousov")],
    "fr": [("Mark Rutte, secrétaire général de l'OTAN jusqu'en 2028, a parlé.", "Mark Rutte, secrétaire général de l'OTAN"),
           ("Sergueï Lavrov, ministre des Affaires étrangères jusqu'à aujourd'hui, a parlé.", "Sergueï Lavrov, ministre des Affaires étrangères")],
    "de": [("Sergej Lawrow, Außenminister bis heute, sprach in Pjöngjang.", "Sergej Lawrow, Außenminister"),
           ("Seit 2024 reist Verteidigungsminister Andrej Beloussow oft nach Pjöngjang.", "Verteidigungsminister Andrej Beloussow")],
    "it": [("Sergej Lavrov, ministro degli Esteri fino a oggi, ha parlato.", "Sergej Lavrov, ministro degli Esteri")],
    "pt": [("Serguei Lavrov, ministro dos Negócios Estrangeiros até hoje, falou.", "Serguei Lavrov, ministro dos Negócios Estrangeiros")],
    "ru": [("Сергей Лавров, министр иностранных дел до сих пор, выступил.", "Сергей Лавров, министр иностранных дел"),
           ("С 2024 года министр обороны Андрей Белоусов часто ездит в Пхеньян.", "министр обороны Андрей Белоусов")],
}


def _office_rows(folder: Path, articles: dict[str, list[str]]) -> dict[str, list[dict]]:
    """The office_holder verdicts of one article per language (its sentences as paragraphs)."""
    checked = check_per_language(folder, {language: "\n\n".join(sentences) for language, sentences in articles.items()}, check_offsets=False)
    return {language: [r for r in rows if r["claim_type"] == "office_holder"] for language, rows in checked.items()}


@pytest.fixture(scope="module")
def past_term_verdicts(tmp_path_factory) -> dict[str, list[dict]]:
    return _office_rows(tmp_path_factory.mktemp("past"), PAST_TERMS)


@pytest.fixture(scope="module")
def current_term_verdicts(tmp_path_factory) -> dict[str, list[dict]]:
    return _office_rows(tmp_path_factory.mktemp("current"), {lang: [s for s, _ in cases] for lang, cases in CURRENT_TERMS.items()})


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_past_term_is_not_checked_at_the_publication_date(past_term_verdicts, language):
    """A title next to an 'until' word and a past time ("defence minister until May 2024", "bis
    vor kurzem", "до мая 2024 года министр обороны"), or in a sentence opening on a past year ("In
    2022, Defence Minister ..."), is a past term, as after a 'former' word: Shoigu and Stoltenberg
    are not refuted against 2025-04-28. Right after the title and with a date ("Sergei Shoigu,
    defence minister until May 2024") it is a past holding, checked against the end of the term
    (test_office_claims); otherwise no office claim."""
    rows = past_term_verdicts[language]
    assert [(r["claim_text"], r["verdict"]) for r in rows if "the end the text gives" not in r["reason"]] == []
    assert {r["verdict"] for r in rows} <= {"supported"}, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "sentence", "claim_text"), [(lang, *case) for lang, cases in CURRENT_TERMS.items() for case in cases])
def test_until_today_and_since_keep_a_current_office_claim(current_term_verdicts, language, sentence, claim_text):
    """"bis heute", "até hoje", "until now", a year after the publication's ("jusqu'en 2028"),
    "until recently" about another title, "Since 2024" and a number that is no year leave the
    claim about the publication date: it is still checked, and supported."""
    rows = [r for r in current_term_verdicts[language] if r["claim_text"] == claim_text]
    assert rows, [r["claim_text"] for r in current_term_verdicts[language]]
    assert rows[0]["verdict"] == "supported", rows[0]["reason"]


@pytest.mark.parametrize(("language", "sentence"), [
    ("es", "El secretario general adjunto de la OTAN Mark Rutte habló."),
    ("pt", "O secretário-geral adjunto da OTAN Mark Rutte falou."),
    ("en", "Deputy NATO Secretary General Mark Rutte spoke."),
])
def test_a_deputy_title_is_not_fuzzy_matched_to_the_main_office(tmp_path, language, sentence):
    """The title wording match (office_title_matches) refuses a title with a word the office's
    wording lacks ("adjunto"), however close the rest is."""
    article = tmp_path / "adjunto.txt"
    article.write_text(sentence, encoding="utf-8")
    (tmp_path / "adjunto.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": language}), encoding="utf-8")
    verdicts, _, _ = check([article], Settings(data_dir=ROOT / "data", db_path=tmp_path / "unused.duckdb"))
    row = verdicts.filter(pl.col("claim_type") == "office_holder").row(0, named=True)
    assert row["verdict"] == NEE, row["reason"]


# --------------------------------------------------------------------------- dates after a word ending like a date's first word

from pipelines.extract.text import fold_str  # noqa: E402

@pytest.mark.parametrize(("language", "text", "mention", "value"), [
    # "signalé samedi" folds to "signale samedi": the "le samedi" found inside it used to hide "samedi".
    ("fr", "Le général Guérassimov a annoncé samedi à Vladimir Poutine la libération de la région.", "samedi", "2025-04-26"),
    ("fr", "Le ministère a signalé samedi que la région était libérée.", "samedi", "2025-04-26"),
    ("fr", "Le ministre en a parlé samedi dernier à la télévision.", "samedi dernier", "2025-04-26"),
    ("fr", "Le Kremlin a révélé samedi les détails de l'opération.", "samedi", "2025-04-26"),
    ("ru", "Признание Пхеньяна 28 апреля изменило всё.", "28 апреля", "2025-04-28"),
    ("en", "Allied ministers met in Washington Monday to discuss the treaty.", "Monday", "2025-04-28"),
    ("it", "Lo ha ribadito il presidente Mattarella lunedì a Roma.", "lunedì", "2025-04-28"),
])
def test_a_date_after_a_word_ending_like_its_first_word_is_found(run, language, text, mention, value):
    _, claims = run(language, text)
    dates = claims.filter(pl.col("claim_type") == "event_date")
    assert dates["mention_text"].to_list() == [mention], dates.rows()  # as written
    assert dates["date_value"].to_list() == [dt.date.fromisoformat(value)]


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Les samedis, le marché est fermé."),       # a weekday inside a longer word
    ("es", "El código X19 de junio-B no es una fecha."),  # a day glued to a letter
    ("en", "The Mondays were quiet, the ministry said."),
])
def test_a_date_word_inside_a_longer_word_is_no_date(run, language, text):
    _, claims = run(language, text)
    assert claims.filter(pl.col("claim_type") == "event_date").is_empty(), claims.rows()


# --------------------------------------------------------------------------- the date of a report

# Published on Wednesday 2025-04-30: "Thursday" is 2025-04-24. Per language: the sentences of one
# article, each with its event_date claims as (claim_text, verdict), SAME for the whole sentence. A date next to a verb of saying
# says when something was said: it is never refuted against the event of what was said (the
# treaty's entry into force, 2024-12-04), and it does not split the sentence for the event's own
# date. A report by one who takes part in the event (Gerasimov's report) is the event, and a date
# after a complementizer ("said that on 5 December") is what was said: both are still refuted.
SAME = object()
REPORTS = {
    "en": [
        ("The treaty between Russia and North Korea entered into force on 4 December 2024, Peskov said on Thursday.", [(SAME, "supported"), ("Peskov said on Thursday.", NEE)]),
        ("Lavrov said on Thursday that the treaty between Russia and North Korea entered into force on 4 December 2024.", [(SAME, "supported"), ("Lavrov said on Thursday", NEE)]),
        ("Gerasimov reported on 3 June 2025 that the Kursk region had been fully retaken.", [(SAME, "refuted")]),
        ("Peskov said that on 5 December 2024 the treaty between Russia and North Korea entered into force.", [(SAME, "refuted")]),
    ],
    "es": [
        ("El tratado entre Rusia y Corea del Norte entró en vigor el 4 de diciembre de 2024, dijo Peskov el jueves.", [(SAME, "supported"), ("dijo Peskov el jueves.", NEE)]),
        ("Lavrov afirmó el jueves que el tratado entre Rusia y Corea del Norte entró en vigor el 4 de diciembre de 2024.", [(SAME, "supported"), ("Lavrov afirmó el jueves", NEE)]),
        ("Gerásimov anunció el 3 de junio de 2025 que la región de Kursk había sido liberada por completo.", [(SAME, "refuted")]),
        ("Peskov dijo que el 5 de diciembre de 2024 entró en vigor el tratado entre Rusia y Corea del Norte.", [(SAME, "refuted")]),
    ],
    "fr": [
        ("Le traité entre la Russie et la Corée du Nord est entré en vigueur le 4 décembre 2024, a déclaré jeudi Peskov.", [(SAME, "supported"), ("a déclaré jeudi Peskov.", NEE)]),
        ("Lavrov a affirmé jeudi que le traité entre la Russie et la Corée du Nord est entré en vigueur le 4 décembre 2024.", [(SAME, "supported"), ("Lavrov a affirmé jeudi", NEE)]),
        ("Guérassimov a annoncé le 3 juin 2025 que la région de Koursk était entièrement libérée.", [(SAME, "refuted")]),
        ("Peskov a dit que le 5 décembre 2024 le traité entre la Russie et la Corée du Nord est entré en vigueur.", [(SAME, "refuted")]),
    ],
    "de": [
        ("Der Vertrag zwischen Russland und Nordkorea trat am 4. Dezember 2024 in Kraft, sagte Peskow am Donnerstag.", [(SAME, "supported"), ("sagte Peskow am Donnerstag.", NEE)]),
        ("Am Donnerstag sagte Lawrow, der Vertrag zwischen Russland und Nordkorea sei am 4. Dezember 2024 in Kraft getreten.", [(SAME, "supported"), ("Am Donnerstag sagte Lawrow", NEE)]),
        ("Gerassimow meldete am 3. Juni 2025, die Region Kursk sei vollständig befreit worden.", [(SAME, "refuted")]),
        ("Peskow sagte, dass am 5. Dezember 2024 der Vertrag zwischen Russland und Nordkorea in Kraft trat.", [(SAME, "refuted")]),
    ],
    "it": [
        ("Il trattato tra Russia e Corea del Nord è entrato in vigore il 4 dicembre 2024, ha detto giovedì Peskov.", [(SAME, "supported"), ("ha detto giovedì Peskov.", NEE)]),
        ("Lavrov ha affermato giovedì che il trattato tra Russia e Corea del Nord è entrato in vigore il 4 dicembre 2024.", [(SAME, "supported"), ("Lavrov ha affermato giovedì", NEE)]),
        ("Gerasimov ha annunciato il 3 giugno 2025 la liberazione completa della regione di Kursk.", [(SAME, "refuted")]),
        ("Peskov ha detto che il 5 dicembre 2024 il trattato tra Russia e Corea del Nord è entrato in vigore.", [(SAME, "refuted")]),
    ],
    "pt": [
        ("O tratado entre a Rússia e a Coreia do Norte entrou em vigor em 4 de dezembro de 2024, disse Peskov na quinta-feira.", [(SAME, "supported"), ("disse Peskov na quinta-feira.", NEE)]),
        ("Lavrov afirmou na quinta-feira que o tratado entre a Rússia e a Coreia do Norte entrou em vigor em 4 de dezembro de 2024.", [(SAME, "supported"), ("Lavrov afirmou na quinta-feira", NEE)]),
        ("Gerasimov anunciou em 3 de junho de 2025 a libertação completa da região de Kursk.", [(SAME, "refuted")]),
        ("Peskov disse que em 5 de dezembro de 2024 o tratado entre a Rússia e a Coreia do Norte entrou em vigor.", [(SAME, "refuted")]),
    ],
    "ru": [
        ("Договор между Россией и КНДР вступил в силу 4 декабря 2024 года, заявил в четверг Песков.", [(SAME, "supported"), ("заявил в четверг Песков.", NEE)]),
        ("Лавров заявил в четверг, что договор между Россией и КНДР вступил в силу 4 декабря 2024 года.", [(SAME, "supported"), ("Лавров заявил в четверг", NEE)]),
        ("Герасимов сообщил 3 июня 2025 года, что Курская область полностью освобождена.", [(SAME, "refuted")]),
        ("Песков сказал, что 5 декабря 2024 года договор между Россией и КНДР вступил в силу.", [(SAME, "refuted")]),
    ],
}


@pytest.fixture(scope="module")
def report_verdicts(tmp_path_factory) -> dict[str, list[dict]]:
    """One article per language holding its sentences (the claims that are whole sentences),
    checked once through the verdict SQL: language -> its event_date verdict rows."""
    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    for language, cases in REPORTS.items():
        paths[language] = folder / f"reports-{language}.txt"
        paths[language].write_text("\n\n".join(sentence for sentence, _ in cases), encoding="utf-8")
        (folder / f"reports-{language}.meta.json").write_text(json.dumps({"published": "2025-04-30", "language": language}), encoding="utf-8")
    verdicts, _, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    rows = verdicts.filter(pl.col("claim_type") == "event_date").to_dicts()
    return {language: [r for r in rows if r["source_path"] == str(path)] for language, path in paths.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_date_of_a_report_is_never_refuted_against_what_was_reported(report_verdicts, language):
    expected = [(sentence if text is SAME else text, verdict) for sentence, claims in REPORTS[language] for text, verdict in claims]
    assert sorted((r["claim_text"], r["verdict"]) for r in report_verdicts[language]) == sorted(expected)
    for row in report_verdicts[language]:
        if row["verdict"] == NEE:
            assert "says when this was said or reported" in row["reason"], row


# --------------------------------------------------------------------------- a rival event

# The sentence fully matches the treaty's signing (sign + treaty + North Korea) but also names
# the ratification law (sign + ratify, no Putin), whose date it gives: not refuted. A date that
# no second event explains better is still refuted (the Duma did not ratify on 6 November).
RIVALS = {
    "en": ("The president signed the law ratifying the treaty with North Korea on November 9, 2024.",
           "The Duma ratified the treaty with North Korea on November 6, 2024."),
    "es": ("El presidente firmó la ley que ratifica el tratado con Corea del Norte el 9 de noviembre de 2024.",
           "La Duma ratificó el tratado con Corea del Norte el 6 de noviembre de 2024."),
    "fr": ("Le président a signé la loi ratifiant le traité avec la Corée du Nord le 9 novembre 2024.",
           "La Douma a ratifié le traité avec la Corée du Nord le 6 novembre 2024."),
    "de": ("Der Präsident unterzeichnete am 9. November 2024 das Gesetz zur Ratifizierung des Vertrags mit Nordkorea.",
           "Die Duma ratifizierte den Vertrag mit Nordkorea am 6. November 2024."),
    "it": ("Il presidente ha firmato il 9 novembre 2024 la legge che ratifica il trattato con la Corea del Nord.",
           "La Duma ha ratificato il trattato con la Corea del Nord il 6 novembre 2024."),
    "pt": ("O presidente assinou em 9 de novembro de 2024 a lei que ratifica o tratado com a Coreia do Norte.",
           "A Duma ratificou o tratado com a Coreia do Norte em 6 de novembro de 2024."),
    "ru": ("Президент подписал 9 ноября 2024 года закон о ратификации договора с КНДР.",
           "Госдума ратифицировала договор с КНДР 6 ноября 2024 года."),
}


def _check_each(folder: Path, texts: dict[str, list[str]], claim_type: str, *, published: str) -> dict[str, dict[int, dict]]:
    """Check each text (``texts`` maps a language to its texts) as an article of its own (no
    context from the others), published on ``published``, all languages in one ``check`` (its
    cost is mostly per call, not per article): language -> the index of each text that gave a
    ``claim_type`` claim -> that claim's row."""
    paths = {}
    for language, items in texts.items():
        for n, text in enumerate(items):
            path = folder / f"each-{language}-{n}.txt"
            path.write_text(text, encoding="utf-8")
            (folder / f"each-{language}-{n}.meta.json").write_text(json.dumps({"published": published, "language": language}), encoding="utf-8")
            paths[str(path)] = (language, n)
    verdicts, ingested, _ = check([Path(p) for p in paths], Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    assert ingested.articles.height == len(paths)
    rows: dict[str, dict[int, dict]] = {language: {} for language in texts}
    for row in verdicts.filter(pl.col("claim_type") == claim_type).to_dicts():
        language, n = paths[row["source_path"]]
        rows[language][n] = row
    return rows


@pytest.fixture(scope="module")
def rivals(tmp_path_factory):
    return _check_each(tmp_path_factory.mktemp("rivals"), RIVALS, "event_date", published="2025-04-30")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_another_event_nearly_described_has_is_not_refuted(rivals, language):
    rows = rivals[language]
    assert set(rows) == {0, 1}
    near = rows[0]
    assert (near["verdict"], near["reference_id"], near["evidence"]) == (NEE, None, None)
    assert "also partly describes \"Putin signs the federal law ratifying" in near["reason"], near["reason"]
    assert (rows[1]["verdict"], rows[1]["reference_id"]) == ("refuted", "event:duma_ratifies_treaty")


# --------------------------------------------------------------------------- another actor

# Putin is named only in the sentence before; the visit's sentence names another pack person,
# so Putin's state visit is not what it describes and its date is not refuted. With a pronoun
# (nobody else named) the visit is still Putin's and the wrong date is refuted.
ACTORS = {
    "en": ("Vladimir Putin praised the partnership with North Korea.",
           "Sergei Shoigu made a visit to Pyongyang in March 2025.", "He made a visit to Pyongyang in March 2025."),
    "es": ("Vladímir Putin elogió la asociación con Corea del Norte.",
           "Serguéi Shoigú realizó una visita a Pyongyang en marzo de 2025.", "Realizó una visita a Pyongyang en marzo de 2025."),
    "fr": ("Vladimir Poutine a salué le partenariat avec la Corée du Nord.",
           "Sergueï Choïgou a effectué une visite à Pyongyang en mars 2025.", "Il a effectué une visite à Pyongyang en mars 2025."),
    "de": ("Wladimir Putin lobte die Partnerschaft mit Nordkorea.",
           "Sergej Schoigu war im März 2025 zu Besuch in Pjöngjang.", "Er war im März 2025 zu Besuch in Pjöngjang."),
    "it": ("Vladimir Putin ha elogiato il partenariato con la Corea del Nord.",
           "Sergej Shoigu ha fatto una visita a Pyongyang nel marzo 2025.", "Ha fatto una visita a Pyongyang nel marzo 2025."),
    "pt": ("Vladimir Putin elogiou a parceria com a Coreia do Norte.",
           "Serguei Shoigu fez uma visita a Pyongyang em março de 2025.", "Ele fez uma visita a Pyongyang em março de 2025."),
    "ru": ("Владимир Путин высоко оценил партнёрство с КНДР.",
           "Сергей Шойгу совершил визит в Пхеньян в марте 2025 года.", "Он совершил визит в Пхеньян в марте 2025 года."),
}


@pytest.fixture(scope="module")
def actors(tmp_path_factory):
    texts = {language: [f"{lead} {other}", f"{lead} {pronoun}"] for language, (lead, other, pronoun) in ACTORS.items()}
    return _check_each(tmp_path_factory.mktemp("actors"), texts, "event_date", published="2025-04-30")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_matched_through_the_context_does_not_refute_a_sentence_about_another_person(actors, language):
    rows = actors[language]
    assert set(rows) == {0, 1}, rows
    named = rows[0]
    assert (named["verdict"], named["reference_id"], named["evidence"]) == (NEE, None, None), named
    assert named["reason"].startswith("The sentence names Sergei Shoigu, who is not part of"), named["reason"]
    assert (rows[1]["verdict"], rows[1]["reference_id"]) == ("refuted", "event:putin_kim_summit_pyongyang")


# --------------------------------------------------------------------------- excluded figures

# The troops sent and, in the next clause, the killed or wounded: the second number is no
# figure of the troops sent (the figure's exclude_keywords), so it is not refuted against it.
CASUALTIES = {
    "en": "Pyongyang sent about 12,000 troops to Russia, and about 4,000 North Korean soldiers were killed or wounded.",
    "es": "Pyongyang envió unos 12.000 soldados a Rusia, y unos 4.000 soldados norcoreanos han muerto o resultado heridos.",
    "fr": "Pyongyang a envoyé quelque 12 000 soldats en Russie, et environ 4 000 soldats nord-coréens ont été tués ou blessés.",
    "de": "Nordkorea schickte rund 12.000 Soldaten nach Russland, und rund 4.000 nordkoreanische Soldaten wurden getötet oder verwundet.",
    "it": "Pyongyang ha inviato circa 12.000 soldati in Russia, e circa 4.000 soldati nordcoreani sono stati uccisi o feriti.",
    "pt": "Pyongyang enviou cerca de 12 mil soldados para a Rússia, e cerca de 4 mil soldados norte-coreanos foram mortos ou feridos.",
    "ru": "КНДР направила в Россию около 12 тысяч военнослужащих, и около 4 тысяч северокорейских солдат были убиты или ранены.",
}


@pytest.fixture(scope="module")
def casualties(tmp_path_factory):
    """The quantity claims of each language's CASUALTIES article (one ``check`` for all)."""
    folder = tmp_path_factory.mktemp("casualties")
    checked = check_per_language(folder, CASUALTIES, published="2025-04-30", check_offsets=False)
    return {language: pl.DataFrame(rows, infer_schema_length=None) for language, rows in checked.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_number_of_casualties_is_not_judged_against_the_troops_sent(casualties, language):
    rows = casualties[language].filter(pl.col("claim_type") == "quantity").sort("char_start")
    assert rows["quantity_value"].to_list() == [12000.0, 4000.0], rows.select("claim_text", "quantity_value").rows()
    assert rows["verdict"].to_list() == ["supported", NEE]
    assert rows["reference_id"].to_list() == ["quantity:nis_dprk_troops_estimate", None]


# Another party's troops: a nationality next to the counted noun, or the subject of the number's
# clause, names a party none of the figure's keywords names. North Korea named in the sentence
# before does not make them North Korea's; a party of the figure's own keeps the match.
OTHER_PARTIES = {
    # language: (text, [(value, verdict)] in text order)
    "en": [("North Korea sent about 12,000 troops to Russia, Seoul says. Kyiv kept about 60,000 troops in reserve near the border.", [(12000, "supported"), (60000, NEE)]),
           ("North Korea sent 12,000 troops while Kyiv kept 60,000 troops in reserve.", [(12000, "supported"), (60000, NEE)]),
           ("North Korea's decision worried Seoul. About 12,000 North Korean troops were sent to fight Ukrainian forces.", [(12000, "supported")]),
           ("The deployment was confirmed in October. Pyongyang sent 12,000 soldiers to help Russia against Ukraine.", [(12000, "supported")]),
           ("North Korea joined the war in October. Seoul says that about 12,000 troops were sent.", [(12000, "supported")])],
    "es": [("Corea del Norte envió unos 12.000 soldados a Rusia. Kiev mantuvo 50 mil soldados ucranianos en reserva.", [(12000, "supported"), (50000, NEE)]),
           ("Corea del Norte entró en la guerra. Envió unos 12.000 soldados para ayudar a Rusia contra Ucrania.", [(12000, "supported")])],
    "pt": [("A Coreia do Norte enviou cerca de 12 mil soldados para a Rússia. Kiev manteve 50 mil soldados ucranianos na reserva.", [(12000, "supported"), (50000, NEE)])],
    "fr": [("La Corée du Nord a envoyé quelque 12 000 soldats en Russie. Kiev a gardé 60 000 soldats ukrainiens en réserve.", [(12000, "supported"), (60000, NEE)])],
    "de": [("Nordkorea schickte rund 12.000 Soldaten nach Russland. Kiew hielt 60.000 ukrainische Soldaten in Reserve.", [(12000, "supported"), (60000, NEE)])],
    "it": [("La Corea del Nord ha inviato circa 12mila soldati in Russia. Kiev ha tenuto 60mila soldati ucraini in riserva.", [(12000, "supported"), (60000, NEE)])],
    "ru": [("КНДР направила в Россию около 12 тысяч военнослужащих. Киев держал в резерве 60 тысяч украинских военных.", [(12000, "supported"), (60000, NEE)]),
           ("Договор с КНДР подписан в Пхеньяне. Российско-корейский договор насчитывает 23 статьи.", [(23, "supported")])],
}


@pytest.fixture(scope="module")
def party_verdicts(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    folder = tmp_path_factory.mktemp("parties")
    paths = {}
    for language, cases in OTHER_PARTIES.items():
        for i, (text, _) in enumerate(cases):
            path = folder / f"party-{language}-{i}.txt"
            path.write_text(text, encoding="utf-8")
            (folder / f"party-{language}-{i}.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": language}), encoding="utf-8")
            paths[(language, text)] = path
    verdicts, _, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    rows = verdicts.filter(pl.col("claim_type") == "quantity").sort("char_start").to_dicts()
    return {key: [r for r in rows if r["source_path"] == str(path)] for key, path in paths.items()}


@pytest.mark.parametrize(("language", "text", "expected"), [(lang, *case) for lang, cases in OTHER_PARTIES.items() for case in cases])
def test_another_party_s_troops_are_not_judged_against_the_figure(party_verdicts, language, text, expected):
    rows = party_verdicts[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]


# --------------------------------------------------------------------------- one date, one claim

# A weekday and the date after it, or a year-less date and the relative year after it, are one
# date: one claim, with the date's value (published on 2025-06-25, so "19 June" alone would be
# 2025-06-19 and only the relative year makes it 2024).
ONE_DATE = {
    "es": [("Gerásimov informó el sábado 26 de abril de que la región de Kursk había sido liberada.", "sabado 26 de abril", "2025-04-26"),
           ("Putin y Kim firmaron el tratado en Pyongyang el 19 de junio del año pasado.", "19 de junio del ano pasado", "2024-06-19")],
    "en": [("Gerasimov told Putin on Saturday, April 26, that the Kursk region had been fully retaken.", "saturday, april 26", "2025-04-26"),
           ("Putin and Kim signed the treaty in Pyongyang on June 19 last year.", "june 19 last year", "2024-06-19")],
    "fr": [("Guérassimov a annoncé samedi 26 avril que la région de Koursk avait été reprise.", "samedi 26 avril", "2025-04-26"),
           ("Poutine et Kim ont signé le traité à Pyongyang le 19 juin l'an dernier.", "19 juin l'an dernier", "2024-06-19")],
    "de": [("Gerassimow meldete am Samstag, 26. April, die Rückeroberung der Region Kursk.", "samstag, 26. april", "2025-04-26"),
           ("Putin und Kim unterzeichneten den Vertrag am 19. Juni vergangenen Jahres in Pjöngjang.", "19. juni vergangenen jahres", "2024-06-19")],
    "it": [("Gerasimov ha annunciato sabato, 26 aprile, la liberazione della regione di Kursk.", "sabato, 26 aprile", "2025-04-26"),
           ("Putin e Kim hanno firmato il trattato a Pyongyang il 19 giugno dell'anno scorso.", "19 giugno dell'anno scorso", "2024-06-19")],
    "pt": [("Gerasimov anunciou no sábado, 26 de abril, a libertação da região de Kursk.", "sabado, 26 de abril", "2025-04-26"),
           ("Putin e Kim assinaram o tratado em Pyongyang a 19 de junho do ano passado.", "19 de junho do ano passado", "2024-06-19")],
    "ru": [("Герасимов в субботу, 26 апреля, доложил об освобождении Курской области.", "субботу, 26 апреля", "2025-04-26"),
           ("Путин и Ким подписали договор в Пхеньяне 19 июня прошлого года.", "19 июня прошлого года", "2024-06-19")],
}


@pytest.mark.parametrize(("language", "text", "mention", "value"), [(lang, *case) for lang, cases in ONE_DATE.items() for case in cases])
def test_a_weekday_or_a_relative_year_next_to_a_date_is_part_of_it(run, language, text, mention, value):
    _, claims = run(language, text, published="2025-06-25")
    dates = claims.filter(pl.col("claim_type") == "event_date")
    assert dates.height == 1, dates.select("mention_text", "claim_text").rows()
    assert mention in fold_str(dates["mention_text"][0])
    assert dates["date_value"][0] == dt.date.fromisoformat(value)
    assert dates["claim_text"][0] == text


# Two dates split by a comma keep each the clause with its event: the second starts after the
# first (its conjunction and subject), never as a bare date after the comma.
TWO_CLAUSES = {
    "es": ("La Duma aprobó la ratificación el 24 de octubre y el Consejo de la Federación, el 6 de noviembre.",
           ["La Duma aprobó la ratificación el 24 de octubre", "y el Consejo de la Federación, el 6 de noviembre."]),
    "en": ("The Duma approved the ratification on October 24 and the Federation Council, on November 6.",
           ["The Duma approved the ratification on October 24", "and the Federation Council, on November 6."]),
    "fr": ("La Douma a ratifié le traité le 24 octobre, et le Conseil de la Fédération, le 6 novembre.",
           ["La Douma a ratifié le traité le 24 octobre", "et le Conseil de la Fédération, le 6 novembre."]),
    "de": ("Die Duma billigte die Ratifizierung am 24. Oktober und der Föderationsrat, am 6. November.",
           ["Die Duma billigte die Ratifizierung am 24. Oktober", "und der Föderationsrat, am 6. November."]),
    "it": ("La Duma ha approvato la ratifica il 24 ottobre e il Consiglio della Federazione, il 6 novembre.",
           ["La Duma ha approvato la ratifica il 24 ottobre", "e il Consiglio della Federazione, il 6 novembre."]),
    "pt": ("A Duma aprovou a ratificação a 24 de outubro e o Conselho da Federação, a 6 de novembro.",
           ["A Duma aprovou a ratificação a 24 de outubro", "e o Conselho da Federação, a 6 de novembro."]),
    "ru": ("Госдума одобрила ратификацию 24 октября, а Совет Федерации — 6 ноября.",
           ["Госдума одобрила ратификацию 24 октября", "а Совет Федерации — 6 ноября."]),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_after_a_comma_keeps_the_clause_of_its_event(run, language):
    text, spans = TWO_CLAUSES[language]
    _, claims = run(language, text)
    assert sorted(claims.filter(pl.col("claim_type") == "event_date")["claim_text"].to_list()) == sorted(spans)


@pytest.mark.parametrize(("language", "text", "count"), [
    ("es", "El 24 de octubre, el 6 de noviembre y el 9 de noviembre fueron fechas clave.", 3),  # three dates, not one
    ("en", "On Saturday Gerasimov said that on April 26 the region was retaken.", 2),           # words between
    ("fr", "Samedi, la Douma a voté ; le 6 novembre, le Conseil a suivi.", 2),
])
def test_dates_that_are_not_one_date_stay_apart(run, language, text, count):
    _, claims = run(language, text)
    assert claims.filter(pl.col("claim_type") == "event_date").height == count


# --------------------------------------------------------------------------- datelines

HEADLINED_DATELINES = {
    # The dateline on the line right after the headline, no blank line between (web page text).
    "es": "Tratado en vigor\nMOSCÚ, 8 de mayo (Agencia) - El tratado entre Rusia y Corea del Norte entró en vigor el 4 de diciembre de 2024.",
    "en": "Treaty in force\nMOSCOW, May 8 (Agency) - The treaty between Russia and North Korea entered into force on 4 December 2024.",
    "fr": "Traité en vigueur\nMOSCOU, 8 mai (Agence) - Le traité entre la Russie et la Corée du Nord est entré en vigueur le 4 décembre 2024.",
    "de": "Vertrag in Kraft\nMOSKAU, 8. Mai (Agentur) - Der Vertrag zwischen Russland und Nordkorea trat am 4. Dezember 2024 in Kraft.",
    "it": "Trattato in vigore\nMOSCA, 8 maggio (Agenzia) - Il trattato tra Russia e Corea del Nord è entrato in vigore il 4 dicembre 2024.",
    "pt": "Tratado em vigor\nMOSCOU, 8 de maio (Agência) - O tratado entre a Rússia e a Coreia do Norte entrou em vigor em 4 de dezembro de 2024.",
    "ru": "Договор вступил в силу\nМОСКВА, 8 мая. /Агентство/. Договор между Россией и КНДР вступил в силу 4 декабря 2024 года.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_dateline_right_under_the_headline_is_no_claim(run, language):
    text = HEADLINED_DATELINES[language]
    _, claims = run(language, text, published="2025-05-08")
    dates = claims.filter(pl.col("claim_type") == "event_date")
    body = text.split(" - ", 1)[-1] if language != "ru" else text.split("/. ", 1)[-1]
    assert dates.select("claim_text", "date_value").rows() == [(body, dt.date(2024, 12, 4))]


@pytest.mark.parametrize(("language", "text", "start"), [
    # Words before a bracketed acronym are no dateline place, and an outlet with no date needs a dash.
    ("fr", "Le service national de renseignement (NIS) sud-coréen a affirmé vendredi que Pyongyang avait envoyé des troupes.", "Le service"),
    ("es", "El Servicio Nacional de Inteligencia (NIS) surcoreano afirmó el viernes que Pyongyang había enviado tropas.", "El Servicio"),
    ("en", "The National Intelligence Service (NIS) of South Korea said on Friday that Pyongyang had sent troops.", "The National"),
    ("de", "Der Nationale Geheimdienst (NIS) Südkoreas teilte am Freitag mit, Pjöngjang habe Truppen geschickt.", "Der Nationale"),
])
def test_a_lead_sentence_with_a_bracketed_acronym_is_no_dateline(lexicons, run, language, text, start):
    articles, _ = build_articles([{"text": text, "source_path": "t.txt", "language": language, "published": "2024-10-19"}], lexicons)
    assert articles["dateline_place"].to_list() == [None]
    _, claims = run(language, text, published="2024-10-19")
    assert claims.filter(pl.col("claim_type") == "event_date")["claim_text"].to_list() == [text]
    assert text.startswith(start)


DATED_DATELINES = {
    # A dateline with a year, in each agency style, and an article without a date in its metadata.
    "es": ("La Habana, 29 de abril de 2025 (Prensa Latina) El presidente ruso, Vladimir Putin, agradeció ayer a Corea del Norte.", "presidente ruso, Vladimir Putin"),
    "en": ("MOSCOW, April 29, 2025 (Reuters) - Russian President Vladimir Putin thanked North Korea on Monday.", "Russian President Vladimir Putin"),
    "fr": ("PARIS, 29 avril 2025 (AFP) - Le président russe Vladimir Poutine a remercié lundi la Corée du Nord.", "président russe Vladimir Poutine"),
    "de": ("Moskau, 29. April 2025 (dpa) - Der russische Präsident Wladimir Putin dankte am Montag Nordkorea.", "russische Präsident Wladimir Putin"),
    "it": ("MOSCA, 29 aprile 2025 (ANSA) - Il presidente russo Vladimir Putin ha ringraziato lunedì la Corea del Nord.", "presidente russo Vladimir Putin"),
    "pt": ("Moscovo, 29 abr 2025 (Lusa) - O presidente russo, Vladimir Putin, agradeceu na segunda-feira à Coreia do Norte.", "presidente russo, Vladimir Putin"),
    "ru": ("МОСКВА, 29 апреля 2025. /ТАСС/. Президент России Владимир Путин в понедельник поблагодарил КНДР.", "Президент России Владимир Путин"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_dateline_with_a_year_is_the_publication_date_when_the_metadata_has_none(lexicons, language):
    text, _ = DATED_DATELINES[language]
    articles, _ = build_articles([{"text": text, "source_path": "t.txt", "language": language}], lexicons)
    assert articles.select("published_on", "published_source").rows() == [(dt.date(2025, 4, 29), "dateline")]
    # Metadata still wins.
    articles, _ = build_articles([{"text": text, "source_path": "t.txt", "language": language, "published": "2025-05-02"}], lexicons)
    assert articles.select("published_on", "published_source").rows() == [(dt.date(2025, 5, 2), "metadata")]


def test_a_dateline_without_a_year_gives_no_publication_date(lexicons):
    articles, _ = build_articles([{"text": "MOSCOW, April 29 (Reuters) - Putin thanked North Korea on Monday.", "source_path": "t.txt", "language": "en"}], lexicons)
    assert articles.select("published_on", "published_source").rows() == [(None, None)]


@pytest.fixture(scope="module")
def dateline_verdicts(tmp_path_factory) -> dict[str, list[dict]]:
    """The dated datelines as article files without a sidecar date, checked once: language ->
    verdict rows."""
    folder = tmp_path_factory.mktemp("datelines")
    paths = {}
    for language, (text, _) in DATED_DATELINES.items():
        paths[language] = folder / f"dateline-{language}.txt"
        paths[language].write_text(text, encoding="utf-8")
        (folder / f"dateline-{language}.meta.json").write_text(json.dumps({"language": language}), encoding="utf-8")
    verdicts, _, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    rows = verdicts.to_dicts()
    return {language: [r for r in rows if r["source_path"] == str(path)] for language, path in paths.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_dated_dateline_lets_relative_dates_and_offices_be_checked(dateline_verdicts, language):
    _, title = DATED_DATELINES[language]
    rows = dateline_verdicts[language]
    offices = [r for r in rows if r["claim_type"] == "office_holder"]
    assert [(r["claim_text"], r["verdict"]) for r in offices] == [(title, "supported")]
    dates = [r for r in rows if r["claim_type"] == "event_date"]
    assert dates and all(r["date_value"] is not None and "no publication date" not in r["reason"] for r in dates), dates


# --------------------------------------------------------------------------- months without a year

@pytest.mark.parametrize(("language", "text", "mention", "value"), [
    # Published on 2025-04-29: a month resolves to the last one that has begun by then.
    ("en", "Putin visited Pyongyang in June.", "in june", "2024-06-01"),
    ("en", "The intelligence service said in October that troops were sent.", "in october", "2024-10-01"),
    ("en", "Fighting in Kursk went on until March.", "until march", "2025-03-01"),
    ("en", "North Korea confirmed the deployment in April.", "in april", "2025-04-01"),  # the month of publication
    ("es", "Putin visitó Pyongyang en junio.", "en junio", "2024-06-01"),
    ("es", "La Duma votó el texto en octubre del año pasado.", "en octubre del ano pasado", "2024-10-01"),
    ("ru", "КНДР подтвердила участие своих военных в апреле.", "в апреле", "2025-04-01"),
])
def test_a_month_without_a_year(run, language, text, mention, value):
    _, claims = run(language, text, published="2025-04-29")
    dates = claims.filter(pl.col("claim_type") == "event_date")
    assert [(fold_str(m.rstrip(".")), v, p) for m, v, p in dates.select("mention_text", "date_value", "date_precision").rows()] == [(mention, dt.date.fromisoformat(value), "month")]


@pytest.mark.parametrize("text", ["The treaty may enter into force soon.", "Troops may march into Kursk.", "It will take effect in due course."])
def test_a_month_name_that_is_a_word_is_no_date(run, text):
    _, claims = run("en", text, published="2025-04-29")
    assert claims.filter(pl.col("claim_type") == "event_date").is_empty()


def test_a_month_without_a_year_is_checked_against_the_timeline(tmp_path):
    path = tmp_path / "nis.txt"
    path.write_text("South Korea's National Intelligence Service said in October that North Korea had decided to send about 12,000 troops to Russia.", encoding="utf-8")
    (tmp_path / "nis.meta.json").write_text(json.dumps({"published": "2025-04-29", "language": "en"}), encoding="utf-8")
    verdicts, _, _ = check([path], Settings(data_dir=ROOT / "data", db_path=tmp_path / "unused.duckdb"))
    dates = verdicts.filter(pl.col("claim_type") == "event_date").to_dicts()
    assert [(r["date_value"], r["verdict"]) for r in dates] == [(dt.date(2024, 10, 1), "supported")], dates


# --------------------------------------------------------------------------- feminine titles

# Maria Zakharova is the foreign ministry's spokeswoman, not a minister or the Kremlin's press
# secretary. A title in its feminine form names the office its masculine wording names (the
# lexicons' feminine_titles), so the claim is refuted against that office's holder instead of
# being matched by spelling to the ministry she speaks for ("ministra" ~ "ministerio"). The
# words after a bare head ("ministra de Asuntos Exteriores rusa") choose among the offices it
# may start; the last case of each language is the right title, still supported.
FEMININE = {
    "es": ("La ministra de Asuntos Exteriores rusa, María Zajárova, habló el lunes.",
           "El ministro de Exteriores ruso, Serguéi Shoigú, habló el lunes.",
           "La portavoz del Ministerio de Asuntos Exteriores de Rusia, María Zajárova, habló el lunes."),
    "it": ("La ministra degli Esteri russa Marija Zacharova ha parlato lunedì.",
           "Il ministro degli Esteri russo Sergej Shoigu ha parlato lunedì.",
           "La portavoce del ministero degli Esteri russo Marija Zacharova ha parlato lunedì."),
    "pt": ("A ministra das Relações Exteriores russa, Maria Zakharova, falou na segunda-feira.",
           "O ministro das Relações Exteriores russo, Serguei Shoigu, falou na segunda-feira.",
           "A porta-voz do Ministério das Relações Exteriores da Rússia, Maria Zakharova, falou na segunda-feira."),
    "de": ("Die russische Außenministerin Maria Sacharowa sprach am Montag.",
           "Der russische Außenminister Sergej Schoigu sprach am Montag.",
           "Die Sprecherin des russischen Außenministeriums, Maria Sacharowa, sprach am Montag."),
    "fr": ("La ministre russe des Affaires étrangères, Maria Zakharova, a parlé lundi.",
           "Le ministre russe des Affaires étrangères, Sergueï Choïgou, a parlé lundi.",
           "La porte-parole du ministère russe des Affaires étrangères, Maria Zakharova, a parlé lundi."),
    "en": ("Kremlin spokeswoman Maria Zakharova spoke on Monday.",
           "Russian Foreign Minister Sergei Shoigu spoke on Monday.",
           "Russian Foreign Ministry spokesperson Maria Zakharova spoke on Monday."),
    "ru": ("Министр иностранных дел России Мария Захарова выступила в понедельник.",
           "Министр иностранных дел России Сергей Шойгу выступил в понедельник.",
           "Официальный представитель МИД России Мария Захарова выступила в понедельник."),
}
FEMININE_REASONS = (
    ("refuted", ", not Maria Zakharova"),
    ("refuted", "the office of Minister of Foreign Affairs of the Russian Federation was held by Sergey Lavrov, not Sergei Shoigu"),
    ("supported", "Maria Zakharova held the office of Spokesperson"),
)


@pytest.fixture(scope="module")
def feminine(tmp_path_factory):
    return _check_each(tmp_path_factory.mktemp("feminine"), FEMININE, "office_holder", published="2025-04-28")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_feminine_title_names_the_office_of_its_masculine_wording(feminine, language):
    rows = feminine[language]
    for n, (verdict, reason) in enumerate(FEMININE_REASONS):
        row = rows.get(n)
        assert row is not None, (n, FEMININE[language][n])
        assert row["verdict"] == verdict and reason in row["reason"], (FEMININE[language][n], row["verdict"], row["reason"])
    kremlin = {"en"}  # the Kremlin's spokeswoman: its press secretary's office, Peskov's
    if language in kremlin:
        assert "Press Secretary of the President" in rows[0]["reason"]
    else:
        assert "Minister of Foreign Affairs of the Russian Federation was held by Sergey Lavrov" in rows[0]["reason"]


# --------------------------------------------------------------------------- generic treaty words

# "Mutual defence treaty" describes the DPRK–Russia treaty as often as it names the US–ROK one,
# and Washington is where the North Atlantic Treaty was signed: the words closest to the article
# number decide, not a generic phrase or a city standing for one treaty.
GENERIC_TREATY_WORDS = [
    ("en", "The deployment was ordered under the mutual defence treaty the two countries signed in Pyongyang. "
           "Peskov said Article 4 of the treaty obliges each side to provide immediate military assistance.", "dprk_russia_2024"),
    ("es", "El despliegue se ordenó en virtud del tratado de defensa mutua que ambos países firmaron en Pionyang. "
           "Peskov dijo que el artículo 4 del tratado obliga a cada parte a prestar asistencia militar inmediata.", "dprk_russia_2024"),
    ("pt", "A Organização do Tratado do Atlântico Norte completa hoje 75 anos. O tratado foi assinado em Washington em 1949. "
           "O Artigo 5.º estabelece que um ataque armado contra um membro será considerado um ataque contra todos.", "north_atlantic_1949"),
    ("en", "NATO turns 75 today. The treaty was signed in Washington in 1949. "
           "Article 5 says an armed attack against one member shall be considered an attack against them all.", "north_atlantic_1949"),
    ("en", "The US-South Korea Mutual Defense Treaty is looser: under its Article III each party would act to meet the common danger.", "us_rok_1953"),
]


@pytest.mark.parametrize(("language", "text", "treaty_id"), GENERIC_TREATY_WORDS)
def test_generic_treaty_words_do_not_outweigh_the_words_that_name_the_treaty(run_extract, language, text, treaty_id):
    claims = run_extract(language, text).filter(pl.col("claim_type") == "treaty_clause")
    assert claims["treaty_id"].to_list() == [treaty_id], claims.select("claim_text", "treaty_id", "treaty_resolution", "treaty_text").rows()
