"""Who speaks a quote, and which quoted words are a quote at all, in the seven languages.

Each group of texts is checked once (one article per language, real extraction and verdict
SQL through ``pipelines.core.check``): the object of a verb of thanking is no speaker and an
office wording after the quote ("the Russian leader said") speaks for its holder; a quoted
title or scare-quoted phrase is no quote claim while a short quote a verb of saying ties stays
one; a name after the quote speaks it only in the sentence where the quote ends; a person who
is the subject of the verb of saying beats an organisation named in an "according to" phrase;
the owner of a statement ("el agradecimiento de Putin", "une déclaration du président russe")
or an office wording a verb right after the quote ties to it beats the organisation that
publishes it.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.conftest import check_per_language


def _checked(folder: Path, articles: dict[str, str]) -> dict[str, list[dict]]:
    """The claims and verdicts of one article per language (published 2025-04-28)."""
    return check_per_language(folder, articles)


def _quotes(rows: list[dict]) -> dict[str, dict]:
    return {r["claim_text"]: r for r in rows if r["claim_type"] == "quote"}


# --------------------------------------------------------------------------- the object of thanking

# Kim is named before the quote and after it, as the object of the thanking verb; the speaker is
# "the Russian leader" (an office wording with no name), who on 2025-04-28 is Putin.
THANKED = {
    "en": ("Kim Jong Un received the Russian envoy on Monday. \"The Russian people will never forget the feat of the Korean special forces,\" "
           "the Russian leader said, thanking North Korean leader Kim Jong Un.",
           "The Russian people will never forget the feat of the Korean special forces"),
    "es": ("Kim Jong-un recibió el lunes al enviado ruso. «El pueblo ruso nunca olvidará el desempeño de las fuerzas coreanas de operaciones especiales», "
           "afirmó el mandatario ruso, quien agradeció al líder norcoreano, Kim Jong-un.",
           "El pueblo ruso nunca olvidará el desempeño de las fuerzas coreanas de operaciones especiales"),
    "fr": ("Kim Jong-un a reçu lundi l'émissaire russe. « Le peuple russe n'oubliera jamais l'exploit des forces spéciales coréennes », "
           "a déclaré le président russe, qui a remercié le dirigeant nord-coréen Kim Jong-un.",
           "Le peuple russe n'oubliera jamais l'exploit des forces spéciales coréennes"),
    "de": ("Kim Jong Un empfing am Montag den Gesandten aus Moskau. „Das russische Volk wird die Heldentat der koreanischen Spezialkräfte niemals vergessen“, "
           "sagte der russische Staatschef und dankte dem nordkoreanischen Machthaber Kim Jong Un.",
           "Das russische Volk wird die Heldentat der koreanischen Spezialkräfte niemals vergessen"),
    "it": ("Kim Jong-un ha ricevuto lunedì l'inviato russo. «Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane», "
           "ha detto il presidente russo, che ha ringraziato il leader nordcoreano Kim Jong-un.",
           "Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane"),
    "pt": ("Kim Jong-un recebeu na segunda-feira o enviado russo. «O povo russo jamais esquecerá a façanha das forças especiais coreanas», "
           "disse o presidente russo, que agradeceu ao líder norte-coreano Kim Jong-un.",
           "O povo russo jamais esquecerá a façanha das forças especiais coreanas"),
    "ru": ("Ким Чен Ын в понедельник принял посланника из Москвы. «Российский народ никогда не забудет подвиг корейского спецназа», — "
           "заявил российский лидер, поблагодарив северокорейского руководителя Ким Чен Ына.",
           "Российский народ никогда не забудет подвиг корейского спецназа"),
}


@pytest.fixture(scope="module")
def thanked_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("thanked"), {lang: text for lang, (text, _) in THANKED.items()})


@pytest.mark.parametrize("language", list(THANKED))
def test_the_person_thanked_does_not_speak_and_the_office_wording_does(thanked_rows, language):
    """The name after a verb of thanking is its object, not the speaker; the office wording
    tied to the verb of saying speaks for its holder on the publication date (Putin), so the
    quote, his words, is supported."""
    quote = _quotes(thanked_rows[language])[THANKED[language][1]]
    assert quote["speaker_id"] == "vladimir_putin", (quote["speaker_text"], quote["reason"])
    assert quote["verdict"] == "supported", quote["reason"]


# --------------------------------------------------------------------------- short quoted phrases

# A quoted title, a phrase quoted as the object of praise (no quote claims), and a short quote
# a verb of saying ties to Lavrov (a quote claim).
SHORT = {
    "en": ('A lawmaker called Kim Jong Un "Chairman of the State Affairs Commission", which is correct. He also praised "the Korean special forces". '
           'Lavrov said the treaty was "purely defensive in nature".',
           ["Chairman of the State Affairs Commission", "the Korean special forces"], "purely defensive in nature"),
    "es": ('Un diputado llamó a Kim Jong-un "presidente de la Comisión de Asuntos Estatales", lo cual es correcto. También elogió "las fuerzas especiales coreanas". '
           'Lavrov dijo que el tratado "tiene un carácter exclusivamente defensivo".',
           ["presidente de la Comisión de Asuntos Estatales", "las fuerzas especiales coreanas"], "tiene un carácter exclusivamente defensivo"),
    "fr": ("Un député a qualifié Kim Jong-un de « président de la Commission des affaires de l'État », ce qui est exact. Il a aussi salué « les forces spéciales coréennes ». "
           "Lavrov a déclaré que le traité était « purement défensif par nature ».",
           ["président de la Commission des affaires de l'État", "les forces spéciales coréennes"], "purement défensif par nature"),
    "de": ("Ein Abgeordneter nannte Kim Jong Un „Vorsitzender der Kommission für Staatsangelegenheiten“, was korrekt ist. Er lobte auch „die koreanischen Spezialkräfte und ihren Mut“. "
           "Lawrow sagte, der Vertrag sei „rein defensiver Natur und gegen niemanden gerichtet“.",
           ["Vorsitzender der Kommission für Staatsangelegenheiten", "die koreanischen Spezialkräfte und ihren Mut"], "rein defensiver Natur und gegen niemanden gerichtet"),
    "it": ('Il deputato ha poi definito Kim Jong-un "presidente della Commissione per gli affari di Stato", titolo corretto. Ha anche elogiato "le forze speciali coreane". '
           'Lavrov ha detto che il trattato "ha un carattere puramente difensivo".',
           ["presidente della Commissione per gli affari di Stato", "le forze speciali coreane"], "ha un carattere puramente difensivo"),
    "pt": ('Um deputado chamou Kim Jong-un de "presidente da Comissão de Assuntos de Estado", o que está correto. Também elogiou "as forças especiais coreanas". '
           'Lavrov disse que o tratado "tem um caráter puramente defensivo".',
           ["presidente da Comissão de Assuntos de Estado", "as forças especiais coreanas"], "tem um caráter puramente defensivo"),
    "ru": ("Депутат назвал Ким Чен Ына «председателем Комиссии по государственным делам», что верно. Он также похвалил «корейский спецназ и его подготовку». "
           "Лавров заявил, что договор «носит исключительно оборонительный характер».",
           ["председателем Комиссии по государственным делам", "корейский спецназ и его подготовку"], "носит исключительно оборонительный характер"),
}


@pytest.fixture(scope="module")
def short_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("short"), {lang: text for lang, (text, _, _) in SHORT.items()})


@pytest.mark.parametrize("language", list(SHORT))
def test_a_quoted_title_or_phrase_is_no_quote_but_a_tied_short_quote_is(short_rows, language):
    """A quoted title after a verb of naming and its person, and a phrase quoted as the object
    of praise, are part of the sentence, no words anyone said; a short quote that a verb of
    saying ties to Lavrov is his."""
    _, untied, tied = SHORT[language]
    quotes = _quotes(short_rows[language])
    assert not set(untied) & set(quotes), sorted(quotes)
    assert quotes[tied]["speaker_id"] == "sergey_lavrov", (quotes[tied]["speaker_text"], quotes[tied]["reason"])


# Words quoted as what someone praised are that person's words when the sentence names the
# praiser before the verb (a pack person or an office wording: the seed article's "El presidente
# ruso también alabó el «heroísmo y el alto nivel de entrenamiento»"); with nobody named ("He
# also praised ...", SHORT above) the person of an earlier sentence would take them, so they are
# no quote claim.
PRAISED = {
    "en": ("Vladimir Putin received the envoy on Monday. The Russian president also praised the \"heroism and high level of training\" of the Korean soldiers.",
           "heroism and high level of training"),
    "es": ("Vladímir Putin recibió al enviado el lunes. El presidente ruso también alabó el «heroísmo y el alto nivel de entrenamiento» de los soldados coreanos.",
           "heroísmo y el alto nivel de entrenamiento"),
    "fr": ("Vladimir Poutine a reçu l'envoyé lundi. Le président russe a aussi salué « l'héroïsme et le haut niveau de préparation » des soldats coréens.",
           "l'héroïsme et le haut niveau de préparation"),
    "de": ("Wladimir Putin empfing den Gesandten am Montag. Der russische Präsident lobte auch „den Heldenmut und die hohe Ausbildung“ der koreanischen Soldaten.",
           "den Heldenmut und die hohe Ausbildung"),
    "it": ("Vladimir Putin ha ricevuto l'inviato lunedì. Il presidente russo ha anche elogiato «l'eroismo e l'alto livello di addestramento» dei soldati coreani.",
           "l'eroismo e l'alto livello di addestramento"),
    "pt": ("Vladimir Putin recebeu o enviado na segunda-feira. O presidente russo também elogiou «o heroísmo e o alto nível de treino» dos soldados coreanos.",
           "o heroísmo e o alto nível de treino"),
    "ru": ("Владимир Путин принял посланника в понедельник. Президент России также похвалил «героизм и высокий уровень подготовки» корейских военных.",
           "героизм и высокий уровень подготовки"),
}


@pytest.fixture(scope="module")
def praised_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("praised"), {lang: text for lang, (text, _) in PRAISED.items()})


@pytest.mark.parametrize("language", list(PRAISED))
def test_words_quoted_as_praise_are_the_named_praisers(praised_rows, language):
    """A short quote after a verb of praising is a quote claim when the sentence names the
    praiser (the Russian president, Putin, named the sentence before as the seed article does)."""
    _, quoted = PRAISED[language]
    quotes = _quotes(praised_rows[language])
    assert quoted in quotes, sorted(quotes)
    assert quotes[quoted]["speaker_id"] == "vladimir_putin", (quotes[quoted]["speaker_text"], quotes[quoted]["reason"])


# --------------------------------------------------------------------------- the quote's own sentence

# The quote ends its sentence; the next sentence's speaker (Lavrov) does not speak it.
NEXT_SENTENCE = {
    "en": 'Claim: "North Korea sent 50,000 soldiers to Russia." Unsupported. Lavrov said in October that the figure was lower.',
    "es": "Bulo: «Corea del Norte envió 50.000 soldados a Rusia». Falso. Lavrov dijo en octubre que la cifra era menor.",
    "fr": "Affirmation : « La Corée du Nord a envoyé 50 000 soldats en Russie. » Faux. Lavrov a déclaré en octobre que le chiffre était inférieur.",
    "de": "Behauptung: „Nordkorea hat 50.000 Soldaten nach Russland geschickt.“ Falsch. Lawrow sagte im Oktober, die Zahl sei kleiner.",
    "it": "Affermazione: «La Corea del Nord ha inviato 50.000 soldati in Russia». Falso. Lavrov ha detto a ottobre che la cifra era minore.",
    "pt": "Alegação: «A Coreia do Norte enviou 50 mil soldados para a Rússia». Falso. Lavrov disse em outubro que o número era menor.",
    "ru": "Утверждение: «КНДР отправила в Россию 50 тысяч солдат». Неправда. Лавров сказал в октябре, что цифра была меньше.",
}


@pytest.fixture(scope="module")
def next_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("next"), NEXT_SENTENCE)


@pytest.mark.parametrize("language", list(NEXT_SENTENCE))
def test_a_name_in_the_sentence_after_the_quote_does_not_speak_it(next_rows, language):
    quotes = [r for r in next_rows[language] if r["claim_type"] == "quote"]
    assert len(quotes) == 1, [r["claim_text"] for r in quotes]
    assert quotes[0]["speaker_id"] is None, (quotes[0]["speaker_text"], quotes[0]["claim_text"])


def test_a_speaker_named_in_a_relative_clause_and_the_next_sentence_does_not_take_the_quote(run_extract):
    """en-analysis-alliances: Rutte says it; Stoltenberg is named in Rutte's relative clause and,
    with a verb of saying, in the next sentence."""
    text = ('Mark Rutte, who succeeded Jens Stoltenberg as NATO secretary general in October, told a conference last month that '
            '"deterrence in Europe and in Asia is now one problem." Former NATO Secretary General Stoltenberg had said much the same.')
    quotes = run_extract("en", text).filter(claim_type="quote")
    assert quotes.select("speaker_id", "speaker_text").rows() == [("mark_rutte", "Mark Rutte")]


# --------------------------------------------------------------------------- "according to"

# The organisation is named in an "according to" phrase; Putin is the subject of the verb of
# saying right before the quote.
ACCORDING = {
    "en": ('According to the Kremlin, President Vladimir Putin said in a statement: '
           '"We will always honour the Korean heroes who gave their lives for Russia, for our common freedom."'),
    "es": ("Según el Kremlin, el presidente Vladímir Putin dijo en un comunicado: "
           "«Siempre honraremos a los héroes coreanos que han dado sus vidas a Rusia, por nuestra libertad común»."),
    "fr": ("Selon le Kremlin, le président Vladimir Poutine a déclaré dans un communiqué : "
           "« Nous honorerons toujours les héros coréens qui ont donné leur vie pour la Russie, pour notre liberté commune. »"),
    "de": ("Laut dem Kreml sagte Präsident Wladimir Putin in einer Erklärung: „Wir werden die koreanischen Helden, die ihr Leben für Russland, "
           "für unsere gemeinsame Freiheit gegeben haben, stets in Ehren halten.“"),
    "it": ("Secondo il Cremlino, il presidente Vladimir Putin ha detto in una nota: "
           "«Onoreremo sempre gli eroi coreani che hanno dato la vita per la Russia, per la nostra comune libertà»."),
    "pt": ("De acordo com o Kremlin, o presidente Vladimir Putin agradeceu ao líder norte-coreano em nota oficial: "
           "«Honraremos sempre os heróis coreanos que deram a vida pela Rússia, pela nossa liberdade comum»."),
    "ru": ("По словам Кремля, президент Владимир Путин заявил в обращении: "
           "«Мы всегда будем чтить корейских героев, отдавших жизнь за Россию, за нашу общую свободу»."),
}


@pytest.fixture(scope="module")
def according_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("according"), ACCORDING)


@pytest.mark.parametrize("language", list(ACCORDING))
def test_the_subject_of_the_verb_of_saying_beats_an_according_to_source(according_rows, language):
    quotes = [r for r in according_rows[language] if r["claim_type"] == "quote"]
    assert len(quotes) == 1, [r["claim_text"] for r in quotes]
    assert quotes[0]["speaker_id"] == "vladimir_putin", (quotes[0]["speaker_text"], quotes[0]["reason"])
    assert quotes[0]["verdict"] == "supported", quotes[0]["reason"]


# --------------------------------------------------------------------------- a quote inside a quote

# Lavrov reports what "the president" (Putin, named before) said: the inner quote is Putin's.
REPORTED = {
    "en": ("Putin's message came out on Monday. Lavrov told reporters: “The president said that \"our Korean friends acted out of a sense of solidarity, "
           "justice and genuine comradeship\", and that is enough.”",
           "our Korean friends acted out of a sense of solidarity, justice and genuine comradeship"),
    "es": ("El mensaje de Putin se publicó el lunes. Lavrov explicó a los periodistas: «El presidente dijo que \"los amigos coreanos actuaron por el sentimiento "
           "de solidaridad, justicia y sincera camaradería\", y eso basta».",
           "los amigos coreanos actuaron por el sentimiento de solidaridad, justicia y sincera camaradería"),
    "fr": ("Le message de Poutine a été publié lundi. Lavrov a expliqué aux journalistes : « Le président a dit que \"nos amis coréens ont agi par solidarité, "
           "par sens de la justice et par une camaraderie sincère\", et cela suffit. »",
           "nos amis coréens ont agi par solidarité, par sens de la justice et par une camaraderie sincère"),
    "de": ("Putins Botschaft erschien am Montag. Lawrow erklärte den Journalisten: „Der Präsident hat gesagt, »unsere koreanischen Freunde handelten aus "
           "Solidarität, Gerechtigkeitssinn und aufrichtiger Kameradschaft«, und das genügt.“",
           "unsere koreanischen Freunde handelten aus Solidarität, Gerechtigkeitssinn und aufrichtiger Kameradschaft"),
    "it": ("Il messaggio di Putin è uscito lunedì. Lavrov ha poi spiegato ai giornalisti: «Il presidente ha detto che \"gli amici coreani hanno agito per "
           "senso di solidarietà, di giustizia e di sincero cameratismo\", e questo basta».",
           "gli amici coreani hanno agito per senso di solidarietà, di giustizia e di sincero cameratismo"),
    "pt": ("A mensagem de Putin saiu na segunda-feira. Lavrov explicou aos jornalistas: «O presidente disse que \"os amigos coreanos agiram movidos por um "
           "sentimento de solidariedade, justiça e sincera camaradagem\", e isso basta».",
           "os amigos coreanos agiram movidos por um sentimento de solidariedade, justiça e sincera camaradagem"),
    "ru": ("В понедельник вышло послание Путина. Лавров пояснил журналистам: «Президент сказал, что \"корейские друзья действовали из чувства "
           "солидарности, справедливости и подлинного товарищества\", и этого достаточно».",
           "корейские друзья действовали из чувства солидарности, справедливости и подлинного товарищества"),
}


@pytest.fixture(scope="module")
def reported_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("reported"), {lang: text for lang, (text, _) in REPORTED.items()})


@pytest.mark.parametrize("language", list(REPORTED))
def test_the_speaker_named_inside_the_outer_quote_speaks_the_inner_one(reported_rows, language):
    """The one who reports the inner quote, inside the outer one, speaks it, not the speaker of
    the outer quote: "the president" named with its verb of saying is Putin, named before."""
    quote = _quotes(reported_rows[language])[REPORTED[language][1]]
    assert quote["speaker_id"] == "vladimir_putin", (quote["speaker_text"], quote["reason"])
    assert quote["verdict"] == "supported", quote["reason"]


# --------------------------------------------------------------------------- a writing speaks

# A writing as the subject of the verb of saying in the quote's own sentence: the quote is the
# writing's, never a person's named in the sentences before (Peskov, the intelligence service).
WRITINGS = {
    "en": ("South Korea's National Intelligence Service said on Monday that North Korean troops were in Russia. Peskov declined to comment. "
           'The post also says that "Defence Minister Sergei Shoigu announced the deployment of troops to the Kursk region."', "The post"),
    "fr": ("Peskov a parlé lundi aux journalistes. Il n'a pas voulu commenter. "
           "Le message affirme que « le ministre de la Défense Sergueï Choïgou a annoncé le déploiement des troupes ».", "Le message"),
    "es": ("Peskov habló el lunes con la prensa rusa. No quiso comentar más. "
           "El mensaje dice que «el ministro de Defensa Serguéi Shoigú anunció el despliegue de las tropas».", "El mensaje"),
    "ru": ("Песков выступил в понедельник перед журналистами. Он отказался от комментариев. "
           "В посте говорится, что «министр обороны Сергей Шойгу объявил о переброске войск в Курскую область».", "В посте"),
    "de": ("Peskow äußerte sich am Montag vor Journalisten. Er wollte nichts weiter sagen. "
           "Der Beitrag behauptet, „Verteidigungsminister Sergej Schoigu habe die Verlegung der Truppen angekündigt“.", "Der Beitrag"),
    "it": ("Peskov ha parlato lunedì con i giornalisti. Non ha voluto commentare. "
           "Il post afferma che «il ministro della Difesa Sergei Shoigu ha annunciato il dispiegamento delle truppe».", "Il post"),
    "pt": ("Peskov falou na segunda-feira com os jornalistas. Não quis comentar. "
           "A publicação diz que «o ministro da Defesa Sergei Shoigu anunciou o envio das tropas».", "A publicação"),
}


@pytest.fixture(scope="module")
def writing_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("writings"), {language: text for language, (text, _) in WRITINGS.items()})


@pytest.mark.parametrize("language", list(WRITINGS))
def test_a_writing_that_says_the_quote_speaks_it_and_no_earlier_person(writing_rows, language):
    quotes = [r for r in writing_rows[language] if r["claim_type"] == "quote"]
    assert len(quotes) == 1, [r["claim_text"] for r in quotes]
    quote = quotes[0]
    assert (quote["speaker_id"], quote["speaker_text"], quote["speaker_kind"]) == (None, WRITINGS[language][1], "source"), quote["reason"]
    assert quote["verdict"] == "not_enough_evidence"
    assert "a writing whose author the reference pack cannot tell" in quote["reason"], quote["reason"]


@pytest.mark.parametrize(("language", "text", "speaker"), [
    ("en", 'Putin spoke on Monday. In a statement, the president said: "We will never abandon our friends in Pyongyang, whatever happens next."', "vladimir_putin"),
    ("es", "Putin habló el lunes. La nota de Peskov dice: «Nunca abandonaremos a nuestros amigos de Pyongyang, pase lo que pase».", "dmitry_peskov"),
    ("ru", "Путин выступил в понедельник. В обращении Путин заявил: «Мы никогда не бросим наших друзей в Пхеньяне, что бы ни случилось».", "vladimir_putin"),
    ("ru", "Путин выступил в понедельник. Путин в обращении заявил: «Мы никогда не бросим наших друзей в Пхеньяне, что бы ни случилось».", "vladimir_putin"),
    ("de", "Putin sprach am Montag. Die Erklärung Putins sagt: „Wir werden unsere Freunde in Pjöngjang niemals im Stich lassen, was auch immer geschieht.“", "vladimir_putin"),
    ("fr", "Poutine a parlé lundi. Le message du Kremlin affirme : « Nous n'abandonnerons jamais nos amis à Pyongyang, quoi qu'il arrive. »", "kremlin"),
])
def test_a_writing_with_a_speaker_in_its_clause_leaves_the_quote_to_the_speaker(run_extract, language, text, speaker):
    """A writing that names its author or is no subject of the verb ("La nota de Peskov dice",
    "Putin в обращении заявил", "In a statement, the president said") does not take the quote."""
    quotes = run_extract(language, text).filter(pl.col("claim_type") == "quote")
    assert quotes["speaker_id"].to_list() == [speaker], quotes.select("speaker_id", "speaker_text", "speaker_kind").rows()


# --------------------------------------------------------------------------- the owner of a statement

# Putin's words (the pack's statement of 2025-04-28), in each language.
PUTIN_WORDS = {
    "en": "Our Korean friends acted out of a sense of solidarity, justice and genuine comradeship",
    "es": "Los amigos coreanos actuaron por el sentimiento de solidaridad, justicia y sincera camaradería",
    "fr": "Nos amis coréens ont agi par solidarité, par sens de la justice et par une camaraderie sincère",
    "de": "Unsere koreanischen Freunde handelten aus Solidarität, Gerechtigkeitssinn und aufrichtiger Kameradschaft",
    "it": "Gli amici coreani hanno agito per senso di solidarietà, di giustizia e di sincero cameratismo",
    "pt": "Os amigos coreanos agiram movidos por um sentimento de solidariedade, justiça e sincera camaradagem",
    "ru": "Корейские друзья действовали из чувства солидарности, справедливости и подлинного товарищества",
}

# An organisation that a verb of saying ties to the quote, and the owner of the statement the
# quote is, named after it (a person with his statement noun; an office wording in the sentence
# before a quote that names nobody; an office wording a verb of saying right after the quote
# ties to it).
OWNED = {
    "en": ('On Monday the Kremlin announced Putin\'s thanks: "{q}."',
           'The Kremlin announced a statement of the Russian president on Monday. Excerpt: "{q}."',
           'The Kremlin posted on Monday: "{q}," wrote the Russian president.'),
    "es": ("El lunes, el Kremlin publicó el agradecimiento de Putin: «{q}».",
           "El Kremlin publicó el lunes una declaración del presidente ruso. Extracto: «{q}».",
           'El Kremlin publicó el lunes: "{q}", escribió el presidente ruso.'),
    "fr": ("Lundi, le Kremlin a publié les remerciements de Vladimir Poutine : « {q}. »",
           "Le Kremlin publie une déclaration du président russe. Extrait : « {q}. »",
           "Le Kremlin a publié lundi : « {q} », a écrit le président russe."),
    "de": ("Am Montag verkündete der Kreml Putins Dank: „{q}.“",
           "Der Kreml verkündete am Montag eine Erklärung des russischen Präsidenten. Auszug: „{q}.“",
           "Der Kreml verkündete am Montag: „{q}“, schrieb der russische Präsident."),
    "it": ("Lunedì il Cremlino ha annunciato il ringraziamento di Putin: «{q}».",
           "Il Cremlino ha annunciato lunedì una dichiarazione del presidente russo. Estratto: «{q}».",
           "Il Cremlino ha annunciato lunedì: «{q}», ha scritto il presidente russo."),
    "pt": ("Na segunda-feira, o Kremlin anunciou o agradecimento de Putin: «{q}».",
           "O Kremlin anunciou na segunda-feira uma declaração do presidente russo. Excerto: «{q}».",
           "O Kremlin anunciou na segunda-feira: «{q}», escreveu o presidente russo."),
    "ru": ("В понедельник Кремль сообщил о благодарности Путина: «{q}».",
           "Кремль сообщил в понедельник о заявлении президента России. Выдержка: «{q}».",
           "Кремль сообщил в понедельник: «{q}», — написал президент России."),
}
OWNED_FORMS = ("named owner", "owner in the sentence before", "verb after the quote")


@pytest.fixture(scope="module")
def owned_rows(tmp_path_factory) -> dict[tuple[str, int], list[dict]]:
    rows = {}
    for i in range(len(OWNED_FORMS)):
        checked = _checked(tmp_path_factory.mktemp(f"owned{i}"), {lang: forms[i].format(q=PUTIN_WORDS[lang]) for lang, forms in OWNED.items()})
        rows.update({(lang, i): found for lang, found in checked.items()})
    return rows


@pytest.mark.parametrize("form", range(len(OWNED_FORMS)), ids=OWNED_FORMS)
@pytest.mark.parametrize("language", list(OWNED))
def test_the_owner_of_a_statement_speaks_it_over_the_organisation_that_publishes_it(owned_rows, language, form):
    """"El Kremlin publicó el agradecimiento de Putin: «…»", "Le Kremlin publie une déclaration
    du président russe. Extrait : « … »", "El Kremlin publicó: "…", escribió el presidente
    ruso": the words are Putin's, not the Kremlin's, and supported as his."""
    quotes = [r for r in owned_rows[(language, form)] if r["claim_type"] == "quote"]
    assert len(quotes) == 1, [r["claim_text"] for r in quotes]
    assert (quotes[0]["speaker_id"], quotes[0]["speaker_kind"]) == ("vladimir_putin", "person"), (quotes[0]["speaker_text"], quotes[0]["reason"])
    assert quotes[0]["verdict"] == "supported", quotes[0]["reason"]


