"""The code location loads, with the asset graph, groups, checks, schedule and sensor we expect."""

from __future__ import annotations

from dagster import AssetKey

from pipelines.definitions import defs

EXPECTED_GROUPS = {
    ("raw", "articles"): "ingest",
    ("raw", "ingest_errors"): "ingest",
    ("ref", "treaty_articles"): "reference",
    ("ref", "office_holdings"): "reference",
    ("staging", "claims"): "extract",
    ("staging", "quote_matches"): "extract",
    ("intermediate", "treaty_clause_verdicts"): "verify",
    ("intermediate", "event_date_verdicts"): "verify",
    ("marts", "claim_verdicts"): "marts",
    ("quality", "refreshes"): "marts",
}


def _graph():
    return defs.resolve_asset_graph()


def test_asset_keys_mirror_tables_and_groups():
    graph = _graph()
    keys = {tuple(k.path) for k in graph.get_all_asset_keys()}
    for key, group in EXPECTED_GROUPS.items():
        assert key in keys, key
        assert graph.get(AssetKey(list(key))).group_name == group
    assert {len(k) for k in keys} == {2}, "asset keys are [schema, table]"


def test_dependencies_come_from_the_sql():
    graph = _graph()
    parents = {tuple(p.path) for p in graph.get(AssetKey(["marts", "claim_verdicts"])).parent_keys}
    assert parents == {("intermediate", "claims_decided"), ("staging", "claims")}  # staging.claims: delete_missing_from
    verdict_parents = {tuple(p.path) for p in graph.get(AssetKey(["intermediate", "office_holder_verdicts"])).parent_keys}
    assert {("staging", "claims"), ("ref", "office_holdings"), ("ref", "offices"), ("ref", "entities")} <= verdict_parents


def test_every_asset_has_a_description():
    graph = _graph()
    for key in graph.get_all_asset_keys():
        assert graph.get(key).description, key


def test_checks_schedule_and_sensor():
    graph = _graph()
    check_keys = graph.asset_check_keys
    names = {(tuple(k.asset_key.path), k.name) for k in check_keys}
    assert (("marts", "claim_verdicts"), "great_expectations") in names
    assert (("raw", "articles"), "great_expectations") in names
    assert (("staging", "claims"), "great_expectations") in names
    assert (("raw", "ingest_errors"), "great_expectations") in names
    # Tables that are no asset: their suite is a check of the asset whose run writes them.
    assert (("raw", "articles"), "great_expectations_article_bands") in names
    assert (("marts", "claim_verdicts"), "great_expectations_sql_model_versions") in names
    assert (("marts", "claim_verdicts"), "unique_claim_id") in names
    schedule = defs.resolve_schedule_def("daily_refresh")
    assert schedule.cron_schedule == "0 6 * * *" and schedule.description
    sensor = defs.resolve_sensor_def("article_files_sensor")
    assert sensor.description
    assert defs.resolve_job_def("refresh_all")
