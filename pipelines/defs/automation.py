"""Daily schedule and the sensor that refreshes when article files change."""

from dagster import AssetSelection, DefaultScheduleStatus, DefaultSensorStatus, RunRequest, ScheduleDefinition, SensorEvaluationContext, SkipReason, define_asset_job, sensor

from pipelines.defs.batches import INGEST_BATCHES_KEY
from pipelines.settings import load_settings

refresh_job = define_asset_job(
    "refresh_all",
    # Every asset but the one partitioned asset (the ingest batch log, pipelines/defs/batches.py):
    # its runs stay unpartitioned, and raw_articles reads every file as before.
    selection=AssetSelection.all() - AssetSelection.assets(INGEST_BATCHES_KEY),
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


@sensor(
    job=refresh_job,
    minimum_interval_seconds=30,
    default_status=DefaultSensorStatus.STOPPED,
    description="Launches a refresh when files of a declared source (data/sources.yaml: folders, feed files, bulk files; data/articles by default) or the sources file itself are added, changed or removed.",
)
def article_files_sensor(context: SensorEvaluationContext):
    from pipelines.ingest.sources import fingerprint as sources_fingerprint
    from pipelines.ingest.sources import watched_paths

    paths = watched_paths(load_settings().data_dir)
    fingerprint = sources_fingerprint(paths)
    if fingerprint == context.cursor:
        return SkipReason(f"no change under {', '.join(str(p) for p in paths[1:]) or 'the declared sources'}")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=f"articles-{fingerprint}", tags={"trigger": "article_files"})
