"""Near-duplicate articles: the same wire story republished with another headline or footer.

Method (MinHash with LSH banding, then an exact check), all over Polars frames and NumPy arrays,
with no loop over articles:

1. Each text is lower-cased and cut into words; its shingles are the overlapping runs of
   ``shingle_words`` words, hashed to 64 bits.
2. Each article gets a MinHash signature of ``num_perm`` values (multiply-shift hashing of the
   shingle hashes, minimum per article); signatures are cut into ``bands`` bands, and two
   articles sharing any band become a candidate pair (LSH).
3. Candidates are confirmed with the exact Jaccard similarity of their shingle sets; pairs at
   or above ``threshold`` are near-duplicates.
4. Each near-duplicate links to the best-ranked article it resembles (``rank``: the caller's
   order, e.g. earliest published first), and links are followed to the kept article.

Texts shorter than ``min_words`` words are never linked: too short to tell a copy from a
coincidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

LINK_SCHEMA = {"article_id": pl.String, "copy_of_article_id": pl.String, "similarity": pl.Float64}


@dataclass(frozen=True)
class NearDuplicates:
    """Settings of the near-duplicate step (``near_duplicates:`` in data/sources.yaml)."""

    enabled: bool = True
    threshold: float = 0.6
    shingle_words: int = 5
    num_perm: int = 128
    bands: int = 32
    min_words: int = 30
    seed: int = 1


def _shingles(frame: pl.DataFrame, settings: NearDuplicates) -> pl.DataFrame:
    """(rank, h): the distinct shingle hashes of each article long enough to judge."""
    k = settings.shingle_words
    words = frame.select(
        "rank",
        pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("w"),
    ).filter(pl.col("w").list.len() >= max(settings.min_words, k))
    if words.is_empty():
        return pl.DataFrame(schema={"rank": pl.Int64, "h": pl.UInt64})
    long = words.with_columns(
        pl.int_ranges(pl.col("w").list.len()).alias("pos"),
        pl.col("w").list.len().alias("n"),
    ).explode("w", "pos")
    # Rows of one article are contiguous, so a global shift reads the next words; the shingles
    # that would run into the next article are dropped by the position filter.
    shingle = pl.concat_str([pl.col("w").shift(-i) for i in range(k)], separator=" ")
    return (
        long.with_columns(shingle.alias("s"))
        .filter(pl.col("pos") <= pl.col("n") - k)
        .select(pl.col("rank").cast(pl.Int64), pl.col("s").hash(settings.seed).alias("h"))
        .unique(maintain_order=True)
        .sort("rank", "h")
    )


def _band_keys(shingles: pl.DataFrame, settings: NearDuplicates) -> pl.DataFrame:
    """(rank, band, key): each article's LSH band hashes."""
    ranks = shingles["rank"].to_numpy()
    hashes = shingles["h"].to_numpy().astype(np.uint64)
    starts = np.flatnonzero(np.r_[True, ranks[1:] != ranks[:-1]])
    doc_ranks = ranks[starts]
    rng = np.random.default_rng(settings.seed)
    a = rng.integers(1, 2**63, size=settings.num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=settings.num_perm, dtype=np.uint64)
    signature = np.empty((len(starts), settings.num_perm), dtype=np.uint64)
    block = 500_000
    perm_chunk = 32
    doc_lo = 0
    # Blocks of whole articles keep the (shingles x permutations) matrix small.
    while doc_lo < len(starts):
        doc_hi = int(np.searchsorted(starts, starts[doc_lo] + block, side="left"))
        doc_hi = max(doc_hi, doc_lo + 1)
        lo = starts[doc_lo]
        hi = starts[doc_hi] if doc_hi < len(starts) else len(hashes)
        h = hashes[lo:hi]
        offsets = starts[doc_lo:doc_hi] - lo
        for p in range(0, settings.num_perm, perm_chunk):
            with np.errstate(over="ignore"):
                values = (h[:, None] * a[None, p:p + perm_chunk] + b[None, p:p + perm_chunk]) >> np.uint64(32)
            signature[doc_lo:doc_hi, p:p + perm_chunk] = np.minimum.reduceat(values, offsets, axis=0)
        doc_lo = doc_hi
    rows = settings.num_perm // settings.bands
    banded = signature[:, : rows * settings.bands].reshape(len(starts), settings.bands, rows)
    weights = np.array([(0x9E3779B97F4A7C15 * (j + 1)) & 0xFFFFFFFFFFFFFFFF for j in range(rows)], dtype=np.uint64)
    with np.errstate(over="ignore"):
        keys = (banded * weights[None, None, :]).sum(axis=2, dtype=np.uint64)
    return pl.DataFrame({
        "rank": np.repeat(doc_ranks, settings.bands),
        "band": np.tile(np.arange(settings.bands, dtype=np.int64), len(starts)),
        "key": keys.reshape(-1),
    })