# Who reads out a statement does not speak it; who speaks after naming one does; an organisation
# that says the words of nobody named keeps them.
NOT_OWNED = {
    "en": [('Peskov read out Putin\'s message: "{q}."', "vladimir_putin"),
           ('Putin\'s message was clear, Peskov said: "{q}."', "dmitry_peskov"),
           ('The Kremlin said: "{q}."', "kremlin")],
    "es": [("Peskov leyó el mensaje de Putin: «{q}».", "vladimir_putin"),
           ("El mensaje de Putin fue claro, dijo Peskov: «{q}».", "dmitry_peskov"),
           ("El Kremlin dijo: «{q}».", "kremlin")],
    "fr": [("Peskov a lu le message de Poutine : « {q}. »", "vladimir_putin"),
           ("Le message de Poutine était clair, a déclaré Peskov : « {q}. »", "dmitry_peskov"),
           ("Le Kremlin a déclaré : « {q}. »", "kremlin")],
    "de": [("Peskow verlas Putins Botschaft: „{q}.“", "vladimir_putin"),
           ("Putins Botschaft war klar, sagte Peskow: „{q}.“", "dmitry_peskov"),
           ("Der Kreml erklärte: „{q}.“", "kremlin")],
    "it": [("Peskov ha letto il messaggio di Putin: «{q}».", "vladimir_putin"),
           ("Il messaggio di Putin era chiaro, ha detto Peskov: «{q}».", "dmitry_peskov"),
           ("Il Cremlino ha dichiarato: «{q}».", "kremlin")],
    "pt": [("Peskov leu a mensagem de Putin: «{q}».", "vladimir_putin"),
           ("A mensagem de Putin foi clara, disse Peskov: «{q}».", "dmitry_peskov"),
           ("O Kremlin declarou: «{q}».", "kremlin")],
    "ru": [("Песков зачитал обращение Путина: «{q}».", "vladimir_putin"),
           ("Обращение Путина было ясным, сказал Песков: «{q}».", "dmitry_peskov"),
           ("Кремль заявил: «{q}».", "kremlin")],
}


