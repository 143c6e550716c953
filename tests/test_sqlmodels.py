"""The SQL model layer (dbt_like_sql): discovery, errors, lineage, incremental models, CLI,
Dagster assets and checks, and given/expected tests of the verification models.

Real DuckDB (in memory or in tmp_path) and real Dagster throughout; no mocks.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path

import duckdb
import pytest
from dagster import AssetCheckKey, AssetKey, Definitions, materialize

from pipelines import core
from pipelines.cli import main
from pipelines.defs.sql import FULL_REFRESH_TAG, sql_assets
from pipelines.resources import WarehouseResource
from pipelines.settings import SQL_DIR
from pipelines.sqlmodels.lineage import column_lineage, model_columns, python_table_columns
from pipelines.sqlmodels.project import ModelError, load_project
from pipelines.sqlmodels.run import build_model, compile_model, run_model, run_tests
from pipelines.tables import TABLE_DOCS
from pipelines.warehouse import SCHEMAS, Warehouse

SOURCES = set(TABLE_DOCS)


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def memory_db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    for schema in SCHEMAS:
        con.execute(f"create schema if not exists {schema}")
    return con


def by_key(assets) -> dict:
    return {a.key: a for a in assets}


def deps_of(asset_def) -> set[str]:
    return {".".join(k.path) for k in asset_def.asset_deps[asset_def.key]}


@pytest.fixture(scope="module")
def project():
    return core.sql_project()


# --------------------------------------------------------------------------- discovery

def test_real_project_models_and_upstream(project):
    # Other models may join the project; these are the ones this file relies on.
    assert set(project.models) >= {
        "staging.stg_articles",
        "intermediate.event_date_verdicts", "intermediate.office_holder_verdicts", "intermediate.quantity_verdicts",
        "intermediate.quote_verdicts", "intermediate.treaty_clause_verdicts", "intermediate.claims_decided",
        "marts.article_summary", "marts.claim_verdicts", "marts.verdicts_by_language",
    }
    assert project.models["staging.stg_articles"].materialization == "view"
    # It reads staging.claims too: the claims that are gone (delete_missing_from).
    assert project.models["marts.claim_verdicts"].depends_on == ["intermediate.claims_decided", "staging.claims"]
    assert project.models["marts.verdicts_by_language"].depends_on == ["marts.claim_verdicts"]
    order = [m.table for m in project.order()]
    assert order.index("intermediate.claims_decided") > order.index("intermediate.quote_verdicts")
    assert order.index("marts.verdicts_by_language") > order.index("marts.claim_verdicts")


def test_selectors(project):
    names = lambda sel: [m.table for m in project.select(sel)]  # noqa: E731
    assert names("claim_verdicts") == ["marts.claim_verdicts"]
    up = names("+claim_verdicts")
    assert "staging.stg_articles" in up and "intermediate.event_date_verdicts" in up and "marts.article_summary" not in up
    down = names("event_date_verdicts+")
    assert down[0] == "intermediate.event_date_verdicts" and "intermediate.quote_verdicts" not in down
    expected = ["intermediate.claims_decided", "marts.claim_verdicts", "marts.verdicts_by_language"]
    assert [t for t in down if t in expected] == expected and "marts.article_summary" in down
    assert names(["stg_articles", "marts.article_summary"]) == ["staging.stg_articles", "marts.article_summary"]
    with pytest.raises(ModelError, match="no model named 'nope'"):
        project.select("nope+")
    with pytest.raises(ModelError, match="no model has tag"):
        project.select("tag:nightly")


def test_tag_selector(tmp_path):
    write(tmp_path, "marts/a.sql", "/*\ntags: [nightly]\n*/\nselect 1 as a_id")
    write(tmp_path, "marts/b.sql", "select 2 as b_id")
    proj = load_project(tmp_path, sources=set())
    assert [m.table for m in proj.select("tag:nightly")] == ["marts.a"]


# --------------------------------------------------------------------------- errors

BAD_FILES = [
    # (relative path, file text, expected line, expected message part)
    ("marts/bad.sql", "select * form x\n", 1, "SQL does not parse"),
    ("marts/bad.sql", "/*\ndescription: ok\n*/\nwith\n\na as (\n    select 1 as b\n)\n\nselect * from a where\n", 10, "SQL does not parse"),
    ("marts/bad.sql", "/*\ndescription: reads a table nobody makes\n*/\nwith\n\nthings as (\n    select * from ref.no_such_table\n)\n\nselect * from things\n", 7, "reads ref.no_such_table, which no model or source asset provides"),
    ("marts/bad.sql", "/*\ndescription: fine\ngrain: [unclosed\n*/\nselect 1 as x\n", 3, "header is not valid YAML"),
    ("marts/bad.sql", "/*\ndescription: fine\ntests:\n  - not_null: x\n  - not_nul: x\n*/\nselect 1 as x\n", 5, "unknown test 'not_nul'"),
    ("marts/bad.sql", "/*\nmaterialisation: view\n*/\nselect 1 as x\n", 2, "unknown header key 'materialisation'"),
    ("marts/bad.sql", "/*\nmaterialization: snapshot\n*/\nselect 1 as x\n", 2, "unknown materialization 'snapshot'"),
    ("marts/bad.sql", "/*\ntests:\n  - accepted_values: {column: x}\n*/\nselect 1 as x\n", 3, "test accepted_values needs column and a non-empty values list"),
    ("marts/bad.sql", "/*\ntests:\n  - relationships: {column: x, to: ref.nowhere}\n*/\nselect 1 as x\n", 3, "relationships test points to ref.nowhere"),
    ("marts/bad.sql", "/*\ntests:\n  - sql: {name: broken, query: select * form y}\n*/\nselect 1 as x\n", 3, "sql test query does not parse"),
    ("marts/bad.sql", "/*\nmaterialization: incremental\n*/\nselect 1 as x\n", None, "an incremental model needs unique_key"),
    ("marts/bad.sql", "/*\nmaterialization: incremental\nunique_key: x\n*/\nselect 1 as x\n{% if is_incremental %}\nwhere {{ that }} > 1\n{% endif %}\n", 7, "unknown template expression"),
    ("marts/bad.sql", "select 1 as x\n{% if is_incremental() %}\nwhere 1 = 1\n", 3, "never closed"),
    ("marts/bad.sql", "select 1 as x; select 2 as y\n", 1, "a model is one select statement"),
    ("marts/bad.sql", "delete from marts.other\n", 1, "a model is one select statement"),
    ("staging/bad.sql", "/*\ndescription: a view\n*/\nselect\n    date_agrees('day', date '2024-06-19', date '2024-06-19') as x\n", 5, "a view cannot call the macro date_agrees"),
]


@pytest.mark.parametrize(("rel", "text", "line", "message"), BAD_FILES, ids=[b[3][:30] for b in BAD_FILES])
def test_user_errors_are_one_line_naming_the_file_and_line(tmp_path, rel, text, line, message):
    write(tmp_path, "staging/stg_ok.sql", "select 1 as ok_id")
    path = write(tmp_path, rel, text)
    with pytest.raises(ModelError) as info:
        sql_assets(load_project(tmp_path, sources=SOURCES))
    error = str(info.value)
    assert "\n" not in error
    assert error.startswith(f"{path}:{line}: " if line else f"{path}: ")
    assert message in error


def test_cycle_is_reported_with_the_chain(tmp_path):
    write(tmp_path, "intermediate/a.sql", "select * from intermediate.b")
    write(tmp_path, "intermediate/b.sql", "with\n\nupstream as (\n    select * from intermediate.a\n)\n\nselect * from upstream")
    with pytest.raises(ModelError) as info:
        load_project(tmp_path, sources=SOURCES)
    error = str(info.value)
    assert "\n" not in error and "dependency cycle" in error
    assert "intermediate.a -> intermediate.b -> intermediate.a" in error or "intermediate.b -> intermediate.a -> intermediate.b" in error
    assert error.startswith(str(tmp_path / "intermediate")) and (":1: " in error or ":4: " in error)


def test_two_files_defining_the_same_table(tmp_path):
    first = write(tmp_path, "marts/things.sql", "select 1 as thing_id")
    second = write(tmp_path, "marts/z_things_again.sql", "/*\nname: things\n*/\nselect 2 as thing_id")
    with pytest.raises(ModelError) as info:
        load_project(tmp_path, sources=SOURCES)
    assert str(info.value) == f"{second}: table marts.things is already defined by {first}"


def test_sql_list_fails_on_a_file_that_does_not_parse(tmp_path, monkeypatch, capsys):
    # Acceptance: `select * form x` makes `factcheck sql list` exit non-zero naming the file.
    root = tmp_path / "dbt_like_sql"
    shutil.copytree(SQL_DIR, root)
    bad = write(root, "marts/broken.sql", "select * form x\n")
    monkeypatch.setattr(core, "SQL_DIR", root)
    assert main(["sql", "list"]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"factcheck: {bad}:1: SQL does not parse") and "\n" not in err


# --------------------------------------------------------------------------- Dagster assets

def test_dagster_graph_shows_the_same_edges_as_sql_list(project, capsys):
    assets = by_key(sql_assets(project))
    assert main(["sql", "list", "--format", "json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {row["model"] for row in listed} == set(project.models)
    for row in listed:
        asset_def = assets[AssetKey(row["model"].split("."))]
        assert deps_of(asset_def) == set(row["upstream"])
        assert {k.name for k in asset_def.check_keys} == set(row["tests"])


def test_verdicts_by_language_is_an_asset_with_its_check_in_the_code_location():
    from pipelines.definitions import build_definitions

    graph = build_definitions().resolve_asset_graph()
    key = AssetKey(["marts", "verdicts_by_language"])
    assert key in graph.get_all_asset_keys()
    assert AssetKey(["marts", "claim_verdicts"]) in graph.get(key).parent_keys
    assert AssetCheckKey(key, "not_null_language") in graph.asset_check_keys


def test_verdicts_by_language_builds_in_dagster_with_its_checks(tmp_path, project):
    db = tmp_path / "warehouse" / "factcheck.duckdb"
    with Warehouse(db).build() as con:
        con.execute("""
            create table marts.claim_verdicts as
            select * from (values
                ('c1', 'es', 'supported'), ('c2', 'es', 'refuted'), ('c3', 'es', 'supported'),
                ('c4', 'en', 'not_enough_evidence'), ('c5', 'en', 'conflicting')
            ) as t(claim_id, language, verdict)
        """)
    asset_def = by_key(sql_assets(project))[AssetKey(["marts", "verdicts_by_language"])]
    result = materialize([asset_def], resources={"warehouse": WarehouseResource(db_path=str(db), data_dir=str(tmp_path))})
    assert result.success
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks == {"not_null_language": True, "unique_language": True, "counts_add_up": True}
    with Warehouse(db).build() as con:
        rows = con.execute("select * from marts.verdicts_by_language order by language").fetchall()
        comment = con.execute("select comment from duckdb_tables() where schema_name = 'marts' and table_name = 'verdicts_by_language'").fetchone()[0]
    assert rows == [("en", 2, 0, 0, 1, 1), ("es", 3, 2, 1, 0, 0)]
    assert comment.startswith("Verdict counts per article language")


def test_model_added_to_a_copy_appears_as_asset_without_python_change(tmp_path):
    root = tmp_path / "dbt_like_sql"
    shutil.copytree(SQL_DIR, root)
    write(root, "marts/claims_by_type.sql", """
        /*
        description: Claims per claim type and verdict.
        grain: one row per claim type and verdict
        columns:
          claim_type: The claim type.
          count_claims: Claims of that type with that verdict.
        tests:
          - not_null: claim_type
          - sql: {name: no_empty_groups, query: select * from marts.claims_by_type where count_claims = 0}
        */
        with

        claims_decided as (
            select * from intermediate.claims_decided
        ),

        articles as (
            select * from staging.stg_articles
        ),

        counted as (
            select
                claims_decided.claim_type,
                claims_decided.verdict,
                count(*) as count_claims,
            from claims_decided
            inner join articles on articles.article_id = claims_decided.article_id
            group by all
        )

        select * from counted
    """)
    proj = load_project(root, sources=SOURCES)
    assets = by_key(sql_assets(proj))
    new = assets[AssetKey(["marts", "claims_by_type"])]
    assert deps_of(new) == {"intermediate.claims_decided", "staging.stg_articles"}
    assert {k.name for k in new.check_keys} == {"not_null_claim_type", "no_empty_groups"}
    assert new.group_names_by_key[new.key] == "marts"
    lineage = new.specs_by_key[new.key].metadata["dagster/column_lineage"]
    assert [(d.asset_key, d.column_name) for d in lineage.deps_by_column["claim_type"]] == [(AssetKey(["intermediate", "claims_decided"]), "claim_type")]
    warehouse = WarehouseResource(db_path=str(tmp_path / "w.duckdb"), data_dir=str(tmp_path))
    graph = Definitions(assets=list(assets.values()), resources={"warehouse": warehouse}).resolve_asset_graph()
    assert AssetKey(["marts", "claims_by_type"]) in graph.get(AssetKey(["intermediate", "claims_decided"])).child_keys


# --------------------------------------------------------------------------- lineage

def _deps(lineage, column) -> set[str]:
    return {".".join(d.asset_key.path) + "." + d.column_name for d in lineage.deps_by_column[column]}


def test_column_lineage_of_the_real_models(project):
    verdicts = column_lineage(project.models["marts.claim_verdicts"], project)
    assert _deps(verdicts, "claim_id") == {"intermediate.claims_decided.claim_id"}
    decided = column_lineage(project.models["intermediate.claims_decided"], project)
    assert _deps(decided, "article_title") == {"staging.stg_articles.title"}
    assert _deps(decided, "claim_text") == {"staging.claims.claim_text"}  # through claims.*
    assert "intermediate.quote_verdicts.verdict" in _deps(decided, "verdict")
    events = column_lineage(project.models["intermediate.event_date_verdicts"], project)
    assert {"ref.events.description", "ref.events.event_on"} <= _deps(events, "evidence")
    assert model_columns(project.models["marts.claim_verdicts"], project)[:3] == ["claim_id", "article_id", "source_path"]
    asset_def = by_key(sql_assets(project))[AssetKey(["marts", "article_summary"])]
    metadata = asset_def.specs_by_key[asset_def.key].metadata
    assert "count_refuted" in metadata["dagster/column_lineage"].deps_by_column
    assert [c.name for c in metadata["dagster/column_schema"].columns][:2] == ["article_id", "source_path"]


def test_lineage_through_select_star_of_a_table_with_unknown_columns(tmp_path):
    write(tmp_path, "staging/stg_things.sql", """
        with

        things as (
            select * from raw.things
        ),

        renamed as (
            select
                thing_id,
                upper(label) as label_upper,
                'fixed' as kind,
            from things
        )

        select * from renamed
    """)
    proj = load_project(tmp_path, sources={"raw.things"})  # no columns known for raw.things
    model = proj.models["staging.stg_things"]
    lineage = column_lineage(model, proj)
    assert _deps(lineage, "thing_id") == {"raw.things.thing_id"}
    assert _deps(lineage, "label_upper") == {"raw.things.label"}
    assert "kind" not in lineage.deps_by_column  # a literal comes from no column
    assert model_columns(model, proj) == ["thing_id", "label_upper", "kind"]


def test_lineage_failure_never_breaks_loading(tmp_path):
    write(tmp_path, "marts/odd.sql", "select * from raw.a, raw.b")  # ambiguous star, no columns known
    proj = load_project(tmp_path, sources={"raw.a", "raw.b"})
    model = proj.models["marts.odd"]
    assert column_lineage(model, proj) is None
    model.body = "select from from"  # even SQL sqlglot cannot read gives None, not an exception
    proj.cache.clear()
    assert column_lineage(model, proj) is None
    assert len(sql_assets(proj)) == 1


def test_lineage_from_the_warehouse_when_a_connection_is_given(tmp_path):
    write(tmp_path, "staging/stg_things.sql", "with\n\nthings as (\n    select * from raw.things\n)\n\nselect * from things")
    proj = load_project(tmp_path, sources={"raw.things"})
    con = memory_db()
    con.execute("create table raw.things as select 1 as thing_id, 'a' as label")
    model = proj.models["staging.stg_things"]
    run_model(con, model)
    lineage = column_lineage(model, proj, con)
    assert _deps(lineage, "label") == {"raw.things.label"}
    assert model_columns(model, proj, con) == ["thing_id", "label"]


# --------------------------------------------------------------------------- materializations

INCREMENTAL = """
    /*
    description: Events seen so far, one row per event.
    materialization: incremental
    unique_key: event_id
    columns:
      event_id: The event.
    tests:
      - unique: event_id
    */
    with

    events as (
        select * from raw.events
        {% if is_incremental() %}
            -- only rows loaded since the last run
            where loaded_at > (select max(seen.loaded_at) from {{ this }} as seen)
        {% endif %}
    ),

    cleaned as (
        select
            event_id,
            upper(name) as name,
            loaded_at,
        from events
    )

    select * from cleaned
