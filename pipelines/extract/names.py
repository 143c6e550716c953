"""Person names in article text: spellings of the reference pack's people that the pack does not
list, and names of people the pack does not know.

The pack lists each person's usual spellings (``ref.entity_aliases``), found verbatim by
``claims.find_aliases``. Articles also write a pack person's name in a spelling the pack lacks:
another transliteration ("Valeri Guerásimov", "Sergei Lawrow", "Volodymyr Zelenskiy",
"Kim Čong-un"), other accents, other hyphens. ``variant_mentions`` finds those in the runs
of capitalised words that hold a word of a pack name (``name_words``: all texts at once), in
two steps, each a person only when exactly one person of the pack fits:

* **the name key**: every word lower-cased, accents off, the transliteration spellings of all
  lexicons (``name_spellings``: "sch" -> "sh", "w" -> "v", "ou" -> "u", "gue" -> "ge", ...) made
  one, hyphens and apostrophes dropped, double letters single, and the words run together.
  One to four capitalised words whose key is the key of aliases of exactly one person name
  that person ("guerasimov" -> "gerasimov", "selenski" and "zelenskyy" -> "zelenski").
* **a close spelling** of a name of two or more parts (hyphen parts count): it has as many
  parts as an alias of one person and differs from it in one part only, never the family name
  (a part that is one of the person's one-word aliases), that part close to the alias's
  (``PART_THRESHOLD``) and the whole key close (``NAME_THRESHOLD``), and no other person has an
  alias that close. "Kim Čong-un" is Kim Jong Un; "Kim Jong Il", "Elizaveta Peskova" and
  "Maria Zakharov" are nobody in the pack (the part that differs is the given name that makes
  another person, or the family name).

A spelling the pack lists always wins over a variant; a variant that covers pack mentions of
its own person replaces them ("Dmitry Peskow" over "Peskow"), one that overlaps another person's
mention is dropped.

``unknown_speakers`` finds the names a quote may be attributed to that are nobody in the pack:
capitalised words next to a verb of saying ("..., said John Smith", "Anna Petrova, a retired
colonel, said", "dijo el analista Pedro Gómez") or after a title ("President Trump"), so that
a quote they speak is not given to a pack person named earlier.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from pipelines.extract.lexicon import Lexicon, alternation, derived, derived_all
from pipelines.extract.text import collect, extract_groups, find_all, find_phrases, fold, fold_cased, fold_str, memo_on, norm

# A capitalised word: a capital, a small letter, more letters; hyphen parts in any case
# ("Jong-un", "Son-Hui"). Acronyms ("NATO", "КНДР") are no name words.
NAME_WORD = r"\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*"
# How far from a word of a pack name the run of capitalised words it is in is read.
_RUN_REACH = 80
# The most words a name of the pack is looked for in (given names, patronymic, family name).
MAX_NAME_WORDS = 4
# A close spelling: the one part that differs, and the whole key (rapidfuzz ratio, 0-100).
# "cong"/"iong" (Kim Čong-un) 75, "kimcongun"/"kimiongun" 89; "il"/"un" (Kim Jong Il) 0,
# "lim"/"kim" 67.
PART_THRESHOLD = 75.0
NAME_THRESHOLD = 85.0

MENTION_SCHEMA = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "alias_norm": pl.String, "person_id": pl.String}
UNKNOWN_SCHEMA = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "is_tied": pl.Boolean}
_DOUBLES = [c + c for c in "abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя"]


# --------------------------------------------------------------------------- the name key

def _spellings(lexicons: dict[str, Lexicon]) -> tuple[list[str], list[str]]:
    """Every lexicon's ``name_spellings`` (folded), longest first, as replace_many's patterns
    and replacements. A spelling two lexicons map differently keeps the first language's."""
    merged: dict[str, str] = {}
    for _, lex in sorted(lexicons.items()):
        for source, target in lex.name_spellings.items():
            merged.setdefault(fold_str(source), fold_str(target))
    order = sorted(merged, key=lambda s: (-len(s), s))
    return order, [merged[s] for s in order]


def key_expr(expr: pl.Expr, lexicons: dict[str, Lexicon]) -> pl.Expr:
    """The name key of a word or name: lower-case, accents off (every combining mark), the
    lexicons' transliteration spellings made one, no non-letters (spaces, hyphens,
    apostrophes), double letters single."""
    patterns, targets = derived_all(lexicons, "name_spellings", _spellings)
    out = expr.str.to_lowercase().str.normalize("NFD").str.replace_all(r"\p{M}", "")
    if patterns:
        out = out.str.replace_many(patterns, targets, leftmost=True)
    out = out.str.replace_all(r"[^\p{L}]", "")
    singles = [d[0] for d in _DOUBLES]
    # Twice: "ssss" and "iii" ("zelenskiyy") lose every double.
    return out.str.replace_many(_DOUBLES, singles).str.replace_many(_DOUBLES, singles)


