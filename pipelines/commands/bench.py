"""``factcheck bench``: throughput of ingest -> claims -> verdicts on a generated corpus.

For each ``--articles N`` it (re)uses a seeded corpus under ``bench/corpus/`` (see
``pipelines.bench.corpus``), measures the floor (read every file once, one Polars regex pass; the faster of two passes),
runs the pipeline into a fresh DuckDB file in a temporary folder, and reports articles/s and
MB/s per stage and end to end, peak RSS, the ratio to the floor and, for N and 10N, the
exponent of time growth. ``--incremental`` then adds 1 % new articles and refreshes the same
warehouse, reporting the time relative to the full build: ``incremental_over_full`` for a refresh
of all the inputs (``factcheck run``, the schedule), ``batch_incremental_over_full`` for a run of
the new files' ingest-batch partition (the Dagster sensor's runs).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipelines.settings import PROJECT_ROOT

DEFAULT_CORPUS_DIR = PROJECT_ROOT / "bench" / "corpus"


def _part(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "pipelines.bench.run", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"bench part {args[0]} failed: {tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _rates(seconds: float, articles: int, size: int) -> dict:
    seconds = max(seconds, 1e-9)
    return {"seconds": round(seconds, 3), "articles_per_s": round(articles / seconds, 1), "mb_per_s": round(size / 1e6 / seconds, 2)}


def _refresh_stages(part: dict) -> dict:
    """A refresh's stages as reported: seconds rounded, every other figure as measured."""
    return {name: {"seconds": round(stage["seconds"], 3), **{k: v for k, v in stage.items() if k != "seconds"}} for name, stage in part["stages"].items()}


def bench_one(n: int, *, corpus_dir: Path, seed: int, fmt: str, incremental: bool, keep: bool, log) -> dict:
    from pipelines.bench.corpus import corpus_paths, ensure_corpus, write_corpus

    root = ensure_corpus(corpus_dir / f"n{n}-{fmt}-s{seed}", n, seed=seed, fmt=fmt)
    articles_dir, truth_path, _ = corpus_paths(root)
    log(f"bench: {n:,} articles ({fmt}) in {root}")
    # Two passes, the faster kept: the first may read from disk, the pipeline after it reads
    # the same files from the page cache; the floor is the cost of touching the bytes once.
    passes = [_part("floor", str(articles_dir)) for _ in range(2)]
    floor = min(passes, key=lambda p: p["seconds"])
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        full = _part("pipeline", db, str(articles_dir))
        scored = _part("score", db, str(truth_path))
        size = floor["bytes"]
        result = {
            "articles": n,
            "format": fmt,
            "seed": seed,
            "corpus_bytes": size,
            "corpus_files": floor["files"],
            **{k: v for k, v in _rates(full["seconds"], n, size).items()},
            "floor_seconds": round(floor["seconds"], 3),
            "floor_pass_seconds": [round(p["seconds"], 3) for p in passes],
            "floor_articles_per_s": round(n / max(floor["seconds"], 1e-9), 1),
            "floor_mb_per_s": round(size / 1e6 / max(floor["seconds"], 1e-9), 2),
            "peak_rss_mb": round(full["peak_rss_mb"], 1),
            "stages": {name: {**_rates(stage["seconds"], n, size), **{k: v for k, v in stage.items() if k != "seconds"}} for name, stage in full["stages"].items()},
            "counts": full["counts"],
            **scored,
        }
        result["ratio_to_floor"] = round(result["articles_per_s"] / max(result["floor_articles_per_s"], 1e-9), 3)
        if incremental:
            extra = max(1, n // 100)
            inc_root = corpus_dir / f"n{n}-{fmt}-s{seed}-plus{extra}"
            if inc_root.exists():
                shutil.rmtree(inc_root)
            write_corpus(inc_root, extra, seed=seed, fmt=fmt, start=n, batch_prefix="new")
            # The same new articles twice, from copies of the full build: as one ingest-batch
            # partition (what a Dagster run of the new batch does: only its files are stat-ed),
            # then as a refresh of all the inputs (what `factcheck run` and the schedule do).
            batch_db = str(Path(tmp) / "batch.duckdb")
            shutil.copyfile(db, batch_db)
            with open(batch_db, "rb+") as handle:
                os.fsync(handle.fileno())  # the copy's writeback is not part of the batch's time
            batch = _part("batch", batch_db, str(articles_dir), str(corpus_paths(inc_root)[0]))
            inc = _part("pipeline", db, str(articles_dir), str(corpus_paths(inc_root)[0]))
            result["incremental"] = {
                "new_articles": extra,
                "seconds": round(inc["seconds"], 3),
                "peak_rss_mb": round(inc["peak_rss_mb"], 1),
                "stages": _refresh_stages(inc),
                "counts": inc["counts"],
            }
            result["incremental_seconds"] = round(inc["seconds"], 3)
            result["incremental_over_full"] = round(inc["seconds"] / max(full["seconds"], 1e-9), 4)
            result["batch_incremental"] = {
                "seconds": round(batch["seconds"], 3),
                "stages": _refresh_stages(batch),
                "counts": batch["counts"],
            }
            result["batch_incremental_over_full"] = round(batch["seconds"] / max(full["seconds"], 1e-9), 4)
            if not keep:
                shutil.rmtree(inc_root, ignore_errors=True)
    return result


def exponents(results: list[dict]) -> dict:
    """Time growth exponent between runs whose sizes differ tenfold (1.0 = linear)."""
    out = {}
    by_n = {r["articles"]: r["seconds"] for r in results}
    for n, seconds in sorted(by_n.items()):
        if n * 10 in by_n:
            out[f"{n}->{n * 10}"] = round(math.log(by_n[n * 10] / seconds) / math.log(10), 3)
    return out


def cmd_bench(args: argparse.Namespace) -> int:
    from rich.console import Console

    console = Console(stderr=True, quiet=args.quiet or args.json)
    sizes = args.articles or [1000]
    results = [
        bench_one(n, corpus_dir=Path(args.corpus_dir), seed=args.seed, fmt=args.format, incremental=args.incremental, keep=args.keep_corpus, log=console.print)
        for n in sizes
    ]
    growth = exponents(results)
    largest = max(results, key=lambda r: r["articles"])
    summary = {
        "articles": largest["articles"],
        "articles_per_s": largest["articles_per_s"],
        "mb_per_s": largest["mb_per_s"],
        "floor_articles_per_s": largest["floor_articles_per_s"],
        "ratio_to_floor": largest["ratio_to_floor"],
        "peak_rss_mb": largest["peak_rss_mb"],
        "exponents": growth,
    }
    if growth:
        summary["exponent"] = list(growth.values())[-1]
    if args.incremental:
        summary["incremental_over_full"] = largest["incremental_over_full"]
        summary["batch_incremental_over_full"] = largest["batch_incremental_over_full"]
    report = {**summary, "runs": results}
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2) + "\n")
    if args.json:
        print(json.dumps(report))
    else:
        _print_table(results, summary)
    return 0


