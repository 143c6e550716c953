"""Incremental ingest and extraction: a refresh costs what the new articles cost.

Two steps, each committing once per chunk of at most ``INGEST_CHUNK`` files / ``MAX_CHUNK``
articles together with the records saying what is done (a run killed half-way leaves whole
chunks, and the next run goes on from there and converges):

* ``refresh_raw``: scans the article folders (``os.scandir``: names and stat only), compares
  every file's size and mtime (and its sidecar's) with the manifest ``raw.files``, reads only
  new or changed files, and deletes what belonged to changed or removed ones from
  ``raw.articles``, ``raw.article_copies`` and ``raw.ingest_errors``.
* ``refresh_claims``: extracts claims only for articles that have no row in
  ``staging.claim_extractions`` for the current extractor key (a hash of the extractor code,
  the lexicons and the reference packs: when any of them changes, everything is redone), so
  articles with zero claims are not redone either. New claims are appended to
  ``staging.claims`` with ``extracted_at`` set to this run's time (the work set for
  incremental verification); claims of articles that went away are deleted.

With an empty warehouse both steps do a full build, so the same code serves ``make demo``,
the Dagster assets and ``factcheck bench``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines.tables import COLUMN_DOCS, TABLE_DOCS
from pipelines.warehouse import ensure_schemas, set_comments

MANIFEST_TABLE = "raw.files"
EXTRACTIONS_TABLE = "staging.claim_extractions"
MANIFEST_SCHEMA = {
    "source_path": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "sidecar_size_bytes": pl.Int64,
    "sidecar_mtime_ns": pl.Int64,
    "count_articles": pl.Int64,
    "ingested_at": pl.Datetime,
}
EXTRACTION_SCHEMA = {"article_id": pl.String, "article_key": pl.String, "extractor_key": pl.String, "count_claims": pl.Int64, "extracted_at": pl.Datetime}
# What the claims copy from their article besides the text: a change (a moved file, a corrected
# sidecar date or language) means the article is extracted again.
ARTICLE_KEY_SQL = "md5(concat_ws('|', a.source_path, coalesce(a.language, ''), coalesce(cast(a.published_on as varchar), '')))"
TEXT_FAST_SUFFIXES = {".txt", ".md"}
INGEST_CHUNK = 10_000  # files read and built per batch (bounds memory; near-duplicates are found within a batch)

EXTRA_TABLE_DOCS = {
    MANIFEST_TABLE: "Manifest of the article files ingested: one row per file, with the size and mtime (its own and its sidecar's) it had when read. Unchanged files are not read again.",
    EXTRACTIONS_TABLE: "Articles the claim extractors have processed: one row per article, with the extractor key (code, lexicons and reference packs) it was processed under. Articles are not extracted again while the key is unchanged, even when they hold no claims.",
}
EXTRA_COLUMN_DOCS = {
    "size_bytes": "File size in bytes when it was read.",
    "mtime_ns": "File modification time (ns since the epoch) when it was read.",
    "sidecar_size_bytes": "Size of the .meta.json sidecar when read (null without one).",
    "sidecar_mtime_ns": "Modification time of the sidecar when read (null without one).",
    "count_articles": "Articles (or copies) the file gave.",
    "ingested_at": "When the file was read (UTC).",
    "extractor_key": "Hash of the extractor code, lexicons and reference packs the article was processed with.",
    "article_key": "Hash of the article's file, language and publication date when it was processed (claims copy them).",
    "count_claims": "Claims extracted from the article.",
    "extracted_at": "When the claim (or article) was extracted (UTC): the work set of an incremental run.",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _comment(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
    docs = {**COLUMN_DOCS, **EXTRA_COLUMN_DOCS}
    set_comments(con, table, {**TABLE_DOCS, **EXTRA_TABLE_DOCS}.get(table, table), {c: docs.get(c, c.replace("_", " ")) for c in columns})


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str] | None:
    schema, name = table.split(".", 1)
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [r[0] for r in rows] or None


def _register(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register(name, frame.to_arrow())


def replace_table(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    _register(con, "__frame", frame)
    try:
        con.execute(f"create or replace table {table} as select * from __frame")
    finally:
        con.unregister("__frame")
    _comment(con, table, frame.columns)


def start_empty(con: duckdb.DuckDBPyConnection, schemas: dict[str, dict]) -> None:
    """Replace each table by an empty one of its schema and commit, in the caller's open
    transaction, before a full build appends to them chunk by chunk.

    The commit is a workaround: DuckDB 1.5 does not show a connection the rows it inserts (more
    than a row group's worth, e.g. one chunk's band keys) into a table created by
    ``create ... as`` in the same transaction, even after the commit; the next chunk of a full
    build then found no near-duplicates in the earlier ones.
    """
    for table, schema in schemas.items():
        replace_table(con, table, pl.DataFrame(schema=schema))
    con.commit()
    con.begin()


def append_rows(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    _register(con, "__frame", frame)
    try:
        con.execute(f"insert into {table} by name select * from __frame")
    finally:
        con.unregister("__frame")


def delete_keys(con: duckdb.DuckDBPyConnection, table: str, column: str, keys: pl.Series) -> None:
    if keys.is_empty():
        return
    _register(con, "__keys", pl.DataFrame({"k": keys.unique()}))
    try:
        con.execute(f"delete from {table} where {column} in (select k from __keys)")
    finally:
        con.unregister("__keys")


# --------------------------------------------------------------------------- scanning

@dataclass
class Scan:
    """The article files under the inputs, with their stat and their sidecar's."""

    files: pl.DataFrame                 # source_path, stats (MANIFEST_SCHEMA), item_no (which input)
    clean: bool                         # only regular article files and matching sidecars were seen
    inputs: list = field(default_factory=list)


# What a scan gives per article file: its stat and its sidecar's (the manifest's keys), and the
# number of the input that listed it.
SCAN_SCHEMA = {**{k: MANIFEST_SCHEMA[k] for k in ("source_path", "size_bytes", "mtime_ns", "sidecar_size_bytes", "sidecar_mtime_ns")}, "item_no": pl.Int64}


def _scan_row(path: str, info: os.stat_result, side: os.stat_result | None, item_no: int) -> tuple:
    return (path, info.st_size, info.st_mtime_ns, side.st_size if side else None, side.st_mtime_ns if side else None, item_no)


