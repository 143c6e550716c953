"""``factcheck reference``: validate the reference packs, and import Wikidata / ClaimReview.

    factcheck reference validate
    factcheck reference import-wikidata FILE --pack NAME
    factcheck reference import-claimreview FILE --pack NAME

Problems are printed one per line on stderr (file, row or line, field); the imports write
into ``<data>/reference/NAME/`` (``FACTCHECK_DATA`` moves the data folder), merging with the
rows already there, and never leave a pack that would be refused at load.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path


def _reference_dir() -> Path:
    from pipelines.settings import load_settings

    return load_settings().reference_dir


def cmd_validate(args: argparse.Namespace) -> int:
    from pipelines.reference.pack import discover_packs

    folder = Path(args.dir) if args.dir else _reference_dir()
    packs = discover_packs(folder)
    for error in packs.errors:
        print(error, file=sys.stderr)
    if not args.quiet:
        for pack in packs.packs:
            counts = ", ".join(f"{len(rows)} {table}" for table, rows in sorted(pack.rows.items()) if rows)
            print(f"ok {pack.version} ({counts or 'empty'})")
    return 1 if packs.errors else 0


def _pack_name(name: str) -> str:
    from pipelines.cli import CliError

    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name or ""):
        raise CliError(f"--pack {name!r}: use lower-case letters, digits, '_', '-' or '.' (it names the folder data/reference/<pack>)")
    return name


def _import(args: argparse.Namespace, converter, info: dict) -> int:
    from pipelines.cli import CliError
    from pipelines.reference.pack import PackError
    from pipelines.reference.writer import write_rows

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"{path}: no such file")
    pack = _pack_name(args.pack)
    reference_dir = _reference_dir()
    try:
        result = converter(path, pack, reference_dir)
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    for problem in result.problems:
        print(f"factcheck: {problem}", file=sys.stderr)
    if not args.quiet:
        for note in result.notes:
            print(f"factcheck: note: {note}", file=sys.stderr)
    if not any(result.tables.values()):
        raise CliError(f"{path}: nothing to import")
    try:
        written = write_rows(reference_dir, pack, result.tables, {"name": pack, **info})
    except PackError as exc:
        raise CliError(f"import refused, pack {pack!r} left as it was: {exc}") from exc
    counts = ", ".join(f"{n} {table}" for table, n in result.counts().items() if n)
    print(f"imported {counts} into {written.path} (pack version {written.version})")
    return 1 if (args.strict and result.problems) else 0


def cmd_import_wikidata(args: argparse.Namespace) -> int:
    from pipelines.reference import wikidata

    return _import(args, wikidata.convert, wikidata.PACK_INFO)


def cmd_import_claimreview(args: argparse.Namespace) -> int:
    from pipelines.reference import claimreview

    return _import(args, lambda path, pack, ref_dir: claimreview.convert(path), claimreview.PACK_INFO)


def register(subparsers) -> None:
    p = subparsers.add_parser("reference", help="validate reference packs; import Wikidata entities and ClaimReview fact-checks")
    sub = p.add_subparsers(dest="reference_command", required=True)

    v = sub.add_parser("validate", help="check every pack under data/reference (one line per problem; exit 1 if any)")
    v.add_argument("--dir", help="reference folder to check (default: <data>/reference)")
    v.set_defaults(func=cmd_validate)

    for name, func, what in (
        ("import-wikidata", cmd_import_wikidata, "Wikidata entity JSON (dump lines or Special:EntityData)"),
        ("import-claimreview", cmd_import_claimreview, "schema.org ClaimReview JSON-LD (object, list, @graph or HTML page)"),
    ):
        q = sub.add_parser(name, help=f"import {what} into a pack")
        q.add_argument("file", help=f"the {what} file")
        q.add_argument("--pack", required=True, help="pack to write (folder under data/reference/, created if missing)")
        q.add_argument("--strict", action="store_true", help="exit 1 when any line or record was skipped")
        q.set_defaults(func=func)
