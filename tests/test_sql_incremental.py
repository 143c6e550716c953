"""Issue 6: the SQL models refresh in proportion to what changed, and an incremental refresh
always publishes what a rebuild from scratch would.

The engine's ``delete_missing_from`` on a small model, then the real pipeline steps (ingest,
extraction, quote alignment, reference links, every SQL model) on a generated corpus in a
DuckDB file: new articles, a moved / re-dated / removed file, and reference changes, each
compared with all SQL models rebuilt from scratch on the same inputs. Real DuckDB, no mocks.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from pipelines import core
from pipelines.bench.corpus import corpus_paths, write_corpus
from pipelines.extract.lexicon import load_lexicons
from pipelines.incremental import FACT_CHECK_LOG_TABLE, OFFICE_TITLE_LOG_TABLE, QUOTE_LOG_TABLE, refresh_claims, refresh_quote_matches, refresh_raw
from pipelines.sqlmodels.project import ModelError, load_project
from pipelines.sqlmodels.run import ModelRun, build_model, compile_model, run_tests
from pipelines.tables import TABLE_DOCS
from tests.test_sqlmodels import memory_db, write

SEED_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"

KEPT = """
    /*
    description: Events still in raw.events.
    materialization: incremental
    unique_key: event_id
    delete_missing_from: raw.events
    */
    with

    events as (
        select * from raw.events
        {% if is_incremental() %}
            where loaded_at > (select max(seen.loaded_at) from {{ this }} as seen)
        {% endif %}
    )

    select event_id, name, loaded_at from events
"""


# --------------------------------------------------------------------------- engine

def test_delete_missing_from_drops_rows_whose_key_left_the_table(tmp_path):
    write(tmp_path, "marts/events_kept.sql", KEPT)
    model = load_project(tmp_path, sources={"raw.events"}).models["marts.events_kept"]
    assert model.delete_missing_from == "raw.events" and model.depends_on == ["raw.events"]
    con = memory_db()
    con.execute("create table raw.events (event_id integer, name varchar, loaded_at integer)")
    con.execute("insert into raw.events values (1, 'a', 1), (2, 'b', 1), (3, 'c', 1)")
    assert build_model(con, model).mode == "rebuild"

    con.execute("delete from raw.events where event_id = 2")
    con.execute("insert into raw.events values (4, 'd', 2)")
    run = build_model(con, model)
    assert (run.mode, run.rows, run.rows_processed) == ("merge", 3, 1)
    assert con.execute("select event_id from marts.events_kept order by 1").fetchall() == [(1,), (3,), (4,)]
    merge = compile_model(model, existing="table")
    assert merge[-2] == (
        "delete from marts.events_kept where not exists "
        "(select 1 from raw.events as __present where __present.\"event_id\" = marts.events_kept.\"event_id\")"
    )
    assert not any("not exists" in s for s in compile_model(model, existing=None))  # a rebuild needs no delete


def test_delete_missing_from_adds_its_table_to_the_dependencies(tmp_path):
    write(tmp_path, "marts/events_kept.sql", KEPT.replace("delete_missing_from: raw.events", "delete_missing_from: raw.current_events"))
    model = load_project(tmp_path, sources={"raw.events", "raw.current_events"}).models["marts.events_kept"]
    assert sorted(model.depends_on) == ["raw.current_events", "raw.events"]


@pytest.mark.parametrize(("header", "line", "message"), [
    ("materialization: table\ndelete_missing_from: raw.events", 3, "delete_missing_from only works in an incremental model"),
    ("materialization: incremental\nunique_key: x\ndelete_missing_from: events", 4, "delete_missing_from must be a schema.table name, not 'events'"),
    ("materialization: incremental\nunique_key: x\ndelete_missing_from: raw.nowhere", 4, "reads raw.nowhere, which no model or source asset provides"),
    ("materialization: incremental\nunique_key: x\ndelete_missing_from: marts.bad", 4, "delete_missing_from names the model's own table"),
])
def test_delete_missing_from_errors_name_the_file_and_line(tmp_path, header, line, message):
    path = write(tmp_path, "marts/bad.sql", f"/*\n{header}\n*/\nselect 1 as x\n")
    with pytest.raises(ModelError) as info:
        load_project(tmp_path, sources=set(TABLE_DOCS) | {"raw.events"})
    error = str(info.value)
    assert error.startswith(f"{path}:{line}: ") and message in error and "\n" not in error


# --------------------------------------------------------------------------- the real pipeline

def _refresh(db: Path, folder: Path, data: Path) -> dict[str, ModelRun]:
    """One refresh as the bench and the assets run it; every model's tests must pass."""
    lexicons = load_lexicons(data / "lexicons")
    con = duckdb.connect(str(db))
    try:
        refresh_raw(con, [str(folder)], lexicons, max_bytes=1 << 24)
        ref, errors = core.reference_tables(data / "reference")
        assert not errors
        con.begin()
        for name, frame in ref.items():
            core.write_table(con, f"ref.{name}", frame)
        con.commit()
        refresh_claims(con, lexicons, data / "lexicons")
        refresh_quote_matches(con)
        core.link_fact_checks(con)
        core.link_office_titles(con)
        runs = {}
        for model in core.sql_project().order():
            runs[model.table] = build_model(con, model)
            failing = [r.test.label for r in run_tests(con, model) if not r.passed]
            assert not failing, f"{model.table}: {failing}"
    finally:
        con.close()
    return runs


