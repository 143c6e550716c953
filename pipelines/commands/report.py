"""``factcheck report``: a static HTML report of the published warehouse (no server, no network)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="write a static HTML report: an index with counts and a chart, one highlighted page per article",
    )
    p.add_argument("--out", type=Path, help="folder to write (default: <data>/report)")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from pipelines.cli import CliError, console
    from pipelines.commands._progress import steps
    from pipelines.commands.export import published_connection
    from pipelines.export import ExportError
    from pipelines.report import plan_report, report_dir, write_report
    from pipelines.settings import load_settings

    settings = load_settings()
    out = args.out or report_dir(settings)
    con = published_connection()
    try:
        plan = plan_report(con, out, data_dir=settings.data_dir)
        with steps("report", plan.steps, quiet=args.quiet) as advance:
            result = write_report(con, plan, progress=advance)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    finally:
        con.close()
    warn = f" ({len(result.unplaced)} claims not highlighted: offsets do not match the text)" if result.unplaced else ""
    console(args.quiet).print(
        f"report of refresh [bold]{result.refresh.refresh_id}[/bold]: {result.count_articles} articles, "
        f"{result.count_highlighted} of {result.count_claims} claims highlighted{warn}, "
        f"{result.count_written} article pages written (the others unchanged) -> {result.index_path}",
        soft_wrap=True,
    )
    print(result.index_path)
    return 0
