"""Which treaty an article reference belongs to, and which words describe it, in all seven
languages: the term of a comparison and a cited legal basis ("Unlike Article 5 of the North
Atlantic Treaty", "contrary to the UN Charter", "in accordance with Article 51 of the UN
Charter") own the number right before them and nothing else, a cited article is part of the
description it sits in, and a compared article's claim ends before the main clause.

Every case is its own article, checked end to end at once through ``pipelines.core.check``
(extraction and the verdict SQL on an in-memory DuckDB, the bundled reference pack).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.core import check
from pipelines.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

# The article's own treaty is named first; then an article of another treaty is the term of a
# comparison, and its main clause describes the Russian-Korean pledge; then a bare "Article 3"
# is the main treaty's, not the compared one's (whose Article 3 is no consultation clause).
COMPARED_CARRY_OVER = {
    "en": "The treaty between Russia and North Korea was signed in Pyongyang. Unlike Article 5 of the North Atlantic Treaty, which leaves each ally free to take such action as it deems necessary, the Russian-Korean pledge looks more automatic. Article 3, for its part, only provides for consultations in case of a threat.",
    "es": "El tratado entre Rusia y Corea del Norte se firmó en Pionyang. A diferencia del artículo 5 del Tratado del Atlántico Norte, que deja a cada aliado libre de emprender la acción que juzgue necesaria, el compromiso ruso-coreano parece más automático. El artículo 3, por su parte, solo prevé consultas en caso de amenaza.",
    "fr": "Le traité entre la Russie et la Corée du Nord a été signé à Pyongyang. À la différence de l'article 5 du traité de l'Atlantique Nord, qui laisse chaque allié libre de décider de l'action qu'il juge nécessaire, l'engagement russo-coréen paraît plus automatique. L'article 3, lui, prévoit seulement des consultations en cas de menace.",
    "de": "Der Vertrag zwischen Russland und Nordkorea wurde in Pjöngjang unterzeichnet. Anders als Artikel 5 des Nordatlantikvertrags, der jedem Verbündeten die Maßnahmen überlässt, die er für erforderlich hält, wirkt die russisch-koreanische Zusage automatischer. Artikel 3 sieht dagegen nur Konsultationen im Fall einer Bedrohung vor.",
    "it": "Il trattato tra Russia e Corea del Nord è stato firmato a Pyongyang. A differenza dell'articolo 5 del Trattato del Nord Atlantico, che lascia ogni alleato libero di intraprendere l'azione che ritiene necessaria, l'impegno russo-coreano appare più automatico. L'articolo 3, da parte sua, prevede solo consultazioni in caso di minaccia.",
    "pt": "O tratado entre a Rússia e a Coreia do Norte foi assinado em Pyongyang. Ao contrário do artigo 5 do Tratado do Atlântico Norte, que deixa cada aliado livre para tomar a ação que julgar necessária, o compromisso russo-coreano parece mais automático. O artigo 3, por sua vez, prevê apenas consultas em caso de ameaça.",
    "ru": "Договор между Россией и КНДР был подписан в Пхеньяне. В отличие от статьи 5 Североатлантического договора, которая оставляет каждому союзнику свободу предпринять действия, которые он сочтет необходимыми, российско-корейское обязательство выглядит более автоматическим. Статья 3, в свою очередь, предусматривает лишь консультации в случае угрозы.",
}

# The compared article's own clause, before another article of the sentence, is its claim.
COMPARED_THEN_ARTICLE = {
    "en": "Unlike Article 5 of the North Atlantic Treaty, which leaves each ally free to take such action as it deems necessary, Article 4 of the treaty with North Korea requires immediate military assistance.",
    "es": "A diferencia del artículo 5 del Tratado del Atlántico Norte, que deja a cada aliado libre de emprender la acción que juzgue necesaria, el artículo 4 del tratado con Corea del Norte exige asistencia militar inmediata.",
    "fr": "À la différence de l'article 5 du traité de l'Atlantique Nord, qui laisse chaque allié libre de décider de l'action qu'il juge nécessaire, l'article 4 du traité avec la Corée du Nord exige une assistance militaire immédiate.",
    "de": "Anders als Artikel 5 des Nordatlantikvertrags, der jedem Verbündeten die Maßnahmen überlässt, die er für erforderlich hält, verlangt Artikel 4 des Vertrags mit Nordkorea sofortigen militärischen Beistand.",
    "it": "A differenza dell'articolo 5 del Trattato del Nord Atlantico, che lascia ogni alleato libero di intraprendere l'azione che ritiene necessaria, l'articolo 4 del trattato con la Corea del Nord impone assistenza militare immediata.",
    "pt": "Ao contrário do artigo 5 do Tratado do Atlântico Norte, que deixa cada aliado livre para tomar a ação que julgar necessária, o artigo 4 do tratado com a Coreia do Norte exige assistência militar imediata.",
    "ru": "В отличие от статьи 5 Североатлантического договора, которая оставляет каждому союзнику свободу предпринять действия, которые он сочтет необходимыми, статья 4 договора с КНДР требует немедленной военной помощи.",
}

# A treaty measured against in one article's description ("contrary to the UN Charter") is not
# what the next sentence's bare "Article 22" belongs to.
MEASURED_AGAINST = {
    "en": "Russia and North Korea signed the Treaty on Comprehensive Strategic Partnership in Pyongyang. Under Article 16, both parties oppose unilateral coercive measures, which they regard as contrary to the UN Charter. Article 22 says the treaty enters into force on the day the instruments of ratification are exchanged.",
    "es": "Putin firmó el Tratado de Asociación Estratégica Integral en Pionyang. Según el artículo 16, ambas partes se oponen a las medidas coercitivas unilaterales y las consideran contrarias a la Carta de la ONU. El artículo 22 establece que el tratado entrará en vigor el día del intercambio de los instrumentos de ratificación.",
    "fr": "La Russie et la Corée du Nord ont signé le traité de partenariat stratégique global à Pyongyang. Selon l'article 16, les deux parties s'opposent aux mesures coercitives unilatérales, qu'elles jugent contraires à la Charte des Nations unies. L'article 22 prévoit que le traité entre en vigueur le jour de l'échange des instruments de ratification.",
    "de": "Russland und Nordkorea unterzeichneten in Pjöngjang den Vertrag über eine umfassende strategische Partnerschaft. Nach Artikel 16 lehnen beide Seiten einseitige Zwangsmaßnahmen ab, die sie als im Widerspruch zur UN-Charta stehend betrachten. Artikel 22 legt fest, dass der Vertrag am Tag des Austauschs der Ratifikationsurkunden in Kraft tritt.",
    "it": "Russia e Corea del Nord hanno firmato a Pyongyang il trattato di partenariato strategico globale. Secondo l'articolo 16, le due parti si oppongono alle misure coercitive unilaterali, che considerano contrarie alla Carta delle Nazioni Unite. L'articolo 22 stabilisce che il trattato entra in vigore il giorno dello scambio degli strumenti di ratifica.",
    "pt": "A Rússia e a Coreia do Norte assinaram em Pyongyang o Tratado de Parceria Estratégica Abrangente. Segundo o artigo 16, as duas partes opõem-se às medidas coercivas unilaterais, que consideram contrárias à Carta da ONU. O artigo 22 estabelece que o tratado entra em vigor no dia da troca dos instrumentos de ratificação.",
    "ru": "Россия и КНДР подписали в Пхеньяне Договор о всеобъемлющем стратегическом партнерстве. Согласно статье 16, стороны выступают против односторонних принудительных мер, противоречащих Уставу ООН. Статья 22 устанавливает, что договор вступает в силу в день обмена ратификационными грамотами.",
}

# A legal basis cited inside another article's description, after a comma that ends the
# reference's own words: one claim, about Article 4, legal basis included.
CITED_AFTER_A_COMMA = {
    "en": "Article 4 of the treaty with North Korea provides that if one party is attacked, the other immediately provides military assistance with all means at its disposal in accordance with Article 51 of the UN Charter.",
    "es": "El artículo 4 del tratado con Corea del Norte establece que, si una de las partes es atacada, la otra le presta de inmediato asistencia militar con todos los medios a su disposición de conformidad con el artículo 51 de la Carta de la ONU.",
    "fr": "L'article 4 du traité avec la Corée du Nord prévoit que, si l'une des parties est attaquée, l'autre lui fournit sans délai une assistance militaire avec tous les moyens à sa disposition conformément à l'article 51 de la Charte des Nations unies.",
    "de": "Artikel 4 des Vertrags mit Nordkorea sieht vor, dass bei einem Angriff auf eine Seite die andere unverzüglich militärische Hilfe mit allen Mitteln gemäß Artikel 51 der UN-Charta leistet.",
    "it": "L'articolo 4 del trattato con la Corea del Nord prevede che, se una delle parti viene attaccata, l'altra fornisce immediatamente assistenza militare con tutti i mezzi a sua disposizione in conformità con l'articolo 51 della Carta delle Nazioni Unite.",
    "pt": "O artigo 4 do tratado com a Coreia do Norte prevê que, se uma das partes for atacada, a outra presta imediatamente assistência militar com todos os meios à sua disposição de acordo com o artigo 51 da Carta da ONU.",
    "ru": "Статья 4 договора с КНДР предусматривает, что в случае нападения на одну из сторон другая сторона незамедлительно оказывает военную помощь всеми имеющимися в ее распоряжении средствами в соответствии со статьей 51 Устава ООН.",
}

# Defending the other party is Article 4's obligation, not Article 5's.
DEFEND = {
    "en": "Article 5 of the treaty between Russia and North Korea obliges Russia to defend North Korea with all means.",
    "es": "El artículo 5 del tratado entre Rusia y Corea del Norte obliga a Rusia a defender a Corea del Norte con todos los medios.",
    "fr": "L'article 5 du traité entre la Russie et la Corée du Nord oblige la Russie à défendre la Corée du Nord par tous les moyens.",
    "de": "Artikel 5 des Vertrags zwischen Russland und Nordkorea verpflichtet Russland, Nordkorea mit allen Mitteln zu verteidigen.",
    "it": "L'articolo 5 del trattato tra Russia e Corea del Nord obbliga la Russia a difendere la Corea del Nord con tutti i mezzi.",
    "pt": "O artigo 5 do tratado entre a Rússia e a Coreia do Norte obriga a Rússia a defender a Coreia do Norte com todos os meios.",
    "ru": "Статья 5 договора между Россией и КНДР обязывает Россию защищать КНДР всеми средствами.",
}

# Fighting alongside the other party is military assistance, Article 4's content, not Article 3's
# (a consultation clause).
FIGHT_ALONGSIDE = {
    "en": "Some commentators swear that Article 3 of the treaty with North Korea requires Russia to fight alongside Pyongyang.",
    "es": "Hay quien jura que el artículo 3 del tratado con Corea del Norte obliga a Rusia a combatir junto a Pionyang.",
    "fr": "Certains jurent que l'article 3 du traité avec la Corée du Nord oblige la Russie à combattre aux côtés de Pyongyang.",
    "de": "Manche schwören, Artikel 3 des Vertrags mit Nordkorea verpflichte Russland, an der Seite Pjöngjangs zu kämpfen.",
    "it": "C'è chi giura che l'articolo 3 del trattato con la Corea del Nord obblighi la Russia a combattere al fianco di Pyongyang.",
    "pt": "E há quem jure que o artigo 3 do tratado com a Coreia do Norte obriga a Rússia a combater ao lado de Pyongyang.",
    "ru": "Некоторые уверяют, что статья 3 договора с КНДР обязывает Россию воевать на стороне Пхеньяна.",
}

# The cited article, named again in the next sentence, is still the cited treaty's.
CITED_AGAIN = {
    "en": "Article 51 recognises the inherent right of self-defence if an armed attack occurs.",
    "es": "El artículo 51 reconoce el derecho inherente de legítima defensa en caso de ataque armado.",
    "fr": "L'article 51 reconnaît le droit naturel de légitime défense en cas d'agression armée.",
    "de": "Artikel 51 erkennt das naturgegebene Recht zur Selbstverteidigung im Falle eines bewaffneten Angriffs an.",
    "it": "L'articolo 51 riconosce il diritto naturale di autotutela in caso di attacco armato.",
    "pt": "O artigo 51 reconhece o direito inerente de legítima defesa em caso de ataque armado.",
    "ru": "Статья 51 признает неотъемлемое право на самооборону в случае вооруженного нападения.",
}
# After the sentence that names the treaty (MEASURED_AGAINST's first), as a text names its subject.
CITED_AGAIN = {language: f"{MEASURED_AGAINST[language].split('. ')[0]}. {CITED_AFTER_A_COMMA[language]} {text}" for language, text in CITED_AGAIN.items()}

# A treaty cited with no article number ("in accordance with the treaty with North Korea") may be
# what the article is about: it still carries over.
MAIN_AS_BASIS = {
    "en": "Russia sent troops in accordance with the treaty with North Korea. Article 3 only provides for consultations in case of a threat.",
    "es": "Rusia envió tropas de conformidad con el tratado con Corea del Norte. El artículo 3 solo prevé consultas en caso de amenaza.",
    "fr": "La Russie a envoyé des troupes conformément au traité avec la Corée du Nord. L'article 3 prévoit seulement des consultations en cas de menace.",
    "de": "Russland schickte Truppen gemäß dem Vertrag mit Nordkorea. Artikel 3 sieht nur Konsultationen im Fall einer Bedrohung vor.",
    "it": "La Russia ha inviato truppe in conformità con il trattato con la Corea del Nord. L'articolo 3 prevede solo consultazioni in caso di minaccia.",
    "pt": "A Rússia enviou tropas de acordo com o tratado com a Coreia do Norte. O artigo 3 prevê apenas consultas em caso de ameaça.",
    "ru": "Россия направила войска в соответствии с договором с КНДР. Статья 3 предусматривает лишь консультации в случае угрозы.",
}

# A fact box about the Russian-Korean treaty (named in its lead) mentions NATO's Article 5 in
# another paragraph; after a heading, a bare "Article 4" described as immediate military
# assistance after an armed attack is the main treaty's Article 4, not NATO's (carried over
# only); so is the next "Article 4" said to provide only consultations (Article 3 of the main
# treaty, named right after it).
CARRIED_ACROSS_HEADINGS = {
    "en": "The Russia-North Korea treaty in numbers.\n\nNATO has invoked its Article 5 only once, in 2001.\n\nThe clause\n\nArticle 4 provides that, in case of armed attack, the other party immediately provides military assistance with all means at its disposal.\n\nIt is not true, as some sites say, that Article 4 only provides for consultations: consultations are in Article 3.",
    "es": "El tratado entre Rusia y Corea del Norte en cifras.\n\nLa OTAN ha invocado su artículo 5 una sola vez, en 2001.\n\nLa cláusula\n\nEl artículo 4 establece que, en caso de ataque armado, la otra parte presta de inmediato asistencia militar con todos los medios a su alcance.\n\nNo es cierto, como dicen algunos sitios, que el artículo 4 solo prevea consultas: las consultas están en el artículo 3.",
    "fr": "Le traité entre la Russie et la Corée du Nord en chiffres.\n\nL'OTAN n'a invoqué son article 5 qu'une seule fois, en 2001.\n\nLa clause\n\nL'article 4 prévoit qu'en cas d'attaque armée, l'autre partie fournit immédiatement une assistance militaire par tous les moyens dont elle dispose.\n\nIl n'est pas vrai, comme l'affirment certains sites, que l'article 4 prévoie seulement des consultations : les consultations figurent à l'article 3.",
    "de": "Der Vertrag zwischen Russland und Nordkorea in Zahlen.\n\nDie Nato hat ihren Artikel 5 nur einmal ausgelöst, 2001.\n\nDie Klausel\n\nArtikel 4 sieht vor, dass bei einem bewaffneten Angriff die andere Seite unverzüglich militärische Hilfe mit allen verfügbaren Mitteln leistet.\n\nEs stimmt nicht, wie manche Seiten behaupten, dass Artikel 4 nur Konsultationen vorsieht: Die Konsultationen stehen in Artikel 3.",
    "it": "Il trattato Russia-Corea del Nord in cifre.\n\nLa NATO ha invocato l'articolo 5 una sola volta, nel 2001.\n\nLa clausola\n\nL'articolo 4 prevede che, in caso di attacco armato, l'altra parte fornisca immediatamente assistenza militare con tutti i mezzi a sua disposizione.\n\nNon è vero, come si legge su alcuni siti, che l'articolo 4 preveda soltanto consultazioni: le consultazioni sono all'articolo 3.",
    "pt": "O tratado entre a Rússia e a Coreia do Norte em números.\n\nA NATO invocou o seu artigo 5 uma única vez, em 2001.\n\nA cláusula\n\nO artigo 4 prevê que, em caso de ataque armado, a outra parte preste imediatamente assistência militar com todos os meios à sua disposição.\n\nNão é verdade, como dizem alguns sites, que o artigo 4 preveja apenas consultas: as consultas estão no artigo 3.",
    "ru": "Договор России и КНДР в цифрах.\n\nНАТО применяло свою статью 5 лишь однажды, в 2001 году.\n\nСтатья о помощи\n\nСтатья 4 предусматривает, что в случае вооруженного нападения другая сторона незамедлительно оказывает военную помощь всеми имеющимися в ее распоряжении средствами.\n\nНеправда, как пишут некоторые сайты, что статья 4 предусматривает лишь консультации: консультации предусмотрены статьей 3.",
}

# The same lead and NATO paragraph, then an "Article 4" described as NATO's Article 4 is (the
# parties consult when one's security is threatened): the carried treaty fits, it stays.
CARRIED_AND_FITTING = {
    "en": "The Russia-North Korea treaty in numbers.\n\nNATO has invoked its Article 5 only once, in 2001.\n\nArticle 4 provides that the parties consult together whenever the territorial integrity, political independence or security of any of them is threatened.",
    "es": "El tratado entre Rusia y Corea del Norte en cifras.\n\nLa OTAN ha invocado su artículo 5 una sola vez, en 2001.\n\nEl artículo 4 establece que las partes se consultarán cuando la integridad territorial, la independencia política o la seguridad de cualquiera de ellas esté amenazada.",
    "fr": "Le traité entre la Russie et la Corée du Nord en chiffres.\n\nL'OTAN a invoqué son article 5 une seule fois, en 2001.\n\nL'article 4 prévoit que les parties se consultent chaque fois que l'intégrité territoriale, l'indépendance politique ou la sécurité de l'une d'elles est menacée.",
    "de": "Der Vertrag zwischen Russland und Nordkorea in Zahlen.\n\nDie Nato hat ihren Artikel 5 nur einmal ausgelöst, 2001.\n\nArtikel 4 sieht vor, dass die Parteien einander konsultieren, wenn die territoriale Unversehrtheit, die politische Unabhängigkeit oder die Sicherheit einer von ihnen bedroht ist.",
    "it": "Il trattato Russia-Corea del Nord in cifre.\n\nLa NATO ha invocato l'articolo 5 una sola volta, nel 2001.\n\nL'articolo 4 prevede che le parti si consultino ogni volta che l'integrità territoriale, l'indipendenza politica o la sicurezza di una di esse sia minacciata.",
    "pt": "O tratado entre a Rússia e a Coreia do Norte em números.\n\nA NATO invocou o seu artigo 5 uma única vez, em 2001.\n\nO artigo 4 prevê que as partes se consultem sempre que a integridade territorial, a independência política ou a segurança de qualquer delas estiver ameaçada.",
    "ru": "Договор России и КНДР в цифрах.\n\nНАТО применяло свою статью 5 лишь однажды, в 2001 году.\n\nСтатья 4 предусматривает, что стороны консультируются, когда под угрозой территориальная целостность, политическая независимость или безопасность любой из них.",
}

# A restrictive "only" built on a negation ("ne ... que", "non ... che", "não ... senão", "no ...
# sino", "не ... ничего, кроме") negates nothing: the clause says Article 4 provides only for
# consultations, which is Article 3's content (refuted). English and German say it without a
# negation.
RESTRICTIVE_ONLY = {
    "en": "According to a rumour, Article 4 of the treaty between Russia and North Korea would provide for nothing but consultations. That is false.",
    "es": "Según un rumor, el artículo 4 del tratado entre Rusia y Corea del Norte no prevería sino consultas. Es falso.",
    "fr": "Selon une rumeur, l'article 4 du traité entre la Russie et la Corée du Nord ne prévoirait que des consultations. C'est faux.",
    "de": "Einem Gerücht zufolge sähe Artikel 4 des Vertrags zwischen Russland und Nordkorea nichts als Konsultationen vor. Das ist falsch.",
    "it": "Secondo una voce, l'articolo 4 del trattato tra Russia e Corea del Nord non prevede che consultazioni. È falso.",
    "pt": "Segundo um boato, o artigo 4 do tratado entre a Rússia e a Coreia do Norte não prevê senão consultas. É falso.",
    "ru": "По слухам, статья 4 договора между Россией и КНДР не предусматривает ничего, кроме консультаций. Это ложь.",
}

# A negation with a verb of saying or a denial phrase before the particle stays one: "It is not
# true that Article 4 only provides for consultations" denies that reading (not_enough_evidence).
NEGATED_BEFORE_A_COMPLEMENTIZER = {
    "fr": "Il n'est pas vrai que l'article 4 du traité entre la Russie et la Corée du Nord prévoie seulement des consultations.",
    "it": "Non è vero che l'articolo 4 del trattato tra Russia e Corea del Nord preveda soltanto consultazioni.",
    "es": "No es cierto que el artículo 4 del tratado entre Rusia y Corea del Norte prevea solo consultas.",
}

# Where the restrictive particle is also the complementizer (Italian "che", French "que"), a
# clause after it (a subjunctive, a clitic: ``clause_markers``) makes it the complementizer and
# the negation a plain one: "does not provide that the parties consult" denies Article 3's
# content (not_enough_evidence, not refuted as "only consultations"), and "does not provide
# that assistance is automatic" is no claim that NATO's Article 5 is automatic (supported, not
# conflicting). French "ne prévoit pas que" is negated by "pas" already.
CLAUSE_AFTER_THE_PARTICLE = {
    "it": "L'articolo 4 del trattato tra Russia e Corea del Nord non prevede che le parti si consultino.",
    "fr": "L'article 4 du traité entre la Russie et la Corée du Nord ne prévoit pas que les parties se consultent.",
}
AUTOMATIC_DENIED = {
    "it": "L'articolo 5 del Trattato del Nord Atlantico non prevede che l'assistenza sia automatica.",
    "fr": "L'article 5 du traité de l'Atlantique Nord ne prévoit pas que l'assistance soit automatique.",
}

# The same NATO sentence and the Article 4 one in one paragraph: the paragraph is about NATO,
# its Article 4 is NATO's, refuted as the content of Article 5.
CARRIED_IN_ITS_PARAGRAPH = {
    "en": "The Russia-North Korea treaty in numbers.\n\nNATO has invoked its Article 5 only once, in 2001. Article 4 provides that, in case of armed attack, the other party immediately provides military assistance with all means at its disposal.",
    "es": "El tratado entre Rusia y Corea del Norte en cifras.\n\nLa OTAN ha invocado su artículo 5 una sola vez, en 2001. El artículo 4 establece que, en caso de ataque armado, la otra parte presta de inmediato asistencia militar con todos los medios a su alcance.",
    "fr": "Le traité entre la Russie et la Corée du Nord en chiffres.\n\nL'OTAN n'a invoqué son article 5 qu'une seule fois, en 2001. L'article 4 prévoit qu'en cas d'attaque armée, l'autre partie fournit immédiatement une assistance militaire par tous les moyens dont elle dispose.",
    "de": "Der Vertrag zwischen Russland und Nordkorea in Zahlen.\n\nDie Nato hat ihren Artikel 5 nur einmal ausgelöst, 2001. Artikel 4 sieht vor, dass bei einem bewaffneten Angriff die andere Seite unverzüglich militärische Hilfe mit allen verfügbaren Mitteln leistet.",
    "it": "Il trattato Russia-Corea del Nord in cifre.\n\nLa NATO ha invocato l'articolo 5 una sola volta, nel 2001. L'articolo 4 prevede che, in caso di attacco armato, l'altra parte fornisca immediatamente assistenza militare con tutti i mezzi a sua disposizione.",
    "pt": "O tratado entre a Rússia e a Coreia do Norte em números.\n\nA NATO invocou o seu artigo 5 uma única vez, em 2001. O artigo 4 prevê que, em caso de ataque armado, a outra parte preste imediatamente assistência militar com todos os meios à sua disposição.",
    "ru": "Договор России и КНДР в цифрах.\n\nНАТО применяло свою статью 5 лишь однажды, в 2001 году. Статья 4 предусматривает, что в случае вооруженного нападения другая сторона незамедлительно оказывает военную помощь всеми имеющимися в ее распоряжении средствами.",
}

# A headline that compares ("not an alliance clause like NATO's") names NATO first, but the
# interview is about the Russia-North Korea treaty (named more often): a reported "Article 4 only
# provides for consultations" several paragraphs later is a false claim about that treaty's
# Article 4, not NATO's consultation clause, and "Consultations are Article 3" is that treaty's.
COMPARING_HEADLINE = {
    "en": "\"Not an alliance clause like NATO's\": an interview\n\nQ: Russia and North Korea signed a treaty in June 2024. Is it a military alliance?\n\nA: In a way. Article 4 of the treaty with North Korea provides for immediate military assistance with all means if a party is attacked.\n\nQ: Some say Article 4 only provides for consultations.\n\nA: That is wrong. Consultations are Article 3.",
    "es": "«No es una cláusula de alianza como la de la OTAN»: una entrevista\n\nP: Rusia y Corea del Norte firmaron un tratado en junio de 2024. ¿Es una alianza militar?\n\nR: En cierto modo. El artículo 4 del tratado con Corea del Norte prevé asistencia militar inmediata con todos los medios si una parte es atacada.\n\nP: Algunos dicen que el artículo 4 solo prevé consultas.\n\nR: No es así. Las consultas están en el artículo 3.",
    "fr": "« Pas une clause d'alliance comme celle de l'OTAN » : un entretien\n\nQ : La Russie et la Corée du Nord ont signé un traité en juin 2024. Est-ce une alliance militaire ?\n\nR : D'une certaine façon. L'article 4 du traité avec la Corée du Nord prévoit une assistance militaire immédiate par tous les moyens si une partie est attaquée.\n\nQ : Certains disent que l'article 4 prévoit seulement des consultations.\n\nR : C'est faux. Les consultations figurent à l'article 3.",
    "de": "„Das ist keine Bündnisklausel wie bei der NATO“ – ein Interview\n\nFrage: Russland und Nordkorea haben im Juni 2024 einen Vertrag unterzeichnet. Ist das ein Militärbündnis?\n\nAntwort: In gewisser Weise ja. Artikel 4 des Vertrags mit Nordkorea sieht sofortige militärische Hilfe mit allen verfügbaren Mitteln vor, wenn eine Seite angegriffen wird.\n\nFrage: Manche sagen, Artikel 4 sehe nur Konsultationen vor.\n\nAntwort: Das stimmt nicht. Konsultationen regelt Artikel 3.",
    "it": "«Non è una clausola di alleanza come quella della NATO»: un'intervista\n\nD: Russia e Corea del Nord hanno firmato un trattato nel giugno 2024. È un'alleanza militare?\n\nR: In un certo senso. L'articolo 4 del trattato con la Corea del Nord prevede assistenza militare immediata con tutti i mezzi se una parte viene attaccata.\n\nD: Alcuni dicono che l'articolo 4 preveda solo consultazioni.\n\nR: Non è così. Le consultazioni sono all'articolo 3.",
    "pt": "«Não é uma cláusula de aliança como a da NATO»: uma entrevista\n\nP: A Rússia e a Coreia do Norte assinaram um tratado em junho de 2024. É uma aliança militar?\n\nR: De certa forma. O artigo 4 do tratado com a Coreia do Norte prevê assistência militar imediata com todos os meios se uma parte for atacada.\n\nP: Alguns dizem que o artigo 4 prevê apenas consultas.\n\nR: Não é assim. As consultas estão no artigo 3.",
    "ru": "«Это не союзническая статья, как у НАТО»: интервью\n\nВопрос: Россия и КНДР подписали договор в июне 2024 года. Это военный союз?\n\nОтвет: В каком-то смысле да. Статья 4 договора с КНДР предусматривает незамедлительную военную помощь всеми средствами, если на сторону нападут.\n\nВопрос: Некоторые говорят, что статья 4 предусматривает лишь консультации.\n\nОтвет: Это не так. Консультации предусмотрены статьей 3.",
}

# A treaty outside the pack named as such (the 1961 Soviet-DPRK treaty) in an article about
# the 2024 treaty: its signing date is no wrong date of the 2024 signing, and its Article 1 is
# no article of the 2024 treaty (nor of the China-DPRK treaty of the same name and year).
OUTSIDE_NAMED = {
    "en": "Putin and Kim Jong Un signed the Treaty on Comprehensive Strategic Partnership in Pyongyang on June 19, 2024. The Soviet-North Korean Treaty of Friendship, Cooperation and Mutual Assistance was signed in Moscow on July 6, 1961. Its Article 1 obliged each side to render military assistance immediately if the other came under armed attack.",
    "es": "Putin y Kim Jong-un firmaron el Tratado de Asociación Estratégica Integral en Pionyang el 19 de junio de 2024. El tratado soviético-norcoreano de amistad, cooperación y asistencia mutua se firmó en Moscú el 6 de julio de 1961. Su artículo 1 obligaba a cada parte a prestar asistencia militar inmediata si la otra sufría un ataque armado.",
    "fr": "Poutine et Kim Jong-un ont signé le traité de partenariat stratégique global à Pyongyang le 19 juin 2024. Le traité soviéto-nord-coréen d'amitié, de coopération et d'assistance mutuelle a été signé à Moscou le 6 juillet 1961. Son article 1 obligeait chaque partie à fournir une assistance militaire immédiate si l'autre subissait une attaque armée.",
    "de": "Putin und Kim Jong Un unterzeichneten am 19. Juni 2024 in Pjöngjang den Vertrag über eine umfassende strategische Partnerschaft. Der sowjetisch-nordkoreanische Vertrag über Freundschaft, Zusammenarbeit und gegenseitigen Beistand wurde am 6. Juli 1961 in Moskau unterzeichnet. Sein Artikel 1 verpflichtete jede Seite, bei einem bewaffneten Angriff auf die andere unverzüglich militärischen Beistand zu leisten.",
    "it": "Putin e Kim Jong-un hanno firmato il trattato di partenariato strategico globale a Pyongyang il 19 giugno 2024. Il trattato sovietico-nordcoreano di amicizia, cooperazione e mutua assistenza fu firmato a Mosca il 6 luglio 1961. Il suo articolo 1 obbligava ciascuna parte a prestare assistenza militare immediata se l'altra subiva un attacco armato.",
    "pt": "Putin e Kim Jong-un assinaram o tratado de parceria estratégica abrangente em Pyongyang em 19 de junho de 2024. O tratado soviético-norte-coreano de amizade, cooperação e assistência mútua foi assinado em Moscovo em 6 de julho de 1961. O seu artigo 1 obrigava cada parte a prestar assistência militar imediata se a outra sofresse um ataque armado.",
    "ru": "Путин и Ким Чен Ын подписали Договор о всеобъемлющем стратегическом партнерстве в Пхеньяне 19 июня 2024 года. Советско-корейский Договор о дружбе, сотрудничестве и взаимной помощи был подписан в Москве 6 июля 1961 года. Его статья 1 обязывала каждую сторону немедленно оказать военную помощь в случае вооруженного нападения на другую.",
}

# The CSTO's Collective Security Treaty, named by its name, and a treaty named only by a year
# in which no pack treaty was signed: their Article 4 is no article of the 2024 treaty.
OUTSIDE_CSTO = {
    "en": "North Korea and Russia signed their pact in Pyongyang. Article 4 of the Collective Security Treaty says that aggression against one member state is aggression against all member states.",
    "es": "Corea del Norte y Rusia firmaron su pacto en Pionyang. El artículo 4 del Tratado de Seguridad Colectiva establece que una agresión contra un Estado miembro es una agresión contra todos los Estados miembros.",
    "fr": "La Corée du Nord et la Russie ont signé leur pacte à Pyongyang. L'article 4 du traité de sécurité collective stipule qu'une agression contre un État membre est une agression contre tous les États membres.",
    "de": "Nordkorea und Russland unterzeichneten ihren Pakt in Pjöngjang. Artikel 4 des Vertrags über kollektive Sicherheit besagt, dass eine Aggression gegen einen Mitgliedstaat eine Aggression gegen alle Mitgliedstaaten ist.",
    "it": "Corea del Nord e Russia hanno firmato il loro patto a Pyongyang. L'articolo 4 del Trattato di sicurezza collettiva stabilisce che un'aggressione contro uno Stato membro è un'aggressione contro tutti gli Stati membri.",
    "pt": "A Coreia do Norte e a Rússia assinaram o seu pacto em Pyongyang. O artigo 4 do Tratado de Segurança Coletiva estabelece que uma agressão contra um Estado-membro é uma agressão contra todos os Estados-membros.",
    "ru": "КНДР и Россия подписали свой договор в Пхеньяне. Статья 4 Договора о коллективной безопасности гласит, что агрессия против одного государства-участника рассматривается как агрессия против всех государств-участников.",
}
OUTSIDE_BY_YEAR = {
    "en": "The pact between Russia and North Korea was signed in Pyongyang. Article 4 of the 1992 treaty says that aggression against one member state is aggression against all member states.",
    "es": "El pacto entre Rusia y Corea del Norte se firmó en Pionyang. El artículo 4 del tratado de 1992 establece que una agresión contra un Estado miembro es una agresión contra todos los Estados miembros.",
    "fr": "Le pacte entre la Russie et la Corée du Nord a été signé à Pyongyang. L'article 4 du traité de 1992 stipule qu'une agression contre un État membre est une agression contre tous les États membres.",
    "de": "Der Pakt zwischen Russland und Nordkorea wurde in Pjöngjang unterzeichnet. Artikel 4 des Vertrags von 1992 besagt, dass eine Aggression gegen einen Mitgliedstaat eine Aggression gegen alle Mitgliedstaaten ist.",
    "it": "Il patto tra Russia e Corea del Nord è stato firmato a Pyongyang. L'articolo 4 del trattato del 1992 stabilisce che un'aggressione contro uno Stato membro è un'aggressione contro tutti gli Stati membri.",
    "pt": "O pacto entre a Rússia e a Coreia do Norte foi assinado em Pyongyang. O artigo 4 do tratado de 1992 estabelece que uma agressão contra um Estado-membro é uma agressão contra todos os Estados-membros.",
    "ru": "Договор между Россией и КНДР был подписан в Пхеньяне. Статья 4 договора 1992 года гласит, что агрессия против одного государства-участника рассматривается как агрессия против всех государств-участников.",
}

# A treaty named in passing (the 2000 treaty, whose articles the pack does not hold) is not
# what the next sentence's "its Article 22" belongs to: the article's main treaty is.
NAMED_IN_PASSING = {
    "en": "The treaty between Russia and North Korea was signed in Pyongyang on June 19, 2024. It replaced the 2000 Treaty on Friendship, Good-Neighbourliness and Cooperation. It entered into force on December 4, 2024, the day the instruments of ratification were exchanged, as its Article 22 provides.",
    "es": "El tratado entre Rusia y Corea del Norte se firmó en Pionyang el 19 de junio de 2024. Sustituyó al Tratado de Amistad, Buena Vecindad y Cooperación de 2000. Entró en vigor el 4 de diciembre de 2024, el día del intercambio de los instrumentos de ratificación, como establece su artículo 22.",
    "fr": "Le traité entre la Russie et la Corée du Nord a été signé à Pyongyang le 19 juin 2024. Il a remplacé le traité d'amitié, de bon voisinage et de coopération de 2000. Il est entré en vigueur le 4 décembre 2024, le jour de l'échange des instruments de ratification, comme le prévoit son article 22.",
    "de": "Der Vertrag zwischen Russland und Nordkorea wurde am 19. Juni 2024 in Pjöngjang unterzeichnet. Er ersetzte den Vertrag über Freundschaft, gute Nachbarschaft und Zusammenarbeit von 2000. Er trat am 4. Dezember 2024 in Kraft, am Tag des Austauschs der Ratifikationsurkunden, wie es sein Artikel 22 vorsieht.",
    "it": "Il trattato tra Russia e Corea del Nord è stato firmato a Pyongyang il 19 giugno 2024. Ha sostituito il trattato di amicizia, buon vicinato e cooperazione del 2000. È entrato in vigore il 4 dicembre 2024, il giorno dello scambio degli strumenti di ratifica, come prevede il suo articolo 22.",
    "pt": "O tratado entre a Rússia e a Coreia do Norte foi assinado em Pyongyang em 19 de junho de 2024. Substituiu o tratado de amizade, boa vizinhança e cooperação de 2000. Entrou em vigor em 4 de dezembro de 2024, no dia da troca dos instrumentos de ratificação, como prevê o seu artigo 22.",
    "ru": "Договор между Россией и КНДР был подписан в Пхеньяне 19 июня 2024 года. Он заменил Договор о дружбе, добрососедстве и сотрудничестве 2000 года. Он вступил в силу 4 декабря 2024 года, в день обмена ратификационными грамотами, как предусматривает его статья 22.",
}

# A negation that governs the article's verb ("does not provide for", "n'oblige pas", "sieht ...
# nicht vor", "не предусматривает", "no prevé", "non prevede", "não prevê"), the clause after it
# included when a complementizer opens it ("does not say that ...", "не предусматривает, что
# ..."), denies what it governs: where that is the claimed article's own obligation, the text is
# refuted, the reason quoting what the article provides. After a lead naming the treaty.
NEGATED_LEAD = {
    "en": "The 2024 treaty between Russia and North Korea was signed in Pyongyang.",
    "es": "El tratado entre Rusia y Corea del Norte se firmó en Pionyang en 2024.",
    "fr": "Le traité de 2024 entre la Russie et la Corée du Nord a été signé à Pyongyang.",
    "de": "Der Vertrag von 2024 zwischen Russland und Nordkorea wurde in Pjöngjang unterzeichnet.",
    "it": "Il trattato del 2024 tra Russia e Corea del Nord è stato firmato a Pyongyang.",
    "pt": "O tratado de 2024 entre a Rússia e a Coreia do Norte foi assinado em Pyongyang.",
    "ru": "Договор 2024 года между Россией и КНДР был подписан в Пхеньяне.",
}
DENIED_OWN_CONTENT = {
    "en": "Article 4 does not provide for military assistance. Article 4 doesn't oblige either party to help the other immediately if it is attacked. Article 4 does not say that the other party provides military assistance if one is attacked.",
    "es": "El artículo 4 no prevé asistencia militar. El artículo 4 no obliga a ninguna de las partes a ayudar de inmediato a la otra si es atacada. El artículo 4 no establece que la otra parte preste asistencia militar si una es atacada.",
    "fr": "L'article 4 ne prévoit pas d'assistance militaire. L'article 4 n'oblige pas les parties à s'aider immédiatement en cas d'attaque. L'article 4 ne prévoit pas que l'autre partie fournisse une assistance militaire si l'une est attaquée.",
    "de": "Artikel 4 sieht keine militärische Hilfe vor. Artikel 4 verpflichtet die Parteien nicht, einander im Fall eines Angriffs sofort zu helfen. Artikel 4 sieht nicht vor, dass die andere Seite militärische Hilfe leistet, wenn eine angegriffen wird.",
    "it": "L'articolo 4 non prevede assistenza militare. L'articolo 4 non obbliga le parti ad aiutarsi immediatamente in caso di attacco. L'articolo 4 non prevede che si debba fornire assistenza militare se una parte viene attaccata.",
    "pt": "O artigo 4 não prevê assistência militar. O artigo 4 não obriga as partes a ajudarem-se imediatamente em caso de ataque. O artigo 4 não estabelece que a outra parte preste assistência militar se uma for atacada.",
    "ru": "Статья 4 не предусматривает военной помощи. Статья 4 не обязывает стороны незамедлительно помогать друг другу в случае нападения. Статья 4 не предусматривает, что другая сторона оказывает военную помощь в случае нападения.",
}
DENIED_OWN_CONTENT = {language: f"{NEGATED_LEAD[language]} {text}" for language, text in DENIED_OWN_CONTENT.items()}

# Where the negation bears on something else the article's content is not denied (supported as
# before): "not only" (``limiting_words``), a negated verb whose words, up to the colon, are
# another article's ("does not provide for consultations: it obliges ..."), a negation of
# another verb ("cannot refuse") and a question left open ("does not say what kind of ...").
DENIED_SOMETHING_ELSE = {
    "en": "Article 4 does not only provide for consultations, but for immediate military assistance. Article 4 does not provide for consultations: it obliges the other party to provide military assistance without delay. Under Article 4, a party cannot refuse military assistance to the other if it is attacked. Article 4 does not say what kind of military assistance the other party provides.",
    "es": "El artículo 4 no prevé solo consultas: prevé también asistencia militar inmediata. El artículo 4 no prevé consultas: obliga a la otra parte a prestar asistencia militar sin demora. Según el artículo 4, una parte no puede negar asistencia militar a la otra si es atacada. El artículo 4 no dice cómo presta la otra parte la asistencia militar.",
    "fr": "L'article 4 ne prévoit pas seulement des consultations, mais une assistance militaire immédiate. L'article 4 ne prévoit pas de consultations : il oblige l'autre partie à fournir une assistance militaire sans délai. Selon l'article 4, une partie ne peut pas refuser une assistance militaire à l'autre si elle est attaquée. L'article 4 ne précise pas quel type d'assistance militaire l'autre partie fournit.",
    "de": "Artikel 4 sieht nicht nur Konsultationen vor, sondern sofortige militärische Hilfe. Artikel 4 sieht keine Konsultationen vor: Er verpflichtet die andere Seite, unverzüglich militärische Hilfe zu leisten. Nach Artikel 4 kann eine Seite der anderen militärische Hilfe nicht verweigern, wenn sie angegriffen wird. Artikel 4 legt nicht fest, welche militärische Hilfe die andere Seite leistet.",
    "it": "L'articolo 4 non prevede solo consultazioni, ma assistenza militare immediata. L'articolo 4 non prevede consultazioni: obbliga l'altra parte a fornire assistenza militare senza indugio. Secondo l'articolo 4, una parte non può rifiutare assistenza militare all'altra se viene attaccata. L'articolo 4 non dice come l'altra parte fornisca assistenza militare.",
    "pt": "O artigo 4 não prevê apenas consultas, mas assistência militar imediata. O artigo 4 não prevê consultas: obriga a outra parte a prestar assistência militar sem demora. Segundo o artigo 4, uma parte não pode recusar assistência militar à outra se for atacada. O artigo 4 não diz como a outra parte presta assistência militar.",
    "ru": "Статья 4 предусматривает не только консультации, но и немедленную военную помощь. Статья 4 не предусматривает консультаций: она обязывает другую сторону незамедлительно оказать военную помощь. Согласно статье 4, сторона не может отказать другой в военной помощи в случае нападения. Статья 4 не определяет, какую военную помощь оказывает другая сторона.",
}
DENIED_SOMETHING_ELSE = {language: f"{NEGATED_LEAD[language]} {text}" for language, text in DENIED_SOMETHING_ELSE.items()}

# An article that leaves the action to the parties (NATO's Article 5: "such action as it deems
# necessary"; the pack marks "automatic" as contradicting it) may well not oblige a given means:
# its denial is not refuted, nor checked.
DENIED_DISCRETIONARY = {
    "en": "NATO's Article 5 is often misread. Article 5 of the North Atlantic Treaty does not oblige the allies to provide military assistance.",
    "es": "El artículo 5 de la OTAN se malinterpreta a menudo. El artículo 5 del Tratado del Atlántico Norte no obliga a los aliados a prestar asistencia militar.",
    "fr": "L'article 5 de l'Otan est souvent mal compris. L'article 5 du traité de l'Atlantique Nord n'oblige pas les alliés à fournir une assistance militaire.",
    "de": "Der Artikel 5 der Nato wird oft missverstanden. Artikel 5 des Nordatlantikvertrags verpflichtet die Verbündeten nicht, militärische Hilfe zu leisten.",
    "it": "L'articolo 5 della Nato è spesso frainteso. L'articolo 5 del Trattato del Nord Atlantico non obbliga gli alleati a fornire assistenza militare.",
    "pt": "O artigo 5 da NATO é muitas vezes mal interpretado. O artigo 5 do Tratado do Atlântico Norte não obriga os aliados a prestar assistência militar.",
    "ru": "Статью 5 НАТО часто толкуют неверно. Статья 5 Североатлантического договора не обязывает союзников оказывать военную помощь.",
}

# Checked in three runs: a text that holds another one is ingested as its near-duplicate copy.
CASES = {"compared": COMPARED_CARRY_OVER, "compared_then_article": COMPARED_THEN_ARTICLE, "measured": MEASURED_AGAINST, "cited": CITED_AFTER_A_COMMA, "defend": DEFEND, "main_as_basis": MAIN_AS_BASIS, "carried_across": CARRIED_ACROSS_HEADINGS, "restrictive": RESTRICTIVE_ONLY, "fight": FIGHT_ALONGSIDE}
MORE_CASES = {"cited_again": CITED_AGAIN, "carried_fitting": CARRIED_AND_FITTING, "negated": NEGATED_BEFORE_A_COMPLEMENTIZER,
              "clause_after": CLAUSE_AFTER_THE_PARTICLE}
LAST_CASES = {
    "carried_in_paragraph": CARRIED_IN_ITS_PARAGRAPH, "comparing_headline": COMPARING_HEADLINE, "automatic_denied": AUTOMATIC_DENIED,
    "outside_named": OUTSIDE_NAMED, "outside_csto": OUTSIDE_CSTO, "outside_by_year": OUTSIDE_BY_YEAR, "named_in_passing": NAMED_IN_PASSING,
    "denied_own": DENIED_OWN_CONTENT, "denied_else": DENIED_SOMETHING_ELSE, "denied_discretionary": DENIED_DISCRETIONARY,
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    """(case, language) -> the treaty_clause and event_date verdict rows of that text, in text order."""
    return {
        **_verdicts(tmp_path_factory.mktemp("treaty_resolution"), CASES), **_verdicts(tmp_path_factory.mktemp("treaty_resolution_more"), MORE_CASES),
        **_verdicts(tmp_path_factory.mktemp("treaty_resolution_last"), LAST_CASES),
    }


@pytest.fixture(scope="module")
def verdicts(checked) -> dict[tuple[str, str], list[dict]]:
    """(case, language) -> the treaty_clause verdict rows of that text, in text order."""
    return {key: [r for r in rows if r["claim_type"] == "treaty_clause"] for key, rows in checked.items()}


def _verdicts(folder: Path, cases: dict[str, dict[str, str]]) -> dict[tuple[str, str], list[dict]]:
    paths = {}
    for case, texts in cases.items():
        for language, text in texts.items():
            path = folder / f"{case}-{language}.txt"
            path.write_text(text, encoding="utf-8")
            (folder / f"{case}-{language}.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": language}), encoding="utf-8")
            paths[(case, language)] = path
    rows, ingested, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    assert ingested.articles.height == len(paths)
    rows = rows.filter(pl.col("claim_type").is_in(["treaty_clause", "event_date"])).sort("char_start").to_dicts()
    return {key: [r for r in rows if r["source_path"] == str(path)] for key, path in paths.items()}


def _by_article(rows: list[dict], article_no: int) -> list[dict]:
    return [r for r in rows if r["article_no"] == article_no]


@pytest.mark.parametrize("language", list(COMPARED_CARRY_OVER))
def test_a_compared_treaty_does_not_carry_over_to_the_next_article(verdicts, language):
    rows = verdicts[("compared", language)]
    third = _by_article(rows, 3)
    assert len(third) == 1, [r["claim_text"] for r in rows]
    assert (third[0]["treaty_id"], third[0]["verdict"]) == ("dprk_russia_2024", "supported"), third[0]["reason"]


@pytest.mark.parametrize("language", list(COMPARED_CARRY_OVER))
def test_the_main_clause_after_a_compared_article_does_not_count_against_it(verdicts, language):
    # The compared article keeps its own treaty; its claim (if its clause says anything) ends
    # before the main clause, whose "automatic" describes the Russian-Korean pledge.
    for row in _by_article(verdicts[("compared", language)], 5):
        assert row["treaty_id"] == "north_atlantic_1949", row["reason"]
        assert "automat" not in row["claim_text"].lower(), row["claim_text"]
        assert row["verdict"] not in ("refuted", "conflicting"), row["reason"]


@pytest.mark.parametrize("language", list(MEASURED_AGAINST))
def test_a_treaty_measured_against_does_not_carry_over_to_the_next_article(verdicts, language):
    rows = verdicts[("measured", language)]
    last = _by_article(rows, 22)
    assert len(last) == 1, [r["claim_text"] for r in rows]
    assert (last[0]["treaty_id"], last[0]["verdict"]) == ("dprk_russia_2024", "supported"), last[0]["reason"]


@pytest.mark.parametrize("language", list(CITED_AFTER_A_COMMA))
def test_an_article_cited_in_another_s_description_is_part_of_it(verdicts, language):
    rows = verdicts[("cited", language)]
    assert [(r["article_no"], r["treaty_id"]) for r in rows] == [(4, "dprk_russia_2024")], [r["claim_text"] for r in rows]
    row = rows[0]
    assert row["verdict"] == "supported", row["reason"]
    text = CITED_AFTER_A_COMMA[language]
    assert row["claim_text"].rstrip(".") == text.rstrip("."), row["claim_text"]
    assert "legal_basis" in row["reason"], row["reason"]


@pytest.mark.parametrize("language", list(DEFEND))
def test_defending_the_other_party_is_article_4_s_obligation(verdicts, language):
    rows = verdicts[("defend", language)]
    assert len(rows) == 1, [r["claim_text"] for r in rows]
    assert (rows[0]["treaty_id"], rows[0]["verdict"]) == ("dprk_russia_2024", "refuted"), rows[0]["reason"]
    assert "content of Article 4" in rows[0]["reason"]


@pytest.mark.parametrize("language", list(FIGHT_ALONGSIDE))
def test_fighting_alongside_the_other_party_is_article_4_s_content(verdicts, language):
    rows = verdicts[("fight", language)]
    assert len(rows) == 1, [r["claim_text"] for r in rows]
    assert (rows[0]["treaty_id"], rows[0]["article_no"], rows[0]["verdict"]) == ("dprk_russia_2024", 3, "refuted"), rows[0]["reason"]
    assert "content of Article 4" in rows[0]["reason"]


@pytest.mark.parametrize("language", list(CITED_AGAIN))
def test_a_cited_article_named_again_keeps_its_treaty(verdicts, language):
    rows = verdicts[("cited_again", language)]
    assert [(r["article_no"], r["treaty_id"]) for r in rows] == [(4, "dprk_russia_2024"), (51, "un_charter_1945")], [r["claim_text"] for r in rows]


@pytest.mark.parametrize("language", list(MAIN_AS_BASIS))
def test_a_treaty_cited_without_an_article_still_carries_over(verdicts, language):
    rows = verdicts[("main_as_basis", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"]) for r in rows] == [(3, "dprk_russia_2024", "supported")], [r["reason"] for r in rows]


@pytest.mark.parametrize("language", list(COMPARED_THEN_ARTICLE))
def test_a_compared_article_before_another_keeps_its_own_clause(verdicts, language):
    rows = verdicts[("compared_then_article", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"]) for r in rows] == [
        (5, "north_atlantic_1949", "supported"), (4, "dprk_russia_2024", "supported"),
    ], [r["reason"] for r in rows]


@pytest.mark.parametrize("language", list(CARRIED_ACROSS_HEADINGS))
def test_a_carried_treaty_yields_to_the_main_treaty_whose_article_fits(verdicts, language):
    rows = verdicts[("carried_across", language)]
    assert [(r["article_no"], r["treaty_id"]) for r in rows] == [(4, "dprk_russia_2024"), (4, "dprk_russia_2024"), (3, "dprk_russia_2024")], [r["reason"] for r in rows]
    assistance, only_consultations, consultations = rows
    assert assistance["verdict"] == "supported", assistance["reason"]
    assert assistance["reference_id"] == "treaty:dprk_russia_2024:art4", assistance["reason"]
    # Denied ("It is not true that ...") or refuted, never supported as NATO's consultation clause.
    assert only_consultations["verdict"] in ("not_enough_evidence", "refuted"), only_consultations["reason"]
    assert only_consultations["reference_id"] == "treaty:dprk_russia_2024:art3", only_consultations["reason"]
    assert consultations["verdict"] == "supported", consultations["reason"]


@pytest.mark.parametrize("language", list(CARRIED_AND_FITTING))
def test_a_carried_treaty_whose_article_fits_stays(verdicts, language):
    rows = verdicts[("carried_fitting", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"]) for r in rows] == [(4, "north_atlantic_1949", "supported")], [r["reason"] for r in rows]


@pytest.mark.parametrize("language", list(RESTRICTIVE_ONLY))
def test_a_restrictive_only_is_no_negation(verdicts, language):
    rows = verdicts[("restrictive", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"], r["reference_id"]) for r in rows] == [
        (4, "dprk_russia_2024", "refuted", "treaty:dprk_russia_2024:art3"),
    ], [r["reason"] for r in rows]


@pytest.mark.parametrize("language", list(NEGATED_BEFORE_A_COMPLEMENTIZER))
def test_a_negation_before_a_complementizer_still_denies(verdicts, language):
    rows = verdicts[("negated", language)]
    assert [(r["article_no"], r["verdict"]) for r in rows] == [(4, "not_enough_evidence")], [r["reason"] for r in rows]
    assert rows[0]["reason"].startswith("The text denies"), rows[0]["reason"]


@pytest.mark.parametrize("language", list(CLAUSE_AFTER_THE_PARTICLE))
def test_a_particle_opening_a_clause_is_a_complementizer(verdicts, language):
    rows = verdicts[("clause_after", language)]
    assert [(r["article_no"], r["verdict"]) for r in rows] == [(4, "not_enough_evidence")], [r["reason"] for r in rows]
    assert rows[0]["reason"].startswith("The text denies"), rows[0]["reason"]


@pytest.mark.parametrize("language", list(AUTOMATIC_DENIED))
def test_a_denied_automatic_reading_is_not_contradicted(verdicts, language):
    rows = verdicts[("automatic_denied", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"]) for r in rows] == [(5, "north_atlantic_1949", "supported")], [r["reason"] for r in rows]


@pytest.mark.parametrize("language", list(CARRIED_IN_ITS_PARAGRAPH))
def test_a_treaty_carried_within_its_paragraph_stays(verdicts, language):
    rows = verdicts[("carried_in_paragraph", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"], r["reference_id"]) for r in rows] == [
        (4, "north_atlantic_1949", "refuted", "treaty:north_atlantic_1949:art5"),
    ], [r["reason"] for r in rows]


@pytest.mark.parametrize("language", list(COMPARING_HEADLINE))
def test_a_headline_comparing_another_treaty_does_not_make_it_the_main_one(verdicts, language):
    rows = verdicts[("comparing_headline", language)]
    assert [(r["article_no"], r["treaty_id"]) for r in rows] == [(4, "dprk_russia_2024"), (4, "dprk_russia_2024"), (3, "dprk_russia_2024")], [r["reason"] for r in rows]
    assistance, only_consultations, consultations = rows
    assert assistance["verdict"] == "supported", assistance["reason"]
    assert only_consultations["verdict"] == "refuted", only_consultations["reason"]
    assert only_consultations["reference_id"] == "treaty:dprk_russia_2024:art3", only_consultations["reason"]
    assert consultations["verdict"] == "supported", consultations["reason"]


@pytest.mark.parametrize("language", list(OUTSIDE_NAMED))
def test_a_treaty_outside_the_pack_named_as_such_is_checked_against_none(checked, language):
    rows = checked[("outside_named", language)]
    dates = {r["date_value"].isoformat(): r for r in rows if r["claim_type"] == "event_date"}
    assert dates["2024-06-19"]["verdict"] == "supported", dates["2024-06-19"]["reason"]
    soviet = dates["1961-07-06"]
    assert (soviet["verdict"], soviet["reference_id"]) == ("not_enough_evidence", None), soviet["reason"]
    assert "not in the reference pack" in soviet["reason"], soviet["reason"]
    first = _by_article([r for r in rows if r["claim_type"] == "treaty_clause"], 1)
    assert [(r["treaty_id"], r["verdict"]) for r in first] == [(None, "not_enough_evidence")], [r["reason"] for r in first]
    assert "not in the reference pack" in first[0]["reason"], first[0]["reason"]


@pytest.mark.parametrize("case", ["outside_csto", "outside_by_year"])
@pytest.mark.parametrize("language", list(OUTSIDE_CSTO))
def test_an_article_of_a_treaty_outside_the_pack_is_no_pack_treaty_s(verdicts, case, language):
    rows = verdicts[(case, language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"]) for r in rows] == [(4, None, "not_enough_evidence")], [r["reason"] for r in rows]
    assert "not in the reference pack" in rows[0]["reason"], rows[0]["reason"]


@pytest.mark.parametrize("language", list(NAMED_IN_PASSING))
def test_its_article_after_a_treaty_named_in_passing_is_the_main_treaty_s(verdicts, language):
    rows = verdicts[("named_in_passing", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"]) for r in rows] == [(22, "dprk_russia_2024", "supported")], [r["reason"] for r in rows]


@pytest.mark.parametrize("language", list(DENIED_OWN_CONTENT))
def test_a_negated_verb_denying_the_article_s_own_duty_is_refuted(verdicts, language):
    rows = verdicts[("denied_own", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"], r["reference_id"]) for r in rows] == [
        (4, "dprk_russia_2024", "refuted", "treaty:dprk_russia_2024:art4"),
    ] * 3, [(r["claim_text"], r["reason"]) for r in rows]
    for row in rows:
        assert row["reason"].startswith("The text denies that Article 4 of the Treaty on Comprehensive"), row["reason"]
        assert "the article provides it: obligation (provide assistance, military and other)" in row["reason"], row["reason"]


@pytest.mark.parametrize("language", list(DENIED_SOMETHING_ELSE))
def test_a_negation_bearing_on_something_else_does_not_refute(verdicts, language):
    rows = verdicts[("denied_else", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"]) for r in rows] == [(4, "dprk_russia_2024", "supported")] * 4, [
        (r["claim_text"], r["reason"]) for r in rows
    ]


@pytest.mark.parametrize("language", list(DENIED_DISCRETIONARY))
def test_a_denied_means_of_an_article_that_leaves_the_action_to_the_parties_is_not_refuted(verdicts, language):
    rows = verdicts[("denied_discretionary", language)]
    assert [(r["article_no"], r["treaty_id"], r["verdict"]) for r in rows] == [(5, "north_atlantic_1949", "not_enough_evidence")], [
        (r["claim_text"], r["reason"]) for r in rows
    ]
    assert "leaves the action to each party" in rows[0]["reason"], rows[0]["reason"]