def _similar_pairs(shingles: pl.DataFrame, settings: NearDuplicates) -> pl.DataFrame:
    """(a, b, similarity) with rank a < rank b and exact Jaccard >= threshold."""
    keys = _band_keys(shingles, settings)
    candidates = (
        keys.join(keys, on=["band", "key"], suffix="_b")
        .filter(pl.col("rank") < pl.col("rank_b"))
        .select(pl.col("rank").alias("a"), pl.col("rank_b").alias("b"))
        .unique()
    )
    if candidates.is_empty():
        return pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64, "similarity": pl.Float64})
    sizes = shingles.group_by("rank").len("size")
    shared = (
        candidates.join(shingles.rename({"rank": "a"}), on="a")
        .join(shingles.rename({"rank": "b"}), on=["b", "h"], how="semi")
        .group_by("a", "b")
        .len("shared")
    )
    return (
        candidates.join(shared, on=["a", "b"], how="left")
        .join(sizes.rename({"rank": "a", "size": "size_a"}), on="a")
        .join(sizes.rename({"rank": "b", "size": "size_b"}), on="b")
        .with_columns(pl.col("shared").fill_null(0))
        .with_columns((pl.col("shared") / (pl.col("size_a") + pl.col("size_b") - pl.col("shared"))).alias("similarity"))
        .filter(pl.col("similarity") >= settings.threshold)
        .select("a", "b", "similarity")
    )


def near_duplicate_links(frame: pl.DataFrame, settings: NearDuplicates = NearDuplicates()) -> pl.DataFrame:
    """Links (article_id -> copy_of_article_id, similarity) for the near-duplicates in ``frame``.

    ``frame`` has ``article_id``, ``text`` and ``rank`` (distinct integers; the lowest-ranked
    article of a group of copies is kept). ``similarity`` is the Jaccard similarity with the
    best-ranked article the copy resembles.
    """
    if not settings.enabled or frame.height < 2:
        return pl.DataFrame(schema=LINK_SCHEMA)
    shingles = _shingles(frame.select(pl.col("rank").cast(pl.Int64), "text"), settings)
    if shingles.select(pl.col("rank").n_unique()).item() < 2:
        return pl.DataFrame(schema=LINK_SCHEMA)
    pairs = _similar_pairs(shingles, settings)
    if pairs.is_empty():
        return pl.DataFrame(schema=LINK_SCHEMA)
    parent = pairs.sort("a").group_by("b", maintain_order=True).first().select(pl.col("b").alias("rank"), pl.col("a").alias("root"), "similarity")
    # Follow links to the kept article (a copy of a copy belongs to the first one).
    for _ in range(64):
        hop = parent.join(parent.select(pl.col("rank").alias("root"), pl.col("root").alias("up")), on="root", how="left")
        if hop["up"].null_count() == hop.height:
            break
        parent = hop.with_columns(pl.coalesce("up", "root").alias("root")).drop("up")
    ids = frame.select(pl.col("rank").cast(pl.Int64), "article_id")
    return (
        parent.join(ids, on="rank")
        .join(ids.rename({"rank": "root", "article_id": "copy_of_article_id"}), on="root")
        .sort("rank")
        .select("article_id", "copy_of_article_id", pl.col("similarity").round(4))
        .cast(LINK_SCHEMA)
    )
