"""Near-duplicate detection (MinHash/LSH + exact Jaccard) and how build_articles uses it."""

from __future__ import annotations

import random
import time
from pathlib import Path

import polars as pl
import pytest

from pipelines.extract.lexicon import load_lexicons
from pipelines.ingest.articles import build_articles
from pipelines.ingest.neardup import NearDuplicates, near_duplicate_links

LEXICONS = load_lexicons(Path(__file__).resolve().parent.parent / "data" / "lexicons")
BODY = (
    "Moscow, April 28 (Example Wire) - Russian President Vladimir Putin thanked North Korean troops on Monday "
    "for helping to drive Ukrainian forces out of the Kursk region, the Kremlin said in a statement. The chief "
    "of the General Staff reported on April 26 that the operation had been completed and praised the soldiers "
    "who fought alongside Russian troops. The treaty signed in Pyongyang on June 19, 2024 says in its Article 4 "
    "that if one party comes under armed attack the other shall immediately provide military assistance."
)
WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu".split()


def _frame(texts: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"rank": list(range(len(texts))), "article_id": [f"a{i}" for i in range(len(texts))], "text": texts})


def _random_text(rng: random.Random, n: int = 120) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n))


def test_same_story_with_other_headline_and_footer_is_linked():
    texts = [
        "Putin thanks North Korean troops\n\n" + BODY + " Reporting by the wire desk.",
        "Kremlin: Pyongyang's soldiers were vital\n\n" + BODY + " Republished under licence. Copyright 2025 The Daily Globe.",
        "Oil prices edge higher as traders weigh supply risks and a weaker dollar against signs of slowing demand in several large economies, analysts said on Monday in London and New York.",
    ]
    links = near_duplicate_links(_frame(texts))
    assert links.select("article_id", "copy_of_article_id").rows() == [("a1", "a0")]
    assert 0.6 <= links["similarity"][0] < 1.0


def test_threshold_is_configurable():
    texts = ["Headline one\n\n" + BODY, "Another headline entirely\n\n" + BODY + " Footer text from the republisher."]
    similarity = near_duplicate_links(_frame(texts))["similarity"][0]
    assert near_duplicate_links(_frame(texts), NearDuplicates(threshold=min(1.0, similarity + 0.01))).is_empty()
    assert near_duplicate_links(_frame(texts), NearDuplicates(threshold=similarity)).height == 1
    assert near_duplicate_links(_frame(texts), NearDuplicates(enabled=False)).is_empty()


def test_short_texts_are_never_linked():
    texts = ["The treaty was signed in Pyongyang.", "The treaty was signed in Pyongyang today."]
    assert near_duplicate_links(_frame(texts)).is_empty()


def test_a_copy_of_a_copy_links_to_the_kept_article():
    words = [f"w{i}" for i in range(140)]
    a, b, c = " ".join(words[0:100]), " ".join(words[10:110]), " ".join(words[20:120])
    links = near_duplicate_links(_frame([a, b, c]), NearDuplicates(threshold=0.75))
    assert links.select("article_id", "copy_of_article_id").rows() == [("a1", "a0"), ("a2", "a0")]


def test_many_articles_only_planted_copies_are_found_and_fast():
    rng = random.Random(7)
    texts = [_random_text(rng) for _ in range(3000)]
    planted = {}
    for i in range(0, 3000, 150):
        j = len(texts)
        texts.append("A different headline\n" + texts[i] + " with an extra footer line")
        planted[f"a{j}"] = f"a{i}"
    start = time.perf_counter()
    links = near_duplicate_links(_frame(texts))
    elapsed = time.perf_counter() - start
    assert dict(links.select("article_id", "copy_of_article_id").rows()) == planted
    assert elapsed < 10, elapsed


def test_build_articles_keeps_the_earliest_published_copy_and_resolves_exact_copies():
    records = [
        {"text": "Later headline\n\n" + BODY + " Copyright The Daily Globe.", "source_path": "globe.atom", "line_no": 1, "published": "2025-04-29", "title": "Later headline"},
        {"text": "Wire headline\n\n" + BODY, "source_path": "wire.rss", "line_no": 3, "published": "2025-04-28", "title": "Wire headline", "url": "https://wire.example.com/x"},
        {"text": "Later headline\n\n" + BODY + " Copyright The Daily Globe.", "source_path": "globe-again.txt", "line_no": None},
    ]
    articles, copies = build_articles(records, LEXICONS)
    assert articles.select("source_path", "title", "url").rows() == [("wire.rss", "Wire headline", "https://wire.example.com/x")]
    kept = articles["article_id"][0]
    rows = copies.select("source_path", "copy_kind", "copy_of_article_id", "copy_of_path", "copy_of_line_no").rows()
    assert rows == [("globe.atom", "near", kept, "wire.rss", 3), ("globe-again.txt", "near", kept, "wire.rss", 3)]
    assert copies["similarity"][0] == copies["similarity"][1]


@pytest.mark.parametrize("threshold", [0.5, 0.9])
def test_every_record_is_an_article_or_a_copy(threshold: float):
    rng = random.Random(threshold)
    base = [_random_text(rng, 60) for _ in range(5)]
    records = [{"text": rng.choice(base) + " " + _random_text(rng, rng.randrange(0, 30)), "source_path": f"f{i}.txt", "line_no": None, "language": "en"} for i in range(40)]
    articles, copies = build_articles(records, LEXICONS, near=NearDuplicates(threshold=threshold))
    assert sorted(articles["source_path"].to_list() + copies["source_path"].to_list()) == sorted(r["source_path"] for r in records)
    assert set(copies["copy_of_article_id"]) <= set(articles["article_id"])


def test_a_story_republished_more_times_than_a_bucket_holds_links_every_copy_to_the_first():
    texts = [f"Headline number {i}\n\n" + BODY + f" Footer of outlet {i}." for i in range(30)]
    links = near_duplicate_links(_frame(texts))
    assert links.select("article_id", "copy_of_article_id").rows() == [(f"a{i}", "a0") for i in range(1, 30)]


def test_signatures_do_not_depend_on_how_articles_are_blocked(monkeypatch):
    from pipelines.ingest import neardup

    rng = random.Random(3)
    texts = pl.Series([_random_text(rng, rng.choice([8, 35, 60, 200])) for _ in range(40)])
    ids = pl.Series([f"x{i}" for i in range(40)])
    whole_ids, whole = neardup.signatures_for(ids, texts, NearDuplicates())
    monkeypatch.setattr(neardup, "_BLOCK", 3)
    neardup._LAST.clear()
    blocked_ids, blocked = neardup.signatures_for(ids, texts, NearDuplicates())
    assert list(whole_ids) == list(blocked_ids) and (whole == blocked).all()
    assert 0 < len(whole_ids) < 40  # the 8-word texts have no signature
