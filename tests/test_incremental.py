"""Incremental refresh: unchanged files are not read again, only new articles are extracted,
removed files take their rows with them, and an interrupted refresh converges on the next run.

Real DuckDB files in tmp_path, the real readers and extractors, no mocks.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.bench.corpus import corpus_paths, write_corpus
from pipelines.core import reference_tables, write_table
from pipelines.extract.lexicon import load_lexicons
from pipelines.incremental import read_text_files, refresh_claims, refresh_quote_matches, refresh_raw, scan_inputs
from pipelines.ingest.readers import ARTICLE_SUFFIXES, read_file
from pipelines.settings import PROJECT_ROOT, load_settings

SEED_DIR = PROJECT_ROOT / "data" / "articles"


@pytest.fixture(scope="module")
def setup():
    settings = load_settings()
    ref, _ = reference_tables(settings.reference_dir)
    return settings, load_lexicons(settings.lexicon_dir), ref


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root / "c", 12, seed=5)
    return corpus_paths(root / "c")[0]


def _refresh(db: Path, inputs: list, setup) -> tuple:
    settings, lexicons, ref = setup
    con = duckdb.connect(str(db))
    try:
        raw = refresh_raw(con, [str(p) for p in inputs], lexicons, max_bytes=1 << 24)
        if not con.execute("select count(*) from information_schema.tables where table_schema = 'ref'").fetchone()[0]:
            for name, frame in ref.items():
                write_table(con, f"ref.{name}", frame)
        claims = refresh_claims(con, lexicons, settings.lexicon_dir)
        quotes = refresh_quote_matches(con)
        state = {
            "articles": con.execute("select source_path, article_id from raw.articles order by 1").fetchall(),
            "claims": con.execute("select claim_id from staging.claims order by 1").fetchall(),
            "matches": con.execute("select claim_id, rendering_id from staging.quote_matches order by 1, 2").fetchall(),
            "extractions": con.execute("select count(*) from staging.claim_extractions").fetchone()[0],
            "copies": con.execute("select source_path, copy_of_path from raw.article_copies order by 1").fetchall(),
            "files": con.execute("select count(*) from raw.files").fetchone()[0],
            "orphan_bands": con.execute("select count(*) from raw.article_bands where article_id not in (select article_id from raw.articles)").fetchone()[0],
        }
        assert state["orphan_bands"] == 0
    finally:
        con.close()
    return raw, claims, quotes, state


def test_fast_reader_gives_what_the_reader_gives(corpus):
    paths = sorted(str(p) for p in corpus.rglob("*.txt")) + [str(SEED_DIR / "sputnik-es-2025-04-28.txt")]
    sizes = [os.path.getsize(p) for p in paths]
    fast, slow = read_text_files(paths, sizes, max_bytes=1 << 24)
    assert not slow
    exact = [record for p in paths for record in read_file(Path(p)).records]
    assert fast == exact


def test_fast_reader_hands_odd_files_to_the_reader(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfHola mundo, texto con BOM.\n")
    (tmp_path / "latin.txt").write_bytes("Moscú, texto en cp1252.".encode("cp1252"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("Texto normal.\n", encoding="utf-8")
    (tmp_path / "ok.meta.json").write_text("[1, 2]", encoding="utf-8")  # not an object: the reader records it
    paths = sorted(str(p) for p in tmp_path.glob("*.txt"))
    records, slow = read_text_files(paths, [os.path.getsize(p) for p in paths], max_bytes=1 << 24)
    assert records == [] and sorted(slow) == paths


def test_scan_is_clean_only_for_plain_folders(corpus, tmp_path):
    assert scan_inputs([str(corpus)], ARTICLE_SUFFIXES).clean
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "a.txt").write_text("Texto.", encoding="utf-8")
    (odd / "notes.docx").write_bytes(b"x")
    assert not scan_inputs([str(odd)], ARTICLE_SUFFIXES).clean
    assert not scan_inputs([str(tmp_path / "missing")], ARTICLE_SUFFIXES).clean


def test_a_stray_file_does_not_send_the_folder_to_the_slow_reader(corpus, tmp_path, setup, monkeypatch):
    """One unsupported file makes the scan unclean, so the exact reader's discovery lists the
    files and records the refusals; the plain text files are still read by the fast path, and
    only what it cannot read exactly (a byte-order mark) goes to the exact reader."""
    import pipelines.ingest.readers as readers

    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    (folder / "notes.docx").write_bytes(b"PK not an article")
    (folder / "bom.txt").write_bytes("\ufeffMoscú, 3 de marzo. Texto con BOM.\n".encode("utf-8"))
    assert not scan_inputs([str(folder)], ARTICLE_SUFFIXES).clean
    handed: list[str] = []
    exact_reader = readers.read_inputs

    def spy(items, **kwargs):
        handed.extend(str(getattr(item, "path", item)) for item in items)
        return exact_reader(items, **kwargs)

    monkeypatch.setattr(readers, "read_inputs", spy)
    settings, lexicons, _ = setup
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        raw = refresh_raw(con, [str(folder)], lexicons, max_bytes=1 << 24)
        texts = dict(con.execute("select source_path, text from raw.articles").fetchall())
        errors = con.execute("select source_path, reason from raw.ingest_errors").fetchall()
    finally:
        con.close()
    assert handed == [str(folder / "bom.txt")]
    assert raw.files_read == 13
    paths = sorted(folder.rglob("*.txt"))
    assert texts == {str(p): r["text"] for p in paths for r in read_file(p).records}
    assert errors == [(str(folder / "notes.docx"), "unsupported file type '.docx'")]


def test_refresh_reads_and_extracts_only_what_is_new(corpus, tmp_path, setup):
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    shutil.copy(SEED_DIR / "sputnik-es-2025-04-28.txt", folder / "seed.txt")
    shutil.copy(SEED_DIR / "sputnik-es-2025-04-28.meta.json", folder / "seed.meta.json")
    (folder / "empty-claims.txt").write_text("Un texto sin nada que comprobar.\n\nSolo una frase tranquila sobre el tiempo.\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"

    raw, claims, quotes, first = _refresh(db, [folder], setup)
    assert raw.full and raw.files_read == 14 and claims.full and claims.articles_extracted == 14
    assert first["extractions"] == 14 and len(first["articles"]) == 14 and first["files"] == 14
    assert first["matches"], "the seed article's quotes align with the statement"

    # Nothing changed: nothing is read or extracted (the claim-less article included).
    raw, claims, quotes, second = _refresh(db, [folder], setup)
    assert (raw.files_read, claims.articles_extracted, quotes.claims_linked) == (0, 0, 0)
    assert second == first

    # One new file: only it is read and extracted; its claims are appended.
    write_corpus(tmp_path / "more", 1, seed=5, start=40)
    new_file = next(corpus_paths(tmp_path / "more")[0].rglob("*.txt"))
    shutil.copy(new_file, folder / "new.txt")
    shutil.copy(new_file.with_name(new_file.name.replace(".txt", ".meta.json")), folder / "new.meta.json")
    raw, claims, quotes, third = _refresh(db, [folder], setup)
    assert (raw.files_read, raw.articles_added, claims.articles_extracted) == (1, 1, 1)
    assert claims.claims_added > 0 and set(first["claims"]) < set(third["claims"])

    # A changed file is read again and its old article (and claims) replaced.
    seed_before = dict(third["articles"])[str(folder / "seed.txt")]
    text = (folder / "seed.txt").read_text(encoding="utf-8")
    (folder / "seed.txt").write_text(text.replace("Kursk", "Kursk", 1) + "\nNota final.\n", encoding="utf-8")
    raw, claims, quotes, fourth = _refresh(db, [folder], setup)
    assert raw.files_read == 1 and claims.articles_extracted == 1 and claims.articles_removed == 1
    assert dict(fourth["articles"])[str(folder / "seed.txt")] != seed_before
    assert fourth["extractions"] == 15

    # A removed file takes its article, claims and quote matches with it.
    os.remove(folder / "seed.txt")
    os.remove(folder / "seed.meta.json")
    raw, claims, quotes, fifth = _refresh(db, [folder], setup)
    assert raw.files_removed == 1 and claims.articles_removed == 1 and claims.claims_removed > 0
    assert str(folder / "seed.txt") not in dict(fifth["articles"]) and fifth["files"] == 14
    assert quotes.rows_removed > 0

    # The same state as a full build over the same folder.
    _, _, _, fresh = _refresh(tmp_path / "fresh.duckdb", [folder], setup)
    assert fresh == fifth


def test_copies_follow_their_original(tmp_path, setup):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_DIR / "sputnik-es-2025-04-28.txt", folder / "a.txt")
    db = tmp_path / "w.duckdb"
    _refresh(db, [folder], setup)
    shutil.copy(folder / "a.txt", folder / "b.txt")  # the same story again, in a new file
    raw, claims, _, state = _refresh(db, [folder], setup)
    assert raw.files_read == 1 and claims.articles_extracted == 0
    assert state["copies"] == [(str(folder / "b.txt"), str(folder / "a.txt"))]
    os.remove(folder / "a.txt")  # the original goes: the copy is read again and becomes the article
    raw, claims, _, state = _refresh(db, [folder], setup)
    assert [p for p, _ in state["articles"]] == [str(folder / "b.txt")] and state["copies"] == []
    # Same content, same article id; its claims are extracted again to carry the new path.
    assert claims.articles_extracted == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select distinct source_path from staging.claims").fetchall() == [(str(folder / "b.txt"),)]
    finally:
        con.close()


def test_moved_file_and_corrected_sidecar(tmp_path, setup):
    """A file moved elsewhere keeps its article id but its claims follow the new path; a
    sidecar whose publication date is corrected re-dates the article's claims."""
    folder = tmp_path / "articles"
    (folder / "old").mkdir(parents=True)
    shutil.copy(SEED_DIR / "sputnik-es-2025-04-28.txt", folder / "old" / "a.txt")
    shutil.copy(SEED_DIR / "sputnik-es-2025-04-28.meta.json", folder / "old" / "a.meta.json")
    db = tmp_path / "w.duckdb"
    _, _, _, before = _refresh(db, [folder], setup)
    (folder / "new").mkdir()
    for name in ("a.txt", "a.meta.json"):
        os.replace(folder / "old" / name, folder / "new" / name)
    raw, claims, _, after = _refresh(db, [folder], setup)
    assert raw.files_read == 1 and raw.files_removed == 1 and claims.articles_extracted == 1
    assert after["claims"] == before["claims"] and after["files"] == 1
    con = duckdb.connect(str(db))
    try:
        assert con.execute("select distinct source_path from staging.claims").fetchall() == [(str(folder / "new" / "a.txt"),)]
        assert con.execute("select count(*) from raw.article_bands").fetchone()[0] == con.execute("select count(distinct band) from raw.article_bands").fetchone()[0]
    finally:
        con.close()
    meta = (folder / "new" / "a.meta.json").read_text(encoding="utf-8").replace("2025-04-28", "2025-05-02")
    (folder / "new" / "a.meta.json").write_text(meta, encoding="utf-8")
    raw, claims, _, _ = _refresh(db, [folder], setup)
    assert raw.files_read == 1 and claims.articles_extracted == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select distinct published_on from staging.claims").fetchall()[0][0].isoformat() == "2025-05-02"
    finally:
        con.close()