def _rows(con, table: str, *, without: tuple[str, ...] = ()) -> list[tuple]:
    columns = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position",
        table.split("."),
    ).fetchall() if r[0] not in without]
    assert columns, f"{table} has no columns"
    select = ", ".join(f'"{c}"' for c in columns)
    return con.execute(f"select {select} from {table} order by all").fetchall()


COMPARED = {
    "marts.claim_verdicts": ("verified_at",),  # a rebuild verifies every claim again, now
    "marts.article_summary": (),
    "marts.verdicts_by_language": (),
    "intermediate.claim_fingerprints": (),
    "intermediate.claim_contents": (),
}


LINKS = ("staging.quote_matches", "staging.fact_check_matches", "staging.office_title_matches")


def _tables(db: Path, *, versions: bool) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {table: _rows(con, table, without=without + (() if versions else ("reference_version",))) for table, without in COMPARED.items()}
        # The incremental mart holds exactly its view's current rows, verified_at included.
        published = _rows(con, "marts.claim_verdicts")
        columns = ", ".join(f'"{r[0]}"' for r in con.execute("describe marts.claim_verdicts").fetchall())
        assert published == con.execute(f"select {columns} from intermediate.claims_decided order by all").fetchall()
    finally:
        con.close()
    return tables


def _assert_same_as_from_scratch(db: Path, tmp_path: Path, *, versions: bool = True) -> None:
    """Every SQL model rebuilt from scratch on the same inputs publishes the same rows.

    ``versions=False`` after a pack changed: a claim that is not verified again keeps the
    reference version that decided it (issue 5), where a rebuild stamps the new one."""
    fresh = tmp_path / "scratch.duckdb"
    shutil.copy(db, fresh)
    con = duckdb.connect(str(fresh))
    try:
        # The claim links too: linked again from scratch (without their logs), they are the same.
        links = {table: _rows(con, table) for table in LINKS}
        for log in (QUOTE_LOG_TABLE, FACT_CHECK_LOG_TABLE, OFFICE_TITLE_LOG_TABLE):
            con.execute(f"drop table {log}")
        assert refresh_quote_matches(con).full and core.link_fact_checks(con).full and core.link_office_titles(con).full
        for table, rows in links.items():
            assert _rows(con, table) == rows, f"{table}: the incremental links differ from a relink"
        for model in core.sql_project().order():
            assert build_model(con, model, full_refresh=True).mode in ("view", "table", "rebuild")
    finally:
        con.close()
    rebuilt, refreshed = _tables(fresh, versions=versions), _tables(db, versions=versions)
    fresh.unlink()
    for table, rows in rebuilt.items():
        assert rows and refreshed[table] == rows, f"{table}: {len(set(refreshed[table]) ^ set(rows))} rows differ"


