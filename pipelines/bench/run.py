"""What ``factcheck bench`` measures, each part run in its own process.

* ``floor``: read every file of the corpus (texts and sidecars) in one process, put the texts
  in a Polars frame and run ``str.count_matches(r"\\d+")`` over them once: the cost of
  touching the bytes once.
* ``pipeline``: ingest -> reference -> claims -> verdicts, the code the Dagster assets run
  (``pipelines.incremental`` and the SQL models), into the given DuckDB file. Run on an empty
  file it is a full build; run again with more inputs it is an incremental refresh.

Each part prints one JSON object; the parent (``pipelines.commands.bench``) runs them in fresh
processes so peak RSS and warm caches belong to one measurement only.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import time


class _TreeRss:
    """Peak resident memory of this process and its worker processes together, sampled
    every 50 ms (the extraction workers' memory counts: they run beside the main process)."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._started = False

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        import threading

        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while True:
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total / 2**20)
            time.sleep(0.05)


_TREE = _TreeRss()


def peak_rss_mb() -> float:
    """Peak RSS in MB: this process's own peak, or this process plus its workers sampled
    together, whichever is larger."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB
    return max(own, _TREE.peak)


def corpus_files(roots: list[str]) -> list[str]:
    out: list[str] = []

    def walk(folder: str) -> None:
        with os.scandir(folder) as it:
            for entry in sorted(it, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    out.append(entry.path)

    for root in roots:
        walk(root)
    return out


def measure_floor(roots: list[str]) -> dict:
    import polars as pl

    t0 = time.perf_counter()
    texts: list[str] = []
    size = files = 0
    for path in corpus_files(roots):
        with open(path, "rb") as handle:
            data = handle.read()
        size += len(data)
        files += 1
        if path.endswith(".meta.json"):
            continue
        if path.endswith(".jsonl"):
            texts.extend(json.loads(line)["text"] for line in data.decode("utf-8").splitlines() if line.strip())
        else:
            texts.append(data.decode("utf-8"))
    digits = pl.DataFrame({"text": texts}).select(pl.col("text").str.count_matches(r"\d+").sum()).item()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "files": files, "bytes": size, "articles": len(texts), "digit_runs": int(digits or 0), "peak_rss_mb": peak_rss_mb()}


def run_pipeline(db_path: str, inputs: list[str], *, only_paths: list[str] | None = None) -> dict:
    from pipelines.core import load_reference, sql_project
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.incremental import refresh_claims, refresh_quote_matches, refresh_raw
    from pipelines.ingest.readers import DEFAULT_MAX_BYTES
    from pipelines.settings import load_settings
    from pipelines.sqlmodels.run import build_model
    from pipelines.warehouse import connect

    import pandas  # noqa: F401  (DuckDB imports it on first use; imports are not part of the measurement)

    import pipelines.extract.claims  # noqa: F401

    settings = load_settings()
    _TREE.start()
    stages: dict[str, dict] = {}
    t_start = time.perf_counter()

    connection_s: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(name: str):
        # One connection per stage, as the Dagster assets open one each: what a stage leaves
        # in DuckDB's memory is released before the next begins. Opening, and closing (the
        # connection's one checkpoint writes the stage's rows to the file), are timed apart.
        t = time.perf_counter()
        con = connect(db_path)
        connection_s[name] = time.perf_counter() - t
        try:
            yield con
        finally:
            t = time.perf_counter()
            con.close()
            connection_s[name] += time.perf_counter() - t

    with stage("ingest") as con:
        t = time.perf_counter()
        lexicons = load_lexicons(settings.lexicon_dir)
        raw = refresh_raw(con, inputs, lexicons, max_bytes=DEFAULT_MAX_BYTES, only_paths=only_paths)
        stages["ingest"] = {"seconds": time.perf_counter() - t, "files_seen": raw.files_seen, "files_read": raw.files_read,
                            "articles_added": raw.articles_added, "bytes_read": raw.bytes_read, "full": raw.full, "detail": raw.timings, "peak_rss_mb_after": peak_rss_mb()}

    with stage("reference") as con:
        t = time.perf_counter()
        pack_errors, reloaded = load_reference(con, settings.reference_dir)
        stages["reference"] = {"seconds": time.perf_counter() - t, "reloaded": reloaded, "pack_errors": len(pack_errors), "peak_rss_mb_after": peak_rss_mb()}

    with stage("claims") as con:
        t = time.perf_counter()
        claims = refresh_claims(con, lexicons, settings.lexicon_dir)
        t_quotes = time.perf_counter()
        quotes = refresh_quote_matches(con)
        claims.timings["quotes_s"] = time.perf_counter() - t_quotes
        t_links = time.perf_counter()
        _reference_links(con)
        claims.timings["reference_links_s"] = time.perf_counter() - t_links
        stages["claims"] = {"seconds": time.perf_counter() - t, "articles_extracted": claims.articles_extracted,
                            "claims_added": claims.claims_added, "quote_matches_added": quotes.rows_added, "full": claims.full, "detail": claims.timings, "peak_rss_mb_after": peak_rss_mb()}

    with stage("verdicts") as con:
        t = time.perf_counter()
        models = {}
        for model in sql_project().select(None):
            built = build_model(con, model)
            models[model.table] = {"seconds": round(built.seconds, 3), "mode": built.mode}
        stages["verdicts"] = {"seconds": time.perf_counter() - t, "models": models, "peak_rss_mb_after": peak_rss_mb()}
    seconds = time.perf_counter() - t_start  # the last stage's connection closed: its data is in the file
    for name, spent in connection_s.items():
        stages[name]["connection_s"] = spent
    # The report's own counts are not part of the pipeline's time.
    con = connect(db_path, read_only=True)
    try:
        counts = {
            "articles": con.execute("select count(*) from raw.articles").fetchone()[0],
            "claims": con.execute("select count(*) from staging.claims").fetchone()[0],
            "verdicts": dict(con.execute("select verdict, count(*) from marts.claim_verdicts group by 1 order by 1").fetchall()),
        }
    finally:
        con.close()
    return {"seconds": seconds, "stages": stages, "counts": counts, "peak_rss_mb": peak_rss_mb()}


def _reference_links(con) -> None:
    """What the staging.fact_check_matches and staging.office_title_matches assets do."""
    from pipelines.core import link_fact_checks, link_office_titles

    link_fact_checks(con)
    link_office_titles(con)


def score(db_path: str, truth_paths: list[str]) -> dict:
    """Planted claims found (a claim of the same type overlapping the planted sentence) and
    verdicts agreeing with the planted truth (supported for true, refuted/conflicting for false)."""
    import polars as pl

    from pipelines.warehouse import connect

    truth = pl.concat([pl.read_parquet(p) for p in truth_paths])
    con = connect(db_path, read_only=True)
    try:
        verdicts = con.execute("select source_path, claim_type, char_start, char_end, verdict from marts.claim_verdicts").pl()
    finally:
        con.close()
    joined = truth.join(verdicts, on=["source_path", "claim_type"], how="inner").filter(
        (pl.col("char_start") < pl.col("span_end")) & (pl.col("char_end") > pl.col("span_start"))
    )
    agree = pl.when(pl.col("is_true")).then(pl.col("verdict") == "supported").otherwise(pl.col("verdict").is_in(["refuted", "conflicting"]))
    best = joined.with_columns(agree.alias("agree")).group_by("source_path", "span_start", "claim_type").agg(pl.col("agree").max())
    return {"planted": truth.height, "planted_found": best.height, "planted_agree": int(best["agree"].sum())}


def main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "floor":
        out = measure_floor(argv[1:])
    elif kind == "pipeline":
        out = run_pipeline(argv[1], argv[2:])
    elif kind == "batch":
        # What a run of one ingest-batch partition does: the last input's files are the batch
        # (the sensor found them; its scan is not part of the run), the other inputs the archive.
        from pipelines.incremental import scan_files
        from pipelines.ingest.readers import ReadResult

        batch = scan_files([argv[-1]], ReadResult())["source_path"].to_list()
        out = run_pipeline(argv[1], argv[2:], only_paths=batch)
    elif kind == "score":
        out = score(argv[1], argv[2:])
    else:
        raise SystemExit(f"unknown part {kind!r}")
    sys.stdout.write(json.dumps(out, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
