"""Write rows into a pack folder, merging with what is there, and refuse to leave a bad pack.

Importers (Wikidata, ClaimReview) build plain row dicts; ``write_rows`` merges them into the
pack's files by each table's key, writes the files (YAML, or CSV where the pack already keeps
that table as CSV), and validates the result whole, together with the other packs, before it
replaces anything: an import never leaves a pack that would be refused at load.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from pipelines.reference.pack import Pack, PackError, _cross_pack_errors, _read_records, discover_packs, validate_pack

KEYS: dict[str, Callable[[dict], tuple]] = {
    "entities": lambda r: (r["entity_id"],),
    "offices": lambda r: (r["office_id"],),
    "office_holdings": lambda r: (r["person_id"], r["office_id"], str(r["start_on"])),
    "treaties": lambda r: (r["treaty_id"],),
    "events": lambda r: (r["event_id"],),
    "statements": lambda r: (r["statement_id"],),
    "quantities": lambda r: (r["quantity_id"],),
    "fact_checks": lambda r: (r["fact_check_id"],),
}
"""How rows of each table are identified when merging (a new row replaces the old one)."""

_ALIAS_FIELDS = ("aliases", "names", "context_keywords")


def _merge_row(old: dict, new: dict) -> dict:
    """New values win; alias maps are unioned per language so nothing curated is lost."""
    out = {**old, **{k: v for k, v in new.items() if v is not None}}
    for fld in _ALIAS_FIELDS:
        if isinstance(old.get(fld), dict) and isinstance(new.get(fld), dict):
            merged = {lang: list(words) for lang, words in old[fld].items()}
            for lang, words in new[fld].items():
                bucket = merged.setdefault(lang, [])
                bucket.extend(w for w in words if w not in bucket)
            out[fld] = merged
    return out


def merge_rows(existing: list[dict], new: Iterable[dict], table: str) -> list[dict]:
    key = KEYS[table]
    out = list(existing)
    index = {key(r): i for i, r in enumerate(out)}
    for row in new:
        k = key(row)
        if k in index:
            out[index[k]] = _merge_row(out[index[k]], row)
        else:
            index[k] = len(out)
            out.append(row)
    return out


def _table_file(folder: Path, table: str) -> Path:
    for suffix in (".yaml", ".yml", ".csv"):
        path = folder / f"{table}{suffix}"
        if path.exists():
            return path
    return folder / f"{table}.yaml"


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(rows: list[dict]) -> str:
    return yaml.dump(rows, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)


def dump_csv(rows: list[dict]) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(c for c in row if c not in columns)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else "" if v is None else str(v)) for c, v in row.items()})
    return buf.getvalue()


def _plain(row: dict) -> dict:
    """Drop empty values so the files stay readable (the models give the defaults)."""
    return {k: v for k, v in row.items() if v is not None and v != {} and v != []}


def write_rows(reference_dir: Path, pack_name: str, tables: dict[str, list[dict]], info: dict) -> Pack:
    """Merge ``tables`` (table -> new rows) into ``reference_dir/pack_name`` and validate.

    ``info`` is the pack.yaml to write when the pack is new. Raises PackError (one line per
    problem, joined) and leaves the folder untouched when the result would not load.
    """
    folder = reference_dir / pack_name
    with tempfile.TemporaryDirectory(prefix=f".{pack_name}-", dir=reference_dir if reference_dir.exists() else None) as tmp:
        staged = Path(tmp) / pack_name
        if folder.exists():
            shutil.copytree(folder, staged)
        else:
            staged.mkdir(parents=True)
        if not (staged / "pack.yaml").exists():
            (staged / "pack.yaml").write_text(yaml.dump(info, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
        for table, new_rows in tables.items():
            if not new_rows:
                continue
            path = _table_file(staged, table)
            existing = _read_records(path) if path.exists() else []
            merged = [_plain(r) for r in merge_rows(existing, new_rows, table)]
            text = dump_csv(merged) if path.suffix == ".csv" else dump_yaml(merged)
            path.write_text(text, encoding="utf-8")
        pack, problems = validate_pack(staged)
        if pack is not None and not problems:
            others = [p for p in discover_packs(reference_dir).packs if p.name != pack_name]
            cross = _cross_pack_errors([*others, pack]).get(pack_name, [])
            problems = [line.replace(str(staged), str(folder)) for line in cross]
        if problems or pack is None:
            raise PackError("; ".join(line.replace(str(staged), str(folder)) for line in problems) or f"{folder}: unusable pack")
        reference_dir.mkdir(parents=True, exist_ok=True)
        # Swap in the validated folder: the old one is moved aside first and removed last.
        backup = Path(tmp) / f"{pack_name}.previous"
        if folder.exists():
            folder.rename(backup)
        shutil.move(str(staged), str(folder))
    final, problems = validate_pack(folder)
    assert final is not None and not problems, problems
    return final


def today() -> str:
    return dt.date.today().isoformat()