def _claims(db: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0]: r[1:] for r in con.execute(
            "select claim_id, claim_type, evidence_fingerprint, verified_at, person_id, source_path from marts.claim_verdicts"
        ).fetchall()}
    finally:
        con.close()


def _move_in(source: Path, folder: Path, *, start: int, n: int) -> None:
    write_corpus(source, n, seed=5, start=start)
    for path in corpus_paths(source)[0].rglob("*"):
        if path.is_file():
            shutil.copy(path, folder / path.name)


@pytest.fixture
def warehouse(tmp_path, data_dir):
    """A warehouse refreshed once from 24 generated articles and the seed article."""
    folder = tmp_path / "articles"
    folder.mkdir()
    _move_in(tmp_path / "corpus", folder, start=0, n=24)
    for name in ("sputnik-es-2025-04-28.txt", "sputnik-es-2025-04-28.meta.json"):
        shutil.copy(SEED_DIR / name, folder / name)
    db = tmp_path / "w.duckdb"
    runs = _refresh(db, folder, data_dir)
    assert {r.mode for r in runs.values()} <= {"view", "table", "rebuild"}
    return db, folder, data_dir


def test_new_and_changed_articles_cost_their_claims_and_publish_what_a_rebuild_does(warehouse, tmp_path):
    db, folder, data = warehouse
    _assert_same_as_from_scratch(db, tmp_path)
    before = _claims(db)

    # Nothing new: no claim is hashed, fingerprinted, verified or published again.
    runs = _refresh(db, folder, data)
    assert {t: r.rows_processed for t, r in runs.items() if r.mode == "merge"} == {
        "intermediate.claim_contents": 0, "intermediate.claim_fingerprints": 0, "intermediate.event_date_verdicts": 0,
        "intermediate.office_holder_verdicts": 0, "intermediate.quantity_verdicts": 0, "intermediate.quote_verdicts": 0,
        "intermediate.treaty_clause_verdicts": 0, "marts.claim_verdicts": 0,
    }
    assert _claims(db) == before

    # Three new articles: exactly their claims are hashed, fingerprinted and published.
    _move_in(tmp_path / "more", folder, start=100, n=3)
    runs = _refresh(db, folder, data)
    after = _claims(db)
    new = set(after) - set(before)
    assert new and set(before) < set(after)
    for table in ("intermediate.claim_contents", "intermediate.claim_fingerprints", "marts.claim_verdicts"):
        assert (runs[table].mode, runs[table].rows_processed) == ("merge", len(new)), table
    assert {k: v for k, v in after.items() if k in before} == before  # old claims keep their verdicts and verified_at
    _assert_same_as_from_scratch(db, tmp_path)

    # A file moved to another folder (same text, same claim ids, new path), a sidecar with a
    # corrected date (same claim ids, new dates) and a removed file (its claims go everywhere).
    paths = sorted(p for p in folder.glob("*.txt") if not p.name.startswith("sputnik"))
    moved, redated, removed = paths[0], paths[1], paths[2]
    (folder / "archive").mkdir()
    for path in (moved, moved.with_name(moved.stem + ".meta.json")):
        os.replace(path, folder / "archive" / path.name)
    sidecar = redated.with_name(redated.stem + ".meta.json")
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace('"published": "20', '"published": "19', 1), encoding="utf-8")
    removed.unlink()
    removed.with_name(removed.stem + ".meta.json").unlink()
    runs = _refresh(db, folder, data)
    final = _claims(db)
    gone = {k for k, v in after.items() if v[4] == str(removed)}
    assert gone and not gone & set(final)
    moved_claims = {k for k, v in final.items() if v[4] == str(folder / "archive" / moved.name)}
    redated_claims = {k for k, v in final.items() if v[4] == str(redated)}
    assert moved_claims and redated_claims and moved_claims <= set(after)
    assert all(final[k][1:3] == after[k][1:3] for k in moved_claims)  # same evidence: not verified again
    assert runs["marts.claim_verdicts"].rows_processed == len(moved_claims | redated_claims)
    _assert_same_as_from_scratch(db, tmp_path)