def _alias_table(ref: dict[str, pl.DataFrame], lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Every person alias with its key and its parts' keys (hyphens split parts too)."""
    persons = ref["entities"].filter(pl.col("kind") == "person").select("entity_id")
    aliases = ref["entity_aliases"].join(persons, on="entity_id", how="semi").select(pl.col("entity_id").alias("person_id"), "alias_norm", "alias")
    aliases = aliases.unique(["person_id", "alias"]).with_columns(
        key_expr(pl.col("alias"), lexicons).alias("key"),
        pl.col("alias").str.split(" ").alias("_words"),
        pl.col("alias").str.replace_all("-", " ").str.split(" ").alias("_parts"),
    )
    aliases = aliases.with_columns(
        pl.col("_words").list.eval(key_expr(pl.element(), lexicons)).alias("words"),
        pl.col("_parts").list.eval(key_expr(pl.element(), lexicons)).list.eval(pl.element().filter(pl.element() != "")).alias("parts"),
    )
    return aliases.drop("_words", "_parts").filter(pl.col("key") != "")


def _pack_keys(ref: dict[str, pl.DataFrame], lexicons: dict[str, Lexicon]) -> dict[str, pl.DataFrame]:
    """Derived once per pack (and set of lexicons): the keys that name exactly one person; the
    aliases of two or more parts with each part's key; the persons' family names (keys of
    their one-word aliases); every alias key (for the one-person test of close spellings); and
    every key of an alias's word or hyphen part (a run of capitalised words none of whose words
    has one of them cannot name a pack person)."""
    def build() -> dict[str, pl.DataFrame]:
        aliases = _alias_table(ref, lexicons)
        unique = aliases.group_by("key").agg(pl.col("person_id").unique().alias("_ids"), pl.col("alias_norm").first()).filter(pl.col("_ids").list.len() == 1)
        pieces = pl.concat([aliases.select(pl.col("words").explode()), aliases.select(pl.col("parts").explode().alias("words"))]).unique()
        return {
            "exact": unique.select("key", pl.col("_ids").list.first().alias("person_id"), "alias_norm"),
            "multi": aliases.filter(pl.col("parts").list.len() >= 2).select("person_id", "alias_norm", "key", "parts").unique(["person_id", "key"]),
            "family": aliases.filter(pl.col("parts").list.len() == 1).select("person_id", pl.col("key").alias("_family")).unique(),
            "all": aliases.select("person_id", "key").unique(),
            "pieces": pieces.filter(pl.col("words") != "").rename({"words": "key"}),
        }

    fingerprint = tuple(lex.model_dump_json() for _, lex in sorted(lexicons.items()))
    return memo_on(ref["entity_aliases"], f"name_keys:{hash(fingerprint)}", build)


# --------------------------------------------------------------------------- words and runs

def _distinct_words(prep: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Every distinct capitalised word of the texts, with its ``key`` and ``parts`` (the keys of
    its hyphen parts): keys are computed once per word, not once per occurrence."""
    found = prep.select(pl.col("text").str.extract_all(NAME_WORD).alias("word")).explode("word").drop_nulls().unique()
    return found.with_columns(
        key_expr(pl.col("word"), lexicons).alias("key"),
        pl.col("word").str.split("-").list.eval(key_expr(pl.element(), lexicons)).list.eval(pl.element().filter(pl.element() != "")).alias("parts"),
    )


def name_words(prep: pl.DataFrame, keys: dict[str, pl.DataFrame], lexicons: dict[str, Lexicon], exact: pl.DataFrame | None = None) -> pl.DataFrame:
    """The words of the runs of capitalised words (one space apart) that may name a pack person:
    a run holding a word with the key of a word of an alias, or a hyphen part with a part's key
    ("Guerásimov", "Čong-un"). article_id, start, end, word, run (numbered over all runs in
    text order), key, parts. A run that is one of the ``exact`` mentions (article_id, start,
    end) as a whole has nothing more to tell and is left out.

    The texts' distinct words are keyed first; then only those words are looked for (a
    literal search, in the texts that hold one), and the run read around each: most
    capitalised words of a text are in no name of the pack."""
    schema = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "word": pl.String, "run": pl.Int64, "key": pl.String, "parts": pl.List(pl.String)}
    distinct = _distinct_words(prep, lexicons)
    pieces = keys["pieces"]["key"].implode()
    relevant = distinct.filter(pl.col("key").is_in(pieces) | pl.col("parts").list.eval(pl.element().is_in(pieces)).list.any())["word"].to_list()
    if not relevant:
        return pl.DataFrame(schema=schema)
    texts = prep.filter(pl.col("text").str.contains_any(relevant))
    found = find_all(texts, alternation(relevant), text_col="text", whole_words=True)
    if found.is_empty():
        return pl.DataFrame(schema=schema)
    # The whole run around each: the capitalised words right before and right after it.
    lo = (pl.col("start") - _RUN_REACH).clip(lower_bound=0)
    left = pl.col("text").str.slice(lo, pl.col("start") - lo).str.extract(rf"((?:{NAME_WORD}[ \u00a0])*)$", 1).str.len_chars().cast(pl.Int64)
    right = pl.col("text").str.slice(pl.col("end"), _RUN_REACH).str.extract(rf"^((?:[ \u00a0]{NAME_WORD})*)", 1).str.len_chars().cast(pl.Int64)
    runs = found.join(texts.select("article_id", "text"), on="article_id", how="left").select(
        "article_id", (pl.col("start") - left.fill_null(0)).alias("start"), (pl.col("end") + right.fill_null(0)).alias("end"), "text",
    ).unique(["article_id", "start"], keep="first", maintain_order=True)
    if exact is not None:
        runs = runs.join(exact.select("article_id", "start", "end"), on=["article_id", "start", "end"], how="anti")
    runs = runs.select("article_id", "start", pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("match"))
    # A run's words are one character apart.
    words = runs.with_row_index("run").select(
        "article_id", "run", "start", pl.col("match").str.extract_all(NAME_WORD).alias("word"),
    ).with_columns(
        pl.col("word").list.eval((pl.element().str.len_chars().cast(pl.Int64) + 1).cum_sum().shift(1).fill_null(0)).alias("_at"),
    ).explode("word", "_at")
    words = words.select(
        "article_id", (pl.col("start") + pl.col("_at")).alias("start"), (pl.col("start") + pl.col("_at") + pl.col("word").str.len_chars().cast(pl.Int64)).alias("end"),
        "word", pl.col("run").cast(pl.Int64),
    )
    return words.join(distinct, on="word", how="left", maintain_order="left").select(list(schema)).cast(schema)


def _ngrams(words: pl.DataFrame, n: int) -> pl.LazyFrame:
    """Runs of ``n`` consecutive capitalised words of one run: article_id, start, end, key."""
    cols = ["article_id", "start", pl.col("end").shift(-(n - 1)).alias("end"), pl.concat_str([pl.col("key").shift(-i) for i in range(n)]).alias("key")]
    if n == 1:
        return words.lazy().select(cols)
    # The shifted columns are read before the filter: a row's neighbours are the next words.
    same = (pl.col("run").shift(-(n - 1)) == pl.col("run")).fill_null(False)
    return words.lazy().select(*cols, same.alias("_same")).filter("_same").drop("_same")


def _innermost_out(found: pl.DataFrame) -> pl.DataFrame:
    """Drop matches inside a longer match of the same article (keep the longest names)."""
    if found.height < 2:
        return found
    other = found.select("article_id", pl.col("start").alias("_s"), pl.col("end").alias("_e"))
    inside = found.select("article_id", "start", "end").join(other, on="article_id").filter(
        (pl.col("_s") <= pl.col("start")) & (pl.col("_e") >= pl.col("end")) & ((pl.col("_e") - pl.col("_s")) > (pl.col("end") - pl.col("start")))
    ).select("article_id", "start", "end").unique()
    return found.join(inside, on=["article_id", "start", "end"], how="anti")


def _key_matches(words: pl.DataFrame, keys: dict[str, pl.DataFrame], rows: int) -> pl.DataFrame:
    """Runs of one to ``MAX_NAME_WORDS`` capitalised words whose key names exactly one person."""
    exact = keys["exact"].lazy()
    frames = [_ngrams(words, n).join(exact, on="key", how="inner") for n in range(1, MAX_NAME_WORDS + 1)]
    return collect(pl.concat(frames), rows).select(list(MENTION_SCHEMA)).cast(MENTION_SCHEMA)


def _close_matches(words: pl.DataFrame, keys: dict[str, pl.DataFrame], rows: int) -> pl.DataFrame:
    """Names of two or more parts that differ from one person's alias in one part that is not
    the family name, closely enough, with no other person as close (see the module doc)."""
    multi = keys["multi"]
    if multi.is_empty():
        return pl.DataFrame(schema=MENTION_SCHEMA)
    known_parts = multi.select(pl.col("parts").explode().unique())["parts"]
    max_parts = int(multi["parts"].list.len().max())
    # Only runs with at most one part the pack's names lack can be one part away from an alias.
    words = words.with_columns(
        pl.col("parts").list.len().cast(pl.Int64).alias("_n"),
        pl.col("parts").list.eval(pl.element().is_in(known_parts.implode())).list.sum().cast(pl.Int64).alias("_k"),
    )
    frames = []
    for n in range(1, MAX_NAME_WORDS + 1):
        same = (pl.col("run").shift(-(n - 1)) == pl.col("run")).fill_null(False) if n > 1 else pl.lit(True)
        total = pl.sum_horizontal([pl.col("_n").shift(-i) for i in range(n)])
        known = pl.sum_horizontal([pl.col("_k").shift(-i) for i in range(n)])
        # Every shifted column is read before the filter: a row's neighbours are the next words.
        frames.append(
            words.lazy().select(
                "article_id", "start", pl.col("end").shift(-(n - 1)).alias("end"),
                pl.concat_str([pl.col("key").shift(-i) for i in range(n)]).alias("key"),
                pl.concat_list([pl.col("parts").shift(-i) for i in range(n)]).alias("parts"),
                same.alias("_same"), total.alias("_total"), known.alias("_known"),
            )
            .filter(pl.col("_same") & (pl.col("_total") >= 2) & (pl.col("_total") <= max_parts) & (pl.col("_total") - pl.col("_known") <= 1))
            .drop("_same", "_total", "_known")
        )
    cands = collect(pl.concat(frames), rows)
    if cands.is_empty():
        return pl.DataFrame(schema=MENTION_SCHEMA)
    cands = cands.join(keys["exact"].select("key"), on="key", how="anti")
    if cands.is_empty():
        return pl.DataFrame(schema=MENTION_SCHEMA)

    def masked(frame: pl.DataFrame, extra: list[str]) -> pl.DataFrame:
        # One row per part position: the parts with that position blanked, and the part there.
        out = frame.with_columns(pl.int_ranges(0, pl.col("parts").list.len()).alias("_j")).explode("_j")
        blank = pl.col("parts").list.get(pl.col("_j"))
        joined = pl.concat_str(
            pl.col("parts").list.head(pl.col("_j")).list.join(" "), pl.lit("\x01"), pl.col("parts").list.slice(pl.col("_j") + 1).list.join(" "),
            separator="|",
        )
        return out.with_columns(blank.alias("_part"), pl.concat_str(pl.col("parts").list.len().cast(pl.String), joined, separator="#").alias("_mask")).select(*extra, "_part", "_mask")

    alias_masks = masked(multi, ["person_id", "alias_norm", pl.col("key").alias("_akey")])
    # The family name is never the part that differs.
    alias_masks = alias_masks.join(keys["family"].rename({"_family": "_part"}), on=["person_id", "_part"], how="anti")
    cand_masks = masked(cands.unique("key"), ["key"])
    pairs = cand_masks.join(alias_masks, on="_mask", how="inner").filter(pl.col("_part") != pl.col("_part_right"))
    if pairs.is_empty():
        return pl.DataFrame(schema=MENTION_SCHEMA)
    part_score = process.cpdist(pairs["_part"].to_list(), pairs["_part_right"].to_list(), scorer=fuzz.ratio, workers=-1)
    name_score = process.cpdist(pairs["key"].to_list(), pairs["_akey"].to_list(), scorer=fuzz.ratio, workers=-1)
    pairs = pairs.with_columns(pl.Series("_ps", part_score, dtype=pl.Float64), pl.Series("_ns", name_score, dtype=pl.Float64)).filter(
        (pl.col("_ps") >= PART_THRESHOLD) & (pl.col("_ns") >= NAME_THRESHOLD)
    )
    pairs = pairs.group_by("key").agg(pl.col("person_id").unique().alias("_ids"), pl.col("alias_norm").first()).filter(pl.col("_ids").list.len() == 1)
    if pairs.is_empty():
        return pl.DataFrame(schema=MENTION_SCHEMA)
    # No alias of another person as close to the whole name.
    every = keys["all"]
    scores = process.cdist(pairs["key"].to_list(), every["key"].to_list(), scorer=fuzz.ratio, score_cutoff=NAME_THRESHOLD, workers=-1)
    owners = every["person_id"].to_numpy()
    ids = pairs["_ids"].list.first().to_list()
    alone = [bool(np.all(owners[np.nonzero(row)[0]] == pid)) for row, pid in zip(scores, ids, strict=True)]
    won = pairs.filter(pl.Series(alone, dtype=pl.Boolean)).select("key", pl.col("_ids").list.first().alias("person_id"), "alias_norm")
    return cands.join(won, on="key", how="inner").select(list(MENTION_SCHEMA)).cast(MENTION_SCHEMA)


def variant_mentions(prep: pl.DataFrame, ref: dict[str, pl.DataFrame], lexicons: dict[str, Lexicon], exact: pl.DataFrame) -> pl.DataFrame:
    """``exact`` (the pack's spellings found verbatim: article_id, start, end, alias_norm,
    person_id) with the spellings of pack people the pack does not list (see the module doc)."""
    if prep.is_empty() or ref["entity_aliases"].is_empty():
        return exact
    keys = _pack_keys(ref, lexicons)
    words = name_words(prep, keys, lexicons, exact)
    if words.is_empty():
        return exact
    found = pl.concat([_key_matches(words, keys, prep.height), _close_matches(words, keys, prep.height)])
    # Most runs with a key are the pack's own spellings, found verbatim already.
    found = found.unique(["article_id", "start", "end"], keep="first").join(exact, on=["article_id", "start", "end"], how="anti")
    found = _innermost_out(found)
    if found.is_empty():
        return exact
    # Against the verbatim mentions: a variant inside (or equal to) one goes, one crossing
    # another person's goes, one covering its own person's mentions replaces them.
    pairs = found.select("article_id", "start", "end", "person_id").join(
        exact.select("article_id", pl.col("start").alias("_s"), pl.col("end").alias("_e"), pl.col("person_id").alias("_p")), on="article_id",
    ).filter((pl.col("_s") < pl.col("end")) & (pl.col("_e") > pl.col("start")))
    covers = (pl.col("start") <= pl.col("_s")) & (pl.col("end") >= pl.col("_e")) & ((pl.col("end") - pl.col("start")) > (pl.col("_e") - pl.col("_s")))
    bad = pairs.filter(~covers | (pl.col("_p") != pl.col("person_id"))).select("article_id", "start").unique()
    found = found.join(bad, on=["article_id", "start"], how="anti")
    replaced = pairs.join(found.select("article_id", "start"), on=["article_id", "start"], how="semi").select("article_id", pl.col("_s").alias("start")).unique()
    kept = exact.join(replaced, on=["article_id", "start"], how="anti")
    return pl.concat([kept.select(list(MENTION_SCHEMA)).cast(MENTION_SCHEMA), found]).sort("article_id", "start")


# --------------------------------------------------------------------------- namesakes

def _not_given_names(lexicons: dict[str, Lexicon]) -> tuple[list[str], list[str], list[str]]:
    """(every word of the lexicons' lists that may stand right before a family name without
    being a given name: titles, honorifics, articles, nationalities, connectors, months,
    weekdays, relative days, markers, verbs of saying, conjunctions, nouns that govern a name in
    the genitive ("визит", "Besuch"), ...; the title heads of four letters or more, which also
    end compounds ("Kremlchef", "Staatspräsident"); the patronymic endings and the endings of
    common nouns ("ние", "ung")), folded, from all lexicons (an article may name a Russian in English)."""
    words: set[str] = set()
    heads: set[str] = set()
    endings: set[str] = set()
    for lex in lexicons.values():
        lists = (
            lex.title_heads + lex.title_words + lex.honorifics + lex.determiners + lex.country_adjectives + lex.name_connectors
            + list(lex.months) + list(lex.weekdays) + list(lex.relative_days) + lex.current_markers + lex.former_markers + lex.then_markers
            + lex.deputy_markers + lex.until_markers + lex.since_markers + lex.complementizers + lex.conjunctions + lex.negations
            + lex.function_words + lex.copulas + lex.speech_verbs + lex.reporting_verbs + lex.comparison_markers + lex.past_markers + lex.recently_words
            + lex.head_nouns
        )
        for phrase in lists:
            words.update(w for w in re.split(r"[^\w-]+", fold_str(phrase)) if w)
        heads.update(h for h in map(fold_str, lex.title_heads) if len(h) >= 4 and " " not in h)
        endings.update(e for e in map(fold_str, lex.patronymic_endings + lex.noun_endings) if e)
    return sorted(words), sorted(heads), sorted(endings)


def namesakes(prep: pl.DataFrame, mentions: pl.DataFrame, ref: dict[str, pl.DataFrame], lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """``mentions`` (article_id, start, end, alias_norm, person_id) with the family names of
    other people taken out of the pack person: a one-word mention right after a capitalised
    word that is a given name, but not one of this person's ("Елизавета Пескова", "Valentin
    Gerasimov", "Maria Lavrova"), names someone else. Such a mention runs over the given name
    and has no person_id (a name the pack does not know).

    The word before is a given name unless it is a lexicon word (a title, honorific, article,
    nationality, month, verb of saying, ...: "President Putin", "Mr Lavrov", "Präsident Putin",
    "министр Лавров"), a noun that governs a name in the genitive ("Визит Шойгу", "Besuch
    Schoigus": ``head_nouns``), ends in a title head ("Kremlchef Putin") or a common noun's
    ending ("Заявление Пескова", "Erklärung Putins": ``noun_endings``), is a name of something else in
    the pack ("Kremlin"), or the article also writes it in lower case (a common word opening the
    sentence). It is this person's when its key is, or is close to (``PART_THRESHOLD``), a given
    name of one of the person's aliases ("Dmitri", "Dmitrij", "Дмитрия" for Peskov), or when it
    is a patronymic (``patronymic_endings``: "Владимирович")."""
    if mentions.is_empty() or prep.is_empty():
        return mentions
    words, heads, endings = derived_all(lexicons, "not_given_names", _not_given_names)
    text = pl.col("text")
    lo = (pl.col("start") - 60).clip(lower_bound=0)
    cands = mentions.with_row_index("_m").join(prep.select("article_id", "text"), on="article_id", how="left").with_columns(
        text.str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("_name"),
        text.str.slice(lo, pl.col("start") - lo).str.extract(rf"(?:^|[^\p{{L}}\p{{M}}\p{{N}}'’.])({NAME_WORD})[ \u00a0]$", 1).alias("_given"),
    ).filter(pl.col("_given").is_not_null() & ~pl.col("_name").str.contains(r"\s"))
    if cands.is_empty():
        return mentions
    given = fold(pl.col("_given"))
    parts = given.str.split("-")
    others = [n.strip() for n in _other_names(ref)[0]]
    lowered = pl.concat_str(pl.lit(r"(?:^|[^\p{L}\p{M}])"), pl.col("_given").str.to_lowercase(), pl.lit(r"(?:[^\p{L}\p{M}]|$)"))
    cands = cands.filter(
        ~parts.list.eval(pl.element().is_in(words + others)).list.any()
        & ~(given.str.contains(rf"(?:{'|'.join(map(re.escape, heads))})$") if heads else pl.lit(False))
        & ~(given.str.contains(rf"(?:{'|'.join(map(re.escape, endings))})$") if endings else pl.lit(False))
        & ~text.str.contains(lowered)
    )
    if cands.is_empty():
        return mentions
    # The person's given names: the parts of their aliases of two or more parts that are not a
    # family name (the key of a one-word alias).
    keys = _pack_keys(ref, lexicons)
    own = keys["multi"].select("person_id", pl.col("parts").alias("_part")).explode("_part").unique().join(
        keys["family"].rename({"_family": "_part"}), on=["person_id", "_part"], how="anti",
    )
    cands = cands.with_columns(key_expr(pl.col("_given"), lexicons).alias("_key"))
    pairs = cands.select("_m", "person_id", "_key").join(own, on="person_id", how="inner")
    if not pairs.is_empty():
        score = process.cpdist(pairs["_key"].to_list(), pairs["_part"].to_list(), scorer=fuzz.ratio, workers=-1)
        mine = pairs.filter(pl.Series(score >= PART_THRESHOLD, dtype=pl.Boolean)).select("_m").unique()
        cands = cands.join(mine, on="_m", how="anti")
    if cands.is_empty():
        return mentions
    moved = cands.select("_m", (pl.col("start") - pl.col("_given").str.len_chars().cast(pl.Int64) - 1).alias("_start"))
    out = mentions.with_row_index("_m").join(moved, on="_m", how="left").with_columns(
        pl.coalesce("_start", "start").alias("start"),
        pl.when(pl.col("_start").is_null()).then(pl.col("person_id")).alias("person_id"),
    )
    return out.select(list(MENTION_SCHEMA)).cast(MENTION_SCHEMA)


# --------------------------------------------------------------------------- unknown speakers

# A run of capitalised words: up to six, one space between.
_RUN = rf"{NAME_WORD}(?:[ \u00a0]{NAME_WORD}){{0,5}}"
# A run right before a verb of saying: after it an apposition between commas ("John Smith, a
# retired colonel, said"), then at most one short word ("has said", "a déclaré", "ha detto").
_BEFORE_VERB = rf"(?:^|[^\p{{L}}\p{{M}}])(?P<run>{_RUN})(?P<gap>(?:,[^,.!?;:«»“”„\"\n]{{1,60}},)?[ \u00a0]+(?:\p{{Ll}}{{1,4}}[ \u00a0]+)?)$"
# A run right after a verb of saying: up to two lower-case words between ("dijo el analista
# Pedro Gómez", "ha detto l'analista", "sagte der Politologe"), a comma, an abbreviated
# honorific ("M. Dupont", "Dr. Smith").
_AFTER_VERB = rf"^(?P<gap>[ \u00a0]*,?[ \u00a0]*(?:\p{{Ll}}[\p{{L}}'’-]*[ \u00a0]*,?[ \u00a0]+){{0,2}}(?:\p{{Lu}}\p{{Ll}}{{0,3}}\.[ \u00a0]+)?)(?P<run>{_RUN})"
# How much text either side of a verb is read.
_VERB_REACH = 100
# Names of more words are taken for organisations ("Korean Central News Agency").
MAX_UNKNOWN_WORDS = 3


def _folded_alt(words: list[str]) -> str:
    """Lexicon words folded (``fold_str``: lower case, no accents), longest first, as a regex
    alternation; one that matches nothing for no words."""
    items = sorted({fold_str(w).strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in items) or r"[^\s\S]"


def _speaker_plan(lex: Lexicon) -> tuple[str, str]:
    """(the lexicon words that may open a run of capitalised words without being part of a name:
    titles, honorifics, articles, nationalities, months, weekdays, "yesterday"; a title or
    honorific ending the text before a name), as regexes over folded text."""
    lead_words = (
        lex.title_heads + lex.title_words + lex.honorifics + lex.determiners + lex.country_adjectives + lex.name_connectors
        + list(lex.months) + list(lex.weekdays) + list(lex.relative_days) + lex.current_markers + lex.former_markers + lex.then_markers + lex.deputy_markers
    )
    lead = rf"^((?:(?:{_folded_alt(lead_words)})[ \u00a0]+){{0,3}})"
    titled = rf"(?:^|[^\p{{L}}])(?:{_folded_alt(lex.title_heads + lex.honorifics)})\.?[ \u00a0]+$"
    return lead, titled


def unknown_speakers(prep: pl.DataFrame, verbs: pl.DataFrame, persons: pl.DataFrame, ref: dict[str, pl.DataFrame], lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Names next to a verb of saying that are nobody in the pack: article_id, start, end and
    ``is_tied`` (true: the name is tied to the verb).

    A run of capitalised words right before a verb of saying (``verbs``: article_id, start,
    end), with at most an apposition and a short auxiliary between, or right after one, with at
    most two lower-case words between (read in ``_VERB_REACH`` characters either side of each
    verb). Lexicon words that open the run are not part of the name ("President Trump" ->
    "Trump", "Yesterday John Smith" -> "John Smith"). The name has two or three words, or one
    after a title or honorific; the run overlaps no pack person (``persons``) and holds no
    other name of the pack (a state, a place, an organisation, a treaty: "Kremlin", "Moscow",
    "Korean Central News Agency"; an office wording in the name), and a run that opens its
    sentence does not start with a word the article also writes in lower case ("Diplomatischen
    Kreisen zufolge", "Russische Medien berichteten").
    """
    if verbs.is_empty():
        return pl.DataFrame(schema=UNKNOWN_SCHEMA)
    near = verbs.select("article_id", pl.col("start").alias("v_start"), pl.col("end").alias("v_end")).join(
        prep.select("article_id", "language", "text"), on="article_id", how="left",
    )
    lo = (pl.col("v_start") - _VERB_REACH).clip(lower_bound=0)
    before = extract_groups(pl.col("text").str.slice(lo, pl.col("v_start") - lo), _BEFORE_VERB)
    after = extract_groups(pl.col("text").str.slice(pl.col("v_end"), _VERB_REACH), _AFTER_VERB)
    found = near.with_columns(before.alias("_b"), after.alias("_a"))
    # Where the run starts: before the verb, the gap and the run back from it; after, the gap on.
    runs = pl.concat([
        found.select("article_id", "language", "text", pl.col("_b").struct.field("run"), (pl.col("v_start") - pl.col("_b").struct.field("gap").str.len_chars().cast(pl.Int64)).alias("_at"), pl.lit(True).alias("_before")),
        found.select("article_id", "language", "text", pl.col("_a").struct.field("run"), (pl.col("v_end") + pl.col("_a").struct.field("gap").str.len_chars().cast(pl.Int64)).alias("_at"), pl.lit(False).alias("_before")),
    ]).filter(pl.col("run").is_not_null())
    if runs.is_empty():
        return pl.DataFrame(schema=UNKNOWN_SCHEMA)
    length = pl.col("run").str.len_chars().cast(pl.Int64)
    runs = runs.with_columns(pl.when(pl.col("_before")).then(pl.col("_at") - length).otherwise(pl.col("_at")).alias("start")).unique(["article_id", "start"])
    runs = runs.with_columns((pl.col("start") + length).alias("end"))
    # Not a pack person (anywhere in the run).
    if not persons.is_empty():
        known = runs.select("article_id", "start", "end").join(persons.select("article_id", pl.col("start").alias("_ps"), pl.col("end").alias("_pe")), on="article_id", how="inner").filter(
            (pl.col("_ps") < pl.col("end")) & (pl.col("_pe") > pl.col("start"))
        ).select("article_id", "start").unique()
        runs = runs.join(known, on=["article_id", "start"], how="anti")
    lo = (pl.col("start") - 40).clip(lower_bound=0)
    preceding = fold(pl.col("text").str.slice(lo, pl.col("start") - lo))
    # One word is a name only after a title or honorific: a lower-case word or an abbreviation
    # ("M. Dupont") right before it, or one of its own words, which makes it two.
    runs = runs.with_columns(pl.col("run").str.extract_all(NAME_WORD).alias("_words")).filter(
        (pl.col("_words").list.len() >= 2) | preceding.str.contains(r"[\p{Ll}.][ \u00a0]+$")
    )
    if runs.is_empty():
        return pl.DataFrame(schema=UNKNOWN_SCHEMA)
    # The words that open the run without being a name, per language.
    frames = []
    for code in runs["language"].unique().to_list():
        lex = lexicons.get(code)
        part = runs.filter(pl.col("language") == code)
        if lex is None:
            part = part.with_columns(pl.lit("").alias("_lead"), pl.lit(False).alias("_titled"))
        else:
            lead, titled = derived(lex, "speaker_plan", _speaker_plan)
            part = part.with_columns(fold(pl.col("run")).str.extract(lead, 1).fill_null("").alias("_lead"))
            part = part.with_columns((pl.col("_lead").str.contains(titled) | preceding.str.contains(titled)).fill_null(False).alias("_titled"))
        frames.append(part)
    runs = pl.concat(frames, how="vertical_relaxed")
    skip = pl.col("_lead").str.count_matches(" ").cast(pl.Int64)
    size = pl.col("_words").list.len().cast(pl.Int64) - skip
    runs = runs.with_columns(skip.alias("_skip")).filter(
        (size <= MAX_UNKNOWN_WORDS) & ((size >= 2) | ((size == 1) & pl.col("_titled")))
    )
    # A run that opens its sentence owes its first capital to the position: when the article
    # also writes that word in lower case, it is a common word, not a name.
    opens = (pl.col("_skip") == 0) & preceding.str.contains(r"(?:^|[.!?»”\"]\s+|\n\s*|\s[-–—]\s+)$")
    lower = pl.concat_str(pl.lit(" "), pl.col("_words").list.first().str.to_lowercase(), pl.lit(" "))
    runs = runs.filter(~(opens & pl.col("text").str.contains(lower, literal=True)))
    # The name is the end of the run (its words are one space apart).
    name = pl.col("_words").list.slice(pl.col("_skip")).list.join(" ")
    runs = runs.select("article_id", (pl.col("end") - name.str.len_chars().cast(pl.Int64)).alias("start"), "end", name.alias("_name"), "run")
    # Nor a name of anything else the pack knows: a state, place, organisation or treaty
    # anywhere in the run ("Korean Central News Agency"), an office wording in the name.
    def padded(column: str) -> pl.Expr:
        return pl.concat_str(pl.lit(" "), norm(pl.col(column)), pl.lit(" "))

    for column, names in zip(("run", "_name"), _other_names(ref), strict=True):
        if names:
            runs = runs.filter(~padded(column).str.contains_any(names))
    return runs.select("article_id", "start", "end", pl.lit(True).alias("is_tied")).unique(["article_id", "start"]).cast(UNKNOWN_SCHEMA)


def _other_names(ref: dict[str, pl.DataFrame]) -> tuple[list[str], list[str]]:
    """The pack's names of states, places, organisations, outlets and treaties, and its office
    wordings, in matching form with a space either side (" kremlin ", " state duma ")."""
    def padded(*series: pl.Series) -> list[str]:
        return sorted({f" {n} " for s in series for n in s.to_list() if n})

    non_persons = ref["entities"].filter(pl.col("kind") != "person").select("entity_id")
    treaties = ref["treaty_names"].filter(pl.col("name_kind") == "name")["alias_norm"] if "treaty_names" in ref else pl.Series([], dtype=pl.String)
    return padded(ref["entity_aliases"].join(non_persons, on="entity_id", how="semi")["alias_norm"], treaties), padded(ref["office_aliases"]["alias_norm"])



# --------------------------------------------------------------------------- organisations as speakers

ORG_SCHEMA = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "org_id": pl.String, "kind": pl.String}
# Speaking kinds of pack entities that are no person.
ORG_KINDS = ("organisation", "outlet")
# Between a state (or capital) and the verb of saying after it: spaces and the language's
# ``auxiliaries`` ("Moscow has said", "Moscou a déclaré"), over folded text.
_STATE_BEFORE_VERB = r"^(?:[ \u00a0]+(?:{aux}))*[ \u00a0]+$"
# What a state (or capital) that opens its clause follows: the start of the text or a line,
# punctuation or a quotation mark, or a determiner or conjunction of the language ("La Russie
# a déclaré", "But Moscow said"); never a preposition ("Putin said in Moscow").
_STATE_LEAD = r"(?:^|[\n.!?:;,(«»\"“”„—–][ \u00a0]*|(?:^|[^\p{{L}}])(?:{words})[ \u00a0]+|(?:^|[^\p{{L}}])(?:{elided}))$"
# After "said Moscow", "según Moscú", "по словам Москвы": the clause ends (punctuation, a
# quotation mark, the end of a line), so the state is no subject of a reported clause.
_STATE_AFTER = r"^(?:[ \u00a0]*(?:[.,;:!?)«»\"“”„—–]|$)|[ \u00a0]*\n)"
# An acronym ("KCNA", "МИД", "DPRK"): no name word, but a word of an organisation's name.
_ACRONYM = r"\p{Lu}{2,}"
# Between an organisation and the verb of saying after it: at most three lower-case words, no
# punctuation and no name ("The Kremlin said", "a Kremlin spokesman told", "le ministère a
# déclaré", "В Кремле заявили"; not "Kremlin spokesman Dmitry Peskov said").
_ORG_BEFORE_VERB = r"^(?:['’]s)?(?:[ \u00a0]+\p{Ll}[\p{Ll}\p{M}-]*){0,3}[ \u00a0]+$"
# Between a verb of saying and the organisation after it: a comma, at most two lower-case
# words or elided articles ("according to the Kremlin", "dijo la cancillería", "selon
# l'agence", "заявили в МИД").
_ORG_AFTER_VERB = r"^[ \u00a0]*,?(?:[ \u00a0]*\p{Ll}+['’]|[ \u00a0]+\p{Ll}[\p{Ll}\p{M}]*){0,2}[ \u00a0]*$"


def _organisation_plan(lex: Lexicon) -> tuple[str, str, str, str] | None:
    """One language's organisation words (a regex over folded text), the words before them and
    after them that belong to the name (over accent-folded text with capitals), and the words
    that open a name without being part of it (None: the lexicon has no organisation words)."""
    if not lex.organisation_words:
        return None

    heads = "|".join(sorted({w.strip() for w in lex.organisation_words if w.strip()}, key=len, reverse=True))
    name_word = rf"(?:{NAME_WORD}|{_ACRONYM})"
    # "Russian Foreign Ministry", "North Korea's foreign ministry", "das russische Außenministerium".
    # The nationalities in lower case only: written capitalised or in capitals they are name
    # words or acronyms. A case-insensitive (?i:) alternation here, searched for a match that
    # ends at the end of the text, cost ~1 ms a match over Cyrillic (3 s of CPU per 10,000
    # Russian articles), two hundred times this.
    left = rf"((?:(?:{_folded_alt(lex.country_adjectives)}|{name_word})[ \u00a0]+){{0,3}})$"
    # "Ministry of Foreign Affairs of the DPRK", "ministère nord-coréen des Affaires étrangères",
    # "МИД России", "cancillería rusa", "agency KCNA".
    connector = rf"(?:(?i:{_folded_alt(lex.name_connectors + lex.determiners)})[ \u00a0]+|\p{{L}}['’])"
    right = rf"^((?:[ \u00a0]+{connector}{{0,2}}(?:(?i:{_folded_alt(lex.country_adjectives + lex.title_words)})\b|{name_word}))*)"
    lead = rf"^((?:(?i:{_folded_alt(lex.determiners + lex.function_words + lex.name_connectors)})[ \u00a0]+)*)"
    return rf"(?:{heads})", left, right, lead


# A place (a state or capital after one of the ``place_prepositions``) that opens its clause.
_PLACE_LEAD = r"(?:^|[\n.!?:;,(«»\"“”„—–][ \u00a0]*|(?:^|[^\p{{L}}])(?:{conj})[ \u00a0]+)(?:{preps})[ \u00a0]+$"
# Between that place and the verb: a comma, then an impersonal subject and auxiliaries ("In
# Moscow they have said", "À Moscou, on a déclaré") ...
_PLACE_SUBJECT = r"^[ \u00a0]*,?[ \u00a0]*(?:{subjects})(?:[ \u00a0]+(?:{aux}))*[ \u00a0]+$"
# ... or auxiliaries only, when the words right after the place are an impersonal verb
# ("В Москве заявили", "A Mosca hanno detto", "In Moskau hieß es").
_PLACE_AUX = r"^[ \u00a0]*,?(?:[ \u00a0]*(?:{aux}))*[ \u00a0]+$"
_PLACE_VERB = r"^[ \u00a0]*,?[ \u00a0]*(?:(?:{aux})[ \u00a0]+)*(?:{verbs})(?:[^\p{{L}}]|$)"


def _state_plan(lex: Lexicon) -> tuple[str, str, str | None, str, str, str]:
    """One language's tie of a state (or capital) to a verb of saying: what may stand between
    the state and the verb after it, and what the state follows (over folded text); then the
    same for a place of an impersonal verb (``place_prepositions``): what the place follows
    (None without prepositions), what stands between it and the verb with an impersonal
    subject, with auxiliaries only, and what opens the words after it then."""
    leads = lex.determiners + lex.conjunctions
    elided = [w for w in leads if w.strip().endswith(("'", "’"))]
    aux = _folded_alt(lex.auxiliaries)
    return (
        _STATE_BEFORE_VERB.format(aux=aux),
        _STATE_LEAD.format(words=_folded_alt([w for w in leads if w not in elided]), elided=_folded_alt(elided)),
        _PLACE_LEAD.format(conj=_folded_alt(lex.conjunctions), preps=_folded_alt(lex.place_prepositions)) if lex.place_prepositions else None,
        _PLACE_SUBJECT.format(subjects=_folded_alt(lex.impersonal_subjects), aux=aux),
        _PLACE_AUX.format(aux=aux),
        _PLACE_VERB.format(aux=aux, verbs="|".join(sorted({fold_str(w).strip() for w in lex.impersonal_verbs if w.strip()}, key=len, reverse=True)) or "(?!)"),
    )


def _state_names(ref: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The pack's names of states and of capitals (places with ``capital_of``), written with a
    capital (names, not the adjectives "ruso", "russe"): alias_norm, alias, entity_id (the
    state: a capital's is the state it is the capital of)."""
    entities = ref["entities"]
    capital = pl.col("capital_of") if "capital_of" in entities.columns else pl.lit(None, pl.String)
    speaking = entities.filter((pl.col("kind") == "state") | ((pl.col("kind") == "place") & capital.is_not_null())).select(
        "entity_id", pl.coalesce(capital, pl.col("entity_id")).alias("_state"),
    )
    return ref["entity_aliases"].join(speaking, on="entity_id", how="inner").filter(pl.col("alias").str.contains(r"^\p{Lu}")).select(
        "alias_norm", "alias", pl.col("_state").alias("entity_id"),
    ).unique()


def _state_speakers(found: pl.DataFrame, names: pl.DataFrame, prep: pl.DataFrame, verbs: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """States and capitals (``found``: article_id, start, end, org_id) that are the subject of a
    verb of saying: written with a capital, not inside an organisation's name (``names``), and
    either opening their clause right before the verb ("Moscow said", "Seúl afirmó",
    "Москва заявила", "Moscou a déclaré") or right after it at the end of the clause
    ("«…», afirmó Seúl.", "according to Moscow,", "по словам Москвы,")."""
    found = found.join(prep.select("article_id", "text", "language"), on="article_id", how="left").filter(
        pl.col("text").str.slice(pl.col("start"), 1).str.contains(r"^\p{Lu}")
    )
    if not names.is_empty():
        inside = found.select("article_id", "start", "end").join(names.select("article_id", pl.col("start").alias("_s"), pl.col("end").alias("_e")), on="article_id").filter(
            (pl.col("_s") < pl.col("end")) & (pl.col("_e") > pl.col("start"))
        ).select("article_id", "start").unique()
        found = found.join(inside, on=["article_id", "start"], how="anti")
    pairs = found.join(verbs.select("article_id", pl.col("start").alias("v_start"), pl.col("end").alias("v_end")), on="article_id", how="inner").filter(
        ((pl.col("v_start") >= pl.col("end")) & (pl.col("v_start") - pl.col("end") <= 30))
        | ((pl.col("start") >= pl.col("v_end")) & (pl.col("start") - pl.col("v_end") <= 3))
    )
    if pairs.is_empty():
        return pl.DataFrame(schema=ORG_SCHEMA)
    lo = (pl.col("start") - 40).clip(lower_bound=0)
    preceding = fold(pl.col("text").str.slice(lo, pl.col("start") - lo))
    between = fold(pl.col("text").str.slice(pl.col("end"), (pl.col("v_start") - pl.col("end")).clip(lower_bound=0)))
    gap_after = pl.col("text").str.slice(pl.col("v_end"), (pl.col("start") - pl.col("v_end")).clip(lower_bound=0))
    frames = []
    for code in pairs["language"].unique().to_list():
        lex = lexicons.get(code)
        if lex is None:
            continue
        before_verb, lead, place_lead, place_subject, place_aux, place_verb = derived(lex, "state_plan", _state_plan)
        part = pairs.filter(pl.col("language") == code)
        verb_after = pl.col("v_start") >= pl.col("end")
        # "В Москве заявили", "In Moscow they said": the place of an impersonal verb of saying.
        as_place = (
            verb_after & preceding.str.contains(place_lead)
            & (between.str.contains(place_subject) | (between.str.contains(place_aux) & fold(pl.col("text").str.slice(pl.col("end"), 60)).str.contains(place_verb)))
        ) if place_lead is not None else pl.lit(False)
        frames.append(part.filter(
            (verb_after & between.str.contains(before_verb) & preceding.str.contains(lead))
            | as_place
            | ((pl.col("start") >= pl.col("v_end")) & gap_after.str.contains(r"^[ \u00a0]+$") & pl.col("text").str.slice(pl.col("end"), 3).str.contains(_STATE_AFTER))
        ))
    if not frames:
        return pl.DataFrame(schema=ORG_SCHEMA)
    return pl.concat(frames).select("article_id", "start", "end", "org_id", pl.lit("state").alias("kind")).unique(["article_id", "start"]).cast(ORG_SCHEMA)


def organisation_speakers(prep: pl.DataFrame, verbs: pl.DataFrame, ref: dict[str, pl.DataFrame], lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Organisations, and states speaking as one, tied to a verb of saying (``verbs``:
    article_id, start, end): article_id, start, end, ``org_id`` (the pack entity, or null for an
    organisation the pack does not hold) and ``kind`` ('organisation' or 'state').

    An organisation is a name of a pack entity of kind organisation or outlet ("Kremlin",
    "KCNA", "Кремле"), or a name built on one of the language's ``organisation_words``
    ("ministry", "cancillería", "Außenministerium", "МИД", "agence"): the word with the
    nationalities, capitalised words and acronyms right before it and, after it, those and the
    office words (``title_words``) with connectors between ("the Russian Foreign Ministry",
    "ministère nord-coréen des Affaires étrangères", "МИД России"). Such a name holding a pack
    entity's name is that entity ("пресс-служба Кремля", "state news agency KCNA").

    It is tied when the verb follows with at most three lower-case words between ("The Kremlin
    said", "a Kremlin spokesman said", "В Кремле заявили") or precedes it with a comma and at
    most two lower-case words between ("according to KCNA", "dijo la cancillería rusa"). A
    person named between ("Kremlin spokesman Dmitry Peskov said") keeps the verb.

    A state is a pack state's name, or a capital's (a place with ``capital_of``, which is that
    state: "Moscow" is ``russia``), written with a capital, outside any organisation's name,
    that is the subject of the verb (``_state_speakers``): "Moscow said", "Pyongyang stated",
    "Москва заявила", "Berlin erklärte", "«…», afirmó Seúl."; not "Putin said in Moscow"."""
    if verbs.is_empty() or prep.is_empty():
        return pl.DataFrame(schema=ORG_SCHEMA)
    orgs = ref["entities"].filter(pl.col("kind").is_in(ORG_KINDS)).select("entity_id")
    aliases = ref["entity_aliases"].join(orgs, on="entity_id", how="semi").select("alias_norm", "alias", "entity_id").unique()
    # States and capitals are searched for apart: a state's name must not hide an organisation's
    # that starts inside it (the search gives non-overlapping matches).
    states = _state_names(ref)
    state_found = find_phrases(prep, states["alias_norm"].to_list(), text_col="ms", whole_words=True).rename({"match": "alias_norm"}).join(
        states.select("alias_norm", pl.col("entity_id").alias("org_id")).unique(), on="alias_norm", how="inner",
    ).select("article_id", "start", "end", "org_id")
    frames = []
    if not aliases.is_empty():
        found = find_phrases(prep, aliases["alias_norm"].to_list(), text_col="ms", whole_words=True).rename({"match": "alias_norm"})
        found = found.join(aliases, on="alias_norm", how="inner").join(prep.select("article_id", "text"), on="article_id", how="left")
        # An acronym is one only in capitals: Italian "un diplomatico" is no "UN".
        written = pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
        acronym = pl.col("alias").str.contains(r"^[\p{Lu}\p{N}.\s]+$")
        found = found.filter(~acronym | (written == pl.col("alias"))).select("article_id", "start", "end", pl.col("entity_id").alias("org_id"), pl.lit("organisation").alias("kind"))
        frames.append(found.unique(["article_id", "start"], keep="first"))
    pack = frames[0] if frames else pl.DataFrame(schema=ORG_SCHEMA)
    # Names built on organisation words, per language.
    built = []
    for code, lex in lexicons.items():
        plan = derived(lex, "organisation_plan", _organisation_plan)
        sub = prep.filter(pl.col("language") == code)
        if plan is None or sub.is_empty():
            continue
        heads, left, right, lead = plan
        found = find_all(sub, heads, text_col="folded", whole_words=True)
        if found.is_empty():
            continue
        text = pl.col("text")
        lo = (pl.col("start") - 80).clip(lower_bound=0)
        found = found.join(sub.select("article_id", "text"), on="article_id", how="left").with_columns(
            fold_cased(text.str.slice(lo, pl.col("start") - lo)).str.extract(left, 1).fill_null("").alias("_left"),
            fold_cased(text.str.slice(pl.col("end"), 100)).str.extract(right, 1).fill_null("").alias("_right"),
        ).with_columns(pl.col("_left").str.extract(lead, 1).fill_null("").str.len_chars().cast(pl.Int64).alias("_lead"))
        built.append(found.select(
            "article_id",
            (pl.col("start") - pl.col("_left").str.len_chars().cast(pl.Int64) + pl.col("_lead")).alias("start"),
            (pl.col("end") + pl.col("_right").str.len_chars().cast(pl.Int64)).alias("end"),
        ))
    if built:
        names = pl.concat(built).unique(["article_id", "start"]).sort("article_id", "start", "end", descending=[False, False, True]).unique(["article_id", "start"], keep="first")
        # A built name holding (or overlapping) a pack entity's name is that entity.
        holds = names.join(pack.select("article_id", pl.col("start").alias("_s"), pl.col("end").alias("_e"), "org_id"), on="article_id", how="inner").filter(
            (pl.col("_s") < pl.col("end")) & (pl.col("_e") > pl.col("start"))
        )
        merged = holds.group_by("article_id", "start", "end").agg(pl.col("org_id").sort_by("_s").first(), pl.min("_s"), pl.max("_e")).select(
            "article_id", pl.min_horizontal("start", "_s").alias("start"), pl.max_horizontal("end", "_e").alias("end"), "org_id", pl.lit("organisation").alias("kind"),
        )
        alone = names.join(holds.select("article_id", "start").unique(), on=["article_id", "start"], how="anti").with_columns(pl.lit(None, pl.String).alias("org_id"), pl.lit("organisation").alias("kind"))
        inside = pack.join(holds.select("article_id", pl.col("_s").alias("start")).unique(), on=["article_id", "start"], how="anti")
        pack = pl.concat([merged.cast(ORG_SCHEMA), alone.select(list(ORG_SCHEMA)).cast(ORG_SCHEMA), inside.cast(ORG_SCHEMA)])
    spoken = _state_speakers(state_found, pack, prep, verbs, lexicons) if not state_found.is_empty() else pl.DataFrame(schema=ORG_SCHEMA)
    if pack.is_empty():
        return spoken
    names = _innermost_out(pack.unique(["article_id", "start", "end"]))
    # Tied to a verb of saying.
    pairs = names.join(verbs.select("article_id", pl.col("start").alias("v_start"), pl.col("end").alias("v_end")), on="article_id", how="inner").filter(
        ((pl.col("v_start") >= pl.col("end")) & (pl.col("v_start") - pl.col("end") <= 40))
        | ((pl.col("start") >= pl.col("v_end")) & (pl.col("start") - pl.col("v_end") <= 20))
    ).join(prep.select("article_id", "text"), on="article_id", how="left")
    before = pl.col("text").str.slice(pl.col("end"), (pl.col("v_start") - pl.col("end")).clip(lower_bound=0))
    after = pl.col("text").str.slice(pl.col("v_end"), (pl.col("start") - pl.col("v_end")).clip(lower_bound=0))
    tied = pairs.filter(
        ((pl.col("v_start") >= pl.col("end")) & before.str.contains(_ORG_BEFORE_VERB))
        | ((pl.col("start") >= pl.col("v_end")) & after.str.contains(_ORG_AFTER_VERB))
    )
    return pl.concat([tied.select(list(ORG_SCHEMA)).unique(["article_id", "start"]).cast(ORG_SCHEMA), spoken])


# --------------------------------------------------------------------------- writings that speak

# How much text before a verb of saying is read for a writing as its subject.
_SOURCE_REACH = 80


def _source_plan(lex: Lexicon) -> str | None:
    """The regex (over folded text, anchored at a verb of saying) for a writing as the verb's
    subject: the opening of its clause (a line start or punctuation, then at most a conjunction
    or complementizer), an opener, at most two words, a ``source_nouns`` word, at most two
    words, then at most two ``auxiliaries`` ("also", "a", "ha") before the verb. None without
    nouns."""
    if not lex.source_nouns or not lex.source_openers:
        return None
    space = r"[ \u00a0]+"
    openers = [fold_str(o).strip() for o in lex.source_openers if o.strip()]
    spaced = alternation([o for o in openers if not o.endswith(("'", "’"))])
    elided = alternation([o.rstrip("'’") for o in openers if o.endswith(("'", "’"))])
    opener = "|".join(x for x in (rf"(?:{spaced}){space}" if spaced else "", rf"(?:{elided})['’]" if elided else "") if x)
    nouns = alternation([fold_str(n).strip() for n in lex.source_nouns if n.strip()])
    joins = alternation([fold_str(w).strip("' ") for w in lex.conjunctions + lex.complementizers if w.strip("' ")])
    aux = alternation([fold_str(w).strip() for w in lex.auxiliaries if w.strip()])
    word = r"[\p{L}\p{N}'’-]+"
    clause = rf"[\n.!?;:,()«»\"“”„—–][ \u00a0]*" + (rf"(?:(?:{joins}){space})?" if joins else "")
    between = rf"(?:{space}(?:{aux})){{0,2}}" if aux else ""
    return rf"{clause}(?P<src>(?:{opener})(?:{word}{space}){{0,2}}?(?:{nouns})(?:{space}{word}){{0,2}}?)(?P<tail>{between}{space})$"


def source_speakers(prep: pl.DataFrame, verbs: pl.DataFrame, lexicons: dict[str, Lexicon]) -> pl.DataFrame:
    """Writings that are the subject of a verb of saying (``verbs``: article_id, start, end):
    article_id, start, end of "The post" in "The post also says that ...", "Le message
    affirme", "El mensaje dice", "В посте говорится", "Der Beitrag behauptet", "Il post
    afferma", "A publicação diz". A writing is one of the language's ``source_nouns`` after one
    of its ``source_openers`` (an article, a demonstrative, "в") that opens its clause (after
    a line start or punctuation, and at most a conjunction), with at most two words either side
    of the noun, right before the verb (at most two ``auxiliaries`` between: "also", "a"). The
    quote such a writing speaks is its own: the pack cannot check who wrote it, and it is never
    given to a person named in an earlier sentence."""
    schema = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64}
    if verbs.is_empty() or prep.is_empty():
        return pl.DataFrame(schema=schema)
    frames = []
    for code, lex in lexicons.items():
        plan = derived(lex, "source_plan", _source_plan)
        sub = prep.filter(pl.col("language") == code)
        if plan is None or sub.is_empty():
            continue
        lo = (pl.col("start") - _SOURCE_REACH).clip(lower_bound=0)
        # The text before the verb, with a line start where the text starts.
        before = pl.col("folded").str.slice(lo, pl.col("start") - lo)
        before = pl.when(lo == 0).then(pl.concat_str(pl.lit("\n"), before)).otherwise(before)
        found = verbs.join(sub.select("article_id", "folded"), on="article_id", how="inner").with_columns(
            extract_groups(before, plan).alias("_g"),
        ).filter(pl.col("_g").struct.field("src").is_not_null())
        end = pl.col("start") - pl.col("_g").struct.field("tail").str.len_chars().cast(pl.Int64)
        frames.append(found.select("article_id", (end - pl.col("_g").struct.field("src").str.len_chars().cast(pl.Int64)).alias("start"), end.alias("end")))
    if not frames:
        return pl.DataFrame(schema=schema)
    return pl.concat(frames).unique(["article_id", "start"]).cast(schema)
