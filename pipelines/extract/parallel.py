"""Claim extraction over chunks of articles, in worker processes when there is enough work.

The extractors are vectorized Polars code, but most of Polars' string kernels run on one
thread per column, so one process keeps about one core busy. Articles are independent of each
other for the extractors, so chunks of articles go to a pool of worker processes (``spawn``:
no forked Polars or DuckDB state) and come back in order; the caller writes each chunk's claims
while the workers extract the next ones. Small inputs (one chunk) stay in the calling process:
a worker costs about a second to start.

``FACTCHECK_WORKERS`` sets the number of worker processes (default: one core fewer than the
machine has, at most 4: the calling process loads and writes chunks meanwhile, and Polars
already spreads some of its work over two threads; ``1`` extracts in the calling process).
On a 2-core machine the default is 1: measured there, two workers cost ~1 GB more memory and
ran no faster than one process (the second core gave little throughput).
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

import polars as pl

WORKERS_ENV = "FACTCHECK_WORKERS"
# Articles per chunk: bounds a worker's memory (texts, folded copies, sentences). 8,000, not
# 10,000: the 100k bench's claims step peaked ~200 MB lower (1,684 against 1,891 MB) for ~0.5 s
# of fixed cost per extra chunk.
MAX_CHUNK = 8_000
MIN_PARALLEL_CHUNK = 4_000  # below this a chunk's fixed cost (~0.7 s of small Polars queries) dominates

_STATE: dict = {}


def worker_count() -> int:
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            raise ValueError(f"{WORKERS_ENV}={raw!r}: expected a whole number of worker processes") from None
    return max(1, min((os.cpu_count() or 1) - 1, 4))


def plan_chunks(n: int, workers: int, *, max_chunk: int = MAX_CHUNK, min_chunk: int = MIN_PARALLEL_CHUNK) -> int:
    """Chunk size for ``n`` articles: every worker gets work, no chunk exceeds ``max_chunk``,
    and no chunk is smaller than ``min_chunk`` unless the whole input is."""
    if n <= 0 or workers <= 1:
        return max_chunk
    return min(max_chunk, max(min_chunk, math.ceil(n / workers)))


def _init(ref: dict[str, pl.DataFrame], lexicons: dict) -> None:
    _STATE["ref"], _STATE["lexicons"] = ref, lexicons


def _extract(articles: pl.DataFrame) -> pl.DataFrame:
    from pipelines.extract.claims import extract_claims

    return extract_claims(articles, _STATE["ref"], _STATE["lexicons"])


def extract_chunks(
    load: Callable[[int, int], pl.DataFrame], n: int, ref: dict[str, pl.DataFrame], lexicons: dict,
    *, workers: int | None = None, chunk: int | None = None,
) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """``(articles, claims)`` for each chunk ``load(offset, length)`` of the ``n`` articles, in order.

    With more than one chunk and more than one worker, chunks are extracted in worker
    processes, at most ``workers + 1`` of them loaded at a time (bounded memory).
    """
    from pipelines.extract.claims import extract_claims

    workers = worker_count() if workers is None else max(1, workers)
    size = chunk or plan_chunks(n, workers)
    offsets = list(range(0, n, size))
    if workers <= 1 or len(offsets) <= 1:
        for lo in offsets:
            articles = load(lo, size)
            yield articles, extract_claims(articles, ref, lexicons)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(offsets)), mp_context=context, initializer=_init, initargs=(ref, lexicons)) as pool:
        pending: deque[tuple[pl.DataFrame, Future]] = deque()
        for lo in offsets:
            articles = load(lo, size)
            pending.append((articles, pool.submit(_extract, articles)))
            if len(pending) > workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
