"""Per-language sentence templates for the benchmark corpus.

The facts (people, offices, who held what when, event dates, treaty articles, the statement's
wording, reference quantities) come from the reference pack; these templates only carry the
sentence frames around them, so every planted claim has a known truth. Filler sentences are
deliberately claim-free: no names, dates, numbers, titles, treaty words or speech verbs.
"""

from __future__ import annotations

# Month names as they appear inside a written date (genitive in Russian).
MONTHS = {
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
}

# How a full date (day, month, year) is written.
DATE_FORMATS = {
    "es": "{d} de {m} de {y}",
    "en": "{m} {d}, {y}",
    "fr": "{d} {m} {y}",
    "de": "{d}. {m} {y}",
    "it": "{d} {m} {y}",
    "pt": "{d} de {m} de {y}",
    "ru": "{d} {m} {y} года",
}

# Thousands separator for planted quantities.
THOUSANDS = {"es": ".", "en": ",", "fr": " ", "de": ".", "it": ".", "pt": ".", "ru": " "}

OUTLETS = {
    "es": ["Sputnik", "EFE", "Europa Press"],
    "en": ["Reuters", "AP"],
    "fr": ["AFP"],
    "de": ["dpa", "AFP"],
    "it": ["ANSA"],
    "pt": ["Lusa", "Agência Brasil"],
    "ru": ["ТАСС", "РИА Новости"],
}

# Wire datelines in each agency's usual style ({d} day, {m} month name, {o} outlet).
DATELINES = {
    "es": ["Moscú, {d} de {m} ({o}) .- ", "Seúl, {d} de {m} ({o}) .- "],
    "en": ["MOSCOW, {M} {d} ({o}) - ", "SEOUL, {M} {d} ({o}) - "],
    "fr": ["MOSCOU, {d} {m} ({o}) - ", "SÉOUL, {d} {m} ({o}) - "],
    "de": ["Moskau ({o}) - ", "Moskau/Seoul ({o}) - "],
    "it": ["({o}) - MOSCA, {d} {m} - "],
    "pt": ["Moscou, {d} de {m} ({o}) - ", "Seul, {d} de {m} ({o}) - "],
    "ru": ["МОСКВА, {d} {m}. /{o}/. "],
}

HEADLINES = {
    "es": ["Rusia y Corea del Norte estrechan su cooperación militar", "El Kremlin defiende su alianza con Pyongyang",
           "Nuevas tensiones en torno a la alianza entre Moscú y Pyongyang", "La alianza militar entre Rusia y Corea del Norte a examen"],
    "en": ["Russia and North Korea deepen military ties", "Kremlin defends its alliance with Pyongyang",
           "New strains over the Moscow-Pyongyang alliance", "The Russia-North Korea military pact under scrutiny"],
    "fr": ["La Russie et la Corée du Nord resserrent leur coopération militaire", "Le Kremlin défend son alliance avec Pyongyang",
           "Nouvelles tensions autour de l'alliance entre Moscou et Pyongyang"],
    "de": ["Russland und Nordkorea vertiefen ihre militärische Zusammenarbeit", "Der Kreml verteidigt sein Bündnis mit Pjöngjang",
           "Neue Spannungen um das Bündnis zwischen Moskau und Pjöngjang"],
    "it": ["Russia e Corea del Nord rafforzano la cooperazione militare", "Il Cremlino difende l'alleanza con Pyongyang",
           "Nuove tensioni intorno all'alleanza tra Mosca e Pyongyang"],
    "pt": ["Rússia e Coreia do Norte reforçam cooperação militar", "O Kremlin defende a aliança com Pyongyang",
           "Novas tensões em torno da aliança entre Moscou e Pyongyang"],
    "ru": ["Россия и КНДР укрепляют военное сотрудничество", "В Кремле защищают союз с Пхеньяном",
           "Новые споры вокруг союза Москвы и Пхеньяна"],
}

