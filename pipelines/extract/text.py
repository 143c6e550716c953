"""Vectorized text primitives over Polars frames: matching with exact character offsets.

``find_all`` is the workhorse: it marks every regex match with a sentinel, splits, and turns
the cumulative part lengths into Python-``str`` character offsets, all inside Polars.
"""

from __future__ import annotations

import functools
import re
import weakref

import polars as pl

SENTINEL = "\x00"

# One-to-one folds keep offsets valid: each character maps to exactly one character.
_FOLD_FROM = list("áàâäãåéèêëíìîïóòôöõúùûüñçýÿёʼ’‘‐‑‒–—")
_FOLD_TO = list("aaaaaaeeeeiiiiooooouuuuncyyе'''-----")


def fold(expr: pl.Expr) -> pl.Expr:
    """Lower-case and strip common accents without changing the length of the text."""
    return expr.str.to_lowercase().str.replace_many(_FOLD_FROM, _FOLD_TO)


# The same folds for capitals ("Á" -> "A"), where the capital is one character too.
_CASED_FROM = _FOLD_FROM + [a.upper() for a, b in zip(_FOLD_FROM, _FOLD_TO, strict=True) if a.upper() != a and len(a.upper()) == 1]
_CASED_TO = _FOLD_TO + [b.upper() for a, b in zip(_FOLD_FROM, _FOLD_TO, strict=True) if a.upper() != a and len(a.upper()) == 1]


def fold_cased(expr: pl.Expr) -> pl.Expr:
    """Strip common accents and keep the case, without changing the length of the text (for
    patterns that read capitals)."""
    return expr.str.replace_many(_CASED_FROM, _CASED_TO)


def norm(expr: pl.Expr) -> pl.Expr:
    """``norm_str`` over a column: folded, every run of other characters than letters and
    digits as one space, trimmed."""
    return fold(expr).str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()


def fold_str(text: str) -> str:
    table = str.maketrans(dict(zip(_FOLD_FROM, _FOLD_TO, strict=True)))
    return text.lower().translate(table)


def norm_str(text: str) -> str:
    """The matching form of a word or phrase: folded, every run of punctuation and spaces as
    one space, trimmed ("Vize-" -> "vize", "l'Atlántico" -> "l atlantico")."""
    return re.sub(r"[\W_]+", " ", fold_str(text)).strip()


def unfold_regex(word: str) -> str:
    """A regex for a folded word that also matches its accented spellings ("fevrier" ->
    "f[eéèêë]vrier"), for patterns that must run over the original text."""
    sources: dict[str, set[str]] = {}
    for src, dst in zip(_FOLD_FROM, _FOLD_TO, strict=True):
        sources.setdefault(dst, set()).add(src)
    out = []
    for ch in word:
        alts = sources.get(ch)
        out.append("[" + "".join(sorted({ch, *alts})) + "]" if alts and ch.isalpha() else re.escape(ch))
    return "".join(out)


# Polars' default engine runs a query as a pipeline over morsels on every core: worth it for
# thousands of texts, but for a few hundred (an incremental refresh) its setup costs more than
# the work, and the in-memory engine spends ~30-40 % less CPU on the same query (measured on
# find_all over 200 articles; at 10,000 both spend the same CPU and the default takes half the
# wall time on two cores).
SMALL_INPUT = 1_000


def collect(frame: pl.LazyFrame, rows: int) -> pl.DataFrame:
    """``frame.collect()`` on the engine that suits a query over ``rows`` input rows."""
    return frame.collect(engine="in-memory" if rows < SMALL_INPUT else "auto")


