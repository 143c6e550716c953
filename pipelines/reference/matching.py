"""Fuzzy links between claims and reference rows that SQL cannot make well (rapidfuzz).

* ``fact_check_matches``: a claim that repeats a prior fact-check's reviewed claim, by text in
  the same language, or through a stored statement: the fact-check's words match a rendering
  of a statement (any language) that the article's quote matched (staging.quote_matches).
* ``office_title_matches``: the title wording of an office_holder claim against the wordings
  of the offices its person held on the article's date; it lets an office imported under
  another name (e.g. from Wikidata labels) be recognised, and can only add an office the
  person really held then. Every word of the title must be in the wording (up to inflection),
  so a deputy's title ("secrétaire général adjoint") is never taken for the main office.

Pure functions over Polars frames, shared by the Dagster assets and ``factcheck check``.
"""

from __future__ import annotations


import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from pipelines.extract.text import norm_str

FACT_CHECK_MATCH_SCHEMA = {"claim_id": pl.String, "fact_check_id": pl.String, "score": pl.Float64, "match_kind": pl.String, "statement_id": pl.String}
OFFICE_TITLE_MATCH_SCHEMA = {"claim_id": pl.String, "office_id": pl.String, "alias": pl.String, "score": pl.Float64}
FACT_CHECK_THRESHOLD = 80.0
STATEMENT_THRESHOLD = 80.0
TITLE_THRESHOLD = 85.0
# A word of the title is in the wording when one of the wording's words is this close to it,
# or starts with the same four letters: inflections pass ("alta"/"alto" 75, "ministra"/"ministro"
# 87.5, "russlands"/"russische"), a deputy word does not ("adjoint", "vice", "заместитель",
# "deputy" score 14-40 against any office word).
TITLE_WORD_THRESHOLD = 75.0
TITLE_WORD_MIN_LEN = 3
TITLE_WORD_STEM = 4
MIN_SHARED_WORDS = 4


def _plain(text: str | None) -> str:
    return norm_str(text or "")


def _content_words(text: str) -> set[str]:
    return {w for w in text.split() if len(w) >= 3}


def _words_covered(title: str, alias: str) -> bool:
    """Every word of the title (of three letters or more) has a close word in the wording: a
    title that says more than the wording ("secrétaire général adjoint" against "secrétaire
    général de l'OTAN", 87 by partial ratio) names another office."""
    wording = alias.split()
    words = [w for w in title.split() if len(w) >= TITLE_WORD_MIN_LEN]
    if not words:
        return True
    stems = {w[:TITLE_WORD_STEM] for w in wording if len(w) >= TITLE_WORD_STEM}
    best = process.cdist(words, wording, scorer=fuzz.ratio).max(axis=1)
    return all(score >= TITLE_WORD_THRESHOLD or (len(w) >= TITLE_WORD_STEM and w[:TITLE_WORD_STEM] in stems) for w, score in zip(words, best, strict=True))


def fact_check_matches(claims: pl.DataFrame, fact_checks: pl.DataFrame, quote_matches: pl.DataFrame | None = None, renderings: pl.DataFrame | None = None) -> pl.DataFrame:
    """Best prior fact-check per (claim, fact-check) pair above the thresholds."""
    rows: list[dict] = []
    if claims.is_empty() or fact_checks.is_empty():
        return pl.DataFrame(schema=FACT_CHECK_MATCH_SCHEMA)
    fc_ids = fact_checks["fact_check_id"].to_list()
    fc_texts = [_plain(t) for t in fact_checks["claim_reviewed"].to_list()]
    fc_langs = fact_checks["language"].to_list()
    # Same language (or a fact-check whose language is not given): the claim's sentence
    # carries the reviewed claim's words.
    texts = claims.select("claim_id", "language", pl.coalesce("sentence_text", "claim_text").alias("_text"))
    for language in texts["language"].unique().to_list():
        part = texts.filter(pl.col("language") == language) if language is not None else texts.filter(pl.col("language").is_null())
        cols = [j for j, lang in enumerate(fc_langs) if lang is None or lang == language]
        if part.is_empty() or not cols:
            continue
        c_texts = [_plain(t) for t in part["_text"].to_list()]
        scores = process.cdist(c_texts, [fc_texts[j] for j in cols], scorer=fuzz.token_set_ratio, workers=-1)
        # Only the pairs above the threshold (a handful among all claims) get the word check.
        claim_ids = part["claim_id"].to_list()
        for i, k in zip(*np.nonzero(scores >= FACT_CHECK_THRESHOLD), strict=True):
            j = cols[k]
            if len(_content_words(c_texts[i]) & _content_words(fc_texts[j])) < MIN_SHARED_WORDS:
                continue
            rows.append({"claim_id": claim_ids[i], "fact_check_id": fc_ids[j], "score": round(float(scores[i][k]), 1), "match_kind": "same_language", "statement_id": None})
    # Any rendering: the fact-check reviewed a statement we store; quotes of it are linked.
    if quote_matches is not None and renderings is not None and not quote_matches.is_empty() and not renderings.is_empty():
        r_texts = [_plain(t) for t in renderings["text"].to_list()]
        r_statements = renderings["statement_id"].to_list()
        scores = process.cdist(fc_texts, r_texts, scorer=fuzz.partial_ratio, workers=-1)
        linked: dict[str, tuple[str, float]] = {}
        for j, fc_id in enumerate(fc_ids):
            if len(_content_words(fc_texts[j])) < MIN_SHARED_WORDS:
                continue
            for k, statement_id in enumerate(r_statements):
                score = float(scores[j][k])
                if score >= STATEMENT_THRESHOLD and score > linked.get(f"{fc_id}|{statement_id}", ("", 0.0))[1]:
                    linked[f"{fc_id}|{statement_id}"] = (statement_id, score)
        for key, (statement_id, score) in linked.items():
            fc_id = key.split("|", 1)[0]
            for claim_id in quote_matches.filter(pl.col("statement_id") == statement_id)["claim_id"].unique().to_list():
                rows.append({"claim_id": claim_id, "fact_check_id": fc_id, "score": round(score, 1), "match_kind": "statement", "statement_id": statement_id})
    if not rows:
        return pl.DataFrame(schema=FACT_CHECK_MATCH_SCHEMA)
    frame = pl.DataFrame(rows, schema=FACT_CHECK_MATCH_SCHEMA)
    return frame.sort("claim_id", "fact_check_id", "score", descending=[False, False, True]).unique(["claim_id", "fact_check_id"], keep="first", maintain_order=True)


