"""Near-duplicate articles: the same wire story republished with another headline or footer.

Method (one-permutation MinHash with LSH banding, then an exact check), over Polars frames and
NumPy arrays, with no loop over articles:

1. Each text is lower-cased and cut into words; its shingles are the overlapping runs of
   ``shingle_words`` words, hashed to 64 bits (word hashes combined arithmetically).
2. One-permutation MinHash: the hash space is cut into ``bins`` bins and each article keeps
   its smallest shingle hash per bin (empty bins of short texts filled by densification); two
   articles agree on a bin with probability close to their Jaccard similarity. Bins are
   grouped ``band_rows`` at a time into bands, and two articles that agree on a whole band
   become a candidate pair (LSH).
3. Candidates are screened by the share of bins they agree on, then confirmed with the exact
   Jaccard similarity of their shingle sets; pairs at or above ``threshold`` are
   near-duplicates.
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
import pyarrow as pa

LINK_SCHEMA = {"article_id": pl.String, "copy_of_article_id": pl.String, "similarity": pl.Float64}
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0x27D4EB2F165667C5, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9)


@dataclass(frozen=True)
class NearDuplicates:
    """Settings of the near-duplicate step (``near_duplicates:`` in data/sources.yaml)."""

    enabled: bool = True
    threshold: float = 0.6
    shingle_words: int = 5
    bins: int = 128
    band_rows: int = 4
    min_words: int = 30
    seed: int = 1


def _mix(i: int) -> int:
    return (_MIX[i % len(_MIX)] * (2 * (i // len(_MIX)) + 1)) & 0xFFFFFFFFFFFFFFFF


@dataclass
class _Shingles:
    ranks: np.ndarray      # (n,) ranks of the articles long enough to judge, in input order
    counts: np.ndarray     # (n,) shingles of each (repeats kept)
    hashes: np.ndarray     # (counts.sum(),) UInt64 shingle hashes, article after article

    def sets(self, keep: np.ndarray) -> pl.DataFrame:
        """(rank, h): the distinct shingle hashes of each article where ``keep`` is true, as a list."""
        offsets = np.zeros(int(keep.sum()) + 1, dtype=np.int64)
        np.cumsum(self.counts[keep], out=offsets[1:])
        lists = pa.LargeListArray.from_arrays(pa.array(offsets), pa.array(self.hashes[np.repeat(keep, self.counts)]))
        return pl.DataFrame({"rank": self.ranks[keep], "h": pl.Series(lists)}).with_columns(pl.col("h").list.unique())


# Articles tokenized at a time: their word lists (about 16 bytes a word) are the largest
# intermediate; a block of ~2,000 news articles keeps them near 30 MB whatever the batch size.
_BLOCK = 2_000


def _shingles(frame: pl.DataFrame, settings: NearDuplicates) -> _Shingles:
    """The shingle hashes of each article long enough to judge (repeats kept).

    Polars cuts and hashes the words; the shingle hashes are combined in NumPy over a block's
    words at once, which costs a few passes over one flat array where the same sum inside
    each article's list cost about as much as finding the words."""
    k = settings.shingle_words
    # The words are the \w+ runs; splitting at the \W+ runs finds the same ones about twice as
    # fast as extracting them, and leaves an empty piece where the text starts or ends with
    # a non-word character (one for a text without words), which is not counted and dropped.
    w = pl.col("w")
    n_words = w.list.len() - (w.list.first() == "").cast(pl.Int64) - ((w.list.last() == "") & (w.list.len() > 1)).cast(pl.Int64)
    parts = []
    for lo in range(0, max(frame.height, 1), _BLOCK):
        words = (
            frame.slice(lo, _BLOCK).lazy()
            .select(pl.col("rank").cast(pl.Int64), pl.col("text").str.to_lowercase().str.split(r"\W+", literal=False).alias("w"))
            .with_columns(n_words.alias("n"))
            .filter(pl.col("n") >= max(settings.min_words, k))
            .collect()
        )
        n_words_block = words["n"].to_numpy().astype(np.int64)
        flat = words["w"].explode()
        h = flat.filter(flat.str.len_bytes() > 0).hash(settings.seed).to_numpy()
        # UInt64 arithmetic wraps, which is what a hash combination wants. Shingle i starts at
        # word i; only the starts k - 1 words or more before an article's end make a full one.
        n_starts = max(len(h) - k + 1, 0)
        combined = np.zeros(n_starts, dtype=np.uint64)
        for i in range(k):
            combined += h[i:i + n_starts] * np.uint64(_mix(i))
        tails = (np.cumsum(n_words_block)[:, None] - np.arange(1, k, dtype=np.int64)[None, :]).reshape(-1)
        keep = np.ones(n_starts, dtype=bool)
        keep[tails[tails < n_starts]] = False
        parts.append((words["rank"].to_numpy(), n_words_block - (k - 1), combined[keep]))
    return _Shingles(*(np.concatenate(arrays) for arrays in zip(*parts)))