FILLER = {
    "es": [
        "Los analistas consideran que la cooperación militar entre ambos países seguirá creciendo en los próximos meses.",
        "La decisión ha provocado inquietud entre los gobiernos vecinos, que piden más transparencia.",
        "Los observadores internacionales siguen de cerca la evolución de la situación en la zona fronteriza.",
        "En las capitales europeas se multiplican las consultas diplomáticas sobre el alcance de esta alianza.",
        "Varios expertos subrayan que la relación bilateral tiene también una importante dimensión económica.",
        "La prensa local dedicó amplios espacios a las declaraciones oficiales y a sus posibles consecuencias.",
        "Las autoridades no ofrecieron detalles adicionales sobre el despliegue ni sobre su duración.",
        "Los mercados reaccionaron con cautela ante las noticias procedentes de la región.",
        "La comunidad internacional insiste en la necesidad de una salida negociada al conflicto.",
        "Según fuentes diplomáticas, las conversaciones continuarán a nivel técnico en las próximas semanas.",
        "El tema ocupa un lugar central en la agenda de seguridad de la región desde hace meses.",
        "Organizaciones humanitarias reclaman acceso a las zonas afectadas por los combates.",
        "Los gobiernos occidentales estudian nuevas medidas para responder a este acercamiento.",
        "El intercambio de delegaciones militares se ha intensificado de forma notable en los últimos tiempos.",
    ],
    "en": [
        "Analysts expect military cooperation between the two countries to keep growing in the coming months.",
        "The decision has worried neighbouring governments, which are calling for more transparency.",
        "International observers are closely following developments in the border area.",
        "European capitals have stepped up diplomatic consultations on the scope of the alliance.",
        "Several experts point out that the bilateral relationship also has a significant economic side.",
        "Local newspapers gave wide coverage to the official statements and their possible consequences.",
        "The authorities gave no further details about the deployment or how long it would last.",
        "Markets reacted cautiously to the news coming from the region.",
        "The international community keeps insisting on the need for a negotiated way out of the conflict.",
        "Diplomatic sources expect the talks to continue at a technical level in the coming weeks.",
        "The issue has been at the centre of the regional security agenda for months.",
        "Humanitarian organisations are asking for access to the areas hit by the fighting.",
        "Western governments are weighing new measures in response to the rapprochement.",
        "Exchanges of military delegations have grown markedly over recent months.",
    ],
    "fr": [
        "Les analystes estiment que la coopération militaire entre les deux pays va continuer de croître dans les prochains mois.",
        "La décision inquiète les gouvernements voisins, qui réclament davantage de transparence.",
        "Les observateurs internationaux suivent de près l'évolution de la situation dans la zone frontalière.",
        "Les capitales européennes multiplient les consultations diplomatiques sur la portée de cette alliance.",
        "Plusieurs experts rappellent que la relation bilatérale comporte aussi une importante dimension économique.",
        "La presse locale a largement couvert les déclarations officielles et leurs conséquences possibles.",
        "Les autorités n'ont fourni aucun détail supplémentaire sur le déploiement ni sur sa durée.",
        "Les marchés ont réagi avec prudence aux nouvelles venues de la région.",
        "La communauté internationale insiste sur la nécessité d'une issue négociée au conflit.",
        "Selon des sources diplomatiques, les discussions se poursuivront au niveau technique dans les prochaines semaines.",
        "La question occupe une place centrale dans l'agenda de sécurité régional depuis des mois.",
        "Des organisations humanitaires demandent l'accès aux zones touchées par les combats.",
        "Les gouvernements occidentaux étudient de nouvelles mesures pour répondre à ce rapprochement.",
    ],
    "de": [
        "Analysten erwarten, dass die militärische Zusammenarbeit beider Länder in den kommenden Monaten weiter wächst.",
        "Die Entscheidung hat die Nachbarregierungen beunruhigt, die mehr Transparenz fordern.",
        "Internationale Beobachter verfolgen die Entwicklung im Grenzgebiet aufmerksam.",
        "In den europäischen Hauptstädten häufen sich diplomatische Gespräche über die Tragweite des Bündnisses.",
        "Mehrere Fachleute weisen darauf hin, dass die bilateralen Beziehungen auch eine wirtschaftliche Seite haben.",
        "Die örtliche Presse widmete den offiziellen Erklärungen und ihren möglichen Folgen breiten Raum.",
        "Die Behörden machten keine weiteren Angaben zum Einsatz und zu seiner Dauer.",
        "Die Märkte reagierten zurückhaltend auf die Nachrichten aus der Region.",
        "Die internationale Gemeinschaft pocht auf eine Verhandlungslösung für den Konflikt.",
        "Diplomatischen Kreisen zufolge sollen die Gespräche in den kommenden Wochen auf technischer Ebene weitergehen.",
        "Das Thema steht seit Monaten im Mittelpunkt der regionalen Sicherheitsdebatte.",
        "Hilfsorganisationen fordern Zugang zu den von den Kämpfen betroffenen Gebieten.",
        "Westliche Regierungen prüfen neue Maßnahmen als Antwort auf die Annäherung.",
    ],
    "it": [
        "Gli analisti prevedono che la cooperazione militare tra i due paesi continuerà a crescere nei prossimi mesi.",
        "La decisione ha preoccupato i governi vicini, che chiedono maggiore trasparenza.",
        "Gli osservatori internazionali seguono da vicino l'evoluzione della situazione nella zona di confine.",
        "Nelle capitali europee si moltiplicano le consultazioni diplomatiche sulla portata dell'alleanza.",
        "Diversi esperti sottolineano che il rapporto bilaterale ha anche una rilevante dimensione economica.",
        "La stampa locale ha dato ampio spazio alle dichiarazioni ufficiali e alle loro possibili conseguenze.",
        "Le autorità non hanno fornito ulteriori dettagli sul dispiegamento né sulla sua durata.",
        "I mercati hanno reagito con cautela alle notizie provenienti dalla regione.",
        "La comunità internazionale insiste sulla necessità di una soluzione negoziata del conflitto.",
        "Secondo fonti diplomatiche, i colloqui proseguiranno a livello tecnico nelle prossime settimane.",
        "La questione è da mesi al centro dell'agenda di sicurezza regionale.",
        "Le organizzazioni umanitarie chiedono l'accesso alle zone colpite dai combattimenti.",
        "I governi occidentali valutano nuove misure in risposta a questo avvicinamento.",
    ],
    "pt": [
        "Os analistas esperam que a cooperação militar entre os dois países continue a crescer nos próximos meses.",
        "A decisão preocupou os governos vizinhos, que pedem mais transparência.",
        "Os observadores internacionais acompanham de perto a evolução da situação na zona fronteiriça.",
        "Nas capitais europeias multiplicam-se as consultas diplomáticas sobre o alcance da aliança.",
        "Vários especialistas sublinham que a relação bilateral tem também uma importante dimensão económica.",
        "A imprensa local deu grande destaque às declarações oficiais e às suas possíveis consequências.",
        "As autoridades não forneceram mais pormenores sobre o destacamento nem sobre a sua duração.",
        "Os mercados reagiram com cautela às notícias vindas da região.",
        "A comunidade internacional insiste na necessidade de uma saída negociada para o conflito.",
        "Segundo fontes diplomáticas, as conversações vão continuar a nível técnico nas próximas semanas.",
        "O tema ocupa há meses um lugar central na agenda de segurança regional.",
        "Organizações humanitárias pedem acesso às zonas afetadas pelos combates.",
        "Os governos ocidentais estudam novas medidas para responder a esta aproximação.",
    ],
    "ru": [
        "Аналитики ожидают, что военное сотрудничество двух стран в ближайшие месяцы продолжит расширяться.",
        "Это решение встревожило соседние правительства, которые требуют большей прозрачности.",
        "Международные наблюдатели внимательно следят за развитием ситуации в приграничной зоне.",
        "В европейских столицах участились дипломатические консультации о масштабах этого союза.",
        "Ряд экспертов обращает внимание на то, что двусторонние отношения имеют и важное экономическое измерение.",
        "Местная пресса подробно освещала официальные сообщения и их возможные последствия.",
        "Власти не сообщили дополнительных подробностей о развертывании и его продолжительности.",
        "Рынки осторожно отреагировали на новости из региона.",
        "Международное сообщество настаивает на необходимости мирного урегулирования конфликта.",
        "По данным дипломатических источников, переговоры продолжатся на техническом уровне в ближайшие недели.",
        "Эта тема уже несколько месяцев занимает центральное место в региональной повестке безопасности.",
        "Гуманитарные организации добиваются доступа в районы, пострадавшие от боевых действий.",
        "Западные правительства изучают новые меры в ответ на это сближение.",
    ],
}