def test_reference_changes_reverify_what_they_can_affect_and_publish_what_a_rebuild_does(warehouse, tmp_path):
    db, folder, data = warehouse
    before = _claims(db)
    types = {k: v[0] for k, v in before.items()}
    assert set(types.values()) == {"event_date", "office_holder", "quote", "treaty_clause", "quantity"}

    # The date of one event: the timeline decides every event_date claim, so exactly those
    # get a new fingerprint and are verified again.
    events = data / "reference" / "core" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert text.count("event_on: 2024-06-19") == 2
    events.write_text(text.replace("event_on: 2024-06-19", "event_on: 2024-06-18", 1), encoding="utf-8")
    _refresh(db, folder, data)
    after = _claims(db)
    assert set(after) == set(before)
    refingerprinted = {k for k in after if after[k][1] != before[k][1]}
    reverified = {k for k in after if after[k][2] != before[k][2]}
    assert refingerprinted == reverified == {k for k, t in types.items() if t == "event_date"}
    _assert_same_as_from_scratch(db, tmp_path, versions=False)

    # The name of one office: only office_holder claims whose evidence can read it - the
    # claims about its holders, or whose title can mean it - get a new fingerprint.
    offices = data / "reference" / "core" / "offices.yaml"
    offices.write_text(offices.read_text(encoding="utf-8").replace(
        "name: Chief of the General Staff of the Armed Forces of the Russian Federation",
        "name: Chief of the General Staff of the Russian Armed Forces"), encoding="utf-8")
    _refresh(db, folder, data)
    final = _claims(db)
    refingerprinted = {k for k in final if final[k][1] != after[k][1]}
    office_claims = {k for k, t in types.items() if t == "office_holder"}
    gerasimov = {k for k in office_claims if final[k][3] == "valery_gerasimov"}
    con = duckdb.connect(str(db), read_only=True)
    try:
        can_read = {r[0] for r in con.execute(
            "select claim_id from staging.claims where person_id in "
            "(select person_id from ref.office_holdings where office_id = 'russia_chief_of_general_staff') "
            "union select claim_id from intermediate.office_claim_candidates where office_id = 'russia_chief_of_general_staff'"
        ).fetchall()}
    finally:
        con.close()
    assert gerasimov and gerasimov <= refingerprinted <= can_read & office_claims
    assert refingerprinted < office_claims
    assert {k for k in final if final[k][2] != after[k][2]} <= refingerprinted
    _assert_same_as_from_scratch(db, tmp_path, versions=False)

    # Prior fact-checks arrive in a pack of their own: every claim is compared with them once;
    # then new articles are compared alone, and the links are what a relink from scratch gives.
    con = duckdb.connect(str(db), read_only=True)
    try:
        sentences = con.execute(
            "select sentence_text, language from staging.claims where claim_type in ('event_date', 'quantity') order by claim_id limit 2"
        ).fetchall()
    finally:
        con.close()
    checks = data / "reference" / "checks"
    checks.mkdir()
    (checks / "pack.yaml").write_text("name: checks\ndescription: Prior fact-checks for the test.\nlicence: CC0-1.0\n", encoding="utf-8")
    (checks / "fact_checks.yaml").write_text(yaml.safe_dump([
        {"fact_check_id": f"fc_{n}", "claim_reviewed": text, "language": language, "rating": "True", "verdict": "supported",
         "publisher": "Test desk", "source": "Test desk, 2025-05-02"}
        for n, (text, language) in enumerate(sentences)
    ], allow_unicode=True), encoding="utf-8")
    _refresh(db, folder, data)
    _assert_same_as_from_scratch(db, tmp_path, versions=False)
    _move_in(tmp_path / "later", folder, start=200, n=3)
    _refresh(db, folder, data)
    con = duckdb.connect(str(db), read_only=True)
    try:
        linked = con.execute("select count(*) from staging.fact_check_matches").fetchone()[0]
        logged = dict(con.execute("select matched_at, count(*) from staging.fact_check_match_log group by 1").fetchall())
    finally:
        con.close()
    assert linked >= 2
    assert len(logged) == 2 and min(logged.values()) == len(_claims(db)) - len(final)  # the new claims alone were compared
    _assert_same_as_from_scratch(db, tmp_path, versions=False)
