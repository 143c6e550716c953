"""Exports (issue 8): the claim dataset as files, ClaimReview JSON-LD, the dataset card, the CLI.

One real Dagster materialization of every asset (including the export and report assets) into
a DuckDB file in tmp_path, shared by the module; everything else reads that warehouse.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from dagster import AssetKey, materialize

from pipelines.cli import CONTRACT_FIELDS, CliError, main
from pipelines.definitions import all_assets, all_checks, defs
from pipelines.export import FILES, REVIEWED_VERDICTS, ExportError, PublishConfig, claim_review, export_dataset, validate_claim_review
from pipelines.resources import WarehouseResource
from pipelines.warehouse import connect
from tests.conftest import SEED, copy_data

DECIDED = set(REVIEWED_VERDICTS)


REPOST_URL = "https://diario.example/tratado"


def add_repost(data: Path) -> None:
    """A later article repeating the seed's treaty paragraph: its claims appeared first in the seed."""
    seed = SEED.read_text(encoding="utf-8")
    paragraph = seed[seed.index("El fortalecimiento"):].strip()
    (data / "articles" / "diario-es-2025-05-10.txt").write_text("Tratado entre Rusia y Corea del Norte\n\n" + paragraph + "\n", encoding="utf-8")
    meta = {"published": "2025-05-10", "language": "es", "outlet": "Diario Ejemplo", "title": "Tratado", "url": REPOST_URL}
    (data / "articles" / "diario-es-2025-05-10.meta.json").write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("export") / "data")
    add_repost(data)
    db = data / "warehouse" / "factcheck.duckdb"
    result = materialize([*all_assets(), *all_checks()], resources={"warehouse": WarehouseResource(db_path=str(db), data_dir=str(data))})
    assert result.success
    return {"data": data, "db": db, "result": result}


