"""The ``factcheck`` console script.

Built-in commands: ``check``, ``refresh``, ``query``. Further command groups register
themselves from ``pipelines/commands/<name>.py`` modules exposing ``register(subparsers)``.
Errors are one line on stderr (``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

from pipelines.jsonvalues import jsonable

CONTRACT_FIELDS = [
    "claim_id", "article_id", "source_path", "claim_type", "claim_text", "char_start", "char_end",
    "language", "verdict", "reference_id", "evidence", "reason",
]


class CliError(Exception):
    """A user-facing problem: printed as one line, exit code 2."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def console(quiet: bool = False):
    from rich.console import Console

    return Console(stderr=True, quiet=quiet)


# --------------------------------------------------------------------------- check

def cmd_check(args: argparse.Namespace) -> int:
    from pipelines.core import check
    from pipelines.settings import load_settings

    con = console(args.quiet)
    with con.status("reading, extracting and verifying..."):
        verdicts, ingested, pack_errors = check(args.paths, load_settings(), published=args.published)
    for error in pack_errors:
        print(f"factcheck: reference pack refused: {error}", file=sys.stderr)
    from pipelines.ingest.readers import error_line

    for row in ingested.errors.iter_rows(named=True):
        print(f"factcheck: {error_line(row)}", file=sys.stderr)
    if ingested.articles.is_empty():
        if ingested.errors.is_empty():
            print("factcheck: no article files found in " + ", ".join(map(str, args.paths)), file=sys.stderr)
        return 1
    rows = verdicts.to_dicts()
    if args.format == "jsonl":
        out = sys.stdout
        for row in rows:
            ordered = {k: jsonable(row.get(k)) for k in CONTRACT_FIELDS}
            ordered.update({k: jsonable(v) for k, v in row.items() if k not in ordered})
            out.write(json.dumps(ordered, ensure_ascii=False) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        # Over several files, a first column says which file each claim came from; over several
        # articles (several files, or one .jsonl, feed or CSV holding many), the next says which
        # article: its title, or its short id.
        files = {row["source_path"] for row in rows}
        labels = article_labels(ingested.articles)
        table = Table(title=f"{len(rows)} claims", show_lines=False)
        if len(files) > 1:
            table.add_column("file", overflow="fold")
        if len(labels) > 1:
            table.add_column("article", overflow="fold")
        table.add_column("claim_type", no_wrap=True)
        table.add_column("verdict", no_wrap=True)
        for col in ("claim_text", "reason"):
            table.add_column(col, overflow="fold")
        for row in rows:
            cells = [row["claim_type"], row["verdict"], row["claim_text"][:120], row["reason"]]
            where = [Path(row["source_path"]).name] if len(files) > 1 else []
            if len(labels) > 1:
                where.append(labels.get(row["article_id"], row["article_id"][:8]))
            table.add_row(*where, *cells)
        Console().print(table)
    # A metadata value that could not be used (the article itself was checked) is a warning on
    # stderr; only an input that could not be read at all makes the exit code non-zero.
    return 1 if has_unusable_input(ingested.errors) else 0


TABLE_TITLE_CHARS = 40


def article_labels(articles) -> dict[str, str]:
    """article_id -> how the table names the article: its title (shortened), or its short id
    when it has none; a title two articles share gets the short id after it."""
    rows = articles.select("article_id", "title").rows()
    titles = {}
    for article_id, title in rows:
        title = " ".join((title or "").split())
        titles[article_id] = title[: TABLE_TITLE_CHARS - 1] + "…" if len(title) > TABLE_TITLE_CHARS else title
    counts: dict[str, int] = {}
    for title in titles.values():
        counts[title] = counts.get(title, 0) + 1
    return {
        article_id: (title if title and counts[title] == 1 else f"{title} [{article_id[:8]}]" if title else article_id[:8])
        for article_id, title in titles.items()
    }


def has_unusable_input(errors) -> bool:
    """Whether any row of ``errors`` (raw.ingest_errors' columns) is an input that was not used."""
    import polars as pl

    from pipelines.ingest.readers import WARNING

    return not errors.filter(pl.col("severity").is_null() | (pl.col("severity") != WARNING)).is_empty()


# --------------------------------------------------------------------------- refresh

def run_refresh(quiet: bool = False, selection: str | None = None) -> dict:
    """Materialize every asset in-process (what ``make demo`` runs); returns a summary."""
    from dagster import DagsterInstance

    from pipelines.definitions import build_definitions

    defs = build_definitions()
    job = defs.resolve_job_def("refresh_all")
    instance = _dagster_instance()
    con = console(quiet)
    with con.status("materializing every asset (ingest, reference, extract, verify, marts, publish)..."):
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING" if quiet else "INFO"}}}},
        )
    if not result.success:
        failures = [e for e in result.all_events if e.is_failure]
        message = failures[0].message if failures else "the run failed"
        raise CliError(f"refresh failed: {message.splitlines()[0] if message else 'see the Dagster run log'}")
    return summary()