# office_holder: "<person>, <title>, <rest>" (the apposition every language shares).
OFFICE_REST = {
    "es": ["participó en la reunión celebrada en la capital.", "se reunió con una delegación extranjera.", "encabezó la delegación oficial durante la visita."],
    "en": ["took part in the meeting held in the capital.", "met a foreign delegation.", "led the official delegation during the visit."],
    "fr": ["a participé à la réunion organisée dans la capitale.", "a reçu une délégation étrangère.", "conduisait la délégation officielle lors de la visite."],
    "de": ["nahm an dem Treffen in der Hauptstadt teil.", "empfing eine ausländische Delegation.", "leitete die offizielle Delegation bei dem Besuch."],
    "it": ["ha partecipato alla riunione svoltasi nella capitale.", "ha ricevuto una delegazione straniera.", "guidava la delegazione ufficiale durante la visita."],
    "pt": ["participou na reunião realizada na capital.", "recebeu uma delegação estrangeira.", "chefiou a delegação oficial durante a visita."],
    "ru": ["принял участие во встрече в столице.", "провел встречу с иностранной делегацией.", "возглавил официальную делегацию во время визита."],
}

# event_date: one frame per event and language, {date} a full written date.
EVENTS = {
    "dprk_russia_treaty_signed": {
        "es": "Putin y Kim Jong-un firmaron el tratado en Pyongyang el {date}.",
        "en": "Putin and Kim Jong Un signed the treaty in Pyongyang on {date}.",
        "fr": "Poutine et Kim Jong-un ont signé le traité à Pyongyang le {date}.",
        "de": "Putin und Kim Jong Un unterzeichneten den Vertrag am {date} in Pjöngjang.",
        "it": "Putin e Kim Jong-un hanno firmato il trattato a Pyongyang il {date}.",
        "pt": "Putin e Kim Jong-un assinaram o tratado em Pyongyang em {date}.",
        "ru": "Путин и Ким Чен Ын подписали договор в Пхеньяне {date}.",
    },
    "kursk_incursion_start": {
        "es": "Las fuerzas ucranianas iniciaron la incursión en la región de Kursk el {date}.",
        "en": "Ukrainian forces began the incursion into the Kursk region on {date}.",
        "fr": "Les forces ukrainiennes ont lancé leur incursion dans la région de Koursk le {date}.",
        "de": "Ukrainische Truppen begannen am {date} ihren Vorstoß in die Region Kursk.",
        "it": "Le forze ucraine hanno avviato l'incursione nella regione di Kursk il {date}.",
        "pt": "As forças ucranianas iniciaram a incursão na região de Kursk em {date}.",
        "ru": "Украинские войска начали вторжение в Курскую область {date}.",
    },
    "duma_ratifies_treaty": {
        "es": "La Duma ratificó el tratado con Corea del Norte el {date}.",
        "en": "The State Duma voted to ratify the treaty with North Korea on {date}.",
        "fr": "La Douma a ratifié le traité avec la Corée du Nord le {date}.",
        "de": "Die Staatsduma hat den Vertrag mit Nordkorea am {date} ratifiziert.",
        "it": "La Duma ha ratificato il trattato con la Corea del Nord il {date}.",
        "pt": "A Duma ratificou o tratado com a Coreia do Norte em {date}.",
        "ru": "Государственная дума ратифицировала договор с КНДР {date}.",
    },
    "treaty_enters_into_force": {
        "es": "El tratado con Corea del Norte entró en vigor el {date}, tras el canje de instrumentos de ratificación.",
        "en": "The treaty with North Korea entered into force on {date} after the exchange of instruments.",
        "fr": "Le traité avec la Corée du Nord est entré en vigueur le {date}, après l'échange des instruments de ratification.",
        "de": "Der Vertrag mit Nordkorea trat am {date} in Kraft.",
        "it": "Il trattato con la Corea del Nord è entrato in vigore il {date}, dopo lo scambio degli strumenti di ratifica.",
        "pt": "O tratado com a Coreia do Norte entrou em vigor em {date}, após a troca dos instrumentos de ratificação.",
        "ru": "Договор с КНДР вступил в силу {date} после обмена ратификационными грамотами.",
    },
    "gerasimov_reports_kursk_retaken": {
        "es": "Gerásimov anunció el {date} que la región de Kursk había sido liberada por completo.",
        "en": "Gerasimov reported on {date} that the Kursk region had been fully retaken.",
        "fr": "Guerassimov a annoncé le {date} que la région de Koursk avait été entièrement libérée.",
        "de": "Gerassimow meldete am {date}, die Region Kursk sei vollständig befreit worden.",
        "it": "Gerasimov ha annunciato il {date} la liberazione completa della regione di Kursk.",
        "pt": "Gerasimov anunciou em {date} a libertação completa da região de Kursk.",
        "ru": "Герасимов {date} доложил о полном освобождении Курской области.",
    },
    "north_atlantic_treaty_signed": {
        "es": "El Tratado del Atlántico Norte, base de la OTAN, se firmó en Washington el {date}.",
        "en": "The North Atlantic Treaty, the founding text of NATO, was signed in Washington on {date}.",
        "fr": "Le traité de l'Atlantique nord, texte fondateur de l'OTAN, a été signé à Washington le {date}.",
        "de": "Der Nordatlantikvertrag, Gründungstext der NATO, wurde am {date} in Washington unterzeichnet.",
        "it": "Il Trattato del Nord Atlantico, atto fondativo della NATO, fu firmato a Washington il {date}.",
        "pt": "O Tratado do Atlântico Norte, documento fundador da OTAN, foi assinado em Washington em {date}.",
        "ru": "Североатлантический договор, основа НАТО, был подписан в Вашингтоне {date}.",
    },
}

