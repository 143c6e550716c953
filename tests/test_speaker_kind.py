"""A quote's speaker is a person or an organisation (staging.claims.speaker_kind), and every
published form says which: marts.claim_verdicts, ``factcheck check``'s JSONL, the export's
claims files and data card, ClaimReview's author type, the report and the quality suite.

One real Dagster materialization of every asset into a DuckDB file in tmp_path (with a small
pack of organisations' statements, so organisation quotes are decided and get reviews), and a
real incremental refresh in which a pack change turns a person speaker into an organisation.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml
from dagster import materialize

from pipelines.cli import main
from pipelines.core import check
from pipelines.definitions import all_assets, all_checks
from pipelines.export import PublishConfig, claim_review, validate_claim_review
from pipelines.quality.expectations import SUITES, run_suite
from pipelines.resources import WarehouseResource
from pipelines.settings import load_settings
from tests.conftest import SEED, copy_data

KREMLIN = 'The Kremlin said: "The Korean friends acted out of solidarity, justice and genuine comradeship."'
NATO = 'NATO said: "The deployment of North Korean troops to fight against Ukraine marks a dangerous expansion of the war."'
PUTIN = 'Vladimir Putin said: "Our Korean friends acted out of a sense of solidarity, justice and genuine comradeship."'
LAVROV = 'Sergei Lavrov said: "We will respond to any provocation."'
ARTICLE = f"Moscow, April 28\n\n{KREMLIN}\n\n{NATO}\n\n{PUTIN}\n\n{LAVROV}\n\nThe treaty was signed on 19 June 2024.\n"
META = {"published": "2025-04-28", "language": "en", "outlet": "Example News", "title": "Kursk", "url": "https://news.example/kursk"}

# Words -> (speaker_kind, speaker_id) the mart must give.
EXPECTED = {
    "The Korean friends acted out of solidarity, justice and genuine comradeship.": ("organisation", "kremlin"),
    "The deployment of North Korean troops to fight against Ukraine marks a dangerous expansion of the war.": ("organisation", "nato"),
    "Our Korean friends acted out of a sense of solidarity, justice and genuine comradeship.": ("person", "vladimir_putin"),
    "We will respond to any provocation.": ("person", "sergey_lavrov"),
}


def write_article(folder: Path, name: str = "example-en-2025-04-28") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps(META), encoding="utf-8")
    return path


def write_org_pack(reference: Path) -> None:
    """Statements the Kremlin and NATO made (their entities are the core pack's), so a quote of
    the Kremlin is checked (and supported: the words are Putin's statement, which the Kremlin
    published, issued_by) and NATO's is supported."""
    pack = reference / "orgs"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: orgs\ndescription: Organisations' statements for the test.\nlicence: CC0-1.0\n", encoding="utf-8")
    statements = [
        {"statement_id": "kremlin_on_sanctions", "speaker_id": "kremlin", "stated_on": "2025-04-27", "description": "The Kremlin on sanctions.",
         "source": "Kremlin press office, 2025-04-27",
         "renderings": [{"language": "en", "source": "Kremlin press office, 2025-04-27",
                         "text": "Sanctions against our country have failed and will keep failing, whatever new packages Brussels prepares."}]},
        {"statement_id": "nato_on_troops", "speaker_id": "nato", "stated_on": "2025-04-28", "description": "NATO on North Korean troops.",
         "source": "NATO press release, 2025-04-28",
         "renderings": [{"language": "en", "source": "NATO press release, 2025-04-28",
                         "text": "The deployment of North Korean troops to fight against Ukraine marks a dangerous expansion of the war."}]},
    ]
    (pack / "statements.yaml").write_text(yaml.safe_dump(statements, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --------------------------------------------------------------------------- factcheck check

def test_check_gives_each_quote_its_speaker_kind(tmp_path, monkeypatch, capsys):
    path = write_article(tmp_path / "in")
    monkeypatch.setenv("FACTCHECK_DATA", str(copy_data(tmp_path / "data")))
    verdicts, _, _ = check([path], load_settings())
    quotes = verdicts.filter(pl.col("claim_type") == "quote")
    assert {r["claim_text"]: (r["speaker_kind"], r["speaker_id"]) for r in quotes.iter_rows(named=True)} == EXPECTED
    assert verdicts.filter(pl.col("claim_type") != "quote")["speaker_kind"].null_count() == verdicts.height - quotes.height > 0

    assert main(["--quiet", "check", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["claim_text"]: (r["speaker_kind"], r["speaker_id"]) for r in rows if r["claim_type"] == "quote"} == EXPECTED
    assert all("speaker_kind" in r and (r["speaker_kind"] is None) == (r["claim_type"] != "quote") for r in rows)


# --------------------------------------------------------------------------- ClaimReview, one row

def test_claimreview_author_is_an_organization_for_an_organisation_quote():
    config = PublishConfig(org_name="Example Checks", base_url="https://checks.example/report")
    row = {"claim_id": "c1", "article_id": "a1", "claim_type": "quote", "claim_text": "words", "language": "en", "verdict": "supported",
           "reason": "r", "published_on": dt.date(2025, 4, 28), "outlet": "Example News", "speaker_text": "NATO"}
    organisation = claim_review({**row, "speaker_kind": "organisation", "speaker_name": "North Atlantic Treaty Organization",
                                 "speaker_wikidata_id": "Q7184"}, config, reviewed_on=dt.date(2025, 5, 1))
    assert organisation["itemReviewed"]["author"] == {
        "@type": "Organization", "name": "North Atlantic Treaty Organization", "sameAs": "https://www.wikidata.org/wiki/Q7184",
    }
    assert validate_claim_review(organisation) == []
    # A state speaks through its government: "Moscow said" is the Russian Federation's.
    state = claim_review({**row, "speaker_kind": "state", "speaker_text": "Moscow", "speaker_name": "Russian Federation",
                          "speaker_wikidata_id": "Q159"}, config, reviewed_on=dt.date(2025, 5, 1))
    assert state["itemReviewed"]["author"] == {"@type": "Organization", "name": "Russian Federation", "sameAs": "https://www.wikidata.org/wiki/Q159"}
    assert validate_claim_review(state) == []
    unknown = claim_review({**row, "speaker_kind": "organisation"}, config, reviewed_on=dt.date(2025, 5, 1))
    assert unknown["itemReviewed"]["author"] == {"@type": "Organization", "name": "NATO"}
    for kind in ("person", None):
        person = claim_review({**row, "speaker_kind": kind, "speaker_text": "Sergei Lavrov"}, config, reviewed_on=dt.date(2025, 5, 1))
        assert person["itemReviewed"]["author"] == {"@type": "Person", "name": "Sergei Lavrov"}


# --------------------------------------------------------------------------- quality suite

def test_quality_suites_accept_only_person_organisation_and_state():
    for table in ("staging.claims", "marts.claim_verdicts"):
        assert any(s.expectation == "ExpectColumnValuesToBeInSet" and s.kwargs["column"] == "speaker_kind" for s in SUITES[table]), table
    frame = pl.DataFrame({"claim_id": ["a", "b", "c", "d", "e"], "verdict": ["supported"] * 5, "reason": ["r"] * 5,
                          "claim_type": ["quote", "quote", "quote", "quote", "event_date"], "char_start": [0] * 5, "char_end": [1] * 5,
                          "reference_id": [None] * 5, "speaker_kind": ["person", "organisation", "state", "company", None]}).to_pandas()
    outcome = next(o for o in run_suite("marts.claim_verdicts", frame) if o.column_name == "speaker_kind")
    assert not outcome.success and outcome.unexpected_count == 1 and outcome.is_critical


# --------------------------------------------------------------------------- refresh and export

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("speakers") / "data")
    write_article(data / "articles")
    write_org_pack(data / "reference")
    db = data / "warehouse" / "factcheck.duckdb"
    result = materialize([*all_assets(), *all_checks()], resources={"warehouse": WarehouseResource(db_path=str(db), data_dir=str(data))})
    assert result.success
    return {"data": data, "db": db}


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _ours(rows: list[dict]) -> dict[str, dict]:
    return {r["claim_text"]: r for r in rows if r["claim_text"] in EXPECTED}


def test_mart_publishes_speaker_kind_with_its_comment(built):
    rows = _query(built["db"], "select claim_text, speaker_kind, speaker_id, verdict from marts.claim_verdicts where claim_type = 'quote'")
    ours = {text: (kind, speaker) for text, kind, speaker, _ in rows if text in EXPECTED}
    assert ours == EXPECTED
    verdicts = {text: verdict for text, _, _, verdict in rows if text in EXPECTED}
    assert verdicts[KREMLIN.split('"')[1]] == "supported" and verdicts[NATO.split('"')[1]] == "supported"
    assert _query(built["db"], "select count(*) from marts.claim_verdicts where claim_type <> 'quote' and speaker_kind is not null") == [(0,)]
    (comment,) = _query(built["db"], "select comment from duckdb_columns() where schema_name = 'marts' and table_name = 'claim_verdicts' "
                                     "and column_name = 'speaker_kind'")[0]
    assert "'person', 'organisation'" in comment and "'state'" in comment
    results = _query(built["db"], "select success from quality.expectation_results where table_name = 'marts.claim_verdicts' "
                                  "and column_name = 'speaker_kind' and expectation = 'ExpectColumnValuesToBeInSet'")
    assert results == [(True,)]


def test_every_export_format_carries_speaker_kind(built):
    folder = built["data"] / "exports" / "latest"
    jsonl = _ours([json.loads(line) for line in (folder / "claims.jsonl").read_text(encoding="utf-8").splitlines()])
    assert {text: (r["speaker_kind"], r["speaker_id"]) for text, r in jsonl.items()} == EXPECTED
    parquet = _ours(pl.read_parquet(folder / "claims.parquet").to_dicts())
    assert {text: (r["speaker_kind"], r["speaker_id"]) for text, r in parquet.items()} == EXPECTED
    with open(folder / "claims.csv", encoding="utf-8", newline="") as handle:
        rows = _ours(list(csv.DictReader(handle)))
    assert {text: (r["speaker_kind"], r["speaker_id"]) for text, r in rows.items()} == EXPECTED
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert any(line.startswith("| `speaker_kind` |") and "'organisation'" in line for line in card.splitlines())


def test_claimreviews_name_an_organisation_as_an_organization(built):
    reviews = [json.loads(line) for line in (built["data"] / "exports" / "latest" / "claimreviews.jsonl").read_text(encoding="utf-8").splitlines()]
    authors = {r["claimReviewed"]: r["itemReviewed"]["author"] for r in reviews if r["claimReviewed"] in EXPECTED}
    assert authors == {
        "The Korean friends acted out of solidarity, justice and genuine comradeship.":
            {"@type": "Organization", "name": "Kremlin (Presidential Executive Office of Russia)"},
        "The deployment of North Korean troops to fight against Ukraine marks a dangerous expansion of the war.":
            {"@type": "Organization", "name": "North Atlantic Treaty Organization", "sameAs": "https://www.wikidata.org/wiki/Q7184"},
        "Our Korean friends acted out of a sense of solidarity, justice and genuine comradeship.":
            {"@type": "Person", "name": "Vladimir Putin", "sameAs": "https://www.wikidata.org/wiki/Q7747"},
    }
    assert all(validate_claim_review(r) == [] for r in reviews)


def test_report_shows_the_speaker_and_its_kind(built):
    (article_id,) = _query(built["db"], "select article_id from raw.articles where url = 'https://news.example/kursk'")[0]
    pages = list((built["data"] / "report" / "articles").glob(f"*{article_id}*.html"))
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert '<dt>speaker</dt><dd>kremlin <span class="kind">(organisation)</span></dd>' in page
    assert '<dt>speaker</dt><dd>vladimir_putin <span class="kind">(person)</span></dd>' in page


# --------------------------------------------------------------------------- incremental refresh

def test_a_refresh_republishes_a_claim_whose_speaker_became_an_organisation(tmp_path, data_dir):
    """'The Tass Institute said: ...' is a person the pack does not hold; a pack that adds the
    institute as an organisation makes it one, and the next incremental refresh publishes that,
    as a rebuild from scratch does."""
    from tests.test_sql_incremental import _assert_same_as_from_scratch, _refresh

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("sputnik-es-2025-04-28.txt", "sputnik-es-2025-04-28.meta.json"):
        shutil.copy(SEED.parent / name, folder / name)
    (folder / "institute.txt").write_text('Moscow, April 28\n\nThe Tass Institute said: "The plant will be finished next year."\n', encoding="utf-8")
    (folder / "institute.meta.json").write_text(json.dumps({**META, "url": "https://news.example/institute"}), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    kinds = "select speaker_kind, speaker_id, speaker_text from marts.claim_verdicts where claim_text = 'The plant will be finished next year.'"
    _refresh(db, folder, data_dir)
    assert _query(db, kinds) == [("person", None, "Tass Institute")]

    pack = data_dir / "reference" / "institute"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: institute\ndescription: An organisation for the test.\nlicence: CC0-1.0\n", encoding="utf-8")
    (pack / "entities.yaml").write_text(yaml.safe_dump([{
        "entity_id": "tass_institute", "kind": "organisation", "name": "Tass Institute", "aliases": {"en": ["Tass Institute"]}, "source": "test",
    }]), encoding="utf-8")
    runs = _refresh(db, folder, data_dir)
    assert runs["marts.claim_verdicts"].mode == "merge"
    assert _query(db, kinds) == [("organisation", "tass_institute", "Tass Institute")]
    _assert_same_as_from_scratch(db, tmp_path, versions=False)