@pytest.mark.parametrize(("language", "text", "speaker"), [
    (language, text.format(q=PUTIN_WORDS[language]), speaker) for language, cases in NOT_OWNED.items() for text, speaker in cases
])
def test_a_statement_read_out_or_named_before_a_speaker(run_extract, language, text, speaker):
    """"Peskov read out Putin's message: «…»" is Putin's; "Putin's message was clear, Peskov
    said: «…»" is Peskov's; "The Kremlin said: «…»", with no person named, stays the Kremlin's."""
    quotes = run_extract(language, text).filter(pl.col("claim_type") == "quote")
    assert quotes["speaker_id"].to_list() == [speaker], quotes.select("speaker_id", "speaker_text", "speaker_kind").rows()


@pytest.mark.parametrize(("language", "text", "speaker"), [
    ("en", 'Putin said Kim Jong Un\'s soldiers "fought with great heroism for Russia and its people" in Kursk.', "vladimir_putin"),
    ("de", "Putin sagte, Kim habe „mit großem Heldenmut für Russland gekämpft und das Land verteidigt“.", "vladimir_putin"),
    ("es", "El mensaje de Putin fue claro, dijo Peskov: «Rusia no olvidará nunca a sus amigos coreanos ni su heroísmo».", "dmitry_peskov"),
    ("fr", "Le message de Poutine était clair, a déclaré Peskov : « La Russie n'oubliera jamais ses amis coréens ni leur héroïsme. »", "dmitry_peskov"),
])
def test_a_name_right_after_a_verb_of_saying_after_a_comma_is_its_subject(run_extract, language, text, speaker):
    """After a comma the verb of saying with a name right after it ("…, dijo Peskov") is that
    name's, not the one named before the comma; with no comma before the verb ("Putin said Kim
    …", "Putin sagte, Kim habe …") the name before it stays the subject."""
    quotes = run_extract(language, text).filter(pl.col("claim_type") == "quote")
    assert quotes["speaker_id"].to_list() == [speaker], quotes.select("speaker_id", "speaker_text", "speaker_kind").rows()