def _scan_frame(rows: list[tuple]) -> pl.DataFrame:
    """Scan rows as a frame sorted by path; a file listed by two inputs keeps the first."""
    return pl.DataFrame(rows, schema=SCAN_SCHEMA, orient="row").unique("source_path", keep="first", maintain_order=True).sort("source_path")


def _sidecar_name(name: str) -> str:
    stem, dot, _suffix = name.rpartition(".")
    return (stem if dot else name) + ".meta.json"


def _plain_item(item) -> bool:
    """A path, or a declared source the fast scan can walk (kind auto, no bulk options, inside its boundary)."""
    if isinstance(item, (str, Path)):
        return True
    if getattr(item, "kind", None) not in ("auto", "text") or getattr(item, "columns", ()) or getattr(item, "delimiter", None):
        return False
    boundary = getattr(item, "boundary", None)
    if boundary is not None:
        from pipelines.ingest.readers import _inside, _resolved

        real, root = _resolved(Path(item.path).expanduser()), _resolved(Path(boundary))
        if real is None or root is None or not _inside(real, root):
            return False  # outside, or a looping link: the exact reader judges and records it
    return True


def scan_inputs(inputs: list, article_suffixes: set[str]) -> Scan:
    """Walk the inputs with ``os.scandir`` (no reads). ``clean`` is False as soon as anything
    the exact reader must judge shows up (links, other file types, orphan sidecars, missing
    paths, bulk or feed sources): the caller then uses the reader's own discovery."""
    rows: list[tuple] = []
    clean = True
    item_no = 0

    def add(path: str, info: os.stat_result, side: os.stat_result | None) -> None:
        rows.append(_scan_row(path, info, side, item_no))

    def walk(folder: str) -> None:
        nonlocal clean
        with os.scandir(folder) as it:
            entries = list(it)
        by_name = {e.name: e for e in entries}
        sidecars_used = set()
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                clean = False
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path)
                continue
            if name.endswith(".meta.json"):
                continue
            suffix = os.path.splitext(name)[1].lower()
            if not entry.is_file(follow_symlinks=False) or suffix not in article_suffixes:
                clean = False
                continue
            side_name = _sidecar_name(name)
            side_entry = by_name.get(side_name)
            side_info = None
            if side_entry is not None:
                if side_entry.is_symlink() or not side_entry.is_file(follow_symlinks=False):
                    clean = False
                else:
                    side_info = side_entry.stat(follow_symlinks=False)
                    sidecars_used.add(side_name)
            add(entry.path, entry.stat(follow_symlinks=False), side_info)
        if any(n.endswith(".meta.json") and not n.startswith(".") and n not in sidecars_used for n in by_name):
            clean = False  # an orphan sidecar: the reader records it

    for item_no, item in enumerate(inputs):
        if not _plain_item(item):
            clean = False
            continue
        path = str(Path(getattr(item, "path", item)).expanduser())
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            clean = False
            continue
        if stat.S_ISDIR(info.st_mode):
            walk(path)
        elif stat.S_ISREG(info.st_mode) and not path.endswith(".meta.json"):
            side = _sidecar_name(path)
            try:
                side_info = os.stat(side, follow_symlinks=False)
                side_info = side_info if stat.S_ISREG(side_info.st_mode) else None
            except OSError:
                side_info = None
            add(path, info, side_info)
        else:
            clean = False
    files = _scan_frame(rows)
    return Scan(files=files, clean=clean, inputs=list(inputs))


def scan_files(inputs: list, result) -> pl.DataFrame:
    """Every article file of the inputs, with its stat and the number of the input that listed
    it: the fast scan, or the exact reader's discovery when the folders are not plain (its
    refusals recorded in ``result``, a ``ReadResult``)."""
    from pipelines.ingest.readers import ARTICLE_SUFFIXES, discover_inputs

    scan = scan_inputs(inputs, ARTICLE_SUFFIXES)
    if scan.clean:
        return scan.files
    # One input at a time, so every file keeps the number of the input that listed it.
    return stat_paths([(n, str(p)) for n, item in enumerate(inputs) for _, p in discover_inputs([item], result)])


def scan_listed(inputs: list, paths, article_suffixes: set[str]) -> pl.DataFrame | None:
    """The rows ``scan_inputs(inputs).files`` would give for ``paths`` (a batch's files), from a
    stat of those files alone: a batch run costs its own files, not the archive's.

    None whenever the full scan could judge a listed file differently - an input that is not
    plain, a path under no input, a link or a hidden name on the way, anything but a regular
    article file, a sidecar that is not a regular file, a gone file whose sidecar stayed - and
    the caller scans as before. A listed file that no longer exists is left out, as the scan
    would leave it out.
    """
    if not all(_plain_item(item) for item in inputs):
        return None
    roots = [str(Path(getattr(item, "path", item)).expanduser()) for item in inputs]
    dirs_ok: dict[str, bool] = {}

    def plain_dir(root: str, folder: str) -> bool:
        # Every folder between the input and the file: not hidden, not a link (the scan
        # neither enters hidden folders nor follows links).
        if folder == root:
            return True
        if folder not in dirs_ok:
            name = os.path.basename(folder)
            try:
                is_link = stat.S_ISLNK(os.lstat(folder).st_mode)
            except OSError:
                is_link = True
            dirs_ok[folder] = not name.startswith(".") and not is_link and plain_dir(root, os.path.dirname(folder))
        return dirs_ok[folder]

    rows = []
    for path in sorted({str(p) for p in paths}):
        item_no = next((n for n, root in enumerate(roots) if path == root or path.startswith(root.rstrip(os.sep) + os.sep)), None)
        if item_no is None:
            return None
        root = roots[item_no].rstrip(os.sep) or os.sep
        name = os.path.basename(path)
        if path != roots[item_no] and (name.startswith(".") or not plain_dir(root, os.path.dirname(path))):
            return None
        if name.endswith(".meta.json") or os.path.splitext(name)[1].lower() not in article_suffixes:
            return None
        try:
            info = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            if os.path.lexists(_sidecar_name(path)):
                return None  # an orphaned sidecar now: the reader's discovery records it
            continue
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        try:
            side = os.stat(_sidecar_name(path), follow_symlinks=False)
        except FileNotFoundError:
            side = None
        except OSError:
            return None
        if side is not None and not stat.S_ISREG(side.st_mode):
            return None
        rows.append(_scan_row(path, info, side, item_no))
    return _scan_frame(rows)


