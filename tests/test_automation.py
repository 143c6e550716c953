"""The sensor launches a refresh when article files appear or change, and only then."""

from __future__ import annotations

import json
from pathlib import Path

from dagster import RunRequest, SkipReason, build_sensor_context

from pipelines.defs.automation import article_files_sensor


def test_sensor_notices_new_and_changed_files(env: Path, data_dir: Path):
    first = article_files_sensor(build_sensor_context(cursor=None))
    assert isinstance(first, RunRequest)
    ctx = build_sensor_context(cursor=None)
    article_files_sensor(ctx)
    cursor = ctx.cursor
    assert cursor
    assert isinstance(article_files_sensor(build_sensor_context(cursor=cursor)), SkipReason)

    new = data_dir / "articles" / "nuevo.txt"
    new.write_text("Moscú, 1 de mayo (Sputnik) .- Texto nuevo.", encoding="utf-8")
    changed = article_files_sensor(build_sensor_context(cursor=cursor))
    assert isinstance(changed, RunRequest)
    assert changed.run_key and changed.run_key != first.run_key

    ctx2 = build_sensor_context(cursor=cursor)
    article_files_sensor(ctx2)
    (data_dir / "articles" / "nuevo.meta.json").write_text(json.dumps({"published": "2025-05-01"}), encoding="utf-8")
    assert isinstance(article_files_sensor(build_sensor_context(cursor=ctx2.cursor)), RunRequest)