def office_title_matches(claims: pl.DataFrame, ref: dict[str, pl.DataFrame], *, threshold: float = TITLE_THRESHOLD) -> pl.DataFrame:
    """(claim, office) pairs where the claim's title wording fits an office its person held on
    the article's date, by the office's name or its wordings in the claim's language."""
    need = claims.filter((pl.col("claim_type") == "office_holder") & pl.col("person_id").is_not_null() & pl.col("published_on").is_not_null() & pl.col("title_text").is_not_null())
    holdings = ref["office_holdings"]
    if need.is_empty() or holdings.is_empty():
        return pl.DataFrame(schema=OFFICE_TITLE_MATCH_SCHEMA)
    held = need.select("claim_id", "person_id", "published_on", "language", "title_text").join(holdings.select("person_id", "office_id", "start_on", "end_on"), on="person_id", how="inner")
    held = held.filter((pl.col("start_on") <= pl.col("published_on")) & (pl.col("end_on").is_null() | (pl.col("end_on") >= pl.col("published_on"))))
    if held.is_empty():
        return pl.DataFrame(schema=OFFICE_TITLE_MATCH_SCHEMA)
    # A title that is an office's exact wording already names its office: no fuzzy guess.
    exact = {(lang, _plain(a)) for lang, a in ref["office_aliases"].select("language", "alias").iter_rows()}
    exact |= {("*", _plain(n)) for n in ref["offices"]["name"].to_list()}
    held = held.filter(~pl.struct("language", "title_text").map_elements(
        lambda r: (r["language"], _plain(r["title_text"])) in exact or ("*", _plain(r["title_text"])) in exact, return_dtype=pl.Boolean))
    if held.is_empty():
        return pl.DataFrame(schema=OFFICE_TITLE_MATCH_SCHEMA)
    names = ref["offices"].select("office_id", pl.col("name").alias("alias"), pl.lit("*").alias("language"))
    wordings = pl.concat([names, ref["office_aliases"].select("office_id", "alias", "language")], how="vertical_relaxed")
    pairs = held.join(wordings, on="office_id", how="inner", suffix="_alias").filter(
        (pl.col("language_alias") == pl.col("language")) | pl.col("language_alias").is_in(["*", "mul", "und"])
    )
    rows = []
    for row in pairs.iter_rows(named=True):
        title, alias = _plain(row["title_text"]), _plain(row["alias"])
        if not title or not alias:
            continue
        short, long_ = (title, alias) if len(title) <= len(alias) else (alias, title)
        align = fuzz.partial_ratio_alignment(short, long_)
        if align is None or align.score < threshold:
            continue
        # The aligned words must start at a word start ("presidente" is not "vicepresidente").
        if align.dest_start > 0 and long_[align.dest_start - 1] != " ":
            continue
        if not _words_covered(title, alias):
            continue
        rows.append({"claim_id": row["claim_id"], "office_id": row["office_id"], "alias": row["alias"], "score": round(float(align.score), 1)})
    if not rows:
        return pl.DataFrame(schema=OFFICE_TITLE_MATCH_SCHEMA)
    frame = pl.DataFrame(rows, schema=OFFICE_TITLE_MATCH_SCHEMA)
    return frame.sort("claim_id", "office_id", "score", descending=[False, False, True]).unique(["claim_id", "office_id"], keep="first", maintain_order=True)


def reference_matches(claims: pl.DataFrame, ref: dict[str, pl.DataFrame], quote_matches: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Both match tables, keyed by warehouse table name."""
    return {
        "staging.fact_check_matches": fact_check_matches(claims, ref["fact_checks"], quote_matches, ref["statement_renderings"]),
        "staging.office_title_matches": office_title_matches(claims, ref),
    }