def _marked_matches(frame: pl.LazyFrame, marked: pl.Expr, keys: tuple[str, ...], *, neighbours: bool = False, context: int | None = None, count_before: str | None = None) -> pl.LazyFrame:
    """``keys`` + ``start``, ``end``, ``match`` from ``marked``: each text with every match
    wrapped in ``SENTINEL``s. With ``neighbours`` also ``_before`` and ``_after``: whether the
    character either side of the match is a letter or digit (false at the ends of the text).
    With ``context`` also ``before`` and ``after``: up to that many characters of the text
    either side of the match, up to the match before or after it. With ``count_before`` also
    ``count_before``: how many times that literal occurs in the text before the match.

    Split, a text is gap, match, gap, ..., gap (gaps may be empty). Only the matches are
    exploded, each with the gaps either side, and a match's start is one running sum of gap
    and match lengths over all texts less where that sum stood when its text began: no window
    over the texts, a third of the rows.
    """
    parts, k = pl.col("_parts"), pl.col("_k")
    gaps = parts.list.gather_every(2)
    run = pl.col("_run")
    rows = (
        frame.select(*keys, marked.str.split(SENTINEL).alias("_parts"))
        .filter(parts.list.len() > 1)
        .with_columns((parts.list.len() // 2).alias("_k"))
        .select(
            *keys, "_k",
            parts.list.gather_every(2, 1).alias("match"),
            gaps.list.head(k).alias("_gb"),
            gaps.list.slice(1).alias("_ga"),
            pl.int_ranges(0, k, dtype=pl.Int64).alias("_j"),
        )
        .explode("match", "_gb", "_ga", "_j")
        .with_columns(pl.col("match").str.len_chars().cast(pl.Int64).alias("_ml"))
        .with_columns((pl.col("_gb").str.len_chars().cast(pl.Int64) + pl.col("_ml")).cum_sum().alias("_run"))
        .with_columns(pl.when(pl.col("_j") == 0).then(run.shift(1).fill_null(0)).forward_fill().alias("_base"))
        .with_columns((run - pl.col("_ml") - pl.col("_base")).alias("start"))
    )
    columns = [*keys, "start", (pl.col("start") + pl.col("_ml")).alias("end"), "match"]
    if count_before is not None:
        # The same running sum as the starts, of the literal's occurrences.
        in_match = pl.col("match").str.count_matches(count_before, literal=True).cast(pl.Int64)
        crun = pl.col("_crun")
        rows = (
            rows.with_columns((pl.col("_gb").str.count_matches(count_before, literal=True).cast(pl.Int64) + in_match).cum_sum().alias("_crun"))
            .with_columns(pl.when(pl.col("_j") == 0).then(crun.shift(1).fill_null(0)).forward_fill().alias("_cbase"))
        )
        columns.append((crun - in_match - pl.col("_cbase")).alias("count_before"))
    if neighbours:
        m, word_end, word_start = pl.col("match"), r"[\p{L}\p{N}]$", r"^[\p{L}\p{N}]"
        columns.append(pl.when(pl.col("_gb") != "").then(pl.col("_gb").str.contains(word_end)).when(pl.col("_j") > 0).then(m.shift(1).str.contains(word_end)).otherwise(False).alias("_before"))
        columns.append(pl.when(pl.col("_ga") != "").then(pl.col("_ga").str.contains(word_start)).when(pl.col("_j") < k - 1).then(m.shift(-1).str.contains(word_start)).otherwise(False).alias("_after"))
    if context is not None:
        columns += [pl.col("_gb").str.tail(context).alias("before"), pl.col("_ga").str.head(context).alias("after")]
    return rows.select(columns)


def _loosened(pattern: str) -> str | None:
    """``pattern`` without its word boundaries (``\\b``): it matches wherever ``pattern`` does,
    and more. None when a backslash is escaped (``\\\\b`` is no boundary), to stay safe."""
    if "\\\\" in pattern or "\\b" not in pattern:
        return None
    return pattern.replace("\\b", "")


def find_all(frame: pl.DataFrame, pattern: str, *, text_col: str = "text", keys: tuple[str, ...] = ("article_id",), whole_words: bool = False, prefilter: bool = False) -> pl.DataFrame:
    """Every non-overlapping match of ``pattern`` in ``text_col``.

    Returns ``keys`` + ``start``, ``end`` (character offsets, end exclusive) and ``match``.
    The pattern must not match the empty string. ``whole_words`` then keeps only matches with
    no letter or digit on either side, read from the split text (no join back to the texts).

    ``prefilter`` first drops the texts where the pattern without its ``\\b``s finds nothing
    (they cannot hold a match): a Unicode word boundary keeps the regex engine off its fast
    DFA in any non-ASCII text, so on a pattern that matches in few texts ("Варшавский договор",
    "Warsaw Pact") the loosened pass and the full search of the rest cost ~2-10x less.
    """
    empty = pl.DataFrame(schema={**{k: frame.schema[k] for k in keys}, "start": pl.Int64, "end": pl.Int64, "match": pl.String})
    loose = _loosened(pattern) if prefilter else None
    if loose is not None and not frame.is_empty():
        frame = frame.filter(pl.col(text_col).str.contains(loose))
    if frame.is_empty():
        return empty
    found = _marked_matches(frame.lazy(), pl.col(text_col).str.replace_all(pattern, f"{SENTINEL}$0{SENTINEL}"), keys, neighbours=whole_words)
    if whole_words:
        found = _whole_words(found)
    found = collect(found, frame.height)
    return found if not found.is_empty() else empty


def _whole_words(found: pl.LazyFrame) -> pl.LazyFrame:
    return found.filter(~pl.col("_before") & ~pl.col("_after")).drop("_before", "_after")


# The start of a text or one character that is not a letter or digit, consumed with the match:
# a word boundary the regex engine's fast DFA keeps (a Unicode \b would send it to a slow one).
_WORD_START = r"(?:^|[^\p{L}\p{N}])"


def find_words(frame: pl.DataFrame, pattern: str, *, text_col: str = "text", keys: tuple[str, ...] = ("article_id",), context: int | None = None) -> pl.DataFrame:
    """``find_all(..., whole_words=True)``, except that the search itself only tries matches
    that start a word. With ``whole_words`` a match that starts inside a word (an optional
    "le " of "le samedi" inside "signalé samedi") is dropped afterwards, and as matches do not
    overlap it hides the whole-word match right after it ("samedi"); here it is never made.
    A match must still end a word.

    With ``context`` also ``before`` and ``after``: up to that many characters of the text
    either side of each match (not beyond the matches next to it), read from the split text.
    """
    extra = {"before": pl.String, "after": pl.String} if context is not None else {}
    empty = pl.DataFrame(schema={**{k: frame.schema[k] for k in keys}, "start": pl.Int64, "end": pl.Int64, "match": pl.String, **extra})
    if frame.is_empty():
        return empty
    marked = pl.col(text_col).str.replace_all(f"{_WORD_START}(?:{pattern})", f"{SENTINEL}$0{SENTINEL}")
    lead = pl.col("match").str.contains(r"^[^\p{L}\p{N}]").cast(pl.Int64)
    # The character consumed as the word boundary belongs to the text before the match, and
    # after the match before it.
    same_text = pl.all_horizontal(pl.col(k).shift(-1) == pl.col(k) for k in keys).fill_null(False)
    next_lead = pl.when(same_text & (pl.col("after").str.len_chars() < (context or 0))).then(pl.col("match").shift(-1).str.head(lead.shift(-1))).otherwise(pl.lit(""))
    around = [pl.concat_str(pl.col("before"), pl.col("match").str.head(lead)).str.tail(context), pl.concat_str("after", next_lead).str.head(context)] if context is not None else []
    found = (
        _marked_matches(frame.lazy(), marked, keys, neighbours=True, context=context)
        .filter(~pl.col("_after"))
        .select(*keys, (pl.col("start") + lead).alias("start"), "end", pl.col("match").str.slice(lead), *around)
    )
    found = collect(found, frame.height)
    return found if not found.is_empty() else empty


# A period followed by a lower-case word or a number inside a line is an abbreviation
# ("Oct. 24", "10 тыс. военнослужащих"), not the end of a sentence.
# "12. Januar" does not end a sentence, "2025. Next" does. The numbering alternative needs a
# word boundary before the digits; a Unicode \b keeps the regex engine off its fast DFA, so the
# boundary is spelled out: the non-word character before the digits is consumed with them, and
# at a match's first character the boundary always holds (find_all scans contiguously and every
# match ends on, or is preceded by, a non-word character). Same matches, about 2.5x faster.
_NUMBERING = r"\d{1,2}\.[ \t]*[\p{L}\d]"
# Closing quotation marks and brackets after a sentence's final punctuation belong to it
# ('."', '.”', '!»', '?“', ".'", '.")', the German '.«' of »…«); so does the French "» " of
# « Nous remercions. », with the space French puts inside, when a space or the end follows it
# (in the German »…« style ". »Wir" opens the next sentence). They end the sentence unless what follows on the
# line continues it: a lower-case word ('"Go!" he said', « Allez ! » a-t-il dit), a dash
# («Спасибо!» — сказал он) or a comma, or any other character right after the mark ('.",').
_CLOSE = r"[\"'’”“»«›)\]]"
_FRENCH_CLOSE = r"[ \t\x{a0}\x{202f}]+»"
# Two or more initials before a capitalised word ("V.V. Poutine", "С.В.Лавров", "А. Р. Белоусов")
# are part of a name: their full stops end no sentence. (One initial may be the end of one:
# "Plan B. Then", "World War I. The".) The character before the first initial is consumed
# with them (see _NUMBERING), except where they open the sentence.
_INITIALS = r"(?:\p{Lu}\.[ \t]*){2,}\p{Lu}\p{Ll}"
_SENTENCE_STEP = (
    r"[^\n.!?\w]" + _NUMBERING + r"|[^\n.!?\p{L}\p{N}]" + _INITIALS + r"|\.[ \t]+[\p{Ll}\d]|[^\n.!?]"
    rf"|[.!?][^\s!?{_CLOSE[1:-1]}]|[.!?]+{_CLOSE}+[^\s{_CLOSE[1:-1]}]"
    rf"|[.!?]+(?:{_CLOSE}|{_FRENCH_CLOSE})+(?:[ \t]+\p{{Ll}}|[ \t]*[,;:—–-])"
)
_SENTENCE_END = rf"(?:[.!?]+{_CLOSE}*)+(?:{_FRENCH_CLOSE}{_CLOSE}*(?:\s|$))?"
SENTENCE_PATTERN = rf"(?:{_NUMBERING}|{_INITIALS}|{_SENTENCE_STEP})(?:{_SENTENCE_STEP})*(?:{_SENTENCE_END}|\n|$)"


MAX_SENTENCE_CHARS = 1_000
"""A longer run without a sentence end (a list, a table flattened to text, a page without
full stops) is cut into pieces of about this many characters at word boundaries. Claims and
their verdicts read a sentence as context, so one 100 kB "sentence" would make every claim in it
carry, and every verdict query scan, the whole of it: quadratic in its length."""


def _trimmed(found: pl.DataFrame, start: pl.Expr) -> pl.DataFrame:
    """``match`` rows as sentences: leading and trailing whitespace cut off the text and offsets."""
    lead = pl.col("match").str.len_chars() - pl.col("match").str.strip_chars_start().str.len_chars()
    trail = pl.col("match").str.len_chars() - pl.col("match").str.strip_chars_end().str.len_chars()
    return (
        found.with_columns((start + lead).alias("sent_start"), (start + pl.col("match").str.len_chars() - trail).alias("sent_end"))
        .filter(pl.col("sent_end") > pl.col("sent_start"))
        .with_columns(pl.col("match").str.strip_chars().alias("sent_text"))
    )


def _cut_long(sents: pl.DataFrame) -> pl.DataFrame:
    """Sentences over ``MAX_SENTENCE_CHARS`` as pieces of whole words of about that length (a
    piece ends at the last word that ends within its share; a longer single word stays whole).
    Returns ``sents`` itself when no sentence is that long."""
    long = pl.col("sent_end") - pl.col("sent_start") > MAX_SENTENCE_CHARS
    if not sents.select(long.any()).item():
        return sents
    cut = sents.filter(long).with_row_index("_sentence")
    words = find_all(cut, r"\S+\s*", text_col="sent_text", keys=("_sentence",))
    pieces = (
        words.join(cut.select("_sentence", "article_id", "sent_start"), on="_sentence")
        # Greedy packing by running length: a new piece starts when the words so far overflow.
        .with_columns(((pl.col("end") - 1) // MAX_SENTENCE_CHARS).alias("_piece"))
        .group_by("_sentence", "_piece", maintain_order=True)
        .agg(pl.first("article_id"), (pl.first("sent_start") + pl.first("start")).alias("_start"), pl.col("match").str.join(""))
    )
    return pl.concat([sents.filter(~long), _trimmed(pieces, pl.col("_start")).select(sents.columns)])


def sentences(articles: pl.DataFrame, *, text_col: str = "text") -> pl.DataFrame:
    """One row per sentence: article_id, sent_no, sent_start, sent_end, sent_text (trimmed).

    A sentence is never longer than ``MAX_SENTENCE_CHARS`` (longer runs are cut at words)."""
    found = find_all(articles, SENTENCE_PATTERN, text_col=text_col)
    sents = _trimmed(found, pl.col("start")).select("article_id", "sent_start", "sent_end", "sent_text")
    cut = _cut_long(sents)
    if cut is not sents:
        cut = cut.sort("article_id", "sent_start", maintain_order=True)
    return cut.with_columns(pl.int_range(pl.len()).over("article_id").alias("sent_no")).select(
        "article_id", "sent_no", "sent_start", "sent_end", "sent_text"
    )


def attach_sentence(mentions: pl.DataFrame, sents: pl.DataFrame) -> pl.DataFrame:
    """Add the sentence (sent_no, sent_start, sent_end, sent_text) each mention starts in."""
    if mentions.is_empty():
        return mentions.with_columns(
            pl.lit(None, pl.Int64).alias("sent_no"), pl.lit(None, pl.Int64).alias("sent_start"),
            pl.lit(None, pl.Int64).alias("sent_end"), pl.lit(None, pl.String).alias("sent_text"),
        )
    # Sorted once per sentence frame: every extractor attaches its mentions to the same one.
    ordered = memo_on(sents, "sorted_sentences", lambda: sents.sort("article_id", "sent_start").with_columns(pl.col("sent_start").alias("_s")))
    return (
        mentions.sort("article_id", "start")
        .join_asof(ordered, left_on="start", right_on="_s", by="article_id", strategy="backward", check_sortedness=False)
        .drop("_s")
    )


def make_date(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    """The date of year, month and day columns (numbers or digit strings); null when it is no date."""
    return pl.concat_str(y.cast(pl.String).str.zfill(4), m.cast(pl.String).str.zfill(2), d.cast(pl.String).str.zfill(2), separator="-").str.to_date("%Y-%m-%d", strict=False)


_GROUPS: dict[tuple[bytes, str], pl.Expr] = {}
_GROUPS_MAX = 4096


def extract_groups(expr: pl.Expr, pattern: str) -> pl.Expr:
    """``expr.str.extract_groups(pattern)``, remembered for the life of the process by the
    expression and the pattern. Polars compiles the pattern when the expression is built (for
    its output type) and again when it runs, and keeps only 32 compiled patterns per thread, so
    an extraction call (~800 patterns) paid every compile twice: ~0.2 s of CPU per call."""
    try:
        key = (expr.meta.serialize(format="binary"), pattern)
    except Exception:  # an expression Polars cannot serialize is built as it is
        return expr.str.extract_groups(pattern)
    built = _GROUPS.get(key)
    if built is None:
        if len(_GROUPS) >= _GROUPS_MAX:
            _GROUPS.clear()
        built = _GROUPS[key] = expr.str.extract_groups(pattern)
    return built


def char_index(haystack: pl.Expr, needle: pl.Expr) -> pl.Expr:
    """Character (not byte) offset of the first literal occurrence of ``needle``; null if absent."""
    head = haystack.str.split(needle, inclusive=False).list.first()
    return pl.when(haystack.str.contains(needle, literal=True)).then(head.str.len_chars().cast(pl.Int64))


def char_index_regex(haystack: pl.Expr, pattern: str) -> pl.Expr:
    """Character offset of the first match of ``pattern``; null if there is none."""
    return haystack.str.extract(rf"(?s)^(.*?)(?:{pattern})", 1).str.len_chars().cast(pl.Int64)


_MEMO: dict = {}


def memo_on(frame: pl.DataFrame, name: str, build):
    """``build()``, remembered while ``frame`` lives (weakly, one frame per ``name``): values
    derived from the articles of one extraction call are computed once for all extractors."""
    hit = _MEMO.get(name)
    if hit is not None and hit[0]() is frame:
        return hit[1]
    value = build()
    _MEMO[name] = (weakref.ref(frame, lambda _ref: _MEMO.pop(name, None)), value)
    return value


def _squeezed(frame: pl.DataFrame, text_col: str) -> tuple[pl.DataFrame, pl.Series, pl.DataFrame]:
    """The texts of ``frame`` with every run of spaces squeezed to one (``_t``: row number,
    ``_sq``), where each squeezed text starts when they are laid end to end, and the runs as
    (``_g``: that end-to-end position of the run's kept space, ``_t``, ``_upto``: spaces removed
    in the text up to and including the run), in order: the alias searches all use them."""

    def build() -> tuple[pl.DataFrame, pl.Series, pl.DataFrame]:
        texts = frame.select(pl.col(text_col).str.replace_all(" {2,}", " ").alias("_sq")).with_row_index("_t")
        lengths = texts["_sq"].str.len_chars().cast(pl.Int64)
        base = lengths.cum_sum() - lengths
        spaced = frame.select(text_col).with_row_index("_t").filter(pl.col(text_col).str.contains("  ", literal=True))
        runs = find_all(spaced, " {2,}", text_col=text_col, keys=("_t",)).with_columns((pl.col("end") - pl.col("start") - 1).alias("_removed"))
        runs = runs.with_columns(pl.col("_removed").cum_sum().over("_t").alias("_upto"))
        runs = runs.select("_t", (base.gather(runs["_t"]) + pl.col("start") - (pl.col("_upto") - pl.col("_removed"))).alias("_g"), "_upto")
        return texts, base, runs

    return memo_on(frame, f"squeezed:{text_col}", build)


def _doubled(frame: pl.DataFrame, text_col: str) -> pl.DataFrame:
    """The squeezed texts of :func:`_squeezed` with every space doubled and a space added at
    either end (``_t``, ``_d``): the form the whole-word phrase search runs over."""

    def build() -> pl.DataFrame:
        texts = _squeezed(frame, text_col)[0]
        return texts.select("_t", pl.concat_str(pl.lit(" "), pl.col("_sq").str.replace_all(" ", "  ", literal=True), pl.lit(" ")).alias("_d"))

    return memo_on(frame, f"doubled:{text_col}", build)


# Phrase lists longer than this are searched for with Aho–Corasick (``str.replace_many``):
# measured at 10k articles, the regex engine's literal search is ~3x faster for ~200 phrases
# but ~1.7x slower for ~600 (the pack's office wordings).
AHO_CORASICK_FROM = 400


def find_phrases(frame: pl.DataFrame, phrases: list[str], *, text_col: str = "text", keys: tuple[str, ...] = ("article_id",), whole_words: bool = False) -> pl.DataFrame:
    """Every non-overlapping occurrence of ``phrases`` (literal words joined by single spaces)
    in ``text_col``, a text whose non-word characters are spaces (the match-space form), with
    any run of spaces between the words: the rows ``find_all`` gives for the longest-first
    alternation of the phrases with their spaces as ``" +"``, much faster.

    Returns ``keys`` + ``start``, ``end`` (offsets into ``text_col``) and ``match``: the phrase
    as found, with single spaces. A ``" +"`` inside a large alternation keeps the regex engine
    off its literal path, so the phrases are searched for over the text with every run of
    spaces squeezed to one (words never contain spaces, so squeezing is a bijection on the
    positions a match can start or end at), leftmost first and, at one position, longest
    first (what the alternation does: a phrase sorts before its prefixes);
    the offsets are then mapped back through the squeezed runs.

    ``whole_words`` gives the matches with no letter or digit on either side, as the
    alternation between word-boundary lookarounds would: at each word start, the longest
    phrase that also ends a word. A phrase that matches the start of a word but does not end
    it ("volodymyr zelensky" in "volodymyr zelenskiy", "nato s" in "nato secretary") hides no
    shorter phrase at or after its start ("zelenskiy", "nato"): the search itself only finds
    whole words (each phrase between spaces, over a copy with every space doubled).
    """
    empty = pl.DataFrame(schema={**{k: frame.schema[k] for k in keys}, "start": pl.Int64, "end": pl.Int64, "match": pl.String})
    marked = _phrase_marker(frozenset(phrases), whole_words, AHO_CORASICK_FROM)
    if frame.is_empty() or marked is None:
        return empty
    texts, base, runs = _squeezed(frame, text_col)
    searched = _doubled(frame, text_col) if whole_words else texts
    found = _marked_matches(searched.lazy(), marked, ("_t",), count_before=" " if whole_words else None)
    if whole_words:
        # Back to the squeezed text: a match starts with the space before its phrase, and each
        # space of the squeezed text before the phrase is two spaces here, after the added one.
        phrase = pl.col("match").str.strip_chars(" ").str.replace_all("  ", " ", literal=True)
        start = pl.col("start") - pl.col("count_before") // 2
        found = found.select("_t", start.alias("start"), (start + phrase.str.len_chars().cast(pl.Int64)).alias("end"), phrase.alias("match"))
    found = collect(found, frame.height)
    if found.is_empty():
        return empty
    text_no = found["_t"]

    def removed_before(position: pl.Series) -> pl.Series:
        # The last run at or before the position, if it is in the same text (a binary search
        # over the runs laid end to end, not a join per text).
        if runs.is_empty():
            return pl.zeros(len(position), pl.Int64, eager=True)
        at = runs["_g"].search_sorted(base.gather(text_no) + position, side="right").cast(pl.Int64) - 1
        run = at.clip(lower_bound=0)
        same = (at >= 0) & (runs["_t"].gather(run) == text_no)
        return pl.select(pl.when(same).then(runs["_upto"].gather(run)).otherwise(0)).to_series()

    last = found["end"] - 1
    return pl.DataFrame({
        **{k: frame[k].gather(text_no) for k in keys},
        "start": found["start"] + removed_before(found["start"]),
        "end": last + removed_before(last) + 1,
        "match": found["match"],
    }).cast(empty.schema)


@functools.lru_cache(maxsize=64)
def _phrase_marker(phrases: frozenset[str], whole_words: bool, aho_corasick_from: int) -> pl.Expr | None:
    """The expression of ``find_phrases`` that wraps every match in ``SENTINEL``s (None without
    a phrase), built once per phrase list: the lists are the lexicons' and the pack's, the same
    on every call, and building one (normalising, sorting and escaping up to ~3,000 phrases)
    cost ~10 ms a search. Keyed by the set of phrases: their order never mattered (they are
    sorted longest first, and two phrases of one length cannot both match at one place)."""
    literals = sorted({" ".join(p.split()) for p in phrases} - {""}, key=len, reverse=True)
    if not literals:
        return None
    if whole_words:
        # Each phrase with a space either side, over the texts with every space doubled and one
        # at either end: a match is then a whole-word one by construction, and the leftmost-first
        # search gives, at each word start, the longest phrase that ends a word there. (Searching
        # for the phrases and dropping the matches inside words afterwards is not the same: a
        # dropped match, "volodymyr zelensky" of "volodymyr zelenskiy", has already used the
        # place where a shorter phrase, "zelenskiy", matches.) Two phrases one space apart
        # each take one space of the pair between them.
        col, patterns = "_d", [f" {p.replace(' ', '  ')} " for p in literals]
    else:
        col, patterns = "_sq", literals
    if len(literals) > aho_corasick_from:
        return pl.col(col).str.replace_many(patterns, [f"{SENTINEL}{p}{SENTINEL}" for p in patterns], leftmost=True)
    pattern = "|".join(" ".join(re.escape(w) for w in p.split(" ")) for p in patterns)
    return pl.col(col).str.replace_all(pattern, f"{SENTINEL}$0{SENTINEL}")


@functools.lru_cache(maxsize=16)
def _backtracking(pattern: str):
    import regex  # installed with dateparser (trafilatura); the backtracking engine

    return regex.compile(pattern)


def prefix_match_ends(texts: pl.Series, pattern: str) -> pl.Series:
    """End offset (Python ``str`` index) of the match of an anchored ``pattern`` at the start of
    each text; null where it does not match.

    For large anchored patterns full of bounded repetitions (the wire dateline: place, date and
    outlet in a dozen styles), the Rust engine's automaton blows up and costs ~0.5 ms a text,
    while a backtracking engine trying the one anchored position costs ~40 µs. One match per
    text, so the loop is over texts, not over matches.
    """
    rx = _backtracking(pattern)
    return pl.Series([(m.end() if (m := rx.match(t)) else None) if t is not None else None for t in texts.to_list()], dtype=pl.Int64)


def prefix_match_groups(texts: pl.Series, pattern: str) -> pl.DataFrame:
    """``str.extract_groups`` for an anchored ``pattern`` (one String column per named group,
    null where the group did not take part or the text does not match), on the backtracking
    engine for the reason given in :func:`prefix_match_ends`."""
    rx = _backtracking(pattern)
    names = sorted(rx.groupindex, key=rx.groupindex.get)
    rows = [(m.groupdict() if (m := rx.match(t)) else None) if t is not None else None for t in texts.to_list()]
    return pl.DataFrame({name: [r[name] if r else None for r in rows] for name in names}, schema={name: pl.String for name in names})