@dataclass
class _Signatures:
    ranks: np.ndarray      # (n,) article ranks, ascending
    values: np.ndarray     # (n, bins) densified one-permutation MinHash values


def _signatures(shingles: _Shingles, settings: NearDuplicates) -> _Signatures:
    """One-permutation MinHash: per article, the smallest shingle hash in each of ``bins`` bins.

    Empty bins (short texts) are filled by "optimal densification" (Shrivastava, 2017): bin i
    borrows the value of bin p_t(i) for the first probe t that lands on a filled bin, with the
    same probe sequence for every article, so two texts still agree on a bin with probability
    close to their Jaccard similarity.
    """
    bins = settings.bins
    bits = max(1, int(np.ceil(np.log2(bins))))
    # An article's shingles count once under its rank, and articles come out in rank order.
    doc_ranks, doc_of = np.unique(shingles.ranks, return_inverse=True)
    doc_of = doc_of.reshape(-1).astype(np.int64)
    ends = np.cumsum(shingles.counts)
    empty = np.iinfo(np.uint32).max
    values = np.full(len(doc_ranks) * bins, empty, dtype=np.uint32)
    # A block of articles at a time bounds the per-shingle temporaries (several arrays of 8
    # bytes a shingle) to a few MB.
    for lo in range(0, len(doc_of), _BLOCK):
        hi = min(lo + _BLOCK, len(doc_of))
        hashes = shingles.hashes[ends[lo] - shingles.counts[lo]:ends[hi - 1]]
        bin_no = ((hashes >> np.uint64(64 - bits)) % np.uint64(bins)).astype(np.int64)
        # The top bits chose the bin; the lower 32 bits order the hashes within it.
        low = (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        # One flat index: ufunc.at is several times faster with it than a (row, column) pair.
        np.minimum.at(values, np.repeat(doc_of[lo:hi] * bins, shingles.counts[lo:hi]) + bin_no, low)
    values = values.reshape(len(doc_ranks), bins)
    filled = values != empty
    dense = values.copy()
    # Only the empty bins are probed: each probe looks at the ones still unresolved, not at
    # the whole matrix (most articles have a few empty bins, and short ones take many probes).
    rows, cols = np.nonzero(~filled)
    rng = np.random.default_rng(settings.seed)
    attempt = 0
    while len(rows) and attempt < 64 * bins:
        probe = rng.integers(0, bins, size=bins)[cols]
        take = filled[rows, probe]
        dense[rows[take], cols[take]] = values[rows[take], probe[take]]
        rows, cols = rows[~take], cols[~take]
        attempt += 1
    return _Signatures(doc_ranks, dense)


def lsh_keys(values: np.ndarray, settings: NearDuplicates) -> np.ndarray:
    """(articles, bands) LSH keys of MinHash signatures ``values``: each band's ``band_rows``
    values combined into one 64-bit key (the archive's stored bands use the same keys)."""
    rows = settings.band_rows
    bands = settings.bins // rows
    banded = values[:, : bands * rows].astype(np.uint64).reshape(len(values), bands, rows)
    weights = np.array([_mix(i) for i in range(rows)], dtype=np.uint64)
    with np.errstate(over="ignore"):
        return (banded * weights).sum(axis=2, dtype=np.uint64)


def _candidates(sig: _Signatures, settings: NearDuplicates, max_bucket: int = 16) -> pl.DataFrame:
    """(a, b) article ranks, a < b, sharing at least one LSH band.

    A bucket (band, key) of up to ``max_bucket`` articles gives all its pairs; a larger one (a
    story republished many times, or a template) pairs each member with the bucket's first
    article only, which keeps the candidates linear in the number of articles.
    """
    keys = lsh_keys(sig.values, settings)
    bands = keys.shape[1]
    found_a, found_b = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    # One sort per band (not per article): equal keys become runs, and within a run the ranks
    # stay ascending (stable sort of rank-ordered rows), so the run's head is its first article.
    for band in range(bands if len(sig.ranks) else 0):
        order = np.argsort(keys[:, band], kind="stable")
        key, rank = keys[order, band], sig.ranks[order]
        start = np.r_[True, key[1:] != key[:-1]]
        run = np.cumsum(start) - 1
        size = np.bincount(run)[run]
        head = rank[start][run]
        large = (size > max_bucket) & (rank != head)
        found_a.append(head[large])
        found_b.append(rank[large])
        # Members of small runs pair with the members 1, 2, ... places after them in the run.
        members = np.flatnonzero((size > 1) & (size <= max_bucket))
        for step in range(1, int(size[members].max(initial=1))):
            later = members + step
            later = later[later < len(rank)]
            same = run[later] == run[later - step]
            found_a.append(rank[later[same] - step])
            found_b.append(rank[later[same]])
    return pl.DataFrame({"a": np.concatenate(found_a), "b": np.concatenate(found_b)}, schema={"a": pl.Int64, "b": pl.Int64}).unique()


# The signatures of the last ``near_duplicate_links`` call, by article id (a content hash, so
# a signature never goes stale): the LSH band keys stored for the archive are computed from the
# same signatures right after, without shingling the texts a second time.
_LAST: dict = {}


def _remember(frame: pl.DataFrame, sig: _Signatures, settings: NearDuplicates) -> None:
    ranked = frame.select(pl.col("rank").cast(pl.Int64), "article_id")
    rows = pl.DataFrame({"rank": sig.ranks, "_row": np.arange(len(sig.ranks))}).join(ranked, on="rank", how="inner")
    _LAST.clear()
    _LAST.update(settings=settings, seen=ranked["article_id"], rows=rows.select("article_id", "_row"), values=sig.values)


def signatures_for(article_ids: pl.Series, texts: pl.Series, settings: NearDuplicates) -> tuple[np.ndarray, np.ndarray]:
    """(ids, values): MinHash signatures of the articles long enough to have one, in the
    order given, reusing the last ``near_duplicate_links`` call's when it saw every article."""
    if _LAST.get("settings") == settings and article_ids.is_in(_LAST["seen"].implode()).all():
        found = pl.DataFrame({"article_id": article_ids}).join(_LAST["rows"], on="article_id", how="inner", maintain_order="left")
        return found["article_id"].to_numpy(), _LAST["values"][found["_row"].to_numpy()]
    frame = pl.DataFrame({"rank": pl.int_range(len(texts), eager=True).cast(pl.Int64), "text": texts})
    shingles = _shingles(frame, settings)
    if len(shingles.ranks) == 0:
        return np.array([], dtype=object), np.zeros((0, settings.bins), dtype=np.uint32)
    sig = _signatures(shingles, settings)
    return article_ids.to_numpy()[sig.ranks], sig.values


def _similar_pairs(shingles: _Shingles, settings: NearDuplicates, sig: _Signatures) -> pl.DataFrame:
    """(a, b, similarity) with rank a < rank b and exact Jaccard >= threshold."""
    empty = pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64, "similarity": pl.Float64})
    candidates = _candidates(sig, settings)
    if candidates.is_empty():
        return empty
    # Cheap screen first: the share of equal bins estimates the Jaccard similarity (within
    # about 0.05 with 128 bins); only plausible pairs pay for the exact check.
    ia = np.searchsorted(sig.ranks, candidates["a"].to_numpy())
    ib = np.searchsorted(sig.ranks, candidates["b"].to_numpy())
    estimate = np.empty(len(ia))
    for lo in range(0, len(ia), 100_000):
        estimate[lo:lo + 100_000] = (sig.values[ia[lo:lo + 100_000]] == sig.values[ib[lo:lo + 100_000]]).mean(axis=1)
    candidates = candidates.filter(pl.Series(estimate >= settings.threshold - 0.15))
    if candidates.is_empty():
        return empty
    involved = np.isin(shingles.ranks, np.concatenate([candidates["a"].to_numpy(), candidates["b"].to_numpy()]))
    # Each article's distinct shingles as one list, so a pair's shared count is one set
    # intersection (~10x cheaper than joining every shingle of a to those of b).
    sets = shingles.sets(involved).with_columns(pl.col("h").list.len().alias("size"))
    return (
        candidates.join(sets.rename({"rank": "a", "h": "h_a", "size": "size_a"}), on="a")
        .join(sets.rename({"rank": "b", "h": "h_b", "size": "size_b"}), on="b")
        .with_columns(pl.col("h_a").list.set_intersection("h_b").list.len().alias("shared"))
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
    if len(np.unique(shingles.ranks)) < 2:
        return pl.DataFrame(schema=LINK_SCHEMA)
    sig = _signatures(shingles, settings)
    _remember(frame, sig, settings)
    pairs = _similar_pairs(shingles, settings, sig)
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