# treaty_clause: "Article {n} of {treaty} says that {content}".
CLAUSE_FRAMES = {
    "es": "El artículo {n} del {treaty} establece que {content}.",
    "en": "Article {n} of the {treaty} states that {content}.",
    "fr": "L'article {n} du {treaty} prévoit que {content}.",
    "de": "Artikel {n} des {treaty} sieht vor, dass {content}.",
    "it": "L'articolo {n} del {treaty} stabilisce che {content}.",
    "pt": "O artigo {n} do {treaty} estabelece que {content}.",
    "ru": "Статья {n} {treaty} гласит, что {content}.",
}

# The treaty as the frame needs it (genitive where the language wants one); each is a name
# the pack lists for that treaty.
CLAUSE_TREATIES = {
    "dprk_russia_2024": {
        "es": "Tratado de Asociación Estratégica Integral", "en": "Treaty on Comprehensive Strategic Partnership",
        "fr": "traité de partenariat stratégique global", "de": "Vertrags über eine umfassende strategische Partnerschaft",
        "it": "trattato di partenariato strategico globale", "pt": "tratado de parceria estratégica abrangente",
        "ru": "Договора о всеобъемлющем стратегическом партнёрстве",
    },
    "north_atlantic_1949": {
        "es": "Tratado del Atlántico Norte", "en": "North Atlantic Treaty", "fr": "traité de l'Atlantique nord",
        "de": "Nordatlantikvertrags", "it": "Trattato del Nord Atlantico", "pt": "Tratado do Atlântico Norte",
        "ru": "Североатлантического договора",
    },
}