"""


def test_incremental_model_merges_only_new_rows_and_full_refresh_rebuilds(tmp_path):
    write(tmp_path, "marts/events_seen.sql", INCREMENTAL)
    proj = load_project(tmp_path, sources={"raw.events"})
    model = proj.models["marts.events_seen"]
    assert model.depends_on == ["raw.events"]  # {{ this }} is no dependency
    assert "loaded_at >" not in model.body
    assert "where loaded_at > (select max(seen.loaded_at) from marts.events_seen as seen)" in model.render(incremental=True)
    con = memory_db()
    con.execute("create table raw.events (event_id integer, name varchar, loaded_at integer)")
    con.execute("insert into raw.events values (1, 'a', 1), (2, 'b', 1)")

    first = build_model(con, model)
    assert (first.mode, first.rows, first.rows_processed) == ("rebuild", 2, None)

    con.execute("update raw.events set name = 'a2', loaded_at = 2 where event_id = 1")  # changed row: new version
    con.execute("update raw.events set name = 'b-late' where event_id = 2")  # old row edited in place: not new
    con.execute("insert into raw.events values (3, 'c', 2)")
    second = build_model(con, model)
    assert (second.mode, second.rows, second.rows_processed) == ("merge", 3, 2)
    assert con.execute("select event_id, name from marts.events_seen order by 1").fetchall() == [(1, "A2"), (2, "B"), (3, "C")]
    assert all(r.passed for r in run_tests(con, model))

    third = build_model(con, model, full_refresh=True)
    assert third.mode == "rebuild"
    assert con.execute("select event_id, name from marts.events_seen order by 1").fetchall() == [(1, "A2"), (2, "B-LATE"), (3, "C")]
    comment = con.execute("select comment from duckdb_columns() where table_name = 'events_seen' and column_name = 'event_id'").fetchone()[0]
    assert comment == "The event."

    merge_sql = "\n".join(compile_model(model, existing="table"))
    assert "delete from marts.events_seen using __incoming" in merge_sql and "from marts.events_seen as seen" in merge_sql
    assert compile_model(model, existing="table", full_refresh=True)[0].startswith("create or replace table marts.events_seen as")


def test_an_incremental_model_whose_sql_changed_is_rebuilt_not_merged(tmp_path):
    from pipelines.sqlmodels.run import VERSIONS_TABLE

    write(tmp_path, "marts/events_seen.sql", INCREMENTAL)
    con = memory_db()
    con.execute("create table raw.events (event_id integer, name varchar, loaded_at integer)")
    con.execute("insert into raw.events values (1, 'a', 1), (2, 'b', 1)")
    model = load_project(tmp_path, sources={"raw.events"}).models["marts.events_seen"]
    assert build_model(con, model).mode == "rebuild"
    assert build_model(con, model).mode == "merge", "the same SQL merges"
    # A new version of the model (an upgrade that changes how rows are computed): the rows the
    # old SQL wrote must not survive a merge, so the next run rebuilds.
    write(tmp_path, "marts/events_seen.sql", INCREMENTAL.replace("upper(name)", "lower(name)"))
    changed = load_project(tmp_path, sources={"raw.events"}).models["marts.events_seen"]
    assert "lower(name)" in changed.body
    run = build_model(con, changed)
    assert run.mode == "rebuild"
    assert con.execute("select event_id, name from marts.events_seen order by 1").fetchall() == [(1, "a"), (2, "b")]
    assert build_model(con, changed).mode == "merge"
    # A description-only change is not a new version.
    edited = INCREMENTAL.replace("upper(name)", "lower(name)").replace("one row per event.", "one row per event (edited).")
    write(tmp_path, "marts/events_seen.sql", edited)
    assert build_model(con, load_project(tmp_path, sources={"raw.events"}).models["marts.events_seen"]).mode == "merge"
    # Tables built before versions were recorded are rebuilt once.
    con.execute(f"delete from {VERSIONS_TABLE}")
    assert build_model(con, changed).mode == "rebuild"
    assert con.execute("select comment from duckdb_tables() where schema_name = 'staging' and table_name = 'sql_model_versions'").fetchone()[0]


def test_incremental_full_refresh_from_dagster_config_and_run_tag(tmp_path):
    write(tmp_path / "sql", "marts/events_seen.sql", INCREMENTAL)
    proj = load_project(tmp_path / "sql", sources={"raw.events"})
    db = tmp_path / "factcheck.duckdb"
    with Warehouse(db).build() as con:
        con.execute("create table raw.events as select 1 as event_id, 'a' as name, 1 as loaded_at")
    asset_def = sql_assets(proj)[0]
    resources = {"warehouse": WarehouseResource(db_path=str(db), data_dir=str(tmp_path))}

    def mode(**kwargs) -> str:
        result = materialize([asset_def], resources=resources, **kwargs)
        assert result.success
        return result.asset_materializations_for_node(asset_def.op.name)[0].metadata["mode"].value

    assert mode() == "rebuild"
    assert mode() == "merge"
    assert mode(run_config={"ops": {asset_def.op.name: {"config": {"full_refresh": True}}}}) == "rebuild"
    assert mode(tags={FULL_REFRESH_TAG: "true"}) == "rebuild"


def test_view_and_table_switch_materialization(tmp_path):
    path = write(tmp_path, "marts/things.sql", "/*\nmaterialization: view\n*/\nselect 1 as thing_id")
    con = memory_db()
    run_model(con, load_project(tmp_path).models["marts.things"])
    path.write_text("/*\nmaterialization: table\n*/\nselect 1 as thing_id")
    assert run_model(con, load_project(tmp_path).models["marts.things"]) == 1
    kind = con.execute("select table_type from information_schema.tables where table_name = 'things'").fetchone()[0]
    assert kind == "BASE TABLE"


def test_tests_report_offending_rows_and_broken_tests(tmp_path):
    write(tmp_path, "marts/things.sql", """
        /*
        tests:
          - not_null: thing_id
          - unique: thing_id
          - accepted_values: {column: kind, values: [a, "it's"]}
          - relationships: {column: kind, to: raw.kinds, field: kind}
          - not_null: {column: no_such_column, severity: warn}
        */
        select * from (values (1, 'a'), (1, 'it''s'), (null, 'b')) as t(thing_id, kind)
    """)
    proj = load_project(tmp_path, sources={"raw.kinds"})
    con = memory_db()
    con.execute("create table raw.kinds as select 'a' as kind")
    model = proj.models["marts.things"]
    run_model(con, model)
    results = {r.test.label: r for r in run_tests(con, model)}
    assert results["not_null_thing_id"].failing_rows == 1
    assert results["unique_thing_id"].failing_rows == 1
    assert results["accepted_values_kind"].failing_rows == 1  # 'b'; "it's" is accepted
    assert results["relationships_kind"].failing_rows == 2
    broken = results["not_null_no_such_column"]
    assert not broken.passed and broken.test.severity == "warn" and "no_such_column" in broken.error


# --------------------------------------------------------------------------- CLI

def test_cli_compile_prints_the_sql(capsys, tmp_path, monkeypatch):
    # Against an empty warehouse: an incremental model compiles to its first (rebuild) form.
    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "none.duckdb"))
    assert main(["sql", "compile", "claim_verdicts", "--tests"]) == 0
    out = capsys.readouterr().out
    assert "create or replace table marts.claim_verdicts as\nwith" in out
    assert "-- test spans_in_order" in out and "'supported', 'refuted'" in out
    assert main(["sql", "compile", "nope"]) == 2
    assert "no model named 'nope'" in capsys.readouterr().err


def test_cli_run_builds_publishes_and_query_sees_it(tmp_path, monkeypatch, capsys):
    # The real verdicts_by_language model over a hand-made marts.claim_verdicts.
    root = tmp_path / "dbt_like_sql"
    write(root, "marts/verdicts_by_language.sql", (SQL_DIR / "marts" / "verdicts_by_language.sql").read_text())
    write(root, "marts/languages.sql", "with\n\nby_language as (\n    select * from marts.verdicts_by_language\n)\n\nselect language from by_language")
    monkeypatch.setattr(core, "SQL_DIR", root)
    monkeypatch.setattr(core, "TABLE_DOCS", {**TABLE_DOCS, "marts.claim_verdicts": "Claims."})
    db = tmp_path / "warehouse" / "factcheck.duckdb"
    monkeypatch.setenv("FACTCHECK_DB", str(db))
    assert main(["sql", "run"]) == 2  # its input is not built yet: a one-line hint
    err = capsys.readouterr().err
    assert err.startswith(f"factcheck: {root / 'marts' / 'verdicts_by_language.sql'}: reads marts.claim_verdicts") and "run `factcheck refresh` first" in err
    assert main(["sql", "run", "--select", "languages"]) == 2
    assert "select it too (+languages)" in capsys.readouterr().err
    with Warehouse(db).build() as con:
        con.execute("create table marts.claim_verdicts as select * from (values ('c1', 'es', 'supported'), ('c2', 'en', 'refuted')) as t(claim_id, language, verdict)")
    assert main(["sql", "run"]) == 0
    captured = capsys.readouterr()
    assert "ok    marts.verdicts_by_language" in captured.out and "pass  not_null_language" in captured.out
    assert f"published {db}" in captured.err
    assert main(["query", "select language, count_refuted from marts.verdicts_by_language order by 1", "--format", "json"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [{"language": "en", "count_refuted": 1}, {"language": "es", "count_refuted": 0}]
    assert main(["sql", "run", "--select", "languages", "--no-publish"]) == 0
    assert "(not published)" in capsys.readouterr().err


def test_cli_run_stops_at_a_failing_test_and_does_not_publish(tmp_path, monkeypatch, capsys):
    root = tmp_path / "dbt_like_sql"
    write(root, "staging/stg_things.sql", "/*\ntests:\n  - unique: thing_id\n*/\nselect * from (values (1), (1)) as t(thing_id)")
    write(root, "marts/things.sql", "select * from staging.stg_things")
    monkeypatch.setattr(core, "SQL_DIR", root)
    db = tmp_path / "factcheck.duckdb"
    monkeypatch.setenv("FACTCHECK_DB", str(db))
    assert main(["sql", "run", "--full-refresh"]) == 1
    captured = capsys.readouterr()
    assert "FAIL  unique_thing_id  1 offending rows" in captured.out
    assert "1 downstream model(s) not built; nothing published" in captured.err
    assert not db.exists()


def test_cli_incremental_run_compile_and_full_refresh(tmp_path, monkeypatch, capsys):
    root = tmp_path / "dbt_like_sql"
    write(root, "marts/events_seen.sql", INCREMENTAL)
    monkeypatch.setattr(core, "SQL_DIR", root)
    monkeypatch.setattr(core, "TABLE_DOCS", {**TABLE_DOCS, "raw.events": "Events."})
    db = tmp_path / "factcheck.duckdb"
    monkeypatch.setenv("FACTCHECK_DB", str(db))
    with Warehouse(db).build() as con:
        con.execute("create table raw.events as select 1 as event_id, 'a' as name, 1 as loaded_at")
    assert main(["sql", "compile", "events_seen"]) == 0
    assert "(incremental, rebuild build)" in capsys.readouterr().out
    assert main(["sql", "run"]) == 0
    assert " rebuild " in capsys.readouterr().out
    assert main(["sql", "compile", "events_seen"]) == 0
    out = capsys.readouterr().out
    assert "(incremental, merge build)" in out and "delete from marts.events_seen using __incoming" in out
    assert main(["sql", "run"]) == 0
    assert " merge " in capsys.readouterr().out and db.exists()
    assert main(["sql", "run", "--full-refresh"]) == 0
    assert " rebuild " in capsys.readouterr().out


# --------------------------------------------------------------------------- given/expected: verification models

def given(tables: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse: every Python-written table, empty with its real columns, plus
    the rows given here (columns not named stay null)."""
    con = memory_db()
    for table, columns in python_table_columns().items():
        cols = ", ".join(f'"{c}" {t if t != "text" else "varchar"}' for c, t in columns.items())
        con.execute(f"create table {table} ({cols})")
    for table, rows in tables.items():
        for row in rows:
            names = ", ".join(f'"{c}"' for c in row)
            con.execute(f"insert into {table} ({names}) values ({', '.join('?' for _ in row)})", list(row.values()))
    return con


