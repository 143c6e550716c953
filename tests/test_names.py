"""Person names in quotes and office claims, in all seven languages.

* Spellings of the pack's people that the pack does not list (another transliteration, other
  accents or hyphens) name that person; names that are only close to a pack person's, and are
  someone else's ("Kim Jong Il", "Valery Gerasimenko", "Elizaveta Peskova"), do not.
* A quote whose sentence names a speaker the pack does not know ("..., said John Smith",
  "dijo el analista Pedro Gómez", "Il segretario di Stato americano Marco Rubio ha definito ...")
  keeps that speaker: it is not given to a pack person named earlier, and it is
  not_enough_evidence, saying why.

The end-to-end cases run ``pipelines.core.check`` (extraction, then the verdict SQL on an
in-memory DuckDB) over one article per language.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.extract.names import key_expr
from tests.conftest import check_per_language

NEE = "not_enough_evidence"


def _checked(folder: Path, articles: dict[str, list[str]]) -> dict[str, list[dict]]:
    """The claims and verdicts of one article per language (its sentences as paragraphs)."""
    return check_per_language(folder, {language: "\n\n".join(dict.fromkeys(paragraphs)) for language, paragraphs in articles.items()})


def _claim(rows: list[dict], claim_type: str, claim_text: str) -> dict:
    found = [r for r in rows if r["claim_type"] == claim_type and r["claim_text"] == claim_text]
    assert found, [(r["claim_type"], r["claim_text"]) for r in rows]
    return found[0]


# --------------------------------------------------------------------------- the name key

@pytest.mark.parametrize(("spellings", "same"), [
    (["Gerasimov", "Gerásimov", "Guerásimov", "Guerassimov", "Gerassimow"], True),
    (["Shoigu", "Shoigú", "Schoigu", "Shoygu"], True),
    (["Lavrov", "Lawrow"], True),
    (["Peskov", "Peskow", "Peskóv"], True),
    (["Zelensky", "Zelenski", "Zelenskiy", "Zelenskyy", "Zelenskyj"], True),
    (["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "Kim Jongun"], True),
    (["Choïgou", "Choigu"], True),
    (["Peskov", "Peskova"], False),
    (["Gerasimov", "Gerasimenko"], False),
    (["Kim Jong Un", "Kim Jong Il"], False),
])
def test_name_key_folds_transliterations_only(lexicons, spellings, same):
    keys = pl.DataFrame({"name": spellings}).select(key_expr(pl.col("name"), lexicons))["name"].to_list()
    assert (len(set(keys)) == 1) == same, dict(zip(spellings, keys, strict=True))


# --------------------------------------------------------------------------- variants of pack people

VARIANTS = {
    # language: [(sentence, claim type, claim text, person or speaker, verdict)]
    "en": [
        ("Ukrainian President Volodymyr Zelenskiy met NATO officials.", "office_holder", "Ukrainian President Volodymyr Zelenskiy", "volodymyr_zelensky", "supported"),
        ("Foreign Minister Sergei Lawrow spoke to reporters.", "office_holder", "Foreign Minister Sergei Lawrow", "sergey_lavrov", "supported"),
    ],
    "es": [
        ("El jefe del Estado Mayor General ruso, Valeri Guerásimov, informó a Putin.", "office_holder", "jefe del Estado Mayor General ruso, Valeri Guerásimov", "valery_gerasimov", "supported"),
        ("El presidente ucraniano Volodímir Zelenskiy respondió.", "office_holder", "presidente ucraniano Volodímir Zelenskiy", "volodymyr_zelensky", "supported"),
    ],
    "de": [
        ("Präsident Wolodymyr Selenski reagierte sofort.", "office_holder", "Präsident Wolodymyr Selenski", "volodymyr_zelensky", "supported"),
        ("Generalstabschef Waleri Gerasimow meldete die Befreiung.", "office_holder", "Generalstabschef Waleri Gerasimow", "valery_gerasimov", "supported"),
    ],
    "fr": [
        ("Le ministre de la Défense Sergueï Choïgu a parlé.", "office_holder", "ministre de la Défense Sergueï Choïgu", "sergei_shoigu", "refuted"),
    ],
    "it": [
        ("Il presidente ucraino Volodymyr Zelenskiy ha risposto.", "office_holder", "presidente ucraino Volodymyr Zelenskiy", "volodymyr_zelensky", "supported"),
        # The words are Putin's: said by the pack's Kim Jong Un (Czech spelling), they are refuted.
        ("«Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane», ha detto Kim Čong-un.", "quote",
         "Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane", "kim_jong_un", "refuted"),
    ],
    "pt": [
        ("O ministro da Defesa russo, Serguei Choigu, falou.", "office_holder", "ministro da Defesa russo, Serguei Choigu", "sergei_shoigu", "refuted"),
    ],
    "ru": [
        ("Министр обороны России Сергей Шойгу выступил.", "office_holder", "Министр обороны России Сергей Шойгу", "sergei_shoigu", "refuted"),
    ],
}


@pytest.fixture(scope="module")
def variant_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("variants"), {lang: [case[0] for case in cases] for lang, cases in VARIANTS.items()})


@pytest.mark.parametrize(("language", "sentence", "claim_type", "claim_text", "person", "verdict"), [(lang, *case) for lang, cases in VARIANTS.items() for case in cases])
def test_a_spelling_the_pack_lacks_names_the_pack_person(variant_rows, language, sentence, claim_type, claim_text, person, verdict):
    """Transliterations, accents and hyphens the pack does not list ("Volodymyr Zelenskiy",
    "Valeri Guerásimov", "Sergei Lawrow", "Wolodymyr Selenski", "Sergueï Choïgu", "Kim
    Čong-un") are the pack's person: the office claim is checked, the quote compared."""
    row = _claim(variant_rows[language], claim_type, claim_text)
    assert (row["speaker_id"] if claim_type == "quote" else row["person_id"]) == person, row["reason"]
    assert row["verdict"] == verdict, row["reason"]


OTHERS = {
    # language: [(sentence, claim type, claim text, the pack person it must not be)]
    "en": [
        ('Kim Jong Il said: "Our friendship with Russia will last for a thousand years."', "quote", "Our friendship with Russia will last for a thousand years.", "kim_jong_un"),
        ("Chief of the General Staff Valery Gerasimenko inspected the troops.", "office_holder", "Chief of the General Staff Valery Gerasimenko", "valery_gerasimov"),
        ('Elizaveta Peskova wrote: "My father never talks about his work at home."', "quote", "My father never talks about his work at home.", "dmitry_peskov"),
    ],
    "es": [
        ("Kim Yo Jong declaró: «La alianza con Moscú es inquebrantable y durará siempre».", "quote", "La alianza con Moscú es inquebrantable y durará siempre", "kim_jong_un"),
    ],
    "ru": [
        ("Ким Чен Ир заявил: «Дружба с Россией будет вечной и нерушимой».", "quote", "Дружба с Россией будет вечной и нерушимой", "kim_jong_un"),
    ],
}


@pytest.fixture(scope="module")
def other_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("others"), {lang: [case[0] for case in cases] for lang, cases in OTHERS.items()})


