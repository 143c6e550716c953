"""Issue 2 acceptance: the seed article and its mutated copies give the expected verdicts.

The full run goes through real Dagster ``materialize`` into a DuckDB file in tmp_path; the
mutations go through ``pipelines.core.check``, the same code the assets run.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from pipelines.core import check
from pipelines.definitions import all_assets, all_checks
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings
from tests.conftest import SEED, copy_data


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    data = copy_data(tmp_path_factory.mktemp("seed") / "data")
    db = data / "warehouse" / "factcheck.duckdb"
    result = materialize([*all_assets(), *all_checks()], resources={"warehouse": WarehouseResource(db_path=str(db), data_dir=str(data))})
    assert result.success
    checks = result.get_asset_check_evaluations()
    assert checks, "asset checks ran"
    assert all(c.passed for c in checks), [c.check_name for c in checks if not c.passed]
    return db


def _verdicts(db: Path) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("select * from marts.claim_verdicts")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
    finally:
        con.close()


def _find(rows, claim_type, needle):
    hits = [r for r in rows if r["claim_type"] == claim_type and needle in r["claim_text"]]
    assert hits, f"no {claim_type} claim containing {needle!r}: {[r['claim_text'] for r in rows if r['claim_type'] == claim_type]}"
    return hits[0]


def test_published_warehouse_has_seed_verdicts(warehouse: Path):
    rows = _verdicts(warehouse)
    clause = _find(rows, "treaty_clause", "en su artículo 4, que establece que si uno de los países sufre una agresión armada")
    assert clause["verdict"] == "supported"
    assert clause["reference_id"] == "treaty:dprk_russia_2024:art4"
    assert clause["evidence"]

    signed = _find(rows, "event_date", "19 de junio pasado")
    assert (signed["verdict"], str(signed["date_value"])) == ("supported", "2024-06-19")
    assert "Pyongyang" in signed["claim_text"]
    report = _find(rows, "event_date", "26 de abril")
    assert (report["verdict"], str(report["date_value"])) == ("supported", "2025-04-26")
    incursion = _find(rows, "event_date", "6 de agosto de 2024")
    assert incursion["verdict"] == "supported"

    assert _find(rows, "office_holder", "Gerásimov")["verdict"] == "supported"
    assert _find(rows, "office_holder", "Kim Jong-un")["verdict"] == "supported"

    quotes = [r for r in rows if r["claim_type"] == "quote"]
    # The five quoted passages of Putin's statement, the short praise one included
    # ("alabó el «heroísmo y el alto nivel de entrenamiento»").
    assert len(quotes) == 5, [q["claim_text"] for q in quotes]
    assert all(q["speaker_id"] == "vladimir_putin" for q in quotes)
    assert all(q["verdict"] == "supported" for q in quotes)


def test_offsets_index_the_article_text(warehouse: Path):
    text = SEED.read_text(encoding="utf-8")
    for row in _verdicts(warehouse):
        assert text[row["char_start"]:row["char_end"]] == row["claim_text"]
        assert row["reason"] and row["verdict"] in {"supported", "refuted", "not_enough_evidence", "conflicting"}


def test_every_table_and_column_has_a_comment(warehouse: Path):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name, comment from duckdb_tables() union all select schema_name, view_name, comment from duckdb_views() where not internal").fetchall()
        missing_tables = [f"{s}.{t}" for s, t, c in tables if s in {"raw", "ref", "staging", "intermediate", "marts", "quality"} and not c]
        columns = con.execute("select schema_name, table_name, column_name, comment from duckdb_columns() where schema_name in ('raw','ref','staging','intermediate','marts','quality')").fetchall()
        missing_columns = [f"{s}.{t}.{c}" for s, t, c, com in columns if not com]
    finally:
        con.close()
    assert not missing_tables
    assert not missing_columns[:20]


def test_second_materialization_is_idempotent(warehouse: Path, tmp_path: Path):
    data = warehouse.parent.parent
    before = {r["claim_id"]: r["verdict"] for r in _verdicts(warehouse)}
    result = materialize([*all_assets(), *all_checks()], resources={"warehouse": WarehouseResource(db_path=str(warehouse), data_dir=str(data))})
    assert result.success
    assert {r["claim_id"]: r["verdict"] for r in _verdicts(warehouse)} == before


MUTATIONS = [
    ("el 19 de junio pasado", "el 21 de junio pasado", "event_date", "21 de junio", "refuted"),
    ("en su artículo 4, que", "en su artículo 5, que", "treaty_clause", "artículo 5", "refuted"),
    ("Putin declaró: «El pueblo ruso", "Zelensky declaró: «El pueblo ruso", "quote", "El pueblo ruso nunca olvidará", "refuted"),
    ("el jefe del Estado Mayor del Ejército de Rusia, Valeri Gerásimov,", "el ministro de Defensa Serguéi Shoigú,", "office_holder", "Shoigú", "refuted"),
    ("un tratado de Asociación Estratégica Integral", "un tratado de Cooperación Ártica", "treaty_clause", "artículo 4", "not_enough_evidence"),
]


@pytest.mark.parametrize(("old", "new", "claim_type", "needle", "verdict"), MUTATIONS, ids=[m[4] + ":" + m[3] for m in MUTATIONS])
def test_mutated_copies_flip(tmp_path: Path, old, new, claim_type, needle, verdict):
    data = copy_data(tmp_path / "data")
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    article = tmp_path / "mutated.txt"
    article.write_text(text.replace(old, new), encoding="utf-8")
    (tmp_path / "mutated.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": "es", "outlet": "Sputnik"}), encoding="utf-8")
    settings = Settings(data_dir=data, db_path=data / "warehouse" / "x.duckdb")
    verdicts, ingested, _ = check([article], settings)
    assert ingested.errors.is_empty()
    row = _find(verdicts.to_dicts(), claim_type, needle)
    assert row["verdict"] == verdict, row["reason"]
    assert row["reason"]