# What an article says, keyed (treaty_id, article_no) of the article it really is.
CLAUSE_CONTENT = {
    ("dprk_russia_2024", 4): {
        "es": "en caso de agresión armada contra una de las partes, la otra le prestará de inmediato asistencia militar con todos los medios a su alcance",
        "en": "if one party comes under armed attack, the other shall immediately provide military assistance with all the means at its disposal",
        "fr": "en cas d'agression armée contre l'une des parties, l'autre lui fournit immédiatement une assistance militaire avec tous les moyens dont elle dispose",
        "de": "bei einem bewaffneten Angriff auf eine Seite die andere unverzüglich militärischen Beistand mit allen verfügbaren Mitteln leistet",
        "it": "in caso di aggressione armata contro una delle parti, l'altra fornisce immediatamente assistenza militare con tutti i mezzi a sua disposizione",
        "pt": "em caso de agressão armada contra uma das partes, a outra presta imediatamente assistência militar com todos os meios à sua disposição",
        "ru": "в случае вооружённого нападения на одну из сторон другая сторона незамедлительно оказывает военную помощь всеми имеющимися средствами",
    },
    ("dprk_russia_2024", 3): {
        "es": "ante una amenaza inmediata de agresión, las partes celebrarán consultas bilaterales sin demora",
        "en": "in the event of an immediate threat of aggression, the parties shall hold bilateral consultations without delay",
        "fr": "en cas de menace immédiate d'agression, les parties tiennent sans délai des consultations bilatérales",
        "de": "bei einer unmittelbaren Bedrohung durch eine Aggression beide Seiten unverzüglich Konsultationen aufnehmen",
        "it": "in caso di minaccia immediata di aggressione, le parti avviano senza indugio consultazioni bilaterali",
        "pt": "diante de uma ameaça imediata de agressão, as partes realizam consultas bilaterais sem demora",
        "ru": "при угрозе агрессии стороны незамедлительно проводят двусторонние консультации",
    },
    ("north_atlantic_1949", 5): {
        "es": "un ataque armado contra uno de los aliados en Europa o América del Norte se considerará un ataque contra todos",
        "en": "an armed attack against one ally in Europe or North America shall be considered an attack against them all",
        "fr": "une attaque armée contre l'un des alliés en Europe ou en Amérique du Nord sera considérée comme une attaque contre tous",
        "de": "ein bewaffneter Angriff gegen einen Verbündeten in Europa oder Nordamerika als Angriff gegen alle angesehen wird",
        "it": "un attacco armato contro uno degli alleati in Europa o in America del Nord sarà considerato un attacco contro tutti",
        "pt": "um ataque armado contra um dos aliados na Europa ou na América do Norte será considerado um ataque contra todos",
        "ru": "вооружённое нападение на одного из союзников в Европе или Северной Америке рассматривается как нападение на всех",
    },
}

