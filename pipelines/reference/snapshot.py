"""Keep the last good version of a refused reference pack in the ref tables.

A pack with any problem is refused whole (``pipelines.reference.pack``). Its rows must not
vanish with it: the reference asset carries forward the rows the pack had in the warehouse
before this load (its last good version; that is the published warehouse, since a refresh
starts its build from it) and adds a line to ``ref.pack_errors`` saying which version stays
in use. A pack folder that was deliberately removed is not refused: its rows go.

Which rows belong to a pack: tables with a ``pack_name`` column say so; the others (aliases,
keywords, articles, renderings) belong to the row of such a table whose key (its first
column) they carry, e.g. ``ref.entity_aliases.entity_id`` -> ``ref.entities``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

PACKS = "packs"


def pack_folders(reference_dir: Path) -> set[str] | None:
    """Folder names that are packs (as ``discover_packs`` sees them); None if no folder."""
    if not reference_dir.is_dir():
        return None
    return {p.name for p in reference_dir.iterdir() if p.is_dir() and not p.name.startswith(".")}


def previous_tables(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, pl.DataFrame]:
    """The ref tables as they are before this load (absent ones are left out)."""
    present = {r[0] for r in con.execute("select table_name from information_schema.tables where table_schema = 'ref'").fetchall()}
    return {name: con.execute(f"select * from ref.{name}").pl() for name in names if name in present}


def owners(columns: dict[str, list[str]]) -> dict[str, tuple[str, str]]:
    """For each table without ``pack_name``: (the table with ``pack_name`` it hangs off, key)."""
    parents = {cols[0]: name for name, cols in columns.items() if "pack_name" in cols and name != PACKS}
    found = {}
    for name, cols in columns.items():
        if "pack_name" in cols:
            continue
        key = next((c for c in cols if c in parents), None)
        if key is not None:
            found[name] = (parents[key], key)
    return found


def _conform(frame: pl.DataFrame, schema: pl.Schema) -> pl.DataFrame:
    return frame.select([
        (pl.col(c).cast(t, strict=False) if c in frame.columns else pl.lit(None, dtype=t)).alias(c)
        for c, t in schema.items()
    ])


def carry_forward(new: dict[str, pl.DataFrame], old: dict[str, pl.DataFrame], keep: set[str]) -> dict[str, pl.DataFrame]:
    """``new`` plus the ``old`` rows of the packs in ``keep`` (ids a loaded pack now defines win)."""
    if not keep or not old:
        return new
    relations = owners({name: frame.columns for name, frame in new.items()})
    out: dict[str, pl.DataFrame] = {}
    for name, frame in new.items():
        prev = old.get(name)
        if prev is None or prev.is_empty():
            out[name] = frame
            continue
        if "pack_name" in frame.columns and "pack_name" in prev.columns:
            carried = prev.filter(pl.col("pack_name").is_in(sorted(keep)))
            key = frame.columns[0]
            if name != PACKS and key in prev.columns:
                carried = carried.filter(~pl.col(key).is_in(frame[key].to_list()))
        elif name in relations:
            parent, key = relations[name]
            old_parent, new_parent = old.get(parent), new[parent]
            if old_parent is None or key not in prev.columns or "pack_name" not in old_parent.columns:
                out[name] = frame
                continue
            ids = set(old_parent.filter(pl.col("pack_name").is_in(sorted(keep)))[key].to_list()) - set(new_parent[key].to_list())
            carried = prev.filter(pl.col(key).is_in(sorted(ids)))
        else:
            out[name] = frame
            continue
        out[name] = pl.concat([frame, _conform(carried, frame.schema)], how="vertical").unique(maintain_order=True)
    return out


def keep_last_good(con: duckdb.DuckDBPyConnection, reference_dir: Path, tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """The tables to write, with refused packs' last good rows kept; and one message per refused pack.

    A pack is refused when its folder is there but it did not load (every folder, if the
    reference folder itself is missing).
    """
    old = previous_tables(con, list(tables))
    loaded = set(tables[PACKS]["pack_name"].to_list())
    before = old.get(PACKS, pl.DataFrame({"pack_name": []}, schema={"pack_name": pl.String}))
    previous = set(before["pack_name"].to_list())
    folders = pack_folders(reference_dir)
    refused = (previous if folders is None else folders) - loaded
    keep = refused & previous
    messages = []
    for name in sorted(refused):
        if name in keep:
            row = before.filter(pl.col("pack_name") == name).row(0, named=True)
            version = str(row.get("content_hash") or "")[:12] or "unknown"
            loaded_at = row.get("loaded_at")
            when = f", loaded {loaded_at:%Y-%m-%d %H:%M} UTC" if loaded_at is not None else ""
            messages.append(f"reference pack {name!r} refused: its last good version ({version}{when}) stays in use until the pack is fixed")
        else:
            messages.append(f"reference pack {name!r} refused: there is no earlier good version, so none of its rows are in use")
    return carry_forward(tables, old, keep), messages


LOADS_TABLE = "staging.reference_loads"
"""Bookkeeping (not a published table): the key of the last reference load."""


def load_key(reference_dir: Path) -> str | None:
    """What the ref tables are a function of: every pack folder's name and content hash, and
    the code that validates and flattens packs. None without a reference folder."""
    import hashlib

    from pipelines.reference.pack import pack_hash

    folders = pack_folders(reference_dir)
    if folders is None:
        return None
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parent
    for path in (code / "pack.py", code / "schema.py", Path(__file__).resolve()):
        digest.update(path.read_bytes())
    for name in sorted(folders):
        digest.update(f"{name}:{pack_hash(reference_dir / name)}".encode())
    return digest.hexdigest()[:16]


def loaded_as_on_disk(con: duckdb.DuckDBPyConnection, key: str | None, schemas: dict[str, dict]) -> bool:
    """True when the last load into this warehouse had the same ``load_key`` and every ref
    table has the columns ``schemas`` gives: loading again would write the same rows (and the
    same refusals). Hashing the folders costs far less than validating and rewriting them,
    which matters to small incremental refreshes."""
    if key is None:
        return False
    found = dict(con.execute(
        "select table_schema || '.' || table_name, list(column_name order by ordinal_position) from information_schema.columns "
        "where table_schema in ('ref', 'staging') group by all"
    ).fetchall())
    if LOADS_TABLE not in found or "ref.pack_errors" not in found:
        return False
    if any(found.get(f"ref.{name}") != list(schema) for name, schema in schemas.items()):
        return False
    return con.execute(f"select count(*) from {LOADS_TABLE} where load_key = ?", [key]).fetchone()[0] > 0


def record_load(con: duckdb.DuckDBPyConnection, key: str | None) -> None:
    """Remember the key of the load just written (in the caller's transaction)."""
    from pipelines.warehouse import set_comments

    con.execute(f"create or replace table {LOADS_TABLE} (load_key varchar, loaded_at timestamp)")
    if key is not None:
        con.execute(f"insert into {LOADS_TABLE} values (?, current_timestamp::timestamp)", [key])
    set_comments(con, LOADS_TABLE, "The last reference load: a hash of every pack folder and of the pack-loading code. A refresh whose packs and code hash the same writes nothing to the ref tables.", {
        "load_key": "Hash of the pack folders' names and contents and of the code that validates and flattens them.",
        "loaded_at": "When the ref tables were last written (UTC).",
    })