def build_upstream_and(con, project, table: str) -> None:
    """Build the model and every model it reads, as a run would."""
    for model in project.select(f"+{table}"):
        run_model(con, model)
        failing = [r.test.label for r in run_tests(con, model) if not r.passed and r.test.severity == "error"]
        assert not failing, f"{model.table}: {failing}"


def rows(*dicts):
    return list(dicts)


def test_event_date_verdicts_given_expected(project):
    d = dt.date
    sentence = " el tratado se firmo en moscu "

    def claim(claim_id, segment, date_value, precision, mention, context=sentence, claim_type="event_date"):
        return {"claim_id": claim_id, "claim_type": claim_type, "language": "es", "segment_norm": segment, "context_norm": context,
                "date_value": date_value, "date_precision": precision, "mention_text": mention, "article_id": "a1"}

    con = given({
        "ref.packs": rows({"pack_name": "core", "content_hash": "abc", "reference_version": "core:abc"}),
        "ref.events": rows(
            {"event_id": "signing", "event_on": d(2001, 7, 16), "description": "Signing of the treaty", "place": "Moscow", "source": "MFA 2001", "pack_name": "core"},
            {"event_id": "summit", "event_on": d(2019, 3, 1), "description": "Summit", "place": None, "source": "Agency 2019", "pack_name": "core"},
        ),
        "ref.event_keywords": rows(
            {"event_id": "signing", "language": "es", "group_no": 1, "keyword_norm": "firm"},
            {"event_id": "signing", "language": "es", "group_no": 2, "keyword_norm": "tratado"},
            {"event_id": "summit", "language": "es", "group_no": 1, "keyword_norm": "cumbre"},
        ),
        "staging.claims": rows(
            claim("right_day", " firmo el 16 de julio ", d(2001, 7, 16), "day", "16 de julio de 2001"),
            claim("wrong_day", " firmo el 17 de julio ", d(2001, 7, 17), "day", "17 de julio de 2001"),
            claim("right_month", " julio de 2001 ", d(2001, 7, 1), "month", "julio de 2001"),
            claim("right_year", " en 2001 ", d(2001, 1, 1), "year", "2001"),
            claim("half_match", " en 2001 ", d(2001, 1, 1), "year", "2001", context=" se firmo en 2001 "),
            claim("no_year", " el 16 de julio ", None, "day", "16 de julio"),
            claim("other_type", sentence, None, None, None, claim_type="quote"),
        ),
    })
    build_upstream_and(con, project, "intermediate.event_date_verdicts")
    got = {r[0]: r[1:] for r in con.execute("select claim_id, verdict, reference_id, evidence from intermediate.event_date_verdicts").fetchall()}
    signing = "Signing of the treaty — 2001-07-16 (Moscow)"
    assert got == {
        "right_day": ("supported", "event:signing", signing),
        "wrong_day": ("refuted", "event:signing", signing),
        "right_month": ("supported", "event:signing", signing),
        "right_year": ("supported", "event:signing", signing),
        "half_match": ("not_enough_evidence", None, None),  # only one keyword group of two hits
        "no_year": ("not_enough_evidence", None, signing),
    }
    reason = con.execute("select reason from intermediate.event_date_verdicts where claim_id = 'wrong_day'").fetchone()[0]
    assert reason == 'The reference timeline dates "Signing of the treaty" to 2001-07-16, not 2001-07-17 as "17 de julio de 2001" says.'


