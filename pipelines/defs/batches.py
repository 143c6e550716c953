"""Ingest batches as Dagster partitions: one run processes one batch; a backfill fans out.

* ``ingest_batches``: a ``DynamicPartitionsDefinition``; a key per batch of new or changed
  article files (``pipelines/batches.py`` records each batch's file list beside the warehouse).
* ``raw/ingest_batches``: the only partitioned asset. Materializing partition ``k`` copies batch
  ``k``'s file list into the table ``raw.ingest_batches``.
* ``ingest_batch``: the partitioned job: ``raw/ingest_batches`` plus every unpartitioned asset
  except the feed fetch (ingest, reference, extract, verify, marts, publish). In its runs
  ``raw_articles`` reads only the partition's files (new or changed ones; other files keep
  their rows); extraction and verification are incremental anyway (only articles without
  claims), and ``quality.refreshes`` publishes. Dagster runs the unpartitioned assets of a
  partitioned asset job inside the partition's run (they see the run's partition key);
  ``refresh_all`` leaves ``raw/ingest_batches`` out, so its runs have no partition key and
  read every file, as before.
* ``article_batches_sensor`` (stopped by default): records the new files as batches, adds one
  partition per batch and requests one run per partition.
"""


from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetSelection,
    DefaultSensorStatus,
    DynamicPartitionsDefinition,
    Failure,
    MaterializeResult,
    MetadataValue,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    asset,
    define_asset_job,
    sensor,
)

from pipelines.batches import BATCH_TABLE, BATCH_TABLE_DOC, BatchError, ensure_batch_table, read_batch, record_new_batches, recorded_keys, store_batch
from pipelines.defs.common import table_metadata
from pipelines.resources import WarehouseResource
from pipelines.settings import load_settings

INGEST_BATCHES = DynamicPartitionsDefinition(name="ingest_batches")
INGEST_BATCHES_KEY = AssetKey(["raw", "ingest_batches"])
FEED_FETCHES_KEY = AssetKey(["raw", "feed_fetches"])


@asset(
    key=INGEST_BATCHES_KEY,
    partitions_def=INGEST_BATCHES,
    group_name="ingest",
    kinds={"duckdb"},
    description=BATCH_TABLE_DOC + " Partitioned by ingest batch (dynamic partitions added by article_batches_sensor).",
)
def raw_ingest_batches(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """Copy this partition's recorded file list into raw.ingest_batches (delete + insert of the
    partition's rows in one transaction: re-running a partition gives the same rows).

    In a run without a partition key (the UI's "Materialize all" over every asset) it copies
    every recorded batch, and raw_articles then reads every file as refresh_all does.
    """
    settings = warehouse.settings
    keys = [context.partition_key] if context.has_partition_key else recorded_keys(settings)
    try:
        batches = [read_batch(settings, key) for key in keys]
    except BatchError as exc:
        raise Failure(description=str(exc)) from None
    count = 0
    with warehouse.connect() as con:
        ensure_batch_table(con)
        for batch in batches:
            count += store_batch(con, batch)
            context.log.info(f"ingest batch {batch.key}: {batch.files.height} files, noticed {batch.noticed_at.isoformat()}")
        meta = table_metadata(con, BATCH_TABLE)
    extra = {"noticed_at": MetadataValue.text(batches[0].noticed_at.isoformat())} if context.has_partition_key else {"batches": MetadataValue.int(len(batches))}
    return MaterializeResult(metadata={**meta, "batch_files": MetadataValue.int(count), **extra})


ingest_batch_job = define_asset_job(
    "ingest_batch",
    selection=AssetSelection.all() - AssetSelection.assets(FEED_FETCHES_KEY),
    description="One ingest batch (partition of ingest_batches): read only that batch's new or changed files, then extract, verify and publish as refresh_all does. Backfill it over several batches to fan out.",
)


@sensor(
    job=ingest_batch_job,
    minimum_interval_seconds=30,
    default_status=DefaultSensorStatus.STOPPED,
    description="Batch mode of article_files_sensor (switch on one of the two): records new or changed article files as ingest batches (at most FACTCHECK_BATCH_FILES files, default 5,000), adds one ingest_batches partition per batch and requests an ingest_batch run for it.",
)
def article_batches_sensor(context: SensorEvaluationContext):
    from pipelines.ingest.sources import fingerprint as sources_fingerprint
    from pipelines.ingest.sources import watched_paths

    settings = load_settings()
    # Batches recorded but not yet partitions (a tick that failed after writing them).
    pending: list[str] = []
    if _has_instance(context):
        existing = set(context.instance.get_dynamic_partitions(INGEST_BATCHES.name))
        pending = [k for k in recorded_keys(settings) if k not in existing]
    fingerprint = sources_fingerprint(watched_paths(settings.data_dir))
    new_keys: list[str] = []
    if fingerprint != context.cursor:
        new_keys = [b.key for b in record_new_batches(settings)]
    keys = list(dict.fromkeys([*pending, *new_keys]))
    context.update_cursor(fingerprint)
    if not keys:
        return SkipReason("no new or changed article files")
    return SensorResult(
        run_requests=[RunRequest(partition_key=k, run_key=f"ingest-batch-{k}", tags={"trigger": "article_batches"}) for k in keys],
        dynamic_partitions_requests=[INGEST_BATCHES.build_add_request(keys)],
    )


def _has_instance(context: SensorEvaluationContext) -> bool:
    try:
        return context.instance is not None
    except Exception:
        return False
