"""Near-duplicate articles: the same wire story republished with another headline or footer.

Method (one-permutation MinHash with LSH banding, then an exact check), over Polars frames and
NumPy arrays, with no loop over articles:

1. Each text is lower-cased and cut into words; its shingles are the overlapping runs of
   ``shingle_words`` words, hashed to 64 bits (word hashes combined arithmetically).
2. One-permutation MinHash: the hash space is cut into ``bins`` bins and each article keeps
   its smallest shingle hash per bin; two articles agree on a bin with probability close to
   their Jaccard similarity. Bins are grouped ``band_rows`` at a time into bands, and two
   articles that agree on a whole band become a candidate pair (LSH). Bands with an empty
   bin (short texts) are left out rather than matched on emptiness.
3. Candidates are confirmed with the exact Jaccard similarity of their shingle sets; pairs at
   or above ``threshold`` are near-duplicates.
4. Each near-duplicate links to the best-ranked article it resembles (``rank``: the caller's
   order, e.g. earliest published first), and links are followed to the kept article.

One permutation instead of one per signature row keeps the cost near one sort of the
shingles. Texts shorter than ``min_words`` words are never linked: too short to tell a copy
from a coincidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

LINK_SCHEMA = {"article_id": pl.String, "copy_of_article_id": pl.String, "similarity": pl.Float64}
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0x27D4EB2F165667C5, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9)


@dataclass(frozen=True)
class NearDuplicates:
    """Settings of the near-duplicate step (``near_duplicates:`` in data/sources.yaml)."""

    enabled: bool = True
    threshold: float = 0.6
    shingle_words: int = 5
    bins: int = 64
    band_rows: int = 2
    min_words: int = 30
    seed: int = 1


def _mix(i: int) -> int:
    return (_MIX[i % len(_MIX)] * (2 * (i // len(_MIX)) + 1)) & 0xFFFFFFFFFFFFFFFF


def _shingles(frame: pl.DataFrame, settings: NearDuplicates) -> pl.DataFrame:
    """(rank, h): the shingle hashes of each article long enough to judge (repeats kept)."""
    k = settings.shingle_words
    words = (
        frame.lazy()
        .select(pl.col("rank").cast(pl.Int64), pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("w"))
        .filter(pl.col("w").list.len() >= max(settings.min_words, k))
        .with_columns(pl.int_ranges(pl.col("w").list.len()).alias("pos"), pl.col("w").list.len().alias("n"))
        .explode("w", "pos")
        .with_columns(pl.col("w").hash(settings.seed).alias("wh"))
    )
    # Rows of one article are contiguous, so a global shift reads the next words; shingles that
    # would run into the next article are dropped by the position filter. UInt64 arithmetic
    # wraps, which is what a hash combination wants.
    combined = pl.lit(0, dtype=pl.UInt64)
    for i in range(k):
        combined = combined + pl.col("wh").shift(-i) * pl.lit(_mix(i), dtype=pl.UInt64)
    return words.with_columns(combined.alias("h")).filter(pl.col("pos") <= pl.col("n") - k).select("rank", "h").collect()


def _band_keys(shingles: pl.DataFrame, settings: NearDuplicates) -> pl.DataFrame:
    """(rank, band, key): each article's LSH band hashes (bands with an empty bin left out)."""
    bins = settings.bins
    bits = max(1, int(np.ceil(np.log2(bins))))
    ranks = shingles["rank"].to_numpy().astype(np.uint64)
    hashes = shingles["h"].to_numpy().astype(np.uint64)
    key = ranks * np.uint64(1 << bits) + (hashes >> np.uint64(64 - bits)) % np.uint64(bins)
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    minima = np.minimum.reduceat(hashes[order], starts)
    cell = key[starts]
    rank = (cell >> np.uint64(bits)).astype(np.int64)
    bin_no = (cell & np.uint64((1 << bits) - 1)).astype(np.int64)
    weights = np.array([_mix(i) for i in range(settings.band_rows)], dtype=np.uint64)
    with np.errstate(over="ignore"):
        weighted = minima * weights[bin_no % settings.band_rows]
    cells = pl.DataFrame({"rank": rank, "band": bin_no // settings.band_rows, "v": weighted})
    return (
        cells.group_by("rank", "band")
        .agg(pl.len().alias("filled"), pl.col("v").sum().alias("key"))
        .filter(pl.col("filled") == settings.band_rows)
        .select("rank", "band", "key")
    )


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
    involved = pl.concat([candidates["a"], candidates["b"]]).unique().implode()
    shingles = shingles.filter(pl.col("rank").is_in(involved)).unique()
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