def stat_paths(pairs: list[tuple[int, str]]) -> pl.DataFrame:
    """Stat (item_no, file) pairs from the exact reader's discovery the way ``scan_inputs`` does."""
    rows = []
    for item_no, path in pairs:
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            continue
        try:
            side = os.stat(_sidecar_name(path), follow_symlinks=False)
        except OSError:
            side = None
        rows.append(_scan_row(path, info, side, item_no))
    return _scan_frame(rows)


# --------------------------------------------------------------------------- reading

def read_text_files(paths: list[str], sizes: list[int], *, max_bytes: int) -> tuple[list[dict], list[str]]:
    """Fast path for plain ``.txt``/``.md`` files (Markdown as plain text) and their JSON sidecars.

    Gives the records ``pipelines.ingest.readers.read_file`` gives for well-formed input
    (strict UTF-8 text without a byte-order mark, a JSON-object sidecar in UTF-8 whose every
    field can be used); anything else is returned in the second list for the exact reader,
    which records what is wrong (tests/test_incremental.py checks the two agree).
    """
    from pipelines.ingest.decode import looks_binary
    from pipelines.ingest.readers import sidecar_fields, text_record

    records: list[dict] = []
    slow: list[str] = []
    for path, size in zip(paths, sizes):
        if size == 0 or size > max_bytes:
            slow.append(path)
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            if data[:3] == b"\xef\xbb\xbf" or data[:2] in (b"\xff\xfe", b"\xfe\xff") or looks_binary(data):
                slow.append(path)
                continue
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            slow.append(path)
            continue
        if not text.strip():
            slow.append(path)
            continue
        meta: dict = {}
        side = _sidecar_name(path)
        try:
            with open(side, "rb") as handle:
                side_data = handle.read()
        except FileNotFoundError:
            side_data = None
        except OSError:
            slow.append(path)
            continue
        if side_data is not None:
            try:
                if side_data[:3] == b"\xef\xbb\xbf" or looks_binary(side_data) or len(side_data) > 1024 * 1024:
                    raise ValueError("not plain UTF-8")
                obj = json.loads(side_data.decode("utf-8"))
                if not isinstance(obj, dict):
                    raise ValueError("not an object")
                meta, problems = sidecar_fields(obj)
                if problems:
                    raise ValueError("a field that cannot be used: the exact reader records it")
            except ValueError:
                slow.append(path)
                continue
        problems = []
        record = text_record(text, path, problems)
        if record is None or problems:
            slow.append(path)  # Markdown without text, bad front matter: the exact reader records it
            continue
        record.update(meta)
        records.append(record)
    return records, slow


# --------------------------------------------------------------------------- near-duplicates across batches

BANDS_TABLE = "raw.article_bands"
BANDS_SCHEMA = {"article_id": pl.String, "band": pl.Int64, "key": pl.UInt64, "scheme": pl.String}
MAX_BUCKET = 16
EXTRA_TABLE_DOCS[BANDS_TABLE] = "LSH band keys of each article's near-duplicate signature (pipelines/ingest/neardup.py): a new batch's articles are compared with the archive through them. One row per article and band."
EXTRA_COLUMN_DOCS["band"] = "Band number of the one-permutation MinHash signature."
EXTRA_COLUMN_DOCS["key"] = "Hash of the band's bins: articles sharing a (band, key) are near-duplicate candidates."
EXTRA_COLUMN_DOCS["scheme"] = "The near-duplicate settings and hashing the key was made with (see band_scheme): keys of another scheme never match, so a change rebuilds the raw tables."


@functools.lru_cache(maxsize=8)
def band_scheme(settings) -> str:
    """A digest of how band keys are made now: the near-duplicate settings and the keys they
    give a fixed probe text. Word hashes come from Polars' ``Series.hash``, which Polars does
    not promise to keep across versions; an upgrade that changes them changes the probe's keys,
    and stored keys of another scheme would silently stop matching new articles."""
    from pipelines.ingest import neardup

    words = ["dogovor", "acuerdo", "Vertrag", "traité", "договор", "trattato", "tratado", "2024", "19"]
    probe = " ".join(f"{words[i % len(words)]}{i}" for i in range(max(settings.min_words, settings.shingle_words) + 64))
    _, values = neardup.signatures_for(pl.Series(["probe"]), pl.Series([probe]), settings)
    keys = neardup.lsh_keys(values, settings) if len(values) else values
    return hashlib.sha256(repr(settings).encode() + keys.tobytes()).hexdigest()[:16]


def bands_stale(con: duckdb.DuckDBPyConnection, scheme: str) -> bool:
    """Whether the stored band keys were made under another scheme than ``scheme``."""
    return con.execute(f"select exists (select 1 from {BANDS_TABLE} where scheme is distinct from ?)", [scheme]).fetchone()[0]


def band_keys(articles: pl.DataFrame, settings, scheme: str) -> pl.DataFrame:
    """(article_id, band, key, scheme): the LSH bands ``near_duplicate_links`` pairs articles by."""
    import numpy as np

    from pipelines.ingest import neardup

    empty = pl.DataFrame(schema=BANDS_SCHEMA)
    if articles.is_empty() or not settings.enabled:
        return empty
    ids, values = neardup.signatures_for(articles["article_id"], articles["text"], settings)
    if len(ids) == 0:
        return empty
    keys = neardup.lsh_keys(values, settings)
    bands = keys.shape[1]
    return pl.DataFrame(
        {"article_id": np.repeat(ids, bands), "band": np.tile(np.arange(bands, dtype=np.int64), len(ids)), "key": keys.reshape(-1)},
        schema={c: t for c, t in BANDS_SCHEMA.items() if c != "scheme"},
    ).with_columns(pl.lit(scheme).alias("scheme"))