@pytest.mark.parametrize(("language", "sentence", "claim_type", "claim_text", "not_person"), [(lang, *case) for lang, cases in OTHERS.items() for case in cases])
def test_a_name_only_close_to_a_pack_persons_is_someone_else(other_rows, language, sentence, claim_type, claim_text, not_person):
    """Names one edit or one given name away from a pack person, but another person's (Kim
    Jong Il and Kim Yo Jong are not Kim Jong Un, Valery Gerasimenko is not Gerasimov,
    Elizaveta Peskova is not Dmitry Peskov): no person of the pack, so nothing is checked."""
    row = _claim(other_rows[language], claim_type, claim_text)
    assert row["speaker_id" if claim_type == "quote" else "person_id"] is None, row
    assert row["verdict"] == NEE, row["reason"]
    assert "not in the reference pack" in row["reason"], row["reason"]
    assert not_person not in json.dumps(row, default=str)


def test_two_people_with_close_names_in_one_text_stay_two(run_extract):
    claims = run_extract("en", "Kim Jong Un received Kim Jong Il's portrait.\n\nKim Jong Il said: \"Our friendship with Russia will last for a thousand years.\"\n\n"
                               "Kim Jong-un said: \"The Korean soldiers fought with heroism and dedication.\"")
    speakers = dict(claims.filter(pl.col("claim_type") == "quote").select("claim_text", "speaker_id").iter_rows())
    assert speakers == {
        "Our friendship with Russia will last for a thousand years.": None,
        "The Korean soldiers fought with heroism and dedication.": "kim_jong_un",
    }