def _dagster_instance():
    """The Dagster instance of ``DAGSTER_HOME`` (an ephemeral one without it).

    Two refreshes started together on a fresh ``DAGSTER_HOME`` would both create its SQLite
    storages and race on the schema stamp; a file lock in ``DAGSTER_HOME`` makes the first
    create them and the second open them."""
    import fcntl

    from dagster import DagsterInstance

    home = os.environ.get("DAGSTER_HOME")
    if not home:
        return DagsterInstance.ephemeral()
    Path(home).mkdir(parents=True, exist_ok=True)
    with open(Path(home) / ".factcheck-instance.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            instance = DagsterInstance.get()
            instance.get_runs_count()  # opens (and on first use creates) the run storage
            return instance
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def summary() -> dict:
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect

    settings = load_settings()
    con = connect(settings.db_path, read_only=True)
    try:
        out = {
            "warehouse": str(settings.db_path),
            "articles": con.execute("select count(*) from raw.articles").fetchone()[0],
            "ingest_errors": con.execute("select count(*) from raw.ingest_errors").fetchone()[0],
            "ingest_errors_by_severity": dict(con.execute("select severity, count(*) from raw.ingest_errors group by 1 order by 1").fetchall()),
            "claims": con.execute("select count(*) from marts.claim_verdicts").fetchone()[0],
            "claims_by_type": dict(con.execute("select claim_type, count(*) from marts.claim_verdicts group by 1 order by 1").fetchall()),
            "verdicts": dict(con.execute("select verdict, count(*) from marts.claim_verdicts group by 1 order by 1").fetchall()),
        }
    finally:
        con.close()
    return out


def print_summary(info: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    c = Console()
    c.print(f"[bold]Warehouse[/bold] {info['warehouse']}")
    severities = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in info.get("ingest_errors_by_severity", {}).items())
    c.print(f"articles: {info['articles']}   ingest errors: {info['ingest_errors']}" + (f" ({severities})" if severities else "") + f"   claims: {info['claims']}")
    for title, data in (("claims by type", info["claims_by_type"]), ("verdicts", info["verdicts"])):
        table = Table(title=title)
        table.add_column("value")
        table.add_column("count", justify="right")
        for key, value in data.items():
            table.add_row(str(key), str(value))
        c.print(table)


def cmd_refresh(args: argparse.Namespace) -> int:
    info = run_refresh(quiet=args.quiet)
    if args.json:
        print(json.dumps(info, default=str))
    else:
        print_summary(info)
    return 0


# --------------------------------------------------------------------------- query

def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_query

    db = load_settings().db_path
    if not db.exists():
        raise CliError(f"no warehouse at {db}: run `factcheck refresh` (or `make demo`) first")
    con = connect_query(db)  # read-only, and no COPY TO / ATTACH: user SQL cannot write anywhere
    try:
        try:
            cursor = con.execute(args.sql)
        except duckdb.Error as exc:
            raise CliError(f"query failed: {str(exc).splitlines()[0]}") from exc
        if cursor is None:
            raise CliError("query failed: no SQL statement to run (the text is empty or only comments)")
        columns = [d[0] for d in cursor.description] if cursor.description else []
        rows = cursor.fetchall() if columns else []
    finally:
        con.close()
    if args.format == "json":
        for row in rows:
            print(json.dumps({c: jsonable(v) for c, v in zip(columns, row)}, ensure_ascii=False))
    elif args.format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        print_rows(columns, rows)
    return 0


MIN_COLUMN_WIDTH = 12


def print_rows(columns: list[str], rows: list[tuple]) -> None:
    """A table on stdout; a result too wide for the terminal prints one block per row instead
    (column name, value), as ``psql``'s expanded mode does, rather than squeezing every cell away."""
    from rich.console import Console
    from rich.table import Table

    out = Console()
    if len(columns) * MIN_COLUMN_WIDTH <= out.width:
        table = Table(show_lines=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)
        return
    for n, row in enumerate(rows, start=1):
        table = Table(title=f"row {n}", title_justify="left", show_header=False)
        table.add_column("column", style="bold", no_wrap=True)
        table.add_column("value", overflow="fold")
        for col, value in zip(columns, row):
            table.add_row(col, "" if value is None else str(value))
        out.print(table)
    if not rows:
        out.print(f"(no rows; {len(columns)} columns: {', '.join(columns)})")


# --------------------------------------------------------------------------- parser

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factcheck", description="Treaty-clause and fact-check dataset pipeline.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--quiet", action="store_true", help="hide progress output")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="extract and verify claims in article files or folders (JSON lines on stdout)")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--published", type=_date, help="publication date for articles without metadata (YYYY-MM-DD)")
    p.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("refresh", help="materialize every asset into the warehouse (what make demo runs)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("query", help="run read-only SQL against the published warehouse")
    p.add_argument("sql")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_query)

    import pipelines.commands as commands

    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"pipelines.commands.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for flag in ("quiet", "debug"):
        setattr(args, flag, getattr(args, flag, False))
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one line for users; the traceback with --debug
        if args.debug:
            raise
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        prefix = "" if isinstance(exc, CliError) else f"{type(exc).__name__}: "
        print(f"factcheck: {prefix}{text}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
