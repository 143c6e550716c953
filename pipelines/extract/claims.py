"""Claim extraction: pure functions from an articles frame (+ reference tables + lexicons) to
one row per checkable claim, with exact character offsets into the article text.

The five extractors share one preparation step (folded text, sentences, alias mentions) and
run as Polars expressions over all articles at once; the only per-language loop is over the
handful of lexicons.
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

import polars as pl

from pipelines.extract.lexicon import Lexicon, alternation, derived, derived_all
from pipelines.extract.names import ORG_SCHEMA, namesakes, organisation_speakers, source_speakers, unknown_speakers, variant_mentions
from pipelines.extract.text import attach_sentence, char_index, char_index_regex, collect, extract_groups, find_all, find_phrases, find_words, fold, fold_cased, fold_str, make_date, memo_on, norm, norm_str, prefix_match_ends, sentences

CLAIM_TYPES = ("treaty_clause", "event_date", "quote", "office_holder", "quantity")

CLAIM_SCHEMA: dict[str, pl.DataType] = {
    "claim_id": pl.String,
    "article_id": pl.String,
    "source_path": pl.String,
    "claim_type": pl.String,
    "claim_text": pl.String,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
    "language": pl.String,
    "published_on": pl.Date,
    "sentence_text": pl.String,
    "context_norm": pl.String,
    "context_wide_norm": pl.String,
    "segment_norm": pl.String,
    "mention_text": pl.String,
    "article_no": pl.Int64,
    "treaty_id": pl.String,
    "treaty_text": pl.String,
    "treaty_resolution": pl.String,
    "description_norm": pl.String,
    "obligation_text": pl.String,
    "is_negated": pl.Boolean,
    "negated_norm": pl.String,
    "date_value": pl.Date,
    "date_precision": pl.String,
    "as_of_value": pl.Date,
    "as_of_precision": pl.String,
    "report_norm": pl.String,
    "clause_norm": pl.String,
    "clause_wide_norm": pl.String,
    "date_relation": pl.String,
    "subject_norm": pl.String,
    "speaker_id": pl.String,
    "speaker_text": pl.String,
    "speaker_kind": pl.String,
    "person_id": pl.String,
    "person_text": pl.String,
    "title_text": pl.String,
    "office_candidates": pl.String,
    "quantity_value": pl.Float64,
    "quantity_unit": pl.String,
    "is_approximate": pl.Boolean,
    "quantity_bound": pl.String,
    "quantity_value_high": pl.Float64,
    "party_norm": pl.String,
}

# Every non-alphanumeric character becomes a space; the space itself is left out of the class
# (it would become a space anyway): a seventh as many matches in news text, ~2.5x faster.
_SPACE = r"[^\p{L}\p{N} ]"


def claim_id_expr() -> pl.Expr:
    key = pl.concat_str("article_id", "claim_type", pl.col("char_start").cast(pl.String), pl.col("char_end").cast(pl.String), separator="|")
    return key.map_elements(lambda k: hashlib.sha256(k.encode()).hexdigest()[:24], return_dtype=pl.String)


def find_aliases(prep: pl.DataFrame, table: pl.DataFrame, owner: str, *, alias_col: str = "alias_norm", same_language: bool = False) -> pl.DataFrame:
    """Whole-word alias mentions in ``prep.ms`` -> article_id, start, end, alias_norm, owner.

    With ``same_language`` an alias only counts in articles of its own language (common words
    such as "sino" or "uno" mean different things in different languages).
    """
    schema = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "alias_norm": pl.String, owner: pl.String}
    if table.is_empty():
        return pl.DataFrame(schema=schema)
    found = find_phrases(prep, table[alias_col].to_list(), text_col="ms", whole_words=True).rename({"match": "alias_norm"})
    if same_language and "language" in table.columns:
        lookup = table.select(pl.col(alias_col).alias("alias_norm"), owner, pl.col("language").alias("_alang")).unique()
        found = found.join(prep.select("article_id", "language"), on="article_id", how="left")
        joined = found.join(lookup, on="alias_norm", how="inner").filter((pl.col("_alang") == pl.col("language")) | (pl.col("_alang") == "und"))
        return joined.select(list(schema)).unique()
    lookup = table.select(pl.col(alias_col).alias("alias_norm"), owner).unique()
    return found.join(lookup, on="alias_norm", how="inner").select(list(schema))


def prepare(articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    # The match-space form (ms) is the folded text with every non-alphanumeric character as one
    # space (same length as the text): fold once, reuse it.
    prep = articles.select(
        "article_id", "source_path", "text", "language", "published_on",
        fold(pl.col("text")).alias("folded"),
    ).with_columns(pl.col("folded").str.replace_all(_SPACE, " ").alias("ms"))
    prep = prep.select("article_id", "source_path", "text", "language", "published_on", "ms", "folded")
    return prep, sentences(prep)


def _segments(mentions: pl.DataFrame, prep: pl.DataFrame, *, whole_clauses: bool = False, gap_to_first: bool = False) -> pl.DataFrame:
    """Split each sentence between successive mentions (of one claim type) at the last comma.

    Gives every mention its own span: the whole sentence when it is alone, otherwise the
    clause around it. Adds seg_start, seg_end.

    With ``whole_clauses`` a split that would leave a mention with no word but its own (a bare
    "el 6 de noviembre." after "el Consejo de la Federación,") moves back to the end of the
    mention before it: "y el Consejo de la Federación, el 6 de noviembre." is the clause.

    With ``gap_to_first`` the words between two mentions with no comma between them belong to
    the first ("Article 3 provides for consultations and Article 4 for assistance"); otherwise
    they belong to neither.
    """
    if mentions.is_empty():
        return mentions.with_columns(pl.lit(None, pl.Int64).alias("seg_start"), pl.lit(None, pl.Int64).alias("seg_end"))
    m = mentions.sort("article_id", "start").with_columns(
        pl.col("start").shift(-1).over("article_id", "sent_no").alias("_next_start"),
        pl.col("end").shift(1).over("article_id", "sent_no").alias("_prev_end"),
    )
    m = m.join(prep.select("article_id", "text"), on="article_id", how="left")
    gap_after = pl.col("text").str.slice(pl.col("end"), (pl.col("_next_start") - pl.col("end")).clip(lower_bound=0))
    gap_before = pl.col("text").str.slice(pl.col("_prev_end"), (pl.col("start") - pl.col("_prev_end")).clip(lower_bound=0))
    # Offset of the last separator in the gap, found by reversing the gap string.
    last_sep_after = pl.col("_gap_after").str.len_chars() - 1 - char_index_regex(pl.col("_gap_after").str.reverse(), r"[,;:]")
    last_sep_before = pl.col("_gap_before").str.len_chars() - 1 - char_index_regex(pl.col("_gap_before").str.reverse(), r"[,;:]")
    m = m.with_columns(gap_after.alias("_gap_after"), gap_before.alias("_gap_before"))
    m = m.with_columns(
        pl.when(pl.col("_next_start").is_null()).then(pl.col("sent_end"))
        .otherwise(pl.when(last_sep_after.is_not_null()).then(pl.col("end") + last_sep_after).otherwise(pl.col("_next_start") if gap_to_first else pl.col("end")))
        .alias("seg_end"),
        pl.when(pl.col("_prev_end").is_null()).then(pl.col("sent_start"))
        .otherwise(pl.when(last_sep_before.is_not_null()).then(pl.col("_prev_end") + last_sep_before + 1).otherwise(pl.col("start")))
        .alias("seg_start"),
    )
    # Trim spaces at both ends of the segment, keeping offsets exact.
    seg = pl.col("text").str.slice(pl.col("seg_start"), pl.col("seg_end") - pl.col("seg_start"))
    m = m.with_columns(seg.alias("_seg"))
    lead = pl.col("_seg").str.len_chars() - pl.col("_seg").str.strip_chars_start().str.len_chars()
    trail = pl.col("_seg").str.len_chars() - pl.col("_seg").str.strip_chars_end().str.len_chars()
    m = m.with_columns((pl.col("seg_start") + lead).alias("seg_start"), (pl.col("seg_end") - trail).alias("seg_end"))
    if whole_clauses:
        m = _whole_clauses(m)
    return m.drop("_next_start", "_prev_end", "_gap_after", "_gap_before", "_seg", "text")


def _whole_clauses(m: pl.DataFrame) -> pl.DataFrame:
    """``_segments(whole_clauses=True)``: see there. ``m`` is in text order, with ``text``."""
    words = r"\p{L}"
    own_only = (
        pl.col("_prev_end").is_not_null()
        & ~pl.col("text").str.slice(pl.col("seg_start"), (pl.col("start") - pl.col("seg_start")).clip(lower_bound=0)).str.contains(words)
        & ~pl.col("text").str.slice(pl.col("end"), (pl.col("seg_end") - pl.col("end")).clip(lower_bound=0)).str.contains(words)
    )
    m = m.with_columns(own_only.alias("_bare"))
    # Rows are in text order, so a sentence's mentions are consecutive rows: the next row is the
    # next mention of the sentence when the sentence has one (``_next_start``; a mention before
    # the first sentence has none).
    same_sentence = pl.col("_next_start").is_not_null() & pl.col("sent_no").is_not_null()
    next_bare = (same_sentence & pl.col("_bare").shift(-1)).fill_null(False)
    widened = pl.col("text").str.slice(pl.col("_prev_end"), pl.col("seg_end") - pl.col("_prev_end"))
    lead = widened.str.len_chars() - widened.str.strip_chars_start(" \t\n,;:").str.len_chars()
    return m.with_columns(
        pl.when(pl.col("_bare")).then(pl.col("_prev_end") + lead).otherwise(pl.col("seg_start")).alias("seg_start"),
        pl.when(next_bare).then(pl.col("end")).otherwise(pl.col("seg_end")).alias("seg_end"),
    ).drop("_bare")


def _finish(frame: pl.DataFrame, claim_type: str, prep: pl.DataFrame, sents: pl.DataFrame, *, span: tuple[str, str], mention: tuple[str, str] | None = None) -> pl.DataFrame:
    """Common columns: claim text from offsets, sentence context, ids. ``mention``: the
    columns of the triggering words' offsets, for a ``mention_text`` as written (the matches
    are found in the folded text, one character to one)."""
    if frame.is_empty():
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    out = frame.with_columns(pl.col(span[0]).alias("char_start"), pl.col(span[1]).alias("char_end"), pl.lit(claim_type).alias("claim_type"))
    if "sent_text" not in out.columns:
        out = attach_sentence(out, sents)
    out = out.join(prep.select("article_id", "text", "ms", "source_path", "language", "published_on"), on="article_id", how="left", suffix="_a")
    if mention is not None:
        out = out.with_columns(pl.col("text").str.slice(pl.col(mention[0]), pl.col(mention[1]) - pl.col(mention[0])).alias("mention_text"))
    out = out.with_columns(
        pl.col("text").str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start")).alias("claim_text"),
        pl.col("sent_text").alias("sentence_text"),
        _ms_norm(pl.col("sent_start"), pl.col("sent_end")).alias("context_norm"),
        _ms_norm(pl.col("char_start"), pl.col("char_end")).alias("segment_norm"),
    )
    out = out.filter(pl.col("char_end") > pl.col("char_start"))
    out = _with_wide_context(out, sents)
    out = out.with_columns(claim_id_expr().alias("claim_id"))
    for column, dtype in CLAIM_SCHEMA.items():
        if column not in out.columns:
            out = out.with_columns(pl.lit(None, dtype).alias(column))
    return out.select(list(CLAIM_SCHEMA)).cast(CLAIM_SCHEMA).unique("claim_id", keep="first", maintain_order=True)


def _ms_slice(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    return pl.col("ms").str.slice(start, end - start)


def _ms_norm(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """The matching form of ``text[start:end]``, read from the article's match-space form
    (``ms``): the fold is one character to one, so slicing the folded text gives the folded
    slice, without folding every sentence and claim again."""
    return _collapsed(_ms_slice(start, end))


def _collapsed(ms: pl.Expr) -> pl.Expr:
    """The collapsed matching form used in SQL keyword joins (' word word ') of match-space text.

    Runs of two or more spaces are squeezed; leaving single spaces out of the match (they stay
    as they are) makes the replacement ~7x faster."""
    return pl.concat_str(pl.lit(" "), ms.str.replace_all(r" {2,}", " ").str.strip_chars(), pl.lit(" "))


# A sentence that is a stage direction or caption of a script, not prose: a line that is one
# bracket group ("[VÍDEO: PLENO DE LA DUMA]", "[TOTAL: DMITRI PESKOV, PORTAVOZ DEL KREMLIN]"), a
# parenthesised one without a lower-case letter ("(O-TON)"), or a label in capitals ending in a
# colon ("VOZ EN OFF:", "ANMODERATION:"). No language's words: brackets, case and the colon.
DIRECTION_PATTERN = r"^(?:\[[^\[\]]*\]|\([^()\p{Ll}]*\)|[^\p{Ll}]*\p{Lu}[^\p{Ll}]*:)$"


def _wide_spans(sents: pl.DataFrame) -> pl.DataFrame:
    """Per sentence: the spans of the previous and next sentences and of the article's lead.

    ``sents`` as ``sentences`` gives them: each article's sentences together, numbered from 0
    in order, so neighbours are the rows either side (one pass of shifts and fills, no joins).
    Stage directions and captions (``DIRECTION_PATTERN``) are nobody's neighbour nor lead: in a
    TV script "[VÍDEO: PLENO DE LA DUMA]" stands between the sentence naming the treaty and
    "El texto, firmado el pasado 19 de junio ...", which still takes its context from that one.
    """
    start, end, aid = pl.col("sent_start"), pl.col("sent_end"), pl.col("article_id")
    prose = ~pl.col("sent_text").str.contains(DIRECTION_PATTERN)
    kept = lambda col: pl.when(prose).then(col)  # noqa: E731
    # The closest prose sentence before (after): the prose rows' values shifted one row and filled
    # forward (backward), kept where they come from the same article.
    before = [kept(c).shift(1).forward_fill() for c in (start, end, aid)]
    after = [kept(c).shift(-1).backward_fill() for c in (start, end, aid)]
    # The lead is the article's first two prose sentences (one row each has the rank).
    rank = prose.cast(pl.Int64).cum_sum().over("article_id")
    first, second = ([pl.when(prose & (rank == k)).then(c).max().over("article_id") for c in (start, end)] for k in (1, 2))
    return sents.select(
        "article_id", "sent_no",
        pl.when(before[2] == aid).then(before[0]).alias("_ps"), pl.when(before[2] == aid).then(before[1]).alias("_pe"),
        pl.when(after[2] == aid).then(after[0]).alias("_ns"), pl.when(after[2] == aid).then(after[1]).alias("_ne"),
        first[0].alias("_l0s"), first[1].alias("_l0e"), second[0].alias("_l1s"), second[1].alias("_l1e"),
    )


def _with_wide_context(out: pl.DataFrame, sents: pl.DataFrame) -> pl.DataFrame:
    """The sentence with its neighbours and the article's lead (headline and first sentence).

    Verification falls back to it when what a sentence describes is named just before or
    after it ("The treaty was signed on 19 June." after a paragraph on North Korea). Built
    from slices of the match-space text (needs ``ms``, ``sent_no``, ``sent_start``, ``sent_end``).
    """
    if out.is_empty() or "sent_no" not in out.columns:
        return out.with_columns(pl.col("context_norm").alias("context_wide_norm"))
    # A sentence's row in the spans is its article's first row plus its number: a join on the
    # ~10k articles and a gather, not a join on the ~300k sentences for every claim type.
    firsts, spans = memo_on(sents, "wide_span_rows", lambda: (sents.with_row_index("_first").filter(pl.col("sent_no") == 0).select("article_id", "_first"), _wide_spans(sents)))
    rows = out.select("article_id", "sent_no").join(firsts, on="article_id", how="left", maintain_order="left").select(pl.col("_first") + pl.col("sent_no"))
    out = out.hstack(spans.drop("article_id", "sent_no").select(pl.all().gather(rows.to_series())))
    parts = [_ms_slice(pl.col(s), pl.col(e)).fill_null("") for s, e in (("_l0s", "_l0e"), ("_l1s", "_l1e"), ("_ps", "_pe"), ("sent_start", "sent_end"), ("_ns", "_ne"))]
    wide = pl.concat_str(*parts, separator=" ")
    return out.with_columns(_collapsed(wide).alias("context_wide_norm")).drop("_ps", "_pe", "_ns", "_ne", "_l0s", "_l0e", "_l1s", "_l1e")


# --------------------------------------------------------------------------- subjects

# How many sentences back a chain of sentences that continue each other may reach for its
# subject ("Q: ... ? A: ... , ja. Der Föderationsrat folgte am 6. November. In Kraft ist er
# seit dem 4. Dezember."): beyond, the subject is too far to be the one meant.
SUBJECT_REACH = 3


def _subject_plan(lex: Lexicon) -> tuple[str | None, str | None, str | None]:
    """Regexes (folded sentence text) for a sentence that continues the one before: one of the
    language's ``subject_anaphors`` as a whole word, a ``question_labels`` label and a colon
    opening the sentence (it asks: the next one answers), an ``answer_labels`` word opening it
    before a colon, comma or full stop (it answers). None where the lexicon has no words."""

    def words(items: list[str]) -> str | None:
        return alternation({_fold(w): None for w in items}) if items else None

    anaphors, questions, answers = words(lex.subject_anaphors), words(lex.question_labels), words(lex.answer_labels)
    # A correction phrase ("Richtig ist", "la date exacte est") gives the right value of what
    # the sentence before said: it continues that sentence as an anaphor does.
    corrections = "|".join(sorted({_loose(w) for w in lex.correction_phrases if norm_str(w)}, key=len, reverse=True))
    refers = "|".join(x for x in (anaphors, corrections) if x)
    return (
        rf"(?:^|[^\p{{L}}'])(?:{refers})(?:[^\p{{L}}]|$)" if refers else None,
        rf"^[^\p{{L}}]*(?:{questions})[ \t]*:" if questions else None,
        rf"^[^\p{{L}}]*(?:{answers})[ \t]*[:,.!]" if answers else None,
    )


def _loose(phrase: str) -> str:
    """A lexicon phrase as a regex over folded text: its words (``norm_str``) with any run of
    other characters than letters and digits between them ("richtig ist", "дата - 19")."""
    return r"[^\p{L}\p{N}]+".join(re.escape(w) for w in norm_str(phrase).split())


def _folded_sentences(sents: pl.DataFrame, prep: pl.DataFrame) -> pl.DataFrame:
    """Every sentence of ``sents``, in order, with its article's language and its text in the
    matching form (``_t``); built once per extraction call (``memo_on``)."""

    def build() -> pl.DataFrame:
        text = pl.col("folded").str.slice(pl.col("sent_start"), pl.col("sent_end") - pl.col("sent_start"))
        return sents.select("article_id", "sent_no", "sent_start", "sent_end").join(
            prep.select("article_id", "language", "folded"), on="article_id", how="left", maintain_order="left",
        ).with_columns(text.alias("_t")).drop("folded")

    return memo_on(sents, "folded_sentences", build)


def _subject_spans(sents: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Per sentence that continues the one before: where the text its subject is read from
    starts (``subject_start``; it ends where the sentence starts).

    A sentence continues the one before when it answers it (the one before ends with a question
    mark or opens with a question label, or it opens with an answer word: "No.", "Antwort:",
    "Falso:") or names its subject by a pronoun, an anaphoric noun phrase or a verb repeating
    the one before (``subject_anaphors``). The subject is read from the last sentence before it
    that continues none, over the ones between that continue it, at most ``SUBJECT_REACH``
    sentences back. ``sents`` as ``sentences`` gives them (in order, numbered from 0).
    """
    rows = _folded_sentences(sents, prep).with_row_index("_row")
    if rows.is_empty():
        return pl.DataFrame(schema={"article_id": pl.String, "sent_no": pl.Int64, "subject_start": pl.Int64})
    def test(pattern: str | None) -> pl.Expr:
        return pl.col("_t").str.contains(pattern) if pattern else pl.lit(False)

    # Each language's sentences are read with its own regexes only, then put back in order.
    parts = []
    for code, part in rows.group_by("language"):
        lex = lexicons.get(code[0])
        anaphor, question, answer = derived(lex, "subjects", _subject_plan) if lex is not None else (None, None, None)
        parts.append(part.select("_row", (pl.col("_t").str.contains(_QUESTION_END) | test(question)).alias("_asks"), (test(anaphor) | test(answer)).alias("_refers")))
    rows = rows.join(pl.concat(parts), on="_row", how="left").sort("_row")
    same = pl.col("article_id").shift(1) == pl.col("article_id")
    continues = (same & (pl.col("_asks").shift(1) | pl.col("_refers"))).fill_null(False)
    rows = rows.with_columns(continues.alias("_c")).with_columns(
        pl.when(~pl.col("_c")).then(pl.col("sent_no")).forward_fill().over("article_id").alias("_from_no"),
        pl.when(~pl.col("_c")).then(pl.col("sent_start")).forward_fill().over("article_id").alias("_from"),
    )
    near = pl.col("_c") & (pl.col("sent_no") - pl.col("_from_no") <= SUBJECT_REACH)
    return rows.filter(near.fill_null(False)).select("article_id", "sent_no", pl.col("_from").alias("subject_start"))


def _with_subject(frame: pl.DataFrame, prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Add ``subject_norm`` (needs ``sent_no``, ``sent_start``): the matching form of the text
    the subject of the row's sentence is read from, when the sentence continues the one before
    (``_subject_spans``), else null. The verdicts of dates and numbers read it with the
    sentence ("Der Vertrag ist seit dem 4. Dezember 2024 in Kraft. Er umfasst 23 Artikel.")."""
    if frame.is_empty():
        return frame.with_columns(pl.lit(None, pl.String).alias("subject_norm"))
    spans = memo_on(sents, "subject_spans", lambda: _subject_spans(sents, prep, lexicons))
    out = frame.join(spans, on=["article_id", "sent_no"], how="left", maintain_order="left")
    out = out.join(prep.select("article_id", pl.col("ms").alias("_ms")), on="article_id", how="left", maintain_order="left")
    subject = _collapsed(pl.col("_ms").str.slice(pl.col("subject_start"), pl.col("sent_start") - pl.col("subject_start")))
    return out.with_columns(pl.when(pl.col("subject_start").is_not_null()).then(subject).alias("subject_norm")).drop("subject_start", "_ms")


# --------------------------------------------------------------------------- dates

def _day_words(lex: Lexicon) -> tuple[str, str, dict[str, int]] | None:
    """A language's day-of-month words as one regex (see ``Lexicon.day_words``): an ordinal,
    a cardinal where ``cardinal_days``, or a compound of number words whose last word is one;
    the regex that splits a match into its words, and every word's value. None without words."""
    rules = lex.numbers
    ordinals = {_fold(w): v for w, v in lex.day_words.items() if 1 <= v <= 31}
    numbers = {**rules.compound_parts, **rules.words}
    last = {**({w: v for w, v in rules.words.items() if 1 <= v <= 31} if lex.cardinal_days else {}), **ordinals}
    if not last:
        return None
    by = lambda low, high, table: alternation([w for w, v in table.items() if low <= v < high])  # noqa: E731
    forms = [alternation(last)]
    joiner = "|".join(re.escape(j) for j in sorted(rules.joiners, key=len, reverse=True))
    if rules.joiners:
        first, end = (by(1, 10, numbers), by(20, 40, last)) if rules.units_first else (by(20, 40, numbers), by(1, 10, last))
        if first and end:
            forms.insert(0, rf"(?:{first})(?:{joiner})(?:{end})")
    values = {**numbers, **last}
    return "|".join(f"(?:{f})" for f in forms), alternation(values), values


def _day_word_value(word: pl.Expr, lex: Lexicon) -> pl.Expr:
    """The day a ``_day_words`` match stands for: the sum of its words ("twenty-first" = 20 + 1)."""
    _, split, values = _day_words(lex)
    parts = word.str.extract_all(split).list.eval(pl.element().replace_strict(values, default=None, return_dtype=pl.Int64))
    return parts.list.sum().cast(pl.Int64)


def _date_regex(lex: Lexicon) -> tuple[str, list[tuple[str, str]]]:
    """One alternation for all of a language's date forms; returns (regex, [(kind, suffix)])."""
    months = alternation(lex.months)
    weekdays = alternation(lex.weekdays) if lex.weekdays else None
    words = _day_words(lex)
    alts, kinds = [], []

    def fill(template: str, i: int) -> str:
        out = template
        digits = rf"(?P<d{i}>[0-3]?\d)(?:er|º|°|\.)?"
        # A day in words only next to a month: alone ("the first", "le premier") it is no date.
        in_words = words and "{month}" in template
        out = out.replace("{day}", rf"(?:{digits}|(?P<o{i}>{words[0]}))" if in_words else digits)
        out = out.replace("{nday}", digits)
        out = out.replace("{month}", rf"(?P<m{i}>{months})\.?")
        out = out.replace("{year}", rf"(?P<y{i}>(?:1[6-9]|20)\d\d)")
        out = out.replace("{mnum}", rf"(?P<n{i}>[01]?\d)")
        if weekdays:
            out = out.replace("{weekday}", rf"(?P<w{i}>{weekdays})")
        return out

    # Year markers ("прошлого года") may follow any year-less day or month date.
    marks = alternation([_fold(m) for m in lex.year_markers])
    tail = rf"(?: (?:{marks}))?" if marks else ""

    i = 0
    alts.append(rf"(?P<y{i}>(?:1[6-9]|20)\d\d)-(?P<n{i}>[01]\d)-(?P<d{i}>[0-3]\d)")
    kinds.append(("day", str(i)))
    for kind, templates in (
        ("day", lex.date_patterns), ("month", lex.month_patterns), ("weekday", lex.weekday_patterns if weekdays else []), ("dayonly", lex.day_only_patterns),
    ):
        for template in templates:
            i += 1
            # A day alone is a date only where its clause ends right after it (punctuation or the
            # text's end, read with it): "on the 20th anniversary", "el 21/06/2024" are none.
            end = (tail if kind in ("day", "month") else "") + (_DAY_ONLY_END if kind == "dayonly" else "")
            alts.append(fill(template, i) + end)
            kinds.append((kind, str(i)))
    for kind, phrases in (("relday", lex.relative_days), ("relyear", lex.relative_years), ("follow", lex.following_days)):
        for phrase, offset in phrases.items():
            i += 1
            alts.append(rf"(?P<r{i}>{re.escape(_fold(phrase))})")
            kinds.append((f"{kind}:{offset}", str(i)))
    return "(?:" + "|".join(f"(?:{a})" for a in alts) + ")", kinds


def _groups_pattern(pattern: str) -> str:
    """The pattern ``str.extract_groups`` reads a match of ``pattern`` with.

    Without assertions (``\\b``, ``^``, ``$``), the leftmost-first match of ``pattern`` in its
    own match string is that whole string, along the same path (any path the engine prefers
    would have matched in the text too), so the groups are the ones an anchored ``^…$`` gives:
    and reusing the search pattern hits Polars' regex cache instead of compiling a second one.
    """
    if re.search(r"\\[bBAz]|[\^$]", pattern):
        return f"^(?:{pattern})$"
    return pattern


def _date_plan(lex: Lexicon) -> tuple[str, str, list[pl.Expr], pl.Expr, pl.Expr]:
    """A language's date search: the pattern, the pattern its groups are read with, the
    expressions picking each match's kind and values, and the past and year-marker flags."""
    pattern, kinds = _date_regex(lex)
    names = set(re.findall(r"\(\?P<(\w+)>", pattern))
    month_map = {k: v for k, v in lex.months.items()}
    week_map = {k: v for k, v in lex.weekdays.items()}
    past = "|".join(re.escape(p) for p in lex.past_markers) or r"[^\s\S]"
    year_marker = pl.lit(None, pl.Int64)
    for phrase, offset in sorted(lex.year_markers.items(), key=lambda kv: len(kv[0])):
        # A literal search: no regex to compile (and to push others out of Polars' cache).
        year_marker = pl.when(pl.col("match").str.contains(_fold(phrase), literal=True)).then(pl.lit(offset, pl.Int64)).otherwise(year_marker)
    # One alternative of the pattern takes part in a match, so only its groups are set: each
    # value is read from whichever group of its letter is set (one lookup per column, not one
    # per alternative), and the kind is that of the alternative whose defining group is set.
    def first_set(letter: str) -> pl.Expr | None:
        columns = [pl.col(name) for name in sorted(names) if name[0] == letter]
        return pl.coalesce(columns) if columns else None

    kind = pl.lit(None, pl.String)
    for name, i in reversed(kinds):
        present = next((pl.col(f"{letter}{i}").is_not_null() for letter in "rmwd" if f"{letter}{i}" in names), None)
        if present is not None:
            kind = pl.when(present).then(pl.lit(name)).otherwise(kind)
    none = pl.lit(None, pl.Int64)
    day, month_name, month_no, year, weekday, day_word = (first_set(letter) for letter in "dmnywo")
    if day_word is not None:
        day = pl.coalesce(day.cast(pl.Int64, strict=False), _day_word_value(day_word, lex))
    month = pl.coalesce(
        month_name.str.strip_chars(".").replace_strict(month_map, default=None, return_dtype=pl.Int64) if month_name is not None else none,
        month_no.cast(pl.Int64, strict=False) if month_no is not None else none,
    )
    values = [
        kind.alias("kind"),
        (day.cast(pl.Int64, strict=False) if day is not None else none).alias("day"),
        month.alias("month"),
        (year.cast(pl.Int64, strict=False) if year is not None else none).alias("year"),
        (weekday.replace_strict(week_map, default=None, return_dtype=pl.Int64) if weekday is not None else none).alias("weekday"),
    ]
    flags = [pl.col("match").str.contains(rf"\b(?:{past})\b").alias("is_past"), year_marker.alias("year_offset"), *_anchor_flags(lex)]
    return pattern, _groups_pattern(pattern), values, flags


# A word of folded text, and the text of a date's sentence before it (``before`` of find_words:
# up to the date before it, after the last full stop or line break).
_ANCHOR_WORD = r"[^ \t\n,;:.!?()«»\"“”„]+"
_SENTENCE_BEFORE = r"(?:^|[.!?][ \t\"»”)]*[ \t]|\n)([^.!?\n]*)$"


def _anchor_flags(lex: Lexicon) -> list[pl.Expr]:
    """What the words around a date (``before``, ``after``: folded) say about what it is
    anchored on: ``is_later`` (a ``later_words`` word before it in its sentence), ``is_nowadays``
    ("today" with a ``nowadays_markers`` word just before it: "still misread today"),
    ``is_writing`` (a ``writing_phrases`` phrase right after it: "earlier today we wrote"; also a
    ``following_days`` phrase an owner connector or determiner follows) and
    ``date_relation`` ('not_yet' after a ``not_yet_phrases`` phrase, 'planned' after a
    ``future_markers`` word, in its part of the sentence after the last comma - a "not yet" also
    after the date, up to the next comma; null otherwise)."""
    never = r"[^\s\S]"
    words = lambda items: _folded_alternation(items) or never  # noqa: E731
    own = pl.col("before").str.extract(_SENTENCE_BEFORE, 1).fill_null("")
    has = lambda items: own.str.contains(rf"(?:^|[^\p{{L}}'])(?:{words(items)})(?:[^\p{{L}}]|$)")  # noqa: E731
    nowadays = own.str.contains(rf"(?:^|[^\p{{L}}'])(?:{words(lex.nowadays_markers)})[ \t]+(?:{_ANCHOR_WORD}[ \t]+)?$")
    writing = pl.col("after").str.contains(rf"^[ \t,]*(?:{_ANCHOR_WORD}[ \t]+){{0,2}}(?:{words(lex.writing_phrases)})(?:[^\p{{L}}]|$)")
    # "the day after the attacks", "le lendemain de l'attaque", "на следующий день после терактов"
    # (the first word of a later word): the day after something else.
    owners = [c for c in lex.owner_connectors if c.strip()] + lex.determiners + [w.split()[0] for w in lex.later_words if len(w.split()) > 1]
    owned = pl.col("after").str.contains(rf"^[ \t]+(?:{words(owners)})(?:[^\p{{L}}]|$)")
    # A plan or a "not yet" is read in the date's own part of the sentence, after its last comma
    # ("soldiers it wants to deploy, in the region Ukraine's troops had entered on 6 August").
    part = own.str.extract(r"([^,;:]*)$", 1).fill_null("")
    in_part = lambda items: part.str.contains(rf"(?:^|[^\p{{L}}'])(?:{words(items)})(?:[^\p{{L}}]|$)")  # noqa: E731
    # "not yet" may also follow the date in its part ("war im August 2024 noch nicht in Kraft").
    part_after = pl.col("after").str.extract(r"^([^,;:.!?]*)", 1).fill_null("")
    not_yet = in_part(lex.not_yet_phrases) | part_after.str.contains(rf"(?:^|[^\p{{L}}'])(?:{words(lex.not_yet_phrases)})(?:[^\p{{L}}]|$)")
    relation = pl.when(not_yet).then(pl.lit("not_yet")).when(in_part(lex.future_markers)).then(pl.lit("planned")).otherwise(pl.lit(None, pl.String))
    return [
        has(lex.later_words).fill_null(False).alias("is_later"), (nowadays & (pl.col("kind") == "relday:0")).fill_null(False).alias("is_nowadays"),
        (writing | (pl.col("kind").str.starts_with("follow") & owned)).fill_null(False).alias("is_writing"), relation.alias("date_relation"),
    ]


# How much text either side of a date is read to tell a report's date (a verb and three words).
_REPORT_CONTEXT = 80
# The report regexes spell their classes out (no \p{L}, no \s): Polars compiles them on every
# call, and Unicode classes under bounded repetition cost milliseconds to compile each.
_REPORT_PUNCT = r",;:.!?()\[\]«»\"“”„"
_REPORT_WORD = rf"[^ \t\n{_REPORT_PUNCT}]+"
_REPORT_BOUNDARY = rf"(?:^|[ \t\n{_REPORT_PUNCT}'*/-])"


def _report_plan(lex: Lexicon) -> tuple[pl.Expr, list[pl.Expr]]:
    """(whether a reporting verb is near, and the expressions for) ``is_report_date``,
    ``report_start`` and ``report_end`` of a date (a ``find_words`` match with its
    ``before`` and ``after`` text): whether it says when something was said or reported, not
    when the event happened, and where the clause of the report starts and ends.

    Either a reporting verb comes before the date with at most three words between, none a
    complementizer ("Peskov said on Thursday", "dijo Peskov el jueves", "informó este martes",
    "told reporters on Monday", but not "said that on 4 December"); or the date opens its
    sentence and a reporting verb follows within four words ("On Thursday, Peskov said",
    "Am Donnerstag sagte Peskow", "В четверг Песков заявил"). The report's clause ends at the
    first comma, semicolon, colon or complementizer after the date, or after the verb that
    follows it (null: not within ``_REPORT_CONTEXT`` characters). It starts after the comma
    before the verb when the report follows what was reported and ends the sentence ("The
    treaty entered into force on 4 December, Peskov said on Thursday."); otherwise (null) where
    the date's segment starts, with the one reporting ("Gerasimov reported on 3 June that").
    The expressions are only needed where a verb is near (one cheap search rules out most dates).
    """
    if not lex.reporting_verbs:
        return pl.lit(False), _NO_REPORT
    verbs = "|".join(" +".join(re.escape(w) for w in _fold(v).split()) for v in sorted(set(lex.reporting_verbs), key=len, reverse=True))
    word, gap = _REPORT_WORD, r"[ \t]+"
    verb = rf"(?:{verbs})[^ \t\n{_REPORT_PUNCT}]*"
    near = rf"{_REPORT_BOUNDARY}(?:{verbs})"
    # Before the date: [", " and up to three words] the verb, up to three words, the date.
    verb_before = rf"(?:(?P<c>,(?:{gap}{word}){{0,3}}{gap})|{_REPORT_BOUNDARY})(?P<v>{verb})(?P<w>(?:{gap}{word}){{0,3}})(?P<s>{gap})$"
    verb_after = rf"^(,?(?:{gap}{word}){{0,4}}{gap}{verb})"
    complementizers = sorted({_fold(c) for c in lex.complementizers}, key=len, reverse=True)
    # A complementizer ending in an apostrophe ("qu'") is glued to the next word.
    comps = "|".join(re.escape(c) if c.endswith("'") else re.escape(c) + rf"(?:[ \t\n{_REPORT_PUNCT}]|$)" for c in complementizers)
    before, after = pl.col("before"), pl.col("after")
    found = extract_groups(before, verb_before)
    words_between = found.struct.field("w")
    is_after_verb = found.struct.field("v").is_not_null()
    if comps:
        is_after_verb = is_after_verb & ~words_between.str.contains(rf"(?:^| )(?:{comps})")
    # A date opens its sentence after a full stop, a line break or a dash, or at the text's start.
    at_text_start = pl.col("start") == before.str.len_chars()
    opening = pl.when(at_text_start).then(pl.concat_str(pl.lit("\n"), before)).otherwise(before)
    is_opening = opening.str.contains(r"(?:[.!?;:\n]|[-–—][ \t])[ \t\"«“„'*(\[]*$")
    verb_reach = after.str.extract(verb_after, 1).str.len_chars().cast(pl.Int64)
    is_before_verb = is_opening & verb_reach.is_not_null()
    reach = pl.when(is_after_verb).then(pl.lit(0, pl.Int64)).otherwise(verb_reach)
    stop = "[,;:]" + (rf"|[ \t\n{_REPORT_PUNCT}](?:{comps})" if comps else "")
    clause_end = pl.col("end") + reach + char_index_regex(after.str.slice(reach), stop)
    is_report = (is_after_verb | is_before_verb).fill_null(False)
    # "<what was reported>, [Name] said [Name] on Thursday [Name]." (at most three words after it)
    after_comma = sum(found.struct.field(g).str.len_chars().cast(pl.Int64) for g in "cvws")
    ends_sentence = after.str.contains(rf"^(?:{gap}{word}){{0,3}}[ \t]*(?:[.!?»”\"]|$)")
    clause_start = pl.when(is_after_verb & ends_sentence).then(pl.col("start") - after_comma + 1)
    is_near = before.str.contains(near) | after.str.contains(near)
    return is_near, [is_report.alias("is_report_date"), pl.when(is_report).then(clause_start).alias("report_start"), pl.when(is_report).then(clause_end).alias("report_end")]


_NO_REPORT = [pl.lit(False).alias("is_report_date"), pl.lit(None, pl.Int64).alias("report_start"), pl.lit(None, pl.Int64).alias("report_end")]


def extract_dates(prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon], skip_until: pl.DataFrame) -> pl.DataFrame:
    frames, plans = [], {}
    for code, lex in lexicons.items():
        sub = prep.filter(pl.col("language") == code)
        if sub.is_empty():
            continue
        pattern, groups_pattern, values, flags = derived(lex, "dates", _date_plan)
        is_near, plans[code] = derived(lex, "report_dates", _report_plan)
        found = find_words(sub, pattern, text_col="folded", context=_REPORT_CONTEXT)
        if found.is_empty():
            continue
        found = found.lazy().with_columns(extract_groups(pl.col("match"), groups_pattern).alias("g")).unnest("g")
        found = found.with_columns(*values).select("article_id", "start", "end", "match", "before", "after", *(v.meta.output_name() for v in values), *flags)
        # "still misread today", "earlier today we wrote": no date of an event.
        found = found.filter(pl.col("kind").is_not_null() & ~pl.col("is_nowadays") & ~pl.col("is_writing")).drop("is_nowadays", "is_writing")
        frames.append(found.with_columns(pl.lit(code).alias("_lang"), is_near.alias("_near")))
    if not frames:
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    # The languages' matches are read together (one query), then joined where two are one date
    # (row shifts: fastest on the materialized frame), and resolved.
    dates = _join_adjacent(collect(pl.concat(frames), prep.height).lazy(), lexicons).collect(engine="in-memory")
    dates = dates.join(prep.select("article_id", "published_on"), on="article_id", how="left", maintain_order="left")
    dates = _anchored_dates(_day_only_dates(_resolve_dates(dates.lazy()).collect(engine="in-memory")), prep)
    # The few dates with a reporting verb near are read per language (see _report_plan).
    near = dates.filter("_near")
    reports = [near.filter(pl.col("_lang") == code).with_columns(plans[code]) for code in near["_lang"].unique(maintain_order=True)]
    dates = pl.concat([dates.filter(~pl.col("_near")).with_columns(_NO_REPORT), *reports]).drop("before", "after", "_lang", "_near")
    dates = dates.filter(pl.col("date_precision").is_not_null())
    dates = dates.join(skip_until, on="article_id", how="left").filter(pl.col("start") >= pl.col("skip_until").fill_null(0))
    dates = _inherit_years(attach_sentence(dates, sents))
    # A date the clause supposes ("If the treaty had been signed in May 2024") states nothing.
    dates = _without_supposed(dates, prep, lexicons, "sent_start")
    dates = _date_clauses(_date_segments(dates, prep, lexicons), prep, lexicons)
    dates = _with_subject(dates, prep, sents, lexicons)
    return _finish(dates, "event_date", prep, sents, span=("seg_start", "seg_end"), mention=("start", "end"))


# A label row of a fact box or table: up to six words of label (no digits), a colon, a tab (a
# table's cell border) or a dash, then the date alone ("Entered into force: 4 December 2024",
# "| Firma | 19 de junio de 2024 |", "Подписан\t19.06.2024").
_LABEL_ROW_BEFORE = r"^[\s*_#>|•·-]*\p{L}[^\d\n:\t|]{0,60}?(?:[ ]*:|[ ]*\t|[ ]+[–—][ ]+)[\s*_|]*$"
_LABEL_ROW_WORDS = 6


def _with_label_subject(dates: pl.DataFrame, prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon], ref) -> pl.DataFrame:
    """Give a date in a label row that names no treaty of its own ("Entered into force: 4
    December 2024" in a fact box about a treaty) the article's main treaty (``_main_treaties``)
    as its subject: ``subject_norm`` becomes the pack's full name of that treaty in the article's
    language, so the label's event words are matched with the treaty the box is about. A
    sentence that already continues another (``subject_norm`` set) keeps its subject; a row
    naming any treaty - another one's name, or one the pack does not know - gets none."""
    if dates.is_empty():
        return dates
    # The date ends the row (a full stop, emphasis or a cell border after it at most).
    row = pl.col("sentence_text").str.strip_chars_end(" \t\n.*_|")
    before = row.str.head(row.str.len_chars() - pl.col("mention_text").str.len_chars())
    rows = dates.filter(pl.col("subject_norm").is_null() & pl.col("mention_text").is_not_null()).with_row_index("_r")
    rows = rows.filter(
        row.str.ends_with(pl.col("mention_text")) & before.str.contains(_LABEL_ROW_BEFORE)
        & (before.str.count_matches(r"\p{L}+") <= _LABEL_ROW_WORDS)
    )
    if rows.is_empty():
        return dates
    main = _main_treaties(prep, sents, lexicons, ref).select("article_id", "main_id")
    rows = rows.join(main, on="article_id", how="inner")
    # The label row's own treaty mentions: any treaty but the main one (a context word of the
    # main treaty, "Firma a Pyongyang", only repeats it).
    named = _treaty_candidates(prep, sents, lexicons, ref).select("article_id", "c_start", "treaty_id")
    spans = rows.select("article_id", "char_start", "char_end", "main_id", "_r").join(named, on="article_id", how="inner").filter(
        (pl.col("c_start") >= pl.col("char_start")) & (pl.col("c_start") < pl.col("char_end"))
        & (pl.col("treaty_id").is_null() | (pl.col("treaty_id") != pl.col("main_id")))
    )
    rows = rows.join(spans.select("_r").unique(), on="_r", how="anti")
    # The longest pack name of the treaty in the article's language (else a language-neutral one).
    names = ref["treaty_names"].filter(pl.col("name_kind") == "name").with_columns(pl.col("alias_norm").str.len_chars().alias("_len"))
    full = names.sort("_len", descending=True).group_by("treaty_id", "language", maintain_order=True).first()
    own = full.select(pl.col("treaty_id").alias("main_id"), "language", pl.col("alias_norm").alias("_own"))
    neutral = full.filter(pl.col("language") == "und").select(pl.col("treaty_id").alias("main_id"), pl.col("alias_norm").alias("_und"))
    rows = rows.join(own, on=["main_id", "language"], how="left").join(neutral, on="main_id", how="left")
    label = rows.select("claim_id", pl.concat_str(pl.lit(" "), pl.coalesce("_own", "_und"), pl.lit(" ")).alias("_label_subject")).filter(
        pl.col("_label_subject").is_not_null(),
    )
    out = dates.join(label, on="claim_id", how="left", maintain_order="left")
    return out.with_columns(pl.coalesce("subject_norm", "_label_subject").alias("subject_norm")).drop("_label_subject")


_DAY_ONLY_END = r"(?:[ \t]*[.,;:!?)»”\"]|$)"


def _day_only_dates(dates: pl.DataFrame) -> pl.DataFrame:
    """Dates of ``day_only_patterns`` ("on the 9th.", "am 20.", "le 20,": found only where
    their clause ends right after them, see ``_date_regex``) as day dates: each takes the month
    and year of the nearest day or month date before it in the article ("On 19 June 2024, in
    Pyongyang." ... "Some people online say it was signed on the 20th."), also across
    paragraphs (an interview's question and answer); with none, those of the publication, when
    the day is not after the publication's (otherwise it is dropped)."""
    only = pl.col("kind") == "dayonly"
    if dates.is_empty() or not dates.select(only.any()).item():
        return dates
    dates = dates.sort("article_id", "start")
    is_anchor = pl.col("date_precision").is_in(["day", "month"]) & ~only & pl.col("date_value").is_not_null()
    anchor = pl.when(is_anchor).then(pl.col("date_value")).forward_fill().over("article_id")
    pub = pl.col("published_on")
    value = (
        pl.when(anchor.is_not_null()).then(make_date(anchor.dt.year(), anchor.dt.month(), pl.col("day")))
        .when(pl.col("day") <= pub.dt.day()).then(make_date(pub.dt.year(), pub.dt.month(), pl.col("day")))
    )
    own = pl.col("_own")
    return dates.with_columns(pl.when(only).then(value).alias("_own")).with_columns(
        pl.when(only).then(own).otherwise(pl.col("date_value")).alias("date_value"),
        pl.when(only).then(own.dt.month().cast(pl.Int64)).otherwise(pl.col("month")).alias("month"),
        pl.when(only).then(own.dt.year().cast(pl.Int64)).otherwise(pl.col("year")).alias("year"),
        pl.when(only).then(pl.when(own.is_not_null()).then(pl.lit("day"))).otherwise(pl.col("date_precision")).alias("date_precision"),
        pl.when(only).then(pl.lit("day")).otherwise(pl.col("kind")).alias("kind"),
    ).drop("_own")


def _anchored_dates(dates: pl.DataFrame, prep: pl.DataFrame) -> pl.DataFrame:
    """Dates counted from the date the text just gave, not from publication: a
    ``following_days`` phrase ("the next day", "le lendemain": that many days after it) and a
    weekday after a ``later_words`` word in its sentence ("Two days later, on Monday": the first
    such day after it). The date they count from is the nearest day date before them in the
    article, in the same paragraph; with none, they are no date (dropped: a guessed date would
    be refuted for the wrong reason)."""
    kind = pl.col("kind")
    follow = kind.str.starts_with("follow")
    anchored = follow | ((kind == "weekday") & pl.col("is_later"))
    if dates.is_empty() or not dates.select(anchored.any()).item():
        return dates.drop("is_later")
    dates = dates.sort("article_id", "start")
    is_anchor = (kind == "day") & pl.col("date_value").is_not_null()
    dates = dates.with_columns(
        pl.when(is_anchor).then(pl.col("date_value")).forward_fill().over("article_id").alias("_anchor"),
        pl.when(is_anchor).then(pl.col("end")).forward_fill().over("article_id").alias("_anchor_end"),
    )
    gaps = dates.filter(anchored & pl.col("_anchor").is_not_null()).select("article_id", "start", "_anchor_end").join(
        prep.select("article_id", "folded"), on="article_id", how="left",
    ).select("article_id", "start", pl.col("folded").str.slice(pl.col("_anchor_end"), pl.col("start") - pl.col("_anchor_end")).str.contains(r"\n[ \t]*\n").alias("_break"))
    dates = dates.join(gaps, on=["article_id", "start"], how="left", maintain_order="left")
    ok = pl.col("_anchor").is_not_null() & ~pl.col("_break").fill_null(True)
    offset = kind.str.extract(r":(-?\d+)$").cast(pl.Int64)
    ahead = (pl.col("weekday") - (pl.col("_anchor").dt.weekday().cast(pl.Int64) - 1)) % 7
    ahead = pl.when(ahead == 0).then(7).otherwise(ahead)
    value = pl.when(ok).then(pl.col("_anchor") + pl.duration(days=pl.when(follow).then(offset).otherwise(ahead)))
    return dates.with_columns(
        pl.when(anchored).then(value).otherwise(pl.col("date_value")).alias("date_value"),
        pl.when(anchored & ~ok).then(pl.lit(None, pl.String)).otherwise(pl.col("date_precision")).alias("date_precision"),
    ).drop("is_later", "_anchor", "_anchor_end", "_break")


def _join_adjacent(dates: pl.LazyFrame, lexicons: dict[str, Lexicon] | None = None) -> pl.LazyFrame:
    """One mention out of two dates with only spaces or a comma between them, when together they
    are one date: a year-less day or month and the relative year after it ("on June 19 last
    year", "en junio del año pasado" has its year in the pattern), then a weekday and the day
    date after it ("el sábado 26 de abril", "on Saturday, April 26"). The first mention takes
    the second's end and the values the pair gives (``_near``: either's); the second goes.
    Needs the ``find_words`` columns (``after`` is the text up to the next match) and the date
    values, in text order.

    A weekday in apposition after a day date ("26 апреля 2025 года, в субботу", "on 26 April
    2025, a Saturday", "el 26 de abril, un sábado": only spaces, a comma and one of the
    language's ``weekday_appositions`` between) names that date's day: it goes, and the date
    keeps its mention (read for the publication week, it would be a second, wrong date)."""
    same = pl.col("article_id").shift(-1) == pl.col("article_id")
    gap = pl.col("after")
    adjacent = same & (pl.col("start").shift(-1) - pl.col("end") == gap.str.len_chars()) & gap.str.contains(r"^[ \t]*,?[ \t]*$")
    kind, next_kind = pl.col("kind"), pl.col("kind").shift(-1)
    year_less = kind.is_in(["day", "month"]) & pl.col("year").is_null() & pl.col("year_offset").is_null()
    pairs = [
        (year_less & next_kind.str.starts_with("relyear:"), [], next_kind.str.extract(r":(-?\d+)$").cast(pl.Int64)),
        ((kind == "weekday") & (next_kind == "day"), ["kind", "day", "month", "year", "weekday", "is_past", "year_offset"], None),
    ]
    for is_pair, taken, year_offset in pairs:
        joined = (adjacent & is_pair).fill_null(False)
        taken_values = [pl.when(joined).then(pl.col(c).shift(-1)).otherwise(pl.col(c)).alias(c) for c in taken]
        if year_offset is not None:
            taken_values.append(pl.when(joined).then(year_offset).otherwise(pl.col("year_offset")).alias("year_offset"))
        dates = dates.with_columns(joined.alias("_joined")).with_columns(
            pl.when(pl.col("_joined")).then(pl.concat_str("match", "after", pl.col("match").shift(-1))).otherwise(pl.col("match")).alias("match"),
            pl.when(pl.col("_joined")).then(pl.col("end").shift(-1)).otherwise(pl.col("end")).alias("end"),
            pl.when(pl.col("_joined")).then(pl.col("after").shift(-1)).otherwise(pl.col("after")).alias("after"),
            pl.when(pl.col("_joined")).then(pl.col("_near") | pl.col("_near").shift(-1)).otherwise(pl.col("_near")).alias("_near"),
            *taken_values,
        ).filter(~pl.col("_joined").shift(1).fill_null(False)).drop("_joined")
    appositive = pl.lit(False)
    for code, lex in (lexicons or {}).items():
        words = alternation({_fold(w): None for w in lex.weekday_appositions}) if lex.weekday_appositions else None
        between = rf"^[ \t]*,?[ \t]*(?:(?:{words})[ \t]+)?$" if words else r"^[ \t]*,?[ \t]*$"
        appositive = pl.when(pl.col("_lang") == code).then(gap.str.contains(between)).otherwise(appositive)
    is_apposition = (
        same & (pl.col("start").shift(-1) - pl.col("end") == gap.str.len_chars())
        & (kind == "day") & (next_kind == "weekday") & appositive
    ).fill_null(False)
    return dates.filter(~is_apposition.shift(1).fill_null(False))


def _date_segments(dates: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon] | None = None) -> pl.DataFrame:
    """Each date's span (``_segments``), and ``report_norm`` for the date of a report.

    Between two dates with no separator between them, the words before the last conjunction
    are the first date's and the rest the second's (``_split_at_conjunctions``): in "Der
    Vertrag wurde am 20. Juni 2024 unterzeichnet und trat im Dezember in Kraft" the participle
    after the date says what happened on 20 June.

    The date of a report does not split the sentence for the other dates: "Peskov said on
    Thursday that the treaty entered into force on 4 December 2024" gives the whole sentence to
    4 December. Its own span is cut among all the dates of the sentence, and ``report_norm`` is
    the matching form of the report's clause within it ("peskov said on thursday",
    "gerasimov reported on june 3"), so the verdict can tell whether the one who reported is
    part of the event it is matched to (see event_date_verdicts).
    """
    bounds = ("report_start", "report_end")
    report = pl.col("is_report_date")
    spans = _segments(dates.filter(~report), prep, whole_clauses=True).drop(*bounds).with_columns(pl.lit(None, pl.String).alias("report_norm"))
    if lexicons:
        spans = _split_at_conjunctions(spans, prep, lexicons)
    with_report = dates.filter(report.any().over("article_id", "sent_no"))
    if with_report.is_empty():
        return spans
    reports = _segments(with_report, prep).filter(report)
    start = pl.max_horizontal("seg_start", pl.col("report_start").fill_null(pl.col("seg_start")))
    end = pl.min_horizontal("seg_end", pl.col("report_end").fill_null(pl.col("seg_end")))
    reports = (
        reports.join(prep.select("article_id", "ms"), on="article_id", how="left")
        .with_columns(_ms_norm(start, end).alias("report_norm"))
        .drop("ms", *bounds)
    )
    return pl.concat([spans, reports.select(spans.columns)])


def _split_at_conjunctions(spans: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Give the words between two successive dates of a sentence that ``_segments`` left to
    neither (no separator between them) to both, split at the last conjunction: up to it the
    first date's ("am 20. Juni 2024 unterzeichnet", "il 20 giugno firmato"), from it the
    second's ("und trat im Dezember in Kraft")."""
    ordered = pl.col("sent_no").is_not_null()
    m = spans.sort("article_id", "start").with_columns(
        pl.when(ordered).then(pl.col("start").shift(-1).over("article_id", "sent_no")).alias("_next"),
        pl.when(ordered).then(pl.col("seg_start").shift(-1).over("article_id", "sent_no")).alias("_next_seg"),
    )
    m = m.join(prep.select("article_id", "folded", "language"), on="article_id", how="left")
    gap = pl.col("folded").str.slice(pl.col("end"), (pl.col("_next") - pl.col("end")).clip(lower_bound=0))
    open_gap = pl.col("_next").is_not_null() & (pl.col("seg_end") == pl.col("end")) & (pl.col("_next_seg") == pl.col("_next"))

    def last_conjunction(lex: Lexicon) -> pl.Expr:
        words = "|".join(sorted((_spaced(w.rstrip("'")) for w in lex.conjunctions if w.strip("' ")), key=len, reverse=True))
        if not words:
            return pl.lit(None, pl.Int64)
        return gap.str.extract(rf"(?s)^(.*[^\p{{L}}\p{{N}}])(?:{words})(?:[^\p{{L}}\p{{N}}]|$)", 1).str.len_chars().cast(pl.Int64)

    at = pl.when(open_gap).then(_by_language(lexicons, last_conjunction, pl.lit(None, pl.Int64)))
    m = m.with_columns(at.alias("_conj"))
    # The first date's span ends before the conjunction (blanks left out), the second's starts at it.
    head = gap.str.slice(0, pl.col("_conj"))
    cut = pl.col("end") + head.str.strip_chars_end().str.len_chars()
    m = m.with_columns(pl.when(pl.col("_conj").is_not_null()).then(cut).otherwise(pl.col("seg_end")).alias("seg_end"))
    moved = m.filter(pl.col("_conj").is_not_null()).select("article_id", pl.col("_next").alias("start"), (pl.col("end") + pl.col("_conj")).alias("_new_start"))
    m = m.join(moved, on=["article_id", "start"], how="left")
    return m.with_columns(pl.coalesce("_new_start", "seg_start").alias("seg_start")).drop("_next", "_next_seg", "folded", "language", "_conj", "_new_start")

# A semicolon, or a colon before a space (not "12:30"), ends a clause; read reversed, before a date.
_CLAUSE_END = r";|:(?:[ \t\n]|$)"
_CLAUSE_END_REVERSED = r";|[ \t\n]:|^:"
# How much text before a date is read for the relative word opening its clause, and on either
# side for an event noun bound to it (the regexes scan every position of what they read).
_CLAUSE_READ = 150
_NOUN_READ = 60


def _clause_plan(lex: Lexicon) -> tuple[str | None, str | None, str | None]:
    """Regexes (folded text) for a date's own clause: a comma and a relative word with no comma
    after it, up to the date (the date is in a relative clause or participial phrase: "Choe Son
    Hui, who was in Moscow in November, ..."); an event noun, with an owner connector, right
    before the date ("after the attacks of 11 September", "после терактов 11 сентября"), and an
    event noun right after it ("after the September 11 attacks"). None where the lexicon has no
    words for it. Each captures the text it matches at the end (start) of the text before
    (after) the date, whose length gives the clause's bounds: anchored, with no word-boundary
    assertion, they stay on the regex engine's fast path."""
    # A word ending in an apostrophe ("qu'") is glued to the next word; any other must end.
    glued = [w for w in lex.relative_words if w.endswith("'")]
    whole = [w for w in lex.relative_words if not w.endswith("'")]
    rel = "|".join(filter(None, [alternation(glued), rf"(?:{alternation(whole, escape=False)})(?:[^\p{{L}}]|$)" if whole else ""]))
    nouns = alternation(lex.event_nouns, escape=False)
    connectors = alternation([c.rstrip("'") for c in lex.owner_connectors if c.strip()])
    connector = rf"(?:[ \t]+(?:{connectors}))?" if connectors else ""
    relative = rf"(,[ \t]*(?:[^ \t,;:.]{{1,4}}[ \t]+)?(?:{rel})[^,;:]*)$" if rel else None
    noun_before = rf"((?:^|[^\p{{L}}])(?:{nouns}){connector}['’ \t]*)$" if nouns else None
    noun_after = rf"^([ \t]*(?:{nouns}))(?:[^\p{{L}}]|$)" if nouns else None
    return relative, noun_before, noun_after


def _date_clauses(dates: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """``clause_norm``: the matching form of the part of its sentence a date belongs to, where
    event_date_verdicts looks for the event first, and ``clause_wide_norm``, where it looks when
    that part names no event. Null where it is the whole sentence, or the date alone ("19 June
    2024: Putin and Kim sign the treaty"): the sentence is matched.

    The clause is, first found first: the event noun the date is bound to ("the September 11
    attacks", "los atentados del 11 de septiembre": the date names that event); the relative
    clause or participial phrase the date is in, from the comma before its relative word
    (``relative_words``) to the next comma ("Choe Son Hui, who was in Moscow in November,
    called the treaty ..."); otherwise the part of the sentence between semicolons and colons
    ("He said the treaty was signed on 9 November: that day Putin signed the ratification
    law"). The wide clause is the same, but a part between semicolons and colons reaches over
    the neighbouring parts that hold no date of their own ("Ausgerufen wurde der Bündnisfall
    nur einmal: am 12. September 2001, einen Tag nach den Anschlägen"), up to the nearest ones
    that do ("Shoigu left the ministry in May 2024; it was Gerasimov who reported on April 26
    ...": Gerasimov's report is April 26's)."""
    if dates.is_empty():
        return dates.with_columns(pl.lit(None, pl.String).alias("clause_norm"), pl.lit(None, pl.String).alias("clause_wide_norm"))
    dates = dates.join(prep.select("article_id", "language", "folded", "ms"), on="article_id", how="left")
    pre = pl.col("folded").str.slice(pl.col("sent_start"), (pl.col("start") - pl.col("sent_start")).clip(lower_bound=0))
    post = pl.col("folded").str.slice(pl.col("end"), (pl.col("sent_end") - pl.col("end")).clip(lower_bound=0))
    dates = dates.with_columns(pre.alias("_pre"), post.alias("_post"))
    last_end = char_index_regex(pl.col("_pre").str.reverse(), _CLAUSE_END_REVERSED)
    piece_start = pl.when(last_end.is_not_null()).then(pl.col("start") - last_end).otherwise(pl.col("sent_start"))
    piece_end = (pl.col("end") + char_index_regex(pl.col("_post"), _CLAUSE_END)).fill_null(pl.col("sent_end"))
    dates = dates.with_columns(piece_start.alias("_cs"), piece_end.alias("_ce"))
    sentence = ("article_id", "sent_no")
    pieces = dates.select(*sentence, "_cs", "_ce").unique().sort(*sentence, "_cs").with_columns(
        pl.col("_ce").shift(1).over(sentence).alias("_ws"), pl.col("_cs").shift(-1).over(sentence).alias("_we"),
    )
    dates = dates.join(pieces, on=[*sentence, "_cs", "_ce"], how="left", nulls_equal=True).with_columns(
        pl.col("_ws").fill_null(pl.col("sent_start")), pl.col("_we").fill_null(pl.col("sent_end")),
    )
    parts = []
    for code, part in dates.group_by("language"):
        lex = lexicons.get(code[0])
        relative, noun_before, noun_after = derived(lex, "date_clauses", _clause_plan) if lex is not None else (None, None, None)
        narrowed, start, end = pl.lit(False), pl.col("_cs"), pl.col("_ce")
        if relative:
            piece_pre = pl.col("_pre").str.slice(pl.col("_cs") - pl.col("sent_start")).str.tail(_CLAUSE_READ)
            opened = pl.col("start") - piece_pre.str.extract(relative, 1).str.len_chars().cast(pl.Int64) - pl.col("_cs")
            closed = char_index_regex(pl.col("_post"), "[,;:]")
            start = pl.when(opened.is_not_null()).then(pl.col("_cs") + opened + 1).otherwise(start)
            end = pl.when(opened.is_not_null()).then(pl.min_horizontal(pl.col("end") + closed.fill_null(pl.col("sent_end")), pl.col("_ce"))).otherwise(end)
            narrowed = narrowed | opened.is_not_null()
        noun_start = pl.lit(None, pl.Int64)
        if noun_before:
            bound_to = pl.col("_pre").str.tail(_NOUN_READ).str.extract(noun_before, 1)
            # The character before the noun is part of the match, unless the noun opens the sentence.
            noun_start = pl.col("start") - pl.col("sent_start") - bound_to.str.len_chars().cast(pl.Int64) + (~bound_to.str.contains(r"^\p{L}")).cast(pl.Int64)
        if noun_before:
            start = pl.when(noun_start.is_not_null()).then(pl.col("sent_start") + noun_start).otherwise(start)
            end = pl.when(noun_start.is_not_null()).then(pl.col("end")).otherwise(end)
            narrowed = narrowed | noun_start.is_not_null()
        if noun_after:
            noun_len = pl.col("_post").str.head(_NOUN_READ).str.extract(noun_after, 1).str.len_chars().cast(pl.Int64)
            bound = noun_len.is_not_null() & noun_start.is_null()
            start = pl.when(bound).then(pl.col("start")).otherwise(start)
            end = pl.when(bound).then(pl.col("end") + noun_len).otherwise(end)
            narrowed = narrowed | bound
        parts.append(part.with_columns(start.alias("_cs"), end.alias("_ce"), narrowed.fill_null(False).alias("_narrowed")))
    dates = pl.concat(parts).with_columns(
        pl.when(pl.col("_narrowed")).then(pl.col("_cs")).otherwise(pl.col("_ws")).alias("_ws"),
        pl.when(pl.col("_narrowed")).then(pl.col("_ce")).otherwise(pl.col("_we")).alias("_we"),
    )

    def clause(s: pl.Expr, e: pl.Expr) -> pl.Expr:
        own = pl.concat_str(
            pl.col("folded").str.slice(s, (pl.col("start") - s).clip(lower_bound=0)),
            pl.col("folded").str.slice(pl.col("end"), (e - pl.col("end")).clip(lower_bound=0)),
        )
        whole = (s <= pl.col("sent_start")) & (e >= pl.col("sent_end"))
        return pl.when(whole | ~own.str.contains(r"\p{L}")).then(pl.lit(None, pl.String)).otherwise(_ms_norm(s, e))

    return dates.with_columns(
        clause(pl.col("_cs"), pl.col("_ce")).alias("clause_norm"), clause(pl.col("_ws"), pl.col("_we")).alias("clause_wide_norm"),
    ).drop("language", "folded", "ms", "_pre", "_post", "_cs", "_ce", "_ws", "_we", "_narrowed")


def _inherit_years(dates: pl.DataFrame) -> pl.DataFrame:
    """A year-less date takes its year from an earlier date with a year in the same sentence
    ("after the attacks of 11 September 2001 ... on 12 September"; "from 6 August 2024 to
    26 April" crosses into the next year when the day would come before the earlier date, unless
    that year is after publication and the event is not planned: "on 4 December 2024, after the
    Duma had approved it on 24 October" is 24 October 2024)."""
    if dates.is_empty():
        return dates
    dates = dates.sort("article_id", "start")
    explicit = pl.col("year").is_not_null()
    anchor_date = pl.when(explicit).then(pl.col("date_value"))
    dates = dates.with_columns(anchor_date.forward_fill().over("article_id", "sent_no").alias("_anchor"))
    y0 = pl.col("_anchor").dt.year().cast(pl.Int64)
    same_year = make_date(y0, pl.col("month"), pl.coalesce(pl.col("day"), pl.lit(1)))
    next_year = make_date(y0 + 1, pl.col("month"), pl.coalesce(pl.col("day"), pl.lit(1)))
    # ... but not into a year after publication unless the event is planned: "entered into force
    # on 4 December 2024, after the Duma had approved it on 24 October" is 24 October 2024.
    is_future = (next_year > pl.col("published_on").dt.offset_by("7d")).fill_null(False) & (pl.col("date_relation").fill_null("") != "planned")
    inherited = pl.when((same_year >= pl.col("_anchor").dt.truncate("1mo")) | is_future).then(same_year).otherwise(next_year)
    yearless = pl.col("kind").is_in(["day", "month"]) & pl.col("year").is_null() & pl.col("year_offset").is_null() & pl.col("_anchor").is_not_null()
    return dates.with_columns(pl.when(yearless).then(inherited).otherwise(pl.col("date_value")).alias("date_value")).drop("_anchor")


def _resolve_dates(dates: pl.LazyFrame) -> pl.LazyFrame:
    pub = pl.col("published_on")
    py, pm = pub.dt.year().cast(pl.Int64), pub.dt.month().cast(pl.Int64)
    kind = pl.col("kind")
    # Day dates without a year: the publication year, unless that lands after publication
    # (always for "pasado"/"dernier", beyond a week otherwise): then the year before.
    # "в декабре прошлого года", "le 4 décembre de l'année dernière": the year is given relative
    # to publication.
    marked_year = py + pl.col("year_offset")
    this_year = make_date(py, pl.col("month"), pl.col("day"))
    # A planned event ("is due to vote on 6 November") is the next such day, not the last one.
    planned = pl.col("date_relation") == "planned"
    yearless = pl.when(planned).then(pl.when(this_year >= pub.dt.offset_by("-7d")).then(this_year).otherwise(make_date(py + 1, pl.col("month"), pl.col("day")))) \
        .when(pl.col("is_past") & (this_year > pub)).then(make_date(py - 1, pl.col("month"), pl.col("day"))) \
        .when(this_year > pub.dt.offset_by("7d")).then(make_date(py - 1, pl.col("month"), pl.col("day"))) \
        .otherwise(this_year)
    day_value = (
        pl.when(pl.col("year").is_not_null()).then(make_date(pl.col("year"), pl.col("month"), pl.col("day")))
        .when(pl.col("year_offset").is_not_null()).then(make_date(marked_year, pl.col("month"), pl.col("day")))
        .otherwise(yearless)
    )
    month_year = (
        pl.when(pl.col("year").is_not_null()).then(pl.col("year"))
        .when(pl.col("year_offset").is_not_null()).then(marked_year)
        .when(planned).then(pl.when(pl.col("month") >= pm).then(py).otherwise(py + 1))
        .when(pl.col("month") <= pm).then(py).otherwise(py - 1)
    )
    month_value = make_date(month_year, pl.col("month"), pl.lit(1))
    back = ((pub.dt.weekday().cast(pl.Int64) - 1 - pl.col("weekday")) % 7)
    back = pl.when((back == 0) & pl.col("is_past")).then(7).otherwise(back)
    weekday_value = pub - pl.duration(days=back)
    offset = kind.str.extract(r":(-?\d+)$").cast(pl.Int64)
    relday_value = pub + pl.duration(days=offset)
    relyear_value = make_date(py + offset, pl.lit(1), pl.lit(1))
    value = (
        pl.when(kind == "day").then(day_value)
        .when(kind == "month").then(month_value)
        .when(kind == "weekday").then(weekday_value)
        .when(kind.str.starts_with("relday")).then(relday_value)
        .when(kind.str.starts_with("relyear")).then(relyear_value)
    )
    # "the next day" is counted from the date before it (_anchored_dates).
    precision = (
        pl.when(kind.is_in(["day", "weekday"]) | kind.str.starts_with("relday") | kind.str.starts_with("follow")).then(pl.lit("day"))
        .when(kind == "month").then(pl.lit("month"))
        .when(kind.str.starts_with("relyear")).then(pl.lit("year"))
    )
    valid = pl.when(kind == "day").then(pl.col("month").is_between(1, 12) & pl.col("day").is_between(1, 31)).otherwise(True)
    return dates.with_columns(value.alias("date_value"), precision.alias("date_precision")).filter(valid)


# --------------------------------------------------------------------------- treaties

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12, "xiii": 13, "xiv": 14}


# The words either side of an article number read to tell whose article it is.
_OWNER_READ = 80
# One word of folded text (an apostrophe or hyphen may join its parts: "uefa's", "russia-").
_OWNER_WORD = r"[\p{L}\p{N}'-]+"


def _treaty_plan(lex: Lexicon) -> dict[str, str]:
    """A language's patterns for article references (see ``extract_treaty_clauses``)."""

    def build(lex: Lexicon) -> dict[str, str]:
        never = r"[^\s\S]"
        docs = "|".join(f"(?:{d})" for d in lex.document_words) or never
        # Words that cannot stand between an article number and the legal text it belongs to:
        # a verb saying what the article does, a treaty noun, a conjunction.
        stops = _folded_alternation(lex.clause_verbs + lex.obligation_verbs + lex.treaty_words) or never
        conj = _folded_alternation(lex.conjunctions) or never
        # A marker's final apostrophe ("a differenza dell'") is the separator the patterns
        # read after it: "a differenza dell'articolo 5" has the article word right after it.
        compared = _folded_alternation([w.rstrip("'’") for w in lex.comparison_markers]) or never
        cited = _folded_alternation([w.rstrip("'’") for w in lex.citation_markers]) or never
        # One article reference as a single word of the words after a marker ("unlike Article 5
        # of the ...", "conformément à l'article 51 de la ...").
        reference = rf"(?:{'|'.join(lex.article_words)})[\s-]*(?:\d{{1,3}}|[ivx]+)(?:\.?[ºª°])?"
        # A legal-text word after the number is its owner only through an owner connector or a
        # genitive article ("Article 5 of the new code", "Artikel 5 der Geschäftsordnung",
        # "dell'ordinanza"): "regelt in Artikel 24 die Einordnung", "fixe à l'article 5 les
        # règles" name no legal text. Where a bare genitive owns ("" among the connectors:
        # "статья 5 закона") the word needs none; where every noun is capitalised the legal
        # text may follow the number directly ("Artikel 5 Grundgesetz").
        connectors = [_fold(c.strip()) for c in lex.owner_connectors]
        spaced = alternation([c for c in connectors if c and not c.endswith(("'", "’"))])
        elided = alternation([c.rstrip("'’") for c in connectors if c.endswith(("'", "’"))])
        joins = [rf"(?:{spaced})[ \t]+"] if spaced else []
        joins += [rf"(?:{elided})['’]"] if elided else []
        join = "|".join(joins) or never
        if "" in connectors:
            between = rf"(?:{_OWNER_WORD}[ \t]+){{0,4}}?"
        else:
            bare = "|" if lex.capitalises_nouns else ""
            between = rf"(?:{bare}(?:{join})(?:{_OWNER_WORD}[ \t]+){{0,3}}?)"
        return {
            "article": rf"(?:{'|'.join(lex.article_words)})[\s-]*(?P<no>\d{{1,3}}|(?:x{{0,3}})(?:ix|iv|v?i{{0,3}}))\b",
            "doc_after": rf"^(?P<lead>[ \t]+(?P<between>{between}))(?P<doc>{docs})(?:[^\p{{L}}\p{{N}}]|$)",
            "doc_before": rf"(?:^|[^\p{{L}}\p{{N}}])(?P<doc>{docs})(?P<tail>(?:'\p{{L}}*)?(?P<between>(?:[ \t]+{_OWNER_WORD}){{0,2}})[ \t]*)$",
            "not_between": rf"(?:^|[^\p{{L}}\p{{N}}])(?:(?:{stops})|(?:{conj})(?:[^\p{{L}}\p{{N}}]|$))",
            "compared": rf"(?:^|[^\p{{L}}\p{{N}}])(?:{compared})(?:[ \t'-]+[\p{{L}}\p{{N}}]+){{0,3}}[ \t'-]*$",
            # A treaty named as the term of a comparison, with an article number before it or
            # not: it carries over to no later article number.
            "set_aside": rf"(?:^|[^\p{{L}}\p{{N}}])(?:{compared})(?:[ \t'-]+(?:{reference}|[\p{{L}}\p{{N}}]+)){{0,3}}[ \t'-]*$",
            # A treaty whose article is cited as a legal basis ("in accordance with Article 51 of
            # the UN Charter"); "in accordance with the treaty" may name the main treaty.
            "cited_basis": rf"(?:^|[^\p{{L}}\p{{N}}])(?:{cited})(?:[ \t'-]+[\p{{L}}\p{{N}}]+){{0,2}}[ \t'-]*{reference}(?:[ \t'-]+[\p{{L}}\p{{N}}]+){{0,3}}[ \t'-]*$",
            # An article reference cited as a legal basis: the phrase, at most two words, then
            # the article word.
            "cited": rf"(?:^|[^\p{{L}}\p{{N}}])(?:{cited})(?:[ \t'-]+[\p{{L}}\p{{N}}]+){{0,2}}[ \t'-]*$",
            "obligation": rf" ((?:{_folded_alternation([norm_str(v) for v in lex.obligation_verbs]) or never})) ",
            "negation": rf" (?:{_folded_alternation([norm_str(v) for v in lex.negations]) or never}) ",
            "anaphor": _anaphor_pattern(lex),
            **_owner_patterns(lex),
            "numbered": r"^[ \t-]*(?:\d|[ivxlc]+(?:[^\p{L}\p{N}]|$))",
        }

    return derived(lex, "treaty_plan", build)



def _restrictive_plan(lex: Lexicon) -> dict[str, str] | None:
    """A language's restrictive "only" built on a negation (``restrictive_particles``) over
    match-space text: ``strip`` finds the negation, one or two words and the particle ("ne
    prevoit que"), ``kept`` the same with a word between that keeps the negation (another
    negation, a verb of saying, a word of a denial phrase: "non e vero che"), ``clausal`` the
    same with a clause after the particle, which then is a complementizer (a ``clause_markers``
    word within three words: "non prevede che l assistenza sia automatica"). None without
    particles."""

    def build(lex: Lexicon) -> dict[str, str] | None:
        particles = [norm_str(w) for w in lex.restrictive_particles if norm_str(w)]
        negations = [norm_str(w) for w in lex.negations if norm_str(w)]
        if not particles or not negations:
            return None
        neg, part = alternation(negations), alternation(particles)
        speech = [norm_str(w) for w in lex.speech_verbs + lex.reporting_verbs if len(norm_str(w).split()) == 1]
        denial = {t for w in lex.denial_words for t in norm_str(w).split()} - set(negations)
        keeping = "|".join(x for x in (neg, alternation(sorted(denial)), rf"(?:{alternation(speech)})[^ ]*" if speech else "") if x)
        markers = alternation([w for w in map(norm_str, lex.clause_markers) if w])
        return {
            "strip": rf" (?:{neg}) (?:[^ ]+ ){{1,2}}(?:{part}) ",
            "kept": rf" (?:{neg}) (?:(?:{keeping}) (?:[^ ]+ )?|[^ ]+ (?:{keeping}) )(?:{part}) ",
            "clausal": rf" (?:{neg}) (?:[^ ]+ ){{1,2}}(?:{part}) (?:[^ ]+ ){{0,2}}(?:{markers}) " if markers else None,
        }

    return derived(lex, "restrictive_plan", build)


def _negated(words: pl.Expr, negation: str, lex: Lexicon) -> pl.Expr:
    """Whether match-space ``words`` hold a ``negation`` match that is no
    restrictive "only" (``_restrictive_plan``: "ne prevoit que des consultations" is not negated;
    "non prevede che l assistenza sia automatica", where "che" opens a clause, is)."""
    plan = _restrictive_plan(lex)
    if plan is None:
        return words.str.contains(negation)
    negated = words.str.replace_all(plan["strip"], " ").str.contains(negation) | words.str.contains(plan["kept"])
    return negated | words.str.contains(plan["clausal"]) if plan["clausal"] else negated

# A capitalised name of up to four words ("UEFA", "UEFA-Statuten", "Comité Olímpico
# Internacional"), then what follows it (a possessive, two words) to tell a treaty's name.
_CAP_WORD = r"\p{Lu}[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*"
_ACRONYM = r"\p{Lu}[\p{Lu}\p{N}&.]*\p{Lu}(?:-[\p{L}\p{N}]+)*"
_OWNER_TAIL = r"(?P<tail>(?:['’]s?)?(?:[ \t]+[\p{L}\p{N}'’-]+){0,2})"


def _owner_patterns(lex: Lexicon) -> dict[str, str]:
    """Regexes over the text as written (capitals tell a name) for a named owner of an article
    number: after it through an owner connector ("de la UEFA"), right after it as an acronym
    when the lexicon allows a bare genitive ("статья 5 УЕФА"), or before it with a possessive
    ("UEFA's Article 5")."""
    # Patterns that never match keep the groups their struct is read by.
    never = r"(?P<lead>[^\s\S])(?P<owner>)(?P<tail>)"
    joins = []
    for c in sorted({c.strip() for c in lex.owner_connectors if c.strip()}, key=len, reverse=True):
        words = r"[ \t]+".join(re.escape(w) for w in c.replace("’", "'").rstrip("'").split())
        joins.append(rf"(?i:{words})['’]" if c.endswith(("'", "’")) else rf"(?i:{words})[ \t]+")
    after = rf"^(?P<lead>[ \t]+(?:{'|'.join(joins)}))(?P<owner>{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,3}}){_OWNER_TAIL}" if joins else never
    bare = rf"^(?P<lead>[ \t]+)(?P<owner>{_ACRONYM}){_OWNER_TAIL}" if "" in [c.strip() for c in lex.owner_connectors] else never
    marks = "|".join(re.escape(m).replace("'", "['’]") for m in sorted(lex.possessive_markers, key=len, reverse=True))
    # An acronym ("UEFA's") or one capitalised word ("Fifa's", "Fifas"); the latter only where
    # the article's verb follows the number ("verb_next"): "Macron's Article 5 remarks" is no
    # legal text of Macron's.
    before = rf"(?:^|[^\p{{L}}\p{{N}}])(?P<owner>{_ACRONYM}|{_CAP_WORD})(?P<rest>(?:{marks})[ \t]+)$" if marks else r"(?P<owner>[^\s\S])(?P<rest>)"
    verbs = [_spaced(v) + r"\p{L}*" for v in lex.clause_verbs if v.strip()] + [_spaced(v) for v in lex.obligation_verbs if v.strip()]
    verb_alt = _suffix_grouped(sorted(verbs, key=len, reverse=True))
    verb_next = rf"^[ \t]+(?:{verb_alt})(?:[^\p{{L}}\p{{N}}]|$)" if verbs else r"[^\s\S]"
    # Where a bare genitive owns, a capitalised name that is no acronym, with up to three words
    # after it, right after the number and right before the article's verb ("Статья 5 Фифа
    # обязывает", "Статья 5 Международного олимпийского комитета предусматривает"): the verb
    # says the number's clause goes on after the name, so the name is no subject of it.
    bare_verb = (
        rf"^(?P<lead>[ \t]+)(?P<owner>{_CAP_WORD}(?:[ \t]+[\p{{L}}-]+){{0,3}}?)(?P<tail>[ \t]+(?i:{verb_alt}))(?:[^\p{{L}}\p{{N}}]|$)"
        if verbs and "" in [c.strip() for c in lex.owner_connectors] else never
    )
    return {"owner_after": after, "owner_bare": bare, "owner_bare_verb": bare_verb, "owner_before": before, "verb_next": verb_next}


def _named_owner(m: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon], ref, cands: pl.DataFrame) -> pl.DataFrame:
    """Fill ``document_text`` (where no legal-text word did) with a named owner of the article
    that is not a treaty: "UEFA's Article 5", "el artículo 5 de la UEFA", "Artikel 5 der
    UEFA-Statuten", "статья 5 УЕФА". The name must not overlap a treaty name or context word
    of the pack, nor be a pack entity ("Russia's Article 4"), nor have a treaty noun or a
    treaty body word in it or in the two words after it ("Article 4 of the Moscow Treaty",
    "Article 5 of the Alliance"); where all nouns are capitalised a name after the number needs
    two capitals or the article's verb right after it ("Artikel 5 der Fifa verpflichtet"); where
    a bare genitive owns, a capitalised name right after the number that is no acronym needs that
    verb right after it ("Статья 5 Фифа обязывает"). A possessive name that is no acronym needs that verb right after the number ("Fifa's Article
    5 obliges")."""
    if m.is_empty():
        return m
    text = pl.col("text")
    read_from = (pl.col("start") - _OWNER_READ).clip(lower_bound=0)
    after = text.str.slice(pl.col("end"), _OWNER_READ)
    before = text.str.slice(read_from, pl.col("start") - read_from)

    def pick(lex: Lexicon) -> pl.Expr:
        plan = _treaty_plan(lex)
        a, b, c = (extract_groups(after, plan["owner_after"]), extract_groups(after, plan["owner_bare"]), extract_groups(before, plan["owner_before"]))
        d = extract_groups(after, plan["owner_bare_verb"])
        own = pl.coalesce(a.struct.field("owner"), b.struct.field("owner"), d.struct.field("owner"), c.struct.field("owner"))
        # The fold keeps offsets: the name's span, for the overlap with the pack's names.
        start = pl.coalesce(
            pl.col("end") + a.struct.field("lead").str.len_chars(), pl.col("end") + b.struct.field("lead").str.len_chars(),
            pl.col("end") + d.struct.field("lead").str.len_chars(),
            pl.col("start") - c.struct.field("rest").str.len_chars() - c.struct.field("owner").str.len_chars(),
        )
        tail = pl.coalesce(a.struct.field("tail"), b.struct.field("tail"), d.struct.field("tail"), pl.lit(""))
        words = [_fold(w) for w in lex.treaty_words + lex.treaty_body_words if w.strip()]
        treatyish = fold(pl.concat_str(own, tail)).str.contains(alternation(words)) if words else pl.lit(False)
        after_number = a.struct.field("owner").is_not_null() | b.struct.field("owner").is_not_null() | d.struct.field("owner").is_not_null()
        # Where every noun is capitalised a name after the number needs two capitals, or the
        # article's verb right after it ("Artikel 5 der Fifa verpflichtet").
        verb_after_name = a.struct.field("owner").is_not_null() & pl.col("folded").str.slice(start + own.str.len_chars(), _OWNER_READ).str.contains(plan["verb_next"])
        capitals = (~after_number | (own.str.count_matches(r"\p{Lu}") >= 2) | verb_after_name) if lex.capitalises_nouns else pl.lit(True)
        # A possessive name that is no acronym: the article's verb right after the number, and
        # no word that opens sentences ("Als Artikel 5 ...": "Al" + "s").
        written = pl.concat_str(own, c.struct.field("rest").str.strip_chars())
        function = {_fold(w) for w in lex.function_words if w.strip()}
        plain = after_number | own.str.contains(rf"^(?:{_ACRONYM})$") | (
            pl.col("folded").str.slice(pl.col("end"), _OWNER_READ).str.contains(plan["verb_next"])
            & ~fold(own).str.to_lowercase().is_in(list(function)) & ~fold(written).str.to_lowercase().is_in(list(function))
        )
        return pl.struct(own.alias("o"), start.alias("s"), (~treatyish & capitals & plain).alias("ok"))

    m = m.join(prep.select("article_id", "text", "folded"), on="article_id", how="left")
    m = m.with_columns(_by_language(lexicons, pick, pl.lit(None)).alias("_own")).unnest("_own").drop("text", "folded")
    entities = ref["entity_aliases"]["alias_norm"].unique().to_list()
    m = m.with_columns(pl.col("ok").fill_null(False) & pl.col("o").is_not_null() & ~norm(pl.col("o")).is_in(entities))
    # A name the pack knows as a treaty's (a name, a context word such as "NATO") is no owner.
    spans = m.filter(pl.col("ok")).select("article_id", "s", (pl.col("s") + pl.col("o").str.len_chars()).alias("e")).join(
        cands.select("article_id", "c_start", "c_end"), on="article_id", how="inner",
    ).filter((pl.col("c_start") < pl.col("e")) & (pl.col("c_end") > pl.col("s"))).select("article_id", "s").unique()
    m = m.join(spans.with_columns(pl.lit(True).alias("_known")), on=["article_id", "s"], how="left")
    named = pl.col("ok") & pl.col("_known").is_null()
    return m.with_columns(pl.coalesce(pl.col("document_text"), pl.when(named).then(pl.col("o"))).alias("document_text")).drop("o", "s", "ok", "_known")


def _suffix_grouped(items: list[str], suffix: str = r"\p{L}*") -> str:
    """``"|".join(items)``, the same regex with less to compile: a repeated item is dropped (a
    later copy of an alternative never matches where the first did not), and each run of
    consecutive items ending in ``suffix`` is written once with the suffix after the run:
    ``(?:a|b)S`` tries what ``aS|bS`` tries, in the same order, so leftmost-first matching finds
    the same match. Polars compiles the patterns again on every extraction call (it keeps 32 per
    thread), and each ``\p{L}`` is a class of ~100 UTF-8 states compiled once per copy: the verbs
    of saying ("said\p{L}*", ...) of one language held 50-80 copies."""
    out: list[str] = []
    run: list[str] = []
    for item in dict.fromkeys(items):
        if item.endswith(suffix) and len(item) > len(suffix):
            run.append(item[: -len(suffix)])
            continue
        if run:
            out.append(f"(?:{'|'.join(run)}){suffix}")
            run = []
        out.append(item)
    if run:
        out.append(f"(?:{'|'.join(run)}){suffix}")
    return "|".join(out)


def _spaced(phrase: str) -> str:
    """A folded lexicon phrase as a regex over folded text: its spaces any run of blanks."""
    return r"[ \t]+".join(re.escape(w) for w in _fold(phrase).split())


def _anaphor_pattern(lex: Lexicon) -> str:
    """"The article obliges", "Cet article prévoit", "Эта статья предусматривает": an article
    anaphor (group ``ana``) and, at most three words on in its clause, a clause verb (a prefix)
    or an obligation verb (a whole word)."""
    never = r"[^\s\S]"
    anaphors = "|".join(_spaced(a) for a in sorted(lex.article_anaphors, key=len, reverse=True) if a.strip())
    verbs = [_spaced(v) + r"\p{L}*" for v in lex.clause_verbs if v.strip()] + [_spaced(v) for v in lex.obligation_verbs if v.strip()]
    if not anaphors or not verbs:
        return never
    verb = _suffix_grouped(sorted(verbs, key=len, reverse=True))
    return rf"(?P<ana>{anaphors})(?:[ \t,]+{_OWNER_WORD}){{0,3}}?[ \t,]+(?:{verb})"


def _article_anaphors(prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon], mentions: pl.DataFrame) -> pl.DataFrame:
    """Rows like ``mentions`` for "the article" / "dieser Artikel" / "эта статья" that say what
    an article named just before does ("Artikel 4 des Vertrags ... ist das Herzstück. Der
    Artikel verpflichtet beide Seiten, ..."): the anaphor must be followed by a clause or
    obligation verb, and the closest article reference before its sentence must be in the
    previous sentence or in the same paragraph (no line break between). Each takes that
    reference's number and treaty; "In this article we explain ..." has no verb, and an
    anaphor with no article named just before is none."""
    frames = []
    for code, lex in lexicons.items():
        sub = prep.filter(pl.col("language") == code)
        plan = _treaty_plan(lex)
        if sub.is_empty() or not lex.article_anaphors:
            continue
        found = find_all(sub, plan["anaphor"], text_col="folded", whole_words=True, prefilter=True)
        if found.is_empty():
            continue
        ana = found["match"].str.extract_groups(plan["anaphor"]).struct.field("ana").str.len_chars()
        found = found.with_columns((pl.col("start") + ana).alias("end"))
        after = found.join(sub.select("article_id", "folded"), on="article_id", how="left").select(pl.col("folded").str.slice(pl.col("end"), 8))
        # "the article 4 obliges" is a numbered reference, found as such.
        found = found.filter(~after.to_series().str.contains(plan["numbered"]))
        frames.append(found.select("article_id", "start", "end", pl.lit(code).alias("language")))
    if not frames or mentions.is_empty():
        return mentions.head(0)
    anaphors = attach_sentence(pl.concat(frames), sents)
    refs = mentions.select(
        "article_id", pl.col("start").alias("_ref_start"), pl.col("end").alias("_ref_end"), pl.col("sent_no").alias("_ref_sent"),
        "article_no", "treaty_id", "treaty_resolution", "treaty_text", "_name_start", "_name_end",
    ).sort("article_id", "_ref_start")
    linked = anaphors.sort("article_id", "sent_start").join_asof(
        refs, left_on="sent_start", right_on="_ref_start", by="article_id", strategy="backward", allow_exact_matches=False, check_sortedness=False,
    ).filter(pl.col("_ref_start").is_not_null())
    linked = linked.join(prep.select("article_id", "text", "folded"), on="article_id", how="left")
    between = pl.col("text").str.slice(pl.col("_ref_end"), pl.col("sent_start") - pl.col("_ref_end"))
    linked = linked.filter((pl.col("_ref_sent") == pl.col("sent_no") - 1) | ~between.str.contains("\n"))
    if linked.is_empty():
        return mentions.head(0)
    return linked.with_columns(
        pl.col("folded").str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("match"),
        pl.when(pl.col("treaty_id").is_not_null()).then(pl.lit(ANAPHOR_RESOLUTION)).otherwise(pl.col("treaty_resolution")).alias("treaty_resolution"),
    ).select(mentions.columns)


def _document_owner(found: pl.DataFrame, sub: pl.DataFrame, plan: dict[str, str]) -> pl.DataFrame:
    """Add ``document_text``: the legal text that is not a treaty an article reference belongs
    to ("Article 5 of the new tax code", "the decree's article 5"), or null.

    The text's word must be right after the number (at most four words between) or right
    before it (at most two), in the same clause, with no verb of the clause, treaty noun or
    conjunction between: "Article 5 obliges allies to act under the law" names no law's article.
    """
    folded = pl.col("folded")
    read_from = (pl.col("start") - _OWNER_READ).clip(lower_bound=0)
    after = extract_groups(folded.str.slice(pl.col("end"), _OWNER_READ), plan["doc_after"])
    before = extract_groups(folded.str.slice(read_from, pl.col("start") - read_from), plan["doc_before"])
    out = found.join(sub.select("article_id", "text", "folded"), on="article_id", how="left").with_columns(after.alias("_after"), before.alias("_before"))
    a, b = pl.col("_after").struct, pl.col("_before").struct
    use_after = a.field("doc").is_not_null() & ~a.field("between").str.contains(plan["not_between"])
    use_before = b.field("doc").is_not_null() & ~b.field("between").str.contains(plan["not_between"])
    # The fold keeps offsets, so the word is cut from the text as written ("código", "décret").
    doc_start = pl.when(use_after).then(pl.col("end") + a.field("lead").str.len_chars()).when(use_before).then(pl.col("start") - b.field("tail").str.len_chars() - b.field("doc").str.len_chars())
    doc_len = pl.when(use_after).then(a.field("doc").str.len_chars()).when(use_before).then(b.field("doc").str.len_chars())
    owner = pl.col("text").str.slice(doc_start, doc_len)
    return out.with_columns(owner.alias("document_text")).drop("text", "folded", "_after", "_before")


def extract_treaty_clauses(prep, sents, lexicons, ref) -> pl.DataFrame:
    """Article references ("Article 4 of the treaty ...", "статья 3") that say what the article
    does, each tied to the treaty it belongs to.

    A reference is a claim when its span says something about the article's content besides
    the reference itself and the treaty's name (a clause verb or a clause-element word):
    "in accordance with Article 51 of the UN Charter" only cites it. Such a citation is no
    claim and does not split its sentence: "Article 4 ... obliges each party to help, in line
    with Article 51 of the UN Charter" is one claim, about Article 4, legal basis included.
    """
    frames = []
    for code, lex in lexicons.items():
        sub = prep.filter(pl.col("language") == code)
        if sub.is_empty() or not lex.article_words:
            continue
        plan = _treaty_plan(lex)
        found = find_all(sub, plan["article"], text_col="folded", whole_words=True)
        found = found.with_columns(pl.col("match").str.extract(r"(\d{1,3}|[ivx]+)$").alias("_no"))
        found = found.filter(pl.col("_no").str.len_chars() > 0)
        found = found.with_columns(
            pl.coalesce(pl.col("_no").cast(pl.Int64, strict=False), pl.col("_no").replace_strict(_ROMAN, default=None, return_dtype=pl.Int64)).alias("article_no")
        ).drop("_no").filter(pl.col("article_no").is_not_null())
        frames.append(_document_owner(found, sub, plan).with_columns(pl.lit(code).alias("language")))
    mentions = pl.concat(frames) if frames else pl.DataFrame()
    if mentions.is_empty():
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    mentions = _resolve_treaties(attach_sentence(mentions, sents), prep, sents, lexicons, ref)
    anaphors = _article_anaphors(prep, sents, lexicons, mentions)
    if not anaphors.is_empty():
        mentions = pl.concat([mentions, anaphors]).sort("article_id", "start")
    # An article cited as the legal basis of another one's description is part of it.
    mentions = _mark_citations(mentions, prep, lexicons)
    mentions = mentions.filter(~pl.col("_is_cited")).drop("_is_cited")
    # First pass: which references say something of their own. Between two references with no
    # comma between them, the words belong to the first ("Article 3 provides for consultations
    # and Article 4 for assistance").
    first = _describe(_clause_segments(mentions, prep), prep, lexicons)
    said = _saying_something(first, lexicons, ref)
    # Second pass: the claims alone split their sentences.
    claims = mentions.join(said.select("article_id", "start"), on=["article_id", "start"], how="semi")
    if claims.is_empty():
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    claims = _describe(_clause_segments(claims, prep), prep, lexicons)
    claims = _prefer_main_treaty(claims, prep, sents, lexicons, ref)
    return _finish(claims.drop("_is_compared").rename({"match": "mention_text"}), "treaty_clause", prep, sents, span=("seg_start", "seg_end"))


def _mark_citations(mentions: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Add ``_is_cited`` (a ``citation_markers`` phrase right before the reference and another
    reference earlier in its sentence: "Article 4 provides ..., in accordance with Article 51 of
    the UN Charter") and ``_is_compared`` (a ``comparison_markers`` phrase right before it:
    "Unlike Article 5 of the North Atlantic Treaty, ...")."""
    m = mentions.sort("article_id", "start").join(prep.select("article_id", "folded"), on="article_id", how="left")
    read_from = (pl.col("start") - _OWNER_READ).clip(lower_bound=0)
    before = pl.col("folded").str.slice(read_from, pl.col("start") - read_from)
    cited = _by_language(lexicons, lambda lex: before.str.contains(_treaty_plan(lex)["cited"]), pl.lit(False)).fill_null(False)
    compared = _by_language(lexicons, lambda lex: before.str.contains(_treaty_plan(lex)["compared"]), pl.lit(False)).fill_null(False)
    earlier = pl.col("start").shift(1).over("article_id", "sent_no").is_not_null() & pl.col("sent_no").is_not_null()
    return m.with_columns((cited & earlier).alias("_is_cited"), compared.alias("_is_compared")).drop("folded")


def _clause_segments(mentions: pl.DataFrame, prep: pl.DataFrame) -> pl.DataFrame:
    """``_segments`` of article references (words between two with no comma between them the
    first's), where the term of a comparison ends at the last comma of its segment: in "Unlike
    Article 5 of the North Atlantic Treaty, which leaves each ally free to decide, the
    Russian-Korean pledge looks more automatic" the main clause is about the other treaty."""
    # Only the sentence's last reference: before another one the segment already ends at the
    # last comma ("Unlike Article 5 of NATO, which ..., Article 4 of the treaty obliges ...").
    last = pl.col("start").shift(-1).over("article_id", "sent_no").is_null()
    seg = _segments(mentions.sort("article_id", "start").with_columns(last.alias("_last")), prep, gap_to_first=True)
    seg = seg.join(prep.select("article_id", "text"), on="article_id", how="left")
    tail = pl.col("text").str.slice(pl.col("end"), (pl.col("seg_end") - pl.col("end")).clip(lower_bound=0))
    last_sep = tail.str.len_chars() - 1 - char_index_regex(tail.str.reverse(), r"[,;:]")
    cut = pl.col("_is_compared") & pl.col("_last") & last_sep.is_not_null()
    seg = seg.with_columns(pl.when(cut).then(pl.col("end") + last_sep).otherwise(pl.col("seg_end")).alias("seg_end"))
    # No blanks at the new end.
    kept = pl.col("text").str.slice(pl.col("seg_start"), pl.col("seg_end") - pl.col("seg_start"))
    trail = kept.str.len_chars() - kept.str.strip_chars_end().str.len_chars()
    return seg.with_columns((pl.col("seg_end") - trail).alias("seg_end")).drop("text", "_last")


def _saying_something(frame: pl.DataFrame, lexicons: dict[str, Lexicon], ref) -> pl.DataFrame:
    """The references of ``frame`` (``_describe``d) that say what the article does: their
    description has a clause verb or a keyword of a clause element of their treaty (of any
    treaty when none is named). A clause verb that is also a verb of saying ("affirme", "dice",
    "says") counts only after the reference or the treaty's name begins: in "Moscou a affirmé
    avoir agi conformément à l'article 51" Moscow is speaking, the article says nothing."""
    elements = ref["clause_elements"]
    kept = []
    for (code, treaty_id), part in frame.group_by("language", "treaty_id"):
        lex = lexicons[code]
        speech = [norm_str(v) for v in lex.speech_verbs + lex.reporting_verbs]
        verbs = {norm_str(v) for v in lex.clause_verbs if norm_str(v)}
        spoken = {v for v in verbs if any(v.startswith(w) or w.startswith(v) for w in speech if w)}
        own = elements.filter((pl.col("language") == code) & ((pl.col("treaty_id") == treaty_id) if treaty_id is not None else pl.lit(True)))
        anywhere = sorted({" " + w for w in (verbs - spoken) | set(own["keyword_norm"].to_list()) if w})
        after = sorted({" " + w for w in spoken})
        says = pl.col("description_norm").str.contains_any(anywhere) if anywhere else pl.lit(False)
        if after:
            says = says | pl.col("_rest_norm").str.contains_any(after)
        kept.append(part.filter(says))
    return pl.concat(kept) if kept else frame.head(0)


def _by_language(lexicons: dict[str, Lexicon], each, default) -> pl.Expr:
    """One expression choosing, per row, ``each(lexicon)`` of the row's language."""
    expr = default
    for code, lex in lexicons.items():
        expr = pl.when(pl.col("language") == code).then(each(lex)).otherwise(expr)
    return expr


def _describe(frame: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Add what each claim says the article does: ``description_norm`` (the span's matching
    form without the article reference and the treaty's name, whose words describe nothing:
    "Mutual Assistance" in a treaty's name is no obligation), ``obligation_text`` (the word by
    which it says the article imposes a duty) and ``is_negated``; ``_rest_norm`` is the part of
    the description from the reference or the name on (whichever comes first)."""
    ms = pl.col("ms")
    # Two blanks, the reference and the name, in text order; a name outside the span is none.
    inside = pl.col("_name_start").is_not_null() & (pl.col("_name_start") >= pl.col("seg_start")) & (pl.col("_name_end") <= pl.col("seg_end"))
    name_s = pl.when(inside).then(pl.col("_name_start")).otherwise(pl.col("start"))
    name_e = pl.when(inside).then(pl.col("_name_end")).otherwise(pl.col("end"))
    a_s, a_e = pl.min_horizontal(pl.col("start"), name_s), pl.min_horizontal(pl.col("end"), name_e)
    b_s, b_e = pl.max_horizontal(pl.col("start"), name_s), pl.max_horizontal(pl.col("end"), name_e)

    def piece(s: pl.Expr, e: pl.Expr) -> pl.Expr:
        return ms.str.slice(s, (e - s).clip(lower_bound=0))

    def fpiece(s: pl.Expr, e: pl.Expr) -> pl.Expr:
        return pl.col("folded").str.slice(s, (e - s).clip(lower_bound=0))

    rest = pl.concat_str(piece(a_e, b_s), pl.lit(" "), piece(pl.max_horizontal(a_e, b_e), pl.col("seg_end")))
    described = pl.concat_str(piece(pl.col("seg_start"), a_s), pl.lit(" "), rest)
    out = frame.join(prep.select("article_id", "ms"), on="article_id", how="left").with_columns(
        _collapsed(described).alias("description_norm"), _collapsed(rest).alias("_rest_norm"),
    ).drop("ms")
    none = pl.lit(None, pl.String)
    obligation = _by_language(lexicons, lambda lex: pl.col("description_norm").str.extract(_treaty_plan(lex)["obligation"], 1), none)
    negated = _by_language(lexicons, lambda lex: _negated(pl.col("description_norm"), _treaty_plan(lex)["negation"], lex), pl.lit(False))
    out = out.with_columns(obligation.alias("obligation_text"), negated.alias("is_negated"))
    # What a negation of the article's verb denies, read from the folded text, whose
    # punctuation ends it: only for negated claims.
    fdescribed = pl.concat_str(fpiece(pl.col("seg_start"), a_s), pl.lit(" "), fpiece(a_e, b_s), pl.lit(" "), fpiece(pl.max_horizontal(a_e, b_e), pl.col("seg_end")))
    out = out.with_row_index("_row")
    negated_rows = out.filter(pl.col("is_negated"))
    if negated_rows.is_empty():
        return out.drop("_row").with_columns(pl.lit(None, pl.String).alias("negated_norm"))
    worded = negated_rows.select("_row", "article_id", "start", "end", "seg_start", "seg_end", "_name_start", "_name_end", "language").join(
        prep.select("article_id", "folded"), on="article_id", how="left",
    ).select("_row", "language", _bounded_words(fdescribed).alias("_words"))
    # One language's patterns over its own rows (a few regexes each, not every language's).
    parts = [
        part.select("_row", _denied_scope(pl.col("_words"), lexicons[code]).alias("negated_norm"))
        for (code,), part in worded.group_by("language") if code in lexicons
    ]
    scoped = pl.concat(parts) if parts else worded.select("_row", pl.lit(None, pl.String).alias("negated_norm"))
    return out.join(scoped, on="_row", how="left").drop("_row")


def _bounded_words(folded: pl.Expr) -> pl.Expr:
    """Folded text as match-space words (' word word '), where punctuation that ends a clause
    (a comma, a colon, a bracket, a quotation mark, a spaced dash) stands as a '|' word."""
    marked = folded.str.replace_all(r"\s[-‐-―]+\s|[,;:.!?()\[\]{}«»\"“”„]", " | ")
    return pl.concat_str(pl.lit(" "), marked.str.replace_all(r"[^\p{L}\p{N}|]+", " ").str.strip_chars(), pl.lit(" "))


def _denial_plan(lex: Lexicon) -> dict[str, str] | None:
    """``_denied_scope``'s patterns for one language (over ``_bounded_words``): ``before`` a
    negation right before a clause, obligation or negated verb (one word of at most two letters
    between),
    ``after`` the verb, then at most ``verb_negation_gap`` words and a negation; ``scope`` is
    what follows to the next '|' (or the clause after it, see ``governed``). ``limited`` finds a negation before a ``limiting_words``
    word, ``cut`` the first correction conjunction or limiting word, ``negation`` a negation
    (privative words are none), ``second`` one that is no ``concord_negations`` word, ``asked``
    a ``question_words`` word (no complementizer) in the first three words of the scope. None
    without negations or verbs."""

    def build(lex: Lexicon) -> dict[str, str] | None:
        privative = {norm_str(w) for w in lex.privative_words}
        negations = [n for n in (norm_str(w) for w in lex.negations) if n and n not in privative]
        prefixes = [v for v in (norm_str(w) for w in lex.clause_verbs) if v]
        wholes = [v for v in (norm_str(w) for w in lex.obligation_verbs) if v]
        if not negations or not (prefixes or wholes):
            return None
        neg = alternation(negations)
        concord = {norm_str(w) for w in lex.concord_negations}
        second = alternation([n for n in negations if n not in concord])
        verb = "|".join(x for x in (rf"(?:{alternation(prefixes)})[^ |]*" if prefixes else "", alternation(wholes)) if x)
        negated_verbs = [v for v in (norm_str(w) for w in lex.negated_verbs) if v]
        verb_after_neg = "|".join(x for x in (verb, alternation(negated_verbs)) if x)
        limits = alternation([w for w in map(norm_str, lex.limiting_words) if w])
        cuts = "|".join(x for x in (limits, alternation([w for w in map(norm_str, lex.correction_conjunctions) if w])) if x)
        complementizers = alternation([w for w in map(norm_str, lex.complementizers) if w])
        # "does not say how", "ne précise pas quel type d'aide": what is left open, not denied.
        asked = alternation(sorted({w for w in map(norm_str, lex.question_words) if w} - {w for w in map(norm_str, lex.complementizers) if w}))
        # What the verb governs runs to the next '|', or past it into a clause a complementizer
        # opens ("не предусматривает, что ...", "sieht nicht vor, dass ..."); after a negation
        # that ends its clause (at most one word, a verb particle, after it) the next clause is
        # what is denied ("verpflichtet Russland nicht, ... zu helfen").
        governed = rf"[^|]*(?:\| (?:{complementizers}) [^|]*)?" if complementizers else "[^|]*"
        return {
            "before": rf"(?P<chunk> (?:{neg}) (?:[^ |]{{1,2}} )?(?:{verb_after_neg}) (?:(?:{neg}) )?(?P<scope>{governed}))",
            "after": rf"(?P<chunk> (?:{verb}) (?P<pre>(?:[^ |]+ ){{0,{max(lex.verb_negation_gap, 0)}}})(?:{neg}) (?P<scope>(?:[^ |]+ )?\| [^|]*|{governed}))",
            "limited": rf" (?:{neg}) (?:[^ |]+ )?(?:{limits}) " if limits else None,
            "cut": rf" (?:{cuts}) .*$" if cuts else None,
            "negation": rf" (?:{neg}) ",
            "second": rf" (?:{second}) " if second else None,
            "asked": rf"^ (?:[^ ]+ ){{0,2}}(?:{asked}) " if asked else None,
        }

    return derived(lex, "denial_plan", build)


def _denied_scope(words: pl.Expr, lex: Lexicon) -> pl.Expr:
    """What a negation governing the article's verb denies ("does not provide for military
    assistance", "n'oblige pas", "sieht ... nicht vor", "не предусматривает", "no prevé", "non
    prevede", "não prevê"), in matching form; null where the negation bears on something else:
    a "not only" (``limiting_words``), a restrictive "only" (``_negated``), a second negation
    in what it governs ("does not provide that a party may not ..."), a question left open
    ("does not say what kind of assistance", "ne précise pas quel type d'aide"), or no verb
    next to it ("It is not so: Article 4 only provides ...", "without delay")."""
    plan = _denial_plan(lex)
    if plan is None:
        return pl.lit(None, pl.String)
    before, after = words.str.extract_groups(plan["before"]), words.str.extract_groups(plan["after"])
    chunk = pl.concat_str(pl.coalesce(before.struct.field("chunk"), after.struct.field("chunk")), pl.lit(" "))
    rest = pl.concat_str(pl.lit(" "), pl.coalesce(before.struct.field("scope"), after.struct.field("scope")), pl.lit(" "))
    scope = pl.concat_str(pl.lit(" "), pl.coalesce(before.struct.field("scope"), pl.concat_str(after.struct.field("pre"), after.struct.field("scope"))), pl.lit(" "))
    if plan["cut"]:
        scope, rest = scope.str.replace(plan["cut"], " "), rest.str.replace(plan["cut"], " ")
    denies = _negated(chunk.str.replace_all(" |", "", literal=True), plan["negation"], lex)
    if plan["second"]:
        denies = denies & ~rest.str.contains(plan["second"])
    if plan["limited"]:
        denies = denies & ~chunk.str.contains(plan["limited"])
    scope = _collapsed(scope.str.replace_all(" |", "", literal=True))
    if plan["asked"]:
        denies = denies & ~scope.str.contains(plan["asked"])
    return pl.when(denies & (scope.str.strip_chars() != "")).then(scope).otherwise(pl.lit(None, pl.String))


def _treaties_by_year(prep: pl.DataFrame, lexicons: dict[str, Lexicon], ref) -> pl.DataFrame:
    """"The 1961 treaty", "el tratado de 2000", "договор 1953 года": a treaty word next to the
    year a pack treaty was signed names that treaty (when only one was signed that year; kind
    "name"). Right next to a year in which no pack treaty was signed ("the 1992 treaty", "el
    tratado de 1992", "договор 1992 года"; one word at most between, not a place preposition:
    "the treaty in 2025" dates something else) it names a treaty outside the pack (kind
    "unknown", no treaty_id)."""
    schema = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "alias_norm": pl.String, "treaty_id": pl.String, "kind": pl.String}
    signed = ref["treaties"].filter(pl.col("signed_on").is_not_null()).select("treaty_id", pl.col("signed_on").dt.year().cast(pl.String).alias("year"))
    years = signed.group_by("year").agg(pl.col("treaty_id").first(), pl.len().alias("_n")).filter(pl.col("_n") == 1).drop("_n")
    frames = []
    for code, lex in lexicons.items():
        sub = prep.filter(pl.col("language") == code)
        if sub.is_empty() or not lex.treaty_words:
            continue
        tw = alternation([_fold(w) for w in lex.treaty_words])
        pattern = rf"\b(?:{tw})(?: \p{{L}}+){{0,2}} (?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d (?:\p{{L}}+ )?(?:{tw})\b"
        found = find_all(sub, pattern, text_col="ms", prefilter=True)
        if not found.is_empty():
            places = alternation([_fold(w) for w in lex.place_prepositions]) or r"[^\s\S]"
            close = pl.col("match").str.contains(rf"^(?:{tw})(?: \p{{L}}+)? \d{{4}}$|^\d{{4}} (?:\p{{L}}+ )?(?:{tw})$") & ~pl.col("match").str.contains(rf" (?:{places}) \d{{4}}$")
            frames.append(found.with_columns(pl.col("match").str.extract(r"((?:1[89]|20)\d\d)").alias("year"), close.alias("_close")))
    if not frames:
        return pl.DataFrame(schema=schema)
    found = pl.concat(frames)
    named = found.join(years, on="year", how="inner").select("article_id", "start", "end", pl.col("match").alias("alias_norm"), "treaty_id", pl.lit("name").alias("kind"))
    other = found.filter(pl.col("_close")).join(signed, on="year", how="anti").select(
        "article_id", "start", "end", pl.col("match").alias("alias_norm"), pl.lit(None, pl.String).alias("treaty_id"), pl.lit("unknown").alias("kind"),
    )
    return pl.concat([named.cast(schema), other.cast(schema)])


def _outside_treaties(prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """(article_id, start, end) of every ``outside_treaty_patterns`` match: a treaty the pack
    does not hold, named."""
    frames = []
    for code, lex in lexicons.items():
        sub = prep.filter(pl.col("language") == code)
        if sub.is_empty() or not lex.outside_treaty_patterns:
            continue
        pattern = "|".join(f"(?:{p.replace(' ', ' +')})" for p in lex.outside_treaty_patterns)
        frames.append(find_all(sub, pattern, text_col="ms", whole_words=True, prefilter=True).select("article_id", "start", "end"))
    if not frames:
        return pl.DataFrame(schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64})
    return pl.concat(frames)


def _outside_of(cands: pl.DataFrame, outside: pl.DataFrame) -> pl.DataFrame:
    """``cands`` (article_id, start, end, ...) without those that overlap a name in ``outside``."""
    if cands.is_empty():
        return cands
    pairs = cands.select("article_id", "start", "end").join(outside.select("article_id", pl.col("start").alias("_os"), pl.col("end").alias("_oe")), on="article_id", how="inner")
    inside = pairs.filter((pl.col("start") < pl.col("_oe")) & (pl.col("end") > pl.col("_os"))).select("article_id", "start", "end").unique()
    return cands.join(inside, on=["article_id", "start", "end"], how="anti")


_RESOLUTIONS = {
    1: "name after the article number",
    2: "name earlier in the sentence",
    3: "context word in the sentence",
    4: "name of another article earlier in the sentence",
    5: "name in a previous sentence",
    6: "context word in a previous sentence",
    7: "name earlier in the article",
    8: "context word earlier in the article",
}
# What ``treaty_resolution`` says when no treaty of the pack is chosen though something was named
# (treaty_clause_verdicts.sql tells the second apart by this very string).
UNKNOWN_TREATY = "treaty named in the text is not in the reference pack"
NOT_A_TREATY = "legal text that is not a treaty"
# An anaphor ("the article", "dieser Artikel") takes the treaty of the article it refers back to.
ANAPHOR_RESOLUTION = "article named just before"


def _treaty_candidates(prep, sents, lexicons, ref) -> pl.DataFrame:
    """Everything in the articles that may say which treaty is spoken of: pack treaty names and
    context words, and treaties the pack does not know ("Warsaw Pact"); the terms of a
    comparison and cited legal bases left out (see ``_all_treaty_candidates``)."""
    cands = memo_on(prep, "all_treaty_candidates", lambda: _all_treaty_candidates(prep, sents, lexicons, ref))
    return cands.filter(~pl.col("is_set_aside")).drop("is_set_aside", "is_cited_basis")


def _all_treaty_candidates(prep, sents, lexicons, ref) -> pl.DataFrame:
    """Everything in the articles that may say which treaty an article number belongs to:
    pack treaty names and context words, and treaties the pack does not know ("Warsaw Pact").
    ``is_set_aside`` marks the term of a comparison ("Unlike the North Atlantic Treaty",
    "unlike Article 5 of the North Atlantic Treaty", "contrary to the UN Charter"): it may own
    the article number right before it, nothing else. ``is_cited_basis`` marks the treaty of an
    article cited as a legal basis ("in accordance with Article 51 of the UN Charter"), set
    aside alike when the citation sits in another article's description (``_resolve_treaties``).
    A context word inside such a name ("ONU" in "la Carta de la ONU") is marked as the name."""
    names = ref["treaty_names"]
    known = find_aliases(prep, names.filter(pl.col("name_kind") == "name"), "treaty_id").with_columns(pl.lit("name").alias("kind"))
    context = find_aliases(prep, names.filter(pl.col("name_kind") == "context"), "treaty_id", same_language=True).with_columns(pl.lit("context").alias("kind"))
    unknown_frames = []
    for code, lex in lexicons.items():
        sub = prep.filter(pl.col("language") == code)
        if sub.is_empty() or not lex.treaty_words:
            continue
        tw = alternation([w.capitalize() for w in lex.treaty_words] + lex.treaty_words)
        conn = alternation(lex.name_connectors)
        pattern = rf"\b(?:{tw})(?: (?:{conn}))? (?:\p{{Lu}}|[\p{{Lu}}\p{{Ll}}]+-\p{{Lu}})[\p{{L}}-]*"
        # Over the text with its accents stripped and its case kept: the lexicon's treaty words
        # are folded ("traite" finds "traité de Rome").
        unknown_frames.append(find_all(sub.with_columns(fold_cased(pl.col("text")).alias("_cased")), pattern, text_col="_cased"))
        if lex.treaty_name_patterns:
            named = find_all(sub, "(?:" + "|".join(f"(?:{p})" for p in lex.treaty_name_patterns) + ")", text_col="text", prefilter=True)
            stop = [_fold(w) for w in lex.determiners + lex.name_connectors]
            first = named["match"].str.extract(r"^(\p{L}+)").str.to_lowercase()
            unknown_frames.append(named.filter(~first.is_in(stop).fill_null(False)) if stop else named)
    unknown = pl.concat(unknown_frames) if unknown_frames else pl.DataFrame(schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "match": pl.String})
    by_year = _treaties_by_year(prep, lexicons, ref)
    known = pl.concat([known, by_year.filter(pl.col("kind") == "name")], how="vertical_relaxed")
    # A treaty outside the pack named as such ("the Soviet-North Korean Treaty of Friendship,
    # Cooperation and Mutual Assistance", "the Collective Security Treaty") holds the pack names
    # and context words inside it: they name it, not a pack treaty.
    outside = pl.concat([_outside_treaties(prep, lexicons), by_year.filter(pl.col("kind") == "unknown").select("article_id", "start", "end")])
    if not outside.is_empty():
        known = _outside_of(known, outside)
        context = _outside_of(context, outside)
    if not unknown.is_empty():
        # A capitalised treaty mention that a known name covers is that known treaty, not an
        # unknown one; so is one whose parties a context word right after names ("договор
        # России и КНДР", "the treaty of Russia and the DPRK").
        spans = pl.concat([known.select("article_id", "start", "end"), context.select("article_id", "start", "end")])
        pairs = unknown.join(spans.select("article_id", pl.col("start").alias("ks"), pl.col("end").alias("ke")), on="article_id", how="inner")
        overlaps = (pl.col("ks") < pl.col("end")) & (pl.col("ke") > pl.col("start"))
        parties_after = (pl.col("ks") >= pl.col("end")) & (pl.col("ks") - pl.col("end") <= 25)
        covered = pairs.join(prep.select("article_id", "text"), on="article_id", how="left").filter(
            overlaps | (parties_after & ~pl.col("text").str.slice(pl.col("end"), (pl.col("ks") - pl.col("end")).clip(lower_bound=0)).str.contains(r"[.,;:!?()]"))
        ).select("article_id", "start").unique()
        unknown = unknown.join(covered, on=["article_id", "start"], how="anti")
    unknown = pl.concat([_outside_of(unknown.select("article_id", "start", "end"), outside), outside])
    unknown = unknown.select("article_id", "start", "end", pl.lit(None, pl.String).alias("alias_norm"), pl.lit(None, pl.String).alias("treaty_id"), pl.lit("unknown").alias("kind"))
    cands = pl.concat([known, context, unknown], how="vertical_relaxed")
    cands = attach_sentence(cands, sents).select("article_id", pl.col("start").alias("c_start"), pl.col("end").alias("c_end"), "treaty_id", "kind", pl.col("sent_no").alias("c_sent"))
    # The term of a comparison ("Unlike the North Atlantic Treaty, the pact with Pyongyang ...")
    # or a cited legal basis is not what the sentences around it are about.
    cands = cands.join(prep.select("article_id", "folded", "language"), on="article_id", how="left")
    read_from = (pl.col("c_start") - _OWNER_READ).clip(lower_bound=0)
    before = pl.col("folded").str.slice(read_from, pl.col("c_start") - read_from)
    flags = ("is_set_aside", "is_cited_basis")
    cands = cands.with_columns(
        _by_language(lexicons, lambda lex: before.str.contains(_treaty_plan(lex)["set_aside"]), pl.lit(False)).fill_null(False).alias(flags[0]),
        _by_language(lexicons, lambda lex: before.str.contains(_treaty_plan(lex)["cited_basis"]), pl.lit(False)).fill_null(False).alias(flags[1]),
    ).drop("folded", "language")
    outer = cands.filter(pl.col(flags[0]) | pl.col(flags[1])).select("article_id", pl.col("c_start").alias("_os"), pl.col("c_end").alias("_oe"), *[pl.col(f).alias(f"_{f}") for f in flags])
    inner = cands.select("article_id", "c_start", "c_end").join(outer, on="article_id", how="inner").filter(
        (pl.col("c_start") >= pl.col("_os")) & (pl.col("c_end") <= pl.col("_oe"))
    ).group_by("article_id", "c_start", "c_end").agg(*[pl.col(f"_{f}").any() for f in flags])
    cands = cands.join(inner, on=["article_id", "c_start", "c_end"], how="left")
    return cands.with_columns(*[(pl.col(f) | pl.col(f"_{f}").fill_null(False)).alias(f) for f in flags]).drop(*[f"_{f}" for f in flags])


def _resolve_treaties(mentions: pl.DataFrame, prep, sents, lexicons, ref) -> pl.DataFrame:
    """Pick the treaty each article reference belongs to, from the closest evidence.

    Adds ``treaty_id``, ``treaty_resolution`` (how it was chosen, or why none was), ``treaty_text``
    (the words that named it) and ``_name_start``/``_name_end`` (their span). A reference to a
    legal text that is not a treaty (``document_text``) is tied to none.
    """
    cands = memo_on(prep, "all_treaty_candidates", lambda: _all_treaty_candidates(prep, sents, lexicons, ref))
    m = _named_owner(mentions, prep, lexicons, ref, cands).with_row_index("_mid")
    pairs = m.select("_mid", "article_id", "start", "end", "sent_no", "article_no").join(cands, on="article_id", how="inner")
    same = pl.col("c_sent") == pl.col("sent_no")
    prev = (pl.col("c_sent") < pl.col("sent_no")) & (pl.col("c_sent") >= pl.col("sent_no") - 3)
    earlier = pl.col("c_sent") < pl.col("sent_no") - 3
    after_close = same & (pl.col("c_start") >= pl.col("end")) & (pl.col("c_start") - pl.col("end") <= 40)
    before = same & (pl.col("c_end") <= pl.col("start"))
    named = pl.col("kind").is_in(["name", "unknown"])
    # A name right after another article number of the sentence is that article's ("Article 51
    # of the UN Charter and Article 4 of the treaty with Pyongyang"): for a later number it is
    # weaker evidence than a context word of its own.
    owners = pairs.filter(after_close & named).group_by("article_id", "c_start").agg(
        pl.col("start").max().alias("_owner"), pl.col("article_no").sort_by("start").last().alias("_owned_no"),
    )
    pairs = pairs.join(owners, on=["article_id", "c_start"], how="left")
    # The term of a comparison owns the number right before it and is evidence for nothing
    # else; so is a cited legal basis in another article's description (two numbers before it
    # in its sentence: "Article 4 provides ..., in accordance with Article 51 of the UN Charter"),
    # but for a later reference to the article it cited ("Article 51 recognises ...").
    in_description = pairs.filter(pl.col("is_cited_basis") & (pl.col("sent_no") == pl.col("c_sent")) & (pl.col("start") < pl.col("c_start"))).group_by(
        "article_id", "c_start",
    ).agg((pl.len() >= 2).alias("_in_description"))
    pairs = pairs.join(in_description, on=["article_id", "c_start"], how="left")
    cited_again = (pl.col("article_no") == pl.col("_owned_no")) & (pl.col("c_start") < pl.col("start"))
    set_aside = pl.col("is_set_aside") | (pl.col("_in_description").fill_null(False) & ~cited_again.fill_null(False))
    pairs = pairs.filter(~set_aside | (after_close & named)).drop("_in_description", "_owned_no")
    owned_by_other = pl.col("_owner").is_not_null() & (pl.col("_owner") != pl.col("start"))
    rank = (
        pl.when(after_close & named).then(1)
        .when(before & named & ~owned_by_other).then(2)
        # Context words count before the number or right after it ("Article 5 of NATO"), not
        # in a later clause of the sentence (a legal basis such as "the UN Charter").
        .when(same & (pl.col("kind") == "context") & ((pl.col("c_end") <= pl.col("start")) | after_close)).then(3)
        .when(before & named).then(4)
        .when(prev & named).then(5)
        .when(prev & (pl.col("kind") == "context")).then(6)
        .when(earlier & named).then(7)
        .when(earlier & (pl.col("kind") == "context")).then(8)
    )
    # In earlier sentences the closest sentence wins ("... the pact between Moscow and Pyongyang
    # ... In fact, Article 3 only ..."), a name before a context word of the same sentence;
    # within one sentence a name beats a context word.
    tier = pl.when(pl.col("rank") <= 4).then(pl.col("rank")).when(pl.col("rank") <= 6).then(5).otherwise(7)
    sentence_gap = pl.when(pl.col("rank") >= 5).then(pl.col("sent_no") - pl.col("c_sent")).otherwise(0)
    distance = (pl.col("start") - pl.col("c_start")).abs()
    scored = pairs.with_columns(rank.alias("rank"), distance.alias("dist")).filter(pl.col("rank").is_not_null())
    scored = scored.with_columns(sentence_gap.alias("_gap"), tier.alias("_tier"))
    best = scored.sort("_mid", "_tier", "_gap", "rank", "dist").group_by("_mid", maintain_order=True).first()
    best = best.select(
        "_mid", "treaty_id", pl.col("kind").alias("_kind"), pl.col("c_start").alias("_name_start"), pl.col("c_end").alias("_name_end"),
        pl.col("rank").replace_strict(_RESOLUTIONS, default=None, return_dtype=pl.String).alias("treaty_resolution"),
    )
    out = m.join(best, on="_mid", how="left").drop("_mid")
    is_document = pl.col("document_text").is_not_null()
    return out.join(prep.select("article_id", "text"), on="article_id", how="left").with_columns(
        pl.when(~is_document).then(pl.col("treaty_id")).alias("treaty_id"),
        pl.when(is_document).then(pl.lit(NOT_A_TREATY))
        .when(pl.col("_kind") == "unknown").then(pl.lit(UNKNOWN_TREATY))
        .otherwise(pl.col("treaty_resolution")).alias("treaty_resolution"),
        pl.when(is_document).then(pl.col("document_text"))
        .otherwise(pl.col("text").str.slice(pl.col("_name_start"), pl.col("_name_end") - pl.col("_name_start"))).alias("treaty_text"),
        pl.when(~is_document).then(pl.col("_name_start")).alias("_name_start"),
        pl.when(~is_document).then(pl.col("_name_end")).alias("_name_end"),
    ).drop("_kind", "text", "document_text")


# Resolutions that carry a treaty over from outside the reference's own sentence.
_CARRIED = [_RESOLUTIONS[rank] for rank in (5, 6, 7, 8)]
MAIN_TREATY_RESOLUTION = "treaty the article is about, whose article fits the description"


def _main_treaties(prep, sents, lexicons, ref) -> pl.DataFrame:
    """One row per article that names a pack treaty: ``main_id`` (the treaty the article is
    about) and ``main_start``/``main_end`` (its first mention). The most mentioned treaty (names
    and context words); among equals the one named in the article's lead - before its first
    blank line, or in its first sentence - then the first mentioned. Not the lead first: a
    headline that compares ("Das ist keine Bündnisklausel wie bei der NATO") names the treaty
    the article is not about."""
    cands = _treaty_candidates(prep, sents, lexicons, ref).filter(pl.col("treaty_id").is_not_null())
    if cands.is_empty():
        return pl.DataFrame(schema={"article_id": pl.String, "main_id": pl.String, "main_start": pl.Int64, "main_end": pl.Int64})
    lead_end = prep.select("article_id", char_index_regex(pl.col("text"), r"\n[ \t]*\n").alias("_lead_end"))
    first_sent = pl.col("c_sent") == pl.col("c_sent").min().over("article_id")
    cands = cands.join(lead_end, on="article_id", how="left").with_columns(
        (first_sent | (pl.col("c_start") < pl.col("_lead_end")).fill_null(False)).alias("_lead"),
    )
    per_treaty = cands.sort("c_start").group_by("article_id", "treaty_id").agg(
        pl.col("_lead").any(), pl.len().alias("_n"), pl.col("c_start").first().alias("main_start"), pl.col("c_end").first().alias("main_end"),
    )
    best = per_treaty.sort(["article_id", "_n", "_lead", "main_start"], descending=[False, True, True, False]).group_by("article_id", maintain_order=True).first()
    return best.select("article_id", pl.col("treaty_id").alias("main_id"), "main_start", "main_end")


def _dates_of_outside_treaties(dates: pl.DataFrame, prep, sents, lexicons, ref) -> pl.DataFrame:
    """Date claims whose treaty is one the pack does not hold: the treaty named closest before
    the date in its sentence (or, with none before it, closest after it) is a treaty outside the
    pack ("The Soviet-North Korean treaty was signed in Moscow on 6 July 1961"). They get that
    treaty's words as ``treaty_text`` and ``UNKNOWN_TREATY`` as ``treaty_resolution``; the
    event_date verdict then checks the date against no pack event's (a pack treaty's signing
    is another event). Context words do not count: "the Soviet Union's treaty with Pyongyang"
    is not the pact signed in Pyongyang."""
    if dates.is_empty():
        return dates
    cands = _treaty_candidates(prep, sents, lexicons, ref).filter(pl.col("kind").is_in(["name", "unknown"]))
    if cands.filter(pl.col("kind") == "unknown").is_empty():
        return dates
    at = pl.col("char_start") + char_index(pl.col("claim_text"), pl.col("mention_text")).fill_null(0)
    d = attach_sentence(dates.with_row_index("_d").select("_d", "article_id", at.alias("start")), sents).select("_d", "article_id", "start", "sent_no")
    pairs = d.join(cands, on="article_id", how="inner").filter(pl.col("c_sent") == pl.col("sent_no"))
    if pairs.is_empty():
        return dates
    before = pl.col("c_end") <= pl.col("start")
    # Closest before first, then closest after.
    order = pl.when(before).then(pl.col("start") - pl.col("c_end")).otherwise(pl.lit(10**9) + pl.col("c_start") - pl.col("start"))
    best = pairs.filter(before | (pl.col("c_start") >= pl.col("start"))).with_columns(order.alias("_order")).sort("_d", "_order").group_by("_d", maintain_order=True).first()
    outside = best.filter(pl.col("kind") == "unknown").join(prep.select("article_id", "text"), on="article_id", how="left").select(
        "_d", pl.col("text").str.slice(pl.col("c_start"), pl.col("c_end") - pl.col("c_start")).alias("_outside"),
    )
    if outside.is_empty():
        return dates
    out = dates.with_row_index("_d").join(outside, on="_d", how="left")
    is_outside = pl.col("_outside").is_not_null()
    return out.with_columns(
        pl.when(is_outside).then(pl.col("_outside")).otherwise(pl.col("treaty_text")).alias("treaty_text"),
        pl.when(is_outside).then(pl.lit(UNKNOWN_TREATY)).otherwise(pl.col("treaty_resolution")).alias("treaty_resolution"),
    ).drop("_d", "_outside")


def _fitted_elements(frame: pl.DataFrame, ref, treaty_col: str) -> pl.DataFrame:
    """Per row of ``frame`` (``_row``, ``language``, ``description_norm``) and article of the
    treaty in ``treaty_col``: how many clause elements the description fits (every keyword group
    of the element hit, as treaty_clause_verdicts counts them). Columns _row, article_no, _fits."""
    elements = ref["clause_elements"].filter(~pl.col("is_contradiction"))
    needed = elements.group_by("treaty_id", "article_no", "element", "language").agg(pl.col("group_no").n_unique().alias("_needed"))
    pairs = frame.select("_row", "language", "description_norm", pl.col(treaty_col).alias("treaty_id")).join(
        elements.select("treaty_id", "language", "article_no", "element", "group_no", "keyword_norm"), on=["treaty_id", "language"], how="inner",
    ).filter(pl.col("description_norm").str.contains(pl.lit(" ") + pl.col("keyword_norm"), literal=True))
    hit = pairs.group_by("_row", "treaty_id", "language", "article_no", "element").agg(pl.col("group_no").n_unique().alias("_hit"))
    fitted = hit.join(needed, on=["treaty_id", "article_no", "element", "language"], how="inner").filter(pl.col("_hit") == pl.col("_needed"))
    return fitted.group_by("_row", "article_no").agg(pl.len().alias("_fits"))


def _prefer_main_treaty(claims: pl.DataFrame, prep, sents, lexicons, ref) -> pl.DataFrame:
    """Tie to the treaty the article is about (``_main_treaties``) a clause claim whose treaty was
    only carried over from earlier sentences when the description fits that treaty better: an
    article number mentioned after "NATO invoked Article 5 once" and a heading, described as
    immediate military assistance after an armed attack, is Article 4 of the Russia-DPRK treaty
    a fact box about that treaty explains, not NATO's Article 4. It moves when the main
    treaty's article of that number fits more clause elements than the carried treaty's, or,
    after a claim that moved so since the carried treaty was named, when some article of the
    main treaty fits at least as many ("It is not true that Article 4 only provides for
    consultations", consultations being Article 3 of the main treaty). A treaty named or
    compared in the claim's own sentence is never moved, nor one named earlier in the claim's
    paragraph (no line break between): "NATO has invoked its Article 5 only once. Article 4
    provides ..." is about NATO's Article 4 - unless the pack holds no article of the carried
    treaty: one named in passing ("... replaced the 2000 Treaty on Friendship ... It entered into
    force on 4 December 2024, as its Article 22 provides") yields to the main treaty whose
    article fits."""
    carried = pl.col("treaty_resolution").is_in(_CARRIED) & pl.col("treaty_id").is_not_null()
    if claims.is_empty() or claims.filter(carried).is_empty():
        return claims
    claims = claims.with_row_index("_row")
    # Within the paragraph that names it (no line break between), the carried treaty is what
    # the paragraph is about: it stays.
    text = prep.select("article_id", "text")
    between = pl.col("text").str.slice(pl.col("_name_end"), (pl.col("start") - pl.col("_name_end")).clip(lower_bound=0))
    # A treaty whose articles the pack does not hold was named in passing ("the treaty replaced
    # the 2000 Treaty on Friendship ... It entered into force ..., as its Article 22 provides"):
    # it stays only when the main treaty's article fits nothing of the description.
    unchecked = pl.col("treaty_id").is_in(ref["treaty_articles"]["treaty_id"].unique().implode()).not_()
    other_paragraph = claims.filter(carried).join(text, on="article_id", how="left").filter(between.str.contains("\n") | unchecked).drop("text")
    moving = other_paragraph.join(_main_treaties(prep, sents, lexicons, ref), on="article_id", how="inner").filter(pl.col("main_id") != pl.col("treaty_id"))
    if moving.is_empty():
        return claims.drop("_row")
    own = _fitted_elements(moving, ref, "treaty_id")
    main = _fitted_elements(moving, ref, "main_id")
    moving = moving.join(own.rename({"_fits": "_own"}), on=["_row", "article_no"], how="left").join(
        main.rename({"_fits": "_main_same"}), on=["_row", "article_no"], how="left",
    ).join(main.group_by("_row").agg(pl.col("_fits").max().alias("_main_any")), on="_row", how="left").with_columns(
        pl.col("_own", "_main_same", "_main_any").fill_null(0),
    )
    better = pl.col("_main_same") > pl.col("_own")
    strong = moving.filter(better).select("article_id", "main_id", "treaty_id", pl.col("start").alias("_moved_at"))
    # A claim moved since the carried treaty was named: the closest evidence for the main treaty.
    after_moved = moving.join(strong, on=["article_id", "main_id", "treaty_id"], how="left").filter(
        (pl.col("_moved_at") < pl.col("start")) & (pl.col("_moved_at") > pl.col("_name_start"))
    ).select("_row").unique().with_columns(pl.lit(True).alias("_after_moved"))
    moving = moving.join(after_moved, on="_row", how="left")
    followed = pl.col("_after_moved").fill_null(False) & (pl.col("_main_any") >= 1) & (pl.col("_main_any") >= pl.col("_own"))
    moved = moving.filter(better | followed).join(text, on="article_id", how="left").select(
        "_row", "main_id", "main_start", "main_end", pl.col("text").str.slice(pl.col("main_start"), pl.col("main_end") - pl.col("main_start")).alias("_main_text"),
    )
    out = claims.join(moved, on="_row", how="left")
    is_moved = pl.col("main_id").is_not_null()
    return out.with_columns(
        pl.when(is_moved).then(pl.col("main_id")).otherwise(pl.col("treaty_id")).alias("treaty_id"),
        pl.when(is_moved).then(pl.lit(MAIN_TREATY_RESOLUTION)).otherwise(pl.col("treaty_resolution")).alias("treaty_resolution"),
        pl.when(is_moved).then(pl.col("_main_text")).otherwise(pl.col("treaty_text")).alias("treaty_text"),
        pl.when(is_moved).then(pl.col("main_start")).otherwise(pl.col("_name_start")).alias("_name_start"),
        pl.when(is_moved).then(pl.col("main_end")).otherwise(pl.col("_name_end")).alias("_name_end"),
    ).drop("_row", "main_id", "main_start", "main_end", "_main_text")


# --------------------------------------------------------------------------- persons, offices

def _person_mentions(prep, ref, lexicons: dict[str, Lexicon] | None = None) -> pl.DataFrame:
    """Mentions of the pack's people: their aliases as written in the pack, and, given the
    lexicons, the spellings the pack does not list (``variant_mentions``). A family name after
    another given name ("Елизавета Пескова") is someone else (``namesakes``): the mention runs
    over the given name and has no person_id."""
    persons = ref["entities"].filter(pl.col("kind") == "person").select("entity_id")
    aliases = ref["entity_aliases"].join(persons, on="entity_id", how="semi")
    exact = find_aliases(prep, aliases, "entity_id").rename({"entity_id": "person_id"})
    if lexicons is None:
        return exact
    return namesakes(prep, variant_mentions(prep, ref, lexicons, exact), ref, lexicons)


def _feminine_wordings(office_aliases: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """The pack's office wordings, and each in its feminine form in its own language
    (``Lexicon.feminine_titles``): "ministro de asuntos exteriores" -> "ministra de asuntos
    exteriores", "aussenminister russlands" -> "aussenministerin russlands"."""
    frames = [office_aliases.select("alias_norm", "office_id")]
    for lex in lexicons.values():
        # Longest first: "primer ministro" -> "primera ministra" before "ministro" -> "ministra".
        pairs = {norm_str(m): norm_str(f) for m, f in sorted(lex.feminine_titles.items(), key=lambda mf: -len(mf[0])) if norm_str(m) and norm_str(f)}
        if not pairs:
            continue
        feminine = office_aliases.filter(pl.col("language") == lex.language).select("alias_norm", "office_id")
        for masculine, woman in pairs.items():  # each only at a word end: "ministro" is no "ministros"
            feminine = feminine.with_columns(pl.col("alias_norm").str.replace_all(rf"{re.escape(masculine)}\b", woman))
        frames.append(feminine)
    return pl.concat(frames).unique(maintain_order=True)


def _title_mentions(prep, lexicons, ref) -> pl.DataFrame:
    """Office wordings from the pack (office known) and generic title heads (office unknown)."""
    office_aliases = _feminine_wordings(ref["office_aliases"], lexicons)
    heads = pl.DataFrame(
        [(norm_str(h), lex.language) for lex in lexicons.values() for h in lex.title_heads],
        schema={"alias_norm": pl.String, "language": pl.String}, orient="row",
    )
    # Pack wordings count in any language; a lexicon's bare title heads only in its own.
    wordings = find_aliases(prep, office_aliases.select("alias_norm").unique().with_columns(pl.col("alias_norm").alias("title_norm")), "title_norm")
    bare = find_aliases(prep, heads.unique().with_columns(pl.col("alias_norm").alias("title_norm")), "title_norm", same_language=True)
    # A head inside (or overlapping) a pack wording is part of that wording.
    inside = bare.join(wordings.select("article_id", pl.col("start").alias("_ws"), pl.col("end").alias("_we")), on="article_id", how="inner") \
        .filter((pl.col("start") < pl.col("_we")) & (pl.col("end") > pl.col("_ws"))).select("article_id", "start").unique()
    found = pl.concat([wordings, bare.join(inside, on=["article_id", "start"], how="anti")])
    exact = office_aliases.group_by("alias_norm").agg(pl.col("office_id").unique().sort().str.join(",").alias("_exact"))
    # A bare title head ("presidente", "minister") may mean any office whose wording starts
    # with it; verification then asks whether the named person held one of them.
    heads_only = found.select("alias_norm").unique().join(exact, on="alias_norm", how="anti")
    prefixed = heads_only.join(office_aliases.rename({"alias_norm": "_full"}), how="cross").filter(
        pl.col("_full").str.starts_with(pl.concat_str(pl.col("alias_norm"), pl.lit(" ")))
    ).group_by("alias_norm").agg(pl.col("office_id").unique().sort().str.join(",").alias("_prefixed"))
    found = found.join(exact, on="alias_norm", how="left").join(prefixed, on="alias_norm", how="left")
    return found.select("article_id", "start", "end", pl.coalesce("_exact", "_prefixed").alias("office_candidates"))


def _titles(prep, lexicons, ref) -> pl.DataFrame:
    """``_title_mentions``, found once per extraction (office pairs and quote speakers)."""
    return memo_on(prep, "title_mentions", lambda: _title_mentions(prep, lexicons, ref))


def _fold(text: str) -> str:
    from pipelines.extract.text import fold_str

    return fold_str(text)


def _folded_alternation(words: list[str]) -> str:
    """Lexicon words as ``_fold`` writes them (accents off, case kept), longest first."""
    return alternation([w for w in map(_fold, words) if w])


def _title_between(lex: Lexicon) -> str:
    """The words that may stand between a title's head and a word after it (its own words, a
    nationality, a connector): before a deputy suffix or an until word."""
    return derived(lex, "title_between", lambda lex: _folded_alternation(lex.title_words + lex.country_adjectives + lex.name_connectors))


def _title_marker_plan(lex: Lexicon) -> tuple[str | None, str | None, str | None, str | None]:
    """``_title_markers``' patterns for one language: a former word before the title, a deputy
    word before it, a deputy suffix after it, a nationality before it (None: the lexicon has
    no such words)."""
    markers = [w for w in map(norm_str, lex.former_markers) if w]
    deputy = [w for w in map(norm_str, lex.deputy_markers) if w]
    # The marker is the last word before the title, or the previous one ("former NATO").
    former = rf"(?:^|\s)(?:{alternation(markers)})\s+(?:[\p{{L}}\p{{N}}]+\s+)?$" if markers else None
    deputy_before = rf"(?:^|\s)((?:{alternation(deputy)})\s+)$" if deputy else None
    # "ministro adjunto de Exteriores", "secrétaire général adjoint": the word may follow other
    # words of the title, never a comma.
    suffix = (
        rf"^((?:[ ]+(?:{_title_between(lex)}))*?[ ]+(?:{_folded_alternation(lex.deputy_suffixes)}))(?:[^\p{{L}}\p{{N}}]|$)"
        if lex.deputy_suffixes else None
    )
    nationality = rf"(?:^|[^\p{{L}}\p{{N}}])((?:{_folded_alternation(lex.country_adjectives)})[ -]+)$" if lex.country_adjectives else None
    return former, deputy_before, suffix, nationality


def _title_markers(titles: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Drop titles right after a 'former' word ("der frühere Nato-Generalsekretär", "ex-presidente",
    "бывший министр"): they say nothing about who holds the office at publication (titles next
    to an 'until' phrase are dropped once tied to a name, see ``_past_terms``).

    A title right before or after a 'deputy' word ("Vize-Außenminister", "deputy foreign
    minister", "заместитель министра"; "ministro adjunto", "secrétaire général adjoint") names
    another office: it runs over the word, and loses the main office as a candidate (so the
    deputy is not judged as the minister). A nationality right before a title ("US Secretary
    of State", "chinesischer Außenminister") is taken into it."""
    if titles.is_empty():
        return titles
    frames = []
    ms_before = pl.col("ms").str.slice((pl.col("start") - 30).clip(lower_bound=0), pl.col("start") - (pl.col("start") - 30).clip(lower_bound=0))
    # Suffixes and nationalities are read in the folded text, whose punctuation is kept: a
    # comma or a full stop between them and the title breaks the link.
    folded_before = pl.col("folded").str.slice((pl.col("start") - 40).clip(lower_bound=0), pl.col("start") - (pl.col("start") - 40).clip(lower_bound=0))
    folded_after = pl.col("folded").str.slice(pl.col("end"), 60)
    joined = titles.join(prep.select("article_id", "language", "ms", "folded"), on="article_id", how="left")
    for code in joined["language"].unique().to_list():
        part = joined.filter(pl.col("language") == code)
        lex = lexicons.get(code)
        former, deputy_before, suffix, nationality = derived(lex, "title_markers", _title_marker_plan) if lex else (None, None, None, None)
        if former:
            part = part.filter(~ms_before.str.contains(former))
        is_deputy = pl.lit(False)
        if deputy_before:
            back = ms_before.str.extract(deputy_before, 1).str.len_chars()
            part = part.with_columns(back.is_not_null().alias("_deputy"), (pl.col("start") - back.fill_null(0)).alias("start"))
            is_deputy = pl.col("_deputy")
        if suffix:
            ahead = folded_after.str.extract(suffix, 1).str.len_chars()
            part = part.with_columns(ahead.is_not_null().alias("_suffix"), (pl.col("end") + ahead.fill_null(0)).alias("end"))
            is_deputy = is_deputy | pl.col("_suffix")
        part = part.with_columns(pl.when(is_deputy).then(pl.lit(None, pl.String)).otherwise(pl.col("office_candidates")).alias("office_candidates"))
        if nationality:
            back = folded_before.str.extract(nationality, 1).str.len_chars()
            part = part.with_columns((pl.col("start") - back.fill_null(0)).alias("start"))
        frames.append(part.drop("_deputy", "_suffix", strict=False))
    out = pl.concat(frames) if frames else joined.head(0)
    return out.drop("language", "ms", "folded")


_WORD = r"[\p{L}\p{N}'-]+"
_YEAR = r"(?:1[89]|20)\d\d"
_NEVER = r"[^\s\S]"


def _past_term_plan(lex: Lexicon) -> tuple[tuple[str, str, str] | None, str, str, str]:
    """``_past_terms``' patterns for one language: (a past time after an until word, the until
    phrase after the title, the until phrase before it; None without until words), the opening
    of a sentence on a year, the since words and the units (empty: none)."""
    articles = _folded_alternation(lex.determiners) or _NEVER
    until_plan = None
    if lex.until_markers:
        until = _folded_alternation(lex.until_markers)
        past_words = _folded_alternation(list(lex.months) + lex.recently_words + [k for k, v in {**lex.relative_days, **lex.relative_years}.items() if v < 0])
        # Up to four words after the until word, the past time among the first three.
        phrase = rf"((?:[ ]+{_WORD}){{1,4}})"
        is_past = rf"^(?:[ ]+{_WORD}){{0,2}}?[ ]+(?:{past_words}|{_YEAR})(?:[^\p{{L}}\p{{N}}]|$)"
        lead = rf"(?:[ ]*,)?[ ]*(?:(?:{articles})[ ]+)?"
        after = rf"^(?:[ ]+(?:{_title_between(lex)}))*?[ ]+(?:{until}){phrase}"
        before = rf"(?:^|[^\p{{L}}\p{{N}}'])(?:{until}){phrase}{lead}$"
        until_plan = (is_past, after, before)
    # A sentence opening on a past year: up to five words (no "since", no number's unit), the
    # year, at most one word ("году", a German verb), a comma, an article.
    opening = rf"^[^\p{{L}}\p{{N}}]*(?P<lead>(?:{_WORD}[ ]+){{0,5}}?)(?P<year>{_YEAR})(?P<tail>[ ]+{_WORD})?[ ]*,?[ ]*(?:(?:{articles})[ ]+)?$"
    since = _folded_alternation(lex.since_markers + lex.current_markers)
    units = _folded_alternation(list(lex.numbers.units))
    return until_plan, opening, since, units


# A year right after the title, at most one word between, then a word that may be a unit: "who
# replaced Serdyukov as defence minister in 2012", "министр обороны в 2012 году".
# The groups are spelled as _past_term_plan's opening ones (a word with its spaces after it, a
# tail with its spaces before it), so one test reads both.
_YEAR_AFTER_TITLE = rf"^[ ]+(?P<y_lead>{_WORD}[ ]+)?(?P<y_year>{_YEAR})(?P<y_tail>[ ]+{_WORD})?(?:[^\p{{L}}\p{{N}}]|$)"


def _past_terms(claims: pl.DataFrame, prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Drop office claims about a past term, as a 'former' word does (``_title_markers``):

    * a title right before an 'until' word and a past time (a month, a year not after the
      publication's, a past relative day or year, a "recently" phrase): "der bis Mai 2024
      amtierende Verteidigungsminister", "Hasta mayo de 2024, el ministro"; "until 2028" (after
      the publication's year), "bis heute", "até hoje" are no past time. Right after the title
      ("Serguéi Shoigú, ministro de Defensa hasta mayo", "Sergei Shoigu, defence minister until
      May 2024") the claim is kept as a past holding (is_negated, needs_end): its end date is
      linked by ``_office_starts``, and without one it is dropped;
    * a claim in a sentence that opens on a year before the publication's: "In 2022, Defence
      Minister Sergei Shoigu ordered ...", "Im Jahr 2022 befahl Verteidigungsminister ...",
      "В 2022 году министр обороны ..." (not "Since 2022, ...", nor "2000 soldiers, ...");
    * a title followed by a year before the publication's, at most one word between that is no
      since word: "Sergei Shoigu, who replaced Anatoly Serdyukov as defence minister in 2012",
      "Шойгу, министр обороны в 2012 году" (not "president since 2012", "minister 2000 troops").

    Needs title_start, title_end and span_start; read in the folded text, whose punctuation is
    kept, so a full stop or (after the title) a comma breaks the link."""
    if claims.is_empty():
        return claims
    joined = attach_sentence(claims.with_columns(pl.col("span_start").alias("start")), sents).drop("start")
    joined = joined.join(prep.select("article_id", "language", "folded", "published_on"), on="article_id", how="left")
    pub_year = pl.col("published_on").dt.year()
    frames = []
    for code in joined["language"].unique().to_list():
        part = joined.filter(pl.col("language") == code)
        lex = lexicons.get(code)
        if lex is None:
            frames.append(part)
            continue
        until_plan, opening_pattern, since, units = derived(lex, "past_terms", _past_term_plan)
        drop, until_after = pl.lit(False), pl.lit(False)
        if until_plan is not None:
            is_past, after_pattern, before_pattern = until_plan
            after = pl.col("folded").str.slice(pl.col("title_end"), 60).str.extract(after_pattern, 1)
            lo = (pl.col("title_start") - 60).clip(lower_bound=0)
            before = pl.col("folded").str.slice(lo, pl.col("title_start") - lo).str.extract(before_pattern, 1)

            def past(words: pl.Expr) -> pl.Expr:
                year = words.str.extract(rf"(?:^|[^\p{{N}}])({_YEAR})(?:[^\p{{N}}]|$)", 1).cast(pl.Int32, strict=False)
                running = (year > pub_year).fill_null(False)
                return words.str.contains(is_past).fill_null(False) & ~running

            drop = drop | past(before)
            until_after = past(after)
        head = pl.col("folded").str.slice(pl.col("sent_start"), (pl.col("span_start") - pl.col("sent_start")).clip(lower_bound=0))
        opening = extract_groups(head, opening_pattern)
        part = part.with_columns(opening.alias("_open")).unnest("_open")
        year_after = extract_groups(pl.col("folded").str.slice(pl.col("title_end"), 40), _YEAR_AFTER_TITLE)
        part = part.with_columns(year_after.alias("_yafter")).unnest("_yafter")

        def before_publication(lead: str, year: str, tail: str) -> pl.Expr:
            # A year before the publication's, no since word before it, no unit after it.
            past_year = (pl.col(year).cast(pl.Int32, strict=False) < pub_year).fill_null(False)
            if since:
                past_year = past_year & ~pl.col(lead).str.contains(rf"(?:^|[ ])(?:{since})[ ]").fill_null(False)
            if units:
                past_year = past_year & ~pl.col(tail).str.contains(rf"^[ ]+(?:{units})").fill_null(False)
            return past_year

        dated = before_publication("lead", "year", "tail") | before_publication("y_lead", "y_year", "y_tail")
        part = part.with_columns((pl.col("is_negated") | until_after).alias("is_negated"), (pl.col("needs_end") | until_after).alias("needs_end"))
        frames.append(part.filter(~(drop | dated)).drop("lead", "year", "tail", "y_lead", "y_year", "y_tail"))
    out = pl.concat(frames, how="vertical_relaxed") if frames else joined
    return out.select(claims.columns)


# Accent folding that keeps capitals, one character to one (offsets hold): the office regexes
# match lexicon words (written folded) next to capitalised names. Matching the original text
# instead would need every word spelled with its accented variants under (?i), which makes the
# regexes about three times larger and slower to build.
def _capitalizable(word: str) -> str:
    """A folded lexicon word, its first letters also as capitals ("der ukraine" -> "[dD]er [uU]kraine")."""
    return " ".join(f"[{p[0]}{p[0].upper()}]" + re.escape(p[1:]) if p[:1].upper() != p[:1] else re.escape(p) for p in word.split(" "))


def _build_office_patterns(lexicons: dict[str, Lexicon]) -> dict[str, str]:
    """The regexes that tie a title to a name, from all lexicons (an article's title and name may
    be written with another language's words); built once per set of lexicons (``derived_all``).
    Patterns named ``*_o`` run over the original text, the others over ``fold_cased`` text."""
    def words(field: str) -> list[str]:
        return sorted({w for lex in lexicons.values() for w in getattr(lex, field)})

    def alt(items: set[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True) if w) or never

    def folded(field: str) -> set[str]:
        return {_fold(w) for w in words(field)}

    never = r"[^\s\S]"
    conn_words = set(words("name_connectors")) | {h for hon in words("honorifics") for h in hon.split()} | {"the", "of"}
    conn = alt(conn_words | {_fold(w) for w in conn_words})
    # Lower-case words a title may carry before the name: its own words, a deputy word after it,
    # a nationality ("segretario di Stato americano Marco Rubio", "Госсекретарь США"); a capital
    # first letter is allowed ("Exteriores", "Chinas"), all-capital words pass as acronyms ("МИД").
    tw = "|".join(sorted({_capitalizable(_fold(w)) for w in words("title_words") + words("deputy_suffixes") + words("country_adjectives")}, key=len, reverse=True)) or never
    copula, copula_o = alt(folded("copulas")), alt(set(words("copulas")))
    conj, conj_o = alt(folded("conjunctions")), alt(set(words("conjunctions")))
    current, current_o = alt(folded("current_markers")), alternation(words("current_markers")) or never
    lead = alternation(words("determiners")) or never
    lead_f = alt(folded("determiners"))
    honor = alt(set(words("honorifics")) | folded("honorifics"))
    honor_or_lead = alternation(sorted(set(words("honorifics")) | set(words("determiners"))))
    name = r"\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ -]\p{Lu}[\p{Ll}\p{M}'’-]+){1,2}"
    # A time next to a copula or ending a copular clause: a "now" word ("heute", "ныне") or a
    # since phrase, a since word and a date ("с мая 2024 года", "desde maio de 2024", "seit
    # dem 1. Mai 2024"): small lower-case words, then a month or a number, then more of them.
    months = {m for lex in lexicons.values() for m in lex.months}
    month = alt(months | {_fold(m) for m in months})
    since = alt(set(words("since_markers")) | folded("since_markers"))
    small = r"\p{Ll}{1,5}\.?"
    since_phrase = rf"(?i:{since})(?:\s+{small}){{0,2}}?\s+(?:(?i:{month})|\d{{1,4}}\.?)(?:\s+(?:(?i:{month})|\d{{1,4}}|{small})){{0,3}}?"
    time, time_o = rf"(?:(?i:{current})|{since_phrase})", rf"(?:(?i:{current_o})|{since_phrase})"
    # A copular clause ends after the name (or the title, name first): punctuation, a dash,
    # the end of the text or a conjunction, never "Lavrov's ally" or "the minister is expected";
    # a time may come first ("... secretário do Conselho de Segurança desde maio de 2024.").
    clause_end = rf"^(?:\s+{time})?(?:\s*(?:[.,;:!?)\]»”\"]|$)|\s+-(?:\s|$)|\s+(?i:{conj})\b)"
    # Another person's name in a holding phrase ("who succeeded Stoltenberg as"): one to three words.
    other = r"\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ -]\p{Lu}[\p{Ll}\p{M}'’-]+){0,2}"
    holding, framed, framed_after = _holding_patterns(words("holding_phrases"), other, f"{lead_f}|{current}")
    # Past holdings: "Name is no longer title", "Name left the post of title", "Name, who was
    # title until May 2024" (folded text; the copula written in the phrase where it is one).
    no_longer = _any_of([_phrase_regex(p, other) for p in sorted(folded("no_longer_phrases"), key=len, reverse=True)], other) or never
    ended, ended_framed, ended_after = _holding_patterns(words("end_phrases"), other, lead_f, comma=False)
    past, past_framed, past_after = _holding_patterns(words("past_holding_phrases"), other, lead_f)
    contrast = alt(folded("contrast_words"))
    # Words between a title and an unknown name: title words, a connector run and the word it
    # introduces ("di Stato", "de Exteriores", "of State"), acronyms ("КНДР", "US").
    tok = rf"(?:\s+(?:(?:{conn})\s*)*(?:{tw})\b|(?:\s+(?:{conn}))+\s*\p{{Lu}}[\p{{L}}.'-]*|\s+\p{{Lu}}\p{{Lu}}+\b)"
    return {
        # Between a title and the name: connectors, title words, capitalised words ("del Ejército
        # de Rusia"), commas.
        "gap_ok": rf"^(?:[\s,]|(?:{conn})\b|(?:{tw})\b|\p{{Lu}}[\p{{L}}.'-]*|\p{{Lu}}\p{{Lu}}+)*$",
        # An apposition may carry lower-case words of the title before the comma: "le ministre des
        # Affaires étrangères, Sergueï Lavrov", "el jefe del Estado Mayor General ruso, Valeri Gerásimov".
        "apposition_o": rf"^(?:\s*[\p{{L}}'’.-]+){{1,5}}\s*,\s*(?:(?:{honor_or_lead})\s+)*$",
        # "Russia's defence minister is Andrei Belousov", "Министр обороны России — Андрей Белоусов":
        # the same words, then a copula (checked again as written: Italian "è" folds to "e", "and").
        "copula_after": rf"^(?:\s|(?:{conn})\b|(?:{tw})\b|\p{{Lu}}[\p{{L}}.'-]*)*?\s(?:{time}\s+)?(?i:{copula})\s+(?:{time}\s+)?$",
        "copula_after_o": rf"\s(?i:{copula_o})\s+(?:{time_o}\s+)?$",
        # "Name, the title" and "Name, now title" ("Andréi Belousov, actual ministro de Defensa").
        "comma_before_o": rf"^\s*,\s*(?i:(?:{current_o})\s+|(?:{lead})\s*){{0,2}}(?:\p{{Lu}}[\p{{L}}]*['’]s\s+)?$",
        # "Name, who holds the post of title", "Name, who succeeded Other Name as title" (folded
        # text); "Name, der das Amt des title innehat": the words after the title too.
        "holding": holding,
        "framed": framed,
        "framed_after": framed_after,
        # "Shoigu is no longer defence minister", "Schoigu ist seit Mai 2024 nicht mehr
        # Verteidigungsminister", "Shoigu já não é ministro": a time may stand on either side.
        "no_longer": rf"^\s*(?:(?i:{copula})\s+)?(?:{time}\s+)?(?:{no_longer})(?:\s+{time})?(?:\s+(?i:{lead_f}))?\s*$",
        "ended": ended,
        "ended_framed": ended_framed,
        "ended_after": ended_after,
        "past_holding": past,
        "past_framed": past_framed,
        "past_after": past_after,
        # "... nicht mehr Verteidigungsminister, sondern Sekretär des Sicherheitsrats": between
        # a past holding's title and the title its person holds instead.
        "contrast": rf"^\s*,?\s*(?i:{contrast})(?:\s+{time})?(?:\s+(?i:{lead_f}))?\s*$",
        # "Andrei Belousov is Russia's (current) defence minister", "Андрей Белоусов — министр
        # обороны", "Шойгу с мая 2024 года — секретарь ...", "Schoigu ist heute Sekretär ...".
        "copula_before_o": rf"^\s+(?:{time_o}\s+)?(?i:{copula_o})\s+(?:(?i:(?:{lead})\s*)|{time_o}\s+|\p{{Lu}}\p{{L}}*['’]s\s+){{0,3}}$",
        "clause_end": clause_end,
        # "Шойгу сейчас секретарь Совбеза", "Shoigu today secretary of ...": a "now" word stands
        # for the copula (the title must end the clause, as after one).
        "current_before_o": rf"^\s+(?i:{current_o})\s+(?:(?i:(?:{lead})\s*))?$",
        # The subject left out after a conjunction or a semicolon: "Shoigu left the ministry in
        # May and is now Secretary of ...", "Shoigu ha lasciato l'incarico; oggi è segretario ...".
        "elided_o": rf"(?:\s(?i:{conj_o})|;)\s+(?:{time_o}\s+)?(?i:{copula_o})\s+(?:{time_o}\s+)?(?:(?i:(?:{lead})\s*))?$",
        # What may stand before that subject in its sentence: nothing but punctuation, or a lead-in
        # ending in a colon ("That is wrong: Shoigu ...").
        "subject_lead": r"(?:^[^\p{L}\p{N}]*|:\s*)$",
        "conjunction_last": rf"(?:^|\s)(?:{conj})\s*$",
        # Name first, the claim runs to the end of the title's wording, not of its head.
        "continued": rf"^(?:\s+(?:(?:{conn})\s+)*(?:\p{{Lu}}[\p{{L}}'-]*|(?:{tw})\b))*",
        # Titles followed by a name the pack does not know: after a comma ("la Alta Representante
        # de la UE, Kaja Kallas"), right after the title, after more words of the title
        # ("segretario di Stato americano Marco Rubio"), or after a copula ("... es Wang Yi.").
        "unknown": (
            rf"^(?:(?P<g1>(?:[ ](?:(?:{conn})\b|(?:{tw})\b|\p{{Lu}}[\p{{L}}.'-]*))*),\s+(?:(?:{honor})\s+)?(?P<u1>{name})"
            rf"|\s+(?P<u2>{name})(?:\s*[,.;:()]|\s+\p{{Ll}})"
            rf"|(?P<g3>{tok}*)(?P<c3>\s+(?i:{copula}))?\s+(?:(?:{honor})\s+)?(?P<u3>{name})(?P<e3>\s*[.,;:!?()\]»”\"]|\s+-(?:\s|$)|\s+\p{{Ll}}+|\s*$))"
        ),
        # How the third form must end: without a copula, as the second; with one, as a clause.
        "loose_end": r"^(?:\s*[,.;:()]|\s+\p{Ll})",
        "copula_end": rf"^(?:\s*(?:[.,;:!?)\]»”\"]|$)|\s+-(?:\s|$)|\s+(?i:{conj})$)",
        "copula_o": rf"^\s+(?i:{copula_o})$",
        # Name first, unknown: "Marco Rubio es el secretario de Estado." The name starts the
        # sentence or follows punctuation or a lower-case word (not "Today Marco Rubio").
        "unknown_before": rf"(?:\n|[^\p{{L}}\s]\s*|\s\p{{Ll}}[\p{{L}}'-]*\s+)(?P<ub>{name})(?P<rest>\s+(?:{time}\s+)?(?i:{copula})\s+(?:(?i:(?:{lead_f})\s*)|{time}\s+|\p{{Lu}}\p{{L}}*'s\s+){{0,3}})$",
    }


def _phrase_regex(phrase: str, name: str) -> str:
    """A folded lexicon phrase as a regex: its words case-insensitively, any run of spaces
    between them, and the ``name`` regex (another person's name) where it says ``{name}``."""
    pieces = [r"\s+".join(re.escape(w) for w in piece.split()) for piece in phrase.split("{name}")]
    return rf"\s*{name}\s*".join(f"(?i:{p})" if p else "" for p in pieces)


def _any_of(items: list[str], name: str) -> str:
    """``"|".join(items)`` of ``_phrase_regex`` items, for a pattern that is only searched for
    (``str.contains``, never extracted): the items with the same words after their first name
    share one copy of the name and of those words, ``(?:a|b)\s*NAME\s*c`` for
    ``a\s*NAME\s*c|b\s*NAME\s*c`` (the same texts match, though not always with the same
    alternative). Polars compiles the patterns again on every extraction call, and each name
    copy is six large Unicode classes: the holding phrases of all lexicons held ~20 of them."""
    sep = rf"\s*{name}\s*"
    heads: dict[str, list[str]] = {}
    order: list[tuple[bool, str]] = []
    for item in dict.fromkeys(items):
        head, found, rest = item.partition(sep)
        if not found:
            order.append((False, item))
            continue
        if rest not in heads:
            heads[rest] = []
            order.append((True, rest))
        heads[rest].append(head)
    return "|".join(f"(?:{'|'.join(heads[x])}){sep}{x}" if grouped else x for grouped, x in order)


def _holding_patterns(phrases: list[str], name: str, extra: str, *, comma: bool = True) -> tuple[str, str, str]:
    """``Lexicon.holding_phrases`` as three regexes over the folded text: the gap between
    "Name," and the title for phrases without ``{title}`` (``extra`` words, an article or a
    "now" word, may follow: "who is now", "que es el"), the same for the phrases with it, and
    the words that must follow the title in those ("innehat", "ablöste"). Without ``comma``
    the comma after the name may be left out ("Shoigu left the post of")."""
    never = r"[^\s\S]"
    plain, framed, after = [], [], []
    for phrase in sorted({_fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True):
        head, _, tail = phrase.partition("{title}")
        (framed if tail.strip() else plain).append(_phrase_regex(head.strip(), name))
        if tail.strip():
            after.append(_phrase_regex(tail.strip(), name))

    def gap(items: list[str]) -> str:
        lead = r"^\s*,\s*" if comma else r"^\s*(?:,\s*)?"
        return rf"{lead}(?:{_any_of(items, name)})(?:\s+(?i:{extra})){{0,2}}\s*$" if items else never

    return gap(plain), gap(framed), (rf"^\s+(?:{_any_of(after, name)})(?:[^\p{{L}}\p{{N}}]|$)" if after else never)


def _continued_title_end(rx: dict[str, str]) -> pl.Expr:
    """Where a title's wording ends (name first): past its head, over the words that continue it."""
    return pl.col("end") + fold_cased(pl.col("text").str.slice(pl.col("end"), 80)).str.extract(rx["continued"], 0).str.len_chars().fill_null(0)


def _ends_clause(at: str, rx: dict[str, str]) -> pl.Expr:
    """Whether the clause ends at offset column ``at`` (copular claims)."""
    return fold_cased(pl.col("text").str.slice(pl.col(at), 48)).str.contains(rx["clause_end"])


def _unknown_name_first(untied: pl.DataFrame, unknown: pl.DataFrame, rx: dict[str, str]) -> pl.DataFrame:
    """ "Marco Rubio es el secretario de Estado.", "Wang Yi ist der chinesische Außenminister.":
    a name the pack does not know, a copula (as written), and a title that ends the clause,
    for titles not yet tied to a name (``untied``, with ``text``) nor to an unknown name after it."""
    left = untied.join(unknown.select("article_id", pl.col("span_start").alias("start")), on=["article_id", "start"], how="anti")
    lo = pl.max_horizontal("sent_start", pl.col("start") - 80)
    at_sentence_start = pl.when(lo == pl.col("sent_start")).then(pl.lit("\n")).otherwise(pl.lit("x"))
    before = pl.concat_str(at_sentence_start, fold_cased(pl.col("text").str.slice(lo, pl.col("start") - lo)))
    rows = left.height
    left = left.lazy().with_columns(extract_groups(before, rx["unknown_before"]).alias("_found")).unnest("_found").filter(pl.col("ub").is_not_null())
    rest = pl.col("rest").str.len_chars()
    left = left.with_columns((pl.col("start") - rest).alias("p_end"), _continued_title_end(rx).alias("span_end")).with_columns(
        (pl.col("p_end") - pl.col("ub").str.len_chars()).alias("p_start"),
    ).filter(
        pl.col("text").str.slice(pl.col("p_end"), rest).str.contains(rx["copula_before_o"])
        & _ends_clause("span_end", rx)
    )
    out = left.select(
        "article_id",
        pl.col("p_start").alias("span_start"),
        "span_end",
        pl.lit(None, pl.String).alias("person_id"),
        pl.col("text").str.slice(pl.col("p_start"), pl.col("p_end") - pl.col("p_start")).alias("person_text"),
        pl.col("text").str.slice(pl.col("start"), pl.col("span_end") - pl.col("start")).alias("title_text"),
        "office_candidates", "p_start", "p_end", pl.col("start").alias("title_start"), pl.col("span_end").alias("title_end"),
    )
    # No title left, no pattern to run: Polars compiles a pattern even for no rows.
    return pl.DataFrame(schema=out.collect_schema()) if rows == 0 else collect(out, rows)


def extract_office_holders(prep, sents, lexicons, ref, persons: pl.DataFrame, *, pairs: pl.DataFrame | None = None, dates: pl.DataFrame | None = None) -> pl.DataFrame:
    """Office claims: a title tied to a person (``_office_pairs``; ``pairs`` if already made),
    except past terms. Given the event_date claims (``dates``), a claim carries the date its
    person took the office (``_office_starts``) in date_value and date_precision."""
    both = _office_pairs(prep, sents, lexicons, ref, persons) if pairs is None else pairs
    if both.is_empty() and (dates is None or dates.is_empty()):
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    positions = ["title_start", "title_end"]
    both = _past_terms(both, prep, sents, lexicons)
    if dates is None:
        both = both.with_columns(pl.lit(None, pl.Date).alias("date_value"))
    else:
        # The claim runs over the start date after it: "Mark Rutte, who took office on October 1".
        both = _office_starts(both, prep, lexicons, dates)
        # (Not over a full stop the date pattern took as a month's abbreviation: "nommé en mai.")
        last = pl.col("text").str.slice(pl.col("_m_end") - 1, 1)
        m_end = pl.when(last == ".").then(pl.col("_m_end") - 1).otherwise(pl.col("_m_end"))
        both = both.join(prep.select("article_id", "text"), on="article_id", how="left")
        both = both.with_columns(pl.max_horizontal("span_end", m_end).alias("span_end")).drop("_m_start", "_m_end", "text")
    # A title dated by the sentence's main action is checked at that date; one with a 'then'
    # word ("the then defence minister") says nothing about publication, so without one it goes.
    both = _as_of(both, prep, lexicons, dates)
    both = both.filter(~pl.col("_then") | pl.col("as_of_value").is_not_null()).drop("_then")
    # "Name, who was title" says no more than that the term is over, unless an end date follows.
    both = both.filter(~pl.col("needs_end") | pl.col("date_value").is_not_null())
    if dates is not None:
        # "Shoigu left the ministry in May", "Rutte hatte das Amt im Oktober übernommen".
        moves = _office_moves(prep, lexicons, ref, persons, dates)
        # (Not again where a past holding or a dated claim already starts at the name: "Shoigu
        # left the post of defence minister in May" is read with its title.)
        dated = both.filter(pl.col("is_negated") | pl.col("date_value").is_not_null())
        moves = moves.join(dated.select("article_id", "p_start"), on=["article_id", "p_start"], how="anti")
        both = pl.concat([both, moves], how="diagonal_relaxed")
    both = both.drop("p_start", "p_end", "needs_end", *positions)
    both = both.with_columns(pl.col("span_start").alias("start"))
    return _finish(both, "office_holder", prep, sents, span=("span_start", "span_end"))


def _move_patterns(lexicons: dict[str, Lexicon]) -> dict[str, str]:
    """``_office_moves``' regexes (folded text, all lexicons): after a name, a leave or take
    phrase up to its ``{office}`` slot, at most one short word, the office noun (``obj``); for
    the phrases with words after the slot, those words (``*_tail``, after the date)."""
    other = r"\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ -]\p{Lu}[\p{Ll}\p{M}'’-]+){0,2}"
    out = {}
    for kind, field in (("leave", "leave_phrases"), ("take", "take_phrases")):
        phrases = sorted({_fold(w).strip() for lex in lexicons.values() for w in getattr(lex, field) if "{office}" in w}, key=len, reverse=True)
        plain = [_phrase_regex(ph.split("{office}")[0].strip(), other) for ph in phrases if not ph.split("{office}")[1].strip()]
        framed = [_phrase_regex(ph.split("{office}")[0].strip(), other) for ph in phrases if ph.split("{office}")[1].strip()]
        tails = sorted({ph.split("{office}")[1].strip() for ph in phrases if ph.split("{office}")[1].strip()}, key=len, reverse=True)
        slot = r"\s+(?P<det>\p{L}{1,6}(?:\s+|'))?(?P<obj>\p{L}[\p{L}-]*)"
        out[f"{kind}_plain"] = rf"^\s+(?:{'|'.join(plain)}){slot}" if plain else _NEVER
        out[f"{kind}_framed"] = rf"^\s+(?:{'|'.join(framed)}){slot}" if framed else _NEVER
        out[f"{kind}_tail"] = rf"^[^.;:!?]{{0,60}}?(?:^|[^\p{{L}}])(?:{'|'.join(_phrase_regex(t, other) for t in tails)})(?:[^\p{{L}}]|$)" if tails else _NEVER
    return out


MOVE_STEM = 6
"""Letters of an office noun compared with the words of a person's office wordings ("ministry"
and "minister" share "minist"; "Defensa" is a word of "ministro de Defensa")."""


def _office_moves(prep: pl.DataFrame, lexicons: dict[str, Lexicon], ref, persons: pl.DataFrame, dates: pl.DataFrame) -> pl.DataFrame:
    """Office claims from a leave or take phrase after a pack person's name and an office named
    only by a noun, with the date right after it (``Lexicon.leave_phrases``, ``take_phrases``):
    "Shoigu left the ministry in May", "Shoigú dejó Defensa en mayo", "Shoigu ha lasciato
    quell'incarico a maggio 2024", "Rutte hatte das Amt im Oktober von Jens Stoltenberg
    übernommen". The noun is an ``office_nouns`` word (any of the person's offices in the pack;
    for leaving, those whose term ended by publication) or shares its first ``MOVE_STEM``
    letters with a word of the wordings of such an office; a noun that is neither gives no
    claim. A leave claim is a past holding (is_negated) whose date is the term's end; a take
    claim's date is the start. Columns as ``_office_pairs``' plus date_value, date_precision."""
    schema = {**_PAIR_SCHEMA, "date_value": pl.Date, "date_precision": pl.String}
    holdings = ref.get("office_holdings")
    known = persons.filter(pl.col("person_id").is_not_null())
    if known.is_empty() or dates.is_empty() or holdings is None or holdings.is_empty():
        return pl.DataFrame(schema=schema)
    rx = derived_all(lexicons, "office_moves", _move_patterns)
    nouns = sorted({_fold(w) for lex in lexicons.values() for w in lex.office_nouns if w.strip()})
    base = known.select("article_id", pl.col("start").alias("p_start"), pl.col("end").alias("p_end"), "person_id").join(
        prep.select("article_id", "text", "published_on"), on="article_id", how="left",
    ).with_columns(fold_cased(pl.col("text").str.slice(pl.col("p_end"), 80)).alias("_after"))
    frames = []
    for kind in ("leave", "take"):
        for form in ("plain", "framed"):
            found = base.with_columns(extract_groups(pl.col("_after"), rx[f"{kind}_{form}"]).alias("_m")).unnest("_m").filter(pl.col("obj").is_not_null())
            frames.append(found.with_columns(
                pl.lit(kind == "leave").alias("is_negated"), pl.lit(form == "framed").alias("_framed"),
                pl.col("_after").str.extract(rx[f"{kind}_{form}"], 0).str.len_chars().alias("_len"),
                pl.col("det").fill_null("").str.len_chars().alias("_det_len"),
            ).drop("det"))
    found = pl.concat(frames, how="vertical_relaxed")
    if found.is_empty():
        return pl.DataFrame(schema=schema)
    found = found.with_columns(
        (pl.col("p_end") + pl.col("_len")).alias("title_end"),
    ).with_columns((pl.col("title_end") - pl.col("obj").str.len_chars() - pl.col("_det_len")).alias("title_start"))
    # The person's offices in the pack the noun can mean.
    terms = holdings.select("person_id", "office_id", "end_on")
    words = ref["office_aliases"].select("office_id", pl.col("alias_norm").str.split(" ").alias("_w")).explode("_w").filter(
        pl.col("_w").str.len_chars() >= MOVE_STEM
    ).select("office_id", pl.col("_w").str.slice(0, MOVE_STEM).alias("_stem")).unique()
    obj = fold(pl.col("obj"))
    keyed = found.with_row_index("_mid").with_columns(
        obj.is_in(nouns).alias("_generic"),
        pl.when(obj.str.len_chars() >= MOVE_STEM).then(obj.str.slice(0, MOVE_STEM)).alias("_stem"),
    )
    offices = keyed.select("_mid", "person_id", "published_on", "is_negated", "_generic", "_stem").join(terms, on="person_id", how="inner").filter(
        ~pl.col("is_negated") | (pl.col("end_on") <= pl.col("published_on")).fill_null(False)
    )
    generic = offices.filter(pl.col("_generic")).select("_mid", "office_id")
    stemmed = offices.filter(~pl.col("_generic")).join(words, on=["office_id", "_stem"], how="semi").select("_mid", "office_id")
    candidates = pl.concat([generic, stemmed]).unique().group_by("_mid").agg(pl.col("office_id").sort().str.join(",").alias("office_candidates"))
    keyed = keyed.join(candidates, on="_mid", how="inner")
    # The date right after the noun, after at most a short word ("in May", "a maggio", "im Oktober").
    mentioned = dates.filter(pl.col("mention_text").is_not_null()).select(
        "article_id", "date_value", "date_precision",
        (pl.col("char_start") + char_index(pl.col("claim_text"), pl.col("mention_text"))).alias("_m_start"),
        pl.col("mention_text").str.len_chars().alias("_m_len"),
    ).filter(pl.col("_m_start").is_not_null()).with_columns((pl.col("_m_start") + pl.col("_m_len")).alias("_m_end"))
    dated = keyed.join(mentioned, on="article_id", how="inner").filter(
        (pl.col("_m_start") >= pl.col("title_end")) & (pl.col("_m_start") - pl.col("title_end") <= 12)
    ).filter(
        fold_cased(pl.col("text").str.slice(pl.col("title_end"), pl.col("_m_start") - pl.col("title_end"))).str.contains(r"^\s*(?:\p{Ll}{1,3}\s*)?$")
    )
    after_date = fold_cased(pl.col("text").str.slice(pl.col("_m_end"), 70))
    tail = pl.when(pl.col("is_negated")).then(after_date.str.contains(rx["leave_tail"])).otherwise(after_date.str.contains(rx["take_tail"]))
    dated = dated.filter(~pl.col("_framed") | tail).sort("_mid", "_m_start").unique("_mid", keep="first")
    # (Not over a full stop the date pattern took as a month's abbreviation.)
    last = pl.col("text").str.slice(pl.col("_m_end") - 1, 1)
    out = dated.with_columns(
        pl.col("p_start").alias("span_start"),
        pl.when(last == ".").then(pl.col("_m_end") - 1).otherwise(pl.col("_m_end")).alias("span_end"),
        pl.col("text").str.slice(pl.col("p_start"), pl.col("p_end") - pl.col("p_start")).alias("person_text"),
        pl.col("text").str.slice(pl.col("title_start"), pl.col("title_end") - pl.col("title_start")).alias("title_text"),
        pl.lit(False).alias("needs_end"),
    )
    return out.select(list(schema)).cast(schema)


def _then_plan(lex: Lexicon) -> tuple[str | None, str | None]:
    """``_as_of``'s patterns (matching form) for one language's ``then_markers``: one before the
    title (the last word before it, or the one before that: "the then defence minister", "der
    damalige russische Verteidigungsminister") and one right after it ("le ministre de la
    Défense de l'époque", "the defence minister at the time"). None: the lexicon has none."""
    words = sorted({w for w in map(norm_str, lex.then_markers) if w}, key=len, reverse=True)
    if not words:
        return None, None
    alt = "|".join(re.escape(w).replace(r"\ ", "[ ]+") for w in words)
    # After the title, in the folded text (a comma ends the title): up to four of its own words
    # ("de la Défense"), the marker's words apart by spaces or apostrophes ("de l'époque").
    spaced = "|".join(re.escape(w).replace(r"\ ", "[ '’]+") for w in words)
    after = rf"^(?:[ ]+[\p{{L}}\p{{N}}'’-]+){{0,4}}?[ ]+(?:{spaced})(?:[^\p{{L}}\p{{N}}]|$)"
    return rf"(?:^|[ ])(?:{alt})[ ]+(?:[\p{{L}}\p{{N}}]+[ ]+)?$", after


def _as_of(claims: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon], dates: pl.DataFrame | None) -> pl.DataFrame:
    """The time an office claim's title is held at when the sentence dates its main action
    (as_of_value, as_of_precision): "Nato-Generalsekretär Jens Stoltenberg nannte den Vertrag
    im Juni 2024 ...", "Уходящий генсек НАТО Йенс Столтенберг в сентябре 2024 года называл
    ...". The date is an event_date claim's (``dates``) whose span holds the office claim's
    start and whose clause is the sentence's own (clause_norm null: no relative clause,
    participial phrase, event noun or other part between semicolons), not after publication,
    and, after the claim, with no complementizer between them ("said that in 2023 ..." dates
    what was said); the nearest to the title. Claims that say when the person took or left the
    office (date_value, is_negated) keep the publication date.

    Adds ``_then``: the title has a ``then_markers`` word before or right after it."""
    none = claims.with_columns(pl.lit(None, pl.Date).alias("as_of_value"), pl.lit(None, pl.String).alias("as_of_precision"))
    if claims.is_empty():
        return none.with_columns(pl.lit(False).alias("_then"))
    keyed = claims.with_row_index("_cid").join(prep.select("article_id", "language", "ms", "folded", "published_on"), on="article_id", how="left")
    lo = (pl.col("title_start") - 40).clip(lower_bound=0)
    before = pl.col("ms").str.slice(lo, pl.col("title_start") - lo)
    # After the title, up to the name when it follows ("le ministre de la Défense de l'époque, Choïgou").
    after_len = pl.when(pl.col("p_start") >= pl.col("title_end")).then(pl.col("p_start") - pl.col("title_end")).otherwise(60)
    after = pl.col("folded").str.slice(pl.col("title_end"), after_len)

    def then(lex: Lexicon) -> pl.Expr:
        before_rx, after_rx = derived(lex, "then_markers", _then_plan)
        if before_rx is None:
            return pl.lit(False)
        return before.str.contains(before_rx) | after.str.contains(after_rx)

    keyed = keyed.with_columns(_by_language(lexicons, then, pl.lit(False)).fill_null(False).alias("_then"))
    out = keyed.with_columns(pl.lit(None, pl.Date).alias("as_of_value"), pl.lit(None, pl.String).alias("as_of_precision"))
    if dates is None or dates.is_empty():
        return out.drop("_cid", "language", "ms", "folded", "published_on")
    found = dates.filter(pl.col("mention_text").is_not_null() & pl.col("date_value").is_not_null()).select(
        "article_id", pl.col("char_start").alias("_ds"), pl.col("char_end").alias("_de"), pl.col("date_value").alias("_dv"), pl.col("date_precision").alias("_dp"),
        (pl.col("char_start") + char_index(pl.col("claim_text"), pl.col("mention_text"))).alias("_m_start"), pl.col("clause_norm").alias("_clause"),
    ).filter(pl.col("_m_start").is_not_null())
    open_claims = keyed.filter(pl.col("date_value").is_null() & ~pl.col("is_negated").fill_null(False))
    pairs = open_claims.select("_cid", "article_id", "language", "ms", "published_on", "span_start", "span_end", "title_start").join(found, on="article_id", how="inner").filter(
        (pl.col("span_start") >= pl.col("_ds")) & (pl.col("span_start") < pl.col("_de")) & (pl.col("_dv") <= pl.col("published_on"))
    )
    # The date's clause is the sentence, or a part of it (between semicolons) that holds the claim.
    own = pl.col("_clause").is_null() | pl.col("_clause").str.contains(_ms_norm(pl.col("span_start"), pl.col("span_end")), literal=True)
    pairs = pairs.filter(own)
    between = pl.col("ms").str.slice(pl.col("span_end"), (pl.col("_m_start") - pl.col("span_end")).clip(lower_bound=0))
    lo = (pl.col("_m_start") - 12).clip(lower_bound=0)
    before_date = pl.col("ms").str.slice(lo, pl.col("_m_start") - lo)
    date_head = pl.col("ms").str.slice(pl.col("_m_start"), 12)

    def other(lex: Lexicon) -> pl.Expr:
        # "said that in 2023 ..." dates what was said; "since May 2024", "until May 2024" date
        # a term, not an action.
        said = sorted({w for w in map(norm_str, lex.complementizers) if w}, key=len, reverse=True)
        bounds = sorted({w for w in map(norm_str, lex.since_markers + lex.until_markers) if w}, key=len, reverse=True)
        expr = pl.lit(False)
        if said:
            expr = expr | between.str.contains(rf"(?:^|[ ])(?:{'|'.join(re.escape(w) for w in said)})(?:[ ]|$)")
        if bounds:
            alt = "|".join(re.escape(w).replace(r"\ ", "[ ]+") for w in bounds)
            expr = expr | before_date.str.contains(rf"(?:^|[ ])(?:{alt})[ ]*$") | date_head.str.contains(rf"^(?:{alt})[ ]")
        return expr

    pairs = pairs.filter(~_by_language(lexicons, other, pl.lit(False)).fill_null(False))
    best = pairs.with_columns((pl.col("_m_start") - pl.col("title_start")).abs().alias("_dist")).sort("_cid", "_dist").unique("_cid", keep="first")
    out = out.drop("as_of_value", "as_of_precision").join(best.select("_cid", pl.col("_dv").alias("as_of_value"), pl.col("_dp").alias("as_of_precision")), on="_cid", how="left")
    return out.sort("_cid").drop("_cid", "language", "ms", "folded", "published_on")


def _without_office_starts(dates: pl.DataFrame, offices: pl.DataFrame) -> pl.DataFrame:
    """The event_date claims but those whose date an office claim took as its start: the same
    date value, its mention inside the office claim or in the 60 characters after it."""
    started = offices.filter(pl.col("date_value").is_not_null())
    if started.is_empty() or dates.is_empty():
        return dates
    at = pl.col("char_start") + char_index(pl.col("claim_text"), pl.col("mention_text"))
    taken = dates.select("claim_id", "article_id", "date_value", at.alias("_m_start")).join(
        started.select("article_id", "date_value", pl.col("char_start").alias("_os"), pl.col("char_end").alias("_oe")), on=["article_id", "date_value"], how="inner"
    ).filter(pl.col("_m_start").is_between(pl.col("_os"), pl.col("_oe") + 60))
    return dates.join(taken.select("claim_id").unique(), on="claim_id", how="anti")


def _start_patterns(lexicons: dict[str, Lexicon]) -> dict[str, str]:
    """``_office_starts``' regexes (folded text, all lexicons): a start phrase after the claim, a
    since word right before a date inside it, and a succession between the name and the title."""
    other = r"\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ -]\p{Lu}[\p{Ll}\p{M}'’-]+){0,2}"

    def phrases(items: list[str]) -> str:
        folded = sorted({_fold(p).strip() for p in items if p.strip() and "{title}" not in p}, key=len, reverse=True)
        return _any_of([_phrase_regex(phrase, other) for phrase in folded], other) or _NEVER

    since = phrases([w for lex in lexicons.values() for w in lex.since_markers])
    start = phrases([w for lex in lexicons.values() for w in lex.start_phrases + lex.since_markers])
    succession = phrases([w for lex in lexicons.values() for w in lex.holding_phrases if "{name}" in w])
    until = phrases([w for lex in lexicons.values() for w in lex.until_markers])
    return {
        # A past holding's end: the date right after the title, after at most an until word or a
        # short word ("until May 2024", "in May", "el 1 de octubre", "a maggio").
        "end": rf"^(?:\s*,)?\s*(?:(?:{until})\s*)?(?:\p{{Ll}}{{1,3}}\s*)?$",
        # ", who took office", ", nommé", ", in carica dal", " desde": then the date, after at
        # most a short word ("on", "in", "en").
        "start": rf"^(?:\s*,)?\s*(?:{start})(?:\s+\p{{Ll}}{{1,3}})??\s*$",
        "since_before": rf"(?:^|[^\p{{L}}])(?:{since})\s*$",
        "since_first": rf"^(?:{since})\s",
        "succession": rf"^\s*,\s*(?:{succession})\s*$",
    }


def _office_starts(claims: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon], dates: pl.DataFrame) -> pl.DataFrame:
    """The date an office claim's person took the office, from the dates found in the text
    (``dates``: event_date claims, their mention inside their span): right after the claim and a
    start phrase ("NATO Secretary General Mark Rutte, who took office on October 1", "Andreï
    Belooussov, nommé en mai", "Andrei Belousov, in carica dal maggio 2024", "... secretário do
    Conselho de Segurança desde maio de 2024"), after a since word inside it ("Шойгу с мая 2024
    года — секретарь", "Schoigu ist seit Mai 2024 Sekretär"), or right after the title of a
    succession ("Mark Rutte, who succeeded Jens Stoltenberg as NATO secretary general in
    October"). Adds date_value, date_precision and the date mention's offsets (_m_start, _m_end:
    that date is the office's, no event's)."""
    cols = claims.columns
    out_schema = {**claims.schema, "date_value": pl.Date, "date_precision": pl.String, "_m_start": pl.Int64, "_m_end": pl.Int64}
    empty = claims.with_columns(pl.lit(None, pl.Date).alias("date_value"), pl.lit(None, pl.String).alias("date_precision"), pl.lit(None, pl.Int64).alias("_m_start"), pl.lit(None, pl.Int64).alias("_m_end"))
    if claims.is_empty() or dates.is_empty():
        return empty
    rx = derived_all(lexicons, "office_starts", _start_patterns)
    found = dates.filter(pl.col("mention_text").is_not_null()).select(
        "article_id", "date_value", "date_precision",
        (pl.col("char_start") + char_index(pl.col("claim_text"), pl.col("mention_text"))).alias("_m_start"),
        pl.col("mention_text").str.len_chars().alias("_m_len"),
    ).filter(pl.col("_m_start").is_not_null()).with_columns((pl.col("_m_start") + pl.col("_m_len")).alias("_m_end")).drop("_m_len")
    keyed = claims.with_row_index("_cid").join(prep.select("article_id", "text"), on="article_id", how="left")
    pairs = keyed.join(found, on="article_id", how="inner").filter(
        (pl.col("_m_start") >= pl.col("span_start")) & (pl.col("_m_start") <= pl.col("span_end") + 60)
    )
    between = fold_cased(pl.col("text").str.slice(pl.col("span_end"), (pl.col("_m_start") - pl.col("span_end")).clip(lower_bound=0)))
    lo = (pl.col("_m_start") - 12).clip(lower_bound=0)
    before_date = fold_cased(pl.col("text").str.slice(lo, pl.col("_m_start") - lo))
    mention = fold_cased(pl.col("text").str.slice(pl.col("_m_start"), pl.col("_m_end") - pl.col("_m_start")))
    name_first = pl.col("p_end") <= pl.col("title_start")
    gap = fold_cased(pl.col("text").str.slice(pl.col("p_end"), (pl.col("title_start") - pl.col("p_end")).clip(lower_bound=0)))
    inside = (pl.col("_m_start") < pl.col("span_end")) & (before_date.str.contains(rx["since_before"]) | mention.str.contains(rx["since_first"]))
    # A start phrase may end inside the date's mention ("in carica dal" + "dal maggio 2024").
    with_first = pl.concat_str(between, mention.str.extract(r"^(\p{L}+)", 1).fill_null(""))
    after = (pl.col("_m_start") >= pl.col("span_end")) & (
        between.str.contains(rx["start"]) | with_first.str.contains(rx["start"])
        | mention.str.contains(rx["since_first"]) & between.str.contains(r"^(?:\s*,)?\s*$")
        | name_first & gap.str.contains(rx["succession"]) & between.str.contains(r"^\s*$")
        | pl.col("is_negated") & (between.str.contains(rx["end"]) | with_first.str.contains(rx["end"]))
    )
    # No pair, no pattern to run (Polars compiles a pattern even for no rows).
    linked = (pairs.filter(inside | after) if not pairs.is_empty() else pairs).sort("_cid", "_m_start").unique("_cid", keep="first")
    out = empty.with_row_index("_cid").drop("date_value", "date_precision", "_m_start", "_m_end").join(
        linked.select("_cid", "date_value", "date_precision", "_m_start", "_m_end"), on="_cid", how="left"
    ).drop("_cid")
    return out.select(*cols, "date_value", "date_precision", "_m_start", "_m_end").cast(out_schema)


_PAIR_SCHEMA = {
    "article_id": pl.String, "span_start": pl.Int64, "span_end": pl.Int64, "person_id": pl.String, "person_text": pl.String, "title_text": pl.String,
    "office_candidates": pl.String, "p_start": pl.Int64, "p_end": pl.Int64, "title_start": pl.Int64, "title_end": pl.Int64,
    "is_negated": pl.Boolean, "needs_end": pl.Boolean,
}


NARROWING_WORD_MIN = 6
"""Words of a title's continuation this long must be words of an office's wording to tell
offices apart ("exteriores", "defensa", "ucraniano"); shorter ones (nationalities such as
"ruso", "rusa") count when the first three letters start one ("rusia"), and only to break a tie."""


def _narrow_offices(known: pl.DataFrame, ref) -> pl.DataFrame:
    """A title head that may mean several offices ("ministro", "ministra", "presidente"), followed
    by more words of a wording ("la ministra de Asuntos Exteriores rusa, María Zajárova", name
    after the title) or, name first, continued by them: only the offices whose wordings hold
    the most of those words stay candidates, so the verdict names the office the title says."""
    several = known.filter(pl.col("office_candidates").str.contains(",", literal=True)).select(
        "_tid",
        pl.col("office_candidates").str.split(",").alias("office_id"),
        pl.when(pl.col("_after")).then(pl.col("_ga"))
        .otherwise(pl.col("text").str.slice(pl.col("end"), pl.col("_title_end") - pl.col("end"))).alias("_words"),
    )
    words = norm(pl.col("_words")).str.split(" ")
    said = several.select("_tid", words.alias("word")).explode("word").filter(pl.col("word").str.len_chars() >= 3).unique()
    if said.is_empty():
        return known
    wordings = ref["office_aliases"].select("office_id", pl.col("alias_norm").str.split(" ").alias("word")).explode("word").unique()
    is_long = pl.col("word").str.len_chars() >= NARROWING_WORD_MIN
    heard = pl.concat([
        said.filter(is_long).join(wordings, on="word").select("_tid", "office_id", "word", pl.lit(1).alias("long")),
        said.filter(~is_long).with_columns(pl.col("word").str.slice(0, 3).alias("stem"))
        .join(wordings.with_columns(pl.col("word").str.slice(0, 3).alias("stem")), on="stem")
        .select("_tid", "office_id", "word", pl.lit(0).alias("long")),
    ])
    candidates = several.select("_tid", "office_id").explode("office_id").with_columns(pl.col("office_id").str.strip_chars())
    scores = candidates.join(heard.unique(["_tid", "office_id", "word"]), on=["_tid", "office_id"]).group_by("_tid", "office_id").agg(
        pl.col("long").sum().alias("long"), (1 - pl.col("long")).sum().alias("short"),
    )
    best = pl.col("long") == pl.col("long").max().over("_tid")
    kept = scores.filter(best).filter(pl.col("short") == pl.col("short").max().over("_tid")).group_by("_tid").agg(
        pl.col("office_id").unique().sort().str.join(",").alias("_narrowed")
    )
    return known.join(kept, on="_tid", how="left").with_columns(
        pl.coalesce("_narrowed", "office_candidates").alias("office_candidates")
    ).drop("_narrowed")


# Initials right before a surname, in any script: "С.В.", "V.V. ", "А. Р. " (a non-letter before them).
_INITIALS_BEFORE = r"(?:^|[^\p{L}\p{N}])((?:\p{Lu}\.[ \t]?){1,3})$"


def _with_initials(persons: pl.DataFrame, prep: pl.DataFrame) -> pl.DataFrame:
    """Person mentions (with their sentence) that start where initials right before them start,
    within the sentence: "С.В.Лавров", "V.V. Poutine". A title before the initials is then as
    near the name as one before a first name, so in a readout list ("Министр иностранных дел
    С.В.Лавров, Министр обороны А.Р.Белоусов") each title pairs with the name after it, not
    with the one before its comma."""
    if persons.is_empty():
        return persons
    lo = pl.max_horizontal(pl.col("start") - 9, pl.col("sent_start")).clip(lower_bound=0)
    before = pl.col("text").str.slice(lo, pl.col("start") - lo)
    back = before.str.extract(_INITIALS_BEFORE, 1).str.len_chars().cast(pl.Int64).fill_null(0)
    joined = persons.join(prep.select("article_id", "text"), on="article_id", how="left")
    return joined.with_columns((pl.col("start") - back).alias("start")).drop("text")


def _office_pairs(prep, sents, lexicons, ref, persons: pl.DataFrame) -> pl.DataFrame:
    """Every title tied to a person of the pack (``person_id``) or to a name the pack does not
    know (``person_id`` null): the claim's span, the person's (p_start, p_end) and the title's."""
    titles = attach_sentence(_titles(prep, lexicons, ref), sents)
    titles = _title_markers(titles, prep, lexicons)
    leads = _lead_predicates(prep, sents, lexicons, ref, persons)
    if titles.is_empty():
        return leads
    rx = derived_all(lexicons, "office_patterns", _build_office_patterns)
    psent = _with_initials(attach_sentence(persons, sents), prep).select(
        "article_id", pl.col("start").alias("p_start"), pl.col("end").alias("p_end"), "person_id", pl.col("sent_no").alias("p_sent"),
    )
    pairs = titles.with_row_index("_tid").join(psent, on="article_id", how="inner").filter(pl.col("p_sent") == pl.col("sent_no"))
    after = (pl.col("p_start") >= pl.col("end")) & (pl.col("p_start") - pl.col("end") <= 80)
    # Name first, up to 80 characters apart for a holding phrase or a time next to a copula
    # ("Mark Rutte, who succeeded Jens Stoltenberg as ..."), 30 after a bare comma.
    before = (pl.col("p_end") <= pl.col("start")) & (pl.col("start") - pl.col("p_end") <= 80)
    near = pl.col("start") - pl.col("p_end") <= 30
    # (Up to 160 apart for a subject left out after a conjunction, ``_elided_subjects``.)
    far_before = (pl.col("p_end") <= pl.col("start")) & (pl.col("start") - pl.col("p_end") <= 160)
    pairs = pairs.filter(after | far_before).join(prep.select("article_id", "text"), on="article_id", how="left")
    gap_after = pl.col("text").str.slice(pl.col("end"), pl.col("p_start") - pl.col("end"))
    gap_before = pl.col("text").str.slice(pl.col("p_end"), pl.col("start") - pl.col("p_end"))
    pairs = pairs.with_columns(
        pl.when(after).then(gap_after).alias("_ga"),
        pl.when(before).then(gap_before).alias("_gb"),
        pl.when(far_before & ~before).then(gap_before).alias("_gfar"),
    ).with_columns(fold_cased(pl.col("_ga")).alias("_gaf"), fold_cased(pl.col("_gb")).alias("_gbf"))
    # Not across a conjunction: "il ministro e Sergej Lavrov" is the minister and Lavrov.
    framed = before & pl.col("_gbf").str.contains(rx["framed"])
    # Past holdings, name first: "is no longer", "left the post of", "who was ... (until)".
    no_longer = before & pl.col("_gbf").str.contains(rx["no_longer"])
    ended = before & pl.col("_gbf").str.contains(rx["ended"])
    ended_framed = before & pl.col("_gbf").str.contains(rx["ended_framed"])
    past = before & pl.col("_gbf").str.contains(rx["past_holding"])
    past_framed = before & pl.col("_gbf").str.contains(rx["past_framed"])
    known = pairs.with_columns(
        (after & (pl.col("_gaf").str.contains(rx["gap_ok"]) | pl.col("_ga").str.contains(rx["apposition_o"])) & ~pl.col("_gaf").str.contains(rx["conjunction_last"])).alias("_after"),
        (before & (near & pl.col("_gb").str.contains(rx["comma_before_o"]) | pl.col("_gbf").str.contains(rx["holding"]) | framed
                   | no_longer | ended | ended_framed | past | past_framed)).alias("_before"),
        framed.alias("_framed"),
        (no_longer | ended | ended_framed | past | past_framed).alias("is_negated"),
        (past | past_framed).alias("_needs_end"),
        pl.when(ended_framed).then(pl.lit("ended_after")).when(past_framed).then(pl.lit("past_after")).alias("_framed_past"),
    )
    # Copular claims hold only when the name (title first) or the title (name first) ends the
    # clause. The copula as written is looked for first: the other patterns run on those rows only.
    known = known.with_columns(
        (after & ~pl.col("_after") & pl.col("_ga").str.contains(rx["copula_after_o"])).alias("_ca"),
        (before & ~pl.col("_before") & (pl.col("_gb").str.contains(rx["copula_before_o"]) | pl.col("_gb").str.contains(rx["current_before_o"]))).alias("_cb"),
    )
    copular = known.filter(pl.col("_ca")).with_columns((pl.col("_gaf").str.contains(rx["copula_after"]) & _ends_clause("p_end", rx)).alias("_after"))
    known = pl.concat([known.filter(~pl.col("_ca")), copular])
    known = known.filter(pl.col("_after") | pl.col("_before") | pl.col("_cb")).with_columns(
        pl.when(pl.col("_after")).then(pl.col("p_start") - pl.col("end")).otherwise(pl.col("start") - pl.col("p_end")).alias("_dist"),
    )
    # Name first, the claim runs to the end of the title's wording, not of its head: "Andréi
    # Belousov, actual ministro de Defensa" (only "ministro" is a pack wording or title head).
    title_end = pl.when(pl.col("p_end") <= pl.col("start")).then(_continued_title_end(rx)).otherwise(pl.col("end"))
    known = known.with_columns(title_end.alias("_title_end"))
    if not known.is_empty():
        known = known.filter(~pl.col("_cb") | _ends_clause("_title_end", rx))
    # "der das Amt des Verteidigungsministers innehat": the verb must follow the title.
    framed_end = fold_cased(pl.col("text").str.slice(pl.col("_title_end"), 30)).str.contains(rx["framed_after"])
    known = known.filter(~pl.col("_framed") | framed_end)
    # "der als Verteidigungsminister zurücktrat": a framed past holding's verb follows the title too.
    after_title = fold_cased(pl.col("text").str.slice(pl.col("_title_end"), 30))
    known = known.filter(
        pl.col("_framed_past").is_null()
        | (pl.col("_framed_past") == "ended_after") & after_title.str.contains(rx["ended_after"])
        | (pl.col("_framed_past") == "past_after") & after_title.str.contains(rx["past_after"])
    )
    known = known.sort("_tid", "_dist").group_by("_tid", maintain_order=True).first()
    known = known.sort("article_id", "p_start", "_dist").group_by("article_id", "p_start", maintain_order=True).first()
    known = _narrow_offices(known, ref)
    known = known.with_columns(
        pl.min_horizontal("start", "p_start").alias("span_start"),
        pl.max_horizontal("_title_end", "p_end").alias("span_end"),
        pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("title_text"),
        pl.col("text").str.slice(pl.col("p_start"), pl.col("p_end") - pl.col("p_start")).alias("person_text"),
    )
    known = pl.concat([known, _contrasted(known, titles, rx)], how="diagonal_relaxed")
    known = pl.concat([known, _elided_subjects(pairs, known, rx)], how="diagonal_relaxed")
    # Titles not tied to a known name, with the text.
    untied = titles.with_row_index("_tid").join(known.select("_tid"), on="_tid", how="anti")
    untied = untied.join(prep.select("article_id", "text"), on="article_id", how="left")
    unknown = untied.with_columns(fold_cased(pl.col("text").str.slice(pl.col("end"), 160)).alias("_following"))
    unknown = unknown.with_columns(extract_groups(pl.col("_following"), rx["unknown"]).alias("_found")).unnest("_found")
    # At most eight words between the title and the comma (written as a bound, the pattern
    # would repeat the title words eight times and exceed the regex size limit).
    u1 = pl.when(pl.col("g1").str.count_matches(" ", literal=True) <= 8).then(pl.col("u1"))
    # The third form: title words then the name, or a copula (as written) then the name ending
    # the clause.
    copula_o = pl.col("text").str.slice(pl.col("end") + pl.col("g3").str.len_chars(), pl.col("c3").str.len_chars()).str.contains(rx["copula_o"])
    u3 = pl.when(
        pl.when(pl.col("c3").is_null()).then((pl.col("g3") != "") & pl.col("e3").str.contains(rx["loose_end"]))
        .otherwise(copula_o & pl.col("e3").str.contains(rx["copula_end"]))
    ).then(pl.col("u3"))
    unknown = unknown.with_columns(
        pl.coalesce(u1, "u2", u3).alias("_name"),
        pl.coalesce(pl.when(u1.is_not_null()).then(pl.col("g1")), pl.when(u3.is_not_null()).then(pl.col("g3")), pl.lit("")).alias("_gap"),
    ).filter(pl.col("_name").is_not_null())
    # The name is searched after the title's words (offsets are the same in the folded text).
    gap_len = pl.col("_gap").str.len_chars()
    unknown = unknown.with_columns(
        (pl.col("end") + gap_len + char_index(pl.col("_following").str.slice(gap_len), pl.col("_name"))).alias("p_start")
    )
    # A "name" that is really the start of a pack alias would have matched above; keep the rest.
    # The title is read up to the name: 'Marco Rubio is not in the reference pack, so the title
    # "segretario di Stato americano" cannot be checked.'
    unknown = unknown.with_columns(
        (pl.col("p_start") + pl.col("_name").str.len_chars()).alias("p_end"),
        pl.lit(None, pl.String).alias("person_id"),
        pl.col("start").alias("span_start"),
        pl.col("text").str.slice(pl.col("p_start"), pl.col("_name").str.len_chars()).alias("person_text"),
        pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start") + gap_len).alias("title_text"),
    ).with_columns(pl.col("p_end").alias("span_end"))
    cols = ["article_id", "span_start", "span_end", "person_id", "person_text", "title_text", "office_candidates"]
    unknown = unknown.select(*cols, "p_start", "p_end", pl.col("start").alias("title_start"), (pl.col("end") + gap_len).alias("title_end"))
    unknown = pl.concat([unknown, _unknown_name_first(untied, unknown, rx)], how="vertical_relaxed")
    # A name the pack knows is never an unknown person: the pairing above turned it down.
    overlapping = unknown.select("article_id", "p_start", "p_end").join(persons.select("article_id", pl.col("start").alias("_ks"), pl.col("end").alias("_ke")), on="article_id", how="inner") \
        .filter((pl.col("_ks") < pl.col("p_end")) & (pl.col("_ke") > pl.col("p_start"))).select("article_id", "p_start").unique()
    unknown = unknown.join(overlapping, on=["article_id", "p_start"], how="anti")
    # Nor is a known person's genitive ("Der Außenminister ist Sergej Lawrows Vertrauter").
    persons_ids = ref["entities"].filter(pl.col("kind") == "person").select("entity_id")
    single = ref["entity_aliases"].join(persons_ids, on="entity_id", how="semi").filter(~pl.col("alias_norm").str.contains(" ", literal=True))
    genitives = pl.concat([single["alias_norm"] + "s", single["alias_norm"] + " s"]).unique()
    if not genitives.is_empty():
        words_of_name = _collapsed(fold(pl.col("person_text")).str.replace_all(_SPACE, " "))
        unknown = unknown.filter(~words_of_name.str.contains_any((" " + genitives + " ").to_list()))
    positions = ["p_start", "p_end", "title_start", "title_end"]
    past = ["is_negated", "needs_end"]
    known = known.with_columns(pl.col("is_negated").fill_null(False), pl.col("_needs_end").fill_null(False).alias("needs_end"))
    unknown = unknown.with_columns(pl.lit(False).alias("is_negated"), pl.lit(False).alias("needs_end"))
    both = pl.concat([known.select(*cols, "p_start", "p_end", pl.col("start").alias("title_start"), pl.col("_title_end").alias("title_end"), *past), unknown.select(*cols, *positions, *past)], how="vertical_relaxed")
    both = both.select(list(_PAIR_SCHEMA)).cast(_PAIR_SCHEMA)
    # A lead predicate whose person a title already ties stays out ("Rutte, NATO chief, leads NATO").
    return pl.concat([both, leads.join(both.select("article_id", "p_start"), on=["article_id", "p_start"], how="anti")])


# Words of an organisation's name compared on their first letters, so a case ending does not
# tell them apart ("Совбез" / "Совбеза" / "Совбезом", "Alliance" / "Allianz").
ORG_STEM = 5
# The longest organisation name, in words, read after a lead verb.
ORG_MAX_WORDS = 4


def _stem_key(words: pl.Expr) -> pl.Expr:
    """A list of matching-space words as one key: each cut to ``ORG_STEM`` letters."""
    return words.list.eval(pl.element().str.slice(0, ORG_STEM)).list.join(" ")


def _office_bodies(ref, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """The bodies the pack's offices lead, as keys (``_stem_key``) -> office_id: every run of
    words that ends an office wording after a connector ("secretary general of | nato",
    "секретарь | совбеза") or opens it before a title head ("nato | chief", "security council |
    secretary"), and every alias of a pack organisation that is such a run ("Alianza Atlántica"
    for the OTAN's secretary general)."""
    heads = {norm_str(h) for lex in lexicons.values() for h in lex.title_heads} - {""}
    links = {norm_str(w) for lex in lexicons.values() for w in lex.owner_connectors + lex.name_connectors + lex.determiners} - {""}
    words = ref["office_aliases"].select("office_id", pl.col("alias_norm").str.split(" ").alias("w")).unique()
    rows = []
    for office_id, ws in words.iter_rows():
        for k in range(1, len(ws)):
            tail, lead = ws[k:], ws[:k]
            if len(tail) <= ORG_MAX_WORDS and (ws[k - 1] in links or " ".join(lead) in heads):
                rows.append((office_id, tail))
            head, rest = ws[:k], ws[k:]
            if len(head) <= ORG_MAX_WORDS and " ".join(rest) in heads:
                rows.append((office_id, head))
    bodies = pl.DataFrame(rows, schema={"office_id": pl.String, "w": pl.List(pl.String)}, orient="row")
    orgs = ref["entities"].filter(pl.col("kind") == "organisation").select("entity_id")
    org_aliases = ref["entity_aliases"].join(orgs, on="entity_id", how="semi").select("entity_id", pl.col("alias_norm").str.split(" ").alias("w"))
    keyed = bodies.select("office_id", _stem_key(pl.col("w")).alias("key"))
    aliases = org_aliases.select("entity_id", _stem_key(pl.col("w")).alias("key"))
    # An organisation whose alias is a body of an office leads through all its aliases.
    led = aliases.join(keyed, on="key").select("entity_id", "office_id").unique()
    return pl.concat([keyed, aliases.join(led, on="entity_id").select("office_id", "key")]).unique()


def _lead_plan(lex: Lexicon) -> str | None:
    """Over matching-space text: a ``lead_verbs`` word and up to ``ORG_MAX_WORDS`` words after
    it (determiners and connectors included), no punctuation between."""
    verbs = alternation([w for w in map(norm_str, lex.lead_verbs) if w])
    return rf"(?:{verbs})(?: [\p{{L}}\p{{N}}]+){{1,{ORG_MAX_WORDS + 2}}}" if verbs else None


def _lead_predicates(prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon], ref, persons: pl.DataFrame) -> pl.DataFrame:
    """Office claims made by a verb of leading and the body led: "Rutte leads NATO", "Shoigu
    now runs the Security Council", "Шойгу возглавляет Совбез", "Rutte dirige l'Otan", "Rutte
    encabeza la OTAN" (``lead_verbs``). The body is the longest run of words after the verb
    (after its determiners and connectors) that is a body one office of the pack leads
    (``_office_bodies``), or a ``treaty_body_words`` noun ("leads the alliance") standing for
    the pack organisation named last before it in the article. The person is a pack person
    right before the verb (a ``current_markers`` word may stand between). Rows as
    ``_office_pairs`` gives them; title_text is the verb and the body."""
    empty = pl.DataFrame(schema=_PAIR_SCHEMA)
    if persons.is_empty() or not any(lex.lead_verbs for lex in lexicons.values()):
        return empty
    parts = []
    for code, part in prep.group_by("language"):
        lex = lexicons.get(code[0])
        pattern = derived(lex, "lead_plan", _lead_plan) if lex is not None else None
        if pattern is None:
            continue
        found = find_words(part, pattern, text_col="ms")
        if found.is_empty():
            continue
        verbs = alternation([w for w in map(norm_str, lex.lead_verbs) if w])
        current = [w for w in map(norm_str, lex.current_markers) if w]
        bodies = [w for w in map(norm_str, lex.treaty_body_words) if w]
        parts.append(found.with_columns(
            pl.col("match").str.extract(rf"^((?:{verbs}))").str.len_chars().alias("_vlen"),
            pl.lit(rf"^[ ]*(?:(?:{alternation(current)})[ ]+)?$" if current else r"^[ ]*$").alias("_gap_rx"),
            pl.lit(rf"^(?:{alternation(bodies)})" if bodies else "^$").alias("_body_rx"),
        ))
    if not parts:
        return empty
    found = pl.concat(parts).with_row_index("_lid")
    # The words after the verb, its determiners and connectors left out, as 1 to 4 word keys.
    links = pl.DataFrame(
        [(lex.language, w) for lex in lexicons.values() for w in {norm_str(x) for x in lex.determiners + lex.owner_connectors + lex.name_connectors} - {""}],
        schema={"language": pl.String, "w": pl.String}, orient="row",
    ).with_columns(pl.lit(True).alias("_is_link"))
    words = found.join(prep.select("article_id", "language"), on="article_id", how="left").select(
        "_lid", "language", pl.col("match").str.slice(pl.col("_vlen")).str.strip_chars().str.split(" ").alias("w"),
    )
    words = words.explode("w").with_columns(pl.int_range(pl.len()).over("_lid").alias("_i"))
    # (Connectors are single words in the matching space: "de l" is "de" and "l".)
    links = links.with_columns(pl.col("w").str.split(" ")).explode("w").unique()
    words = words.join(links, on=["language", "w"], how="left").sort("_lid", "_i").with_columns(
        (~pl.col("_is_link").fill_null(False)).cum_sum().over("_lid").alias("_content"),
    ).filter(pl.col("_content") > 0)
    seq = words.group_by("_lid").agg(pl.col("w").sort_by("_i"))
    keys = seq.with_columns(pl.int_ranges(1, pl.min_horizontal(pl.col("w").list.len(), pl.lit(ORG_MAX_WORDS)) + 1).alias("_k")).explode("_k")
    keys = keys.with_columns(_stem_key(pl.col("w").list.head(pl.col("_k"))).alias("key"), pl.col("w").list.head(pl.col("_k")).list.join(" ").alias("_said"))
    offices = _office_bodies(ref, lexicons)
    direct = keys.join(offices, on="key").select("_lid", "_k", "office_id", "_said")
    # "leads the alliance": the organisation named last before it.
    body = keys.filter(pl.col("_k") == 1).join(found.select("_lid", "_body_rx", "article_id", "start"), on="_lid").filter(pl.col("w").list.first().str.contains(pl.col("_body_rx")))
    via_body = pl.DataFrame(schema={"_lid": pl.UInt32, "_k": pl.Int64, "office_id": pl.String, "_said": pl.String})
    if not body.is_empty():
        orgs = ref["entities"].filter(pl.col("kind") == "organisation").select("entity_id")
        named = find_aliases(prep, ref["entity_aliases"].join(orgs, on="entity_id", how="semi"), "entity_id")
        last = body.join(named.select("article_id", pl.col("start").alias("_os"), "entity_id"), on="article_id").filter(pl.col("_os") < pl.col("start"))
        last = last.sort("_os").group_by("_lid").last()
        org_keys = ref["entity_aliases"].select("entity_id", _stem_key(pl.col("alias_norm").str.split(" ")).alias("key"))
        led = org_keys.join(offices, on="key").select("entity_id", "office_id").unique()
        via_body = last.join(led, on="entity_id").select("_lid", pl.col("_k").cast(pl.Int64), "office_id", "_said")
    hits = pl.concat([direct.with_columns(pl.col("_k").cast(pl.Int64)), via_body], how="vertical_relaxed")
    if hits.is_empty():
        return empty
    longest = hits.filter(pl.col("_k") == pl.col("_k").max().over("_lid"))
    chosen = longest.group_by("_lid").agg(pl.col("office_id").unique().sort().str.join(",").alias("office_candidates"), pl.col("_said").first())
    chosen = chosen.join(found.select("_lid", "article_id", "start", "match", "_gap_rx"), on="_lid")
    # The claim's title runs from the verb to the last word of the body.
    chosen = chosen.with_columns((pl.col("start") + char_index(pl.col("match"), pl.col("_said")) + pl.col("_said").str.len_chars()).alias("title_end"))
    psent = attach_sentence(persons, sents).select("article_id", pl.col("start").alias("p_start"), pl.col("end").alias("p_end"), "person_id", pl.col("sent_no").alias("p_sent"))
    tsent = attach_sentence(chosen, sents).select("_lid", "sent_no")
    pairs = chosen.join(tsent, on="_lid").join(psent, on="article_id").filter(
        (pl.col("p_sent") == pl.col("sent_no")) & (pl.col("p_end") <= pl.col("start")) & (pl.col("start") - pl.col("p_end") <= 40),
    ).join(prep.select("article_id", "text", "ms"), on="article_id", how="left")
    gap = pl.col("ms").str.slice(pl.col("p_end"), pl.col("start") - pl.col("p_end"))
    pairs = pairs.filter(gap.str.contains(pl.col("_gap_rx")) & pl.col("person_id").is_not_null())
    if pairs.is_empty():
        return empty
    pairs = pairs.sort("_lid", "p_start").group_by("_lid").last()
    return pairs.select(
        "article_id", pl.col("p_start").alias("span_start"), pl.col("title_end").alias("span_end"), "person_id",
        pl.col("text").str.slice(pl.col("p_start"), pl.col("p_end") - pl.col("p_start")).alias("person_text"),
        pl.col("text").str.slice(pl.col("start"), pl.col("title_end") - pl.col("start")).alias("title_text"),
        "office_candidates", "p_start", "p_end", pl.col("start").alias("title_start"), "title_end",
        pl.lit(False).alias("is_negated"), pl.lit(False).alias("needs_end"),
    ).cast(_PAIR_SCHEMA)


def _elided_subjects(pairs: pl.DataFrame, known: pl.DataFrame, rx: dict[str, str]) -> pl.DataFrame:
    """A title after a conjunction (or a semicolon) and a copula whose subject is left out, tied
    to the person who opens the sentence: "Shoigu left the ministry in May and is now Secretary
    of the Security Council", "Shoigu ha lasciato quell'incarico a maggio 2024; oggi è
    segretario del Consiglio di sicurezza". Only when no other person of the pack stands
    between, the title is tied to no one yet (``known``) and it ends the clause."""
    gap = pl.coalesce("_gb", "_gfar")
    name_first = pairs.filter(pl.col("p_end") <= pl.col("start"))
    # The person nearest before the title in its sentence, and the first of the sentence.
    name_first = name_first.with_columns(
        (pl.col("p_end") == pl.col("p_end").max().over("_tid")).alias("_nearest"),
        pl.col("text").str.slice(pl.col("sent_start"), (pl.col("p_start") - pl.col("sent_start")).clip(lower_bound=0)).alias("_lead_in"),
    )
    found = name_first.filter(
        pl.col("_nearest") & gap.str.contains(rx["elided_o"]) & pl.col("_lead_in").str.contains(rx["subject_lead"])
    ).join(known.select("_tid"), on="_tid", how="anti")
    if found.is_empty():
        return known.head(0)
    found = found.with_columns(pl.col("end").alias("_title_end")).with_columns(_continued_title_end(rx).alias("_title_end"))
    found = found.filter(_ends_clause("_title_end", rx))
    return found.with_columns(
        pl.col("p_start").alias("span_start"),
        pl.col("_title_end").alias("span_end"),
        pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("title_text"),
        pl.col("text").str.slice(pl.col("p_start"), pl.col("p_end") - pl.col("p_start")).alias("person_text"),
        pl.lit(False).alias("is_negated"), pl.lit(False).alias("_needs_end"),
        (pl.col("start") - pl.col("p_end")).alias("_dist"),
    ).drop("_nearest", "_lead_in")


def _contrasted(known: pl.DataFrame, titles: pl.DataFrame, rx: dict[str, str]) -> pl.DataFrame:
    """The title after a past holding and a contrast word, tied to the same person as a present
    holding: "Schoigu ist nicht mehr Verteidigungsminister, sondern Sekretär des
    Sicherheitsrats", "Shoigu is no longer defence minister but secretary of the Security
    Council" (``known``: the tied pairs, with text; ``titles``: every title, in order)."""
    negated = known.filter(pl.col("is_negated") & (pl.col("p_end") <= pl.col("start")))
    if negated.is_empty():
        return known.head(0)
    found = negated.select(
        "article_id", "p_start", "p_end", "person_id", "text", "sent_no", "_dist", pl.col("_title_end").alias("_neg_end"),
    ).join(titles.with_row_index("_tid"), on=["article_id", "sent_no"], how="inner").filter(
        (pl.col("start") >= pl.col("_neg_end")) & (pl.col("start") - pl.col("_neg_end") <= 40)
    ).filter(
        fold_cased(pl.col("text").str.slice(pl.col("_neg_end"), pl.col("start") - pl.col("_neg_end"))).str.contains(rx["contrast"])
    )
    found = found.with_columns(_continued_title_end(rx).alias("_title_end"), pl.lit(False).alias("is_negated"), pl.lit(False).alias("_needs_end"))
    return found.with_columns(
        pl.col("p_start").alias("span_start"),
        pl.col("_title_end").alias("span_end"),
        pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("title_text"),
        pl.col("text").str.slice(pl.col("p_start"), pl.col("p_end") - pl.col("p_start")).alias("person_text"),
    ).drop("_neg_end")


# --------------------------------------------------------------------------- quotes

# « » (French, Spanish, Italian, Portuguese, Russian), “ ” (English), „ “ (German, Russian
# nested), ‹ ›, straight quotes, dialogue dashes, and the German reversed » «. Guillemets come
# first, so in a French text "» …, dit-il, «" is never read as a reversed quote.
QUOTE_PATTERN = (
    r"«(?P<q1>[^«»]{8,}?)»|“(?P<q2>[^“”]{8,}?)[”“]|„(?P<q3>[^„“”]{8,}?)[“”]|‹(?P<q4>[^‹›]{8,}?)›"
    r"|\"(?P<q5>[^\"\n]{8,}?)\"|(?m:^[ \t]*[—–―][ \t]*(?P<q6>[^—–―\n]{8,}?)[ \t]*(?:[—–―]|$))"
    r"|»(?P<q7>[^«»\n]{8,}?)«"
)
QUOTE_GROUPS = 7


# "— Первая часть, — говорит Смирнов. — Вторая часть.": the words after the speaker's remark
# on a dialogue line are a quote too.
DIALOGUE_DASHES = "—–―"
DIALOGUE_CONTINUATION = rf"(?m)^[ \t]*[{DIALOGUE_DASHES}][^{DIALOGUE_DASHES}\n]+[{DIALOGUE_DASHES}][^{DIALOGUE_DASHES}\n]+?[.,:][ \t]*[{DIALOGUE_DASHES}][ \t]*(?P<c>[^{DIALOGUE_DASHES}\n]{{8,}}?)[ \t]*$"


def _dialogue_continuations(prep: pl.DataFrame) -> pl.DataFrame:
    schema = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "match": pl.String, "quote_text": pl.String, "q_start": pl.Int64, "q_end": pl.Int64}
    # Only texts with a dash can hold a dialogue line (a few percent of them): the others are
    # not searched.
    found = find_all(prep.filter(pl.col("text").str.contains_any(list(DIALOGUE_DASHES))), DIALOGUE_CONTINUATION, text_col="text")
    if found.is_empty():
        return pl.DataFrame(schema=schema)
    found = found.with_columns(pl.col("match").str.extract(DIALOGUE_CONTINUATION, 1).alias("_c"))
    trail = pl.col("match").str.len_chars() - pl.col("match").str.strip_chars_end().str.len_chars()
    out = found.filter(pl.col("_c").is_not_null()).with_columns(
        (pl.col("end") - trail - pl.col("_c").str.len_chars()).cast(pl.Int64).alias("q_start"),
        pl.col("_c").alias("quote_text"),
    ).with_columns((pl.col("q_start") + pl.col("quote_text").str.len_chars()).alias("q_end"))
    return out.select(list(schema)).cast(schema)


def _quote_spans(found: pl.DataFrame) -> pl.DataFrame:
    """QUOTE_PATTERN matches -> the quoted words and their offsets (q_start, q_end)."""
    groups = found.with_columns(extract_groups(pl.col("match"), f"^(?:{QUOTE_PATTERN})$").alias("g")).unnest("g")
    inner = pl.coalesce(*(pl.col(f"q{i}") for i in range(1, QUOTE_GROUPS + 1) if f"q{i}" in groups.columns))
    quotes = groups.with_columns(inner.alias("_raw")).filter(pl.col("_raw").is_not_null())
    # The quoted words without the marks and without the spaces French puts inside « ».
    lead = pl.col("_raw").str.len_chars() - pl.col("_raw").str.strip_chars_start().str.len_chars()
    quotes = quotes.with_columns(
        (pl.col("start") + char_index(pl.col("match"), pl.col("_raw")) + lead).cast(pl.Int64).alias("q_start"),
        # A comma before the closing mark ("…forces," Putin said) is the writer's, not the speaker's.
        pl.col("_raw").str.strip_chars().str.strip_chars_end(" ,;:\u00a0\u202f").alias("quote_text"),
    ).with_columns((pl.col("q_start") + pl.col("quote_text").str.len_chars()).alias("q_end")).drop("_raw")
    # An interviewer's question on a dialogue line ("—¿Qué dijo Moscú?") is not a claim.
    quotes = quotes.filter(~(pl.col("match").str.contains(r"^[ \t]*[—–―]") & pl.col("quote_text").str.ends_with("?")))
    return quotes.select("article_id", "start", "end", "match", "quote_text", "q_start", "q_end")


def _within(frame: pl.DataFrame, outer: pl.DataFrame, *, overlapping: bool = False) -> pl.DataFrame:
    """The (article_id, start) of the spans of ``frame`` inside a span of ``outer`` (or, with
    ``overlapping``, sharing a character with one)."""
    if frame.is_empty() or outer.is_empty():
        return frame.select("article_id", "start").head(0)
    pairs = frame.select("article_id", "start", "end").join(outer.select("article_id", pl.col("start").alias("_os"), pl.col("end").alias("_oe")), on="article_id", how="inner")
    hit = (pl.col("_os") < pl.col("end")) & (pl.col("_oe") > pl.col("start")) if overlapping else (pl.col("_os") <= pl.col("start")) & (pl.col("_oe") >= pl.col("end"))
    return pairs.filter(hit).select("article_id", "start").unique()


# A quoted phrase shorter than this (a title, a name, scare quotes: 'called Kim "Chairman of the
# State Affairs Commission"', 'saluant leur « haut niveau de préparation »') is a quote claim
# only when a verb of saying in its sentence ties it to a speaker, a colon or a dialogue dash
# introduces it, or it reads as a sentence (capital first, final stop).
QUOTE_UNTIED_MIN_WORDS = 10
# How far after a verb of thanking, praising or addressing (``Lexicon.addressee_verbs``) its
# object's name may start ("agradeció al líder norcoreano, Kim Jong-un").
OBJECT_REACH = 45
# Verbs of saying found within these many characters before (after) the quote are its own: the
# gap must hold no other quote mark.
_QUOTE_VERB_GAP = r"^[^«»“”„\"‹›]*$"


def _word_starts(prep: pl.DataFrame, lexicons: dict[str, Lexicon], field: str) -> pl.DataFrame:
    """Matches (article_id, start, end, match) in the match-space text of the words starting with
    a lexicon list's entries (``speech_verbs``, ``addressee_verbs``), each language its own."""
    found = []
    for code, lex in lexicons.items():
        words = [w for w in getattr(lex, field) if norm_str(w)]
        sub = prep.filter(pl.col("language") == code)
        if sub.is_empty() or not words:
            continue
        pattern = r"(?:" + "|".join(" +".join(re.escape(w) for w in norm_str(v).split()) for v in sorted(words, key=len, reverse=True)) + r")[\p{L}]*"
        # find_words spells the word start out: a Unicode \b keeps the regex engine off its fast DFA.
        found.append(find_words(sub, pattern, text_col="ms"))
    return pl.concat(found) if found else pl.DataFrame(schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "match": pl.String})


def _tied_quotes(quotes: pl.DataFrame, verbs: pl.DataFrame, naming: pl.DataFrame, persons: pl.DataFrame, prep: pl.DataFrame, subjects: pl.DataFrame) -> pl.DataFrame:
    """The quotes that are claims: those of ``QUOTE_UNTIED_MIN_WORDS`` words or more, and shorter
    ones that a verb of saying of their sentence ties to a speaker (before the quote, in the same
    sentence; or after it, before the sentence ends), that a colon or a dialogue dash
    introduces, that open their line (a headline: '"Pyongyang has been paid": an interview
    with ...') or that read as a sentence. A verb of thanking or praising right before the quote
    takes it as its object and ties it only when its sentence names who praises before the
    verb (``subjects``: a pack person or an office wording: "El presidente ruso también alabó
    el «heroísmo y el alto nivel de entrenamiento»" are his words; "He also praised "the Korean
    special forces"" names nobody, and the person of an earlier sentence would take it); a
    verb of naming (``naming``) ties it unless a person is named between them (then the quote
    is the person's title)."""
    if quotes.is_empty():
        return quotes
    short = quotes.filter(pl.col("_clean").str.count_matches(r"[\p{L}\p{N}]+") < QUOTE_UNTIED_MIN_WORDS)
    if short.is_empty():
        return quotes
    text = short.join(prep.select("article_id", "text"), on="article_id", how="left")
    before = pl.col("text").str.slice((pl.col("start") - 3).clip(lower_bound=0), pl.col("start") - (pl.col("start") - 3).clip(lower_bound=0))
    line_start = pl.col("text").str.slice(0, pl.col("start")).str.contains(r"(?:^|\n)[ \t]*$")
    introduced = before.str.contains(":") | pl.col("match").str.contains(r"^[ \t]*[—–―]") | line_start
    sentence_like = pl.col("_clean").str.contains(r"^\p{Lu}") & pl.col("quote_text").str.contains(r"[.!?…]$")
    free = text.filter(introduced | sentence_like).select("article_id", "q_start", "q_end")
    pairs = text.select("article_id", "start", "end", "q_start", "q_end", "sent_start", "text").join(
        verbs.select("article_id", pl.col("start").alias("v_start"), pl.col("end").alias("v_end"), "is_addressee"), on="article_id", how="inner",
    )
    ahead = (pl.col("v_start") >= pl.col("sent_start")) & (pl.col("v_end") <= pl.col("start"))
    behind = (pl.col("v_start") >= pl.col("end")) & (pl.col("v_start") - pl.col("end") <= 80)
    # Right after a verb of thanking or praising (at most three words between, other quoted
    # words aside: "saluant leur « héroïsme » et leur « … »") the quote is the verb's object.
    object_gap = pl.col("text").str.slice(pl.col("v_end"), (pl.col("start") - pl.col("v_end")).clip(lower_bound=0)).str.replace_all(r"[«“„\"][^«»“”„\"]*[»”“\"]", " ").str.count_matches(r"[\p{L}\p{N}]+") <= 3
    pairs = pairs.filter(ahead | behind).with_columns(
        pl.when(behind).then(pl.col("text").str.slice(pl.col("end"), (pl.col("v_start") - pl.col("end")).clip(lower_bound=0))).alias("_after"),
        (ahead & pl.col("is_addressee") & object_gap).alias("_object_gap"),
    )
    # The praiser named in the quote's sentence before the verb.
    praised = pairs.filter(ahead & pl.col("_object_gap")).select("article_id", "q_start", "q_end", "sent_start", "v_start").join(
        subjects.select("article_id", pl.col("start").alias("_ss")), on="article_id", how="inner",
    ).filter((pl.col("_ss") >= pl.col("sent_start")) & (pl.col("_ss") < pl.col("v_start"))).select("article_id", "q_start", "q_end", "v_start").unique()
    pairs = pairs.join(praised.with_columns(pl.lit(True).alias("_praiser")), on=["article_id", "q_start", "q_end", "v_start"], how="left")
    tied = pairs.filter(
        (ahead & (~pl.col("_object_gap") | pl.col("_praiser").fill_null(False)))
        | (behind & ~pl.col("_after").str.contains(r"[.!?…\n«»“”„\"]"))
    ).select("article_id", "q_start", "q_end")
    named = text.select("article_id", "start", "q_start", "q_end", "sent_start").join(
        naming.select("article_id", pl.col("start").alias("v_start"), pl.col("end").alias("v_end")), on="article_id", how="inner",
    ).filter((pl.col("v_start") >= pl.col("sent_start")) & (pl.col("v_end") <= pl.col("start")))
    titled = named.join(persons.select("article_id", pl.col("start").alias("_ps"), pl.col("end").alias("_pe")), on="article_id", how="inner").filter(
        (pl.col("_ps") >= pl.col("v_end")) & (pl.col("_pe") <= pl.col("start")),
    ).select("article_id", "q_start", "q_end", "v_start")
    named = named.join(titled, on=["article_id", "q_start", "q_end", "v_start"], how="anti").select("article_id", "q_start", "q_end")
    tied = pl.concat([tied, named])
    drop = short.select("article_id", "q_start", "q_end").join(pl.concat([free, tied]).unique(), on=["article_id", "q_start", "q_end"], how="anti")
    return quotes.join(drop, on=["article_id", "q_start", "q_end"], how="anti")


def _descriptor_speakers(descriptors: pl.DataFrame, prep: pl.DataFrame, persons: pl.DataFrame, ref: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Office wordings with no name of their own ("afirmó el mandatario ruso", "the Russian leader
    said"): article_id, start, end and the person meant (``person_id``): the person named
    last before it who held one of its offices on the publication date, else the office's only
    holder that day. Wordings no holder fits are dropped."""
    schema = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "person_id": pl.String}
    holdings = ref.get("office_holdings")
    if descriptors.is_empty() or holdings is None or holdings.is_empty():
        return pl.DataFrame(schema=schema)
    cands = descriptors.select("article_id", "start", "end", pl.col("office_candidates").str.split(",").alias("office_id")).explode("office_id")
    held = cands.join(prep.select("article_id", "published_on"), on="article_id", how="left").join(
        holdings.select("person_id", "office_id", "start_on", "end_on"), on="office_id", how="inner",
    ).filter((pl.col("start_on") <= pl.col("published_on")) & (pl.col("end_on").is_null() | (pl.col("published_on") < pl.col("end_on"))))
    held = held.select("article_id", "start", "end", "person_id").unique()
    named = held.join(persons.select("article_id", pl.col("start").alias("_ps"), pl.col("end").alias("_pe"), "person_id"), on=["article_id", "person_id"], how="inner").filter(pl.col("_pe") <= pl.col("start"))
    recent = named.sort("_ps").group_by("article_id", "start", maintain_order=True).last().select("article_id", "start", "end", "person_id")
    only = held.join(recent, on=["article_id", "start"], how="anti").filter(pl.len().over("article_id", "start") == 1)
    return pl.concat([recent, only]).select(list(schema)).cast(schema)


# How far before a speaker its statement noun and connectors may start, and after it the
# possessive and the noun ("el agradecimiento de los ", "'s thanks").
_STATEMENT_READ = 40


def _statement_plan(lex: Lexicon) -> tuple[str | None, str | None]:
    """Regexes over the match-space text for a speaker that owns a statement
    (``Lexicon.statement_nouns``): the text right before it ("agradecimiento de ", "заявление ")
    and, from its last character on, the text after it ("n s thanks", "s dank")."""
    nouns = [norm_str(n) for n in lex.statement_nouns if norm_str(n)]
    if not nouns:
        return None, None
    noun = "(?:" + alternation([n.replace(" ", "[ ]") for n in nouns], escape=False) + ")"
    connectors = [norm_str(c) for c in lex.owner_connectors if norm_str(c)]
    determiners = [norm_str(d) for d in lex.determiners if norm_str(d)]
    # Words are one space apart: punctuation ("In a statement, Putin said") makes two.
    connector = f"(?:[ ](?:{alternation(connectors)}))?" if connectors else ""
    determiner = f"(?:[ ](?:{alternation(determiners)}))?" if determiners else ""
    before = rf"(?:^|[^\p{{L}}\p{{N}}]){noun}{connector}{determiner}[ ]$"
    # "'s" reads " s" after the name; German "s" may end the name itself ("Putins"). A bare
    # apostrophe ("Zelensky' ") marks nothing in the match-space text.
    marks = [norm_str(m) if m[:1].isalnum() else " " + norm_str(m) for m in lex.possessive_markers if norm_str(m)]
    after = rf"^.?(?:{alternation(marks)})[ ]{noun}(?:[^\p{{L}}\p{{N}}]|$)" if marks else None
    return before, after


def _statement_owners(psent: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """The (article_id, p_start) of the persons and office wordings of ``psent`` that own a
    statement ("el agradecimiento de Putin", "une déclaration du président russe", "Putin's
    thanks"; see ``Lexicon.statement_nouns``)."""
    people = psent.filter(pl.col("kind") == "person").select("article_id", "p_start", "p_end").unique()
    if people.is_empty():
        return people.select("article_id", "p_start")
    frame = people.join(prep.select("article_id", "language", "ms"), on="article_id", how="left")
    lead_from = (pl.col("p_start") - _STATEMENT_READ).clip(lower_bound=0)
    lead = pl.col("ms").str.slice(lead_from, pl.col("p_start") - lead_from)
    tail = pl.col("ms").str.slice((pl.col("p_end") - 1).clip(lower_bound=0), _STATEMENT_READ)

    def owns(lex: Lexicon) -> pl.Expr:
        before, after = derived(lex, "statement_plan", _statement_plan)
        hit = pl.lit(False)
        if before is not None:
            hit = hit | lead.str.contains(before)
        if after is not None:
            hit = hit | tail.str.contains(after)
        return hit

    return frame.filter(_by_language(lexicons, owns, pl.lit(False)).fill_null(False)).select("article_id", "p_start")


def extract_quotes(prep, sents, lexicons, persons: pl.DataFrame, *, ref: dict[str, pl.DataFrame] | None = None, titled: pl.DataFrame | None = None, descriptors: pl.DataFrame | None = None) -> pl.DataFrame:
    """Quotes and who speaks them: the pack person, or the name the pack does not know, that
    the quote's sentence ties to it (next to a verb of saying), else the one named before it.

    Names the pack does not know take part when tied to a verb of saying (``unknown_speakers``,
    given the pack ``ref``) or to a title (``titled``: article_id, start, end); a quote they
    speak has no ``speaker_id``, its ``speaker_text`` is the name, so it is never given to a
    pack person named earlier."""
    found = find_all(prep, QUOTE_PATTERN, text_col="text")
    if found.is_empty():
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    quotes = pl.concat([_quote_spans(found), _dialogue_continuations(prep)], how="vertical_relaxed")
    # Quotes inside quotes: a remark quoted on a dialogue line, «… „…“ …», « … "…" … ».
    nested = find_all(quotes.select("article_id", "q_start", "quote_text"), QUOTE_PATTERN, text_col="quote_text", keys=("article_id", "q_start"))
    if not nested.is_empty():
        nested = nested.with_columns((pl.col("start") + pl.col("q_start")).alias("start"), (pl.col("end") + pl.col("q_start")).alias("end")).drop("q_start")
        quotes = pl.concat([quotes, _quote_spans(nested)], how="vertical_relaxed").unique(["article_id", "q_start", "q_end"], keep="first", maintain_order=True)
    quotes = quotes.with_columns(pl.col("quote_text").str.strip_chars(" ,.;:").alias("_clean"))
    quotes = quotes.filter(pl.col("_clean").str.count_matches(r"[\p{L}\p{N}]+") >= 4)
    quotes = attach_sentence(quotes, sents).with_row_index("_qid")

    # Speech verbs, found once per language; those that name a source ("according to") and the
    # verbs whose object is a person (thank, praise) marked.
    verb_frame = _word_starts(prep, lexicons, "speech_verbs")
    sources = _word_starts(prep, lexicons, "source_phrases").select("article_id", "start", pl.lit(True).alias("is_source"))
    addressed = _word_starts(prep, lexicons, "addressee_verbs").select("article_id", "start", "end", pl.lit(True).alias("is_addressee"))
    all_verbs = pl.concat([
        verb_frame.select("article_id", "start", "end").join(sources, on=["article_id", "start"], how="left"),
        addressed.select("article_id", "start", "end", pl.lit(None, pl.Boolean).alias("is_source")),
    ]).group_by("article_id", "start").agg(pl.col("end").max(), pl.col("is_source").any()).join(
        addressed.select("article_id", "start", "is_addressee"), on=["article_id", "start"], how="left",
    ).with_columns(pl.col("is_source").fill_null(False), pl.col("is_addressee").fill_null(False))
    subjects = persons.select("article_id", "start")
    if descriptors is not None:
        subjects = pl.concat([subjects, descriptors.select("article_id", "start")])
    quotes = _tied_quotes(quotes, all_verbs, _word_starts(prep, lexicons, "naming_verbs"), persons, prep, subjects)

    person = pl.lit("person").alias("kind")
    speakers = persons.select("article_id", "start", "end", "person_id", pl.lit(False).alias("is_tied"), person)
    unknown = [unknown_speakers(prep, verb_frame, persons, ref, lexicons)] if ref is not None else []
    if titled is not None:
        unknown.append(titled.select("article_id", "start", "end", pl.lit(False).alias("is_tied")))
    orgs = organisation_speakers(prep, verb_frame, ref, lexicons) if ref is not None else pl.DataFrame(schema=ORG_SCHEMA)
    if unknown:
        unknown_frame = pl.concat(unknown).sort("is_tied", descending=True).unique(["article_id", "start"], keep="first")
        # "Foreign Ministry" (after "the Russian") is an organisation, no name of a person.
        unknown_frame = unknown_frame.join(_within(unknown_frame, orgs), on=["article_id", "start"], how="anti")
        speakers = pl.concat([speakers, unknown_frame.select("article_id", "start", "end", pl.lit(None, pl.String).alias("person_id"), "is_tied", person)])
    # An organisation that runs over a name ("Foreign Ministry Spokeswoman Maria Zakharova") is not
    # the speaker: the person is.
    orgs = orgs.join(_within(orgs, speakers, overlapping=True), on=["article_id", "start"], how="anti")
    speakers = pl.concat([speakers, orgs.select("article_id", "start", "end", pl.col("org_id").alias("person_id"), pl.lit(True).alias("is_tied"), "kind")])
    # A writing that is the subject of a verb of saying ("The post also says that "…"") speaks
    # the quote itself, unless it runs over a person or organisation ("the Kremlin statement").
    writings = source_speakers(prep, verb_frame, lexicons)
    writings = writings.join(_within(writings, speakers, overlapping=True), on=["article_id", "start"], how="anti")
    # So does a writing that runs over the office wording that owns it ("В обращении президента
    # России говорится": the president's, see ``Lexicon.statement_nouns``).
    if descriptors is not None and not descriptors.is_empty() and not writings.is_empty():
        owned = _statement_owners(descriptors.select("article_id", pl.col("start").alias("p_start"), pl.col("end").alias("p_end"), pl.lit("person").alias("kind")), prep, lexicons)
        owning = descriptors.join(owned.rename({"p_start": "start"}), on=["article_id", "start"], how="semi")
        writings = writings.join(_within(writings, owning, overlapping=True), on=["article_id", "start"], how="anti")
    speakers = pl.concat([speakers, writings.select("article_id", "start", "end", pl.lit(None, pl.String).alias("person_id"), pl.lit(True).alias("is_tied"), pl.lit("source").alias("kind"))])
    # An office wording with no name of its own ("afirmó el mandatario ruso") speaks for the
    # person it means, when a verb of saying ties it to the quote.
    if descriptors is not None and ref is not None and not descriptors.is_empty():
        meant = _descriptor_speakers(descriptors.join(_within(descriptors, speakers, overlapping=True), on=["article_id", "start"], how="anti"), prep, persons, ref)
        speakers = pl.concat([speakers.with_columns(pl.lit(False).alias("is_descriptor")), meant.select("article_id", "start", "end", "person_id", pl.lit(False).alias("is_tied"), person, pl.lit(True).alias("is_descriptor"))])
    else:
        speakers = speakers.with_columns(pl.lit(False).alias("is_descriptor"))
    psent = attach_sentence(speakers, sents).select("article_id", pl.col("start").alias("p_start"), pl.col("end").alias("p_end"), "person_id", "is_tied", "kind", "is_descriptor", pl.col("sent_no").alias("p_sent"))
    # Persons inside a quote do not speak it; inside a quote that holds a nested quote they may
    # speak only the nested one ("—Putin fue claro: «…»").
    all_q = quotes.select("article_id", pl.col("q_start").alias("qs"), pl.col("q_end").alias("qe")).unique()
    outer = all_q.join(all_q.rename({"qs": "_is", "qe": "_ie"}), on="article_id").filter(
        (pl.col("_is") >= pl.col("qs")) & (pl.col("_ie") <= pl.col("qe")) & ((pl.col("_ie") - pl.col("_is")) < (pl.col("qe") - pl.col("qs")))
    ).select("article_id", "qs", "qe").unique()
    inside = psent.join(all_q, on="article_id").filter((pl.col("p_start") >= pl.col("qs")) & (pl.col("p_end") <= pl.col("qe"))).select("article_id", "p_start", "qs", "qe")
    enclosed = inside.join(outer, on=["article_id", "qs", "qe"], how="semi")
    plain = inside.join(enclosed.select("article_id", "p_start").unique(), on=["article_id", "p_start"], how="anti")
    psent = psent.join(plain.select("article_id", "p_start").unique(), on=["article_id", "p_start"], how="anti")
    # Persons next to a speech verb ("Putin declaró", "dijo Putin", "said Putin"; an office
    # wording after its determiner: "afirmó el mandatario ruso"). After a verb of thanking or
    # praising the name is its object, not its subject.
    pv = psent.join(all_verbs.select("article_id", pl.col("start").alias("v_start"), pl.col("end").alias("v_end"), "is_source", "is_addressee"), on="article_id")
    # An office wording speaks only as the verb's plain subject ("the Russian leader said",
    # "a déclaré le président russe"), not from a clause before it ("Mark Rutte, who succeeded
    # Jens Stoltenberg as NATO secretary general in October, told ...").
    after_reach = pl.when(pl.col("is_descriptor") | pl.col("is_source")).then(5).otherwise(3)
    before_reach = pl.when(pl.col("is_descriptor")).then(6).otherwise(30)
    subject_before = (pl.col("v_start") >= pl.col("p_end")) & (pl.col("v_start") - pl.col("p_end") <= before_reach)
    subject_after = (pl.col("p_start") >= pl.col("v_end")) & (pl.col("p_start") - pl.col("v_end") <= after_reach) & ~pl.col("is_addressee")
    object_after = (pl.col("p_start") >= pl.col("v_end")) & (pl.col("p_start") - pl.col("v_end") <= OBJECT_REACH) & pl.col("is_addressee")
    pv = pv.filter(subject_before | subject_after | object_after).with_columns(
        (subject_before | subject_after).alias("_subj"), object_after.alias("_obj"), subject_before.alias("_sb"),
    )
    # Before a verb only the name closest to it is its subject ("De acordo com o Kremlin, o
    # presidente Vladimir Putin agradeceu": Putin, not the Kremlin).
    closest = pl.col("p_end") == pl.col("p_end").filter(pl.col("_sb")).max().over("article_id", "v_start")
    pv = pv.filter(~pl.col("_sb") | closest)
    # When a comma or dash opens the verb's clause (an auxiliary may follow it: ", a déclaré"),
    # a name right after the verb, nothing but punctuation between, is its subject, not the one
    # before the comma ("El mensaje de Putin fue claro, dijo Peskov": Peskov; "Putin sagte, Kim
    # habe ..." stays Putin's).
    lead_from = (pl.col("v_start") - 10).clip(lower_bound=0)
    inverted = (
        pl.col("_subj") & ~pl.col("_sb")
        & pl.col("text").str.slice(lead_from, pl.col("v_start") - lead_from).str.contains(r"[,—–][ \t]*(?:\p{L}{1,3}[ \t]+)?$")
        & ~pl.col("text").str.slice(pl.col("v_end"), (pl.col("p_start") - pl.col("v_end")).clip(lower_bound=0)).str.contains(r"[\p{L}\p{N}]")
    ).any().over("article_id", "v_start")
    pv = pv.join(prep.select("article_id", "text"), on="article_id", how="left").filter(~pl.col("_sb") | ~inverted).drop("text")
    objects = pv.filter(pl.col("_obj")).join(prep.select("article_id", "text"), on="article_id", how="left").filter(
        ~pl.col("text").str.slice(pl.col("v_end"), (pl.col("p_start") - pl.col("v_end")).clip(lower_bound=0)).str.contains(r"[.;:!?«»“”„\"\n]")
        # "«…», — поблагодарил Путин": right after a quote the verb's subject follows it.
        & ~pl.col("text").str.slice((pl.col("v_start") - 5).clip(lower_bound=0), pl.col("v_start") - (pl.col("v_start") - 5).clip(lower_bound=0)).str.contains(r"[»”“\"][ ,.—–-]*$")
    ).select("article_id", "p_start").unique()
    subjects = pv.filter(pl.col("_subj")).group_by("article_id", "p_start").agg(
        pl.lit(True).alias("has_verb"), pl.col("is_source").any().alias("_source"), pl.col("v_start").min().alias("_v"),
    )
    psent = psent.join(subjects, on=["article_id", "p_start"], how="left").with_columns(
        (pl.col("has_verb").fill_null(False) | pl.col("is_tied")).alias("has_verb"),
        # Named in an "according to" phrase ("Laut dem Kreml sagte Putin"): a source, not
        # the one who speaks.
        pl.col("_source").fill_null(False).alias("_sourced"),
    ).join(objects.join(subjects, on=["article_id", "p_start"], how="anti").with_columns(pl.lit(True).alias("_object")), on=["article_id", "p_start"], how="left").with_columns(
        pl.col("_object").fill_null(False),
    ).join(_statement_owners(psent, prep, lexicons).with_columns(pl.lit(True).alias("_stmt")), on=["article_id", "p_start"], how="left").with_columns(
        pl.col("_stmt").fill_null(False),
    )

    pairs = quotes.select("_qid", "article_id", "q_start", "q_end", "sent_no").join(psent, on="article_id")
    misplaced = pairs.select("_qid", "article_id", "q_start", "q_end", "p_start").join(enclosed, on=["article_id", "p_start"]).filter(
        (pl.col("q_start") < pl.col("qs")) | (pl.col("q_end") > pl.col("qe")) | ((pl.col("q_start") == pl.col("qs")) & (pl.col("q_end") == pl.col("qe")))
    ).select("_qid", "p_start").unique()
    pairs = pairs.join(misplaced, on=["_qid", "p_start"], how="anti")
    # A name inside the quote that holds this one reports it ("Lavrov: «Il presidente ha detto
    # che "…"»"): it comes before the names outside.
    pairs = pairs.join(enclosed.select("article_id", "p_start").unique().with_columns(pl.lit(True).alias("_inner")), on=["article_id", "p_start"], how="left").with_columns(pl.col("_inner").fill_null(False))
    # A name after the quote speaks it only within the same paragraph.
    pairs = pairs.join(prep.select("article_id", "text"), on="article_id", how="left").with_columns(
        pl.col("text").str.slice(pl.col("q_end"), (pl.col("p_start") - pl.col("q_end")).clip(lower_bound=0)).str.contains("\n").alias("_break")
    ).drop("text")
    # A name after the quote speaks it only in the sentence where the quote ends ('Claim: "…"
    # Unsupported. South Korean intelligence said …' is not the agency's claim, "… is now one
    # problem." Former NATO Secretary General Stoltenberg had said …' not Stoltenberg's).
    ends = attach_sentence(quotes.select("_qid", "article_id", (pl.col("q_end") - 1).alias("start")), sents).select("_qid", pl.col("sent_no").alias("_end_sent"))
    pairs = pairs.join(ends, on="_qid", how="left")
    # The sentence ends with the quote's own final stop ('… one problem." Former NATO …'), or
    # with one between the quote and the name that is no abbreviation ("a déclaré M. Martin").
    gap = pl.col("text").str.slice(pl.col("q_end"), (pl.col("p_start") - pl.col("q_end")).clip(lower_bound=0))
    pairs = pairs.join(prep.select("article_id", "text"), on="article_id", how="left").with_columns(
        gap.str.replace_all(r"\b\p{Lu}\p{Ll}{0,2}\.", "").str.contains(r"[.!?…]").alias("_stop"),
    ).drop("text").join(quotes.select("_qid", pl.col("quote_text").str.contains(r"[.!?…]$").alias("_final")), on="_qid", how="left")
    same = pl.col("p_sent") == pl.col("sent_no")
    near_after = (
        (pl.col("p_start") >= pl.col("q_end")) & (pl.col("p_start") - pl.col("q_end") <= 60) & ~pl.col("_break") & ~pl.col("_stop")
        & ((pl.col("p_sent") == pl.col("_end_sent")) | ~pl.col("_final"))
    )
    prev = (pl.col("p_sent") < pl.col("sent_no")) & (pl.col("p_sent") >= pl.col("sent_no") - 3)
    here = (same | near_after) & ~pl.col("_object")
    before_q = pl.col("p_end") <= pl.col("q_start")
    # The owner of a statement ("el agradecimiento de Putin: «…»", "une déclaration du président
    # russe. Extrait : « … »") speaks the quote in its sentence or the one before, unless a
    # person a verb of saying ties to it is named after it there ("Putin's message was clear,
    # Peskov said: «…»").
    voiced = (pl.col("kind") == "person") & pl.col("has_verb") & ~pl.col("_sourced") & ~pl.col("_stmt") & ~pl.col("_object") & before_q
    last_voiced = pl.col("p_start").filter(voiced).max().over("_qid", "p_sent")
    # A noun that starts like a verb of thanking ("agradecimiento de Putin") makes no object of
    # its owner.
    owner = pl.col("_stmt") & before_q & ~(last_voiced > pl.col("p_start")).fill_null(False)
    pairs = pairs.with_columns(
        (owner & same).alias("_owner_here"),
        (owner & (pl.col("p_sent") == pl.col("sent_no") - 1)).alias("_owner_prev"),
    )
    # A person or office wording that a verb of saying right after the quote ties to it ('"…",
    # escribió el presidente ruso', '«…», — написал Путин') beats an organisation, state or
    # writing named before the quote ("el Kremlin publicó: "…"").
    voice_at = pl.min_horizontal("p_start", pl.col("_v").fill_null(pl.col("p_start")))
    tail = pl.col("text").str.slice(pl.col("q_end"), (voice_at - pl.col("q_end")).clip(lower_bound=0))
    pairs = pairs.join(prep.select("article_id", "text"), on="article_id", how="left").with_columns(
        (here & pl.col("has_verb") & ~pl.col("_sourced") & (pl.col("kind") == "person") & (pl.col("p_start") >= pl.col("q_end"))
         & (voice_at >= pl.col("q_end")) & (tail.str.count_matches(r"[\p{L}\p{N}]+") <= 2)).any().over("_qid").alias("_voiced_after"),
    ).drop("text")
    rank = (
        pl.when(here & pl.col("has_verb") & ~pl.col("_sourced")).then(1)
        .when(pl.col("_owner_here")).then(1)
        .when(pl.col("_owner_prev")).then(4)
        # An office wording speaks only when a verb of saying ties it to the quote.
        .when(pl.col("is_descriptor")).then(None)
        .when(here & same & (pl.col("p_end") <= pl.col("q_start"))).then(2)
        .when(here).then(3)
        .when(prev).then(4)
    )
    # Rank 1 and 2: the owner of a statement nearest the quote, else the earliest person before
    # the quote (the sentence subject; one named in an "according to" phrase after any other;
    # an organisation, state or writing after a person a verb right after the quote ties), else
    # the nearest after it; rank 4: the owner of a statement in the sentence before, else the
    # subject of the closest previous sentence that names someone.
    order_key = (
        pl.when((pl.col("_rank") == 2) & before_q & pl.col("_sourced")).then(2 * 10**9 + pl.col("p_start"))
        # Of two owners of statements the one nearer the quote ("Lavrov's statement echoed
        # Putin's message: «…»").
        .when((pl.col("_rank") == 1) & pl.col("_owner_here")).then(-2 * 10**9 - pl.col("p_start"))
        .when((pl.col("_rank") == 1) & before_q & (pl.col("kind") != "person") & pl.col("_voiced_after")).then(15 * 10**8 + pl.col("p_start"))
        .when(pl.col("_rank").is_in([1, 2]) & before_q).then(pl.col("p_start") - pl.col("_inner").cast(pl.Int64) * 3 * 10**9)
        .when((pl.col("_rank") == 4) & pl.col("_owner_prev")).then(5 * 10**8 - pl.col("p_start"))
        .when(pl.col("_rank") == 4).then((pl.col("sent_no") - pl.col("p_sent")) * 10**9 + pl.col("p_start"))
        .otherwise(10**9 + (pl.col("p_start") - pl.col("q_start")).abs())
    )
    scored = pairs.with_columns(rank.alias("_rank")).filter(pl.col("_rank").is_not_null()).with_columns(order_key.alias("_key"))
    best = scored.sort("_qid", "_rank", "_key").group_by("_qid", maintain_order=True).first().select("_qid", pl.col("person_id").alias("speaker_id"), pl.col("kind").alias("speaker_kind"), "p_start", "p_end")
    out = quotes.join(best, on="_qid", how="left").join(prep.select("article_id", "text"), on="article_id", how="left")
    out = out.with_columns(
        pl.when(pl.col("p_start").is_not_null()).then(pl.col("text").str.slice(pl.col("p_start"), pl.col("p_end") - pl.col("p_start"))).alias("speaker_text"),
        pl.col("quote_text").alias("mention_text"),
    ).drop("text", "start").with_columns(pl.col("q_start").alias("start"))
    return _finish(out, "quote", prep, sents, span=("q_start", "q_end"))


# --------------------------------------------------------------------------- quantities

def _number_words(rules) -> tuple[str, str, dict[str, int]] | None:
    """A language's number words as one regex (see ``NumberRules.words``): tens joined to a unit
    or teen, a teen, a unit or tens alone, each of them or nothing after a hundreds word (itself
    after a unit or not: "ciento veinte", "two hundred and twenty", "zweihundertdreiundzwanzig",
    "двести"), then scales; the regex that splits a match into its words; and every word's
    value. None without number words."""
    if not rules.words:
        return None
    values = {**rules.compound_parts, **rules.words}
    by = lambda low, high, table: alternation([w for w, v in table.items() if low <= v < high])  # noqa: E731
    unit, teen, tens = by(1, 10, rules.words), by(10, 20, rules.words), by(20, 100, rules.words)
    hundreds, scale = by(100, 1000, rules.words), by(1000, 10**12, rules.words)
    part_unit, part_tens = by(1, 10, values), by(20, 100, values)
    joiner = "|".join(re.escape(j) for j in sorted(rules.joiners, key=len, reverse=True))
    if rules.joiners and part_unit and part_tens:
        pair = rf"(?:{part_unit})(?:{joiner})(?:{part_tens})" if rules.units_first else rf"(?:{part_tens})(?:{joiner})(?:{part_unit}|{teen or part_unit})"
        small = [pair]
    else:
        small = []
    small += [f"(?:{a})" for a in (tens, teen, unit) if a]
    below = "|".join(small)
    heads = list(small)
    if hundreds:
        after = "|".join(re.escape(j) for j in sorted(rules.hundred_joiners, key=len, reverse=True))
        rest = rf"(?:(?:{after})(?:{below}))?" if rules.hundred_joiners and below else ""
        lead = rf"(?:(?:{part_unit})[ -]?)?" if part_unit else ""
        heads.insert(0, rf"{lead}(?:{hundreds}){rest}")
    scales = rf"(?:[ -]?(?:{scale})){{0,2}}" if scale else ""
    pattern = f"(?:{'|'.join(heads)}){scales}" if heads else _NEVER
    if scale:
        pattern = rf"(?:{pattern}|(?:{scale})(?:[ -]?(?:{scale}))?)"
    return pattern, alternation(values), values


def _number_word_value(word: pl.Expr, rules) -> pl.Expr:
    """The value of a number-word match of ``_number_words``: below the scales, a hundreds word
    (times the unit before it: "two hundred"; "двести" is 200 alone) plus the words below 100
    after it, or with none the sum of the words below 100 (tens, units, teens); that times the
    product of its scales of 1000 or more ("dreiundzwanzigtausend" = (3 + 20) x 1000, "ciento
    veinte mil" = (100 + 20) x 1000)."""
    _, split, values = _number_words(rules)
    parts = word.str.extract_all(split).list.eval(pl.element().replace_strict(values, default=None, return_dtype=pl.Int64))
    x = pl.element()
    is_hundred = (x >= 100) & (x < 1000)
    seen = is_hundred.cast(pl.Int64).cum_sum()
    before = x.filter((x < 100) & (seen == 0)).sum()
    after = x.filter((x < 100) & (seen > 0)).sum()
    hundred = x.filter(is_hundred).first()
    small = (
        pl.when(hundred.is_null()).then(before)
        .when(hundred == 100).then(pl.when(before > 0).then(before).otherwise(1) * 100 + after)
        .otherwise(hundred + after)
    )
    value = pl.when(small > 0).then(small).otherwise(1) * x.filter(x >= 1000).product()
    return parts.list.eval(value).list.first().cast(pl.Float64)


def _hedged_number(rules, sfx: str) -> str:
    """An optional hedge, the number (digits or words) and an optional scale ("12 mil",
    "12 тысяч", the Italian "12mila"); group names end in ``sfx``."""
    seps = "".join(re.escape(s) for s in rules.thousands_separators)
    dec = re.escape(rules.decimal_separator)
    words = _number_words(rules)
    big = alternation([w for w, v in rules.words.items() if v >= 1000]) if rules.words else None
    hedges = rules.approx_markers + rules.lower_bound_markers + rules.upper_bound_markers
    approx = alternation([norm_str(a) for a in hedges]) if hedges else None
    number = rf"(?P<num{sfx}>\d{{1,3}}(?:[{seps}]\d{{3}})+|\d+(?:{dec}\d+)?)" if seps else rf"(?P<num{sfx}>\d+(?:{dec}\d+)?)"
    if words:
        number = rf"(?:{number}|(?P<word{sfx}>{words[0]}))"
    mult = rf"(?: ?(?P<mult{sfx}>{big}))?" if big else ""
    pre = rf"(?:(?P<approx{sfx}>{approx}) )?" if approx else ""
    return f"{pre}{number}{mult}"


def _number_values(rules, pattern: str) -> tuple[dict[str, pl.Expr], list[pl.Expr]]:
    """The groups of a ``_hedged_number`` match (coalesced over the pattern's alternatives,
    named with and without ``_b``) and the value columns read from them: quantity_value,
    is_approximate, quantity_bound."""
    names = set(re.findall(r"\(\?P<(\w+)>", pattern))

    def either(name: str) -> pl.Expr:
        found = [pl.col(n) for n in (name, f"{name}_b") if n in names]
        return pl.coalesce(found) if found else pl.lit(None, pl.String)

    group = {name: either(name) for name in ("word", "mult", "approx", "num", "unit", "num_b")}
    digits = group["num"]
    for sep in rules.thousands_separators:
        digits = digits.str.replace_all(sep, "", literal=True)
    digits = digits.str.replace(rules.decimal_separator, ".", literal=True)
    word_num = _number_word_value(group["word"], rules) if _number_words(rules) else pl.lit(None, pl.Float64)
    multiplier = group["mult"].replace_strict({k: v for k, v in rules.words.items()}, default=1, return_dtype=pl.Int64).cast(pl.Float64)
    lower = {norm_str(a) for a in rules.lower_bound_markers}
    upper = {norm_str(a) for a in rules.upper_bound_markers}
    values = [
        (pl.coalesce(digits.cast(pl.Float64, strict=False), word_num) * multiplier).alias("quantity_value"),
        group["approx"].is_not_null().alias("is_approximate"),
        pl.when(group["approx"].is_in(list(lower))).then(pl.lit("min"))
        .when(group["approx"].is_in(list(upper))).then(pl.lit("max"))
        .otherwise(pl.lit(None, pl.String)).alias("quantity_bound"),
    ]
    return group, values


def _quantity_plan(lex: Lexicon) -> tuple[str, str, list[pl.Expr], pl.Expr] | None:
    """A language's quantity search: the pattern, the pattern its groups are read with, the
    value columns, and the filter that drops dates read as counts (None without units)."""
    rules = lex.numbers
    if not rules.units:
        return None
    units = alternation([norm_str(u) for u in rules.units])
    if rules.context_units:
        # Whole words (the match must end a word): "men" is no prefix of "members" or "mention".
        units = rf"{alternation([fold_str(u) for u in rules.context_units])}|(?:{units})[\p{{L}}]*"
    else:
        units = rf"(?:{units})[\p{{L}}]*"
    counts = alternation([norm_str(c) for c in rules.count_phrases])
    # "à quelque 12 000 le nombre de soldats": "the number of" between the number and the noun.
    count = rf"(?: (?:{counts}))?" if counts else ""
    # "the 22-article pact": a singular noun (or any unit) right after a hyphen.
    hyphen_map = {norm_str(k): v for k, v in {**rules.units, **rules.hyphen_units}.items()}
    unit = rf"(?:-(?P<hunit>(?:{alternation(hyphen_map)})[\p{{L}}]*)|{count}(?: [\p{{L}}]+){{0,2}}? (?P<unit>{units}))"
    pattern = rf"{_range_start(rules)}{_hedged_number(rules, '')}{unit}"
    preps = alternation([norm_str(c) for c in rules.count_prepositions])
    if counts and preps:
        # "put the number of North Korean troops in Russia at about 12,000": the noun first.
        pattern = rf"(?:(?:{counts})(?: [\p{{L}}-]+){{0,2}}? (?P<unit_b>{units})(?: [\p{{L}}-]+){{0,4}}? (?:{preps}) {_hedged_number(rules, '_b')}|{pattern})"
    group, values = _number_values(rules, pattern)
    unit_map = {norm_str(k): v for k, v in rules.units.items()}
    canonical = pl.lit(None, pl.String)
    for surface in sorted(unit_map, key=len):
        canonical = pl.when(group["unit"].str.starts_with(surface)).then(pl.lit(unit_map[surface])).otherwise(canonical)
    for surface, canonical_unit in rules.context_units.items():
        canonical = pl.when(group["unit"] == fold_str(surface)).then(pl.lit(canonical_unit)).otherwise(canonical)
    hyphen_canonical = pl.lit(None, pl.String)
    for surface in sorted(hyphen_map, key=len):
        hyphen_canonical = pl.when(pl.col("hunit").str.starts_with(surface)).then(pl.lit(hyphen_map[surface])).otherwise(hyphen_canonical)
    values.insert(1, pl.coalesce(canonical, hyphen_canonical).alias("quantity_unit"))
    values = _range_values(rules, values, pattern)
    # A bare year with words before the unit is a date, not a count: "19 июня 2024 года статья 4".
    is_year = group["num"].str.contains(r"^(?:1[6-9]|20)\d\d$").fill_null(False) & group["mult"].is_null()
    between = pl.col("match").str.extract(r"\d\s+((?:\p{L}+\s+)*)\S+$", 1).str.strip_chars()
    # "the number of troops in 2024" puts no number on the troops.
    year_after = group["num_b"].str.contains(r"^(?:1[6-9]|20)\d\d$").fill_null(False)
    keep = ~(is_year & (between.fill_null("") != "")) & ~year_after & ~(group["approx"].is_null() & _after_month(lex))
    return pattern, _groups_pattern(pattern), values, keep


def _range_start(rules) -> str:
    """The first end of a range and what joins it to the number after it, optional: a
    ``range_openers`` word, the number (digits, an optional scale) and a ``range_joiners`` word
    ("between 11,000 and ", "от 11 до "), or the number and a ``range_bare_joiners`` word or a
    hyphen ("11,000-", "11.000 bis "). Groups ``rlo``/``rmult`` and ``rlo2``/``rmult2``."""
    seps = "".join(re.escape(s) for s in rules.thousands_separators)
    dec = re.escape(rules.decimal_separator)
    digits = rf"\d{{1,3}}(?:[{seps}]\d{{3}})+|\d+(?:{dec}\d+)?" if seps else rf"\d+(?:{dec}\d+)?"
    big = alternation([w for w, v in rules.words.items() if v >= 1000]) if rules.words else None
    parts = []
    openers = alternation([norm_str(w) for w in rules.range_openers if norm_str(w)])
    joiners = alternation([norm_str(w) for w in rules.range_joiners if norm_str(w)])
    mult = lambda sfx: rf"(?: ?(?P<rmult{sfx}>{big}))?" if big else ""  # noqa: E731
    if openers and joiners:
        parts.append(rf"(?:{openers}) (?P<rlo>{digits}){mult('')} (?:{joiners}) ")
    bare = alternation([norm_str(w) for w in rules.range_bare_joiners if norm_str(w)])
    joint = rf" ?- ?| (?:{bare}) " if bare else r" ?- ?"
    parts.append(rf"(?P<rlo2>{digits}){mult('2')}(?:{joint})")
    return f"(?:{'|'.join(parts)})?"


def _range_values(rules, values: list[pl.Expr], pattern: str) -> list[pl.Expr]:
    """``values`` (``_number_values``' columns of a ``_quantity_plan`` match) with a range's
    ends: a range (``_range_start`` matched, its first end below the number) has quantity_bound
    "range", quantity_value its first end and quantity_value_high the number. A first end with
    no scale takes the number's ("tra 11 e 12 mila" is 11,000 to 12,000)."""
    names = set(re.findall(r"\(\?P<(\w+)>", pattern))

    def group(*candidates: str) -> pl.Expr:
        found = [pl.col(n) for n in candidates if n in names]
        return pl.coalesce(found) if found else pl.lit(None, pl.String)

    lo = group("rlo", "rlo2")
    for sep in rules.thousands_separators:
        lo = lo.str.replace_all(sep, "", literal=True)
    lo = lo.str.replace(rules.decimal_separator, ".", literal=True).cast(pl.Float64, strict=False)
    scales = {k: v for k, v in rules.words.items() if v >= 1000}
    if scales:
        own = group("rmult", "rmult2").replace_strict(scales, default=None, return_dtype=pl.Int64).cast(pl.Float64)
        carried = group("mult").replace_strict(scales, default=None, return_dtype=pl.Int64).cast(pl.Float64)
        lo = lo * pl.coalesce(own, carried, pl.lit(1.0))
    by_name = {e.meta.output_name(): e for e in values}
    high = by_name["quantity_value"]
    is_range = lo.is_not_null() & high.is_not_null() & (lo < high)
    return [
        pl.when(is_range).then(lo).otherwise(high).alias("quantity_value"),
        *(e for name, e in by_name.items() if name not in ("quantity_value", "quantity_bound")),
        pl.when(is_range).then(pl.lit("range")).otherwise(by_name["quantity_bound"]).alias("quantity_bound"),
        pl.when(is_range).then(high).alias("quantity_value_high"),
    ]


class _BareNumberPlan(NamedTuple):
    """A language's search for numbers that count no noun of their own (``_bare_numbers``) and
    what its two readers (``_bare_quantities``, ``_carried_units``) need of the language."""

    pattern: str  # an optional hedge and the number (group ``number``), a month around it when it is a day of a date
    groups: str  # the pattern the groups of a match are read with
    month_number: str | None  # where a month is itself a number ("sept", "dez"): the number read from the match start
    number_groups: str  # the pattern the groups of that number are read with
    values: list[pl.Expr]  # quantity_value, is_approximate, quantity_bound (``_number_values``)
    denial: str  # a dash (folded to " -") and at most two words, or a negation and at most one word, before the number
    marker: str  # an article word, a currency sign or a range's dash right before the number (no carried unit)
    article: str | None  # an article word right before the number (no bare count: "It is Article 3.")
    nouns: str  # a counted noun (folded, from a word start)
    units: dict[str, str]  # counted noun -> canonical unit


def _bare_number_plan(lex: Lexicon) -> _BareNumberPlan | None:
    """A language's ``_BareNumberPlan``; None without units."""
    rules = lex.numbers
    if not rules.units:
        return None
    month = alternation(lex.months) or _NEVER
    number = _hedged_number(rules, "")
    pattern = rf"(?:(?P<month_before>{month})\.?[ \t]+)?(?P<number>{number})(?P<month_after>\.?(?:[ \t]+\p{{L}}{{1,3}})?[ \t]+(?:{month}))?"
    # A month the number search reads whole ("sept", "dez") may start a number of its own
    # ("sept mille", "dez mil"), which the month then hides from the match's own groups.
    months = pl.Series(list(lex.months), dtype=pl.String)
    month_number = rf"^({number})" if (months.str.extract(rf"^({number})", 1) == months).any() else None
    denial = r"(?:[—–]|[ \t]-)[ \t]*(?:\p{L}+[ \t]+){0,2}$"
    if lex.negations:
        denial = rf"{denial}|(?:^|[^\p{{L}}])(?:{alternation(lex.negations)})(?:[ \t]+\p{{L}}+)?[ \t]*$"
    marker = rf"(?:(?:^|[^\p{{L}}\p{{N}}])(?:{'|'.join(lex.article_words)})[\s-]*|[$€£¥₽]\s*|\d\s*[-–—]\s*)$"
    article = rf"(?:^|[^\p{{L}}])(?:{alternation(lex.article_words, escape=False)})[ \t]*$" if lex.article_words else None
    nouns = rf"(?:{alternation([norm_str(u) for u in rules.units])})\p{{L}}*"
    return _BareNumberPlan(
        pattern, _groups_pattern(pattern), month_number, _groups_pattern(number), _number_values(rules, pattern)[1],
        denial, marker, article, nouns, {norm_str(k): v for k, v in rules.units.items()},
    )


def _after_month(lex: Lexicon) -> pl.Expr:
    """Whether a month name is right before the match (``start`` in ``folded``): a day after
    one is a date, not a count ("on April 28 that its troops")."""
    month_before = pl.col("folded").str.slice((pl.col("start") - 16).clip(lower_bound=0), pl.col("start") - (pl.col("start") - 16).clip(lower_bound=0))
    return month_before.str.contains(rf"(?:^|[^\p{{L}}])(?:{alternation(lex.months)})\.? $")


# A label before a number on its own line ("- Articoli del trattato: ventitré."): words with no
# digit or sentence mark, then a colon. What is after the number ends the sentence ("It has
# twenty-three."; not "Am 28. April"), or opens a bracket ("circa 12.000 (stima NIS, ottobre 2024).").
_LABEL_BEFORE = r"^[^\p{L}\p{N}]*([^:;.?!\d]{1,80}?)[ \t]*:[ \t]*$"
_NUMBER_LAST = r"^[ \t]*(?:[.!;]?[\"'»”)\]]*[ \t]*$|\()"
# What may follow a number carried a unit (its clause ends): punctuation, a dash or the end of the text.
_NUMBER_CLAUSE_END = r"^[ \t]*(?:[,;:.!?)»”\"—–]|$)"


def _in_word(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Whether a letter or digit of the sentence (``_t``) is right before ``start`` or right after ``end``."""
    letter = r"[\p{L}\p{N}]"
    return ((start > 0) & pl.col("_t").str.slice(start - 1, 1).str.contains(letter)) | pl.col("_t").str.slice(end, 1).str.contains(letter)


def _bare_numbers(prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon], counted: pl.DataFrame | None) -> pl.DataFrame:
    """The numbers that count no noun of their own (no word after them: punctuation, a bracket or
    the end of the sentence), found once (``_bare_number_plan``) for both readers in the
    sentences either reads: those ``_bare_quantities`` reads (``is_read_bare``: they continue the
    one before or open with a label and a colon) and those holding a quantity of ``counted``
    (the quantities with their sentences, ``attach_sentence``), where ``_carried_units`` reads them.

    One row a match, in its sentence (article_id, sent_no, sent_start, language, ``_t``):
    ``start``, ``end`` (in the sentence), ``match`` and its month groups, as the carried units
    read it; ``n_start``, ``n_end``, ``number``: the number alone, as the bare counts read it
    (without the month of a date, and the whole "sept mille" where the match took "sept" for a
    month); the value columns of that number, ``is_year``; ``is_whole`` and ``is_whole_number``
    (no letter or digit either side of the match, of the number); ``is_denied`` (a negation or a
    dash before it: "23 artigos — não 32") and ``is_marked`` (an article word, a currency sign, a
    range's first end)."""
    spans = memo_on(sents, "subject_spans", lambda: _subject_spans(sents, prep, lexicons))
    sentences = _folded_sentences(sents, prep).join(spans.select("article_id", "sent_no", pl.lit(True).alias("_continues")), on=["article_id", "sent_no"], how="left")
    if counted is not None and not counted.is_empty():
        held = counted.filter(pl.col("sent_no").is_not_null()).select("article_id", "sent_no", pl.lit(True).alias("_holds")).unique()
        sentences = sentences.join(held, on=["article_id", "sent_no"], how="left")
    else:
        sentences = sentences.with_columns(pl.lit(None, pl.Boolean).alias("_holds"))
    # A label ends with a colon: the sentences with none are left before the label is looked for.
    continues, holds = pl.col("_continues").fill_null(False), pl.col("_holds").fill_null(False)
    sentences = sentences.filter(continues | holds | pl.col("_t").str.contains(":", literal=True)).with_columns(
        (continues | pl.col("_t").str.contains(r"^[^\p{L}\p{N}]*[^:;.?!\d]{1,80}?:")).alias("is_read_bare"),
    ).filter(pl.col("is_read_bare") | holds)
    frames = []
    for code, lex in lexicons.items():
        plan = derived(lex, "bare_numbers", _bare_number_plan)
        sub = sentences.filter(pl.col("language") == code)
        if plan is None or sub.is_empty():
            continue
        found = find_all(sub, plan.pattern, text_col="_t", keys=("article_id", "sent_no", "sent_start", "_t", "is_read_bare"))
        # Either reader wants a number with no word after it, which would be what it counts.
        after = pl.col("_t").str.slice(pl.col("end"))
        found = found.filter(after.str.slice(0, 4).str.contains(_NUMBER_CLAUSE_END) | after.str.contains(_NUMBER_LAST))
        if found.is_empty():
            continue
        # The number alone starts after the month of a date before it.
        n_start = pl.col("end") - pl.col("month_after").str.len_chars().fill_null(0) - pl.col("number").str.len_chars()
        found = found.with_columns(pl.col("match").str.extract_groups(plan.groups).alias("g")).unnest("g").with_columns(n_start.cast(pl.Int64).alias("n_start"))
        if plan.month_number is not None:
            # "dez mil": the number search reads "dez" as a month before "mil"; read alone, the
            # number starts at "dez" (the month's own match hides it).
            whole = pl.col("match").str.extract(plan.month_number, 1)
            again = found.with_row_index("_i").filter(pl.col("month_before").is_not_null() & (whole.str.len_chars() > pl.col("month_before").str.len_chars()).fill_null(False))
            if not again.is_empty():
                again = again.select("_i", "start", whole.alias("number")).with_columns(pl.col("number").str.extract_groups(plan.number_groups).alias("g")).unnest("g")
                found = found.with_row_index("_i").update(again.rename({"start": "n_start"}), on="_i", include_nulls=True).drop("_i")
        head = pl.col("_t").str.slice(0, pl.col("start"))
        found = found.with_columns((pl.col("n_start") + pl.col("number").str.len_chars()).cast(pl.Int64).alias("n_end")).with_columns(
            *plan.values,
            (pl.col("num").str.contains(r"^(?:1[6-9]|20)\d\d$").fill_null(False) & pl.col("mult").is_null()).alias("is_year"),
            ~_in_word(pl.col("start"), pl.col("end")).alias("is_whole"),
            ~_in_word(pl.col("n_start"), pl.col("n_end")).alias("is_whole_number"),
            head.str.contains(plan.denial).alias("is_denied"),
            head.str.contains(plan.marker).alias("is_marked"),
            pl.lit(code).alias("language"),
        )
        frames.append(found.select(
            "article_id", "sent_no", "sent_start", "language", "_t", "is_read_bare", "start", "end", "match", "month_before", "month_after",
            "n_start", "n_end", "number", "quantity_value", "is_approximate", "quantity_bound", "is_year", "is_whole", "is_whole_number", "is_denied", "is_marked",
        ))
    if not frames:
        return pl.DataFrame(schema={
            "article_id": pl.String, "sent_no": pl.Int64, "sent_start": pl.Int64, "language": pl.String, "_t": pl.String, "is_read_bare": pl.Boolean,
            "start": pl.Int64, "end": pl.Int64, "match": pl.String, "month_before": pl.String, "month_after": pl.String, "n_start": pl.Int64, "n_end": pl.Int64,
            "number": pl.String, "quantity_value": pl.Float64, "is_approximate": pl.Boolean, "quantity_bound": pl.String, "is_year": pl.Boolean,
            "is_whole": pl.Boolean, "is_whole_number": pl.Boolean, "is_denied": pl.Boolean, "is_marked": pl.Boolean,
        })
    return pl.concat(frames, how="vertical_relaxed")


def _bare_quantities(numbers: pl.DataFrame, prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Numbers whose counted noun is in their subject, not after them: the label a number on
    its own is given under ("- Articoli del trattato: ventitré.", "- Soldati nordcoreani inviati
    secondo Seul: circa 12.000 (stima NIS, ottobre 2024).") or, when the number ends a sentence
    that continues the one before (``_subject_spans``), the last counted noun there ("An earlier
    version said the treaty has 22 articles. It has twenty-three."; "¿Cuántos artículos tiene el
    tratado? Tiene 23."). The unit is that noun's. ``numbers``: ``_bare_numbers``; rows as
    extract_quantities reads its matches."""
    # Only sentences that continue the one before, or open with a label and a colon, are read.
    read = numbers.filter(
        pl.col("is_read_bare") & pl.col("is_whole_number") & pl.col("_t").str.slice(pl.col("n_end")).str.contains(_NUMBER_LAST),
    ).with_columns(
        pl.col("_t").str.slice(0, pl.col("n_start")).alias("_before"),
        (pl.col("sent_start") + pl.col("n_start")).alias("start"), (pl.col("sent_start") + pl.col("n_end")).alias("end"), pl.col("number").alias("match"),
    )
    frames = []
    for code, lex in lexicons.items():
        plan = derived(lex, "bare_numbers", _bare_number_plan)
        if plan is None:
            continue
        found = read.filter(pl.col("language") == code)
        if found.is_empty():
            continue
        found = _with_subject(found, prep, sents, lexicons).join(prep.select("article_id", "folded"), on="article_id", how="left")
        keep = ~pl.col("is_year") & ~(~pl.col("is_approximate") & _after_month(lex))
        if plan.article is not None:
            keep = keep & ~pl.col("_before").str.contains(plan.article)
        label_noun = pl.col("_before").str.extract(_LABEL_BEFORE, 1).str.extract(rf"(?:^|[^\p{{L}}])({plan.nouns})", 1)
        # The subject's last counted noun, when the sentence has no digit before the number.
        carried_noun = pl.when(~pl.col("_before").str.contains(r"\d")).then(pl.col("subject_norm").str.extract_all(f" {plan.nouns}").list.last().str.strip_chars())
        noun = pl.coalesce(label_noun, carried_noun)
        canonical = pl.lit(None, pl.String)
        for surface in sorted(plan.units, key=len):
            canonical = pl.when(noun.str.starts_with(surface)).then(pl.lit(plan.units[surface])).otherwise(canonical)
        found = found.with_columns(canonical.alias("quantity_unit")).filter(keep & pl.col("quantity_unit").is_not_null() & pl.col("quantity_value").is_not_null())
        frames.append(found.select("article_id", "start", "end", "match", "quantity_value", "quantity_unit", "is_approximate", "quantity_bound", pl.lit(code).alias("language")))
    if not frames:
        return pl.DataFrame(schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "match": pl.String, "quantity_value": pl.Float64,
                                    "quantity_unit": pl.String, "is_approximate": pl.Boolean, "quantity_bound": pl.String, "language": pl.String})
    return pl.concat(frames)


def _party_plan(lex: Lexicon) -> dict[str, str]:
    """A language's patterns for whose the counted things are (see ``_counted_parties``)."""

    def build(lex: Lexicon) -> dict[str, str]:
        never = r"[^\s\S]"
        conn = "|".join(_spaced(c) for c in sorted(lex.owner_connectors, key=len, reverse=True) if c.strip())
        owner = rf"^[ \t]+((?:{conn})[ \t']*(?:{_OWNER_WORD}[ \t]+){{0,2}}{_OWNER_WORD}|{_OWNER_WORD})" if conn else rf"^[ \t]+({_OWNER_WORD})"
        speech = [_spaced(v) + r"\p{L}*" for v in lex.speech_verbs + lex.reporting_verbs if v.strip()]
        words = [_spaced(w.rstrip("'")) for w in lex.complementizers + lex.conjunctions if w.strip()]
        cut = _suffix_grouped(sorted(speech + words, key=len, reverse=True)) or never
        dets = "|".join(_spaced(d.rstrip("'")) for d in sorted(lex.determiners, key=len, reverse=True) if d.strip()) or never
        treaty = _folded_alternation(lex.treaty_words) or never
        asides = "|".join(_spaced(a) for a in sorted(lex.aside_words, key=len, reverse=True) if a.strip()) or never
        return {
            "after": owner, "cut": rf"(?s)^.*(?:[,;:()\[\]«»\"“”]|(?:^|[^\p{{L}}\p{{N}}])(?:{cut})(?:[^\p{{L}}\p{{N}}]|$))",
            "determiner": rf"^[ \t]*(?:(?:{dets})(?:[ \t]+|'))?", "treaty": treaty,
            # An aside with its commas, as a whole word: replaced by one blank.
            "aside": rf"(?:^|(?:[ \t]*[,—–-])?[ \t]+)(?:{asides})(?:[ \t]*[,—–-])?(?:[ \t]+|$)",
            # What may stand between the counted noun and its owner ("of the", "de la", "").
            "owner_gap": rf"^[ \t]*(?:(?:{conn or never})(?:[ \t]+|'|$))?[ \t]*(?:(?:{dets})(?:[ \t]+|'|$))?$",
            # Words of a treaty's name that do not tell which treaty it is ("treaty", "of the").
            "generic": rf"\b(?:{'|'.join(x for x in (treaty, conn, dets) if x and x != never) or never})\b",
        }

    return derived(lex, "party_plan", build)


def _number_plan(lex: Lexicon) -> dict[str, str] | None:
    """A language's patterns for the clauses of numbers (see ``_number_clauses``): any number,
    digits or words, with or without a counted noun; a month name; negations and denials
    (whole words of match-space text); and the cuts at a complementizer or conjunction. None
    without units."""
    rules = lex.numbers
    if not rules.units:
        return None
    never = _NEVER
    seps = "".join(re.escape(s) for s in rules.thousands_separators)
    digits = rf"\d{{1,3}}(?:[{seps}]\d{{3}})+|\d+" if seps else r"\d+"
    words = _number_words(rules)
    privative = {norm_str(w) for w in lex.privative_words}
    negations = alternation([n for n in (norm_str(w) for w in lex.negations) if n and n not in privative]) or never
    denials = alternation([n for n in (norm_str(w) for w in lex.denial_words) if n]) or never
    bound = "|".join(sorted((_spaced(w.rstrip("'")) for w in lex.complementizers + lex.conjunctions if w.strip("' ")), key=len, reverse=True)) or never
    word_edge = r"(?:^|[^\p{L}\p{N}])"
    month = alternation(lex.months) or never
    number = rf"(?:{digits}|{words[0]})" if words else digits
    return {
        # A day with its month around it ("19 de junio", "June 19") is one match, a date.
        "number": rf"(?:(?:{month})\.?[ \t]+)?{number}(?:\.?(?:[ \t]+\p{{L}}{{1,3}})?[ \t]+(?:{month}))?",
        "date": rf"^(?:1[6-9]|20)\d\d$|(?:^|[^\p{{L}}])(?:{month})(?:[^\p{{L}}]|$)",
        "negation": rf" (?:{negations}) ", "denial": rf" (?:{denials}) ",
        "last_bound": rf"(?s)^(.*[^\p{{L}}\p{{N}}])(?:{bound})(?:[^\p{{L}}\p{{N}}]|$)",
        "left_cut": rf"(?s)^.*{word_edge}(?:{bound})(?:[^\p{{L}}\p{{N}}]|$)", "right_cut": rf"(?s){word_edge}(?:{bound})(?:[^\p{{L}}\p{{N}}]|$).*$",
    }


def _unfolded_words(phrase: str) -> str:
    """A conditional marker as ``_without_supposed`` matches it: lower-cased, accents kept,
    every run of other characters than letters and digits one space ("S’il" -> "s il")."""
    return re.sub(r"[\W_]+", " ", phrase.lower()).strip()


def _conditional_plan(lex: Lexicon) -> dict[str, str] | None:
    """A language's conditional markers and their exceptions, in the lower-cased, unfolded
    match space (``_unfolded_words``), and the cut of a clause at its last conjunction (folded
    text). None without markers."""
    if not lex.conditional_markers and not lex.conditional_openers:
        return None
    never = _NEVER
    markers = alternation([n for n in (_unfolded_words(w) for w in lex.conditional_markers) if n]) or never
    openers = alternation([n for n in (_unfolded_words(w) for w in lex.conditional_openers) if n]) or never
    leading = alternation([n for n in (_unfolded_words(w) for w in lex.complementizers + lex.conjunctions) if n]) or never
    exceptions = alternation([n for n in (_unfolded_words(w) for w in lex.conditional_exceptions) if n]) or never
    conj = "|".join(sorted((_spaced(w.rstrip("'")) for w in lex.conjunctions if w.strip("' ")), key=len, reverse=True)) or never
    return {
        "conditional": rf" (?:{markers}) |^ (?:(?:{leading}) )*(?:{openers}) ", "not_conditional": rf" (?:{exceptions}) ",
        "conj_cut": rf"(?s)^.*(?:^|[^\p{{L}}\p{{N}}])(?:{conj})(?:[^\p{{L}}\p{{N}}]|$)",
    }


def _without_supposed(frame: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon], left_from: str) -> pl.DataFrame:
    """Drop the claims (numbers, dates) whose clause supposes them: a ``conditional_markers``
    word between the claim's start and the last separator (``,;:()``) or conjunction before it,
    from ``left_from`` on ("If North Korea were to send 100,000 troops", "If the treaty had been
    signed in May 2024"; a complementizer keeps the frame: "imagine that ..."). The clause is
    cut on the folded text and read in the unfolded one (folding keeps lengths), so "würde" is
    not "wurde" and "sí" is not "si"; a word hyphened to another is none ("Estima-se que")."""
    if frame.is_empty():
        return frame
    text = prep.select("article_id", "language", pl.col("folded").alias("_f"), pl.col("text").alias("_t"))
    m = frame.select("article_id", "start", left_from).with_row_index("_row").join(text, on="article_id", how="left")
    length = (pl.col("start") - pl.col(left_from)).clip(lower_bound=0)
    m = m.select(
        "_row", "language",
        pl.col("_f").str.slice(pl.col(left_from), length).str.replace(r"(?s)^.*[,;:()]", "").alias("_left"),
        pl.col("_t").str.slice(pl.col(left_from), length).str.to_lowercase().str.replace(r"(?s)^.*[,;:()]", "").alias("_raw"),
    )

    def supposes(lex: Lexicon) -> pl.Expr:
        plan = derived(lex, "conditional", _conditional_plan)
        if plan is None:
            return pl.lit(False)
        kept = pl.col("_left").str.replace(plan["conj_cut"], "").str.len_chars()
        raw = pl.col("_raw").str.slice(pl.col("_raw").str.len_chars() - kept).str.replace_all(r"-\p{L}+", "")
        spaced = pl.concat_str(pl.lit(" "), raw.str.replace_all(_SPACE, " ").str.replace_all(r"\s+", " "), pl.lit(" "))
        return spaced.str.replace_all(plan["not_conditional"], "  ").str.contains(plan["conditional"])

    supposed = m.filter(_by_language(lexicons, supposes, pl.lit(False)))["_row"]
    if supposed.is_empty():
        return frame
    return frame.with_row_index("_row").filter(~pl.col("_row").is_in(supposed.implode())).drop("_row")


def _number_clauses(q: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """End each quantity's segment before the clause of the next number of its sentence, and
    add ``is_negated`` (the quantity's clause denies the figure).

    The next number need not count anything the extractor knows ("12,000 troops, of whom some
    4,000 were killed"): the words after the last separator, conjunction or complementizer
    before it are its clause, so the casualty words there do not rule out the figure of the
    troops sent (a year or a day of a date is no such number; with none of these between, the
    words stay the quantity's). The quantity's own clause is its segment between the separators
    around it; it denies the figure when it has a denial word ("The figure of 50,000 is made
    up") or, short of a complementizer or conjunction ("n'a envoyé que 12 000" restricts), a
    negation that is not privative ("did not send 100,000 troops", "hat nicht 100.000 Soldaten
    geschickt"; "without heavy weapons" denies nothing). A quantity whose clause supposes the
    figure (a ``conditional_markers`` word before the number, from the separator or last
    conjunction before it: "If North Korea were to send 100,000 troops") is dropped: it states
    nothing to check."""
    if q.is_empty():
        return q.with_columns(pl.lit(None, pl.Boolean).alias("is_negated"))
    # Only the sentences with a quantity are searched for the numbers after it.
    spans = _quantity_sentences(q, prep)
    frames = []
    for code, lex in lexicons.items():
        plan = derived(lex, "number_clauses", _number_plan)
        sub = spans.filter(pl.col("language") == code)
        if plan is None or sub.is_empty():
            continue
        found = find_all(sub, plan["number"], text_col="sentence", keys=("article_id", "sent_start"), whole_words=True)
        found = found.filter(~pl.col("match").str.contains(plan["date"]))
        frames.append(found.select("article_id", (pl.col("sent_start") + pl.col("start")).alias("_next_number")))
    numbers = pl.concat(frames).sort("article_id", "_next_number") if frames else pl.DataFrame(schema={"article_id": pl.String, "_next_number": pl.Int64})
    m = q.sort("article_id", "end").join_asof(numbers, left_on="end", right_on="_next_number", by="article_id", strategy="forward", check_sortedness=False)
    m = m.join(prep.select("article_id", "folded"), on="article_id", how="left")
    gap = pl.col("folded").str.slice(pl.col("end"), (pl.min_horizontal("_next_number", "seg_end") - pl.col("end")).clip(lower_bound=0))
    # The next number's clause starts at the last separator, conjunction or complementizer
    # before it ("12,000 troops, of whom 4,000", "12,000 troops and some 4,000 of them").
    # A dash between blanks (an em or en dash, folded to "-") separates as a comma does: "has
    # 23 articles — not 32" (reversed, the blank before it comes after it).
    last_sep = gap.str.len_chars() - 1 - char_index_regex(gap.str.reverse(), r"[,;:]|-\s")
    def last_bound(lex: Lexicon) -> pl.Expr:
        plan = derived(lex, "number_clauses", _number_plan)
        return gap.str.extract(plan["last_bound"], 1).str.len_chars().cast(pl.Int64) if plan else pl.lit(None, pl.Int64)

    last_word = _by_language(lexicons, last_bound, pl.lit(None, pl.Int64))
    last = pl.max_horizontal(last_sep, last_word)
    m = m.with_columns(
        pl.when(pl.col("_next_number").is_not_null() & (pl.col("_next_number") < pl.col("seg_end")) & last.is_not_null())
        .then(pl.col("end") + last).otherwise(pl.col("seg_end")).alias("seg_end")
    )
    # Trailing blanks (and a dash between blanks) of a cut segment stay out of it.
    tail = pl.col("folded").str.slice(pl.col("end"), pl.col("seg_end") - pl.col("end"))
    kept = tail.str.replace(r"\s+-\s*$", "").str.strip_chars_end()
    m = m.with_columns((pl.col("seg_end") - (tail.str.len_chars() - kept.str.len_chars())).alias("seg_end"))
    before = pl.col("folded").str.slice(pl.col("seg_start"), (pl.col("start") - pl.col("seg_start")).clip(lower_bound=0))
    after = pl.col("folded").str.slice(pl.col("end"), (pl.col("seg_end") - pl.col("end")).clip(lower_bound=0))
    # A negation's clause ends at a dash too ("tem 23 artigos — não 32" states the 23), a
    # denial's does not ("50 тысяч ... солдат — выдумка" calls the figure made up).
    m = m.with_columns(
        before.str.replace(r"(?s)^.*[,;:()]", "").alias("_left"), after.str.replace(r"(?s)[,;:()].*$", "").alias("_right"),
        before.str.replace(r"(?s)^.*(?:[,;:()]|\s-\s)", " ").alias("_left_n"), after.str.replace(r"(?s)(?:[,;:()]|\s-\s).*$", " ").alias("_right_n"),
    )

    def words(*parts: pl.Expr) -> pl.Expr:
        return pl.concat_str(pl.lit(" "), pl.concat_str(*parts, separator=" ").str.replace_all(_SPACE, " ").str.replace_all(r" {2,}", " "), pl.lit(" "))

    def negated(lex: Lexicon) -> pl.Expr:
        plan = derived(lex, "number_clauses", _number_plan)
        if plan is None:
            return pl.lit(False)
        # A restrictive "only" stands before the number ("no tiene sino 23"): "no tiene 30
        # artículos sino 23" still denies the 30.
        left, right = words(pl.col("_left_n").str.replace(plan["left_cut"], "")), words(pl.col("_right_n").str.replace(plan["right_cut"], ""))
        return _negated(left, plan["negation"], lex) | right.str.contains(plan["negation"]) | words(pl.col("_left"), pl.col("_right")).str.contains(plan["denial"])

    m = m.with_columns(_by_language(lexicons, negated, pl.lit(False)).alias("is_negated"))
    # A figure the clause supposes ("If North Korea were to send 100,000 troops") states nothing.
    m = _without_supposed(m, prep, lexicons, "seg_start")
    return m.sort("article_id", "start").drop("_next_number", "folded", "_left", "_right", "_left_n", "_right_n")



def _with_corrected_figures(q: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Add to ``q`` the figure a ``correction_conjunctions`` word gives right after a denied one
    ("does not have 32 articles but 23", "ne compte pas 30 articles mais 23", "содержит не 30
    статей, а 23"): a bare number (punctuation or the end after it) takes the denied figure's
    unit and is stated, not denied; its claim runs from the denied figure's clause start to it,
    so the counted noun is in its words."""
    denied = q.filter(pl.col("is_negated").fill_null(False))
    if denied.is_empty():
        return q
    denied = denied.join(prep.select("article_id", "folded"), on="article_id", how="left")
    after = pl.col("folded").str.slice(pl.col("end"), 40)
    frames = []
    for code, lex in lexicons.items():
        conj = alternation([norm_str(w) for w in lex.correction_conjunctions if norm_str(w)])
        sub = denied.filter(pl.col("language") == code)
        if not conj or sub.is_empty():
            continue
        seps = "".join(re.escape(s) for s in lex.numbers.thousands_separators)
        digits = rf"\d{{1,3}}(?:[{seps}]\d{{3}})+|\d+" if seps else r"\d+"
        pattern = rf"^(?P<lead>[ \t]*,?[ \t]*(?:{conj})(?:[ \t]+(?:{conj}))?[ \t]+)(?P<num>{digits})[ \t]*(?:[.,;:!?)]|$)"
        g = sub.with_columns(extract_groups(after, pattern).alias("_g")).unnest("_g").filter(pl.col("num").is_not_null())
        value = pl.col("num")
        for sep in lex.numbers.thousands_separators:
            value = value.str.replace_all(sep, "", literal=True)
        start = pl.col("end") + pl.col("lead").str.len_chars()
        frames.append(g.with_columns(
            start.alias("start"), (start + pl.col("num").str.len_chars()).alias("end"), pl.col("num").alias("match"),
            value.cast(pl.Float64, strict=False).alias("quantity_value"), pl.lit(False).alias("is_approximate"),
            pl.lit(None, pl.String).alias("quantity_bound"), pl.lit(None, pl.Float64).alias("quantity_value_high"), pl.lit(False).alias("is_negated"),
        ).with_columns(pl.col("end").alias("seg_end")).filter(pl.col("quantity_value").is_not_null()).select(q.columns))
    if not frames:
        return q
    corrected = pl.concat(frames).join(q.select("article_id", "start"), on=["article_id", "start"], how="anti")
    return pl.concat([q, corrected.cast(q.schema)]).sort("article_id", "start")

# At most this many words between a clause's subject and its number ("Kyiv kept about 60,000").
_SUBJECT_WORDS = 4


def _counted_parties(q: pl.DataFrame, prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon], ref) -> pl.DataFrame:
    """Add ``party_norm``: the countries and capitals (lexicon ``country_adjectives``, the pack's
    states and places) the number's own clause says the counted things belong to, in matching
    form, or null: a nationality in the number's words or right after the counted noun ("60,000
    Ukrainian troops", "50 mil soldados ucranianos", "soldats de l'Ukraine") or the subject of
    a short clause ending at the number ("Kyiv kept about 60,000 troops"; the clause starts after
    punctuation, a verb of saying, a complementizer or a conjunction, so "Seoul says that about
    12,000" has none). The verdict model does not match a figure none of whose keywords is among
    them: those troops are another party's.

    A treaty the pack does not hold that owns the counted things (the clause's subject, or right
    after the counted noun: "The Treaty of Rome has 14 articles", "the 11 articles of the Warsaw
    Pact") adds the words of its name that are no treaty noun, connector or determiner ("rome",
    "warsaw"): no figure of the pack is that treaty's, however close NATO is named."""
    if q.is_empty():
        return q.with_columns(pl.lit(None, pl.String).alias("party_norm"))
    folded = pl.col("folded")
    region_from = pl.max_horizontal(pl.col("sent_start"), pl.col("_prev_q_end").fill_null(0))
    m = q.sort("article_id", "start").with_columns(pl.col("end").shift(1).over("article_id", "sent_no").alias("_prev_q_end"))
    m = m.join(prep.select("article_id", "folded"), on="article_id", how="left")
    after = folded.str.slice(pl.col("end"), 40)
    region = folded.str.slice(region_from, (pl.col("start") - region_from).clip(lower_bound=0))
    cut = _by_language(lexicons, lambda lex: region.str.replace(_party_plan(lex)["cut"], ""), region)
    # The clause read once more with its asides left out: in "Kyiv, meanwhile, kept 60,000" the
    # commas around "meanwhile" end no clause (in "In May, meanwhile, Kyiv kept" the first
    # reading finds Kyiv).
    plain = _by_language(lexicons, lambda lex: region.str.replace_all(_party_plan(lex)["aside"], " ").str.replace(_party_plan(lex)["cut"], ""), region)
    follow = _by_language(lexicons, lambda lex: after.str.extract(_party_plan(lex)["after"], 1), pl.lit(None, pl.String))
    # The subject: a party opening a short clause (after a determiner) that is not a treaty's
    # ("Российско-корейский договор насчитывает 23 статьи" counts the treaty's articles).
    def subject(col: str) -> pl.Expr:
        bare = _by_language(lexicons, lambda lex: pl.col(col).str.replace(_party_plan(lex)["determiner"], ""), pl.col(col))
        treatyish = _by_language(lexicons, lambda lex: pl.col(col).str.contains(_party_plan(lex)["treaty"]), pl.lit(False))
        short = pl.col(col).str.count_matches(r"[\p{L}\p{N}]+") <= _SUBJECT_WORDS
        return pl.when(short & ~treatyish).then(bare.str.replace_all(_SPACE, " ").str.strip_chars()).fill_null("")

    m = m.with_row_index("_qid").with_columns(cut.alias("_subject"), plain.alias("_plain"), follow.alias("_follow"))
    own_words = folded.str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
    texts = pl.concat([
        m.select("_qid", "language", subject("_subject").alias("ms"), pl.lit(True).alias("_is_subject")),
        m.select("_qid", "language", subject("_plain").alias("ms"), pl.lit(True).alias("_is_subject")),
        m.select("_qid", "language", pl.concat_str(own_words, pl.col("_follow").fill_null(""), separator=" ").str.replace_all(_SPACE, " ").alias("ms"), pl.lit(False).alias("_is_subject")),
    ]).with_row_index("_tid")
    places = ref["entities"].filter(pl.col("kind").is_in(["state", "place"])).select("entity_id")
    aliases = ref["entity_aliases"].join(places, on="entity_id", how="semi").select("language", pl.col("alias_norm").alias("party"))
    adjectives = pl.DataFrame(
        derived_all(lexicons, "country_adjective_rows", _country_adjective_rows), schema={"language": pl.String, "party": pl.String}, orient="row",
    )
    parties = pl.concat([aliases, adjectives]).unique()
    found = find_phrases(texts, parties["party"].unique().to_list(), text_col="ms", keys=("_tid",), whole_words=True)
    found = found.join(texts.select("_tid", "_qid", "language", "_is_subject"), on="_tid", how="left").join(parties, left_on=["language", "match"], right_on=["language", "party"], how="semi")
    found = found.filter(~pl.col("_is_subject") | (pl.col("start") == 0))
    found = pl.concat([found.select("_qid", "match"), _unknown_treaty_owners(m, prep, sents, lexicons, ref)], how="vertical_relaxed")
    named = found.group_by("_qid").agg(pl.concat_str(pl.lit(" "), pl.col("match").unique().sort().str.join(" "), pl.lit(" ")).alias("party_norm"))
    return m.join(named, on="_qid", how="left").drop("_qid", "_subject", "_plain", "_follow", "_prev_q_end", "folded")


def _country_adjective_rows(lexicons: dict[str, Lexicon]) -> list[tuple[str, str]]:
    """(language, matching form) of every country adjective (``_counted_parties``)."""
    return [(code, norm_str(a)) for code, lex in lexicons.items() for a in lex.country_adjectives if norm_str(a)]


def _unknown_treaty_owners(m: pl.DataFrame, prep: pl.DataFrame, sents: pl.DataFrame, lexicons: dict[str, Lexicon], ref) -> pl.DataFrame:
    """(``_qid``, ``match``): for each number of ``m`` (``_counted_parties``' rows, with
    ``_subject``) whose clause subject holds a treaty name the pack does not know, or whose
    counted noun one follows through an owner connector, the words that name that treaty.
    A name that is only a pack entity once its generic words are gone ("the treaty Russia
    signed") is left to the context."""
    schema = {"_qid": pl.UInt32, "match": pl.String}
    cands = memo_on(prep, "treaty_candidates", lambda: _treaty_candidates(prep, sents, lexicons, ref))
    unknown = cands.filter(pl.col("kind") == "unknown").select("article_id", "c_start", "c_end")
    if unknown.is_empty():
        return pl.DataFrame(schema=schema)
    pairs = m.select("_qid", "article_id", "language", "start", "end", "folded", (pl.col("start") - pl.col("_subject").str.len_chars()).alias("_from")).join(unknown, on="article_id", how="inner")
    gap = pl.col("folded").str.slice(pl.col("end"), (pl.col("c_start") - pl.col("end")).clip(lower_bound=0))
    in_subject = (pl.col("c_start") >= pl.col("_from")) & (pl.col("c_end") <= pl.col("start"))
    after_noun = (pl.col("c_start") >= pl.col("end")) & (pl.col("c_start") - pl.col("end") <= 20) & _by_language(lexicons, lambda lex: gap.str.contains(_party_plan(lex)["owner_gap"]), pl.lit(False))
    owned = pairs.filter(in_subject | after_noun)
    if owned.is_empty():
        return pl.DataFrame(schema=schema)
    name = norm(pl.col("folded").str.slice(pl.col("c_start"), pl.col("c_end") - pl.col("c_start")))
    words = _by_language(lexicons, lambda lex: name.str.replace_all(_party_plan(lex)["generic"], " "), name).str.replace_all(r"\s+", " ").str.strip_chars()
    entities = ref["entity_aliases"]["alias_norm"].unique().to_list()
    return owned.select("_qid", words.alias("match")).filter((pl.col("match") != "") & ~pl.col("match").is_in(entities)).cast(schema)


def _quantity_sentences(q: pl.DataFrame, prep: pl.DataFrame) -> pl.DataFrame:
    """The sentences that hold a quantity of ``q`` (``attach_sentence`` columns), once each, in
    their matching form: article_id, language, sent_start, sentence."""
    spans = q.filter(pl.col("sent_start").is_not_null()).select("article_id", "language", "sent_start", "sent_end").unique()
    return spans.join(prep.select("article_id", "folded"), on="article_id", how="left").select(
        "article_id", "language", "sent_start", pl.col("folded").str.slice(pl.col("sent_start"), pl.col("sent_end") - pl.col("sent_start")).alias("sentence"),
    )


def _carried_units(q: pl.DataFrame, numbers: pl.DataFrame) -> pl.DataFrame:
    """Numbers that count no noun but end their clause after a quantity of the same sentence,
    which carry that quantity's unit: "unos 12.000 soldados; hay quien habla ya de 30.000, cifra
    que nadie ha confirmado" counts 30,000 troops. The number must be followed by punctuation
    (",", ";", ".", a dash) or end the text: one followed by a word ("of whom 4,000 were
    killed") counts something else, or nothing. A year, a day of a date, an article number, a
    sum of money and the second end of a range ("12.000-15.000") carry nothing, nor does a number
    a negation or a dash sets aside ("23 artigos — não 32, como diz o post", "23 articles — et
    non 32" state 23 and carry nothing to the 32). ``q``: the quantities with their sentences
    (``attach_sentence``); ``numbers``: ``_bare_numbers``; returns rows of the same columns as ``q``."""
    columns = q.columns
    empty = q.clear()
    if q.is_empty() or numbers.is_empty():
        return empty
    held = q.filter(pl.col("sent_start").is_not_null()).select("article_id", "sent_start").unique()
    tail = pl.col("_t").str.slice(pl.col("end"), 4)
    bare = (
        numbers.join(held, on=["article_id", "sent_start"], how="semi")
        .filter(
            pl.col("is_whole") & pl.col("month_before").is_null() & pl.col("month_after").is_null() & ~pl.col("is_year")
            & ~pl.col("is_marked") & ~pl.col("is_denied") & tail.str.contains(_NUMBER_CLAUSE_END) & pl.col("quantity_value").is_not_null()
        )
        .select(
            "article_id", (pl.col("sent_start") + pl.col("start")).alias("start"), (pl.col("sent_start") + pl.col("end")).alias("end"),
            "match", "quantity_value", "is_approximate", "quantity_bound", "language",
        )
    )
    if bare.is_empty():
        return empty
    bare = bare.sort("article_id", "start")
    # The last quantity starting before the number: one that runs over it is that number (no
    # carry); one of another sentence carries nothing.
    known = q.select("article_id", pl.col("start").alias("_q_start"), pl.col("end").alias("_q_end"), "quantity_unit", "sent_no", "sent_start", "sent_end", "sent_text").sort("article_id", "_q_start")
    m = bare.join_asof(known, left_on="start", right_on="_q_start", by="article_id", strategy="backward", check_sortedness=False)
    m = m.filter(pl.col("_q_end").is_not_null() & (pl.col("_q_end") <= pl.col("start")) & (pl.col("end") <= pl.col("sent_end")) & pl.col("quantity_unit").is_not_null())
    if m.is_empty():
        return empty
    return m.select([pl.col(c) if c in m.columns else pl.lit(None).alias(c) for c in columns]).cast(q.schema)


def extract_quantities(prep, sents, lexicons, ref=None) -> pl.DataFrame:
    frames = []
    for code, lex in lexicons.items():
        plan = derived(lex, "quantities", _quantity_plan)
        if plan is None:
            continue
        sub = prep.filter(pl.col("language") == code)
        if sub.is_empty():
            continue
        pattern, groups_pattern, values, keep = plan
        found = find_all(sub, pattern, text_col="folded", whole_words=True)
        if found.is_empty():
            continue
        g = (
            found.lazy().with_columns(extract_groups(pl.col("match"), groups_pattern).alias("g")).unnest("g")
            .with_columns(values).filter(pl.col("quantity_value").is_not_null())
            .join(sub.lazy().select("article_id", "folded"), on="article_id", how="left")
            .filter(keep)
        )
        frames.append(g.select("article_id", "start", "end", "match", "quantity_value", "quantity_unit", "is_approximate", "quantity_bound", "quantity_value_high", pl.lit(code).alias("language")))
    found = collect(pl.concat(frames), prep.height) if frames else None
    counted = attach_sentence(found, sents) if found is not None else None
    numbers = _bare_numbers(prep, sents, lexicons, counted)
    bare = _bare_quantities(numbers, prep, sents, lexicons).with_columns(pl.lit(None, pl.Float64).alias("quantity_value_high"))
    if counted is not None:
        # A number already counted with a noun after it is no bare number.
        bare = bare.join(found.select("article_id", "start"), on=["article_id", "start"], how="anti")
        q = pl.concat([counted, attach_sentence(bare.select(found.columns).cast(found.schema), sents)]).sort("article_id", "start") if not bare.is_empty() else counted
    elif not bare.is_empty():
        q = attach_sentence(bare, sents)
    else:
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    # A bare number may be both carried (a unit earlier in its sentence) and labelled: one row.
    q = pl.concat([q, _carried_units(q, numbers)], how="vertical_relaxed").unique(["article_id", "start"], keep="first", maintain_order=True)
    q = _without_ordinals(q, prep, lexicons)
    q = _segments(q, prep)
    q = _number_clauses(q, prep, lexicons)
    q = _with_corrected_figures(q, prep, lexicons)
    if ref is not None:
        q = _counted_parties(q, prep, sents, lexicons, ref)
    q = _with_subject(q, prep, sents, lexicons)
    return _without_unrelated_context_units(_finish(q, "quantity", prep, sents, span=("seg_start", "seg_end"), mention=("start", "end")), lexicons)


def _without_ordinals(q: pl.DataFrame, prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Drop the numbers written as ordinals (``ordinal_suffixes`` right after the digits: "o 3.º
    e o 4.º", "der 3. und der 4.,"): they name an item, they count nothing. A "." suffix is an
    ordinal only before a comma or a lower-case word (otherwise it ends the sentence)."""
    if q.is_empty():
        return q

    def ordinal(lex: Lexicon) -> pl.Expr:
        suffixes = [x for x in lex.numbers.ordinal_suffixes if x]
        if not suffixes:
            return pl.lit(False)
        plain = [x for x in suffixes if x != "."]
        parts = [rf"(?:{alternation(plain)})(?:[^\p{{L}}]|$)"] if plain else []
        if "." in suffixes:
            parts.append(r"\.[ \t]*(?:[,;]|\p{Ll})")
        after = pl.col("_text").str.slice(pl.col("end"), 6)
        return pl.col("match").str.contains(r"\d$") & after.str.contains(rf"^(?:{'|'.join(parts)})")

    m = q.join(prep.select("article_id", pl.col("text").alias("_text")), on="article_id", how="left")
    return m.filter(~_by_language(lexicons, ordinal, pl.lit(False))).drop("_text")


def _context_unit_plan(lex: Lexicon) -> tuple[str, str] | None:
    """A language's ``context_units`` as the end of a folded mention, and the words (at a word
    start of the matching form) that make a text about their units. None without any."""
    rules = lex.numbers
    if not rules.context_units:
        return None
    ends = rf"(?:^|[^\p{{L}}])(?:{alternation([fold_str(u) for u in rules.context_units])})$"
    about = {norm_str(u) for u, unit in rules.units.items() if unit in rules.context_units.values()}
    about |= {norm_str(w) for unit in set(rules.context_units.values()) for w in rules.unit_context.get(unit, [])}
    return ends, rf" (?:{alternation(sorted(w for w in about if w))})"


def _without_unrelated_context_units(claims: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Drop the numbers counted by a ``context_units`` noun ("12,000 men") whose sentence, its
    neighbours and the article's lead (``context_wide_norm``) say nothing of that unit: no
    strong unit noun ("troops") and no ``unit_context`` word ("army", "sent")."""
    if claims.is_empty():
        return claims

    def unrelated(lex: Lexicon) -> pl.Expr:
        plan = derived(lex, "context_units", _context_unit_plan)
        if plan is None:
            return pl.lit(False)
        ends, about = plan
        return fold(pl.col("mention_text")).str.contains(ends).fill_null(False) & ~pl.col("context_wide_norm").str.contains(about).fill_null(False)

    return claims.filter(~_by_language(lexicons, unrelated, pl.lit(False)))


# --------------------------------------------------------------------------- all

def dateline_ends(prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    from pipelines.ingest.articles import _dateline_pattern

    head = prep.select("article_id", pl.col("text").str.slice(0, 600).alias("head"))
    # The pattern is anchored (one match at most): a backtracking engine is ~6x faster on it.
    ends = head.select("article_id", prefix_match_ends(head["head"], _dateline_pattern(lexicons)).alias("skip_until"))
    return ends.filter(pl.col("skip_until").is_not_null())


def _after_dateline(sents: pl.DataFrame, prep: pl.DataFrame, skip: pl.DataFrame) -> pl.DataFrame:
    """Start the first sentence after the wire dateline ("PARIS, 28 avril 2025 (AFP) -")."""
    if sents.is_empty() or skip.is_empty():
        return sents
    # Only the sentence the dateline ends inside moves; every other sentence is already trimmed
    # (its text is text[sent_start:sent_end]), so it is left as it is.
    inside = collect(
        sents.lazy().join(skip.lazy(), on="article_id", how="inner")
        .filter((pl.col("sent_start") < pl.col("skip_until")) & (pl.col("skip_until") < pl.col("sent_end")))
        .join(prep.lazy().select("article_id", "text"), on="article_id", how="left")
        .with_columns(pl.col("text").str.slice(pl.col("skip_until"), pl.col("sent_end") - pl.col("skip_until")).alias("_body"))
        .select(
            "article_id", "sent_no",
            (pl.col("skip_until") + pl.col("_body").str.len_chars() - pl.col("_body").str.strip_chars_start().str.len_chars()).alias("_start"),
            pl.col("_body").str.strip_chars_start().alias("_text"),
        ),
        prep.height,
    )
    if inside.is_empty():
        return sents
    out = sents.join(inside, on=["article_id", "sent_no"], how="left", maintain_order="left")
    return out.with_columns(
        pl.coalesce("_start", "sent_start").alias("sent_start"), pl.coalesce("_text", "sent_text").alias("sent_text"),
    ).select(sents.columns)


def extract_claims(articles: pl.DataFrame, ref: dict[str, pl.DataFrame], lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """All claims of all five types for ``articles`` (needs article_id, source_path, text,
    language, published_on)."""
    if articles.is_empty():
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    prep, sents = prepare(articles)
    skip = dateline_ends(prep, lexicons)
    sents = _after_dateline(sents, prep, skip)
    persons = _person_mentions(prep, ref, lexicons)
    # Titles tied to names the pack does not know are speakers too (extract_quotes).
    pairs = _office_pairs(prep, sents, lexicons, ref, persons)
    titled = pairs.filter(pl.col("person_id").is_null()).select("article_id", pl.col("p_start").alias("start"), pl.col("p_end").alias("end"))
    dates = extract_dates(prep, sents, lexicons, skip)
    offices = extract_office_holders(prep, sents, lexicons, ref, persons, pairs=pairs, dates=dates)
    # A date an office claim says its person took the office on is checked there, not as an event's.
    dates = _without_office_starts(dates, offices)
    dates = _with_label_subject(dates, prep, sents, lexicons, ref)
    dates = _dates_of_outside_treaties(dates, prep, sents, lexicons, ref)
    # Office wordings tied to no name ("afirmó el mandatario ruso") may speak for their holder.
    named_titles = pairs.select("article_id", pl.col("title_start").alias("start"), pl.col("title_end").alias("end"))
    titles = _titles(prep, lexicons, ref)
    # A wording right before a capitalised word is that name's title ("said President Trump").
    before_name = titles.join(prep.select("article_id", "text"), on="article_id", how="left").filter(
        pl.col("text").str.slice(pl.col("end"), 3).str.contains(r"^[ \u00a0]?\p{Lu}"),
    ).select("article_id", "start")
    descriptors = titles.join(_within(titles, named_titles, overlapping=True), on=["article_id", "start"], how="anti").join(before_name, on=["article_id", "start"], how="anti")
    parts = [
        dates,
        offices,
        extract_treaty_clauses(prep, sents, lexicons, ref),
        extract_quotes(prep, sents, lexicons, persons, ref=ref, titled=titled, descriptors=descriptors),
        extract_quantities(prep, sents, lexicons, ref),
    ]
    claims = _without_questions(pl.concat(parts, how="vertical_relaxed").cast(CLAIM_SCHEMA), lexicons)
    claims = _without_retracted(claims, lexicons)
    return claims.sort("article_id", "char_start", "claim_type")


def _retraction_pattern(lex: Lexicon) -> str | None:
    """A language's ``retraction_phrases`` as one regex over folded text, whole words."""
    phrases = sorted({_loose(w) for w in lex.retraction_phrases if norm_str(w)}, key=len, reverse=True)
    return rf"(?:^|[^\p{{L}}\p{{N}}])(?:{'|'.join(phrases)})(?:[^\p{{L}}\p{{N}}]|$)" if phrases else None


def _without_retracted(claims: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Drop the date, clause and quantity claims that a correction note retracts: those after a
    ``retraction_phrases`` phrase in their sentence ("Correction: an earlier version said the
    treaty was signed on June 12.", "Korrektur: In einer früheren Fassung hieß es, ...",
    "Исправление: в предыдущей версии говорилось, что ..."). The article no longer says what
    its earlier version said; the corrected value after it ("It was signed on June 19, 2024.",
    "Richtig ist der 19. Juni 2024.") is its claim, checked with this sentence as its subject."""
    if claims.is_empty() or not any(lex.retraction_phrases for lex in lexicons.values()):
        return claims
    mention = pl.coalesce("mention_text", "claim_text")
    # (From the last full stop before a capital on: "... signed on June 12. It was signed on
    # June 19, 2024." is one sentence to the splitter, which reads "12." as a German ordinal.)
    before = pl.col("sentence_text").str.slice(0, char_index(pl.col("sentence_text"), mention).fill_null(0))
    before = fold(before.str.replace(r"(?s)^.*[.!?][\s\x{a0}]+(\p{Lu})", "$1"))

    def retracts(lex: Lexicon) -> pl.Expr:
        pattern = derived(lex, "retractions", _retraction_pattern)
        return before.str.contains(pattern) if pattern else pl.lit(False)

    dated = claims.filter(pl.col("claim_type").is_in(_ASKED_TYPES))
    dropped = dated.filter(_by_language(lexicons, retracts, pl.lit(False)).fill_null(False)).select("claim_id")
    return claims.join(dropped, on="claim_id", how="anti", maintain_order="left")


# A sentence asks when it ends with a question mark, closing quotes or brackets after it.
_QUESTION_END = r"\?[\s\"'»”“’)\]*]*$"
# The claim types a question asks about rather than states (a quote is someone's words either
# way; a title beside a name is given, not asked).
_ASKED_TYPES = ("event_date", "treaty_clause", "quantity")


def _question_plan(lex: Lexicon) -> tuple[str | None, str | None, str | None, str | None]:
    """A language's question patterns: over a sentence's ``context_norm``, whether the
    question reports someone's claim (a ``question_report_words`` word, up to three words, a
    reporting verb: "como dijo ayer un tertuliano", "as a pundit claimed"; or a source phrase:
    "según un tertuliano"), whether it opens with an open interrogative (``question_words``,
    first or second word) and whether it offers alternatives (``alternative_words``); over the
    lower-cased sentence text before a claim, whether a complementizer stands there."""
    def words(items: list[str]) -> str | None:
        folded = {_fold(w).strip("'"): None for w in items}
        return alternation(folded) if folded else None

    reports = []
    if lex.question_report_words and lex.reporting_verbs:
        reports.append(rf"(?:^| )(?:{words(lex.question_report_words)})(?: [^ ]+){{0,3}} (?:{words(lex.reporting_verbs)})")
    if lex.source_phrases:
        reports.append(rf"(?:^| )(?:{words(lex.source_phrases)})(?: |$)")
    opening = rf"^ *(?:[^ ]+ +)?(?:{words(lex.question_words)})(?: |$)" if lex.question_words else None
    alternatives = rf" (?:{words(lex.alternative_words)})(?: |$)" if lex.alternative_words else None
    complementizers = alternation({c.lower().strip("'"): None for c in lex.complementizers})
    comps = rf"(?:^|[^\p{{L}}])(?:{complementizers})(?:[^\p{{L}}]|$)" if lex.complementizers else None
    return "|".join(reports) or None, opening, alternatives, comps


def _without_questions(claims: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Drop the date, clause and quantity claims of direct yes/no and alternative questions,
    and the quote claims of quoted questions whose speaker the sentence does not name outside them.

    "Did Putin sign the ratification law on November 19?", "Q: Does Article 4 require Russia to
    consult first?", « Le traité a-t-il été signé le 12 juin ? », "Wann wurde der Vertrag
    unterzeichnet, am 19. oder am 20. Juni?": the sentence asks, it states nothing the reference
    could support or refute. Kept, as checked claims: those of a question that puts someone's
    claim ("¿Firmó Kim Jong-un el tratado el 18 de junio, como dijo ayer un tertuliano?"), of an
    open question, which presupposes what it does not ask ("Que change l'entrée en vigueur du
    traité le 4 décembre ?"), and those after a complementizer ("¿Le sorprendió que Corea del
    Norte confirmara el lunes ...?"). Office claims are kept: a title beside a name is given,
    not asked ("O chanceler russo, Serguei Lavrov, esteve em Pyongyang?")."""
    asks = pl.col("claim_type").is_in(_ASKED_TYPES) & pl.col("sentence_text").str.contains(_QUESTION_END)
    # A quoted question whose speaker is named only inside it, or in another sentence, is no one's
    # quote: "Reader question: 'Did Putin sign ...?'" is not Putin's, « Le traité a-t-il été
    # signé le 12 juin ? » after a Peskov entry not Peskov's.
    quoted = claims.filter(
        ((pl.col("claim_type") == "quote") & pl.col("mention_text").str.contains(_QUESTION_END) & pl.col("speaker_text").is_not_null()).fill_null(False),
    )
    if not quoted.is_empty():
        outside = pl.col("sentence_text").str.split(pl.col("mention_text")).list.join(" ")
        unowned = quoted.filter(~outside.str.contains(pl.col("speaker_text"), literal=True).fill_null(True)).select("claim_id")
        claims = claims.join(unowned, on="claim_id", how="anti", maintain_order="left")
    asked = claims.filter(asks.fill_null(False))
    if asked.is_empty():
        return claims
    mention = pl.coalesce("mention_text", "claim_text")
    # The sentence up to the claim (char_index: str.find counts bytes, not characters).
    before = pl.col("sentence_text").str.slice(0, char_index(pl.col("sentence_text"), mention).fill_null(0)).str.to_lowercase()
    norm = pl.col("context_norm")

    def keeps(lex: Lexicon) -> pl.Expr:
        reports, opening, alternatives, comps = derived(lex, "questions", _question_plan)
        kept = pl.lit(False)
        if reports:
            kept = kept | norm.str.contains(reports)
        if opening:
            kept = kept | (norm.str.contains(opening) & ~(norm.str.contains(alternatives) if alternatives else pl.lit(False)))
        if comps:
            kept = kept | before.str.contains(comps)
        return kept

    dropped = asked.filter(~_by_language(lexicons, keeps, pl.lit(False)).fill_null(False)).select("claim_id")
    return claims.join(dropped, on="claim_id", how="anti", maintain_order="left")
