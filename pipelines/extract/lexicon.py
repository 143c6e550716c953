"""Per-language word lists, loaded from ``data/lexicons/<lang>.yaml``.

Everything language-specific the extractors use lives in these files, so adding a language
is adding a file (see README, "Adding a language"). Patterns are Rust-regex fragments (Polars
runs them) with placeholders ``{day}``, ``{nday}``, ``{month}``, ``{year}``, ``{weekday}`` and ``{num}``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from pipelines import yamlio


class NumberRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thousands_separators: list[str] = Field(default_factory=lambda: [","])
    decimal_separator: str = "."
    words: dict[str, int] = Field(default_factory=dict)
    """Number words, folded, every written form (inflections too): units 1-9, teens 10-19, tens
    ("twenty", "двадцати", "quatre-vingt") and scales, values of 100 or more ("hundred", "mil",
    "тысяч"). A compound is read as tens joined to a unit or teen (``joiners``), then scales,
    each scale multiplying what is before it: "twenty-three", "vinte e três", "двадцати трех",
    "veintitrés" (with ``compound_parts``), "dreiundzwanzigtausend" (``units_first``). Words of
    100 to 999 are hundreds, read with what follows them (``hundred_joiners``): write the fused
    and irregular ones out ("doscientos": 200, "двести": 200, "quinhentos": 500). Scales of
    1000 or more also multiply digits ("12 mil", "12 тыс.", "12mila")."""
    compound_parts: dict[str, int] = Field(default_factory=dict)
    """Forms of tens or units found only inside a compound ("veinti" of "veintitrés", "vent" of
    "ventuno", "ein" of "einundzwanzig"): never a number on their own ("ein", "una" are articles)."""
    joiners: list[str] = Field(default_factory=list)
    """What joins tens and a unit in a compound, spaces included ("-", " ", " y ", " e ", "und");
    "" for fused forms ("ventitré")."""
    hundred_joiners: list[str] = Field(default_factory=list)
    """What joins a hundreds word ("hundred", "ciento", "cent", "hundert", "сто", "двести") and
    the tens or unit after it, spaces included (" and ", " ", " e ", "" for "centoventi" and
    "hundertzwanzig"): "hundred and twenty", "cento e vinte" are one number. Without one a
    hundreds word is read alone ("ciento" of "ciento veinte" would count 100). The value is the
    hundreds word (times the unit before it: "two hundred", "zweihundert", "deux cents") plus
    what follows."""
    units_first: bool = False
    """True where the unit comes before the tens ("dreiundzwanzig")."""
    count_phrases: list[str] = Field(default_factory=list)
    """Folded phrases for "the number of" between a number and the counted noun ("à quelque
    12 000 le nombre de soldats": "le nombre de"), or, with ``count_prepositions``, before the
    noun and a number after it."""
    count_prepositions: list[str] = Field(default_factory=list)
    """Folded words that put a number on "the number of <noun>" after it, at most four words on
    ("put the number of North Korean troops at 12,000": "at"; "die Zahl der Soldaten auf
    12.000": "auf")."""
    hyphen_units: dict[str, str] = Field(default_factory=dict)
    """Singular nouns (lower-case prefix) -> canonical unit, counted only right after a number
    and a hyphen ("the 22-article pact"): alone ("one article of the treaty") they count nothing."""
    approx_markers: list[str] = Field(default_factory=list)
    """Words before a number meaning 'about' ("unos", "about", "около")."""
    lower_bound_markers: list[str] = Field(default_factory=list)
    """Approximation markers that make the number a floor ("more than", "свыше"): the claim
    holds when the reference figure is at least the number."""
    upper_bound_markers: list[str] = Field(default_factory=list)
    """Markers that make the number a ceiling ("up to", "almost", "до"): the claim holds when
    the reference figure is at most the number and the number does not overstate it by more
    than an approximate figure may ("up to 50,000" against 12,000 is refuted)."""
    range_openers: list[str] = Field(default_factory=list)
    """Words before the first end of a range ("between", "zwischen", "entre", "от"): with a
    ``range_joiners`` word between the two numbers ("between 11,000 and 13,000 troops", "от 11
    до 13 тысяч") the quantity is the range, checked as one claim (the reference figure must lie
    between its ends). The first end takes the scale of the second ("tra 11 e 12 mila")."""
    range_joiners: list[str] = Field(default_factory=list)
    """Words between the ends of a range opened by a ``range_openers`` word ("and", "und", "et", "до")."""
    range_bare_joiners: list[str] = Field(default_factory=list)
    """Words that join the two ends of a range with no opener ("10,000 to 12,000 troops",
    "11.000 bis 13.000 Soldaten", "de 11 000 à 13 000"); a hyphen or dash always does
    ("11,000-13,000 troops")."""
    ordinal_suffixes: list[str] = Field(default_factory=list)
    """What follows a digit to make it an ordinal, not a count ("4th", "3e", "4.º", "4°",
    "4-я"); "." (German "der 3. und der 4.") only when a comma or a lower-case word follows
    it. An ordinal counts nothing: "dois dos 23 artigos — o 3.º e o 4.º —" states 23 articles
    only."""
    units: dict[str, str] = Field(default_factory=dict)
    """Surface noun (lower-case prefix) -> canonical unit of the reference pack ("tropas": "troops")."""
    context_units: dict[str, str] = Field(default_factory=dict)
    """Nouns, folded whole words (every form written out), that count a unit only in a text about
    it: "men", "hommes", "Mann", "uomini", "человек" are troops in "Pyongyang sent some 12,000
    men", not in "the factory employs 12,000 men". A number with one is a claim only when the
    sentence, its neighbours or the article's lead (headline and first sentence) has a word
    starting with one of ``units`` of that unit or with one of its ``unit_context`` words."""
    unit_context: dict[str, list[str]] = Field(default_factory=dict)
    """Canonical unit -> folded word starts that say a text is about that unit, besides its
    ``units`` nouns (troops: "army", "deploy", "sent", "front"; see ``context_units``)."""


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str = Field(pattern=r"^[a-z]{2}$")
    name: str
    months: dict[str, int]
    """Every written form of each month, lower-case (genitive and abbreviations too)."""
    byline_words: list[str] = Field(default_factory=list)
    """Folded words that open a byline ("by", "por", "von", "от", "автор"): a line at the top of
    an article made of one, a name and optionally a date and time ("Por Equipe de Checagem —
    30/04/2025 10h00") is no sentence and makes no claim (pipelines.ingest.articles)."""
    weekdays: dict[str, int] = Field(default_factory=dict)
    """Weekday forms, lower-case, Monday = 0."""
    date_patterns: list[str]
    """Absolute dates with a day: e.g. '{day} de {month}(?: de {year})?'. In a pattern with a
    ``{month}``, ``{day}`` is the day in digits or in words (``day_words``); ``{nday}`` is the day
    in digits only, where a word would be ambiguous ("may first" is no date in "it may first")."""
    day_words: dict[str, int] = Field(default_factory=dict)
    """Ordinal day-of-month words, folded, every inflection written out -> the day ("first": 1,
    "nineteenth": 19, "neunzehnten": 19, "шестого": 6, "primero": 1, "premier": 1): the
    ``{day}`` of a date pattern with a month ("am neunzehnten Juni", "шестого ноября", "the
    nineteenth of June", "el primero de diciembre"). Compounds are read as number words are
    (``numbers.joiners``, ``numbers.compound_parts``, ``numbers.units_first``), their last
    word an ordinal: "twenty-first", "двадцать шестого", "vierundzwanzigsten"."""
    cardinal_days: bool = False
    """True where a day is also written as a cardinal number word ("el diecinueve de junio",
    "le vingt juin", "il diciannove giugno", "dezanove de junho"): the ``numbers.words`` of 1 to
    31, and their compounds ("vingt et un", "veintitrés"), are days too."""
    day_only_patterns: list[str] = Field(default_factory=list)
    """Dates that give only the day, in digits ({day}): "on the {day}(?:st|nd|rd|th)", "am {day}",
    "le {day}". Only where the clause ends right after it ("He signed it on the 9th.", not "on
    the 20th anniversary" nor "el 21/06/2024"), it takes the month and year of the nearest day
    or month date before it in the article ("Some say it was signed on the 20th." after "On 19
    June 2024 ..."), or, with none, of the publication when the day is not after the
    publication's."""
    past_markers: list[str] = Field(default_factory=list)
    """Words next to a date meaning 'the last one before publication' ("pasado", "dernier")."""
    year_markers: dict[str, int] = Field(default_factory=dict)
    """Phrases inside a year-less date giving its year as an offset from publication
    ("прошлого года": -1, "de l'année dernière": -1, "dieses Jahres": 0)."""
    month_patterns: list[str] = Field(default_factory=list)
    """Month-precision dates: 'en {month} de {year}', 'el pasado {month}', 'last {month}'."""
    weekday_patterns: list[str] = Field(default_factory=list)
    """Weekday references resolved to the last such day before publication: 'am {weekday}'."""
    weekday_appositions: list[str] = Field(default_factory=list)
    """Folded words that may stand between a full date and a weekday in apposition to it, after
    the comma ("a" in "on 26 April 2025, a Saturday", "un sábado", "einem Samstag", "um
    sábado"): the weekday names the date's day (no date claim of its own). Prepositions the
    weekday patterns already read ("в субботу", "on Saturday") need no entry here."""
    relative_days: dict[str, int] = Field(default_factory=dict)
    """Whole phrases -> day offset from publication ("ayer": -1)."""
    relative_years: dict[str, int] = Field(default_factory=dict)
    """Whole phrases -> year offset from publication ("el año pasado": -1)."""
    following_days: dict[str, int] = Field(default_factory=dict)
    """Whole phrases -> day offset from the date the text just gave, not from publication ("the
    next day": 1, "le lendemain": 1): counted from the nearest full day date before it in its
    paragraph; with none, no date. Not where an owner connector or determiner follows ("le
    lendemain de l'attaque", "the day after the attacks": the day after something else)."""
    later_words: list[str] = Field(default_factory=list)
    """Words saying that what follows comes after the date the text just gave ("later",
    "später", "спустя"): a weekday after one in its sentence ("Two days later, on Monday") is
    the first such day after the nearest full day date before it in its paragraph, not the
    publication week's; with none, no date."""
    nowadays_markers: list[str] = Field(default_factory=list)
    """Words that make "today" mean 'nowadays' when they stand just before it, at most one word
    between ("still misread today", "ainda hoje", "noch heute"): no event date."""
    writing_phrases: list[str] = Field(default_factory=list)
    """Phrases of the text's own writing ("we wrote", "abbiamo scritto"): a date right before
    one, at most two words between ("earlier today we wrote that ..."), says when the text was
    written, not when an event happened: no event date."""
    future_markers: list[str] = Field(default_factory=list)
    """Words before a date in its sentence (after the date before it) saying that the event is
    planned or expected ("is due to", "soll", "doit", "должен", future verbs such as "votará"):
    a year-less date is the next such day or month from publication, not the last one, and the
    date is checked as a plan (``date_relation`` 'planned': supported when the event happened on
    it, otherwise not refuted)."""
    not_yet_phrases: list[str] = Field(default_factory=list)
    """Phrases before a date in its sentence saying the event had not happened by then ("not
    yet", "noch nicht", "ainda não"): the date is checked as a bound (``date_relation``
    'not_yet': supported when the event came after it, refuted when before)."""
    article_words: list[str]
    """Regex fragments for 'Article' before a number ("artículo", "art\\.")."""
    treaty_words: list[str] = Field(default_factory=list)
    """Common nouns for treaties ("tratado", "pacto"), used to spot treaties missing from the pack."""
    treaty_name_patterns: list[str] = Field(default_factory=list)
    """Regexes over the original text for treaty names built the other way round, adjective or
    name first ("Warschauer Pakt", "Warsaw Pact", "Варшавский договор"); a match whose first
    word is a determiner or connector is ignored."""
    outside_treaty_patterns: list[str] = Field(default_factory=list)
    """Regexes over the match-space text (folded, lower case, every character other than a
    letter or digit a space) naming treaties the reference pack does not hold but that articles
    about its treaties cite beside them: the CSTO's Collective Security Treaty ("collective
    security treaty", "договор о коллективной безопасности") and the 1961 Soviet-DPRK treaty
    ("soviet north korean treaty", "советско корейский договор", "trattato sovietico"). A match
    is a treaty outside the pack: an article number or a date it owns is checked against no
    pack treaty (not_enough_evidence, "not in the reference pack"), and a pack treaty's name or
    context word inside it is part of it ("Советско-корейский Договор о дружбе, сотрудничестве
    и взаимной помощи" is not the China-DPRK treaty of the same name and year). Whole words;
    no ``\\b`` needed."""
    clause_verbs: list[str] = Field(default_factory=list)
    """Prefixes of verbs that introduce a clause's content ("establec", "prevé", "stipulat")."""
    obligation_verbs: list[str] = Field(default_factory=list)
    """Whole words (every verb form written out, no nouns: "obligation" and "Verpflichtung" name
    a clause, they do not say what it requires) by which a text says an article imposes a duty
    ("obliges", "requires", "must", "verpflichtet", "обязывает"): a clause claim that has one
    states an obligation, and is not supported unless the article's own obligation (or means)
    is recognised in it."""
    negations: list[str] = Field(default_factory=list)
    """Whole words that negate ("not", "no", "nicht", "kein", "не"): a clause claim with one is
    never refuted on a word the reference marks as contradicting an element ("automatic"): the
    text may be denying that reading ("the use of force is not automatic"). In the clause of a
    quantity they deny the figure (see ``denial_words``)."""
    limiting_words: list[str] = Field(default_factory=list)
    """Folded whole words for "only" ("only", "merely", "just", "nur", "seulement", "solo",
    "soltanto", "apenas", "лишь", "только"). Right after a negation (one word may stand
    between: "not only", "pas seulement", "nicht nur", "не только", "não só") they make it a
    "not only", which denies no content; in a clause claim whose verb a negation governs (see
    ``verb_negation_gap``) one ends what the negation denies ("não prevê assistência militar
    apenas consultas": the consultations are affirmed)."""
    concord_negations: list[str] = Field(default_factory=list)
    """The ``negations`` that, after another negation, agree with it instead of negating again
    (negative concord: "no obliga a ninguna parte", "ne prévoit jamais aucune", "non prevede
    mai", "не предусматривает никогда"): in what a negated verb governs (see
    ``verb_negation_gap``) any other negation is a second one that makes the denial
    unclear ("does not provide that the other party does not help"), these are not."""
    negated_verbs: list[str] = Field(default_factory=list)
    """Folded whole words: the forms a clause verb takes after a negated auxiliary, where
    ``clause_verbs`` and ``obligation_verbs`` do not already cover them ("provide", "say",
    "stipulate" in "does not provide for", "doesn't say", "did not stipulate"). They count as
    the article's verb only right after a negation (see ``verb_negation_gap``), never to
    make a clause claim."""
    verb_negation_gap: int = 0
    """How many words may stand between a clause or obligation verb and a negation after it
    that governs the verb: 0 where the negation follows the verb only right away ("provides no
    assistance", "предусматривает не ..."), 3 in German, where "nicht" or "kein" stands after
    the object ("sieht militärische Hilfe nicht vor", "verpflichtet Russland nicht"). A
    negation right before the verb always governs it ("does not provide", "n'oblige pas",
    "не предусматривает", "no prevé", "non prevede", "não prevê"; one word of at most two
    letters may stand between: "doesn't provide", "no lo prevé"). A clause claim so negated
    that describes its article's own obligation or means, short of the next punctuation, a
    ``correction_conjunctions`` word or a ``limiting_words`` word, and with no second
    negation there and no contradiction word of the article, denies what the article
    provides: refuted (``negated_norm``; see ``treaty_clause_verdicts``)."""
    denial_words: list[str] = Field(default_factory=list)
    """Folded whole words or phrases by which a sentence says a figure is false ("made up",
    "invented", "false", "frei erfunden", "inventada", "fausse", "выдумка"). A quantity whose
    clause (between the separators around it) has one, or has a negation (``negations`` but
    ``privative_words``) short of a complementizer or conjunction, is denied ("North Korea did
    not send 100,000 troops", "The figure of 50,000 is made up"): not_enough_evidence, never
    refuted (see ``quantity_verdicts``)."""
    restrictive_particles: list[str] = Field(default_factory=list)
    """Folded whole words that, one or two words after one of the ``negations``, make it a
    restrictive "only" ("ne prévoit que des consultations", "n'est qu'une", "non prevede che
    consultazioni", "não prevê senão consultas", "no prevé sino consultas", "не предусматривает
    ничего, кроме консультаций"): that negation denies nothing, the clause says the article does
    only that (a clause claim is not negated, a quantity not denied). The words between must be
    no negation, no ``speech_verbs``/``reporting_verbs`` word and no word of a ``denial_words``
    phrase: "il ne dit pas que ...", "non è vero che ...", "non dice che ..." stay negated.
    English and German say "only" with words that are no negation ("nothing but", "nichts
    als") and need none."""
    clause_markers: list[str] = Field(default_factory=list)
    """Folded whole words that stand only in a clause, never in a bare noun phrase: finite verb
    forms a reported clause takes (subjunctives and the forms of "be", "have" and modals: "sia",
    "fosse", "abbia", "debba", "soit", "seja", "sea") and clitics that stand only before a verb
    ("si", "se"). One within three words after a ``restrictive_particles`` word makes that
    word a complementizer, so the negation before it denies: "L'articolo 4 non prevede che
    l'assistenza sia automatica", "non prevede che le parti si consultino" are negated, "non
    prevede che consultazioni" is "only". Only where the particle is also the complementizer
    (Italian "che", French "que"; French "ne prévoit pas que" is negated by "pas" anyway): a
    clause after Spanish "sino" or Portuguese "senão" ("não prevê senão que as partes se
    consultem") is what the article only provides, and their lexicons need none."""
    correction_conjunctions: list[str] = Field(default_factory=list)
    """Folded whole words that, after a denied figure, give the right one ("but", "mais",
    "sino", "sondern", "ma", "mas", "а"): a bare number right after one (a comma may stand
    before it) is a quantity of the denied figure's unit, stated: "does not have 32 articles but
    23", "ne compte pas 30 articles mais 23", "содержит не 30 статей, а 23" check 23 articles
    (the denied figure stays unchecked). A number with a counted noun of its own is a quantity
    anyway."""
    privative_words: list[str] = Field(default_factory=list)
    """The ``negations`` that negate only the phrase after them ("without", "sin", "ohne",
    "без"): "sent 12,000 troops without heavy weapons" does not deny the figure."""
    conditional_markers: list[str] = Field(default_factory=list)
    """Words or phrases, lower-case and spelt with their accents (they are matched against the
    unfolded text: "würde" is not "wurde", "sí" is not "si"), by which a clause supposes what
    it says instead of stating it: conditional openers ("if", "si", "se", "wenn", "falls",
    "если", "what if" through "if") and the conditional mood's own words ("würde", "бы"),
    "imagine", "suppose". A quantity whose clause has one before the number ("If North Korea
    were to send 100,000 troops", "¿Qué pasaría si Corea del Norte enviara 100.000 soldados
    más?", "Если бы КНДР отправила 100 тысяч") is no claim, and so is an event date ("If the
    treaty had been signed in May 2024"): the clause runs from the separator
    (``,;:()``) before the number, or the last conjunction, to the number, so a complementizer
    keeps the frame ("imagine that ...", "supposons que ..."). After the number a marker
    changes nothing ("12,000 troops, if not more")."""
    conditional_openers: list[str] = Field(default_factory=list)
    """``conditional_markers`` that are other words too and count only when they open the
    clause (nothing before them in it but complementizers and conjunctions): Portuguese and
    Italian "se" is also the reflexive pronoun ("Também se ouviu que Kim assinou ... a 11 de
    novembro" supposes nothing). A phrase holding one that supposes wherever it stands goes
    into ``conditional_markers`` ("aconteceria se")."""
    conditional_exceptions: list[str] = Field(default_factory=list)
    """Phrases (same spelling as ``conditional_markers``) holding a conditional marker that do
    not suppose anything: concessives over a fact ("même si", "anche se", "auch wenn") and set
    phrases ("хотя бы" is "at least", "будто бы" reports a claim). They are taken out before
    the markers are looked for."""
    comparison_markers: list[str] = Field(default_factory=list)
    """Phrases that introduce what something is compared with ("unlike", "a diferencia del",
    "im Gegensatz zum", "в отличие от"), contracted forms written out: a treaty named right
    after one (at most three words between, no punctuation) is the term of comparison, not
    the treaty a later article number belongs to. An article named right after one ("Unlike
    Article 5 of the North Atlantic Treaty, ...") keeps that treaty, but the treaty carries over
    to no later article number ("Article 3, for its part, ..." is the main treaty's), and the
    claim about it ends at the last comma of its sentence: the main clause after it ("..., the
    Russian-Korean pledge looks more automatic") describes the other treaty. A phrase measuring
    something against a treaty ("contrary to", "contrarias a") counts as one."""
    citation_markers: list[str] = Field(default_factory=list)
    """Phrases that cite a legal basis ("in accordance with", "conformément à", "gemäß", "в
    соответствии с"), contracted forms written out or left to the (at most two) words allowed
    between the phrase and the article word ("conformément à l'article 51"). An article named
    right after one, when another article reference comes earlier in its sentence, is part of
    that article's description ("Article 4 provides ..., in accordance with Article 51 of the
    UN Charter"): no claim of its own, and it does not split the sentence. Its treaty then
    carries over to no later article number but that same one ("Article 51 recognises ...");
    a treaty cited with no article number ("in accordance with the treaty") still does."""
    document_words: list[str] = Field(default_factory=list)
    """Regex fragments (folded text) for legal texts that are not treaties ("code", "decree",
    "\\p{L}*gesetz\\p{L}*", "кодекса"): right after an article number ("Article 5 of the new tax
    code", at most three words between, none a clause or obligation verb) they say whose
    article it is, so it is never tied to a treaty of the pack. There an ``owner_connectors``
    word must join them to the number ("Artikel 5 der Geschäftsordnung", not "regelt in Artikel
    24 die Einordnung"), unless "" is one (a bare genitive) or nouns are capitalised ("Artikel 5
    Grundgesetz")."""
    article_anaphors: list[str] = Field(default_factory=list)
    """Phrases, lower-case as written, that refer back to an article without its number ("the
    article", "dieser Artikel", "cet article", "эта статья"). Right before a clause or
    obligation verb ("The article obliges both sides ...", at most three words between) and
    after an article named in the previous sentence (or earlier in the same paragraph), the
    sentence is a clause claim about that article and its treaty; otherwise ("In this article
    we explain ...", "Der Artikel erschien zuerst in ...") it is none."""
    owner_connectors: list[str] = Field(default_factory=list)
    """Words, lower-case, that join an article number or a counted noun to its owner after it
    ("of", "of the", "de la", "de l'", "der", "della", "do"); "" allows an owner right after
    it (a bare genitive: "статья 5 УЕФА", "военных Украины"). A capitalised name after one that
    is neither a treaty nor an entity of the pack ("el artículo 5 de la UEFA") makes the
    article that body's, tied to no treaty; right after a number the name must be written in
    capitals (an acronym), as a capitalised word there is as often the clause's subject, unless
    the article's verb (``clause_verbs``, ``obligation_verbs``) follows the name right away
    ("Статья 5 Фифа обязывает", "Статья 5 Евросоюза предусматривает")."""
    possessive_markers: list[str] = Field(default_factory=list)
    """Endings that make a name an owner before an article word ("'s", "'": "UEFA's Article
    5"; German "s": "Fifas Artikel 5"). An acronym always is one; one capitalised word ("Fifa's
    Article 5 obliges") only when a clause or obligation verb follows the number right away and
    the word is no ``function_words`` word, as "Macron's Article 5 remarks" names no legal text."""
    capitalises_nouns: bool = False
    """True where every noun is capitalised (German): a capitalised owner after an article
    number must then have two capitals ("der UEFA-Statuten", "der OSZE") to count as a name."""
    treaty_body_words: list[str] = Field(default_factory=list)
    """Lower-case nouns that stand for a treaty or its organisation as an owner ("alliance",
    "bündnis", "альянс"): "Article 5 of the Alliance" is NATO's, not another body's."""
    speech_verbs: list[str] = Field(default_factory=list)
    """Prefixes of verbs of saying ("dij", "declar", "said", "заяви")."""
    addressee_verbs: list[str] = Field(default_factory=list)
    """Word starts (folded) of verbs whose object is the person spoken to or about ("thank",
    "prais", "agradec", "remerci", "dankte", "поблагодари"): a name after one, in the same
    clause, is that object and never speaks a quote of the sentence ('"...," the Russian leader
    said, thanking North Korean leader Kim Jong Un'). Right before a quote ("praised "the
    Korean special forces"", "saluant leur « héroïsme »") the quoted words are its object, not
    words said, so such a verb does not tie a short quote (see ``QUOTE_UNTIED_MIN_WORDS``).
    Right after a quote ("«...», — поблагодарил Путин") the name that follows is the subject."""
    naming_verbs: list[str] = Field(default_factory=list)
    """Word starts (folded) of verbs that give something a label ("called", "calific", "definit",
    "qualifi", "bezeichnet", "назвал"): before a short quote in the same sentence they tie it to
    the sentence's subject ("calificó el acuerdo de «pilar de la seguridad regional»"), unless
    a person is named between them and the quote, whose title or nickname it then is ('called
    Kim Jong Un "Chairman of the State Affairs Commission"')."""
    source_phrases: list[str] = Field(default_factory=list)
    """Entries of ``speech_verbs`` that name a source rather than say who spoke ("according to",
    "según", "selon", "laut", "по словам"): a speaker tied only by one of them yields to a
    speaker tied by a verb of saying in the same sentence ("De acordo com o Kremlin, o
    presidente Vladimir Putin agradeceu ...: «...»" is Putin's)."""
    question_report_words: list[str] = Field(default_factory=list)
    """Folded words ("as", "como", "comme", "wie", "come", "как") that, followed within three
    words by one of ``reporting_verbs``, make a question report someone's claim ("¿Firmó Kim
    Jong-un el tratado el 18 de junio, como dijo ayer un tertuliano?"): such a question's
    claims are checked. Any other direct question (its sentence ends with "?") asks and
    claims nothing: it gives no date, clause, quantity or office claim. A question with one of
    ``source_phrases`` ("según un tertuliano") reports a claim too."""
    question_words: list[str] = Field(default_factory=list)
    """Folded open interrogatives ("what", "why", "qué", "o que", "pourquoi", "wann", "что"): a
    question that opens with one (its first or second word: "Q: What ...", "¿Y qué ...")
    asks for something else and presupposes the rest ("Que change l'entrée en vigueur du traité
    le 4 décembre ?" takes the 4 December date as given), so its claims are checked, unless it
    offers alternatives (``alternative_words``). A yes/no question asks whether what it says is
    true: its date, clause and quantity claims are not made."""
    alternative_words: list[str] = Field(default_factory=list)
    """Folded whole words for "or" ("or", "o", "ou", "oder", "или"): an open question with one
    asks which of its alternatives holds ("Wann wurde der Vertrag unterzeichnet, am 19. oder am
    20. Juni?"), so it claims neither."""
    reporting_verbs: list[str] = Field(default_factory=list)
    """Word starts of verbs (and nouns) of saying and reporting that date a statement ("said",
    "informó", "a déclaré", "сообщил", "communiqué"): a date right after one ("Peskov said on
    Thursday", "dijo Peskov el jueves") or opening a sentence that one follows ("On Thursday,
    Peskov said") says when something was said, not when the event happened. Narrower than
    ``speech_verbs``: no verb that also names an event ("conclu", "lanc", "publi")."""
    complementizers: list[str] = Field(default_factory=list)
    """Words that open a reported clause ("that", "que", "qu'", "dass", "что"): a date after
    one belongs to what was said ("said that on 4 December the treaty ..."). A word ending in
    an apostrophe is matched as a word start ("qu'il")."""
    relative_words: list[str] = Field(default_factory=list)
    """Regex fragments (folded text, whole words) that open a relative clause or a participial
    phrase after a comma ("who", "which", "que", "qui", "dont", "der", "который\\p{L}*",
    Russian participles "\\p{L}+вш\\p{L}*"), a short preposition allowed before them ("in
    which", "в котором"). A date between one and the next comma is the clause's own ("Choe
    Son Hui, who was in Moscow in November, called the treaty ..."): the event it dates must be
    named there, not only in the rest of the sentence (see event_date_verdicts)."""
    subject_anaphors: list[str] = Field(default_factory=list)
    """Words and phrases, lower-case, whole words, that stand for what the sentence before
    named: pronouns ("it", "er", "его", "нём"), anaphoric noun phrases ("the region", "la
    région") and verbs that repeat the verb before ("followed", "folgte", "последовал"). A date
    or number in a sentence with one is checked with the sentence before it as its subject
    (``subject_norm``): "The treaty entered into force on 4 December. It has 23 articles." No
    possessive or demonstrative that mostly opens a new subject ("its", "this")."""
    question_labels: list[str] = Field(default_factory=list)
    """Labels, lower-case, opening a question line of an interview before a colon ("q",
    "question", "frage", "вопрос"): the next sentence answers it, as it answers a sentence that
    ends with a question mark, and is checked with it as its subject."""
    answer_labels: list[str] = Field(default_factory=list)
    """Words, lower-case, opening a sentence before a colon, comma or full stop that answer or
    judge the sentence before ("a", "no", "yes", "false", "antwort", "non", "falso", "нет"): the
    sentence is checked with the one before it as its subject ("Le traité a-t-il été signé le
    12 juin ? Non, le 19 juin 2024."; "Il video sostiene che il trattato sia entrato in vigore
    a settembre. Falso: è in vigore dal 4 dicembre 2024.")."""
    correction_phrases: list[str] = Field(default_factory=list)
    """Phrases, lower-case, whole words (any punctuation between them), by which a correction
    note gives the right value ("the correct date is", "richtig ist", "la fecha correcta es",
    "la date exacte est", "la data corretta è", "a data correta é", "правильная дата"): a
    sentence with one continues the one before (as with ``subject_anaphors``), so "Richtig ist
    der 19. Juni 2024." after "Korrektur: In einer früheren Fassung hieß es, der Vertrag sei am
    12. Juni unterzeichnet worden." is checked as the treaty's signing date."""
    retraction_phrases: list[str] = Field(default_factory=list)
    """Phrases, lower-case, whole words, by which a correction note names what an earlier
    version of the article said ("an earlier version", "einer früheren Fassung", "una versión
    anterior", "une version précédente", "una versione precedente", "uma versão anterior", "в
    предыдущей версии"): a date, clause or quantity after one in its sentence is what the
    article no longer says, and is no claim ("an earlier version said the treaty was signed on
    June 12" is not refuted). Name the article's own earlier text only: "X wrongly said" is a
    claim to check."""
    event_nouns: list[str] = Field(default_factory=list)
    """Regex fragments (folded text, whole words) for nouns that name an event ("attacks?",
    "atentados?", "\\p{L}*anschlag\\p{L}*", "теракт\\p{L}*"): a date bound to one, right after
    it (an ``owner_connectors`` word between: "the attacks of 11 September", "los atentados
    del 11 de septiembre", "после терактов 11 сентября") or right before it ("the September 11
    attacks"), names that event, so it is checked only against an event the noun phrase
    itself describes."""
    title_heads: list[str] = Field(default_factory=list)
    """Title nouns that start an office wording ("presidente", "ministro", "Alta Representante")."""
    feminine_titles: dict[str, str] = Field(default_factory=dict)
    """How a title word of this language's office wordings ends when a woman holds the office:
    masculine ending -> feminine ending ("ministro": "ministra", "minister": "ministerin",
    "secrétaire général": "secrétaire générale"). Each office wording of the language is also
    looked for with them, at word ends ("Außenminister" -> "Außenministerin"), so "la ministra
    de Asuntos Exteriores María Zajárova" names the foreign minister's office (and is refuted),
    and a bare feminine head ("ministra") means the offices its masculine head starts."""
    title_words: list[str] = Field(default_factory=list)
    """Lower-case words that may continue a title before the name without a comma ("иностранных",
    "дел", "russe", "étrangères"): adjectives and genitive nouns of office wordings."""
    former_markers: list[str] = Field(default_factory=list)
    """Words before a title meaning the person no longer holds it ("former", "ex", "ehemalige",
    "бывший"): such mentions are not office claims about the publication date."""
    then_markers: list[str] = Field(default_factory=list)
    """Words that place a title at the time of the sentence's event, not of the publication
    ("then", "outgoing", "el entonces", "damalige", "тогдашний", "уходящий"), before the title
    (the last word before it, or the one before that) or right after it ("de l'époque", "at the
    time", "dell'epoca", "à época"): such a title is checked at the date the sentence gives its
    main action (``as_of_value``: "Le ministre de la Défense de l'époque, Sergueï Choïgou,
    s'était rendu à Pyongyang en juillet 2023"), and without one it is no claim."""
    current_markers: list[str] = Field(default_factory=list)
    """Words between "Name," and a title meaning the person holds it now ("now", "actual",
    "derzeit", "ныне"): "Andrei Belousov, now defence minister" is an office claim."""
    until_markers: list[str] = Field(default_factory=list)
    """Words that end a term at a time ("until", "hasta", "jusqu'à", "bis", "fino", "até", "до"):
    a title right after or right before one and a past time (a month, a year not after the
    publication's, a past relative day or year, a ``recently_words`` phrase) is a past term, no
    office claim about the publication date ("der bis Mai 2024 amtierende Verteidigungsminister");
    right after the title and with a date, a past holding checked against the term's end
    ("Sergei Shoigu, defence minister until May 2024", see ``past_holding_phrases``). "bis
    heute", "até hoje" are no past time."""
    recently_words: list[str] = Field(default_factory=list)
    """Phrases after an until marker meaning "recently", a past time without a date ("recently",
    "hace poco", "vor kurzem": "kurzem", "недавнего")."""
    since_markers: list[str] = Field(default_factory=list)
    """Words before a year meaning "since" ("since", "desde", "seit", "с"): a sentence opening on
    a past year dates its office claims to that year ("In 2022, Defence Minister Sergei Shoigu
    ordered ..."), unless the year follows one of these ("Since 2022, ...")."""
    deputy_markers: list[str] = Field(default_factory=list)
    """Words right before a title that make it another office, its deputy ("deputy", "Vize-",
    "заместитель"): the claim keeps the whole title and is not checked as the main office."""
    deputy_suffixes: list[str] = Field(default_factory=list)
    """Words right after a title that make it a deputy's office ("adjunto", "adjoint",
    "aggiunto": "ministro adjunto de Exteriores", "secrétaire général adjoint"): the title runs
    over the word and, as after a deputy marker, is not checked as the main office."""
    aside_words: list[str] = Field(default_factory=list)
    """Phrases, lower-case, that may stand between a clause's subject and its verb, set off by
    commas or not ("meanwhile", "for its part", "por su parte", "de son côté", "seinerseits",
    "dal canto suo", "por sua vez", "же"): the subject of a number's clause is also read with
    them (and their commas) left out, so "Kyiv, meanwhile, kept 60,000 troops" and "Киев же
    держал в резерве 60 тысяч военных" count Kyiv's troops. No conjunction ("but", "aber"):
    the clause after one has a subject of its own."""
    country_adjectives: list[str] = Field(default_factory=list)
    """Nationality adjectives and country names, every inflection ("chinesischer", "americano",
    "estadounidense", "США", "Китая"): allowed between a title and the name ("segretario di
    Stato americano Marco Rubio", "Госсекретарь США Марко Рубио"), and taken into the title
    when right before it ("US Secretary of State", "chinesischer Außenminister")."""
    holding_phrases: list[str] = Field(default_factory=list)
    """Phrases, lower-case as written, between "Name," and a title that say the person holds
    the office ("who holds the post of", "занимающего пост", "que ocupa el cargo de", "che
    ricopre la carica di"), every inflection written out. ``{name}`` stands for another
    person's name ("who succeeded {name} as": the office is the one taken over);
    ``{title}`` marks where the title stands when words must follow it (German: "der das Amt
    des {title} innehat", "der {name} als {title} ablöste"). Present tense only (or a
    succession): "who held the post of" says nothing about the publication date. Up to 80
    characters may stand between the name and the title (30 otherwise)."""
    start_phrases: list[str] = Field(default_factory=list)
    """Phrases, lower-case as written, between an office claim and a date that say the person
    took the office then ("who took office", "appointed", "nommé", "in carica dal", "назначенный",
    "que asumió el cargo"; ``{name}`` as in ``holding_phrases``: "who replaced {name}"); a
    ``since_markers`` word counts too, and inside the claim a date right after one ("Шойгу с мая
    2024 года — секретарь ..."). The claim then carries that date and is also checked against
    the start of the person's holding of the office; the date is no event_date claim."""
    no_longer_phrases: list[str] = Field(default_factory=list)
    """Phrases, lower-case as written, between a name and a title that say the person no longer
    holds the office, the copula included where the language writes one ("is no longer", "ist
    nicht mehr", "ya no es", "n'est plus", "non è più", "já não é", "больше не"); a since
    phrase may stand before or after it ("Schoigu ist seit Mai 2024 nicht mehr
    Verteidigungsminister", "Shoigu já não é ministro desde maio de 2024"). The claim is a
    past holding (``is_negated``): supported when the person's holding of the office ended (at
    the since date's precision, when one is given), refuted when they still held it."""
    end_phrases: list[str] = Field(default_factory=list)
    """Phrases, lower-case as written, between a name and a title that say the person left the
    office ("left the post of", "stepped down as", "dejó el cargo de", "a quitté le poste de",
    "покинул пост"): a past holding as with ``no_longer_phrases``. A date right after the title
    (after at most a short word: "in May", "el 1 de octubre") is the date the term ended,
    checked against the holding's end; the date is no event_date claim."""
    past_holding_phrases: list[str] = Field(default_factory=list)
    """Phrases, lower-case as written, between "Name," and a title in the past tense ("who was",
    "que fue", "qui était", "che era", "que foi", "который был"): with an ``until_markers`` word
    and a date right after the title ("who was defence minister until May 2024") a past holding
    that ended then, checked against the holding's end; without one, no claim. A comma
    apposition with such an until phrase ("Serguéi Shoigú, ministro de Defensa hasta mayo de
    2024") is read the same way."""
    leave_phrases: list[str] = Field(default_factory=list)
    """Phrases, lower-case as written, after a person's name that say the person left an office
    named only by a noun, ``{office}`` marking the noun with at most one short word before it
    ("left {office}": "left the ministry", "dejó {office}": "dejó Defensa", "ha lasciato
    {office}": "ha lasciato quell'incarico"). The noun is an ``office_nouns`` word (then the
    office is one of the person's terms in the pack that ended by publication) or a word of the
    wordings of one of the person's offices in the pack, compared on its first six letters
    ("ministry" ~ "minister", "Defensa" ~ "ministro de Defensa"). A date right after the noun
    (after at most a short word) is the term's end: a past holding checked against it (as
    ``end_phrases``), the date no event_date claim; without a date, no claim. Words after
    ``{office}`` must follow the date (German "hatte {office} verlassen")."""
    take_phrases: list[str] = Field(default_factory=list)
    """The same for taking an office ("took over {office}", "hatte {office} übernommen": "Rutte
    hatte das Amt im Oktober von Jens Stoltenberg übernommen"): the date is the start of the
    person's term, checked as with ``start_phrases``; the office may be any of the person's."""
    lead_verbs: list[str] = Field(default_factory=list)
    """Folded whole words, present-tense verbs of leading a body ("leads", "heads", "runs",
    "leitet", "encabeza", "dirige", "guida", "lidera", "возглавляет", "руководит"): right after
    a pack person (a ``current_markers`` word may stand between) and before a body that one
    office of the pack leads ("the Security Council", "NATO", "Совбез", "l'Otan"; its
    ``determiners`` and connectors left out; words compared on their first five letters, so
    "Совбезом" is "Совбеза"), or before a ``treaty_body_words`` noun standing for the pack
    organisation named last before it ("leads the alliance"), they make an office claim:
    "Shoigu now runs the Security Council" is checked as Secretary of the Security Council."""
    office_nouns: list[str] = Field(default_factory=list)
    """Folded nouns meaning "the office" itself ("office", "post", "Amt", "cargo", "poste",
    "incarico", "пост"), for ``leave_phrases`` and ``take_phrases``."""
    contrast_words: list[str] = Field(default_factory=list)
    """Words that, after a comma, bring in what a past-holding claim's person is instead ("is no
    longer defence minister, but secretary of the Security Council": "but", "sondern", "sino",
    "mais", "ma", "mas", "а"): the title after one is a present office claim about the same
    person."""
    copulas: list[str] = Field(default_factory=list)
    """Present-tense forms of "to be" that state who holds an office, written as in the text
    (accents kept, matched case-insensitively on the original text, so Italian "è" is not the
    conjunction "e"): "The defence minister is Andrei Belousov", "Андрей Белоусов — министр
    обороны" ("—", "является"). The name (or, name first, the title) must end the clause; a
    ``current_markers`` word ("heute", "now") or a since phrase (a ``since_markers`` word and a
    date: "с мая 2024 года", "desde maio de 2024") may stand next to the copula or end the
    clause ("Шойгу с мая 2024 года — секретарь ...", "Shoigu é secretário ... desde maio de 2024.")."""
    conjunctions: list[str] = Field(default_factory=list)
    """Words that end a copular clause after the name or title ("and", "but", "y", "и"), as
    punctuation does: "the defence minister is Andrei Belousov and ...", but not "the minister
    is Lavrov's ally"."""
    honorifics: list[str] = Field(default_factory=list)
    """Words allowed between a title and a name ("el camarada", "el general")."""
    name_connectors: list[str] = Field(default_factory=list)
    """Lower-case particles inside names and titles ("de", "del", "de la", "sobre")."""
    determiners: list[str] = Field(default_factory=list)
    """Articles that may stand between "Name," and a title that follows it ("el", "der", "l'")."""
    organisation_words: list[str] = Field(default_factory=list)
    """Regex fragments (folded text, whole words) for nouns that name an organisation that may
    speak ("ministry", "cancilleria", "\\p{L}*ministerium", "мид", "агентств\\p{L}*"): with the
    nationalities, capitalised words and acronyms around them ("the Russian Foreign Ministry",
    "МИД России") they are the speaker of a quote when a verb of saying is next to them
    (``names.organisation_speakers``); the pack's organisations and outlets ("Kremlin", "KCNA")
    need no word."""
    source_nouns: list[str] = Field(default_factory=list)
    """Nouns, lower-case, every form written out, for writings that may be the subject of a verb
    of saying ("post", "statement", "message", "публикации", "посте", "Beitrag"): after one of
    the ``source_openers`` ("The post also says that ...", "В посте говорится") the quote of
    that sentence is the writing's (``names.source_speakers``): the pack cannot check who wrote
    it, and it is never given to a person named in an earlier sentence."""
    statement_nouns: list[str] = Field(default_factory=list)
    """Nouns, lower-case, every form written out, for what a person said or wrote ("statement",
    "message", "thanks", "words"; "agradecimiento", "déclaration", "Dank", "заявление"): a person
    or office wording right after one, with at most one of the ``owner_connectors`` and one of
    the ``determiners`` between ("el agradecimiento de Putin", "une déclaration du président
    russe", "заявление Путина", "die Erklärung Putins"), or right before one with one of the
    ``possessive_markers`` ("Putin's thanks", "Putins Dank"), owns that statement: before the
    quote in its sentence, or in the sentence before, it speaks the quote rather than an
    organisation, state, writing or person without a verb of saying named there ("Le Kremlin
    publie une déclaration du président russe. Extrait : « … »" is Putin's). A person tied by a
    verb of saying between it and the quote still speaks it ("Putin's message was clear, Peskov
    said: «…»" is Peskov's). An entry may end with the word that joins it to its owner when that
    is no ``owner_connectors`` word ("statement by", "message from")."""
    source_openers: list[str] = Field(default_factory=list)
    """Words, lower-case, that open a writing named as the subject of a verb of saying: articles
    and demonstratives ("the", "this", "le", "l'", "der", "im"), or the preposition of the
    impersonal form ("в": "В посте говорится")."""
    auxiliaries: list[str] = Field(default_factory=list)
    """Whole words (folded, lower-case) that may stand between a state or capital named as the
    subject of a verb of saying and that verb: auxiliaries of compound tenses and a few adverbs
    ("has", "also"; "a", "egalement"; "hat"; "также"): "Moscow has said", "Moscou a déclaré",
    "Москва также заявила" make the state the quote's speaker (``names.organisation_speakers``);
    any other word between ("Russian officials said") does not."""
    place_prepositions: list[str] = Field(default_factory=list)
    """Whole words (folded) that make a state or capital the place of a verb of saying ("in",
    "en", "à", "в"). Opening its clause, such a place with an impersonal verb of saying after it
    (``impersonal_subjects`` or ``impersonal_verbs``) is the state speaking: "В Москве заявили",
    "In Moscow they said", "A Mosca hanno detto", "À Moscou, on affirme"; with a person
    ("В Москве Песков заявил", "In Moscow, Putin said") it is only where the person spoke."""
    impersonal_subjects: list[str] = Field(default_factory=list)
    """Whole words (folded) that stand as the subject of a verb of saying and name nobody
    ("they", "on", "man", "se", "si"), between a place (``place_prepositions``) and the verb,
    with ``auxiliaries`` after them: "In Moscow they have said", "À Moscou, on a déclaré"."""
    impersonal_verbs: list[str] = Field(default_factory=list)
    """Regex fragments (folded) for verbs of saying with no subject of their own, right after a
    place (``place_prepositions``; ``auxiliaries`` may stand between): third-person plurals and
    impersonal forms ("заявили", "dijeron", "hanno detto" as "detto" after "hanno", "hieß es",
    "sagte man"). A singular form ("заявил") is a person's, named after it."""
    function_words: list[str] = Field(default_factory=list)
    """Frequent words that open a sentence with a capital and are no name ("when", "after",
    "cuando", "als", "когда"): right before a pack person's family name ("When Putin said") such
    a word is no other person's given name (see ``names.namesakes``)."""
    patronymic_endings: list[str] = Field(default_factory=list)
    """Endings of patronymics as this language writes them ("ович", "евна"; "ovich", "owitsch"):
    a capitalised word with one, right before a pack person's family name ("Владимирович
    Путин"), is no other given name (see ``names.namesakes``). All lexicons' endings apply to
    every article."""
    noun_endings: list[str] = Field(default_factory=list)
    """Word endings (folded) that mark a common noun and never a given name ("ние", "ость";
    "ung", "heit"): a capitalised word with one, right before a pack person's family name in
    the genitive ("Заявление Пескова", "Erklärung Putins"), is no other person's given name
    (see ``names.namesakes``). All lexicons' endings apply to every article, so none may end
    a given name of any language ("nis" would end "Dennis")."""
    head_nouns: list[str] = Field(default_factory=list)
    """Common nouns, folded, that stand right before a person's family name in the genitive, with
    no connector between ("визит", "указ", "слова"; "Besuch", "Rede"): opening a sentence with a
    capital ("Визит Шойгу в Пхеньян", "Besuch Schoigus"), such a word is no other person's
    given name (see ``names.namesakes``). Languages that join the two with a connector
    ("la visita de Shoigu") need none."""
    name_spellings: dict[str, str] = Field(default_factory=dict)
    """How this language transliterates foreign names, as letters -> the spelling shared by all
    languages ("sch": "sh", "w": "v" in German; "ou": "u" in French; "gue": "ge" in Spanish):
    the name key of ``pipelines/extract/names.py`` replaces every lexicon's spellings in the
    pack's aliases and in the text alike, so "Sergej Lawrow", "Valeri Guerásimov" and
    "Wolodymyr Selenski" are the pack's Lavrov, Gerasimov and Zelensky."""
    numbers: NumberRules = Field(default_factory=NumberRules)


@functools.lru_cache(maxsize=8)
def _load_dir(directory: str) -> dict[str, Lexicon]:
    lexicons: dict[str, Lexicon] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            raw = yamlio.safe_load(path.read_text(encoding="utf-8"))
            lexicon = Lexicon.model_validate(raw)
        except Exception as exc:
            first = str(exc).splitlines()[0]
            raise ValueError(f"{path}: invalid lexicon ({first})") from exc
        if lexicon.language != path.stem:
            raise ValueError(f"{path}: language {lexicon.language!r} does not match the file name")
        lexicons[lexicon.language] = lexicon
    return lexicons


def load_lexicons(directory: Path) -> dict[str, Lexicon]:
    return _load_dir(str(Path(directory).resolve()))


_T = TypeVar("_T")
_DERIVED: dict[tuple[str, object], object] = {}
_DERIVED_MAX = 512


def _remembered(key: tuple[str, object], build: Callable[[], _T]) -> _T:
    if key not in _DERIVED:
        if len(_DERIVED) >= _DERIVED_MAX:  # only many distinct lexicons (tests) get here
            _DERIVED.clear()
        _DERIVED[key] = build()
    return _DERIVED[key]  # type: ignore[return-value]


def derived(lexicon: Lexicon, name: str, build: Callable[[Lexicon], _T]) -> _T:
    """``build(lexicon)``, remembered for the life of the process by the lexicon's content.

    What an extractor derives from a lexicon (regex strings, group names, Polars expressions)
    is the same on every call, so a second extraction in one process (the next chunk, an
    incremental refresh) pays nothing for it. Keyed by content, not identity: worker processes
    get unpickled copies, and a test may build a lexicon of its own.
    """
    return _remembered((name, lexicon.model_dump_json()), lambda: build(lexicon))


def derived_all(lexicons: dict[str, Lexicon], name: str, build: Callable[[dict[str, Lexicon]], _T]) -> _T:
    """``build(lexicons)``, remembered as ``derived`` does, by the content of every lexicon (in
    language order): for what is built from all lexicons at once (an article may mix another
    language's words into its own)."""
    key = (name, tuple(lex.model_dump_json() for _, lex in sorted(lexicons.items())))
    return _remembered(key, lambda: build(lexicons))


def alternation(words: list[str] | dict[str, object], *, escape: bool = True) -> str:
    """Longest-first alternation so 'junio' wins over 'jun'."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)
