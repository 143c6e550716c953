"""Fault injection for the reliability tests: crash or fail the pipeline at a named point.

Set ``FACTCHECK_FAULT_POINT`` to one or more comma-separated ``<point>[=<action>]`` items:

* ``<point>`` names a place in the code that calls :func:`fault_point`:

  - ``run:start`` — a run has taken the writer lock and prepared the build file;
  - ``write:<op>`` — an asset or check (Dagster op name, e.g. ``staging__claims`` or
    ``raw_articles``) has done its writes to the build file but not committed them;
  - ``commit:<op>`` — the same writes are committed, the connection not yet closed
    (the data is in DuckDB's WAL, not yet checkpointed);
  - ``publish:checkpointed`` — the build file is checkpointed, nothing copied yet;
  - ``publish:copied`` — the copy of the build file is on disk under a temporary name,
    not yet renamed over the published file;
  - ``publish:replaced`` — the published file has just been replaced.

* ``<action>`` is ``kill`` (the default: ``SIGKILL`` to this process, as a crash or an OOM
  kill would do) or ``raise`` (a :class:`FaultInjected` exception, as a bug would do).

Unset (the normal case), :func:`fault_point` costs one environment lookup.
"""

from __future__ import annotations

import os
import signal

FAULT_ENV = "FACTCHECK_FAULT_POINT"


class FaultInjected(RuntimeError):
    """Raised at a fault point whose action is ``raise``."""


def fault_point(name: str) -> None:
    """Crash or raise here if ``FACTCHECK_FAULT_POINT`` names this point."""
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    for item in spec.split(","):
        point, _, action = item.strip().partition("=")
        if point != name:
            continue
        if action in ("", "kill"):
            os.kill(os.getpid(), signal.SIGKILL)
        raise FaultInjected(f"fault injected at {name} ({FAULT_ENV})")