# quote: {q} is the quoted words with the language's marks.
QUOTE_MARKS = {"es": ("«", "»"), "en": ("“", "”"), "fr": ("« ", " »"), "de": ("„", "“"), "it": ("«", "»"), "pt": ("«", "»"), "ru": ("«", "»")}
QUOTE_FRAMES = {
    "es": ["{speaker} declaró: {q}.", "{q}, afirmó {speaker}."],
    "en": ["{speaker} said: {q}", "{q} {speaker} said."],
    "fr": ["{speaker} a déclaré : {q}.", "{q}, a affirmé {speaker}."],
    "de": ["{speaker} sagte: {q}.", "{q}, erklärte {speaker}."],
    "it": ["{speaker} ha dichiarato: {q}.", "{q}, ha affermato {speaker}."],
    "pt": ["{speaker} declarou: {q}.", "{q}, afirmou {speaker}."],
    "ru": ["{speaker} заявил: {q}.", "{q}, — заявил {speaker}."],
}

# quantity: the NIS estimate of North Korean troops sent to Russia, {num} written out.
QUANTITY_FRAMES = {
    "es": "Según la inteligencia surcoreana, Corea del Norte envió unos {num} soldados a Rusia.",
    "en": "According to South Korean intelligence, North Korea sent about {num} troops to Russia.",
    "fr": "Selon le renseignement sud-coréen, la Corée du Nord a envoyé environ {num} soldats en Russie.",
    "de": "Nach Angaben des südkoreanischen Geheimdienstes hat Nordkorea rund {num} Soldaten nach Russland geschickt.",
    "it": "Secondo l'intelligence sudcoreana, la Corea del Nord ha inviato circa {num} soldati in Russia.",
    "pt": "Segundo a inteligência sul-coreana, a Coreia do Norte enviou cerca de {num} soldados para a Rússia.",
    "ru": "По данным южнокорейской разведки, КНДР направила в Россию около {num} военнослужащих.",
}

