"""The console script as users run it: check, refresh, query."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

CONTRACT = {"claim_id", "article_id", "source_path", "claim_type", "claim_text", "char_start", "char_end", "language", "verdict", "reference_id", "evidence", "reason"}


def run(args: list[str], env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], capture_output=True, text=True, env=full_env, timeout=300, **kw)


def test_check_prints_one_json_object_per_claim():
    out = run(["--quiet", "check", str(SEED.parent)])
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) >= 10
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        assert CONTRACT <= set(row)
        assert text[row["char_start"]:row["char_end"]] == row["claim_text"]
    assert {r["claim_type"] for r in rows} >= {"treaty_clause", "event_date", "quote", "office_holder"}
    ids = [r["claim_id"] for r in rows]
    assert len(ids) == len(set(ids))
    # Stable ids: a second run gives the same ids.
    again = run(["--quiet", "check", str(SEED)])
    assert [json.loads(line)["claim_id"] for line in again.stdout.splitlines()] == ids


def test_check_published_flag_without_metadata(tmp_path: Path):
    article = tmp_path / "bare.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = run(["--quiet", "check", str(article), "--published", "2025-04-28"])
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    signed = [r for r in rows if r["claim_type"] == "event_date" and "19 de junio" in r["claim_text"]]
    assert signed and signed[0]["verdict"] == "supported"
    assert rows[0]["language"] == "es"


def test_check_published_flag_does_not_override_a_sidecar_date():
    sidecar = json.loads(SEED.with_name(SEED.stem + ".meta.json").read_text(encoding="utf-8"))
    out = run(["--quiet", "check", str(SEED), "--published", "2020-01-01"])
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and {r["published_on"] for r in rows} == {sidecar["published"]}
    assert all(r["verdict"] == "supported" for r in rows)


def test_check_unusable_input_is_one_line_error(tmp_path: Path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    out = run(["--quiet", "check", str(bad)])
    assert out.returncode != 0
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "broken.json" in lines[0] and "JSON" in lines[0]
    missing = run(["--quiet", "check", str(tmp_path / "nope.txt")])
    assert missing.returncode != 0 and "nope.txt" in missing.stderr


def test_bad_date_argument_is_rejected():
    out = run(["check", str(SEED), "--published", "28/04/2025"])
    assert out.returncode != 0 and "YYYY-MM-DD" in out.stderr


def test_refresh_then_query_read_only(env: Path):
    refreshed = run(["--quiet", "refresh", "--json"])
    assert refreshed.returncode == 0, refreshed.stderr
    summary = json.loads(refreshed.stdout.strip().splitlines()[-1])
    assert summary["articles"] == 1 and summary["claims"] >= 10
    counted = run(["query", "select count(*) as n from marts.claim_verdicts", "--format", "json"])
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout)["n"] == summary["claims"]
    write = run(["query", "create table marts.x as select 1"])
    assert write.returncode != 0
    assert len(write.stderr.strip().splitlines()) == 1
    # Idempotent: a second refresh gives the same counts.
    again = json.loads(run(["--quiet", "refresh", "--json"]).stdout.strip().splitlines()[-1])
    assert again == summary


def test_query_output_formats_for_wide_results_odd_types_and_empty_sql(tmp_path: Path):
    import duckdb

    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table t as select 'x'::blob as b, interval 1 day + interval 90 second as i, 1.50::decimal(5,2) as d, "
                "date '2025-04-28' as day, [1, 2] as l, {'k': date '2025-01-02'} as s, " + ", ".join(f"{n} as column_{n}" for n in range(40)))
    con.close()
    env = {"FACTCHECK_DB": str(db), "COLUMNS": "120"}
    rows = run(["query", "select * from t", "--format", "json"], env=env)
    assert rows.returncode == 0, rows.stderr
    row = json.loads(rows.stdout)
    assert row["b"] == "\\x78" and row["i"] == "P1DT90S" and row["d"] == 1.5 and row["day"] == "2025-04-28"
    assert row["l"] == [1, 2] and row["s"] == {"k": "2025-01-02"} and row["column_39"] == 39
    wide = run(["query", "select * from t"], env=env)
    assert wide.returncode == 0 and "row 1" in wide.stdout and "column_39" in wide.stdout and "P1DT" not in wide.stdout
    assert " 39 " in wide.stdout, "every value is shown when the columns do not fit side by side"
    narrow = run(["query", "select d, day from t"], env=env)
    assert "2025-04-28" in narrow.stdout and "row 1" not in narrow.stdout
    for sql in ("", "  -- only a comment"):
        empty = run(["query", sql], env=env)
        assert empty.returncode == 2 and empty.stderr.count("\n") == 1 and "no SQL statement" in empty.stderr, empty.stderr


def test_query_without_warehouse_is_a_clear_error(tmp_path: Path):
    out = run(["query", "select 1"], env={"FACTCHECK_DB": str(tmp_path / "none.duckdb")})
    assert out.returncode != 0 and "refresh" in out.stderr


def test_refreshes_started_together_share_one_fresh_dagster_home(tmp_path: Path):
    """Several processes opening a fresh DAGSTER_HOME at once: one creates the SQLite storages,
    the others open them (without the lock they race on the schema stamp and fail)."""
    home = tmp_path / "dagster_home"
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    code = "from pipelines.cli import _dagster_instance; print(_dagster_instance().get_runs_count())"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, cwd=Path(__file__).parent.parent,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err[-500:] for _, err in outputs]
    assert [out.strip() for out, _ in outputs] == ["0"] * 4
    assert (home / "history" / "runs.db").exists()


def test_check_warns_about_an_unusable_metadata_value_but_exits_0(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-04-28", "url": "javascript:alert(1)", "language": "xx"}), encoding="utf-8")
    out = run(["--quiet", "check", str(article)])
    assert out.returncode == 0, out.stderr
    warnings = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(warnings) == 2 and all(line.startswith("factcheck: ") and "a.meta.json" in line for line in warnings), warnings
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all(r["article_url"] is None for r in rows)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    both = run(["--quiet", "check", str(tmp_path)])
    assert both.returncode == 1 and "broken.json" in both.stderr, "an unreadable input still makes it 1"


def test_check_table_names_the_article_of_each_claim_in_a_multi_article_file(tmp_path: Path):
    """One .jsonl file, three articles: the table has an article column (the title, or the short
    id of an article without one), so claims of different articles can be told apart; a single
    article keeps the table as it was."""
    seed = SEED.read_text(encoding="utf-8")
    lines = [
        {"text": seed, "title": "Putin agradece a Corea del Norte", "published": "2025-04-28", "language": "es"},
        {"text": "Moscú, 25 de octubre (Agencia) .- La Duma ratificó el tratado el 24 de octubre de 2024.", "title": "La Duma ratifica", "published": "2024-10-25", "language": "es"},
        {"text": "The treaty was signed in Pyongyang on 19 June 2024, officials said on Friday.", "published": "2024-06-21", "language": "en"},
    ]
    bulk = tmp_path / "bulk.jsonl"
    bulk.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    out = run(["--quiet", "check", "--format", "table", str(bulk)], env={"COLUMNS": "400"})
    assert out.returncode == 0, out.stderr
    header = next(line for line in out.stdout.splitlines() if "claim_type" in line)
    assert "article" in header.replace("claim_", "") and "file" not in header
    body = [line for line in out.stdout.splitlines() if "supported" in line or "refuted" in line or "not_enough" in line]
    jsonl = [json.loads(line) for line in run(["--quiet", "check", str(bulk)]).stdout.splitlines()]
    untitled = next(r["article_id"][:8] for r in jsonl if r["language"] == "en")
    for label in ("Putin agradece a Corea del Norte", "La Duma ratifica", untitled):
        assert any(line.split("│")[1].strip() == label for line in body), (label, out.stdout)
    single = run(["--quiet", "check", "--format", "table", str(SEED)], env={"COLUMNS": "400"})
    assert "article" not in next(line for line in single.stdout.splitlines() if "claim_type" in line).replace("claim_", "")