@pytest.mark.parametrize(("language", "text", "speaker"), [
    # A statement noun with its own joining word ("statement by", "message from").
    ("en", 'The Kremlin posted a statement by the Russian president on Monday. Excerpt: "{q}."', "vladimir_putin"),
    ("en", 'The Kremlin posted a message from Putin: "{q}."', "vladimir_putin"),
    # Of two owners of statements, the one nearer the quote.
    ("en", "Lavrov's statement echoed Putin's message: \"{q}.\"", "vladimir_putin"),
    ("es", "La declaración de Lavrov repitió el mensaje de Putin: «{q}».", "vladimir_putin"),
    # A writing that runs over the office wording owning it leaves the quote to the wording.
    ("ru", "В обращении президента России говорится: «{q}».", "vladimir_putin"),
    ("es", "La declaración del presidente ruso dice: «{q}».", "vladimir_putin"),
    ("fr", "La déclaration du président russe affirme : « {q}. »", "vladimir_putin"),
    ("it", "La dichiarazione del presidente russo afferma: «{q}».", "vladimir_putin"),
    # The owner in an "according to" phrase yields to the person the verb of saying after it ties.
    ("ru", "По словам Пескова, президент Путин заявил: «{q}».", "vladimir_putin"),
    ("es", "Según las palabras de Peskov, el presidente Putin dijo: «{q}».", "vladimir_putin"),
])
def test_more_owners_of_statements(run_extract, language, text, speaker):
    quotes = run_extract(language, text.format(q=PUTIN_WORDS[language])).filter(pl.col("claim_type") == "quote")
    assert quotes["speaker_id"].to_list() == [speaker], quotes.select("speaker_id", "speaker_text", "speaker_kind").rows()