@pytest.fixture
def env(built, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DATA", str(built["data"]))
    monkeypatch.setenv("FACTCHECK_DB", str(built["db"]))
    for var in ("FACTCHECK_ORG_NAME", "FACTCHECK_ORG_URL", "FACTCHECK_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    return built


def _claims(db: Path) -> pl.DataFrame:
    con = connect(db, read_only=True)
    try:
        return con.execute("select * from marts.claim_verdicts").pl()
    finally:
        con.close()


def _refresh_id(db: Path) -> str:
    con = connect(db, read_only=True)
    try:
        return con.execute("select refresh_id from quality.refreshes order by published_at desc limit 1").fetchone()[0]
    finally:
        con.close()


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --------------------------------------------------------------------------- the asset's folder

def test_asset_writes_a_folder_per_refresh(built):
    folder = built["data"] / "exports" / _refresh_id(built["db"])
    assert folder.is_dir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    claims = _claims(built["db"])
    parquet = pl.read_parquet(folder / "claims.parquet")
    assert parquet.height == claims.height >= 10
    assert parquet.columns[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS
    assert parquet.schema["char_start"] == pl.Int64 and parquet.schema["published_on"] == pl.Date
    assert set(parquet["claim_id"]) == set(claims["claim_id"])
    rows = _jsonl(folder / "claims.jsonl")
    assert len(rows) == claims.height and set(CONTRACT_FIELDS) <= set(rows[0])
    with open(folder / "claims.csv", encoding="utf-8", newline="") as handle:
        csv_rows = list(csv.DictReader(handle))
    assert len(csv_rows) == claims.height
    assert {r["claim_text"] for r in csv_rows} == set(claims["claim_text"])


def test_manifest_counts_and_hashes(built):
    folder = built["data"] / "exports" / _refresh_id(built["db"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    n = _claims(built["db"]).height
    assert manifest["refresh_id"] == folder.name
    assert manifest["row_counts"]["claims"] == n
    files = {f["name"]: f for f in manifest["files"]}
    assert set(files) == set(FILES) - {"manifest.json"}
    for name, entry in files.items():
        assert entry["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name
        assert entry["bytes"] == (folder / name).stat().st_size
    assert files["claims.parquet"]["rows"] == files["claims.csv"]["rows"] == files["claims.jsonl"]["rows"] == n
    assert files["claimreviews.jsonl"]["rows"] == len(_jsonl(folder / "claimreviews.jsonl"))


def test_exports_publish_source_paths_relative_to_the_data_folder(built, tmp_path, monkeypatch, capsys):
    """The desk's folders stay on the desk: every export format carries the path under the data
    folder, the warehouse keeps the absolute one, and a file from elsewhere (even a sibling folder
    whose name starts like the data folder's) keeps its absolute path."""
    import shutil

    data = built["data"]
    folder = data / "exports" / _refresh_id(built["db"])
    warehouse_paths = _claims(built["db"])["source_path"]
    assert all(p.startswith(str(data) + "/articles/") for p in warehouse_paths), "the warehouse column stays absolute"
    published = {
        "parquet": pl.read_parquet(folder / "claims.parquet")["source_path"].to_list(),
        "jsonl": [r["source_path"] for r in _jsonl(folder / "claims.jsonl")],
        "csv": pl.read_csv(folder / "claims.csv", infer_schema=False)["source_path"].to_list(),
    }
    expected = pl.read_parquet(folder / "claims.parquet")["claim_id"].to_frame().join(
        _claims(built["db"]).select("claim_id", "source_path"), on="claim_id", how="left", maintain_order="left")["source_path"]
    for kind, paths in published.items():
        assert paths == [p.removeprefix(str(data) + "/") for p in expected.to_list()], kind
        assert {p.split("/")[0] for p in paths} == {"articles"}, kind
    assert "`source_path` is relative to the desk's data folder" in (folder / "README.md").read_text(encoding="utf-8")

    db = tmp_path / "moved.duckdb"
    shutil.copy(built["db"], db)
    con = connect(db)
    try:
        ids = [r[0] for r in con.execute("select claim_id from marts.claim_verdicts order by claim_id limit 2").fetchall()]
        outside = ["/elsewhere/wire/a.txt", str(data) + "-old/articles/b.txt"]
        for claim_id, path in zip(ids, outside):
            con.execute("update marts.claim_verdicts set source_path = ? where claim_id = ?", [path, claim_id])
        result = export_dataset(con, tmp_path / "out", data_dir=data)
    finally:
        con.close()
    rows = {r["claim_id"]: r["source_path"] for r in _jsonl(result.folder / "claims.jsonl")}
    assert [rows[i] for i in ids] == outside
    assert all(p.startswith("articles/") for i, p in rows.items() if i not in ids)

    # The CLI exports against the data folder of its settings.
    monkeypatch.setenv("FACTCHECK_DATA", str(data))
    monkeypatch.setenv("FACTCHECK_DB", str(built["db"]))
    assert main(["--quiet", "export", "--out", str(tmp_path / "cli")]) == 0
    cli_folder = Path(capsys.readouterr().out.strip())
    assert pl.read_parquet(cli_folder / "claims.parquet")["source_path"].to_list() == published["parquet"]


# --------------------------------------------------------------------------- ClaimReview

def test_one_valid_claimreview_per_decided_claim(built):
    folder = built["data"] / "exports" / _refresh_id(built["db"])
    reviews = _jsonl(folder / "claimreviews.jsonl")
    claims = _claims(built["db"])
    decided = claims.filter(pl.col("verdict").is_in(list(DECIDED)))
    assert sorted(r["identifier"] for r in reviews) == sorted(decided["claim_id"])
    by_id = {r["claim_id"]: r for r in claims.to_dicts()}
    for review in reviews:
        assert validate_claim_review(review) == [], review
        claim = by_id[review["identifier"]]
        assert review["claimReviewed"] == claim["claim_text"]
        assert review["inLanguage"] == claim["language"] == "es"
        assert review["reviewRating"]["alternateName"].lower() == claim["verdict"]
        assert review["itemReviewed"]["datePublished"] == claim["published_on"].isoformat()
        assert review["itemReviewed"]["appearance"][0]["url"] == claim["article_url"]
        assert review["url"].startswith("https://factcheck.example.org/articles/") and review["identifier"] in review["url"]

    clauses = {by_id[r["identifier"]]["article_url"]: r for r in reviews if "artículo 4" in r["claimReviewed"]}
    clause, repost = clauses["https://sputniknews.lat/"], clauses[REPOST_URL]
    assert clause["reviewRating"]["ratingValue"] == clause["reviewRating"]["bestRating"] == 3
    assert clause["itemReviewed"]["author"] == {"@type": "Organization", "name": "Sputnik"}
    assert "firstAppearance" not in clause["itemReviewed"], "nothing earlier is known"
    assert repost["itemReviewed"]["author"]["name"] == "Diario Ejemplo"
    assert repost["itemReviewed"]["firstAppearance"] == {
        "@type": "CreativeWork", "url": "https://sputniknews.lat/", "datePublished": "2025-04-28",
        "name": "Putin valora la asistencia del ejército norcoreano en el lanzamiento de Kursk",
    }
    quote = next(r for r in reviews if by_id[r["identifier"]]["claim_type"] == "quote")
    assert quote["itemReviewed"]["author"]["@type"] == "Person"
    assert quote["itemReviewed"]["author"]["name"] == "Vladimir Putin"
    assert quote["itemReviewed"]["firstAppearance"]["datePublished"] == "2025-04-28"


def _row(**kw) -> dict:
    base = {
        "claim_id": "c1", "article_id": "a1", "source_path": "/tmp/a.txt", "claim_type": "event_date",
        "claim_text": "signed on 19 June", "language": "en", "verdict": "refuted", "reason": "The date is wrong.",
        "published_on": dt.date(2025, 4, 28), "outlet": None, "article_url": None, "article_title": None,
    }
    return {**base, **kw}


def test_claimreview_ratings_and_fallbacks():
    config = PublishConfig(org_name="Example Checks", org_url="https://checks.example", base_url="https://checks.example/report/")
    refuted = claim_review(_row(), config, reviewed_on=dt.datetime(2025, 5, 1, 12))
    assert validate_claim_review(refuted) == []
    assert refuted["reviewRating"]["ratingValue"] == refuted["reviewRating"]["worstRating"] == 1
    assert refuted["reviewRating"]["alternateName"] == "Refuted"
    assert refuted["datePublished"] == "2025-05-01"
    assert refuted["author"] == {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example"}
    assert refuted["url"] == "https://checks.example/report/articles/a1.html#claim-c1"
    # No url: the appearance has no url (never the desk's file path); no outlet: the author is still named.
    assert refuted["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "datePublished": "2025-04-28"}]
    assert "file:" not in json.dumps(refuted) and "/tmp/a.txt" not in json.dumps(refuted)
    assert refuted["itemReviewed"]["author"]["name"]
    for url in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://", "//x.example/a"):
        review = claim_review(_row(article_url=url, first_appearance_url=url, first_appearance_name="n"), config, reviewed_on=dt.date(2025, 5, 1))
        assert "url" not in review["itemReviewed"]["appearance"][0] and "url" not in review["itemReviewed"]["firstAppearance"], url
        assert validate_claim_review(review) == []
    web = claim_review(_row(article_url="HTTPS://news.example/a?b=1"), config, reviewed_on=dt.date(2025, 5, 1))
    assert web["itemReviewed"]["appearance"][0]["url"] == "HTTPS://news.example/a?b=1"
    bad = dict(web, itemReviewed={**web["itemReviewed"], "appearance": [{"@type": "CreativeWork", "url": "javascript:x"}]})
    assert "an appearance url is not an http(s) URL" in validate_claim_review(bad)
    conflicting = claim_review(_row(verdict="conflicting", outlet="El Diario"), config, reviewed_on=dt.date(2025, 5, 1))
    assert conflicting["reviewRating"]["ratingValue"] == 2 and conflicting["itemReviewed"]["author"]["name"] == "El Diario"
    with pytest.raises(ValueError):
        claim_review(_row(verdict="not_enough_evidence"), config, reviewed_on=dt.date(2025, 5, 1))


def test_validator_reports_missing_and_bad_fields():
    good = claim_review(_row(verdict="supported"), PublishConfig(), reviewed_on=dt.date(2025, 5, 1))
    assert validate_claim_review(good) == []
    for path in ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished", "url", "inLanguage"):
        broken = json.loads(json.dumps(good))
        del broken[path]
        assert any(path in p for p in validate_claim_review(broken)), path
    broken = json.loads(json.dumps(good))
    del broken["reviewRating"]["alternateName"]
    del broken["itemReviewed"]["author"]["name"]
    broken["datePublished"] = "01/05/2025"
    problems = validate_claim_review(broken)
    assert "missing reviewRating.alternateName" in problems and "missing itemReviewed.author.name" in problems
    assert any("ISO date" in p for p in problems)


def test_quote_author_follows_the_speaker_kind():
    # A person is a Person, an organisation or a state an Organization, a writing ("The post
    # says", speaker_kind 'source') no author at all: its writer is unknown, and neither the
    # writing nor the outlet reporting it made the claim.
    config = PublishConfig()
    cases = {
        "person": ({"speaker_text": "Putin", "speaker_name": "Vladimir Putin", "speaker_wikidata_id": "Q7747"}, {"@type": "Person", "name": "Vladimir Putin", "sameAs": "https://www.wikidata.org/wiki/Q7747"}),
        None: ({"speaker_text": "John Smith"}, {"@type": "Person", "name": "John Smith"}),
        "organisation": ({"speaker_text": "Kremlin", "speaker_name": "Kremlin"}, {"@type": "Organization", "name": "Kremlin"}),
        "state": ({"speaker_text": "Moscow", "speaker_name": "Russian Federation"}, {"@type": "Organization", "name": "Russian Federation"}),
        "source": ({"speaker_text": "El mensaje"}, None),
    }
    for kind, (speaker, author) in cases.items():
        row = _row(claim_type="quote", claim_text="words", verdict="supported", outlet="Sputnik", speaker_kind=kind, **speaker)
        review = claim_review(row, config, reviewed_on=dt.date(2025, 5, 1))
        assert validate_claim_review(review) == [], kind
        assert review["itemReviewed"].get("author") == author, kind
    nameless = claim_review(_row(claim_type="quote", verdict="supported", speaker_kind="source", speaker_text="El mensaje"), config, reviewed_on=dt.date(2025, 5, 1))
    nameless["itemReviewed"]["author"] = {"@type": "Person"}
    assert validate_claim_review(nameless) == ["missing itemReviewed.author.name"]


def test_publish_config_from_env_and_flags(monkeypatch):
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "Env Org")
    monkeypatch.setenv("FACTCHECK_BASE_URL", "https://env.example/")
    config = PublishConfig.from_env()
    assert (config.org_name, config.base_url) == ("Env Org", "https://env.example")
    config = PublishConfig.from_env(org_name="Flag Org", base_url=None)
    assert (config.org_name, config.base_url) == ("Flag Org", "https://env.example")
    with pytest.raises(ValueError):
        PublishConfig(base_url="not a url")


# --------------------------------------------------------------------------- JSON text built by DuckDB

def _every_code_point(step: int = 1) -> list[str]:
    return [chr(c) for c in range(0, 0x110000, step) if not 0xD800 <= c <= 0xDFFF]


def test_clean_url_sql_is_clean_url():
    """The vectorized URL rule gives clean_url's answer (None or the stripped URL) for every code
    point of the BMP, every whitespace and decimal digit beyond it and RE2's own digits that Python
    does not count as such, in the places of a URL where their classes differ (and a sample of them
    elsewhere), and for the tricky URLs themselves. Every code point in eighteen places was compared
    once, outside the suite: no difference in 20 million URLs."""
    import re

    from pipelines.ingest.meta import CLEAN_URL_SQL, PY_WHITESPACE, clean_url, clean_url_sql

    assert PY_WHITESPACE == "".join(c for c in _every_code_point() if c.isspace()) == "".join(
        c for c in _every_code_point() if re.fullmatch(r"\s", c))
    special = [c for c in _every_code_point() if c.isspace() or c.isdecimal()] + ["\U00011F50", "\U0001E4F0", "\U0001F600"]
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + special
    some = [chr(c) for c in range(0x100)] + bmp[0x100::7] + special
    everywhere = ["{c}http://x.example/", "http://x{c}/", "http://x:8{c}"]
    elsewhere = ["http://u{c}@x/", "http{c}://x/", "htt{c}://x/", "http://x/{c}", "http://[{c}1::]/", " {c}https://x.example{c} "]
    urls = [t.format(c=c) for t in everywhere for c in bmp] + [t.format(c=c) for t in elsewhere for c in some] + [
        "javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "/relative/a.html",
        "relative.html", "//x.example/a", "https://", "HTTPS://News.Example/A?b=1", "HtTp://x.example", "  https://x.example/p \n",
        "\u00a0https://x.example/\u3000", "\thttps://x.example/", "https://x.example/a b", "httpſ://x.example/",
        "http://x.example:٣/", "https://user:pw@x.example:8080/p?q#f", "http://[::1]:80/", "ftp://x.example/", "",
    ]
    con = duckdb.connect()
    try:
        got = [row[0] for row in con.execute(
            f"select {CLEAN_URL_SQL.format(x='u')} from (select unnest($urls) as u, generate_subscripts($urls, 1) as i) order by i",
            {**clean_url_sql(), "urls": urls},
        ).fetchall()]
    finally:
        con.close()
    differences = [(u, clean_url(u), g) for u, g in zip(urls, got) if clean_url(u) != g]
    assert differences == []
    assert sum(g is not None for g in got) > 80_000, "most URLs with an odd host character are still clean"
    answers = dict(zip(urls, got))
    assert answers["httpſ://x.example/"] and answers["http://x.example:٣/"], "Python's case folding and Unicode digits, not RE2's"
    assert answers["\u00a0https://x.example/\u3000"] == "https://x.example/" and answers["javascript:alert(1)"] is None


def _python_json(value) -> str:
    from pipelines.jsonvalues import jsonable

    return json.dumps(jsonable(value), ensure_ascii=False)


def test_json_sql_writes_what_json_dumps_writes():
    """Each DuckDB type's JSON text equals json.dumps(jsonable(v)) of the value Polars hands
    Python (the per-row export's path): every code point in strings, floats in every range,
    dates and timestamps with and without microseconds."""
    import random
    import struct

    from pipelines.jsonvalues import json_sql, python_escapes

    chars = _every_code_point()
    texts = ["".join(chars[i:i + 512]) for i in range(0, len(chars), 512)] + [
        "a\\u000Bb", "\\\x0b", "\\\\\x1f", "x\\\"\x0e", "\u2028\u2029\ufeff", "", None, "#", "\x7f\x85",
    ]
    rng = random.Random(7)
    doubles = [rng.uniform(-1e6, 1e6) for _ in range(2000)] + [10.0 ** k for k in range(-320, 309, 7)] + [
        float("nan"), float("inf"), float("-inf"), -0.0, 0.0, 1e16, 1e15, 12000.0, 0.1, 1 / 3, 5e-324, None]
    doubles += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(2000)]  # any bit pattern, NaNs too
    cases = {
        "VARCHAR": texts,
        "DOUBLE": doubles,
        "FLOAT": [1.1, 0.1, -2.5, 3.4e38, float("nan"), float("inf"), None],
        "BIGINT": [0, -1, 2**63 - 1, -(2**63), None],
        "INTEGER": [7, -(2**31), None],
        "BOOLEAN": [True, False, None],
        "DATE": [dt.date(1, 1, 1), dt.date(99, 3, 4), dt.date(2025, 4, 28), dt.date(9999, 12, 31), None],
        "TIMESTAMP": [dt.datetime(2026, 11, 25, 7, 3, 23, 433316), dt.datetime(2026, 11, 25, 7, 3, 23), dt.datetime(2025, 1, 1, 0, 0, 0, 500000),
                      dt.datetime(99, 1, 1, 0, 0, 0, 1), dt.datetime(1969, 12, 31, 23, 59, 59, 999999), None],
    }
    con = duckdb.connect()
    try:
        for kind, values in cases.items():
            con.execute(f"create or replace table t as select unnest(cast($v as {kind}[])) as v, generate_subscripts($v, 1) as i", {"v": values})
            got = [r[0] for r in con.execute(f"select {python_escapes('line')} from (select i, {json_sql('v', kind)} as line from t) order by i").fetchall()]
            through_polars = con.execute("select v from t order by i").pl()["v"].to_list()
            expected = [_python_json(v) for v in through_polars]
            assert [(e, g) for e, g in zip(expected, got) if e != g] == [], kind
        with pytest.raises(TypeError, match="INTERVAL"):
            json_sql("v", "INTERVAL")
    finally:
        con.close()


def test_text_keys_are_python_lower_split_join():
    """ClaimReview's same-words key: Python's own lower() (final sigma, İ, ligatures, and none of
    the case pairs Unicode added after Python's tables), str.split()'s whitespace."""
    from pipelines.export.claimreview import text_keys

    texts = ["ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ", "ΑΣ.Σ", "İSTANBUL", "ﬀ ẞ", "\ua7cb\U00010d50 Ꟍ", "  Same \t WORDS\u3000\x1c here\u2028 ", "", None,
             "sep \x01 inside", "\x02\x03\x04", "x\u0085y\u00a0z", "Σ", "aΣ b"]
    expected = [" ".join((t or "").lower().split()) for t in texts]
    assert text_keys(pl.Series(texts, dtype=pl.String)).to_list() == expected
    every = pl.Series(["".join(c for c in map(chr, range(1, 9)))] + texts, dtype=pl.String)
    assert text_keys(every).to_list() == [" ".join((t or "").lower().split()) for t in every.to_list()], "no free separator"


TRICKY_URLS = [
    "javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "file:///etc/passwd", "/relative/a.html", "relative.html",
    "HTTPS://News.Example/A?b=1", "  https://padded.example/p  ", "\u00a0https://nbsp.example/", "//x.example/a", "https://",
    "httpſ://long-s.example/", "https://user:pw@host.example:8080/p?q#f", None, "", "\thttps://tab.example/\n", "ftp://x.example/",
]
TRICKY_TEXTS = ["Line\x0bvertical tab \x1f and \x0e", 'Quote " backslash \\ and the text \\u000B', "emoji 😀 \u2028 #hash", "ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ"]


def _trick(con) -> None:
    """Tricky values in every place the export writes them: URLs, control characters, missing
    outlets and titles, NaN and infinities, whole seconds, claims with the same words."""
    ids = [r[0] for r in con.execute("select claim_id from marts.claim_verdicts order by claim_id").fetchall()]
    for i, claim_id in enumerate(ids):
        con.execute("update marts.claim_verdicts set article_url = ? where claim_id = ?", [TRICKY_URLS[i % len(TRICKY_URLS)], claim_id])
        if i % 2:
            con.execute("update marts.claim_verdicts set outlet = ?, article_title = ? where claim_id = ?", [["", None][i % 4 // 2], "", claim_id])
        if i % 3 == 0:
            con.execute("update marts.claim_verdicts set reason = ?, quantity_value = ?, verified_at = date_trunc('second', verified_at) "
                        "where claim_id = ?", [TRICKY_TEXTS[i // 3 % len(TRICKY_TEXTS)], [float("nan"), float("-inf"), 1e16, -0.0][i // 3 % 4], claim_id])
    twins = con.execute("select claim_id from marts.claim_verdicts where claim_type = 'event_date' and verdict <> 'not_enough_evidence' "
                        "order by claim_id limit 4").fetchall()
    for i, (claim_id,) in enumerate(twins):
        con.execute("update marts.claim_verdicts set claim_text = ?, published_on = ?, article_id = ? where claim_id = ?",
                    [TWINS[i], dt.date(2025, 1, 4 - i), f"twin{i}", claim_id])


# The same words but for case and spaces; the last one ends in a non-final sigma, which Python's
# lower() keeps apart from the final one.
TWINS = ["Twin ΣΟΦΟΣ words", "twin  σοφος\tWORDS", " TWIN ΣΟΦΟΣ\u00a0words", "twin σοφοσ words"]


def test_export_of_tricky_values_follows_the_python_rules(built, tmp_path):
    """A real export of tricky values: every claims.jsonl line is json.dumps of the row with
    jsonable values; every review is valid, written as json.dumps writes it, links only clean URLs
    (stripped), and names the outlet by urlparse's host when the outlet is missing."""
    import shutil
    from urllib.parse import urlparse

    from pipelines.export.dataset import read_claims
    from pipelines.ingest.meta import clean_url
    from pipelines.jsonvalues import jsonable

    db = tmp_path / "tricky.duckdb"
    shutil.copy(built["db"], db)
    con = connect(db)
    try:
        _trick(con)
        result = export_dataset(con, tmp_path / "out", PublishConfig(org_name="Desk «é»", base_url="https://checks.example/r"),
                                data_dir=built["data"])
        claims = read_claims(con).with_columns(pl.col("source_path").str.strip_prefix(str(built["data"]) + "/"))
    finally:
        con.close()
    lines = (result.folder / "claims.jsonl").read_text(encoding="utf-8").split("\n")
    assert lines.pop() == ""
    assert lines == [json.dumps({k: jsonable(v) for k, v in row.items()}, ensure_ascii=False) for row in claims.to_dicts()]
    assert any("NaN" in line for line in lines) and any("\\u000b" in line for line in lines)

    by_id = {row["claim_id"]: row for row in claims.to_dicts()}
    text = (result.folder / "claimreviews.jsonl").read_text(encoding="utf-8")
    reviews = [json.loads(line) for line in text.split("\n")[:-1]]  # not splitlines(): U+2028 is written as is
    assert text == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reviews)
    assert [r["identifier"] for r in reviews] == [row["claim_id"] for row in claims.to_dicts() if row["verdict"] in DECIDED]
    for review in reviews:
        assert validate_claim_review(review) == []
        row = by_id[review["identifier"]]
        assert review["itemReviewed"]["appearance"][0].get("url") == clean_url(row["article_url"]), row["article_url"]
        if review["itemReviewed"]["author"]["@type"] == "Organization" and not row["outlet"]:
            host = urlparse(row["article_url"]).netloc if row["article_url"] else ""
            assert review["itemReviewed"]["author"]["name"] == (host or "unknown outlet")
    assert {r["itemReviewed"]["appearance"][0].get("url") for r in reviews} >= {
        "HTTPS://News.Example/A?b=1", "https://padded.example/p", "https://nbsp.example/", "httpſ://long-s.example/"}
    firsts = {r["claimReviewed"]: r["itemReviewed"].get("firstAppearance") for r in reviews if r["claimReviewed"] in TWINS}
    assert len(firsts) == 4
    assert firsts[TWINS[3]] is None and firsts[TWINS[2]] is None, "the earliest of its words; other words are later"
    assert firsts[TWINS[1]]["datePublished"] == firsts[TWINS[0]]["datePublished"] == "2025-01-02", "same words, case and spaces aside"


def test_an_invalid_review_stops_the_export(built, tmp_path):
    import shutil

    db = tmp_path / "invalid.duckdb"
    shutil.copy(built["db"], db)
    con = connect(db)
    try:
        claim_id = con.execute("select claim_id from marts.claim_verdicts where verdict = 'supported' order by claim_id desc limit 1").fetchone()[0]
        con.execute("update marts.claim_verdicts set language = null where claim_id = ?", [claim_id])
        with pytest.raises(ExportError, match=f"ClaimReview for {claim_id} is invalid: missing inLanguage"):
            export_dataset(con, tmp_path / "out")
    finally:
        con.close()
    assert [p.name for p in (tmp_path / "out").iterdir()] == [], "nothing half-written is left"


# --------------------------------------------------------------------------- dataset card

def test_dataset_card(built):
    folder = built["data"] / "exports" / _refresh_id(built["db"])
    card = (folder / "README.md").read_text(encoding="utf-8")
    con = duckdb.connect(str(built["db"]), read_only=True)
    try:
        columns = con.execute(
            "select column_name, data_type, comment from duckdb_columns() where schema_name = 'marts' and table_name = 'claim_verdicts'"
        ).fetchall()
        packs = con.execute("select pack_name, content_hash, licence from ref.packs").fetchall()
    finally:
        con.close()
    for name, dtype, comment in columns:
        line = next((ln for ln in card.splitlines() if ln.startswith(f"| `{name}` |")), None)
        assert line, name
        assert f"| {dtype} |" in line
        if comment:
            assert comment.replace("|", "\\|") in line
    for verdict in ("supported", "refuted", "not_enough_evidence", "conflicting"):
        assert f"- `{verdict}`:" in card
    for pack_name, content_hash, licence in packs:
        assert pack_name in card and content_hash in card and licence in card
    for heading in ("By language", "By claim type", "By verdict"):
        assert heading in card
    assert f"| es | {_claims(built['db']).height} |" in card


# --------------------------------------------------------------------------- CLI

def test_cli_export_writes_the_same_bytes_twice(env, tmp_path, capsys):
    out = tmp_path / "exports"
    args = ["--quiet", "export", "--out", str(out), "--org-name", "Example Checks", "--base-url", "https://checks.example/r"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.err == "", "--quiet hides progress"
    folder = Path(captured.out.strip())
    assert folder == out / _refresh_id(env["db"])
    first = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    reviews = _jsonl(folder / "claimreviews.jsonl")
    assert reviews and all(r["author"]["name"] == "Example Checks" for r in reviews)
    assert all(r["url"].startswith("https://checks.example/r/articles/") for r in reviews)
    assert main(args) == 0
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8")) == first
    assert sorted(p.name for p in out.iterdir()) == sorted([folder.name, "latest"]), "no temporary folders left behind"
    assert (out / "latest").resolve() == folder.resolve()


def test_cli_export_reports_progress_unless_quiet(env, tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "exported refresh" in captured.err
    assert Path(captured.out.strip()).is_dir()


def test_cli_export_default_folder(env, capsys):
    assert main(["--quiet", "export", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert Path(info["folder"]).parent == env["data"] / "exports"
    assert {f["name"] for f in info["files"]} == set(FILES) - {"manifest.json"}


def test_cli_errors_are_one_line(env, tmp_path, monkeypatch, capsys):
    assert main(["--quiet", "export", "--base-url", "ftp://nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("factcheck: ") and "base_url" in err and "Traceback" not in err

    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "missing.duckdb"))
    assert main(["--quiet", "export"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no warehouse" in err
    with pytest.raises(CliError):
        main(["--debug", "--quiet", "export"])


def _fake_export(out: Path, name: str, published_at: str, dataset: str = "treaty-factcheck claim verdicts") -> Path:
    folder = out / name
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"dataset": dataset, "refresh_id": name, "published_at": published_at}), encoding="utf-8")
    return folder


def test_export_keeps_the_newest_refresh_folders_and_links_the_latest(built, tmp_path):
    out = tmp_path / "exports"
    old = [_fake_export(out, f"{n:016x}", f"2025-0{n}-01T00:00:00") for n in range(1, 6)]
    other = _fake_export(out, "0000000000000abc", "2020-01-01T00:00:00", dataset="someone else's")
    renamed = _fake_export(out, "my-copy", "2020-01-01T00:00:00")
    (renamed / "manifest.json").write_text((renamed / "manifest.json").read_text().replace("my-copy", "0" * 16), encoding="utf-8")
    con = connect(built["db"], read_only=True)
    try:
        result = export_dataset(con, out, keep=3)
        assert result.removed and set(result.removed) == set(old[:3]), "the three oldest go; 3 kept = this refresh + 2 newest"
        assert all(p.is_dir() for p in old[3:]) and other.is_dir() and renamed.is_dir(), "only this dataset's own folders count"
        assert (out / "latest").is_symlink() and (out / "latest").resolve() == result.folder.resolve()
        assert pl.read_parquet(out / "latest" / "claims.parquet").height == result.count_claims
        assert export_dataset(con, out, keep=0).removed == [] and all(p.is_dir() for p in old[3:])
        assert set(export_dataset(con, out, keep=1).removed) == set(old[3:])
    finally:
        con.close()
    assert sorted(p.name for p in out.iterdir()) == sorted([result.folder.name, "latest", other.name, renamed.name])


def test_cli_export_keep_setting(env, tmp_path, monkeypatch, capsys):
    exports = env["data"] / "exports"
    stale = _fake_export(exports, "00000000000000ff", "2001-01-01T00:00:00")
    monkeypatch.setenv("FACTCHECK_KEEP_EXPORTS", "many")
    assert main(["--quiet", "export"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "FACTCHECK_KEEP_EXPORTS" in err and "'many'" in err
    assert main(["--quiet", "export", "--keep", "-1"]) == 2
    assert "--keep must be a whole number" in capsys.readouterr().err
    monkeypatch.delenv("FACTCHECK_KEEP_EXPORTS")
    mine = tmp_path / "mine"
    kept = _fake_export(mine, "00000000000000ee", "2001-01-01T00:00:00")
    assert main(["--quiet", "export", "--out", str(mine)]) == 0 and kept.is_dir(), "--out removes nothing unless --keep is given"
    assert stale.is_dir()
    assert main(["--quiet", "export", "--json"]) == 0 and stale.is_dir(), "the default keeps 7"
    assert main(["--quiet", "export", "--json", "--keep", "1"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["removed"] == [str(stale)] and not stale.exists()


def test_refresh_id_follows_every_published_claim_and_article_field(built, tmp_path):
    import shutil

    from pipelines.defs.publish import record_refresh

    db = tmp_path / "copy.duckdb"
    shutil.copy(built["db"], db)
    con = connect(db)
    try:
        first = record_refresh(con)["refresh_id"]
        assert first == _refresh_id(built["db"]), "the same content gives the same id"
        con.execute("update marts.claim_verdicts set verified_at = verified_at + interval 1 hour")
        assert record_refresh(con)["refresh_id"] == first, "verifying again without a change is the same refresh"
        con.execute("update raw.articles set title = 'EDITED TITLE'")
        edited = record_refresh(con)["refresh_id"]
        con.execute("update marts.claim_verdicts set reason = reason || ' (edited)' where claim_id = (select min(claim_id) from marts.claim_verdicts)")
        reason = record_refresh(con)["refresh_id"]
        rows = con.execute("select refresh_id from quality.refreshes").fetchall()
    finally:
        con.close()
    assert len({first, edited, reason}) == 3
    assert {first, edited, reason} <= {r[0] for r in rows}


def test_export_refuses_a_warehouse_without_a_refresh(tmp_path):
    con = duckdb.connect(str(tmp_path / "empty.duckdb"))
    try:
        with pytest.raises(ExportError, match="factcheck refresh"):
            export_dataset(con, tmp_path / "out")
    finally:
        con.close()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --------------------------------------------------------------------------- Dagster UI

def test_every_materialization_reports_row_count_and_preview(built):
    materializations = built["result"].get_asset_materialization_events()
    assert materializations
    seen = set()
    for event in materializations:
        mat = event.event_specific_data.materialization
        key = tuple(mat.asset_key.path)
        seen.add(key)
        assert "dagster/row_count" in mat.metadata, key
        assert "preview" in mat.metadata, key
    assert {("exports", "claim_dataset"), ("reports", "claim_report"), ("quality", "refreshes")} <= seen
    verdicts = next(e.event_specific_data.materialization for e in materializations
                    if tuple(e.event_specific_data.materialization.asset_key.path) == ("marts", "claim_verdicts"))
    assert verdicts.metadata["count_supported"].value >= 10


def test_verdicts_asset_points_at_the_report():
    spec = defs.resolve_asset_graph().get(AssetKey(["marts", "claim_verdicts"]))
    assert str(spec.metadata["report"].value).endswith("report/index.html")


def test_publish_assets_in_the_code_location():
    graph = defs.resolve_asset_graph()
    for key, kinds in ((("exports", "claim_dataset"), {"parquet", "json"}), (("reports", "claim_report"), {"html"})):
        node = graph.get(AssetKey(list(key)))
        assert node.group_name == "publish"
        assert kinds <= set(node.kinds)
        assert {tuple(p.path) for p in node.parent_keys} == {("quality", "refreshes")}
        assert "not a DuckDB table" in node.description
    for key in graph.get_all_asset_keys():
        assert graph.get(key).description, key
    assert defs.resolve_schedule_def("daily_refresh").description
    assert defs.resolve_sensor_def("article_files_sensor").description
