"""``factcheck batches``: ingest batches (Dagster partitions of ``ingest_batches``) from the shell.

* ``factcheck batches new``: record the new or changed article files as batches and add their
  partitions to the Dagster instance (``DAGSTER_HOME``), what ``article_batches_sensor`` does,
  without requesting runs.
* ``factcheck batches list``: the recorded batches, with their file counts, whether each is
  still pending (its JSON file beside the warehouse) or archived (only in the published
  ``raw.ingest_batches``).
* ``factcheck batches prune``: delete the JSON files of archived batches (what the batch sensor
  does on every tick that scans).
* ``factcheck batches run KEY ... | --all``: run the partitioned job ``ingest_batch`` in process,
  one run per key, in order (a backfill without the daemon).
"""

from __future__ import annotations

import argparse
import json


def register(subparsers) -> None:
    p = subparsers.add_parser("batches", help="ingest batches (Dagster partitions): record new files as batches, list them, run one or several")
    sub = p.add_subparsers(dest="batches_command", required=True)
    q = sub.add_parser("new", help="record new or changed article files as batches and add their partitions")
    q.add_argument("--json", action="store_true", help="print the keys as JSON")
    q.set_defaults(func=cmd_new)
    q = sub.add_parser("list", help="list the recorded batches")
    q.add_argument("--json", action="store_true", help="print the batches as JSON lines")
    q.set_defaults(func=cmd_list)
    q = sub.add_parser("prune", help="delete the batch files of batches the published warehouse holds and has ingested")
    q.add_argument("--json", action="store_true", help="print the pruned keys as JSON")
    q.set_defaults(func=cmd_prune)
    q = sub.add_parser("run", help="run the ingest_batch job for the given batches, one run each")
    q.add_argument("keys", nargs="*", help="batch keys (partition keys of ingest_batches)")
    q.add_argument("--all", action="store_true", help="every recorded batch, oldest first")
    q.set_defaults(func=cmd_run)


def _add_partitions(instance, keys: list[str]) -> None:
    from pipelines.defs.batches import INGEST_BATCHES

    known = set(instance.get_dynamic_partitions(INGEST_BATCHES.name))
    missing = [k for k in keys if k not in known]
    if missing:
        instance.add_dynamic_partitions(INGEST_BATCHES.name, missing)


def cmd_new(args: argparse.Namespace) -> int:
    from pipelines.batches import record_new_batches
    from pipelines.cli import _dagster_instance, console
    from pipelines.settings import load_settings

    batches = record_new_batches(load_settings())
    _add_partitions(_dagster_instance(), [b.key for b in batches])
    if args.json:
        print(json.dumps([{"key": b.key, "files": b.files.height} for b in batches]))
    else:
        if not batches:
            console(args.quiet).print("no new or changed article files")
        for b in batches:
            print(f"{b.key}\t{b.files.height} files")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from pipelines.batches import published_batch_counts, read_batch, recorded_keys
    from pipelines.settings import load_settings

    settings = load_settings()
    rows = {key: (noticed, files, "archived") for key, (noticed, files) in published_batch_counts(settings).items()}
    for key in recorded_keys(settings):
        batch = read_batch(settings, key)
        rows[key] = (batch.noticed_at, batch.files.height, "pending" if key not in rows else "published")
    for key in sorted(rows):
        noticed, files, state = rows[key]
        if args.json:
            print(json.dumps({"key": key, "noticed_at": noticed.isoformat(), "files": files, "state": state}))
        else:
            print(f"{key}\t{noticed.isoformat()}\t{files} files\t{state}")
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    from pipelines.batches import prune_batches
    from pipelines.cli import console
    from pipelines.settings import load_settings

    pruned = prune_batches(load_settings())
    if args.json:
        print(json.dumps(pruned))
    elif not pruned:
        console(args.quiet).print("no archived batch files to prune")
    else:
        for key in pruned:
            print(f"{key}\tpruned")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from pipelines.batches import BatchError, read_batch, recorded_keys
    from pipelines.cli import CliError, _dagster_instance, console
    from pipelines.definitions import build_definitions
    from pipelines.settings import load_settings

    settings = load_settings()
    keys = recorded_keys(settings) if args.all else list(args.keys)
    if not keys:
        raise CliError("name batch keys or pass --all (factcheck batches list shows them)")
    for key in keys:
        try:
            read_batch(settings, key)
        except BatchError as exc:
            raise CliError(str(exc)) from None
    instance = _dagster_instance()
    _add_partitions(instance, keys)
    job = build_definitions().resolve_job_def("ingest_batch")
    con = console(args.quiet)
    for key in keys:
        with con.status(f"ingest batch {key}..."):
            result = job.execute_in_process(
                instance=instance, partition_key=key, raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": "WARNING" if args.quiet else "INFO"}}}},
            )
        if not result.success:
            failures = [e for e in result.all_events if e.is_failure]
            message = failures[0].message if failures else "the run failed"
            raise CliError(f"ingest batch {key} failed: {message.splitlines()[0] if message else 'see the Dagster run log'}")
        print(f"{key}\tok\trun {result.run_id}")
    return 0
