"""The benchmark corpus generator is deterministic, and ``factcheck bench`` runs end to end.

Not a timed test: only that the command works on a tiny corpus and reports what it promises.
"""

from __future__ import annotations

import json

import polars as pl

from pipelines.bench.corpus import corpus_paths, default_facts, generate_article, write_corpus
from pipelines.bench.templates import LANGUAGES
from pipelines.cli import main


def _files(root):
    articles_dir = corpus_paths(root)[0]
    return {p.relative_to(articles_dir).as_posix(): p.read_bytes() for p in sorted(articles_dir.rglob("*")) if p.is_file()}


def test_generator_is_deterministic_and_prefix_stable(tmp_path):
    a = write_corpus(tmp_path / "a", 30, seed=7)
    b = write_corpus(tmp_path / "b", 30, seed=7)
    small = write_corpus(tmp_path / "small", 12, seed=7)
    other = write_corpus(tmp_path / "other", 30, seed=8)
    assert a.files == 60 and a.bytes == b.bytes
    assert _files(a.root) == _files(b.root)
    # Article i depends only on (seed, i): a smaller corpus is a prefix of a larger one.
    assert _files(small.root).items() <= _files(a.root).items()
    assert _files(other.root) != _files(a.root)
    truth_a = pl.read_parquet(corpus_paths(a.root)[1]).drop("source_path")
    truth_b = pl.read_parquet(corpus_paths(b.root)[1]).drop("source_path")
    assert truth_a.equals(truth_b)


def test_articles_are_seed_sized_in_seven_languages_with_exact_planted_spans():
    facts = default_facts()
    seen, sizes = set(), []
    for i in range(150):
        text, meta, planted = generate_article(i, 0, facts)
        sizes.append(len(text.encode()))
        seen.add(meta.get("language") or planted[0]["language"])
        assert planted, "every article carries planted claims"
        for row in planted:
            assert text[row["span_start"]:row["span_end"]] == row["planted_text"]
            assert row["expected_verdict"] == ("supported" if row["is_true"] else "refuted")
    assert seen == set(LANGUAGES)
    assert 3000 <= sum(sizes) / len(sizes) <= 4200
    kinds = {row["claim_type"] for i in range(40) for row in generate_article(i, 0, facts)[2]}
    assert kinds == {"office_holder", "event_date", "quote", "treaty_clause", "quantity"}


def test_jsonl_corpus(tmp_path):
    info = write_corpus(tmp_path / "j", 25, seed=3, fmt="jsonl")
    files = list(corpus_paths(info.root)[0].glob("*.jsonl"))
    assert len(files) == 1
    lines = files[0].read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25 and all("text" in json.loads(line) for line in lines)
    truth = pl.read_parquet(corpus_paths(info.root)[1])
    assert truth["line_no"].min() == 1 and truth["line_no"].max() == 25


def test_bench_command_small(tmp_path, capsys):
    code = main(["--quiet", "bench", "--articles", "50", "--json", "--incremental", "--corpus-dir", str(tmp_path / "corpus"), "--out", str(tmp_path / "results.json")])
    assert code == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for key in ("articles_per_s", "floor_articles_per_s", "ratio_to_floor", "peak_rss_mb", "incremental_over_full", "batch_incremental_over_full"):
        assert isinstance(report[key], (int, float)) and report[key] > 0, key
    run = report["runs"][0]
    assert set(run["stages"]) == {"ingest", "reference", "claims", "verdicts"}
    assert all(stage["articles_per_s"] > 0 and stage["mb_per_s"] > 0 for stage in run["stages"].values())
    assert run["counts"]["articles"] == 50
    # The pipeline finds the planted claims (the generator and extractors agree).
    assert run["planted_found"] >= 0.9 * run["planted"]
    inc = run["incremental"]
    assert inc["stages"]["ingest"]["files_read"] == 1 and inc["stages"]["claims"]["articles_extracted"] == 1
    assert inc["counts"]["articles"] == 51
    # The same article as a batch partition: only the batch's file is looked at, and the
    # warehouse ends with the same rows and verdicts.
    batch = run["batch_incremental"]
    assert batch["stages"]["ingest"]["files_seen"] == 1 and batch["stages"]["ingest"]["files_read"] == 1
    assert batch["counts"] == inc["counts"]
    assert report["batch_incremental_over_full"] > 0
    assert json.loads((tmp_path / "results.json").read_text())["runs"][0]["articles"] == 50
