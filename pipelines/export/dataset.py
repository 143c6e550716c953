"""The claim dataset of one refresh as files: Parquet, JSONL, CSV, ClaimReview, card, manifest.

Everything is read from one DuckDB connection (the published file for the CLI, the build
file for the Dagster asset; after publishing they hold the same refresh). The folder is named
after the refresh id and replaced whole, so re-exporting a refresh gives the same bytes and a
reader never sees a half-written folder.

No file is built row by row in Python: Polars writes Parquet and CSV, and the two JSONL files
are JSON text built by DuckDB over every row at once (``claims_jsonl_sql``, ``claimreview``)
and streamed out as Arrow batches, with the bytes the per-row ``json.dumps`` wrote before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from pipelines.export.claimreview import (
    REVIEW_ROWS_SQL, REVIEW_SQL, REVIEWED_VERDICTS, SAMPLE_ROW, SUSPECTS_SQL, claim_review, review_params, sql_params, text_keys,
    validate_claim_review,
)
from pipelines.export.config import PublishConfig
from pipelines.jsonvalues import json_sql, python_escapes

CLAIMS_TABLE = "marts.claim_verdicts"
CLAIM_ORDER = "source_path, char_start, char_end, claim_type, claim_id"
FILES = ("claims.parquet", "claims.jsonl", "claims.csv", "claimreviews.jsonl", "README.md", "manifest.json")
DATASET = "treaty-factcheck claim verdicts"
LATEST = "latest"
"""A link in the exports folder to the newest refresh's folder: ``exports/latest/claims.parquet``."""
KEEP_ENV = "FACTCHECK_KEEP_EXPORTS"
DEFAULT_KEEP = 7
"""Refresh folders kept in the data folder's exports (a week of daily refreshes); 0 keeps all."""

Progress = Callable[[str], None]


class ExportError(RuntimeError):
    """The warehouse cannot be exported (nothing published yet, tables missing)."""


@dataclass
class Refresh:
    refresh_id: str
    published_at: dt.datetime
    pack_versions: str


@dataclass
class ExportResult:
    refresh: Refresh
    folder: Path
    count_claims: int
    count_claimreviews: int
    files: list[dict] = field(default_factory=list)
    claims: pl.DataFrame | None = None
    removed: list[Path] = field(default_factory=list)
    """Older refresh folders removed to keep the newest ``keep``."""


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    schema, name = table.split(".", 1)
    return con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchone()[0] > 0


def current_refresh(con: duckdb.DuckDBPyConnection) -> Refresh:
    """The refresh the warehouse holds: the latest row of quality.refreshes."""
    for table in ("quality.refreshes", CLAIMS_TABLE, "raw.articles", "ref.packs"):
        if not _has_table(con, table):
            raise ExportError(f"the warehouse has no {table}: run `factcheck refresh` first")
    row = con.execute(
        "select refresh_id, published_at, pack_versions from quality.refreshes order by published_at desc, refresh_id limit 1"
    ).fetchone()
    if row is None:
        raise ExportError("the warehouse has no published refresh: run `factcheck refresh` first")
    return Refresh(refresh_id=row[0], published_at=row[1], pack_versions=row[2] or "")