def test_treaty_clause_verdicts_given_expected(project):
    """A stated duty must match the article's obligation; a contradicting word refutes unless
    negated; a claim naming no treaty takes the one pack treaty whose article fits alone."""

    def claim(claim_id, description, treaty_id="t1", article_no=5, obligation=None, negated=False, resolution="name after the article number", treaty_text=None):
        return {"claim_id": claim_id, "claim_type": "treaty_clause", "language": "en", "article_id": "a1", "article_no": article_no,
                "treaty_id": treaty_id, "treaty_resolution": resolution, "treaty_text": treaty_text, "segment_norm": description,
                "description_norm": description, "obligation_text": obligation, "is_negated": negated}

    def element(treaty_id, article_no, element, keyword, *, value=None, contradiction=False):
        return {"treaty_id": treaty_id, "article_no": article_no, "element": element, "value": value or element, "language": "en",
                "group_no": 1, "keyword_norm": keyword, "is_contradiction": contradiction}

    con = given({
        "ref.packs": rows({"pack_name": "core", "content_hash": "abc", "reference_version": "core:abc"}),
        "ref.treaties": rows({"treaty_id": "t1", "name": "Pact One", "source": "Text 1", "pack_name": "core"},
                             {"treaty_id": "t2", "name": "Pact Two", "source": "Text 2", "pack_name": "core"}),
        "ref.treaty_articles": rows({"treaty_id": "t1", "article_no": 5, "summary": "Assist after an attack.", "source": "Text 1"},
                                    {"treaty_id": "t1", "article_no": 4, "summary": "Consult when threatened.", "source": "Text 1"},
                                    {"treaty_id": "t2", "article_no": 5, "summary": "Respect sovereignty.", "source": "Text 2"}),
        "ref.clause_elements": rows(
            element("t1", 5, "trigger", "attack"), element("t1", 5, "obligation", "assist", value="assist the attacked"),
            element("t1", 5, "means", "deem", value="action each deems necessary"),
            element("t1", 5, "means", "automatic", value="action each deems necessary", contradiction=True),
            element("t1", 4, "trigger", "threat"), element("t1", 4, "obligation", "consult"),
            element("t2", 5, "subject", "sovereign"),
        ),
        "staging.claims": rows(
            claim("agrees", " obliges allies to assist after an attack ", obligation="obliges"),
            claim("unmatched_duty", " requires allies to close borders after an attack ", obligation="requires"),
            claim("no_duty_stated", " is about an attack "),
            claim("contradicted", " obliges allies to go to war automatically after an attack ", obligation="obliges"),
            claim("contradicted_alone", " makes war automatic "),
            claim("negated", " does not make war automatic after an attack ", negated=True),
            claim("other_article", " obliges allies to assist after an attack ", article_no=4, obligation="obliges"),
            claim("untied", " requires assistance after an attack ", treaty_id=None, resolution=None, obligation="requires"),
            claim("tie", " an attack on sovereignty ", treaty_id=None, resolution=None),
            claim("weak", " about an attack ", treaty_id=None, resolution=None),
            claim("decree", " obliges ministries to assist after an attack ", treaty_id=None, resolution="legal text that is not a treaty", treaty_text="decree", obligation="obliges"),
        ),
    })
    build_upstream_and(con, project, "intermediate.treaty_clause_verdicts")
    got = {r[0]: r[1:] for r in con.execute("select claim_id, treaty_id, verdict, reference_id from intermediate.treaty_clause_verdicts").fetchall()}
    assert got == {
        "agrees": ("t1", "supported", "treaty:t1:art5"),
        "unmatched_duty": ("t1", "not_enough_evidence", "treaty:t1:art5"),
        "no_duty_stated": ("t1", "supported", "treaty:t1:art5"),
        "contradicted": ("t1", "conflicting", "treaty:t1:art5"),
        "contradicted_alone": ("t1", "refuted", "treaty:t1:art5"),
        "negated": ("t1", "supported", "treaty:t1:art5"),
        "other_article": ("t1", "refuted", "treaty:t1:art5"),
        "untied": ("t1", "supported", "treaty:t1:art5"),
        "tie": (None, "not_enough_evidence", None),
        "weak": (None, "not_enough_evidence", None),
        "decree": (None, "not_enough_evidence", None),
    }
    reasons = dict(con.execute("select claim_id, reason from intermediate.treaty_clause_verdicts").fetchall())
    assert reasons["unmatched_duty"] == 'The text says Article 5 of the Pact One "requires" something its obligation does not match (assist the attacked; action each deems necessary); only its trigger agrees.'
    assert reasons["contradicted"] == "Article 5 of the Pact One agrees on the trigger, but not on what the text says of its means (action each deems necessary)."
    assert reasons["untied"].startswith("No treaty is named, and only one treaty in the reference pack has an Article 5 that fits the description: Article 5 of the Pact One agrees")
    assert "(Pact One; Pact Two): which one is meant is ambiguous" in reasons["tie"]
    assert reasons["decree"] == "Article 5 belongs to a legal text that is not a treaty (decree); the reference pack holds treaties only."


