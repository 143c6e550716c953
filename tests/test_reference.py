"""Issue 5: documented reference packs, Wikidata and ClaimReview imports, versioned verdicts.

Everything runs on a private copy of the data folder (tests/conftest.py) with small fixtures
from tests/fixtures/reference/: real DuckDB, real Dagster ``materialize``, the real CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml
from dagster import AssetKey, AssetSelection, materialize

from pipelines.cli import main
from pipelines.core import check
from pipelines.reference.claimreview import rating_verdict
from pipelines.reference.matching import fact_check_matches, office_title_matches
from pipelines.reference.pack import discover_packs, to_tables
from pipelines.resources import WarehouseResource
from pipelines.settings import load_settings
from pipelines.warehouse import build_path_for

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reference"
ARTICLES = FIXTURES / "articles"
KALLAS = ARTICLES / "bruselas-kallas.txt"


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def _office_holder(path: Path, person_text: str) -> dict:
    verdicts, _, _ = check([path], load_settings())
    rows = [r for r in verdicts.to_dicts() if r["claim_type"] == "office_holder" and r["person_text"] == person_text]
    assert rows, verdicts.select("claim_type", "claim_text").to_dicts()
    return rows[0]


# --------------------------------------------------------------------------- packs

def test_bundled_packs_validate(env, capsys):
    code, out, err = _run(["reference", "validate"], capsys)
    assert code == 0, err
    assert out.startswith("ok core:") and err == ""


def test_validate_reports_every_problem_and_a_bad_pack_loads_nothing(env, data_dir, capsys):
    bad = data_dir / "reference" / "bad"
    shutil.copytree(FIXTURES / "packs" / "bad", bad)
    code, _, err = _run(["reference", "validate"], capsys)
    lines = err.strip().splitlines()
    assert code == 1
    # One line per problem, each naming the file, the row and the field.
    assert any("bad/entities.csv: row 2: field kind" in line for line in lines), lines
    assert any("bad/office_holdings.yaml: row 1: field start_on" in line for line in lines), lines
    assert any("bad/office_holdings.yaml: row 2: field end_on" in line or "row 2: field (record)" in line or "end_on is before" in line for line in lines), lines
    assert any("bad/events.yaml: row 1: field event_on" in line for line in lines), lines
    assert len(lines) >= 4
    packs = discover_packs(data_dir / "reference")
    assert [p.name for p in packs.packs] == ["core"]
    tables = to_tables(packs.packs)
    assert "csv_person" not in tables["entities"]["entity_id"].to_list()


def test_a_holding_entered_twice_is_a_pack_error(env, data_dir, capsys):
    holdings = data_dir / "reference" / "core" / "office_holdings.yaml"
    rows = holdings.read_text(encoding="utf-8")
    first = rows[rows.index("- person_id: andrei_belousov"):]
    first = first[: first.index("\n\n") + 1]
    holdings.write_text(rows + "\n" + first.replace("Kremlin", "Kremlin decree"), encoding="utf-8")
    code, _, err = _run(["reference", "validate"], capsys)
    assert code == 1
    assert "office_holdings.yaml: row " in err and "duplicate holding: 'andrei_belousov' in 'russia_defence_minister' from 2024-05-14" in err


def test_csv_pack_loads_and_joins_other_packs(env, data_dir, capsys):
    shutil.copytree(FIXTURES / "packs" / "csv_pack", data_dir / "reference" / "csv_pack")
    code, out, err = _run(["reference", "validate"], capsys)
    assert code == 0, err
    assert "ok csv_pack:" in out
    tables = to_tables(discover_packs(data_dir / "reference").packs)
    person = tables["entities"].filter(pl.col("entity_id") == "test_csv_person").to_dicts()[0]
    assert person["pack_name"] == "csv_pack" and person["wikidata_id"] is None
    aliases = tables["entity_aliases"].filter(pl.col("entity_id") == "test_csv_person")["alias"].to_list()
    assert "Persona de Prueba" in aliases
    holding = tables["office_holdings"].filter(pl.col("person_id") == "test_csv_person").to_dicts()[0]
    assert holding["office_id"] == "nato_secretary_general" and str(holding["start_on"]) == "2030-01-01"


# --------------------------------------------------------------------------- Wikidata

def test_wikidata_dump_lines_are_imported_and_bad_lines_reported(env, data_dir, capsys):
    code, out, err = _run(["reference", "import-wikidata", str(FIXTURES / "wikidata_kallas_dump.json"), "--pack", "wd"], capsys)
    assert code == 0, err
    assert "wikidata_kallas_dump.json:3: not valid JSON" in err
    assert "wikidata_kallas_dump.json:4: not a Wikidata item (property P39)" in err
    folder = data_dir / "reference" / "wd"
    entities = yaml.safe_load((folder / "entities.yaml").read_text())
    kallas = entities[0]
    assert (kallas["entity_id"], kallas["kind"], kallas["wikidata_id"]) == ("kaja_kallas", "person", "Q9000001")
    # Every language Wikidata gave, labels and aliases.
    assert kallas["aliases"]["ru"] == ["Кая Каллас", "Каллас"] and "zh-hans" in kallas["aliases"] and "mul" in kallas["aliases"]
    holdings = yaml.safe_load((folder / "office_holdings.yaml").read_text())
    assert {(h["office_id"], str(h["start_on"]), str(h.get("end_on"))) for h in holdings} == {
        ("wd_q9000101", "2024-12-01", "None"), ("wd_q9000102", "2021-01-26", "2024-07-23")}
    offices = yaml.safe_load((folder / "offices.yaml").read_text())
    assert {o["name"] for o in offices} == {"Q9000101", "Q9000102"}
    first = out.split("pack version ")[1].strip(") \n")
    # Importing again changes nothing (merge by key): same content hash.
    code, out, _ = _run(["reference", "import-wikidata", str(FIXTURES / "wikidata_kallas_dump.json"), "--pack", "wd"], capsys)
    assert code == 0 and out.split("pack version ")[1].strip(") \n") == first


def test_kallas_acceptance_special_entitydata(env, capsys):
    """"la Alta Representante de la UE, Kaja Kallas" (2025-03-01): NEE before, supported after."""
    before = _office_holder(KALLAS, "Kaja Kallas")
    assert before["verdict"] == "not_enough_evidence"
    code, _, err = _run(["reference", "import-wikidata", str(FIXTURES / "wikidata_entitydata.json"), "--pack", "wikidata"], capsys)
    assert code == 0, err
    assert "is office 'eu_high_representative' (same wording)" in err
    after = _office_holder(KALLAS, "Kaja Kallas")
    assert after["verdict"] == "supported", after["reason"]
    assert after["person_id"] == "kaja_kallas" and after["reference_id"].startswith("holding:")
    assert after["reference_version"].startswith("wikidata:")
    assert "High Representative" in after["evidence"] and "2024-12-01" in after["evidence"]
    # The same file also gave dated events (P585 point in time; P580/P582 start/end).
    tables = to_tables(discover_packs(load_settings().reference_dir).packs)
    events = {r["wikidata_id"]: r for r in tables["events"].filter(pl.col("pack_name") == "wikidata").to_dicts()}
    assert str(events["Q9000201"]["event_on"]) == "2025-02-20"
    assert (str(events["Q9000202"]["event_on"]), str(events["Q9000202"]["end_on"])) == ("2025-03-01", "2025-04-02")


def test_kallas_bare_qid_links_by_wikidata_id_when_a_pack_knows_it(env, data_dir, capsys):
    """A file with only Kallas (P39 is a bare Q-id): her only office on the date is taken to be
    the titled office (saying so in the reason); once a pack office carries that Q-id, the
    link is exact."""
    code, _, _ = _run(["reference", "import-wikidata", str(FIXTURES / "wikidata_kallas_dump.json"), "--pack", "wd"], capsys)
    assert code == 0
    unnamed = _office_holder(KALLAS, "Kaja Kallas")
    assert unnamed["verdict"] == "supported"
    assert "Q9000101" in unnamed["reason"] and "taken to be" in unnamed["reason"]
    shutil.rmtree(data_dir / "reference" / "wd")
    offices = data_dir / "reference" / "core" / "offices.yaml"
    offices.write_text(offices.read_text().replace(
        "name: High Representative of the Union for Foreign Affairs and Security Policy\n",
        "name: High Representative of the Union for Foreign Affairs and Security Policy\n  wikidata_id: Q9000101\n"))
    code, _, err = _run(["reference", "import-wikidata", str(FIXTURES / "wikidata_kallas_dump.json"), "--pack", "wd"], capsys)
    assert code == 0, err
    holdings = yaml.safe_load((data_dir / "reference" / "wd" / "office_holdings.yaml").read_text())
    assert {h["office_id"] for h in holdings} == {"eu_high_representative", "wd_q9000102"}
    assert _office_holder(KALLAS, "Kaja Kallas")["verdict"] == "supported"


def test_office_title_wording_match_is_limited_to_offices_held_on_the_date():
    claims = pl.DataFrame({
        "claim_id": ["c1", "c2", "c3"], "claim_type": ["office_holder"] * 3, "person_id": ["p", "p", "p"],
        "published_on": [dt.date(2025, 3, 1)] * 2 + [dt.date(2020, 1, 1)], "language": ["es"] * 3,
        "title_text": ["Alta Representante", "presidente", "Alta Representante"],
    })
    ref = {
        "office_holdings": pl.DataFrame({"person_id": ["p", "p"], "office_id": ["hr", "vp"], "start_on": ["2024-12-01", "2024-12-01"], "end_on": [None, None]}).with_columns(pl.col("start_on").str.to_date(), pl.col("end_on").cast(pl.Date)),
        "offices": pl.DataFrame({"office_id": ["hr", "vp"], "name": ["Q1", "Q2"]}),
        "office_aliases": pl.DataFrame({"office_id": ["hr", "vp"], "alias": ["Alto Representante de la Unión para Asuntos Exteriores", "vicepresidente de la Comisión"], "language": ["es", "es"]}),
    }
    found = office_title_matches(claims, ref)
    assert found.select("claim_id", "office_id").rows() == [("c1", "hr")]  # not "presidente" in "vicepresidente", not before 2024


# --------------------------------------------------------------------------- ClaimReview

def test_claimreview_shapes_and_ratings(env, data_dir, capsys):
    for name in ("claimreview_single.json", "claimreview_graph.json", "claimreview_list.json", "claimreview_page.html"):
        code, _, err = _run(["reference", "import-claimreview", str(FIXTURES / name), "--pack", "checks"], capsys)
        assert code == 0, err
        if name == "claimreview_graph.json":
            assert "ClaimReview 2: no claimReviewed; skipped" in err
    rows = {r["url"]: r for r in yaml.safe_load((data_dir / "reference" / "checks" / "fact_checks.yaml").read_text())}
    assert len(rows) == 5
    single = rows["https://verificador.example/2025/05/02/kallas-tropas-kursk"]
    assert (single["language"], single["rating"], single["verdict"], single["publisher"], str(single["reviewed_on"]), single["claimant"]) == (
        "es", "Verdadero", "supported", "Verificador de prueba", "2025-05-02", "KCNA")
    assert rows["https://checker.example/putin-thanks"]["language"] == "en"
    assert rows["https://faktencheck.example/artikel-5"]["verdict"] == "refuted"
    assert (rows["https://verifica.example/truppe"]["language"], rows["https://verifica.example/truppe"]["verdict"]) == ("it", "conflicting")
    assert rows["https://verif.example/otan-article-5"]["verdict"] == "supported"
    assert [rating_verdict(t) for t in ("Mostly False", "Sin pruebas", "Pants on Fire!", "Неправда")] == ["conflicting", "not_enough_evidence", "refuted", "refuted"]
    assert rating_verdict(None, 1, 5, 1) == "refuted"


def test_prior_fact_check_is_linked_and_cited(env, capsys):
    article = ARTICLES / "seul-tropas.txt"
    verdicts, _, _ = check([article], load_settings())
    before = verdicts.to_dicts()
    assert before and all(r["prior_fact_check_id"] is None for r in before)
    assert main(["reference", "import-claimreview", str(FIXTURES / "claimreview_single.json"), "--pack", "checks"]) == 0
    verdicts, _, _ = check([article], load_settings())
    row = verdicts.filter(pl.col("claim_type") == "event_date").to_dicts()[0]
    assert row["prior_fact_check_url"] == "https://verificador.example/2025/05/02/kallas-tropas-kursk"
    assert row["prior_fact_check_id"].startswith("cr_") and row["prior_fact_check_verdict"] == "supported"
    assert "A prior fact-check by Verificador de prueba (2025-05-02) rated a matching claim \"Verdadero\"" in row["reason"]
    assert row["verdict"] == [r for r in before if r["claim_id"] == row["claim_id"]][0]["verdict"]


def test_fact_check_of_a_statement_links_quotes_in_any_language():
    fact_checks = pl.DataFrame({"fact_check_id": ["cr_1"], "claim_reviewed": ["Putin said the Russian people will never forget the feat of the Korean special forces"], "language": ["en"]})
    renderings = pl.DataFrame({"rendering_id": ["s:en", "s:es"], "statement_id": ["s", "s"], "language": ["en", "es"],
                               "text": ["The Russian people will never forget the feat of the Korean special forces.", "El pueblo ruso nunca olvidará la hazaña de los combatientes coreanos."]})
    quote_matches = pl.DataFrame({"claim_id": ["q_es"], "rendering_id": ["s:es"], "statement_id": ["s"], "score": [95.0]})
    claims = pl.DataFrame({"claim_id": ["q_es"], "claim_text": ["nunca olvidará la hazaña"], "sentence_text": ["Putin dijo: «nunca olvidará la hazaña»"], "language": ["es"]})
    found = fact_check_matches(claims, fact_checks, quote_matches, renderings)
    assert found.select("claim_id", "fact_check_id", "match_kind").rows() == [("q_es", "cr_1", "statement")]


# --------------------------------------------------------------------------- versioning

def _claims(db: Path) -> dict[str, dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("select * from marts.claim_verdicts")
        cols = [d[0] for d in cur.description]
        return {row[0]: dict(zip(cols, row)) for row in cur.fetchall()}
    finally:
        con.close()


def test_changing_one_office_row_reverifies_only_that_persons_claims(tmp_path):
    from pipelines.definitions import all_assets

    data = tmp_path / "data"
    for name in ("reference", "lexicons"):
        shutil.copytree(Path(__file__).resolve().parent.parent / "data" / name, data / name)
    shutil.copytree(ARTICLES, data / "articles")
    (data / "warehouse").mkdir()
    db = data / "warehouse" / "factcheck.duckdb"
    resources = {"warehouse": WarehouseResource(db_path=str(db), data_dir=str(data))}
    # Up to the published mart, without the publish step: the runs share the build file,
    # as the steps of successive refreshes do.
    selection = AssetSelection.keys(AssetKey(["marts", "claim_verdicts"])).upstream().required_multi_asset_neighbors()

    def refresh() -> dict[str, dict]:
        result = materialize(all_assets(), resources=resources, selection=selection)
        assert result.success
        return _claims(build_path_for(db))

    first = refresh()
    people = {r["person_id"] for r in first.values() if r["claim_type"] == "office_holder"}
    assert {"valery_gerasimov", "vladimir_putin", "andrei_belousov"} <= people
    assert all(r["reference_version"] and r["verified_at"] and r["evidence_fingerprint"] for r in first.values())
    second = first

    offices = data / "reference" / "core" / "offices.yaml"
    offices.write_text(offices.read_text().replace(
        "name: Chief of the General Staff of the Armed Forces of the Russian Federation",
        "name: Chief of the General Staff of the Russian Armed Forces"))
    third = refresh()
    changed = {k for k in third if third[k]["verified_at"] != second[k]["verified_at"]}
    assert changed == {k for k, r in third.items() if r["person_id"] == "valery_gerasimov"}, [third[k]["claim_text"] for k in changed]
    gerasimov = next(third[k] for k in changed)
    assert gerasimov["verdict"] == "supported" and "Russian Armed Forces" in gerasimov["evidence"]
    new_version = next(p.version for p in discover_packs(data / "reference").packs if p.name == "core")
    assert gerasimov["reference_version"] == new_version
    untouched = next(r for r in third.values() if r["person_id"] == "vladimir_putin")
    assert untouched["reference_version"] != new_version and untouched["verdict"] == "supported"


def test_unchanged_packs_are_not_loaded_again_and_any_change_reloads(tmp_path):
    from pipelines.core import load_reference

    reference = tmp_path / "reference"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "reference", reference)
    (reference / "broken").mkdir()
    (reference / "broken" / "pack.yaml").write_text("name: broken\n")  # no description, no licence
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        errors, written = load_reference(con, reference)
        assert written and any("broken" in e for e in errors)
        loaded_at = con.execute("select loaded_at from ref.packs where pack_name = 'core'").fetchone()[0]
        rows = con.execute("select count(*) from ref.office_holdings").fetchone()[0]

        again, written = load_reference(con, reference)
        assert not written and again == errors  # the refusals are still reported
        assert con.execute("select loaded_at from ref.packs where pack_name = 'core'").fetchone()[0] == loaded_at

        holdings = reference / "core" / "office_holdings.yaml"
        text = holdings.read_text()
        holdings.write_text(text + "\n")  # any byte counts: the pack's content hash changes
        _, written = load_reference(con, reference)
        assert written and con.execute("select count(*) from ref.office_holdings").fetchone()[0] == rows

        shutil.rmtree(reference / "broken")
        errors, written = load_reference(con, reference)
        assert written and errors == []
        assert load_reference(con, reference) == ([], False)

        con.execute("alter table ref.offices add column extra varchar")  # written by other code
        assert load_reference(con, reference)[1]
        assert con.execute("select count(*) from information_schema.columns where table_schema = 'ref' and table_name = 'offices' and column_name = 'extra'").fetchone()[0] == 0
    finally:
        con.close()


def test_verdicts_carry_reference_version_in_check(env):
    verdicts, _, _ = check([ARTICLES / "moscu-mando.txt"], load_settings())
    rows = verdicts.to_dicts()
    core = next(p.version for p in discover_packs(load_settings().reference_dir).packs if p.name == "core")
    assert rows and all(r["reference_version"] == core for r in rows)
    assert json.dumps([r["evidence_fingerprint"] for r in rows])


def test_reference_tables_are_read_again_after_a_pack_changes(tmp_path):
    """``reference_tables`` keeps the validated packs per process (every ``check`` asks for
    them): an edited pack, a broken one and a repaired one are each read as they now are."""
    from pipelines.core import reference_tables

    reference = tmp_path / "reference"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "reference", reference)
    tables, errors = reference_tables(reference)
    assert not errors and "kallas_test" not in tables["entities"]["entity_id"].to_list()
    tables["entities"] = None  # a caller's dict is its own: the kept tables stay whole
    entities = reference / "core" / "entities.yaml"
    good = entities.read_text(encoding="utf-8")
    entities.write_text(good + "\n- entity_id: kallas_test\n  kind: person\n  name: Kaja Kallas\n  source: test\n", encoding="utf-8")
    tables, errors = reference_tables(reference)
    assert not errors, errors
    assert "kallas_test" in tables["entities"]["entity_id"].to_list()
    entities.write_text(good + "\n- entity_id: broken\n  kind: [not, a, kind\n", encoding="utf-8")
    tables, errors = reference_tables(reference)
    assert any("entities.yaml" in e for e in errors), errors
    entities.write_text(good, encoding="utf-8")
    tables, errors = reference_tables(reference)
    assert not errors and tables["entities"] is not None and "kallas_test" not in tables["entities"]["entity_id"].to_list()