def link_to_archive(con: duckdb.DuckDBPyConnection, articles: pl.DataFrame, bands: pl.DataFrame, settings) -> pl.DataFrame:
    """Near-duplicate links (article_id -> copy_of_article_id, similarity) from new articles to
    articles already in the warehouse: candidates through the stored band keys (a large bucket
    pairs with one member only, as within a batch), then the same exact check as within a
    batch (``near_duplicate_links`` over the candidates, archive first)."""
    from pipelines.ingest.neardup import LINK_SCHEMA, near_duplicate_links

    if bands.is_empty():
        return pl.DataFrame(schema=LINK_SCHEMA)
    _register(con, "__bands", bands)
    try:
        candidates = con.execute(
            f"""
            with buckets as (
                select band, key, count(*) as size, min(article_id) as head from {BANDS_TABLE}
                where (band, key) in (select band, key from __bands) group by 1, 2
            ),
            pairs as (
                select n.article_id as new_id, case when b.size > {MAX_BUCKET} then b.head else o.article_id end as old_id
                from __bands as n
                join buckets as b using (band, key)
                join {BANDS_TABLE} as o using (band, key)
                where b.size <= {MAX_BUCKET} or o.article_id = b.head
            )
            select distinct new_id, old_id from pairs where new_id <> old_id
            """
        ).pl()
    finally:
        con.unregister("__bands")
    if candidates.is_empty():
        return pl.DataFrame(schema=LINK_SCHEMA)
    _register(con, "__old", candidates.select(pl.col("old_id").alias("article_id")).unique())
    try:
        old = con.execute("select a.article_id, a.text from raw.articles as a semi join __old using (article_id) order by a.article_id").pl()
    finally:
        con.unregister("__old")
    new = articles.filter(pl.col("article_id").is_in(candidates["new_id"].implode())).select("article_id", "text")
    frame = pl.concat([old, new]).with_row_index("rank")  # the archive ranks first: it is kept
    links = near_duplicate_links(frame.select(pl.col("rank").cast(pl.Int64), "article_id", "text"), settings)
    return links.filter(pl.col("article_id").is_in(new["article_id"].implode()) & pl.col("copy_of_article_id").is_in(old["article_id"].implode()))


def settle_exact_copies(con: duckdb.DuckDBPyConnection, articles: pl.DataFrame, copies: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series]:
    """New articles whose text is already in ``raw.articles`` (an unchanged file, an earlier
    chunk): the one with more metadata is the article (``articles.metadata_score``; on a tie
    the stored one stays), the other an ``exact`` copy of it, as ``split_copies`` decides
    within one read, so a copy that brings the publication date is not hidden by a bare one
    read earlier.

    Returns (articles to insert, copies to insert, ids of the articles whose stored row was
    replaced). A replaced row is deleted here and becomes a copy of the new one; copies of it
    already stored are pointed at the new one (same ``copy_of_article_id``).
    """
    from pipelines.ingest.articles import COPY_SCHEMA, metadata_score

    none = pl.Series("article_id", [], dtype=pl.String)
    if articles.is_empty():
        return articles, copies, none
    _register(con, "__new", articles.select("article_id"))
    try:
        known = con.execute(
            "select a.article_id, a.source_path, a.line_no, a.title, a.url, a.author, a.published_on, a.published_source, a.language_source, a.source_name "
            "from raw.articles as a semi join __new using (article_id)"
        ).pl()
    finally:
        con.unregister("__new")
    if known.is_empty():
        return articles, copies, none

    def scored(frame: pl.DataFrame) -> pl.DataFrame:
        # Only a date of the input's own counts, as in ``split_copies``: not the --published
        # default nor a date read from the dateline (exact copies share their dateline).
        return frame.with_columns(metadata_score(pl.col("published_source") == "metadata", pl.col("language_source") == "metadata").alias("_score"))

    old = (
        scored(known).sort(["_score", "source_path", "line_no"], descending=[True, False, False], nulls_last=True)
        .unique("article_id", keep="first", maintain_order=True)
        .select("article_id", pl.col("source_path").alias("_old_path"), pl.col("line_no").alias("_old_line"), pl.col("_score").alias("_old_score"))
    )
    both = scored(articles).select("article_id", "source_path", "line_no", "_score").join(old, on="article_id")
    promoted = both.filter(pl.col("_score") > pl.col("_old_score")).select("article_id", pl.col("source_path").alias("copy_of_path"), pl.col("line_no").alias("copy_of_line_no"))
    stays = both.filter(pl.col("_score") <= pl.col("_old_score")).select("article_id", pl.col("_old_path").alias("copy_of_path"), pl.col("_old_line").alias("copy_of_line_no"))
    exact = [pl.col("article_id").alias("copy_of_article_id"), pl.lit("exact").alias("copy_kind"), pl.lit(1.0).alias("similarity")]
    new_copies = pl.concat([
        articles.join(stays, on="article_id").with_columns(*exact).select(list(COPY_SCHEMA)).cast(COPY_SCHEMA),
        known.join(promoted, on="article_id").with_columns(*exact).select(list(COPY_SCHEMA)).cast(COPY_SCHEMA),
    ])
    copies = pl.concat([copies.select(list(COPY_SCHEMA)).cast(COPY_SCHEMA), new_copies])
    articles = articles.join(stays.select("article_id"), on="article_id", how="anti")
    if not promoted.is_empty():
        _register(con, "__promoted", promoted)
        try:
            con.execute("delete from raw.articles where article_id in (select article_id from __promoted)")
            con.execute(
                "update raw.article_copies as c set copy_of_path = p.copy_of_path, copy_of_line_no = p.copy_of_line_no "
                "from __promoted as p where c.copy_of_article_id = p.article_id"
            )
        finally:
            con.unregister("__promoted")
    return articles, copies, promoted["article_id"]


# --------------------------------------------------------------------------- raw step

@dataclass
class RawDelta:
    files_seen: int = 0
    files_read: int = 0
    files_removed: int = 0
    articles_added: int = 0
    articles_removed: int = 0
    copies_added: int = 0
    errors: pl.DataFrame | None = None
    full: bool = False
    bytes_read: int = 0
    timings: dict = field(default_factory=dict)


def _existing(con, table: str) -> bool:
    return table_columns(con, table) is not None


def add_error_severity(con: duckdb.DuckDBPyConnection) -> bool:
    """Give a ``raw.ingest_errors`` written before the ``severity`` column that column, in
    place: its rows are kept (the other column changes rebuild the raw tables from scratch,
    which re-reads every file). Rows from then said a warning only by the end of their text
    (``meta.IGNORED``, which the metadata warnings still end with), so that decides their value
    once. Returns whether the table was changed."""
    from pipelines.ingest.meta import IGNORED
    from pipelines.ingest.readers import ERROR, WARNING

    columns = table_columns(con, "raw.ingest_errors")
    if columns is None or "severity" in columns:
        return False
    con.execute("alter table raw.ingest_errors add column severity varchar")
    con.execute("update raw.ingest_errors set severity = case when ends_with(reason, ?) then ? else ? end", [IGNORED, WARNING, ERROR])
    _comment(con, "raw.ingest_errors", [*columns, "severity"])
    return True