def test_office_holder_verdicts_given_expected(project):
    d = dt.date

    def claim(claim_id, person_id, person_text, title_text, candidates, published_on, claim_type="office_holder"):
        return {"claim_id": claim_id, "claim_type": claim_type, "language": "es", "person_id": person_id, "person_text": person_text,
                "title_text": title_text, "office_candidates": candidates, "published_on": published_on, "article_id": "a1"}

    con = given({
        "ref.packs": rows({"pack_name": "core", "content_hash": "abc", "reference_version": "core:abc"}),
        "ref.entities": rows(
            {"entity_id": "ana", "name": "Ana Ruiz", "pack_name": "core"},
            {"entity_id": "ben", "name": "Ben Ode", "pack_name": "core"},
            {"entity_id": "cy", "name": "Cy Park", "pack_name": "core"},
        ),
        "ref.offices": rows(
            {"office_id": "pm", "name": "Prime Minister", "pack_name": "core"},
            {"office_id": "fm", "name": "Foreign Minister", "pack_name": "core"},
        ),
        "ref.office_holdings": rows(
            {"holding_id": "h_ana", "person_id": "ana", "office_id": "pm", "start_on": d(2010, 1, 1), "end_on": d(2015, 12, 31), "source": "Gazette 2010", "pack_name": "core"},
            {"holding_id": "h_cy", "person_id": "cy", "office_id": "pm", "start_on": d(2016, 1, 1), "end_on": None, "source": "Gazette 2016", "pack_name": "core"},
        ),
        "staging.claims": rows(
            claim("holds_it", "ana", "Ana Ruiz", "primera ministra", "pm", d(2012, 5, 1)),
            claim("someone_else", "ben", "Ben Ode", "primer ministro", "pm", d(2012, 5, 1)),
            claim("after_term", "ana", "Ana Ruiz", "primera ministra", "pm", d(2020, 5, 1)),
            claim("two_candidates", "ana", "Ana Ruiz", "ministra", "fm, pm", d(2012, 5, 1)),
            claim("unknown_person", None, "Zed", "primer ministro", "pm", d(2012, 5, 1)),
            claim("unknown_office", "ana", "Ana Ruiz", "alcaldesa", None, d(2012, 5, 1)),
            claim("no_holder_then", "ben", "Ben Ode", "canciller", "fm", d(2012, 5, 1)),
            claim("no_date", "ana", "Ana Ruiz", "primera ministra", "pm", None),
            claim("other_type", "ana", None, None, "pm", d(2012, 5, 1), claim_type="quote"),
        ),
    })
    build_upstream_and(con, project, "intermediate.office_holder_verdicts")
    got = {r[0]: r[1:] for r in con.execute("select claim_id, verdict, reference_id from intermediate.office_holder_verdicts").fetchall()}
    assert got == {
        "holds_it": ("supported", "holding:h_ana"),
        "someone_else": ("refuted", "holding:h_ana"),
        "after_term": ("refuted", "holding:h_cy"),
        "two_candidates": ("supported", "holding:h_ana"),
        "unknown_person": ("not_enough_evidence", None),
        "unknown_office": ("not_enough_evidence", None),
        "no_holder_then": ("not_enough_evidence", None),
        "no_date": ("not_enough_evidence", None),
    }
    undecided = con.execute("select claim_id from intermediate.office_holder_verdicts where reference_id is null "
                            "and (evidence is not null or evidence_source is not null)").fetchall()
    assert undecided == [], "evidence only from the reference row that decided the verdict"
    reasons = dict(con.execute("select claim_id, reason from intermediate.office_holder_verdicts").fetchall())
    assert reasons["someone_else"] == "On 2012-05-01 the office of Prime Minister was held by Ana Ruiz, not Ben Ode."
    assert reasons["after_term"] == "On 2020-05-01 the office of Prime Minister was held by Cy Park, not Ana Ruiz."


