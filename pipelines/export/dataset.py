"""The claim dataset of one refresh as files: Parquet, JSONL, CSV, ClaimReview, card, manifest.

Everything is read from one DuckDB connection (the published file for the CLI, the build
file for the Dagster asset; after publishing they hold the same refresh). The folder is named
after the refresh id and replaced whole, so re-exporting a refresh gives the same bytes and a
reader never sees a half-written folder.
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

from pipelines.export.claimreview import REVIEWED_VERDICTS, claim_review, validate_claim_review
from pipelines.export.config import PublishConfig
from pipelines.jsonvalues import jsonable

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


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps({k: jsonable(v) for k, v in row.items()}, ensure_ascii=False) + "\n" for row in rows)


def review_rows(con: duckdb.DuckDBPyConnection, claims: pl.DataFrame) -> list[dict]:
    """Decided claims with what ClaimReview needs beyond the mart: speaker names, first appearances."""
    entities = {r[0]: (r[1], r[2]) for r in con.execute(
        "select entity_id, any_value(name), any_value(wikidata_id) from ref.entities group by entity_id"
    ).fetchall()}
    statements = {r[0]: (r[1], r[2]) for r in con.execute(
        "select statement_id, any_value(stated_on), any_value(source) from ref.statements group by statement_id"
    ).fetchall()}
    rows = claims.to_dicts()
    # The earliest article in the warehouse carrying the same words, for firstAppearance.
    earliest: dict[tuple, dict] = {}
    for row in rows:
        key = (row["claim_type"], " ".join(row["claim_text"].lower().split()))
        best = earliest.get(key)
        if row.get("published_on") and (best is None or row["published_on"] < best["published_on"]):
            earliest[key] = row
    out = []
    for row in rows:
        if row["verdict"] not in REVIEWED_VERDICTS:
            continue
        row = dict(row)
        name, wikidata = entities.get(row.get("speaker_id"), (None, None))
        row["speaker_name"], row["speaker_wikidata_id"] = name, wikidata
        reference = row.get("reference_id") or ""
        if row["claim_type"] == "quote" and reference.startswith("statement:"):
            statement = statements.get(reference.split(":")[1])
            if statement:
                row["first_appearance_on"], row["first_appearance_name"] = statement
        else:
            first = earliest.get((row["claim_type"], " ".join(row["claim_text"].lower().split())))
            if first and row.get("published_on") and first["article_id"] != row["article_id"] and first["published_on"] < row["published_on"]:
                row["first_appearance_url"] = first.get("article_url")
                row["first_appearance_name"] = first.get("article_title")
                row["first_appearance_on"] = first["published_on"]
        out.append(row)
    return out


def claim_reviews(con: duckdb.DuckDBPyConnection, claims: pl.DataFrame, config: PublishConfig, reviewed_on: dt.datetime) -> list[dict]:
    reviews = [claim_review(row, config, reviewed_on=reviewed_on) for row in review_rows(con, claims)]
    for review in reviews:
        problems = validate_claim_review(review)
        if problems:
            raise ExportError(f"ClaimReview for {review.get('identifier')} is invalid: {'; '.join(problems)}")
    return reviews


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
) -> ExportResult:
    """Write ``out_dir/<refresh-id>/`` with every file in ``FILES``, point ``out_dir/latest`` at it
    and, when ``keep`` is given, remove the refresh folders beyond the newest ``keep``."""
    from pipelines.export.card import dataset_card

    step = progress or (lambda _: None)
    config = config or PublishConfig.from_env()
    refresh = current_refresh(con)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / refresh.refresh_id
    tmp = out_dir / f".{refresh.refresh_id}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        step("reading marts.claim_verdicts")
        claims = read_claims(con)
        step("writing claims.parquet")
        claims.write_parquet(tmp / "claims.parquet", compression="zstd", statistics=True)
        step("writing claims.jsonl")
        (tmp / "claims.jsonl").write_text(_jsonl(claims.to_dicts()), encoding="utf-8")
        step("writing claims.csv")
        claims.write_csv(tmp / "claims.csv", date_format="%Y-%m-%d")
        step("writing claimreviews.jsonl")
        reviews = claim_reviews(con, claims, config, refresh.published_at)
        (tmp / "claimreviews.jsonl").write_text(_jsonl(reviews), encoding="utf-8")
        step("writing the dataset card")
        (tmp / "README.md").write_text(dataset_card(con, refresh, claims, len(reviews), config), encoding="utf-8")
        step("writing manifest.json")
        rows = {"claims.parquet": claims.height, "claims.jsonl": claims.height, "claims.csv": claims.height,
                "claimreviews.jsonl": len(reviews), "README.md": None}
        files = [{"name": name, "rows": count, "bytes": (tmp / name).stat().st_size, "sha256": _sha256(tmp / name)} for name, count in rows.items()]
        manifest = {
            "dataset": DATASET,
            "refresh_id": refresh.refresh_id,
            "published_at": refresh.published_at.isoformat(),
            "pack_versions": refresh.pack_versions,
            "source_table": CLAIMS_TABLE,
            "row_counts": {"claims": claims.height, "claimreviews": len(reviews)},
            "files": files,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _swap_in(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _point_latest(out_dir, target.name)
    removed = prune_exports(out_dir, keep, target.name) if keep is not None else []
    return ExportResult(refresh=refresh, folder=target, count_claims=claims.height, count_claimreviews=len(reviews), files=files,
                        claims=claims, removed=removed)


EXPORT_STEPS = 7
