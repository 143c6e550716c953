"""``factcheck sql``: the SQL model layer (dbt_like_sql) outside Dagster, for quick iteration.

* ``factcheck sql list [--select S]`` - models, layer, materialization, upstream, tests.
* ``factcheck sql compile MODEL [--full-refresh] [--tests]`` - the SQL that will run.
* ``factcheck sql run [--select S]... [--full-refresh] [--no-publish]`` - build the selected
  models (and run their tests) in the build warehouse, then publish it so ``factcheck query``
  sees the result. A failing error-severity test stops the run before anything downstream of
  it is built, and nothing is published.

Selectors: ``MODEL`` (``name`` or ``schema.name``), ``MODEL+`` (and downstream), ``+MODEL``
(and upstream), ``+MODEL+``, ``tag:x``; several selectors (repeat ``--select`` or separate them
with spaces) select their union.
"""

from __future__ import annotations

import argparse
import json
import sys

from pipelines.cli import CliError


def _project():
    from pipelines.core import sql_project
    from pipelines.sqlmodels.project import ModelError

    try:
        return sql_project()
    except ModelError as exc:
        raise CliError(str(exc)) from exc


def _select(project, selectors):
    from pipelines.sqlmodels.project import ModelError

    try:
        return project.select(selectors)
    except ModelError as exc:
        raise CliError(str(exc)) from exc


# --------------------------------------------------------------------------- list

def cmd_list(args: argparse.Namespace) -> int:
    project = _project()
    models = _select(project, args.select)
    rows = [{
        "model": m.table,
        "layer": m.schema,
        "materialization": m.materialization + (f" ({', '.join(m.unique_key)})" if m.unique_key else ""),
        "upstream": m.depends_on,
        "tests": [t.label for t in m.tests],
        "tags": m.tags,
        "path": str(m.path.relative_to(project.root.parent)),
    } for m in models]
    if args.format == "json":
        for row in rows:
            print(json.dumps(row))
        return 0
    header = ("model", "layer", "materialization", "tests", "upstream")
    table = [(r["model"], r["layer"], r["materialization"], str(len(r["tests"])), ", ".join(r["upstream"]) or "-") for r in rows]
    widths = [max(len(h), *(len(t[i]) for t in table)) if table else len(h) for i, h in enumerate(header)]
    for line in (header, *table):
        print("  ".join(cell.ljust(widths[i]) if i < len(header) - 1 else cell for i, cell in enumerate(line)).rstrip())
    return 0


# --------------------------------------------------------------------------- compile

def _existing_kind(model) -> tuple[str | None, str, bool]:
    """Kind of the model's table in the build warehouse (else the published one), where it
    looked, and whether the table was built by another version of the model's SQL."""
    from pipelines.settings import load_settings
    from pipelines.sqlmodels.run import needs_rebuild
    from pipelines.warehouse import Warehouse, connect, relation_kind

    warehouse = Warehouse(load_settings().db_path)
    for path in (warehouse.build_path, warehouse.db_path):
        if not path.exists():
            continue
        try:
            con = connect(path, read_only=True, timeout_s=3)
        except Exception:
            return None, f"{path} (busy: assuming a first build)", False
        try:
            kind = relation_kind(con, model.table)
            return kind, str(path), needs_rebuild(con, model, existing=kind)
        finally:
            con.close()
    return None, "no warehouse yet", False


def cmd_compile(args: argparse.Namespace) -> int:
    from pipelines.sqlmodels.project import ModelError
    from pipelines.sqlmodels.run import compile_model, mode_for, test_query

    project = _project()
    try:
        model = project.models[project.resolve(args.model)]
    except ModelError as exc:
        raise CliError(str(exc)) from exc
    checked = model.materialization == "incremental" and not args.full_refresh
    existing, where, changed = _existing_kind(model) if checked else (None, "not checked", False)
    full_refresh = args.full_refresh or changed
    mode = mode_for(model, existing=existing, full_refresh=full_refresh)
    print(f"-- {model.table} ({model.materialization}, {mode} build) from {model.path}")
    if model.materialization == "incremental":
        print(f"-- warehouse checked: {where}" + ("; its table was built by another version of this SQL" if changed else ""))
    print(";\n\n".join(compile_model(model, full_refresh=full_refresh, existing=existing)) + ";")
    if args.tests:
        for test in model.tests:
            print(f"\n-- test {test.label} ({test.severity}): returns the offending rows\n{test_query(model, test)};")
    return 0