def refresh_raw(con: duckdb.DuckDBPyConnection, inputs: list, lexicons: dict, *, max_bytes: int, published: dt.date | None = None, near=None, only_paths=None) -> RawDelta:
    """Bring raw.files/articles/article_copies/ingest_errors up to date with the inputs.

    ``only_paths`` (a collection of source paths, spelled as the scan spells them: see
    ``pipelines/batches.py``) makes a partial refresh, what one ingest batch does: only those
    files are read, and only if new or changed; a file of the list that is gone is removed;
    every other file keeps its rows (never treated as removed). Copies whose original is
    re-read are still read again, wherever they are. Without it (the default) the inputs are
    the whole corpus and files missing from them are removed.
    """
    import time

    from pipelines.core import ERROR_SCHEMA
    from pipelines.ingest.articles import ARTICLE_SCHEMA, COPY_SCHEMA, build_articles
    from pipelines.ingest.readers import ARTICLE_SUFFIXES, Input, ReadResult, _apply_hints, read_inputs

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    ensure_schemas(con)
    delta = RawDelta()
    discovery = ReadResult()

    wanted = None
    # A batch of plain files is stat-ed alone (what the scan would say of them); anything odd
    # about it, and every full refresh, scans all the inputs.
    listed = scan_listed(inputs, only_paths, ARTICLE_SUFFIXES) if only_paths is not None else None
    current = listed if listed is not None else scan_files(inputs, discovery)
    all_current = None if listed is not None else current
    if only_paths is not None:
        wanted = pl.Series("p", sorted({str(p) for p in only_paths}), dtype=pl.String)
        wanted_side = pl.concat([wanted, wanted.map_elements(_sidecar_name, return_dtype=pl.String)]) if not wanted.is_empty() else wanted
        current = current.filter(pl.col("source_path").is_in(wanted.implode()))
        discovery.errors = [e for e in discovery.errors if e.get("source_path") in set(wanted_side.to_list())]
    delta.files_seen = current.height
    timings["scan_s"] = time.perf_counter() - t0

    # Tables written by an older code version (other columns), or band keys made another way
    # (other near-duplicate settings, another Polars hash), are rebuilt from scratch.
    from pipelines.ingest.neardup import NearDuplicates

    settings = near or NearDuplicates()
    scheme = band_scheme(settings)
    add_error_severity(con)
    article_cols = table_columns(con, "raw.articles")
    full = (
        not _existing(con, MANIFEST_TABLE)
        or article_cols is None
        or set(article_cols) != set(ARTICLE_SCHEMA)
        or set(table_columns(con, "raw.article_copies") or []) != set(COPY_SCHEMA)
        or set(table_columns(con, "raw.ingest_errors") or []) != set(ERROR_SCHEMA)
        or set(table_columns(con, MANIFEST_TABLE) or []) != set(MANIFEST_SCHEMA)
        or set(table_columns(con, BANDS_TABLE) or []) != set(BANDS_SCHEMA)
        or bands_stale(con, scheme)
    )
    delta.full = full
    if full:
        manifest = pl.DataFrame(schema=MANIFEST_SCHEMA)
    else:
        manifest = con.execute(f"select * from {MANIFEST_TABLE}").pl().cast(MANIFEST_SCHEMA)
    keys = ["source_path", "size_bytes", "mtime_ns", "sidecar_size_bytes", "sidecar_mtime_ns"]
    unchanged = current.join(manifest.select(keys), on=keys, how="semi", nulls_equal=True)
    to_read = current.join(unchanged.select("source_path"), on="source_path", how="anti")
    listed = manifest if wanted is None else manifest.filter(pl.col("source_path").is_in(wanted.implode()))
    removed = listed.join(current.select("source_path"), on="source_path", how="anti")["source_path"]
    affected = pl.concat([to_read["source_path"], removed])
    if not full and not affected.is_empty():
        # Copies whose original goes away (or changes) are read again: one may become the original.
        _register(con, "__affected", pl.DataFrame({"p": affected}))
        try:
            orphaned = con.execute("select distinct source_path from raw.article_copies where copy_of_path in (select p from __affected) and source_path not in (select p from __affected)").pl()["source_path"]
        finally:
            con.unregister("__affected")
        if not orphaned.is_empty():
            # Copies elsewhere (outside a batch too): stat-ed alone when they are plain files.
            extra = scan_listed(inputs, orphaned.to_list(), ARTICLE_SUFFIXES)
            if extra is None:
                if all_current is None:
                    all_current = scan_files(inputs, ReadResult())  # the batch's own files were plain: no refusals of theirs
                extra = all_current.filter(pl.col("source_path").is_in(orphaned.implode()))
            to_read = pl.concat([to_read, extra]).unique("source_path").sort("source_path")
            affected = pl.concat([to_read["source_path"], removed])
    delta.files_read, delta.files_removed = to_read.height, removed.len()
    delta.bytes_read = int(to_read["size_bytes"].sum() or 0) + int(to_read["sidecar_size_bytes"].sum() or 0)
    timings["diff_s"] = time.perf_counter() - t0 - timings["scan_s"]

    # Plain text files go through the fast path in chunks of INGEST_CHUNK files (bounded
    # memory); everything else goes, in one last chunk, through the exact reader.
    # When the scan was not clean (one stray file type, a link, an orphan sidecar, a bulk
    # source), the exact reader's discovery chose the files and recorded the refusals; its plain
    # text files from plain sources still go through the fast path, which hands back anything it
    # cannot read exactly as the reader would (so one README.pdf does not slow a whole folder).
    suffix = to_read["source_path"].str.extract(r"(\.[^./]+)$").str.to_lowercase()
    plain = [n for n, item in enumerate(inputs) if _plain_item(item)]
    text_mask = (suffix.is_in(list(TEXT_FAST_SUFFIXES)) & to_read["item_no"].is_in(plain)).fill_null(False)
    fast = to_read.filter(text_mask)
    item_of = dict(zip(to_read["source_path"].to_list(), to_read["item_no"].to_list()))
    chunks = [("fast", fast.slice(lo, INGEST_CHUNK)) for lo in range(0, fast.height, INGEST_CHUNK)]
    chunks.append(("exact", to_read.filter(~text_mask)))
    now = _now()
    timings.update(read_s=0.0, build_s=0.0, write_s=0.0)
    all_errors: list[dict] = list(discovery.errors)

    t3 = time.perf_counter()
    con.begin()
    try:
        if full:
            start_empty(con, {
                "raw.articles": ARTICLE_SCHEMA, "raw.article_copies": COPY_SCHEMA, "raw.ingest_errors": ERROR_SCHEMA,
                MANIFEST_TABLE: MANIFEST_SCHEMA, BANDS_TABLE: BANDS_SCHEMA,
            })
        else:
            old = con.execute("select count(*) from raw.articles").fetchone()[0]
            delete_keys(con, "raw.articles", "source_path", affected)
            delta.articles_removed = old - con.execute("select count(*) from raw.articles").fetchone()[0]
            delete_keys(con, "raw.article_copies", "source_path", affected)
            delete_keys(con, MANIFEST_TABLE, "source_path", affected)
            # Errors: kept only for unchanged files (and their sidecars); the rest are this run's.
            kept = pl.concat([unchanged["source_path"], unchanged["source_path"].map_elements(_sidecar_name, return_dtype=pl.String)]) if not unchanged.is_empty() else pl.Series([], dtype=pl.String)
            if wanted is not None:
                # A partial refresh redoes only the errors of its listed files (and of the files
                # it re-reads), unchanged ones excepted; other files keep theirs.
                redo = pl.concat([wanted_side, affected, affected.map_elements(_sidecar_name, return_dtype=pl.String)]) if not affected.is_empty() else wanted_side
                delete_keys(con, "raw.ingest_errors", "source_path", redo.filter(~redo.is_in(kept.implode())))
            else:
                _register(con, "__kept", pl.DataFrame({"p": kept}))
                try:
                    con.execute("delete from raw.ingest_errors where source_path not in (select p from __kept)")
                finally:
                    con.unregister("__kept")
        for how, chunk in chunks:
            if chunk.is_empty() and not (how == "exact" and discovery.errors):
                continue
            t1 = time.perf_counter()
            if how == "fast":
                records, slow = read_text_files(chunk["source_path"].to_list(), chunk["size_bytes"].to_list(), max_bytes=max_bytes)
                for n, item in enumerate(inputs):
                    if isinstance(item, Input):
                        _apply_hints([r for r in records if item_of.get(r["source_path"]) == n], item)
            else:
                records, slow = [], chunk["source_path"].to_list()
            # The exact reader gets each file with the declared source it came from (kind, hints).
            slow_inputs = []
            for path in sorted(slow):
                n = item_of.get(path, -1)
                item = inputs[n] if 0 <= n < len(inputs) else None
                slow_inputs.append(dataclasses.replace(item, path=Path(path)) if isinstance(item, Input) else path)
            result = read_inputs(slow_inputs, max_bytes=max_bytes) if slow_inputs else ReadResult()
            records += result.records
            records.sort(key=lambda r: (r["source_path"], r.get("line_no") or 0))
            all_errors += result.errors
            t2 = time.perf_counter()
            timings["read_s"] += t2 - t1
            articles, copies = build_articles(records, lexicons, published_override=published, near=near)
            del records
            timings["build_s"] += time.perf_counter() - t2
            t4 = time.perf_counter()
            # Articles already in the warehouse (an unchanged file, or an earlier chunk): one of
            # the two becomes a copy of the other.
            articles, copies, promoted = settle_exact_copies(con, articles, copies)
            delta.articles_removed += promoted.len()
            # Near-duplicates of articles already in the warehouse (an earlier run or chunk). A
            # promoted article was in the archive already, under the same id: its band rows stay.
            bands = band_keys(articles.filter(~pl.col("article_id").is_in(promoted.implode())), settings, scheme)
            links = link_to_archive(con, articles, bands, settings) if not bands.is_empty() else None
            if links is not None and not links.is_empty():
                _register(con, "__links", links)
                try:
                    targets = con.execute(
                        "select l.article_id as _new, l.copy_of_article_id, l.similarity, min(a.source_path) as copy_of_path, "
                        "arg_min(a.line_no, a.source_path) as copy_of_line_no from __links as l join raw.articles as a on a.article_id = l.copy_of_article_id group by 1, 2, 3"
                    ).pl()
                finally:
                    con.unregister("__links")
                near_rows = articles.join(targets, left_on="article_id", right_on="_new", how="inner").with_columns(pl.lit("near").alias("copy_kind"))
                # Copies of an article that turned out to be a near copy follow it to the kept one.
                retarget = targets.select(pl.col("_new").alias("copy_of_article_id"), pl.col("copy_of_article_id").alias("_to"), pl.col("copy_of_path").alias("_to_path"), pl.col("copy_of_line_no").alias("_to_line"))
                copies = copies.join(retarget, on="copy_of_article_id", how="left").with_columns(
                    pl.coalesce("_to", "copy_of_article_id").alias("copy_of_article_id"),
                    pl.when(pl.col("_to").is_not_null()).then(pl.col("_to_path")).otherwise(pl.col("copy_of_path")).alias("copy_of_path"),
                    pl.when(pl.col("_to").is_not_null()).then(pl.col("_to_line")).otherwise(pl.col("copy_of_line_no")).alias("copy_of_line_no"),
                ).drop("_to", "_to_path", "_to_line")
                copies = pl.concat([copies, near_rows.select([c for c in COPY_SCHEMA if c in near_rows.columns]).cast({c: t for c, t in COPY_SCHEMA.items() if c in near_rows.columns})], how="diagonal_relaxed").select(copies.columns)
                articles = articles.join(targets.select(pl.col("_new").alias("article_id")), on="article_id", how="anti")
                bands = bands.join(targets.select(pl.col("_new").alias("article_id")), on="article_id", how="anti")
            # An article read again (a moved file, a copy promoted) has band rows already:
            # replace them, never add twice. A full build starts from an empty table.
            if not full:
                delete_keys(con, BANDS_TABLE, "article_id", bands["article_id"])
            append_rows(con, BANDS_TABLE, bands)
            errors = pl.DataFrame(result.errors, schema=ERROR_SCHEMA) if result.errors else pl.DataFrame(schema=ERROR_SCHEMA)
            if how == "exact" and discovery.errors:
                errors = pl.concat([pl.DataFrame(discovery.errors, schema=ERROR_SCHEMA), errors])
            append_rows(con, "raw.articles", articles)
            append_rows(con, "raw.article_copies", copies)
            append_rows(con, "raw.ingest_errors", errors)
            counts = pl.concat([articles.select("source_path"), copies.select("source_path")]).group_by("source_path").len()
            new_manifest = chunk.join(counts, on="source_path", how="left").select(
                *keys, pl.col("len").fill_null(0).cast(pl.Int64).alias("count_articles"), pl.lit(now).alias("ingested_at"),
            )
            append_rows(con, MANIFEST_TABLE, new_manifest)
            delta.articles_added += articles.height
            delta.copies_added += copies.height
            # Each chunk commits on its own: DuckDB holds a transaction's new rows in memory
            # until it commits (~0.5 GB more peak at 100k articles in one transaction), and
            # the state between chunks is whole - the manifest lists exactly the files whose
            # rows are in, so a refresh after a crash reads the rest.
            con.commit()
            con.begin()
            timings["write_s"] += time.perf_counter() - t4
        if not full and delta.articles_removed:
            # Band rows outlive their article only when article rows were deleted above.
            con.execute(f"delete from {BANDS_TABLE} where article_id not in (select article_id from raw.articles)")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    delta.errors = pl.DataFrame(all_errors, schema=ERROR_SCHEMA) if all_errors else pl.DataFrame(schema=ERROR_SCHEMA)
    timings["step_s"] = time.perf_counter() - t3
    delta.timings = timings
    return delta