def test_interrupted_refresh_converges(corpus, tmp_path, setup):
    """A run that stops after ingest (a crash before extraction) is finished by the next one."""
    settings, lexicons, _ = setup
    db = tmp_path / "w.duckdb"
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    _refresh(db, [folder], setup)
    write_corpus(tmp_path / "more", 3, seed=5, start=60)
    for path in corpus_paths(tmp_path / "more")[0].rglob("*"):
        if path.is_file():
            shutil.copy(path, folder / path.name)
    con = duckdb.connect(str(db))
    try:
        refresh_raw(con, [str(folder)], lexicons, max_bytes=1 << 24)  # ... and the run dies here
    finally:
        con.close()
    raw, claims, _, state = _refresh(db, [folder], setup)
    assert raw.files_read == 0 and claims.articles_extracted == 3
    _, _, _, fresh = _refresh(tmp_path / "fresh.duckdb", [folder], setup)
    assert state == fresh


def test_failed_step_leaves_the_previous_state(corpus, tmp_path, setup):
    settings, lexicons, _ = setup
    db = tmp_path / "w.duckdb"
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    _, _, _, before = _refresh(db, [folder], setup)
    (folder / "new.txt").write_text("Texto nuevo.\n", encoding="utf-8")
    con = duckdb.connect(str(db))
    try:
        with pytest.raises(Exception):
            refresh_raw(con, [str(folder)], {"xx": None}, max_bytes=1 << 24)  # a broken lexicon set fails mid-step
        assert con.execute("select count(*) from raw.files").fetchone()[0] == before["files"]
        assert pl.DataFrame(con.execute("select source_path, article_id from raw.articles order by 1").fetchall(), orient="row").rows() == before["articles"]
    finally:
        con.close()


