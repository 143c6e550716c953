"""Rich progress for long CLI commands, on stderr; ``--quiet`` hides it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def steps(title: str, total: int, *, quiet: bool) -> Iterator[Callable[[str], None]]:
    """Yield ``advance(description)``: one call per finished step."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipelines.cli import console

    progress = Progress(
        TextColumn("[bold]{task.fields[title]}[/bold]"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.description}"), TimeElapsedColumn(),
        console=console(quiet), transient=True,
    )
    with progress:
        task = progress.add_task("starting", total=total, title=title)

        def advance(description: str) -> None:
            progress.update(task, advance=1, description=description)

        yield advance