# --------------------------------------------------------------------------- claims step

def extractor_key(con: duckdb.DuckDBPyConnection, lexicon_dir: Path) -> str:
    """What the claims depend on besides the article: extractor code, lexicons, reference packs."""
    digest = hashlib.sha256()
    code_dir = Path(__file__).resolve().parent / "extract"
    for path in sorted(code_dir.glob("*.py")) + sorted(Path(lexicon_dir).glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    if _existing(con, "ref.packs"):
        for row in con.execute("select pack_name, content_hash from ref.packs order by 1").fetchall():
            digest.update(f"{row[0]}:{row[1]}".encode())
    return digest.hexdigest()[:16]


@dataclass
class ClaimDelta:
    articles_extracted: int = 0
    articles_removed: int = 0
    claims_added: int = 0
    claims_removed: int = 0
    full: bool = False
    timings: dict = field(default_factory=dict)


def _ref_frames(con) -> dict[str, pl.DataFrame]:
    from pipelines.reference.pack import SCHEMAS

    return {name: con.execute(f"select * from ref.{name}").pl() for name in SCHEMAS if _existing(con, f"ref.{name}")}


def refresh_claims(con: duckdb.DuckDBPyConnection, lexicons: dict, lexicon_dir: Path, *, workers: int | None = None, chunk: int | None = None) -> ClaimDelta:
    """Extract claims for articles not yet processed under the current extractor key
    (in worker processes when there are several chunks: see ``pipelines.extract.parallel``)."""
    import time

    from pipelines.extract.claims import CLAIM_SCHEMA
    from pipelines.extract.parallel import extract_chunks

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    ensure_schemas(con)
    delta = ClaimDelta()
    key = extractor_key(con, lexicon_dir)
    claim_cols = set(CLAIM_SCHEMA) | {"extracted_at"}
    full = (
        not _existing(con, EXTRACTIONS_TABLE)
        or set(table_columns(con, "staging.claims") or []) != claim_cols
        or set(table_columns(con, EXTRACTIONS_TABLE) or []) != set(EXTRACTION_SCHEMA)
        or con.execute(f"select count(*) from {EXTRACTIONS_TABLE} where extractor_key <> ?", [key]).fetchone()[0] > 0
    )
    delta.full = full
    if full:
        todo_ids = con.execute("select article_id from raw.articles order by article_id").pl()["article_id"]
        gone = pl.Series("article_id", [], dtype=pl.String)
    else:
        todo_ids = con.execute(
            f"select a.article_id from raw.articles as a anti join {EXTRACTIONS_TABLE} as e "
            f"on e.article_id = a.article_id and e.article_key = {ARTICLE_KEY_SQL} order by 1"
        ).pl()["article_id"]
        # Articles gone, or to be extracted again: their claims and records go first.
        gone = con.execute(
            f"select e.article_id from {EXTRACTIONS_TABLE} as e anti join raw.articles as a "
            f"on e.article_id = a.article_id and e.article_key = {ARTICLE_KEY_SQL}"
        ).pl()["article_id"]
    timings["load_s"] = time.perf_counter() - t0
    ref = _ref_frames(con)
    now = _now()
    timings["extract_s"] = timings["write_s"] = 0.0

    con.begin()
    try:
        if full:
            start_empty(con, {"staging.claims": {**CLAIM_SCHEMA, "extracted_at": pl.Datetime}, EXTRACTIONS_TABLE: EXTRACTION_SCHEMA})
        elif not gone.is_empty():
            before = con.execute("select count(*) from staging.claims").fetchone()[0]
            _register(con, "__gone", pl.DataFrame({"article_id": gone}))
            try:
                con.execute("delete from staging.claims where article_id in (select article_id from __gone)")
                con.execute(f"delete from {EXTRACTIONS_TABLE} where article_id in (select article_id from __gone)")
            finally:
                con.unregister("__gone")
            delta.claims_removed = before - con.execute("select count(*) from staging.claims").fetchone()[0]
        # Articles are independent of each other for the extractors: chunks bound the memory
        # (texts, folded copies, sentences, mentions) without changing a single claim.
        def load(lo: int, length: int) -> pl.DataFrame:
            _register(con, "__todo", pl.DataFrame({"article_id": todo_ids.slice(lo, length)}))
            try:
                return con.execute(f"select a.*, {ARTICLE_KEY_SQL} as _article_key from raw.articles as a semi join __todo using (article_id)").pl()
            finally:
                con.unregister("__todo")

        t1 = time.perf_counter()
        for todo, found in extract_chunks(load, todo_ids.len(), ref, lexicons, workers=workers, chunk=chunk):
            claims = found.with_columns(pl.lit(now).alias("extracted_at"))
            counts = todo.select("article_id", "_article_key").join(claims.group_by("article_id").len(), on="article_id", how="left")
            extractions = counts.select(
                "article_id", pl.col("_article_key").alias("article_key"), pl.lit(key).alias("extractor_key"),
                pl.col("len").fill_null(0).cast(pl.Int64).alias("count_claims"), pl.lit(now).alias("extracted_at"),
            )
            timings["extract_s"] += time.perf_counter() - t1
            t2 = time.perf_counter()
            append_rows(con, "staging.claims", claims)
            append_rows(con, EXTRACTIONS_TABLE, extractions)
            # A chunk's claims and its extraction records commit together (memory, as in
            # refresh_raw): after a crash the records say which articles are done.
            con.commit()
            con.begin()
            timings["write_s"] += time.perf_counter() - t2
            delta.claims_added += claims.height
            del todo, found, claims
            t1 = time.perf_counter()
        con.commit()
    except BaseException:
        con.rollback()
        raise
    delta.articles_extracted, delta.articles_removed = todo_ids.len(), gone.len()
    delta.timings = timings
    return delta


# --------------------------------------------------------------------------- claim links

QUOTE_LOG_TABLE = "staging.quote_match_log"
FACT_CHECK_LOG_TABLE = "staging.fact_check_match_log"
OFFICE_TITLE_LOG_TABLE = "staging.office_title_match_log"
EXTRA_TABLE_DOCS[QUOTE_LOG_TABLE] = "Quote claims already aligned with the statement renderings: one row per claim version, with the reference key it was aligned under. Claims are not aligned again while the key and the claim are unchanged."
EXTRA_TABLE_DOCS[FACT_CHECK_LOG_TABLE] = "Claims already compared with the prior fact-checks: one row per claim version, with the reference key it was compared under. Claims are not compared again while the key and the claim are unchanged."
EXTRA_TABLE_DOCS[OFFICE_TITLE_LOG_TABLE] = "Office-holder claims whose title wording was already compared with the offices their person held: one row per claim version, with the reference key. Claims are not compared again while the key and the claim are unchanged."
EXTRA_COLUMN_DOCS["renderings_key"] = "Hash of the reference packs (name and content hash of each) the claim was linked under."
EXTRA_COLUMN_DOCS["matched_at"] = "When the claim was linked (UTC)."


def renderings_key(con: duckdb.DuckDBPyConnection) -> str:
    rows = con.execute("select pack_name, content_hash from ref.packs order by 1").fetchall() if _existing(con, "ref.packs") else []
    return hashlib.sha256("|".join(f"{a}:{b}" for a, b in rows).encode()).hexdigest()[:16]


@dataclass
class LinkDelta:
    claims_linked: int = 0
    rows_added: int = 0
    rows_removed: int = 0
    full: bool = False


def refresh_claim_links(con: duckdb.DuckDBPyConnection, *, table: str, log_table: str, schema: dict, claims_sql: str, link) -> LinkDelta:
    """Bring a table of per-claim links to the reference (quote alignments, prior fact-checks,
    office title wordings) up to date, linking only claims not linked yet.

    ``claims_sql`` selects the claims to link (with ``claim_id`` and ``extracted_at``) from
    ``staging.claims``; ``link(claims)`` gives their rows of ``table``, each claim's rows
    depending on that claim and the reference alone. ``log_table`` records each claim version
    (``claim_id``, ``extracted_at``) linked, under the reference key: a claim extracted again
    (its article's date or language changed) is linked again, and a change to any reference
    pack relinks every claim. Rows of claims that are gone are deleted. One transaction.
    """
    ensure_schemas(con)
    key = renderings_key(con)
    delta = LinkDelta()
    full = (
        set(table_columns(con, log_table) or []) != {"claim_id", "extracted_at", "renderings_key", "matched_at"}
        or set(table_columns(con, table) or []) != set(schema)
        or con.execute(f"select count(*) from {log_table} where renderings_key <> ?", [key]).fetchone()[0] > 0
    )
    delta.full = full
    todo = con.execute(claims_sql if full else f"select c.* from ({claims_sql}) as c anti join {log_table} as l using (claim_id, extracted_at)").pl()
    rows = link(todo) if not todo.is_empty() else pl.DataFrame(schema=schema)
    rows = rows.select(list(schema)).cast(schema)
    log = todo.select("claim_id", "extracted_at", pl.lit(key).alias("renderings_key"), pl.lit(_now()).alias("matched_at"))
    con.begin()
    try:
        if full:
            replace_table(con, table, rows)
            replace_table(con, log_table, log)
        else:
            before = con.execute(f"select count(*) from {table}").fetchone()[0]
            # Claims gone, and claim versions linked again, lose their old rows.
            con.execute(f"delete from {table} where claim_id not in (select claim_id from staging.claims)")
            con.execute(f"delete from {log_table} where claim_id not in (select claim_id from staging.claims)")
            delete_keys(con, table, "claim_id", todo["claim_id"])
            delete_keys(con, log_table, "claim_id", todo["claim_id"])
            delta.rows_removed = before - con.execute(f"select count(*) from {table}").fetchone()[0]
            append_rows(con, table, rows)
            append_rows(con, log_table, log)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    delta.claims_linked, delta.rows_added = todo.height, rows.height
    return delta


def refresh_quote_matches(con: duckdb.DuckDBPyConnection) -> LinkDelta:
    """Align only quote claims not aligned yet (under the current reference packs) with the
    statement renderings; drop matches of claims that are gone."""
    from pipelines.core import QUOTE_MATCH_SCHEMA, quote_matches

    renderings = con.execute("select * from ref.statement_renderings").pl() if _existing(con, "ref.statement_renderings") else None
    return refresh_claim_links(
        con, table="staging.quote_matches", log_table=QUOTE_LOG_TABLE, schema=QUOTE_MATCH_SCHEMA,
        claims_sql="select claim_id, extracted_at, claim_type, claim_text, language from staging.claims where claim_type = 'quote'",
        link=lambda todo: quote_matches(todo, renderings) if renderings is not None else pl.DataFrame(schema=QUOTE_MATCH_SCHEMA),
    )