def test_dagster_assets_refresh_incrementally(tmp_path):
    """The real assets through Dagster ``materialize``: the second run (after a publish, as
    ``factcheck refresh`` does) reads and extracts only the new article."""
    from dagster import materialize

    from pipelines.defs.extract import staging_claims, staging_quote_matches
    from pipelines.defs.ingest import raw_articles
    from pipelines.defs.reference import reference_packs
    from pipelines.resources import WarehouseResource
    from tests.conftest import copy_data

    data = copy_data(tmp_path / "data")
    db = data / "warehouse" / "factcheck.duckdb"
    resource = WarehouseResource(db_path=str(db), data_dir=str(data))
    assets = [raw_articles, reference_packs, staging_claims, staging_quote_matches]

    def run() -> dict:
        result = materialize(assets, resources={"warehouse": resource})
        assert result.success
        resource.warehouse.publish()  # what quality.refreshes does at the end of a refresh
        meta = {}
        for event in result.get_asset_materialization_events():
            mat = event.event_specific_data.materialization
            meta[mat.asset_key.to_user_string()] = {k: v.value for k, v in mat.metadata.items()}
        return meta

    first = run()
    assert first["raw/articles"]["files_read"] == 1 and first["staging/claims"]["articles_extracted"] == 1
    write_corpus(tmp_path / "more", 1, seed=9)
    for path in corpus_paths(tmp_path / "more")[0].rglob("*"):
        if path.is_file():
            shutil.copy(path, data / "articles" / path.name)
    second = run()
    assert second["raw/articles"]["files_read"] == 1 and second["raw/articles"]["files_seen"] == 2
    assert second["staging/claims"]["articles_extracted"] == 1 and second["staging/claims"]["claims_added"] > 0
    assert second["staging/quote_matches"]["claims_aligned"] <= second["staging/claims"]["claims_added"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from raw.articles").fetchone()[0] == 2
        assert con.execute("select count(*) from staging.claim_extractions").fetchone()[0] == 2
    finally:
        con.close()


def test_chunked_ingest_gives_the_same_tables(corpus, tmp_path, setup, monkeypatch):
    """Files are read and built in chunks (bounded memory); an exact copy in a later chunk is
    still a copy of the earlier one, and the tables equal a one-chunk build."""
    import pipelines.incremental as inc

    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    first = sorted(folder.rglob("*.txt"))[0]
    shutil.copy(first, folder / "zz-copy.txt")  # sorts last: another chunk than its original
    _, _, _, whole = _refresh(tmp_path / "one.duckdb", [folder], setup)
    monkeypatch.setattr(inc, "INGEST_CHUNK", 4)
    raw, _, _, chunked = _refresh(tmp_path / "chunks.duckdb", [folder], setup)
    assert chunked == whole and raw.files_read == 13
    assert chunked["copies"] == [(str(folder / "zz-copy.txt"), str(first))]


def test_crash_between_chunks_keeps_whole_chunks_and_the_next_run_finishes(corpus, tmp_path, setup, monkeypatch):
    """Each chunk commits with the records of what it did: a run dying in its second chunk of
    files, then in its second chunk of articles, leaves whole chunks, and the next run reads
    and extracts only the rest and ends where a run without a crash does."""
    import pipelines.incremental as inc
    import pipelines.ingest.articles as articles_mod

    settings, lexicons, _ = setup
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    _, _, _, whole = _refresh(tmp_path / "one.duckdb", [folder], setup)
    monkeypatch.setattr(inc, "INGEST_CHUNK", 4)
    db = tmp_path / "w.duckdb"
    real_build = articles_mod.build_articles
    calls = []

    def dies_on_the_second_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(articles_mod, "build_articles", dies_on_the_second_chunk)
    with pytest.raises(RuntimeError):
        _refresh(db, [folder], setup)
    monkeypatch.setattr(articles_mod, "build_articles", real_build)
    con = duckdb.connect(str(db))
    try:
        assert con.execute("select count(*) from raw.files").fetchone()[0] == 4  # the first chunk only
        assert con.execute("select count(*) from raw.articles").fetchone()[0] == 4
        raw = refresh_raw(con, [str(folder)], lexicons, max_bytes=1 << 24)
        assert raw.files_read == 8 and not raw.full
        from pipelines.extract import parallel

        real_chunks = parallel.extract_chunks

        def dies_after_the_first(load, n, ref, lexicons, **kwargs):
            for number, pair in enumerate(real_chunks(load, n, ref, lexicons, **{**kwargs, "chunk": 5})):
                if number == 1:
                    raise RuntimeError("killed")
                yield pair

        monkeypatch.setattr(parallel, "extract_chunks", dies_after_the_first)
        for name, frame in setup[2].items():
            write_table(con, f"ref.{name}", frame)
        with pytest.raises(RuntimeError):
            refresh_claims(con, lexicons, settings.lexicon_dir, workers=1)
        assert con.execute("select count(*) from staging.claim_extractions").fetchone()[0] == 5
    finally:
        con.close()
    monkeypatch.undo()
    _, claims, _, state = _refresh(db, [folder], setup)
    assert claims.articles_extracted == 7 and not claims.full
    assert state == whole


def _near_copy_of_seed(path: Path) -> None:
    text = (SEED_DIR / "sputnik-es-2025-04-28.txt").read_text(encoding="utf-8")
    head, _, body = text.partition("\n")
    path.write_text("Putin agradece a Corea del Norte su ayuda en Kursk\n" + body + "\nActualizada a las 18:00 con más detalles.\n", encoding="utf-8")


def test_near_duplicates_across_batches(tmp_path, setup, monkeypatch):
    """A story republished in a later batch (new headline, a footer) is a near copy of the
    article already in the warehouse; the same holds across the chunks of one build."""
    import pipelines.incremental as inc

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_DIR / "sputnik-es-2025-04-28.txt", folder / "a.txt")
    db = tmp_path / "w.duckdb"
    _refresh(db, [folder], setup)
    _near_copy_of_seed(folder / "b.txt")
    raw, claims, _, state = _refresh(db, [folder], setup)
    assert raw.files_read == 1 and raw.articles_added == 0 and claims.articles_extracted == 0
    assert [p for p, _ in state["articles"]] == [str(folder / "a.txt")]
    assert state["copies"] == [(str(folder / "b.txt"), str(folder / "a.txt"))]
    con = duckdb.connect(str(db), read_only=True)
    try:
        kind, similarity = con.execute("select copy_kind, similarity from raw.article_copies").fetchone()
        assert kind == "near" and 0.6 <= similarity < 1.0
    finally:
        con.close()
    monkeypatch.setattr(inc, "INGEST_CHUNK", 1)  # one file per chunk: the second meets the first in the archive
    _, _, _, chunked = _refresh(tmp_path / "chunks.duckdb", [folder], setup)
    assert chunked["articles"] == state["articles"] and chunked["copies"] == state["copies"]
    os.remove(folder / "a.txt")  # the original goes: the near copy is read again and kept
    raw, claims, _, state = _refresh(db, [folder], setup)
    assert [p for p, _ in state["articles"]] == [str(folder / "b.txt")] and state["copies"] == []
    assert claims.articles_extracted == 1


