"""``factcheck validate``: run the Great Expectations suites on the published warehouse.

    factcheck validate [--table raw.ingest_errors]... [--format table|json]

The same suites the Dagster asset checks run (``pipelines/quality/expectations.py``), read-only:
nothing is written to ``quality.expectation_results``. Exit 1 when a critical expectation fails.
"""

from __future__ import annotations

import argparse
import json


def register(subparsers) -> None:
    from pipelines.quality.expectations import SUITES

    p = subparsers.add_parser("validate", help="run the Great Expectations suites on the published warehouse (exit 1 if a critical one fails)")
    p.add_argument("--table", action="append", choices=sorted(SUITES), metavar="TABLE", help="only this table's suite (repeatable; default: every suite)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    from pipelines.cli import console
    from pipelines.commands.export import published_connection
    from pipelines.quality.expectations import SUITES, fetch_table, run_suite

    tables = args.table or list(SUITES)
    con = published_connection()
    try:
        frames = {table: fetch_table(con, table) for table in tables}
    finally:
        con.close()
    with console(args.quiet).status("running the Great Expectations suites..."):
        outcomes = [o for table in tables for o in run_suite(table, frames[table])]
    failed = [o for o in outcomes if not o.success]
    if args.format == "json":
        for o in outcomes:
            print(json.dumps({k: v for k, v in o.__dict__.items() if k != "details"} | {"details": json.loads(o.details)}, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(tables)} suites, {len(outcomes)} expectations, {len(failed)} failed")
        for col in ("table", "expectation", "column", "critical", "unexpected"):
            table.add_column(col)
        for o in failed:
            table.add_row(o.table_name, o.expectation, o.column_name or "", "yes" if o.is_critical else "no", "" if o.unexpected_count is None else str(o.unexpected_count))
        Console().print(table)
    return 1 if any(o.is_critical for o in failed) else 0