def read_claims(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.execute(f"select * from {CLAIMS_TABLE} order by {CLAIM_ORDER}").pl()


def published_paths(claims: pl.DataFrame, data_dir: Path | str) -> pl.DataFrame:
    """``claims`` with each ``source_path`` under ``data_dir`` relative to it (``articles/a.txt``):
    exports do not show where the desk keeps its files. A path outside it stays absolute (there is
    nothing shorter that still says which file it was). The warehouse column stays absolute.
    Ingest joins the data folder as it was given, so that spelling counts as well as the resolved one."""
    path = pl.col("source_path")
    relative = path
    for folder in dict.fromkeys((Path(data_dir).resolve(), Path(data_dir).absolute())):
        prefix = str(folder).rstrip(os.sep) + os.sep
        relative = pl.when(path.str.starts_with(prefix)).then(path.str.strip_prefix(prefix)).otherwise(relative)
    return claims.with_columns(relative.alias("source_path"))


FRAME = "export_claims"
"""The name the claims frame is registered under on the connection while an export runs: the
mart's rows in export order, with ``_order`` (their position) and ``_text_key`` (ClaimReview's
key for claims with the same words)."""
_BATCH_ROWS = 100_000


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def claims_jsonl_sql(con: duckdb.DuckDBPyConnection, columns: list[str]) -> tuple[str, dict]:
    """(query, parameters) giving each claim's claims.jsonl line in export order: the columns as
    keys, each value's JSON text by its DuckDB type (``json_sql``), the bytes
    ``json.dumps({k: jsonable(v)}, ensure_ascii=False)`` wrote row by row before."""
    types = dict(con.execute(f"select column_name, column_type from (describe {FRAME})").fetchall())
    parts, params = [], {}
    for i, name in enumerate(columns):
        params[f"key_{i}"] = ("{" if i == 0 else ", ") + json.dumps(name, ensure_ascii=False) + ": "
        parts += [f"$key_{i}", json_sql(_ident(name), types[name])]
    # One concat() per line: a chain of || would copy the growing line once per column.
    line = f"concat({', '.join(parts)}, '}}')" if parts else "'{}'"
    return f"select {python_escapes('line')} as line from (select _order, {line} as line from {FRAME}) order by _order", params


def _write_lines(con: duckdb.DuckDBPyConnection, query: str, params: dict, path: Path) -> int:
    """Write the ``line`` column of ``query`` to ``path``, each line followed by a newline; the
    number of lines. The lines come as Arrow batches and each batch's character buffer is written
    as it is (no Python string per line; COPY's CSV writer took three times the CPU)."""
    count = 0
    reader = con.execute(f"select line || chr(10) as line from ({query})", params).to_arrow_reader(_BATCH_ROWS)
    with open(path, "wb") as out:
        for batch in reader:
            lines = batch.column(0)
            if lines.type not in (pa.string(), pa.large_string()):
                lines = lines.cast(pa.large_string())
            if lines.null_count:
                raise ExportError(f"{path.name}: a line of JSON text is missing (a bug in the SQL that builds it)")
            offsets = memoryview(lines.buffers()[1]).cast("i" if lines.type == pa.string() else "q")
            start, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
            out.write(memoryview(lines.buffers()[2])[start:end])
            count += len(lines)
    return count


def write_claim_reviews(con: duckdb.DuckDBPyConnection, config: PublishConfig, reviewed_on: dt.datetime, path: Path) -> int:
    """claimreviews.jsonl from the registered claims frame; the number of reviews.

    Checked before anything is written, as the per-row code checked every review: what all
    reviews of a verdict share (author, rating, dates, the URL layout), on ``SAMPLE_ROW``; and
    the reviews of the claims whose own values could make theirs invalid (``SUSPECTS_SQL``),
    each through ``validate_claim_review``, the first invalid one in export order stopping the
    export."""
    params = review_params(config, reviewed_on)
    verdicts = f"select distinct verdict from {FRAME} where list_contains($reviewed, verdict)"
    for (verdict,) in con.execute(verdicts, sql_params(verdicts, params)).fetchall():
        problems = validate_claim_review(claim_review({**SAMPLE_ROW, "verdict": verdict}, config, reviewed_on=reviewed_on))
        if problems:
            raise ExportError(f"every {verdict} ClaimReview would be invalid: {'; '.join(problems)}")
    suspects = [row[0] for row in con.execute(SUSPECTS_SQL, sql_params(SUSPECTS_SQL, params)).fetchall()]
    if suspects:
        rows = f"select * from ({REVIEW_ROWS_SQL}) where _order in (select unnest($suspects))"
        query = f"select line from (with review_rows as ({rows}) {REVIEW_SQL}) order by _order"
        for (line,) in con.execute(query, sql_params(query, {**params, "suspects": suspects})).fetchall():
            review = json.loads(line)
            problems = validate_claim_review(review)
            if problems:
                raise ExportError(f"ClaimReview for {review.get('identifier')} is invalid: {'; '.join(problems)}")
    ordered = f"select line from (with review_rows as ({REVIEW_ROWS_SQL}) {REVIEW_SQL}) order by _order"
    return _write_lines(con, ordered, sql_params(ordered, params), path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _swap_in(tmp: Path, target: Path) -> None:
    """Replace ``target`` (a folder this module wrote) with ``tmp`` by renames."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def keep_exports(value: str | int | None = None, *, name: str = "--keep") -> int:
    """How many refresh folders to keep: ``value`` (``name`` in the error), else ``FACTCHECK_KEEP_EXPORTS``,
    else 7 (0 keeps all)."""
    raw, name = (os.environ.get(KEEP_ENV, ""), KEEP_ENV) if value is None else (value, name)
    if raw == "":
        return DEFAULT_KEEP
    try:
        keep = int(raw)
    except (TypeError, ValueError):
        keep = -1
    if keep < 0:
        raise ExportError(f"{name} must be a whole number of exports to keep (0 keeps all), not {raw!r}")
    return keep


def _point_latest(out_dir: Path, name: str) -> None:
    """Make ``out_dir/latest`` a relative link to ``name``, replaced in one rename."""
    link = out_dir / LATEST
    if link.exists() and not link.is_symlink():
        return  # someone's own file or folder: not ours to replace
    tmp = out_dir / f".{LATEST}.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(name, tmp)
    os.replace(tmp, link)


def prune_exports(out_dir: Path | str, keep: int, current: str) -> list[Path]:
    """Remove refresh folders beyond the newest ``keep`` (by ``published_at``); 0 removes none.

    Only folders this module wrote count (a ``manifest.json`` of this dataset naming the folder
    as its refresh); ``current`` always stays. Returns the folders removed.
    """
    out_dir = Path(out_dir)
    if keep == 0 or not out_dir.is_dir():
        return []
    folders = []
    for child in out_dir.iterdir():
        if child.name.startswith(".") or child.is_symlink() or not child.is_dir():
            continue
        try:
            manifest = json.loads((child / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(manifest, dict) and manifest.get("dataset") == DATASET and manifest.get("refresh_id") == child.name:
            folders.append((str(manifest.get("published_at") or ""), child.name, child))
    folders.sort(reverse=True)
    kept = {current} | {name for _, name, _ in folders[:keep]}
    removed = [path for _, name, path in folders if name not in kept]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def export_dataset(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path | str,
    config: PublishConfig | None = None,
    *,
    progress: Progress | None = None,
    keep: int | None = None,
    data_dir: Path | str | None = None,
) -> ExportResult:
    """Write ``out_dir/<refresh-id>/`` with every file in ``FILES``, point ``out_dir/latest`` at it
    and, when ``keep`` is given, remove the refresh folders beyond the newest ``keep``. Source paths
    under ``data_dir`` (the data folder the warehouse reads, by default the settings' one) are
    published relative to it."""
    from pipelines.export.card import dataset_card

    step = progress or (lambda _: None)
    config = config or PublishConfig.from_env()
    if data_dir is None:
        from pipelines.settings import load_settings

        data_dir = load_settings().data_dir
    refresh = current_refresh(con)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / refresh.refresh_id
    tmp = out_dir / f".{refresh.refresh_id}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        step("reading marts.claim_verdicts")
        claims = published_paths(read_claims(con), data_dir)
        frame = claims.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("_order"), text_keys(claims["claim_text"]).alias("_text_key"))
        con.register(FRAME, frame)
        try:
            step("writing claims.parquet")
            claims.write_parquet(tmp / "claims.parquet", compression="zstd", statistics=True)
            step("writing claims.jsonl")
            _write_lines(con, *claims_jsonl_sql(con, claims.columns), tmp / "claims.jsonl")
            step("writing claims.csv")
            claims.write_csv(tmp / "claims.csv", date_format="%Y-%m-%d")
            step("writing claimreviews.jsonl")
            count_reviews = write_claim_reviews(con, config, refresh.published_at, tmp / "claimreviews.jsonl")
        finally:
            con.unregister(FRAME)
        step("writing the dataset card")
        (tmp / "README.md").write_text(dataset_card(con, refresh, claims, count_reviews, config), encoding="utf-8")
        step("writing manifest.json")
        rows = {"claims.parquet": claims.height, "claims.jsonl": claims.height, "claims.csv": claims.height,
                "claimreviews.jsonl": count_reviews, "README.md": None}
        files = [{"name": name, "rows": count, "bytes": (tmp / name).stat().st_size, "sha256": _sha256(tmp / name)} for name, count in rows.items()]
        manifest = {
            "dataset": DATASET,
            "refresh_id": refresh.refresh_id,
            "published_at": refresh.published_at.isoformat(),
            "pack_versions": refresh.pack_versions,
            "source_table": CLAIMS_TABLE,
            "row_counts": {"claims": claims.height, "claimreviews": count_reviews},
            "files": files,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _swap_in(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _point_latest(out_dir, target.name)
    removed = prune_exports(out_dir, keep, target.name) if keep is not None else []
    return ExportResult(refresh=refresh, folder=target, count_claims=claims.height, count_claimreviews=count_reviews, files=files,
                        claims=claims, removed=removed)


EXPORT_STEPS = 7