def test_band_keys_of_another_scheme_are_rebuilt_not_silently_unmatched(tmp_path, setup, monkeypatch):
    """Band keys made another way (another Polars word hash after an upgrade, other
    near-duplicate settings) would never match a new article's keys; the step notices and
    rebuilds the raw tables, and the near copy is still found."""
    import pipelines.incremental as inc
    from pipelines.ingest.neardup import NearDuplicates

    current = inc.band_scheme(NearDuplicates())
    assert inc.band_scheme(NearDuplicates(seed=2)) != current
    hash_of = pl.Series.hash
    inc.band_scheme.cache_clear()
    try:
        monkeypatch.setattr(pl.Series, "hash", lambda self, seed=0, *a: hash_of(self, seed + 1, *a))
        assert inc.band_scheme(NearDuplicates()) != current  # the probe sees a changed word hash
    finally:
        monkeypatch.undo()
        inc.band_scheme.cache_clear()
    assert inc.band_scheme(NearDuplicates()) == current

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_DIR / "sputnik-es-2025-04-28.txt", folder / "a.txt")
    db = tmp_path / "w.duckdb"
    _refresh(db, [folder], setup)
    con = duckdb.connect(str(db))
    try:
        assert con.execute("select distinct scheme from raw.article_bands").fetchall() == [(current,)]
        con.execute("update raw.article_bands set scheme = 'made-by-an-older-polars'")
    finally:
        con.close()
    _near_copy_of_seed(folder / "b.txt")
    raw, _, _, state = _refresh(db, [folder], setup)
    assert raw.full and raw.files_read == 2
    assert state["copies"] == [(str(folder / "b.txt"), str(folder / "a.txt"))]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select distinct scheme from raw.article_bands").fetchall() == [(current,)]
    finally:
        con.close()
    raw, _, _, _ = _refresh(db, [folder], setup)
    assert not raw.full and raw.files_read == 0