# --------------------------------------------------------------------------- speakers the pack does not know

UNKNOWN = {
    # language: [(paragraph, quoted words, the speaker as written)]; each paragraph first names
    # a pack person, whom the quote must not be given to.
    "en": [
        ('Putin thanked the Korean soldiers. "We will never forget the feat of the Korean special forces," said John Smith, a retired colonel.',
         "We will never forget the feat of the Korean special forces", "John Smith"),
        ('Vladimir Putin spoke on Monday. "The Korean friends acted out of solidarity and genuine comradeship," analyst Anna Petrova said.',
         "The Korean friends acted out of solidarity and genuine comradeship", "Anna Petrova"),
        ('Lavrov met the press. "The treaty changes nothing for the region," said President Trump.', "The treaty changes nothing for the region", "Trump"),
    ],
    "es": [("Putin habló el lunes. «El pueblo ruso nunca olvidará la hazaña de las fuerzas especiales coreanas», dijo el analista Pedro Gómez.",
            "El pueblo ruso nunca olvidará la hazaña de las fuerzas especiales coreanas", "Pedro Gómez")],
    "fr": [
        ("Poutine a remercié les soldats. « Le peuple russe n'oubliera jamais l'exploit des forces spéciales coréennes », a déclaré le politologue Jean Dupont.",
         "Le peuple russe n'oubliera jamais l'exploit des forces spéciales coréennes", "Jean Dupont"),
        # One word after an abbreviated honorific.
        ("Lavrov a parlé aux journalistes. « Le traité ne change rien pour la région », a déclaré M. Martin.", "Le traité ne change rien pour la région", "Martin"),
    ],
    "de": [("Putin dankte den Soldaten. „Das russische Volk wird die Heldentat der koreanischen Spezialkräfte nie vergessen“, sagte der Politologe Hans Müller.",
            "Das russische Volk wird die Heldentat der koreanischen Spezialkräfte nie vergessen", "Hans Müller")],
    "it": [
        ("Putin ha ringraziato i soldati. «Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane», ha detto l'analista Marco Bianchi.",
         "Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane", "Marco Bianchi"),
        # A title and a name the pack does not know, no verb of saying next to the name.
        ("A coordinare il dispiegamento sarebbe stato il ministro della Difesa Sergej Shoigu. Il segretario di Stato americano Marco Rubio ha definito l'accordo «una minaccia per la pace nella penisola coreana».",
         "una minaccia per la pace nella penisola coreana", "Marco Rubio"),
    ],
    "pt": [("Putin agradeceu aos soldados. “O povo russo nunca esquecerá o feito das forças especiais coreanas”, afirmou o analista João Silva.",
            "O povo russo nunca esquecerá o feito das forças especiais coreanas", "João Silva")],
    "ru": [("Путин поблагодарил военных. «Российский народ никогда не забудет подвиг корейского спецназа», — заявил политолог Иван Смирнов.",
            "Российский народ никогда не забудет подвиг корейского спецназа", "Иван Смирнов")],
}


@pytest.fixture(scope="module")
def unknown_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("speakers"), {lang: [case[0] for case in cases] for lang, cases in UNKNOWN.items()})


@pytest.mark.parametrize(("language", "paragraph", "quoted", "speaker"), [(lang, *case) for lang, cases in UNKNOWN.items() for case in cases])
def test_a_speaker_the_pack_does_not_know_keeps_the_quote(unknown_rows, language, paragraph, quoted, speaker):
    """The quote's sentence names its speaker, who is not in the pack: the quote is not given to
    the pack person named before it (who would make Putin's words "supported"); its speaker
    stays the name as written, and it is not_enough_evidence, saying the speaker is not in the
    reference pack."""
    row = _claim(unknown_rows[language], "quote", quoted)
    assert row["speaker_id"] is None, row
    assert speaker in row["speaker_text"], row
    assert row["verdict"] == NEE, row["reason"]
    assert f"attributes these words to {row['speaker_text']}, who is not in the reference pack" in row["reason"], row["reason"]


