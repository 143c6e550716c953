"""Daily schedule and the sensor that refreshes when article files change."""


import hashlib
import os

from dagster import AssetSelection, DefaultScheduleStatus, DefaultSensorStatus, RunRequest, ScheduleDefinition, SensorEvaluationContext, SkipReason, define_asset_job, sensor

from pipelines.settings import load_settings

refresh_job = define_asset_job(
    "refresh_all",
    selection=AssetSelection.all(),
    description="Materialize every asset: ingest, reference, extract, verify, marts, publish.",
)

daily_refresh = ScheduleDefinition(
    name="daily_refresh",
    job=refresh_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=DefaultScheduleStatus.STOPPED,
    description="Refresh everything every day at 06:00 UTC (articles, references, claims, verdicts, publication).",
)


def folder_fingerprint(folder: str) -> str:
    """A hash of every file's path, size and modification time under ``folder``."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            digest.update(f"{os.path.relpath(path, folder)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


@sensor(
    job=refresh_job,
    minimum_interval_seconds=30,
    default_status=DefaultSensorStatus.STOPPED,
    description="Launches a refresh when files under data/articles are added, changed or removed.",
)
def article_files_sensor(context: SensorEvaluationContext):
    folder = str(load_settings().articles_dir)
    fingerprint = folder_fingerprint(folder)
    if fingerprint == context.cursor:
        return SkipReason(f"no change under {folder}")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=f"articles-{fingerprint}", tags={"trigger": "article_files"})
