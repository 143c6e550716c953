"""``factcheck export``: the published claim dataset as files for partners.

Writes ``<out>/<refresh-id>/``: claims.parquet, claims.jsonl, claims.csv, claimreviews.jsonl
(schema.org ClaimReview), README.md (the dataset card) and manifest.json.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="write the published claim dataset (Parquet, JSONL, CSV, ClaimReview, card, manifest) into a folder per refresh",
        description="Write the published claim dataset into OUT/<refresh-id>/. ClaimReview settings come from "
        "FACTCHECK_ORG_NAME, FACTCHECK_ORG_URL and FACTCHECK_BASE_URL; the flags override them.",
    )
    p.add_argument("--out", type=Path, help="parent folder of the per-refresh folders (default: <data>/exports)")
    p.add_argument("--org-name", help="organisation publishing the reviews (ClaimReview author)")
    p.add_argument("--org-url", help="its home page")
    p.add_argument("--base-url", help="where the HTML report is published; ClaimReview urls point into it")
    p.add_argument("--json", action="store_true", help="print the manifest summary as JSON instead of the folder path")
    p.add_argument("--keep", metavar="N",
                   help="keep the newest N refresh folders and remove older ones (0 keeps all; default for the data folder's "
                   "exports: FACTCHECK_KEEP_EXPORTS or 7; with --out nothing is removed unless --keep is given)")
    p.set_defaults(func=cmd_export)


def publish_config(args: argparse.Namespace):
    from pydantic import ValidationError

    from pipelines.cli import CliError
    from pipelines.export import PublishConfig

    try:
        return PublishConfig.from_env(org_name=args.org_name, org_url=args.org_url, base_url=args.base_url)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise CliError(f"bad publishing setting {'.'.join(map(str, error['loc']))}: {error['msg']}") from exc


def published_connection():
    """A read-only connection on the published warehouse (a one-line error when there is none)."""
    from pipelines.cli import CliError
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect

    db = load_settings().db_path
    if not db.exists():
        raise CliError(f"no warehouse at {db}: run `factcheck refresh` (or `make demo`) first")
    return connect(db, read_only=True)


def cmd_export(args: argparse.Namespace) -> int:
    import json

    from pipelines.cli import CliError, console
    from pipelines.commands._progress import steps
    from pipelines.export import EXPORT_STEPS, ExportError, export_dataset, keep_exports
    from pipelines.settings import load_settings

    config = publish_config(args)
    settings = load_settings()
    out = args.out or settings.exports_dir
    try:
        keep = keep_exports(args.keep) if args.out is None or args.keep is not None else None
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    con = published_connection()
    try:
        with steps("export", EXPORT_STEPS, quiet=args.quiet) as advance:
            result = export_dataset(con, out, config, progress=advance, keep=keep, data_dir=settings.data_dir)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    finally:
        con.close()
    console(args.quiet).print(
        f"exported refresh [bold]{result.refresh.refresh_id}[/bold]: {result.count_claims} claims, "
        f"{result.count_claimreviews} ClaimReviews -> {result.folder}"
        + (f" ({len(result.removed)} older refresh folders removed)" if result.removed else ""),
        soft_wrap=True,
    )
    if args.json:
        print(json.dumps({"refresh_id": result.refresh.refresh_id, "folder": str(result.folder), "files": result.files,
                          "removed": [str(p) for p in result.removed]}))
    else:
        print(result.folder)
    return 0
