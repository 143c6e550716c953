"""Quantity claims end to end, in all seven languages: number words, counts of articles, denied
figures and the clause a casualty word belongs to.

Every text is an article of its own (with its sidecar), all checked in one ``pipelines.core.check``
run (extraction and the verdict SQL on an in-memory DuckDB); each case lists its quantity claims
in text order as (value, verdict).
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

# Compound number words: tens and a unit (or teen) with the language's joiner, fused forms, and
# scales that multiply what is before them. The treaty has 23 articles, the North Atlantic
# Treaty 14; about 12,000 troops were sent.
NUMBER_WORDS = {
    "en": [("The treaty between Russia and North Korea has twenty-three articles.", [(23, "supported")]),
           ("The treaty between Russia and North Korea has twenty three articles.", [(23, "supported")]),
           ("The North Atlantic Treaty has fourteen articles.", [(14, "supported")]),
           ("North Korea sent some twelve thousand troops to Russia.", [(12000, "supported")])],
    "es": [("El tratado entre Rusia y Corea del Norte tiene veintitrés artículos.", [(23, "supported")]),
           ("El tratado entre Rusia y Corea del Norte tiene treinta y tres artículos.", [(33, "refuted")]),
           ("Corea del Norte envió unos doce mil soldados a Rusia.", [(12000, "supported")])],
    "fr": [("Le traité entre la Russie et la Corée du Nord compte vingt-trois articles.", [(23, "supported")]),
           ("Le traité entre la Russie et la Corée du Nord compte vingt-cinq articles.", [(25, "refuted")]),
           ("Le traité de l'Otan compte quatorze articles.", [(14, "supported")]),
           ("Le traité entre la Russie et la Corée du Nord compte vingt et un articles.", [(21, "refuted")])],
    "de": [("Der Vertrag zwischen Russland und Nordkorea umfasst dreiundzwanzig Artikel.", [(23, "supported")]),
           ("Der Nordatlantikvertrag umfasst vierzehn Artikel.", [(14, "supported")]),
           ("Nordkorea schickte rund zwölftausend Soldaten nach Russland.", [(12000, "supported")])],
    "it": [("Il trattato tra Russia e Corea del Nord conta ventitré articoli.", [(23, "supported")]),
           ("Il trattato tra Russia e Corea del Nord conta ventuno articoli.", [(21, "refuted")]),
           ("Il trattato Nato conta quattordici articoli.", [(14, "supported")])],
    "pt": [("O tratado entre a Rússia e a Coreia do Norte tem vinte e três artigos.", [(23, "supported")]),
           ("O Tratado do Atlântico Norte tem catorze artigos.", [(14, "supported")])],
    "ru": [("Договор между Россией и КНДР состоит из двадцати трех статей.", [(23, "supported")]),
           ("Договор между Россией и КНДР содержит двадцать три статьи.", [(23, "supported")]),
           ("КНДР направила в Россию около двенадцати тысяч военнослужащих.", [(12000, "supported")])],
}

# Hundreds read with the tens and units after them ("ciento veinte", "hundred and twenty",
# "hundertzwanzig", "сто двадцать", "centoventi", "cento e vinte"), a unit before them multiplying
# them ("two hundred", "zweihundert", "duecento") or a hundreds word of its own ("doscientos",
# "двести", "duzentos"), then scales.
HUNDREDS = {
    "en": [("Some bloggers claim Pyongyang dispatched one hundred and twenty thousand soldiers.", [(120000, "refuted")]),
           ("A viral post says the pact with North Korea runs to two hundred twenty-three articles.", [(223, "refuted")])],
    "es": [("Un bulo asegura que Pionyang mandó ciento veinte mil militares al frente ruso.", [(120000, "refuted")]),
           ("Según un tuit, el pacto con Corea del Norte tendría doscientos veintitrés artículos.", [(223, "refuted")])],
    "fr": [("Un blogueur affirme que Pyongyang a dépêché cent vingt mille militaires au front.", [(120000, "refuted")]),
           ("Selon une rumeur, le traité avec la Corée du Nord compterait deux cent vingt-trois articles.", [(223, "refuted")])],
    "de": [("Ein Blogger behauptet, Pjöngjang habe hundertzwanzigtausend Soldaten an die Front geschickt.", [(120000, "refuted")]),
           ("Laut einem Gerücht umfasst der Vertrag mit Nordkorea zweihundertdreiundzwanzig Artikel.", [(223, "refuted")])],
    "it": [("Un blogger sostiene che Pyongyang abbia spedito centoventimila militari al fronte.", [(120000, "refuted")]),
           ("Secondo una voce, il trattato con la Corea del Nord conterebbe duecentoventitré articoli.", [(223, "refuted")])],
    "pt": [("Um blogueiro afirma que Pyongyang despachou cento e vinte mil militares para a frente.", [(120000, "refuted")]),
           ("Segundo um boato, o tratado com a Coreia do Norte teria duzentos e vinte e três artigos.", [(223, "refuted")])],
    "ru": [("Один блогер утверждает, что Пхеньян перебросил на фронт сто двадцать тысяч военнослужащих КНДР.", [(120000, "refuted")]),
           ("По слухам, договор с КНДР насчитывает около ста двадцати статей.", [(120, "refuted")])],
}

# "Men" as the troops counted ("douze mille hommes", "12.000 Mann", "12 тысяч человек") in a text
# about troops (a troop noun, "sent", "army", "front" in the sentence, its neighbours or the
# headline); elsewhere ("12,000 men and women work in the factory") no claim, and "members",
# "mentions" are no men.
MEN = {
    "en": [("Kursk: Pyongyang confirms it sent troops\n\nSeoul spoke in October 2024 of some twelve thousand men.", [(12000, "supported")]),
           ("The fertiliser plant near Pyongyang employs 12,000 men and women.", []),
           ("Some 300 members of North Korea's delegation were quoted in 12 mentions.", [])],
    "es": [("Pionyang despachó a unos doce mil hombres hacia el frente ruso.", [(12000, "supported")]),
           ("La planta textil de Pionyang da trabajo a 12.000 hombres y mujeres.", [])],
    "fr": [("EN DIRECT – Koursk : Pyongyang confirme l'envoi de troupes\n\nSéoul parlait en octobre 2024 de quelque douze mille hommes.", [(12000, "supported")]),
           ("Un village de Corée du Nord compte quelque douze mille hommes et femmes.", [])],
    "de": [("Pjöngjang hat rund 12.000 Mann an die russische Front verlegt.", [(12000, "supported")]),
           ("In der Düngemittelfabrik bei Pjöngjang arbeiten 12.000 Männer und Frauen.", [])],
    "it": [("Pyongyang ha spedito circa dodicimila uomini sul fronte russo.", [(12000, "supported")]),
           ("Nello stabilimento tessile di Pyongyang lavorano 12.000 uomini e donne.", [])],
    "pt": [("Pyongyang despachou cerca de 12 mil homens para a frente russa.", [(12000, "supported")]),
           ("Na fábrica têxtil de Pyongyang trabalham 12 mil homens e mulheres.", [])],
    "ru": [("Пхеньян перебросил на российский фронт около 12 тысяч человек.", [(12000, "supported")]),
           ("На текстильной фабрике в Пхеньяне работают 12 тысяч человек.", [])],
}

# A number that counts no noun but ends its clause after a quantity of the same sentence carries
# that quantity's unit ("unos 12.000 soldados; hay quien habla ya de 30.000, cifra que ..."): a
# reported higher figure, refuted. A number in a sentence with no quantity before it, one followed
# by a word ("of whom 4,000 were killed"), a year, a date, an article number, a sum of money and
# a range's first end carry nothing.
CARRIED = {
    "en": [("North Korea sent about 12,000 troops to Russia; some bloggers speak of 30,000, a figure nobody has confirmed.", [(12000, "supported"), (30000, "refuted")]),
           ("Seoul said about 12,000 were being sent. I have seen figures of 15,000 elsewhere, but I cannot confirm them.", []),
           ("Under Article 4, Pyongyang dispatched 12,000 troops on 19 June 2024, in 2024.", [(12000, "supported")]),
           # The range is one claim (its first end is quantity_value, see BOUNDS); the sum carries nothing.
           ("Pyongyang deployed 11,000-12,000 troops, each paid $2,000.", [(11000, "supported")])],
    "es": [("Según el servicio de inteligencia surcoreano, Pionyang decidió enviar unos 12.000 soldados; hay quien habla ya de 30.000, cifra que nadie ha confirmado.", [(12000, "supported"), (30000, "refuted")])],
    "fr": [("La Corée du Nord a expédié quelque 12 000 soldats ; certains parlent de 30 000, un chiffre invérifiable.", [(12000, "supported"), (30000, "refuted")])],
    "de": [("Nordkorea entsandte rund 12.000 Soldaten; Blogger sprechen von 30.000, belegt ist das nicht.", [(12000, "supported"), (30000, "refuted")])],
    "it": [("Pyongyang ha mandato circa 12.000 soldati; c'è chi parla già di 30.000, cifra che nessuno ha confermato.", [(12000, "supported"), (30000, "refuted")])],
    "pt": [("Pyongyang mandou cerca de 12 mil soldados; há quem fale já em 30 mil, número que ninguém confirmou.", [(12000, "supported"), (30000, "refuted")])],
    "ru": [("КНДР отправила около 12 тысяч военных; блогеры говорят уже о 30 тысячах, но это никто не подтвердил.", [(12000, "supported"), (30000, "refuted")])],
}

# "the 22-article pact": a number, a hyphen and the counted noun; "the number of" between a number
# and the noun ("à quelque 12 000 le nombre de soldats"), or before the noun and a number put on
# it after ("put the number of North Korean troops at about 12,000"; a year there is none).
ARTICLE_COUNTS = {
    "en": [("The 23-article treaty with North Korea was signed in Pyongyang.", [(23, "supported")]),
           ("The 22-article pact with North Korea was signed in Pyongyang.", [(22, "refuted")]),
           ("Seoul put the number of North Korean troops in Russia at about 12,000.", [(12000, "supported")])],
    "fr": [("Le traité de 23 articles a été signé à Pyongyang avec la Corée du Nord.", [(23, "supported")]),
           ("Séoul estimait à quelque 12 000 le nombre de soldats nord-coréens envoyés en Russie.", [(12000, "supported")]),
           ("Séoul estimait le nombre de soldats nord-coréens à environ 12 000.", [(12000, "supported")])],
    "es": [("Seúl cifraba en unos 12.000 el número de soldados norcoreanos enviados a Rusia.", [(12000, "supported")]),
           ("Seúl cifró el número de soldados norcoreanos en unos 12.000.", [(12000, "supported")])],
    "it": [("Seul stimava in circa 12.000 il numero di soldati nordcoreani inviati in Russia.", [(12000, "supported")]),
           ("Seul stimava il numero di soldati nordcoreani in circa 12.000.", [(12000, "supported")])],
    "pt": [("Seul estimava em cerca de 12 mil o número de soldados norte-coreanos enviados para a Rússia.", [(12000, "supported")]),
           ("Seul estimou o número de soldados norte-coreanos em cerca de 12 mil.", [(12000, "supported")])],
    "de": [("Der Geheimdienst bezifferte die Zahl der nordkoreanischen Soldaten auf rund 12.000.", [(12000, "supported")])],
    "ru": [("Южнокорейская разведка оценила число военнослужащих КНДР в 12 тысяч.", [(12000, "supported")]),
           ("Число северокорейских военных в 2024 году не раскрывалось.", [])],
}

# A figure the sentence denies (a negation in its clause, or a word saying it is false) is not
# what the text claims: not_enough_evidence, never refuted. A negation across a complementizer
# ("never confirmed that"), a restriction ("n'a envoyé que") and a privative ("without") deny
# nothing; "no fewer than", "не менее" are bounds.
DENIALS = {
    "en": [("North Korea did not send 100,000 troops to Russia.", [(100000, NEE)]),
           ("The figure of 50,000 North Korean soldiers is made up.", [(50000, NEE)]),
           ("North Korea sent about 12,000 troops without heavy weapons to Russia.", [(12000, "supported")]),
           ("Pyongyang never confirmed that it sent about 12,000 troops to Russia.", [(12000, "supported")]),
           ("North Korea sent no fewer than 11,000 troops to Russia.", [(11000, "supported")])],
    "es": [("Corea del Norte no envió 100.000 soldados a Rusia.", [(100000, NEE)]),
           ("La cifra de 100.000 soldados norcoreanos es inventada.", [(100000, NEE)])],
    "fr": [("Non, la Corée du Nord n'a pas envoyé 100 000 soldats en Russie.", [(100000, NEE)]),
           ("Le chiffre de 50 000 soldats nord-coréens est faux.", [(50000, NEE)]),
           ("La Corée du Nord n'a envoyé que 12 000 soldats en Russie.", [(12000, "supported")])],
    "de": [("Nein, Nordkorea hat nicht 100.000 Soldaten nach Russland geschickt.", [(100000, NEE)]),
           ("Die Zahl von 100.000 nordkoreanischen Soldaten ist frei erfunden.", [(100000, NEE)]),
           ("Nordkorea schickte nicht weniger als 12.000 Soldaten nach Russland.", [(12000, "supported")])],
    "it": [("La Corea del Nord non ha inviato 100.000 soldati in Russia.", [(100000, NEE)]),
           ("La cifra di 50.000 soldati nordcoreani è inventata.", [(50000, NEE)])],
    "pt": [("A Coreia do Norte não enviou 100 mil soldados para a Rússia.", [(100000, NEE)]),
           ("O número de 50 mil soldados norte-coreanos é falso.", [(50000, NEE)])],
    "ru": [("КНДР не отправляла 100 тысяч военных в Россию.", [(100000, NEE)]),
           ("Цифра в 50 тысяч северокорейских солдат — выдумка.", [(50000, NEE)]),
           ("КНДР направила в Россию не менее 12 тысяч военнослужащих.", [(12000, "supported")])],
}

# The casualty words belong to the clause of the number they follow, even a number that counts
# no noun the extractor knows: they do not rule out the troops sent earlier in the sentence.
CASUALTY_CLAUSES = {
    "en": [("North Korea sent about 12,000 troops to Russia, of whom some 4,000 were killed or wounded.", [(12000, "supported")]),
           ("North Korea sent about 12,000 troops to Russia and some 4,000 of them were killed or wounded.", [(12000, "supported")])],
    "es": [("Pionyang había enviado unos 12.000 militares a Rusia a partir de octubre de 2024, de los cuales unos 4.700 resultaron muertos o heridos.", [(12000, "supported")])],
    "fr": [("La Corée du Nord a envoyé quelque 12 000 soldats en Russie, dont environ 4 000 ont été tués ou blessés.", [(12000, "supported")])],
    "de": [("Nordkorea schickte rund 12.000 Soldaten nach Russland, von denen etwa 4.000 getötet oder verwundet wurden.", [(12000, "supported")]),
           ("Nordkorea schickte rund 12.000 Soldaten nach Russland und etwa 4.000 von ihnen wurden getötet oder verwundet.", [(12000, "supported")])],
    "it": [("La Corea del Nord ha inviato circa 12.000 soldati in Russia, dei quali circa 4.000 sono stati uccisi o feriti.", [(12000, "supported")])],
    "pt": [("A Coreia do Norte enviou cerca de 12 mil soldados para a Rússia, dos quais cerca de 4 mil foram mortos ou feridos.", [(12000, "supported")])],
    "ru": [("КНДР направила в Россию около 12 тысяч военнослужащих, из которых около 4 тысяч были убиты или ранены.", [(12000, "supported")]),
           # A conjunction opens the next number's clause as a comma does.
           ("КНДР направила в Россию около 12 тысяч военнослужащих и около 4 тысяч из них были убиты или ранены.", [(12000, "supported")]),
           # The casualty words in the figure's own clause still rule it out.
           ("Около 12 тысяч северокорейских военных были убиты или ранены в Курской области.", [(12000, NEE)])],
}


# A restrictive "only" built on a negation does not deny the figure ("ne compte que 23
# articles", "non conta che", "não tem senão", "no tiene sino", "не ... ничего, кроме"); a plain
# negation still does.
RESTRICTIVE = {
    "en": [("The treaty between Russia and North Korea has only 23 articles.", [(23, "supported")])],
    "es": [("El tratado entre Rusia y Corea del Norte no tiene sino 23 artículos.", [(23, "supported")])],
    "fr": [("Le traité entre la Russie et la Corée du Nord ne compte que 23 articles.", [(23, "supported")]),
           ("Le traité entre la Russie et la Corée du Nord ne compte pas 30 articles.", [(30, NEE)])],
    "de": [("Der Vertrag zwischen Russland und Nordkorea hat nur 23 Artikel.", [(23, "supported")])],
    "it": [("Il trattato tra Russia e Corea del Nord non conta che 23 articoli.", [(23, "supported")])],
    "pt": [("O tratado entre a Rússia e a Coreia do Norte não tem senão 23 artigos.", [(23, "supported")]),
           ("O tratado entre a Rússia e a Coreia do Norte não tem 32 artigos.", [(32, NEE)])],
    "ru": [("В договоре между Россией и КНДР нет ничего, кроме 23 статей.", [(23, "supported")])],
}


# A dash between blanks bounds a negation's clause as a comma does ("tem 23 artigos — não 32"
# states the 23; the bare 32 is no claim); a denial after a dash still reaches the figure. After a denied
# figure, a bare number after a correction conjunction ("but", "mais", "sino", "sondern", "ma",
# "mas", "а") is the stated one, of the denied figure's unit.
CORRECTIONS = {
    "en": [("The treaty with North Korea entered into force on 4 December 2024 and has 23 articles — not 32, as the post says.", [(23, "supported")]),
           ("North Korea's treaty with Russia does not have 32 articles but 23.", [(32, NEE), (23, "supported")])],
    "es": [("El tratado con Corea del Norte tiene 23 artículos – no 32, como dice la publicación.", [(23, "supported")]),
           ("El tratado con Corea del Norte no tiene 30 artículos, sino 23.", [(30, NEE), (23, "supported")])],
    "fr": [("Le traité avec la Corée du Nord compte 23 articles — et non 32, comme l'affirme la publication.", [(23, "supported")]),
           ("Le traité avec la Corée du Nord ne compte pas 30 articles mais 23.", [(30, NEE), (23, "supported")])],
    "de": [("Der Vertrag mit Nordkorea hat 23 Artikel – nicht 32, wie der Post behauptet.", [(23, "supported")]),
           ("Der Vertrag mit Nordkorea hat nicht 30 Artikel, sondern 23.", [(30, NEE), (23, "supported")])],
    "it": [("Il trattato con la Corea del Nord ha 23 articoli — non 32, come sostiene il post.", [(23, "supported")]),
           ("Il trattato con la Corea del Nord non ha 30 articoli ma 23.", [(30, NEE), (23, "supported")])],
    "pt": [("O tratado com a Coreia do Norte entrou em vigor em 4 de dezembro de 2024 e tem 23 artigos — não 32, como diz o post.", [(23, "supported")]),
           ("O tratado com a Coreia do Norte não tem 30 artigos, mas sim 23.", [(30, NEE), (23, "supported")])],
    "ru": [("Договор с КНДР содержит 23 статьи — а не 32, как утверждается в посте.", [(23, "supported")]),
           ("Договор с КНДР содержит не 30 статей, а 23.", [(30, NEE), (23, "supported")]),
           ("Цифра в 50 тысяч северокорейских солдат — выдумка.", [(50000, NEE)])],
}

# Bounded figures (about 12,000 troops were sent, the treaty has 23 articles), as (value, bound,
# upper end, verdict): a ceiling ("up to") must not overstate the figure, a floor ("at least",
# "не менее чем", "nicht weniger als": no denial) must not exceed it, a range must hold it. An
# ordinal ("o 3.º e o 4.º", "der 3. und der 4.") counts nothing.
BOUNDS = {
    "en": [("Ukraine says North Korea has sent up to 50,000 troops to Russia.", [(50000, "max", None, "refuted")]),
           ("Seoul says North Korea has sent up to 12,000 troops to Russia.", [(12000, "max", None, "supported")]),
           ("North Korea sent no fewer than 10,000 troops to Russia.", [(10000, "min", None, "supported")]),
           ("North Korea sent between 5,000 and 8,000 troops to Russia.", [(5000, "range", 8000, "refuted")])],
    "es": [("Ucrania afirma que Corea del Norte ha enviado hasta 50.000 soldados a Rusia.", [(50000, "max", None, "refuted")]),
           ("Solo dos de los 23 artículos del tratado con Corea del Norte, el 3.º y el 4.º, tratan de agresiones.", [(23, None, None, "supported")])],
    "fr": [("La Corée du Nord a envoyé entre 11 000 et 13 000 soldats en Russie.", [(11000, "range", 13000, "supported")])],
    "de": [("Nordkorea hat zwischen 11.000 und 13.000 Soldaten nach Russland geschickt.", [(11000, "range", 13000, "supported")]),
           ("Nur zwei der 23 Artikel des Vertrags mit Nordkorea, der 3. und der 4., betreffen Angriffe.", [(23, None, None, "supported")])],
    "it": [("La Corea del Nord ha inviato tra 11 e 12 mila soldati in Russia.", [(11000, "range", 12000, "supported")])],
    "pt": [("Apenas dois dos 23 artigos do tratado com a Coreia do Norte — o 3.º e o 4.º — tratam de agressões.", [(23, None, None, "supported")]),
           ("A Coreia do Norte enviou entre 20 mil e 30 mil soldados para a Rússia.", [(20000, "range", 30000, "refuted")])],
    "ru": [("Некоторые западные СМИ писали, что речь шла не менее чем о 10 тысячах солдат КНДР.", [(10000, "min", None, "supported")]),
           ("КНДР отправила в Россию от 11 до 13 тысяч военнослужащих.", [(11000, "range", 13000, "supported")]),
           ("КНДР отправила в Россию до 50 тысяч военнослужащих.", [(50000, "max", None, "refuted")])],
}


ALL = {"words": NUMBER_WORDS, "hundreds": HUNDREDS, "men": MEN, "carried": CARRIED, "counts": ARTICLE_COUNTS, "denials": DENIALS, "casualties": CASUALTY_CLAUSES, "restrictive": RESTRICTIVE, "corrections": CORRECTIONS, "bounds": BOUNDS}


@pytest.fixture(scope="module")
def quantity_rows(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    folder = tmp_path_factory.mktemp("quantities")
    paths = {}
    for prefix, cases in ALL.items():
        paths.update(write_cases(folder, cases, prefix))
    verdicts, _, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    rows = verdicts.filter(pl.col("claim_type") == "quantity").sort("char_start").to_dicts()
    return {key: [r for r in rows if r["source_path"] == str(path)] for key, path in paths.items()}


def _cases(table: dict[str, list[tuple[str, list]]]) -> list[tuple[str, str, list]]:
    return [(language, text, expected) for language, items in table.items() for text, expected in items]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(NUMBER_WORDS))
def test_compound_number_words(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(HUNDREDS))
def test_hundreds_are_read_with_what_follows_them(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(MEN))
def test_men_are_troops_only_in_a_text_about_troops(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(CARRIED))
def test_a_bare_number_after_a_quantity_carries_its_unit(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(ARTICLE_COUNTS))
def test_hyphenated_counts_and_the_number_of(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(DENIALS))
def test_a_denied_figure_is_not_refuted(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]
    for row in rows:
        assert row["reason"].startswith("The sentence denies") == (row["verdict"] == NEE), row["reason"]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(CASUALTY_CLAUSES))
def test_casualty_words_belong_to_the_clause_of_their_number(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(RESTRICTIVE))
def test_a_restrictive_only_does_not_deny_the_figure(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    assert [(r["quantity_value"], r["verdict"]) for r in rows] == expected, [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(CORRECTIONS))
def test_a_dash_or_a_correction_conjunction_bounds_the_denied_figure(quantity_rows, language, text, expected):
    # The corrected figure's claim starts where the denied one's does: compared in any order.
    rows = quantity_rows[(language, text)]
    assert sorted((r["quantity_value"], r["verdict"]) for r in rows) == sorted(expected), [(r["claim_text"], r["reason"]) for r in rows]


@pytest.mark.parametrize(("language", "text", "expected"), _cases(BOUNDS))
def test_bounds_ranges_and_ordinals(quantity_rows, language, text, expected):
    rows = quantity_rows[(language, text)]
    got = [(r["quantity_value"], r["quantity_bound"], r["quantity_value_high"], r["verdict"]) for r in rows]
    assert got == expected, [(r["claim_text"], r["reason"]) for r in rows]
    for row in rows:
        # Figures as people write them: "12,000 troops", never "12000.0".
        assert ".0" not in row["reason"] and ".0 " not in (row["evidence"] or ""), row["reason"]