def _print_table(results: list[dict], summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="factcheck bench")
    for col in ("articles", "stage", "seconds", "articles/s", "MB/s"):
        table.add_column(col, justify="right" if col != "stage" else "left")
    for r in results:
        for name, stage in r["stages"].items():
            table.add_row(f"{r['articles']:,}", name, f"{stage['seconds']:.2f}", f"{stage['articles_per_s']:,.0f}", f"{stage['mb_per_s']:.1f}")
        table.add_row(f"{r['articles']:,}", "[bold]end to end[/bold]", f"{r['seconds']:.2f}", f"{r['articles_per_s']:,.0f}", f"{r['mb_per_s']:.1f}")
        table.add_row(f"{r['articles']:,}", "floor", f"{r['floor_seconds']:.2f}", f"{r['floor_articles_per_s']:,.0f}", f"{r['floor_mb_per_s']:.1f}")
        if "incremental" in r:
            table.add_row(f"+{r['incremental']['new_articles']:,}", "incremental", f"{r['incremental_seconds']:.2f}", "", "")
            table.add_row(f"+{r['incremental']['new_articles']:,}", "batch partition", f"{r['batch_incremental']['seconds']:.2f}", "", "")
    console = Console()
    console.print(table)
    line = f"ratio to floor {summary['ratio_to_floor']:.3f}   peak RSS {summary['peak_rss_mb']:.0f} MB"
    if summary.get("exponents"):
        line += "   exponent " + ", ".join(f"{k}: {v}" for k, v in summary["exponents"].items())
    if "incremental_over_full" in summary:
        line += f"   incremental/full {summary['incremental_over_full']:.4f} (batch partition {summary['batch_incremental_over_full']:.4f})"
    console.print(line)
    for r in results:
        console.print(f"{r['articles']:,}: planted claims found {r['planted_found']:,}/{r['planted']:,}, verdict agrees {r['planted_agree']:,}")


def register(subparsers) -> None:
    p = subparsers.add_parser("bench", help="benchmark ingest -> claims -> verdicts on a generated corpus")
    p.add_argument("--articles", type=int, action="append", help="corpus size (repeat for several sizes; default 1000)")
    p.add_argument("--json", action="store_true", help="print the results as one JSON object")
    p.add_argument("--incremental", action="store_true", help="then add 1%% new articles and time the incremental refresh")
    p.add_argument("--out", help="also write the JSON results to this file (make bench: bench/results.json)")
    p.add_argument("--format", choices=["txt", "jsonl"], default="txt", help="txt + .meta.json sidecars (default) or jsonl batches")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    p.add_argument("--corpus-dir", default=str(DEFAULT_CORPUS_DIR), help="where generated corpora are kept (default bench/corpus)")
    p.add_argument("--keep-corpus", action="store_true", help="keep the generated 1%% increment after --incremental")
    p.set_defaults(func=cmd_bench)
