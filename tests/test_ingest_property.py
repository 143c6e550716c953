"""Property-based (hypothesis): random bytes and random text never make ingest or extraction
raise, and every input is accounted for (an article, a copy, or an error row)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import polars as pl
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.core import reference_tables
from pipelines.extract.claims import extract_claims
from pipelines.extract.lexicon import load_lexicons
from pipelines.extract.text import unfold_regex
from pipelines.ingest.articles import _word_trie_regex, build_articles
from pipelines.ingest.readers import read_file, read_inputs

PROJECT = Path(__file__).resolve().parent.parent
LEXICONS = load_lexicons(PROJECT / "data" / "lexicons")
REF, _ = reference_tables(PROJECT / "data" / "reference")
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".xml", ".rss", ".atom", ".bin", ""]
FAST = settings(max_examples=int(__import__("os").environ.get("HYPOTHESIS_EXAMPLES", "50")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like news often enough to reach the extractors' interesting paths.
NEWSY = st.sampled_from([
    "Moscú, 28 de abril (Sputnik) .- ", "el 19 de junio de 2024 ", "artículo 4 del tratado ", "Putin declaró: «", "»", "\n\n",
    "MOSCOW, April 28 (Reuters) - ", "Article 5 of the treaty ", "on June 19, 2024 ", "President Vladimir Putin said ", "\"", "25 articles ",
    "<p>", "</p>", "<script>x()</script>", "{\"text\": \"", "\"}\n", "<rss version=\"2.0\"><channel><item><title>", "</title></item></channel></rss>",
    "\ufeff", "\u2028", "\x00", "\r\n", "é", "Ж", "😀", "\ud7ff",
])
TEXT = st.one_of(st.text(max_size=400), st.lists(st.one_of(NEWSY, st.text(max_size=20)), max_size=30).map("".join))


def _accounted(paths: list[Path], result) -> set[str]:
    seen = {r["source_path"] for r in result.records} | {e["source_path"] for e in result.errors}
    return {str(p) for p in paths} - seen


@FAST
@given(files=st.lists(st.tuples(st.sampled_from(SUFFIXES), st.one_of(st.binary(max_size=600), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))), min_size=1, max_size=6))
def test_random_files_are_all_accounted_for(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for i, (suffix, data) in enumerate(files):
            path = folder / f"f{i}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        for path in paths:
            single = read_file(path)  # never raises
            assert single.records or single.errors
        result = read_inputs([folder])
        assert not _accounted(paths, result), "some file is neither a record nor an error"
        assert all(e["reason"] and "\n" not in e["reason"] for e in result.errors)
        articles, copies = build_articles(result.records, LEXICONS)
        keys = {(r["source_path"], r.get("line_no")) for r in result.records}
        built = set(articles.select("source_path", "line_no").rows()) | set(copies.select("source_path", "line_no").rows())
        assert keys == built
        extract_claims(articles, REF, LEXICONS)


@FAST
@given(texts=st.lists(TEXT.filter(lambda t: t.strip()), min_size=1, max_size=8), language=st.sampled_from([None, "es", "en", "ru", "xx"]))
def test_random_text_through_build_and_extract(texts, language):
    records = [{"text": t, "source_path": f"t{i}.txt", "line_no": None, "language": language, "published": "2025-04-28"} for i, t in enumerate(texts)]
    articles, copies = build_articles(records, LEXICONS)
    assert articles.height + copies.height == len(records)
    claims = extract_claims(articles, REF, LEXICONS)
    if claims.height:
        joined = claims.join(articles.select("article_id", "text"), on="article_id")
        spans = joined.select(pl.col("text").str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start")).alias("span"), "claim_text")
        assert (spans["span"] == spans["claim_text"]).all()


MONTHS = sorted({m for lex in LEXICONS.values() for m in lex.months})
MONTH_CHARS = "".join(sorted({c for m in MONTHS for c in m + m.upper()})) + "éÉíçёЁ.,1 _K\u017f"


def _flat_alternation(words) -> str:
    return "|".join(unfold_regex(w) for w in sorted(words, key=len, reverse=True))


@FAST
@given(
    words=st.one_of(st.just(MONTHS), st.sets(st.text(alphabet="maríjuMAÍ", min_size=1, max_size=5), min_size=1, max_size=12)),
    texts=st.lists(st.one_of(st.sampled_from(MONTHS), st.text(alphabet=MONTH_CHARS, max_size=12)).map(lambda t: t + " 19"), min_size=1, max_size=20),
)
def test_month_trie_matches_what_the_flat_alternation_matches(words, texts):
    # Same span and same backtracking choice (the tail group sees what the months left over).
    tail = r"(?P<tail>\.?\s\d+|\w*)"
    flat = regex.compile(rf"(?i:(?:{_flat_alternation(words)})){tail}")
    trie = regex.compile(rf"(?i:(?:{_word_trie_regex(frozenset(words))})){tail}")
    for text in texts:
        for start in range(len(text)):
            a, b = flat.match(text, start), trie.match(text, start)
            assert (a and (a.span(), a["tail"])) == (b and (b.span(), b["tail"])), (text[start:], words)


@FAST
@given(texts=st.lists(st.one_of(st.none(), TEXT), max_size=8))
def test_near_duplicate_words_are_the_word_runs_of_the_lower_cased_text(texts):
    # The shingler splits at non-word runs; what it gets must be exactly the \w+ matches.
    from pipelines.ingest.neardup import NearDuplicates, _mix, _shingles

    settings = NearDuplicates(min_words=1, shingle_words=1)
    frame = pl.DataFrame({"rank": list(range(len(texts))), "text": texts}, schema={"rank": pl.Int64, "text": pl.String})
    shingles = _shingles(frame, settings)
    words = frame.select("rank", pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("w")).filter(pl.col("w").list.len() >= 1)
    assert shingles.ranks.tolist() == words["rank"].to_list()
    assert shingles.counts.tolist() == words["w"].list.len().to_list()
    expected = words["w"].explode().hash(settings.seed).to_numpy() * np.uint64(_mix(0))
    assert shingles.hashes.tolist() == expected.tolist()