# --------------------------------------------------------------------------- run

def cmd_run(args: argparse.Namespace) -> int:
    from pipelines.settings import load_settings
    from pipelines.sqlmodels.run import SqlRunError, build_model, relation_kind, run_tests
    from pipelines.warehouse import Warehouse

    project = _project()
    models = _select(project, args.select)
    if not models:
        raise CliError("the selection matches no model")
    selected = {m.table for m in models}
    warehouse = Warehouse(load_settings().db_path)
    failed: list[str] = []
    built = 0
    with warehouse.build() as con:
        for model in models:
            for dep in model.depends_on:
                if dep not in selected and relation_kind(con, dep) is None:
                    hint = f"select it too (+{model.name})" if dep in project.models else "run `factcheck refresh` first"
                    raise CliError(f"{model.path}: reads {dep}, which is not in the build warehouse {warehouse.build_path}: {hint}")
        for model in models:
            try:
                run = build_model(con, model, full_refresh=args.full_refresh)
            except SqlRunError as exc:
                raise CliError(str(exc)) from exc
            built += 1
            processed = f" ({run.rows_processed} new/changed)" if run.rows_processed is not None else ""
            size = f"{run.rows:>9} rows" if run.rows is not None else f"{'(view)':>14}"
            print(f"ok    {model.table:<40} {run.mode:<11} {size}{processed}  {run.seconds:.2f}s")
            for result in run_tests(con, model):
                if result.passed:
                    status = "pass"
                elif result.test.severity == "warn":
                    status = "warn"
                else:
                    status = "FAIL"
                    failed.append(f"{model.table}:{result.test.label}")
                detail = f"  {result.error}" if result.error else ("" if result.passed else f"  {result.failing_rows} offending rows")
                print(f"  {status}  {result.test.label}{detail}")
            if failed:
                break
    if failed:
        skipped = len(models) - built
        more = f"; {skipped} downstream model(s) not built" if skipped else ""
        print(f"factcheck: test failed: {', '.join(failed)}{more}; nothing published (see `factcheck sql compile MODEL --tests`)", file=sys.stderr)
        return 1
    if args.no_publish:
        print(f"built {built} model(s) in {warehouse.build_path} (not published)", file=sys.stderr)
    else:
        warehouse.publish()
        print(f"built {built} model(s); published {warehouse.db_path}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- registration

def register(subparsers) -> None:
    parser = subparsers.add_parser("sql", help="the SQL model layer (dbt_like_sql): list, compile, run models")
    sub = parser.add_subparsers(dest="sql_command", required=True)
    select_help = "MODEL, MODEL+ (and downstream), +MODEL (and upstream), tag:x; repeat for a union"

    p = sub.add_parser("list", help="every model with its layer, materialization, tests and upstream tables")
    p.add_argument("--select", action="append", help=select_help)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("compile", help="print the SQL that building MODEL will run")
    p.add_argument("model", help="name or schema.name")
    p.add_argument("--full-refresh", action="store_true", help="show the full rebuild of an incremental model")
    p.add_argument("--tests", action="store_true", help="also print each test's query")
    p.set_defaults(func=cmd_compile)

    p = sub.add_parser("run", help="build models and run their tests against the build warehouse, then publish")
    p.add_argument("--select", action="append", help=select_help)
    p.add_argument("--full-refresh", action="store_true", help="rebuild incremental models from scratch")
    p.add_argument("--no-publish", action="store_true", help="leave the result in the build file only")
    p.set_defaults(func=cmd_run)