@pytest.mark.parametrize(("language", "text", "speaker"), [
    ("en", 'Putin told John Smith: "We will never forget the feat of the Korean special forces."', "vladimir_putin"),
    ("en", '"We will never forget the feat of the Korean special forces," Putin said, thanking John Smith.', "vladimir_putin"),
    ("es", "Según el analista Pedro Gómez, Putin fue claro. «El pueblo ruso nunca olvidará la hazaña de las fuerzas especiales coreanas», dijo Putin.", "vladimir_putin"),
    ("de", "Diplomatischen Kreisen zufolge war die Rede lang. „Das russische Volk wird die Heldentat nie vergessen“, sagte Putin.", "vladimir_putin"),
])
def test_a_pack_speaker_named_with_the_quote_still_speaks_it(run_extract, language, text, speaker):
    """Another name near the verb does not take the quote from the pack person who says it."""
    claims = run_extract(language, text)
    quotes = claims.filter(pl.col("claim_type") == "quote")
    assert quotes["speaker_id"].to_list() == [speaker], quotes.select("claim_text", "speaker_id", "speaker_text").rows()


def test_a_name_of_the_pack_that_is_no_person_is_no_unknown_speaker(run_extract):
    """A state, place or organisation of the pack ("Korean Central News Agency", "Moscow") next
    to a verb of saying is not taken for a person the pack does not know."""
    claims = run_extract("en", 'Putin spoke on Monday.\n\n"We will never forget the feat of the Korean special forces," according to Korean Central News Agency.')
    quote = claims.filter(pl.col("claim_type") == "quote").row(0, named=True)
    # The agency speaks (an organisation, see test_an_organisation_speaks_its_quote), no person.
    assert (quote["speaker_id"], quote["speaker_kind"]) == ("kcna", "organisation"), quote


# --------------------------------------------------------------------------- namesakes of pack people

QUOTED = {
    "en": '"The Russian people will never forget the feat of the Korean special forces."',
    "es": "«El pueblo ruso nunca olvidará el desempeño de las fuerzas coreanas de operaciones especiales».",
    "fr": "« Le peuple russe n'oubliera jamais l'exploit des forces spéciales coréennes. »",
    "de": "„Das russische Volk wird die Heldentat der koreanischen Spezialkräfte niemals vergessen.“",
    "it": "«Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane».",
    "pt": "«O povo russo nunca esquecerá o feito das forças especiais coreanas».",
    "ru": "«Российский народ никогда не забудет подвиг корейских спецназовцев».",
}


@pytest.mark.parametrize(("language", "sentence", "speaker"), [
    ("ru", "Елизавета Пескова сказала: {q}", "Елизавета Пескова"),
    ("ru", "Мария Лаврова заявила: {q}", "Мария Лаврова"),
    ("en", "Valentin Gerasimov said: {q}", "Valentin Gerasimov"),
    ("de", "Maria Lawrowa sagte: {q}", "Maria Lawrowa"),
    ("es", "Andrés Lavrov dijo: {q}", "Andrés Lavrov"),
    ("fr", "Natalia Poutine a déclaré : {q}", "Natalia Poutine"),
    ("it", "Anna Putin ha detto: {q}", "Anna Putin"),
    ("pt", "Marina Gerasimov disse: {q}", "Marina Gerasimov"),
])
def test_a_family_name_after_another_given_name_is_someone_else(run_extract, language, sentence, speaker):
    """A pack person's family name (or its Russian genitive, also a woman's family name) right
    after a given name that is not theirs names another person: the quote keeps that name as
    its speaker, with no speaker_id, and is not given to the pack person (named before too)."""
    person = {"ru": "Путин", "fr": "Poutine"}.get(language, "Putin")
    claims = run_extract(language, f"{person} ... {QUOTED[language][1:8]}.\n\n" + sentence.format(q=QUOTED[language]))
    quotes = claims.filter(pl.col("claim_type") == "quote").select("speaker_id", "speaker_text").rows()
    assert quotes == [(None, speaker)], quotes


