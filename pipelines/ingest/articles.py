"""Turn read records into the ``raw.articles`` frame: content hash, dateline, language, date.

Everything here runs as Polars expressions over all articles at once, except language
identification, which lingua does in parallel over a short prefix of each text.

Copies never reach ``raw.articles`` (so they never produce claims twice); each is a row of
``raw.article_copies`` linked to the article that was kept:

* ``exact``: same content hash as another input; of the copies the one with the most metadata
  is kept (``metadata_score``: a publication date first), then the first in input order, so a
  bare copy never hides the one that carries the date;
* ``near``: the same story with another headline or footer (``pipelines.ingest.neardup``);
  of a group of near-duplicates the earliest published is kept, then the first in input order,
  so a feed entry's metadata (title, link, date) is what the kept article carries;
* ``page``: a saved web page whose text completed a feed entry that only had a summary.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache

import polars as pl

from pipelines.extract.lexicon import Lexicon
from pipelines.extract.text import fold, make_date, prefix_match_groups, unfold_regex
from pipelines.ingest.neardup import NearDuplicates, near_duplicate_links

ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "source_path": pl.String,
    "source_kind": pl.String,
    "line_no": pl.Int64,
    "title": pl.String,
    "text": pl.String,
    "language": pl.String,
    "language_source": pl.String,
    "published_on": pl.Date,
    "published_source": pl.String,
    "outlet": pl.String,
    "url": pl.String,
    "author": pl.String,
    "source_name": pl.String,
    "dateline_place": pl.String,
    "dateline_outlet": pl.String,
    "dateline_day": pl.Int64,
    "dateline_month": pl.Int64,
    "char_count": pl.Int64,
}

COPY_SCHEMA = {
    "source_path": pl.String,
    "line_no": pl.Int64,
    "article_id": pl.String,
    "copy_of_path": pl.String,
    "copy_kind": pl.String,
    "similarity": pl.Float64,
    "copy_of_article_id": pl.String,
    "copy_of_line_no": pl.Int64,
    "title": pl.String,
    "url": pl.String,
    "published_on": pl.Date,
    "source_name": pl.String,
}
COPY_KINDS = ("exact", "near", "page")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def records_frame(records: list[dict], published_override: dt.date | None = None) -> pl.DataFrame:
    cols = ("source_path", "source_kind", "line_no", "title", "text", "published", "language", "outlet", "url", "author", "source_name", "used_by_path", "used_by_line")
    ints = ("line_no", "used_by_line")
    data = {c: [r.get(c) for r in records] for c in cols}
    data.update({c: [int(v) if v is not None else None for v in data[c]] for c in ints})
    data.update({c: [str(v) if v is not None else None for v in data[c]] for c in cols if c not in ints})
    schema = {**{c: pl.String for c in cols}, **{c: pl.Int64 for c in ints}}
    frame = pl.DataFrame(data, schema=schema)
    # NULs are dropped before hashing; one scan of the frame's column (memchr speed) finds the
    # rare batch that has any, instead of a Python replace over every text.
    if frame["text"].str.contains("\x00", literal=True).any():
        data["text"] = [t.replace("\x00", "") for t in data["text"]]
        frame = frame.with_columns(pl.Series("text", data["text"], dtype=pl.String))
    frame = frame.with_columns(pl.Series("article_id", [content_hash(t) for t in data["text"]], dtype=pl.String))
    # ``_dated``: the record has a date of its own (among exact copies, that one is the article;
    # its ``published_source`` is metadata), kept before ``published_override`` fills in a
    # default for the others (a sidecar's date still wins).
    frame = frame.with_columns(_published_on().is_not_null().alias("_dated"))
    if published_override is not None:
        frame = frame.with_columns(pl.col("published").fill_null(pl.lit(published_override.isoformat())))
    return frame


@lru_cache(maxsize=1024)
def _letter(ch: str) -> tuple[str, frozenset[str]]:
    """(regex for the folded letter ``ch`` in its accented spellings, every character it can
    match case-insensitively)."""
    cls = unfold_regex(ch)
    spellings = cls[1:-1] if cls.startswith("[") else ch
    return cls, frozenset(v for c in spellings for v in (c, c.lower(), c.upper(), c.casefold()) if len(v) == 1)


@lru_cache(maxsize=16)
def _word_trie_regex(words: frozenset[str]) -> str:
    """A case-insensitive alternation of ``words`` (folded) in their accented spellings that
    matches what the flat alternation longest word first matches, with the same groups.

    The backtracking engine tries a flat alternation's words one by one at every position it
    reaches (~150 month names, ~25 µs a dateline); a trie shares their prefixes. Where siblings
    can match no common character, the words a trie can match at a position are prefixes of
    one another and it tries them longest first, the flat alternation's order; when they could
    (a lexicon with unusual folds), the flat alternation is kept.
    """
    flat = "|".join(unfold_regex(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    if not words:
        return flat
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str | None:
        seen: set[str] = set()
        alts = []
        for ch in sorted(c for c in node if c):
            cls, chars = _letter(ch)
            if chars & seen:
                return None
            seen |= chars
            rest = emit(node[ch])
            if rest is None:
                return None
            alts.append(cls + rest)
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie) or flat


def _dateline_pattern(lexicons: dict[str, Lexicon]) -> str:
    """The wire dateline at the top of an article, in the usual agency styles.

    "Moscú, 28 de abril (Sputnik) .-", "MOSCOW, April 28 (Reuters) -", "Moskau/Seoul (dpa) -",
    "PARIS, 28 avril 2025 (AFP) -", "(ANSA) - MOSCA, 28 APR -", "МОСКВА, 28 апреля. /ТАСС/.",
    "МОСКВА, 28 апр — РИА Новости.", "Москва. 28 апреля. INTERFAX.RU -": a place, an optional
    date, and the outlet in brackets, between slashes or around a dash. Month names come from
    the lexicons and match with or without their accents.

    The dateline may follow a headline line, with or without a blank line between (text taken
    from a web page has none). A place is capitalized words, with short lower-case connectors
    between them ("Río de Janeiro", "Frankfurt am Main"), so the first words of a lead
    sentence are no place ("Le service national de renseignement (NIS) sud-coréen a ..."); and
    an outlet without a date must be followed by a dash or a stop ("BRUSSELS (AP) -").

    Before the dateline (or instead of it), after the headline, at most two byline or timestamp
    lines: a byline word of any lexicon (``byline_words``), a capitalized name without digits
    and optionally a date and time ("Por Equipe de Checagem — 30/04/2025 10h00", "Von Max
    Mustermann, 30.04.2025, 10:00 Uhr", "Par Jean Dupont, le 30 avril 2025 à 10h00"), or a date
    and time alone on their line ("April 30, 2025 10:00 AM"). The line must end there, so a
    sentence never passes for one. Its date (``dl_bydate``) is the publication's, never an event's.
    """
    months = _word_trie_regex(frozenset(m for lex in lexicons.values() for m in lex.months))
    by_words = _word_trie_regex(frozenset(w for lex in lexicons.values() for w in lex.byline_words))
    day_month = rf"\d{{1,2}}(?:er|º|°)?\.?\s+(?:de\s+)?(?i:{months})\.?(?:,?\s+(?:de\s+)?\d{{4}}(?:\s+(?:г\.|года))?)?"
    month_day = rf"(?i:{months})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    numeric = r"\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?"
    date = f"(?:{day_month}|{month_day}|{numeric})"
    place_word = r"\p{Lu}[\p{L}'.-]{1,30}"
    place_one = rf"{place_word}(?: (?:\p{{Ll}}{{1,3}} )*{place_word}){{0,4}}"
    place = rf"{place_one}(?:/{place_one})*"
    outlet_word = r"\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,2}"
    # A time after a date, with the few words around it ("à 10h00", "10:00 Uhr", "ore 10.00",
    # "at 10:00 a.m. EDT"), then the end of the line.
    time_eol = r"(?:[^\n\d]{0,12}\d{1,2}[:h.]\d{2}[^\n\d]{0,16})?[ \t]*(?:\n|$)"
    stamp = rf"(?P<dl_bydate>{date}){time_eol}"
    byline = rf"(?i:{by_words}):?[ \t]+\p{{Lu}}[^\n\d]{{1,100}}?(?:(?:[ \t]*[-–—|,·•]+[ \t]*|[ \t]+)(?:\p{{Ll}}{{1,3}}[ \t]+)?{stamp}|[ \t]*(?:\n|$))"
    by_line = rf"(?:{byline}|{stamp})" if by_words else stamp
    dateline = (
        r"(?:\((?P<dl_outlet0>[^()\n]{2,30})\)\s*[-–—]\s*)?"
        rf"(?P<dl_place>{place})\s*(?:/[^/\n]{{1,30}}/)?\s*[,.]?\s*"
        r"(?:"
        rf"(?:(?P<dl_date>{date})\s*\.?\s*)?(?:\((?P<dl_outlet>[^()\n]{{2,40}})\)|/(?P<dl_outlet2>[^/\n]{{2,40}})/)\s*(?(dl_date)[.\-–—:]*|[.\-–—:]+)\s"
        rf"|(?P<dl_date2>{date})\s*\.?\s*(?:(?P<dl_outlet3>{outlet_word})\s*)?[-–—]\s*(?:(?P<dl_outlet4>{outlet_word})\.\s)?"
        r")"
    )
    return rf"^\s*(?:[^\n]{{0,200}}\n)?\s*(?:(?:{by_line}[ \t]*){{1,2}}(?:\s*{dateline})?|{dateline})"


def add_datelines(frame: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    if frame.is_empty():
        return frame.with_columns(*(pl.lit(None, t).alias(c) for c, t in (("dateline_place", pl.String), ("dateline_outlet", pl.String), ("dateline_day", pl.Int64), ("dateline_month", pl.Int64), ("_dateline_on", pl.Date))))
    month_map = {m: n for lex in lexicons.values() for m, n in lex.months.items()}
    # Anchored pattern, one match at most: the backtracking engine is ~3x faster than Rust's
    # automaton on it (same groups; see pipelines.extract.text.prefix_match_ends).
    groups = prefix_match_groups(frame["text"].str.slice(0, 600), _dateline_pattern(lexicons))
    out = pl.concat([frame, groups], how="horizontal")
    date_norm = fold(pl.coalesce("dl_date", "dl_date2", "dl_bydate").fill_null(""))
    words = date_norm.str.extract_all(r"\p{L}+").list.eval(pl.element().replace_strict(month_map, default=None, return_dtype=pl.Int64)).list.drop_nulls()
    numeric_month = date_norm.str.extract(r"^\d{1,2}[./](\d{1,2})").cast(pl.Int64, strict=False)
    out = out.with_columns(
        pl.col("dl_place").str.strip_chars().alias("dateline_place"),
        pl.coalesce("dl_outlet0", "dl_outlet", "dl_outlet2", "dl_outlet3", "dl_outlet4").str.strip_chars().alias("dateline_outlet"),
        date_norm.str.extract(r"(\d{1,2})").cast(pl.Int64).alias("dateline_day"),
        pl.coalesce(words.list.first(), numeric_month).alias("dateline_month"),
    )
    # A dateline with a year ("МОСКВА, 29 апреля 2025. /ТАСС/.") is a full date: _dateline_on
    # (build_articles makes it the publication date when the metadata has none).
    # A numeric date whose day and month could be swapped ("04/05/2025") is no publication
    # date, as in metadata (pipelines.ingest.meta.parse_date).
    first = date_norm.str.extract(r"^(\d{1,2})[./]\d").cast(pl.Int64, strict=False)
    ambiguous = (first <= 12) & (numeric_month <= 12) & (first != numeric_month)
    year = pl.when(ambiguous.fill_null(False)).then(None).otherwise(date_norm.str.extract(r"\b((?:19|20)\d\d)\b"))
    out = out.with_columns(make_date(year, pl.col("dateline_month"), pl.col("dateline_day")).alias("_dateline_on"))
    return out.drop("dl_place", "dl_outlet0", "dl_outlet", "dl_outlet2", "dl_outlet3", "dl_outlet4", "dl_date", "dl_date2", "dl_bydate")


# Lingua's low-accuracy mode is reliable from about this many characters; shorter texts (a
# headline-sized feed item) go to the full models, which cost ~0.9 s and ~150 MB to load, so
# they are built only when such a text needs detecting.
SHORT_TEXT_CHARS = 120


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...], low_accuracy: bool = True):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*(IsoCode639_1.from_str(c) for c in codes))
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect_languages(texts: list[str], codes: tuple[str, ...]) -> list[str | None]:
    if not texts:
        return []
    codes = tuple(sorted(codes))
    prefixes = [t[:400] for t in texts]
    found: list = [None] * len(prefixes)
    for low_accuracy in (True, False):
        picked = [n for n, t in enumerate(prefixes) if (len(t.strip()) >= SHORT_TEXT_CHARS) == low_accuracy]
        if picked:
            for n, lang in zip(picked, _detector(codes, low_accuracy).detect_languages_in_parallel_of([prefixes[n] for n in picked])):
                found[n] = lang
    return [lang.iso_code_639_1.name.lower() if lang is not None else None for lang in found]


def _published_on() -> pl.Expr:
    return pl.col("published").str.strip_chars().str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)


def _meta_language() -> pl.Expr:
    return pl.col("language").str.to_lowercase().str.slice(0, 2)


SCORED_FIELDS = ("url", "author", "title")


def metadata_score(has_date: pl.Expr, has_language: pl.Expr) -> pl.Expr:
    """How much metadata an input carries, to choose among exact copies of one article: a
    publication date outweighs everything else, then one point each for a metadata language
    (one with a lexicon) and for ``SCORED_FIELDS``.

    Computed alike on records (``split_copies``) and on stored articles (``pipelines.incremental``
    compares a new copy with the one kept by an earlier refresh), so both only count what both
    can see: the outlet is left out, as a stored article's outlet may come from its dateline,
    which exact copies share anyway."""
    return has_date.fill_null(False).cast(pl.Int32) * (len(SCORED_FIELDS) + 2) + has_language.fill_null(False).cast(pl.Int32) + pl.sum_horizontal(
        pl.col(c).is_not_null().cast(pl.Int32) for c in SCORED_FIELDS
    )


def split_copies(frame: pl.DataFrame, near: NearDuplicates, languages=()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(kept records, copies) from the records frame (with ``_order`` and ``_dated``): see the module docstring.
    ``languages``: the codes with a lexicon (a metadata language counts only then)."""
    is_page = pl.col("used_by_path").is_not_null()
    pages = frame.filter(is_page)
    main = frame.filter(~is_page)
    score = metadata_score(pl.col("_dated"), _meta_language().is_in(list(languages)))
    best = main.group_by("article_id").agg(pl.col("_order").sort_by([score, pl.col("_order")], descending=[True, False]).first().alias("_order"))
    originals = main.join(best, on=["article_id", "_order"], how="semi")
    ranked = originals.with_columns(_published_on().alias("_on")).sort(pl.col("_on"), pl.col("_order"), nulls_last=True).with_row_index("rank")
    links = near_duplicate_links(ranked.select("rank", "article_id", "text"), near)
    kept = originals.join(links, on="article_id", how="anti")
    final = main.select("_order", "article_id").join(links, on="article_id", how="left").with_columns(
        pl.coalesce("copy_of_article_id", "article_id").alias("final_id"),
    )
    copies_main = (
        main.join(final.select("_order", "final_id", "similarity"), on="_order")
        .join(kept.select("_order"), on="_order", how="anti")
        .with_columns(
            pl.when(pl.col("final_id") == pl.col("article_id")).then(pl.lit("exact")).otherwise(pl.lit("near")).alias("copy_kind"),
            pl.when(pl.col("final_id") == pl.col("article_id")).then(pl.lit(1.0)).otherwise(pl.col("similarity")).alias("similarity"),
        )
    )
    entries = main.join(final.select("_order", "final_id"), on="_order").select(
        pl.col("source_path").alias("used_by_path"), pl.col("line_no").alias("used_by_line"), "final_id"
    ).unique(["used_by_path", "used_by_line"])
    copies_page = (
        pages.unique("source_path", keep="first", maintain_order=True)
        .join(entries, on=["used_by_path", "used_by_line"], how="left")
        .with_columns(pl.lit("page").alias("copy_kind"), pl.lit(None, pl.Float64).alias("similarity"))
    )
    columns = ["_order", "source_path", "line_no", "article_id", "final_id", "copy_kind", "similarity", "title", "url", "published", "source_name"]
    kept_at = kept.select(pl.col("article_id").alias("final_id"), pl.col("source_path").alias("copy_of_path"), pl.col("line_no").alias("copy_of_line_no"))
    copies = (
        pl.concat([copies_main.select(columns), copies_page.select(columns)])
        .join(kept_at, on="final_id", how="left")
        .sort("_order")
        .select(
            "source_path", "line_no", "article_id", "copy_of_path", "copy_kind", "similarity",
            pl.col("final_id").alias("copy_of_article_id"), "copy_of_line_no", "title", "url",
            _published_on().alias("published_on"), "source_name",
        )
    )
    return kept, copies.cast(COPY_SCHEMA)


def build_articles(
    records: list[dict],
    lexicons: dict[str, Lexicon],
    *,
    published_override: dt.date | None = None,
    near: NearDuplicates | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Records -> (articles, copies). Metadata beats what is guessed."""
    if not records:
        return pl.DataFrame(schema=ARTICLE_SCHEMA), pl.DataFrame(schema=COPY_SCHEMA)
    frame = records_frame(records, published_override).with_row_index("_order")
    kept, copies = split_copies(frame, near or NearDuplicates(), list(lexicons))
    arts = kept.sort("_order").drop("_order", "used_by_path", "used_by_line")
    if arts.is_empty():
        return pl.DataFrame(schema=ARTICLE_SCHEMA), copies

    meta_lang = _meta_language()
    missing = arts.filter(meta_lang.is_null() | ~meta_lang.is_in(list(lexicons)))
    detected = detect_languages(missing["text"].to_list(), tuple(lexicons))
    guessed = pl.DataFrame({"article_id": missing["article_id"], "_detected": detected}, schema={"article_id": pl.String, "_detected": pl.String})
    arts = arts.join(guessed, on="article_id", how="left").with_columns(
        pl.when(meta_lang.is_in(list(lexicons))).then(meta_lang).otherwise(pl.col("_detected")).alias("language"),
        pl.when(meta_lang.is_in(list(lexicons))).then(pl.lit("metadata")).otherwise(pl.lit("detected")).alias("language_source"),
    ).drop("_detected")

    arts = add_datelines(arts, lexicons)
    published = _published_on()
    arts = arts.with_columns(
        pl.coalesce(published, "_dateline_on").alias("published_on"),
        pl.when(pl.col("_dated")).then(pl.lit("metadata"))
        .when(published.is_not_null()).then(pl.lit("default"))
        .when(pl.col("_dateline_on").is_not_null()).then(pl.lit("dateline"))
        .otherwise(pl.lit(None, pl.String)).alias("published_source"),
        pl.coalesce("outlet", "dateline_outlet").alias("outlet"),
        pl.col("text").str.len_chars().cast(pl.Int64).alias("char_count"),
    )
    return arts.select(list(ARTICLE_SCHEMA)).cast(ARTICLE_SCHEMA), copies