def test_models_pass_sqlfluff_with_the_repository_config():
    """`make lint` is clean: the house style (docs/sql_models.md, .sqlfluff) holds for every model."""
    pytest.importorskip("sqlfluff")
    import subprocess
    import sys

    root = SQL_DIR.parent
    out = subprocess.run([sys.executable, "-m", "sqlfluff", "lint", "--nofail", "--format", "json", str(SQL_DIR.relative_to(root))],
                         capture_output=True, text=True, cwd=root, timeout=600)
    files = json.loads(out.stdout)
    assert files, out.stderr
    problems = [f"{f['filepath']}:{v['start_line_no']}: {v['code']} {v['description']}" for f in files for v in f["violations"]]
    assert not problems, "\n".join(problems)


def test_shared_macros_are_created_for_the_models_that_call_them_and_version_them(tmp_path, monkeypatch):
    """One definition of the date-at-its-precision rule (pipelines.sqlmodels.macros) serves the
    verdict models; the runner creates it in the build's connection; changing it rebuilds them."""
    from pipelines.sqlmodels import macros
    from pipelines.sqlmodels.run import model_version

    write(tmp_path, "marts/agreed.sql", """/*
materialization: incremental
unique_key: precision
*/
with

claimed as (
    select * from (values ('day', date '2024-06-20'), ('month', date '2024-06-01'), ('year', date '2024-01-01')) as claimed (precision, claimed_on)
),

judged as (
    select
        precision,
        date_agrees(precision, claimed_on, date '2024-06-19') as is_same,
        date_phrase(precision, claimed_on) as phrase,
    from claimed
)

select * from judged
""")
    model = load_project(tmp_path, sources=set()).models["marts.agreed"]
    assert compile_model(model)[:2] == [macros.MACROS["date_agrees"], macros.MACROS["date_phrase"]]
    con = memory_db()
    build_model(con, model)
    assert con.execute("select * from marts.agreed order by precision").fetchall() == [
        ("day", False, "on 2024-06-20"), ("month", True, "in 2024-06"), ("year", True, "in 2024"),
    ]
    # The real verdict models call the one definition instead of writing the rule out.
    real = load_project(SQL_DIR, sources=SOURCES).models
    for table in ("intermediate.event_date_verdicts", "intermediate.office_holder_verdicts"):
        assert "date_agrees(" in real[table].body and "case claims.date_precision" not in real[table].body
    before = model_version(model)
    monkeypatch.setitem(macros.MACROS, "date_agrees", macros.MACROS["date_agrees"].replace("'day' then", "'day' then not"))
    assert model_version(model) != before, "a changed macro is a new version of the models that call it"


def test_sql_project_is_parsed_again_after_a_model_changes(tmp_path, monkeypatch):
    """``core.sql_project`` keeps the parsed models per process (every ``check`` asks for them):
    a model added to, or changed in, the folder is in the next project."""
    root = tmp_path / "dbt_like_sql"
    shutil.copytree(SQL_DIR, root)
    monkeypatch.setattr(core, "SQL_DIR", root)
    before = core.sql_project()
    assert "marts.added" not in before.models and core.sql_project() is before
    write(root, "marts/added.sql", "select claim_id from marts.claim_verdicts\n")
    added = core.sql_project()
    assert "marts.added" in added.models and added.models["marts.added"].depends_on == ["marts.claim_verdicts"]
    write(root, "marts/added.sql", "select article_id from raw.articles\n")
    assert core.sql_project().models["marts.added"].depends_on == ["raw.articles"]