@pytest.mark.parametrize(("language", "sentence", "speaker"), [
    ("en", "President Putin said: {q}", "vladimir_putin"),
    ("en", "Mr Lavrov said: {q}", "sergey_lavrov"),
    ("en", "When Putin said it, the hall fell silent. {q}", "vladimir_putin"),
    ("de", "Präsident Putin sagte: {q}", "vladimir_putin"),
    ("de", "Kremlchef Putin sagte: {q}", "vladimir_putin"),
    ("es", "El presidente Putin dijo: {q}", "vladimir_putin"),
    ("fr", "Le président Poutine a déclaré : {q}", "vladimir_putin"),
    ("it", "Il ministro Lavrov ha detto: {q}", "sergey_lavrov"),
    ("pt", "O presidente Putin disse: {q}", "vladimir_putin"),
    ("ru", "Министр Лавров заявил: {q}", "sergey_lavrov"),
    ("ru", "Владимир Владимирович Путин заявил: {q}", "vladimir_putin"),
    ("ru", "Слова Дмитрия Пескова были короткими: {q}", "dmitry_peskov"),
    ("en", "Wladimir Putin said: {q}", "vladimir_putin"),
])
def test_a_title_or_the_persons_own_given_name_keeps_the_pack_person(run_extract, language, sentence, speaker):
    """Titles, honorifics, compounds of a title ("Kremlchef"), a word opening the sentence, the
    person's own given name in another spelling or case ("Wladimir", "Дмитрия") or a patronymic
    before the family name leave the pack person."""
    claims = run_extract(language, sentence.format(q=QUOTED[language]))
    quotes = claims.filter(pl.col("claim_type") == "quote")["speaker_id"].to_list()
    assert quotes == [speaker], claims.filter(pl.col("claim_type") == "quote").select("speaker_id", "speaker_text").rows()


@pytest.mark.parametrize(("language", "sentence", "speaker"), [
    ("ru", "Заявление Пескова было коротким: {q}", "dmitry_peskov"),
    ("ru", "Послание Путина Федеральному собранию завершилось словами: {q}", "vladimir_putin"),
    ("ru", "Визит Шойгу в Пхеньян завершился словами: {q}", "sergei_shoigu"),
    ("ru", "Указ Путина начинается словами: {q}", "vladimir_putin"),
    ("ru", "Выступление Лаврова закончилось так: {q}", "sergey_lavrov"),
    ("de", "Erklärung Putins endete mit den Worten: {q}", "vladimir_putin"),
    ("de", "Besuch Schoigus in Pjöngjang endete mit den Worten: {q}", "sergei_shoigu"),
    ("de", "Die Erklärung Putins endete mit den Worten: {q}", "vladimir_putin"),
])
def test_a_noun_opening_the_sentence_before_a_genitive_is_no_given_name(run_extract, language, sentence, speaker):
    """A common noun that opens the sentence before a pack person's family name in the genitive
    ("Заявление Пескова", "Визит Шойгу", "Erklärung Putins") is no other person's given name:
    a noun by its ending (``noun_endings``: "-ние", "-ung") or one of the nouns that govern a
    person's name (``head_nouns``: "визит", "указ", "Besuch") leaves the pack person."""
    claims = run_extract(language, sentence.format(q=QUOTED[language]))
    quotes = claims.filter(pl.col("claim_type") == "quote").select("speaker_id", "speaker_text").rows()
    assert [q[0] for q in quotes] == [speaker], quotes


def test_a_namesake_with_a_title_is_an_office_claim_nobody_can_check(tmp_path):
    """"Пресс-секретарь Елизавета Пескова" is no office claim about Dmitry Peskov (which would be
    supported): the name is not in the pack, and the claim is not_enough_evidence."""
    rows = _checked(tmp_path, {"ru": ["Пресс-секретарь Елизавета Пескова опровергла это сообщение."]})["ru"]
    office = [r for r in rows if r["claim_type"] == "office_holder"]
    assert [(r["person_id"], r["person_text"], r["verdict"]) for r in office] == [(None, "Елизавета Пескова", NEE)], office


# --------------------------------------------------------------------------- organisations as speakers