LANGUAGES = ("es", "en", "fr", "de", "it", "pt", "ru")

# Combinatorial filler: opener + subject + verb + complement (8 x 8 x 8 x 8 sentences per
# language), so that two articles share few five-word runs, as two real articles would, and
# the near-duplicate detector does not take distinct stories for copies. Subjects are plural
# to agree with every verb; no fragment names a person, title, date, number or speech verb.
FILLER_PARTS = {
    "es": (
        ["Según varios analistas,", "En opinión de los expertos,", "Por su parte,", "Mientras tanto,", "Al mismo tiempo,", "En este contexto,", "De acuerdo con fuentes diplomáticas,", "Como era de esperar,"],
        ["los gobiernos vecinos", "las capitales europeas", "los observadores internacionales", "los medios locales", "los mercados financieros", "las organizaciones humanitarias", "los diplomáticos occidentales", "los centros de estudios estratégicos"],
        ["siguen con atención", "analizan con cautela", "critican abiertamente", "observan con preocupación", "valoran de forma positiva", "examinan en detalle", "ponen en duda", "estudian a fondo"],
        ["la evolución de la situación en la zona fronteriza.", "el alcance real de la cooperación militar.", "las consecuencias económicas del acercamiento.", "el papel de las potencias regionales.", "la respuesta de la comunidad internacional.", "el futuro de las negociaciones de paz.", "las implicaciones para la seguridad regional.", "los riesgos de una nueva escalada."],
    ),
    "en": (
        ["According to several analysts,", "In the view of experts,", "For their part,", "Meanwhile,", "At the same time,", "Against this background,", "As diplomatic sources see it,", "As was to be expected,"],
        ["neighbouring governments", "European capitals", "international observers", "local media outlets", "financial markets", "humanitarian organisations", "Western diplomats", "strategic research centres"],
        ["are closely following", "are cautiously weighing", "openly criticise", "are worried about", "take a positive view of", "are examining in detail", "cast doubt on", "are studying in depth"],
        ["the situation in the border area.", "the real scope of the military cooperation.", "the economic consequences of the rapprochement.", "the role of the regional powers.", "the response of the international community.", "the future of the peace negotiations.", "the implications for regional security.", "the risks of a new escalation."],
    ),
    "fr": (
        ["Selon plusieurs analystes,", "De l'avis des experts,", "De leur côté,", "Pendant ce temps,", "Dans le même temps,", "Dans ce contexte,", "D'après des sources diplomatiques,", "Comme on pouvait s'y attendre,"],
        ["les gouvernements voisins", "les capitales européennes", "les observateurs internationaux", "les médias locaux", "les marchés financiers", "les organisations humanitaires", "les diplomates occidentaux", "les centres d'études stratégiques"],
        ["suivent de près", "examinent avec prudence", "critiquent ouvertement", "observent avec inquiétude", "jugent favorablement", "étudient en détail", "mettent en doute", "analysent en profondeur"],
        ["l'évolution de la situation dans la zone frontalière.", "la portée réelle de la coopération militaire.", "les conséquences économiques du rapprochement.", "le rôle des puissances régionales.", "la réponse de la communauté internationale.", "l'avenir des négociations de paix.", "les implications pour la sécurité régionale.", "les risques d'une nouvelle escalade."],
    ),
    "de": (
        ["Nach Einschätzung mehrerer Analysten", "Aus Sicht von Fachleuten", "Ihrerseits", "Unterdessen", "Zugleich", "Vor diesem Hintergrund", "In diplomatischen Kreisen", "Wie erwartet"],
        ["verfolgen die Nachbarregierungen", "beobachten die europäischen Hauptstädte", "prüfen internationale Beobachter", "untersuchen lokale Medien", "bewerten die Finanzmärkte", "analysieren Hilfsorganisationen", "diskutieren westliche Diplomaten", "erörtern strategische Forschungsinstitute"],
        ["aufmerksam", "mit Vorsicht", "sehr kritisch", "mit Sorge", "recht positiv", "im Detail", "mit Skepsis", "gründlich"],
        ["die Lage im Grenzgebiet.", "die tatsächliche Tragweite der militärischen Zusammenarbeit.", "die wirtschaftlichen Folgen der Annäherung.", "die Rolle der Regionalmächte.", "die Reaktion der internationalen Gemeinschaft.", "die Zukunft der Friedensgespräche.", "die Folgen für die regionale Sicherheit.", "die Gefahr einer neuen Eskalation."],
    ),
    "it": (
        ["Secondo diversi analisti,", "A giudizio degli esperti,", "Da parte loro,", "Nel frattempo,", "Allo stesso tempo,", "In questo contesto,", "Secondo fonti diplomatiche,", "Come era prevedibile,"],
        ["i governi vicini", "le capitali europee", "gli osservatori internazionali", "i media locali", "i mercati finanziari", "le organizzazioni umanitarie", "i diplomatici occidentali", "i centri di studi strategici"],
        ["seguono con attenzione", "valutano con cautela", "criticano apertamente", "osservano con preoccupazione", "giudicano positivamente", "esaminano nel dettaglio", "mettono in dubbio", "studiano a fondo"],
        ["l'evoluzione della situazione nella zona di confine.", "la reale portata della cooperazione militare.", "le conseguenze economiche dell'avvicinamento.", "il ruolo delle potenze regionali.", "la risposta della comunità internazionale.", "il futuro dei negoziati di pace.", "le implicazioni per la sicurezza regionale.", "i rischi di una nuova escalation."],
    ),
    "pt": (
        ["Segundo vários analistas,", "Na opinião dos especialistas,", "Por sua vez,", "Entretanto,", "Ao mesmo tempo,", "Neste contexto,", "De acordo com fontes diplomáticas,", "Como era de esperar,"],
        ["os governos vizinhos", "as capitais europeias", "os observadores internacionais", "os meios de comunicação locais", "os mercados financeiros", "as organizações humanitárias", "os diplomatas ocidentais", "os centros de estudos estratégicos"],
        ["acompanham com atenção", "analisam com cautela", "criticam abertamente", "observam com preocupação", "avaliam de forma positiva", "examinam em pormenor", "põem em causa", "estudam a fundo"],
        ["a evolução da situação na zona fronteiriça.", "o alcance real da cooperação militar.", "as consequências económicas da aproximação.", "o papel das potências regionais.", "a resposta da comunidade internacional.", "o futuro das negociações de paz.", "as implicações para a segurança regional.", "os riscos de uma nova escalada."],
    ),
    "ru": (
        ["По оценкам ряда аналитиков,", "По мнению экспертов,", "Со своей стороны,", "Тем временем", "В то же время", "В этих условиях", "По данным дипломатических источников,", "Как и ожидалось,"],
        ["соседние правительства", "европейские столицы", "международные наблюдатели", "местные СМИ", "финансовые рынки", "гуманитарные организации", "западные дипломаты", "стратегические исследовательские центры"],
        ["внимательно следят за", "осторожно оценивают", "открыто критикуют", "с тревогой наблюдают за", "положительно оценивают", "подробно изучают", "ставят под сомнение", "тщательно анализируют"],
        ["ситуацией в приграничной зоне.", "реальными масштабами военного сотрудничества.", "экономическими последствиями сближения.", "ролью региональных держав.", "реакцией международного сообщества.", "перспективами мирных переговоров.", "последствиями для региональной безопасности.", "рисками новой эскалации."],
    ),
}
