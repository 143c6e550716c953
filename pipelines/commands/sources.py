"""``factcheck sources``: check the declared sources, and fetch remote feeds now.

    factcheck sources            validate <data>/sources.yaml and list the sources
    factcheck sources fetch      fetch every feed_url source into the cache (as the asset does)

A sources file that cannot be used is one line on stderr naming the file, entry and field
(exit 2); a declared path that does not exist is listed as missing (exit 1).
"""

from __future__ import annotations

import argparse
import json
import sys


def _load():
    from pipelines.cli import CliError
    from pipelines.ingest.sources import SourcesError, load_sources
    from pipelines.settings import load_settings

    settings = load_settings()
    try:
        return settings, load_sources(settings.data_dir)
    except SourcesError as exc:
        raise CliError(str(exc)) from None


def cmd_list(args: argparse.Namespace) -> int:
    settings, sources = _load()
    missing = 0
    for source in sources.sources:
        where = source.location(settings.data_dir)
        present = where.exists()
        if source.enabled and not present and source.kind != "feed_url":
            missing += 1
        state = "disabled" if not source.enabled else ("ok" if present else ("not fetched yet" if source.kind == "feed_url" else "missing"))
        target = source.url if source.kind == "feed_url" else str(where)
        hints = ", ".join(f"{k}={v}" for k, v in (("language", source.language), ("outlet", source.outlet), ("schedule", source.schedule)) if v)
        print(f"{source.name}\t{source.kind}\t{target}\t{state}" + (f"\t{hints}" if hints else ""))
    if not args.quiet:
        near = sources.near
        print(f"near-duplicates: {'on' if near.enabled else 'off'}, threshold {near.threshold}, {near.shingle_words}-word shingles", file=sys.stderr)
    return 1 if missing else 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from pipelines.ingest.fetch import fetch_sources

    settings, sources = _load()
    rows = fetch_sources(sources, settings.data_dir)
    for row in rows:
        print(json.dumps({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}, ensure_ascii=False))
    return 1 if any(r["fetch_status"] == "failed" for r in rows) else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("sources", help="validate and list the declared sources (data/sources.yaml); 'fetch' fetches feed URLs now")
    parser.set_defaults(func=cmd_list)
    sub = parser.add_subparsers(dest="sources_command")
    fetch = sub.add_parser("fetch", help="fetch every feed_url source into <data>/cache/feeds (polite: conditional, per schedule)")
    fetch.set_defaults(func=cmd_fetch)