ORGANISATIONS = {
    # language: [(paragraph before, sentence with {q}, speaker_id, speaker_text)]
    "en": [
        ("Putin met officials on Monday.", "The Kremlin said: {q}", "kremlin", "Kremlin"),
        ("Putin met officials on Monday.", "According to KCNA, {q}", "kcna", "KCNA"),
        ("Sergei Lavrov visited Pyongyang.", "The Russian Foreign Ministry said in a statement: {q}", None, "Russian Foreign Ministry"),
    ],
    "es": [("Vladímir Putin se reunió el lunes con funcionarios.", "La cancillería rusa afirmó: {q}", None, "cancillería rusa"),
           ("Putin habló más tarde.", "Según la agencia KCNA, {q}", "kcna", "agencia KCNA")],
    "fr": [("Vladimir Poutine a reçu des responsables lundi.", "Le ministère nord-coréen des Affaires étrangères a déclaré : {q}", None, "ministère nord-coréen des Affaires étrangères")],
    "de": [("Sergej Lawrow war in Pjöngjang.", "Der Kreml teilte mit: {q}", "kremlin", "Kreml")],
    "it": [("Sergej Lavrov era a Pyongyang.", "Il ministero degli Esteri russo ha dichiarato: {q}", None, "ministero degli Esteri russo")],
    "pt": [("Serguei Lavrov esteve em Pyongyang.", "O Ministério das Relações Exteriores da Rússia afirmou: {q}", None, "Ministério das Relações Exteriores da Rússia")],
    "ru": [("Владимир Путин провёл встречу в понедельник.", "МИД России заявил: {q}", None, "МИД России"),
           ("Сергей Лавров побывал в Пхеньяне.", "В Кремле заявили: {q}", "kremlin", "Кремле")],
}


@pytest.fixture(scope="module")
def organisation_rows(tmp_path_factory) -> dict[str, list[dict]]:
    articles = {lang: [p for before, sentence, _, _ in cases for p in (before, sentence.format(q=QUOTED[lang]))] for lang, cases in ORGANISATIONS.items()}
    return _checked(tmp_path_factory.mktemp("organisations"), articles)


@pytest.mark.parametrize(("language", "sentence", "speaker", "speaker_text"), [(lang, c[1], c[2], c[3]) for lang, cases in ORGANISATIONS.items() for c in cases])
def test_an_organisation_speaks_its_quote(organisation_rows, language, sentence, speaker, speaker_text):
    """"The Kremlin said", "according to KCNA", "МИД России заявил": the organisation speaks the
    quote, not the person named before it. A pack organisation is its speaker_id. The Kremlin
    published the statement of Putin's the words come from (issued_by), so its quote is
    supported; the pack holds no statement of any other organisation, so theirs is
    not_enough_evidence, and the reason says the speaker is an organisation the pack holds no
    statement for (or does not hold)."""
    quoted = QUOTED[language].strip("«»“”„\"  ").rstrip(".")
    rows = [r for r in organisation_rows[language] if r["claim_type"] == "quote" and sentence.split("{q}")[0].strip() in r["sentence_text"]]
    assert len(rows) == 1 and quoted[:20] in rows[0]["claim_text"], rows
    row = rows[0]
    assert (row["speaker_id"], row["speaker_text"]) == (speaker, speaker_text), row
    if speaker == "kremlin":
        assert row["verdict"] == "supported", row["reason"]
        assert "published this statement by Vladimir Putin on 2025-04-28" in row["reason"], row["reason"]
        return
    assert row["verdict"] == NEE, row["reason"]
    if speaker is None:
        assert f"attributes these words to {speaker_text}, an organisation that is not in the reference pack" in row["reason"], row["reason"]
    else:
        assert "an organisation the reference pack holds no statement for" in row["reason"], row["reason"]


@pytest.mark.parametrize(("language", "sentence", "speaker"), [
    ("en", "Kremlin spokesman Dmitry Peskov said: {q}", "dmitry_peskov"),
    ("en", "Putin, speaking at a ceremony in the Kremlin, said: {q}", "vladimir_putin"),
    ("es", "El portavoz del Kremlin, Dmitri Peskov, dijo: {q}", "dmitry_peskov"),
    ("de", "Kremlsprecher Dmitri Peskow sagte: {q}", "dmitry_peskov"),
    ("ru", "Пресс-секретарь Кремля Дмитрий Песков заявил: {q}", "dmitry_peskov"),
    ("it", "Il portavoce del Cremlino Dmitrij Peskov ha detto: {q}", "dmitry_peskov"),
])
def test_a_named_spokesperson_still_speaks_for_the_organisation(run_extract, language, sentence, speaker):
    claims = run_extract(language, sentence.format(q=QUOTED[language]))
    quotes = claims.filter(pl.col("claim_type") == "quote").select("speaker_id", "speaker_kind").rows()
    assert quotes == [(speaker, "person")], quotes