def test_near_duplicates_across_large_chunks_of_a_full_build(tmp_path, setup, monkeypatch):
    """A full build whose first chunk writes more band keys than a DuckDB row group holds
    (4,000 articles: 128,000 rows) still finds, in its second chunk, the near copies of the
    first chunk's articles: the rows the step inserted stay visible to its connection."""
    import pipelines.incremental as inc

    root = tmp_path / "c"
    write_corpus(root, 4000, seed=11)
    folder = corpus_paths(root)[0]
    originals = sorted(folder.rglob("*.txt"))[:3]
    for n, original in enumerate(originals):
        text = original.read_text(encoding="utf-8")
        (folder / f"zz-near-{n}.txt").write_text(text + "\nActualizada a las 18:00 con más detalles.\n", encoding="utf-8")
    monkeypatch.setattr(inc, "INGEST_CHUNK", 4000)  # the originals in the first chunk, the copies in the second
    _, lexicons, _ = setup
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        raw = refresh_raw(con, [str(folder)], lexicons, max_bytes=1 << 24)
        copies = con.execute("select source_path, copy_of_path, copy_kind from raw.article_copies order by 1").fetchall()
    finally:
        con.close()
    assert raw.articles_added == 4000
    assert copies == [(str(folder / f"zz-near-{n}.txt"), str(original), "near") for n, original in enumerate(originals)]