# --------------------------------------------------------------------------- a quote's sentence ends at its closing mark

# language: a pack person introduces the quote, whose sentence ends inside the closing mark
# ('."', '.»', '. »', '.“', '.”'); the next sentence names another pack person with a verb of
# saying more than a clause away from the quote. That sentence is not the quote's.
CLOSED_QUOTES = {
    "en": 'Peskov spoke to reporters in Moscow on Tuesday. "We are grateful to our Korean friends for their help." The ratification documents were exchanged in Moscow in early December, Lavrov said.',
    "es": "Peskov habló con los periodistas en Moscú el martes. «Estamos agradecidos a nuestros amigos coreanos por su ayuda.» Los instrumentos de ratificación se canjearon en Moscú a principios de diciembre, dijo Lavrov.",
    "fr": "Peskov a parlé aux journalistes à Moscou mardi. « Nous sommes reconnaissants à nos amis coréens pour leur aide. » Les instruments de ratification ont été échangés à Moscou début décembre, a déclaré Lavrov.",
    "de": "Peskow sprach am Dienstag in Moskau mit Journalisten. „Wir sind unseren koreanischen Freunden für ihre Hilfe dankbar.“ Die Ratifikationsurkunden wurden Anfang Dezember in Moskau ausgetauscht, sagte Lawrow.",
    "it": "Peskov ha parlato ai giornalisti a Mosca martedì. «Siamo grati ai nostri amici coreani per il loro aiuto.» Gli strumenti di ratifica sono stati scambiati a Mosca all'inizio di dicembre, ha detto Lavrov.",
    "pt": "Peskov falou aos jornalistas em Moscou na terça-feira. “Estamos gratos aos nossos amigos coreanos pela sua ajuda.” Os instrumentos de ratificação foram trocados em Moscou no início de dezembro, disse Lavrov.",
    "ru": "Песков во вторник поговорил с журналистами в Москве. «Мы благодарны нашим корейским друзьям за их помощь.» Ратификационные грамоты были обменены в Москве в начале декабря, сказал Лавров.",
}


@pytest.mark.parametrize("language", list(CLOSED_QUOTES))
def test_the_sentence_after_a_closed_quote_does_not_speak_it(run_extract, language):
    """The closing mark after the quote's final full stop ends the quote's sentence, so the
    person named with a verb of saying in the next sentence (Lavrov) is not in it, and the quote
    stays with the person who introduced it (Peskov)."""
    quote = run_extract(language, CLOSED_QUOTES[language]).filter(pl.col("claim_type") == "quote").row(0, named=True)
    assert quote["speaker_id"] == "dmitry_peskov", (quote["speaker_text"], quote["sentence_text"])
    assert quote["sentence_text"].endswith((".\"", ".»", ". »", ".“", ".”")), quote["sentence_text"]


@pytest.mark.parametrize(("language", "text", "quoted", "speaker"), [
    ("en", 'Putin said: "We will never forget the feat of the Korean special forces. They fought for Russia as for their own homeland." Lavrov said nothing.',
     "We will never forget the feat of the Korean special forces. They fought for Russia as for their own homeland.", "vladimir_putin"),
    ("de", "Putin sagte: „Wir werden die Heldentat der koreanischen Spezialkräfte nie vergessen. Sie haben für Russland gekämpft.“ Lawrow schwieg dazu.",
     "Wir werden die Heldentat der koreanischen Spezialkräfte nie vergessen. Sie haben für Russland gekämpft.", "vladimir_putin"),
    ("fr", "Poutine a déclaré : « Nous n'oublierons jamais l'exploit des forces spéciales coréennes. Elles ont combattu pour la Russie. » Lavrov n'a rien dit.",
     "Nous n'oublierons jamais l'exploit des forces spéciales coréennes. Elles ont combattu pour la Russie.", "vladimir_putin"),
])
def test_a_quote_of_several_sentences_stays_one_quote(run_extract, language, text, quoted, speaker):
    """Sentences end inside a quote too; the quote marks still pair over them."""
    quotes = run_extract(language, text).filter(pl.col("claim_type") == "quote")
    assert quotes.select("claim_text", "speaker_id").rows() == [(quoted, speaker)]