def test_extraction_in_worker_processes_gives_the_same_claims(corpus, tmp_path, setup):
    """Chunks of articles extracted in two spawned worker processes give exactly the claims
    (and extraction records) that one in-process pass gives."""
    settings, lexicons, _ = setup
    _refresh(tmp_path / "one.duckdb", [corpus], setup)
    shutil.copy(tmp_path / "one.duckdb", tmp_path / "workers.duckdb")
    tables = {}
    for name, workers in (("one", 1), ("workers", 2)):
        con = duckdb.connect(str(tmp_path / f"{name}.duckdb"))
        try:
            con.execute("drop table staging.claim_extractions")  # a full extraction again
            delta = refresh_claims(con, lexicons, settings.lexicon_dir, workers=workers, chunk=5)
            tables[name] = (
                con.execute("select * exclude (extracted_at) from staging.claims order by claim_id").pl(),
                con.execute("select article_id, article_key, count_claims from staging.claim_extractions order by 1").fetchall(),
            )
        finally:
            con.close()
        assert delta.articles_extracted == 12
    assert tables["one"][0].height > 40 and tables["one"][0]["claim_id"].is_unique().all()
    assert tables["workers"][0].equals(tables["one"][0])
    assert tables["workers"][1] == tables["one"][1]


def test_chunk_plan_gives_every_worker_work_within_bounds():
    from pipelines.extract.parallel import plan_chunks

    assert plan_chunks(100_000, 2) == 8_000
    assert plan_chunks(12_000, 2) == 6_000
    assert plan_chunks(6_000, 2) == 4_000  # not below the minimum: the fixed cost would dominate
    assert plan_chunks(3_000, 2) == 4_000  # one chunk: extracted in the calling process
    assert plan_chunks(50_000, 1) == 8_000
