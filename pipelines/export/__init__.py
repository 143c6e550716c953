"""Exports of the published claim dataset: Parquet, JSONL, CSV, ClaimReview, card and manifest."""

from pipelines.export.claimreview import REVIEWED_VERDICTS, claim_review, validate_claim_review
from pipelines.export.config import PublishConfig
from pipelines.export.dataset import (
    EXPORT_STEPS, FILES, LATEST, ExportError, ExportResult, Refresh, current_refresh, export_dataset, keep_exports, prune_exports,
)

__all__ = [
    "EXPORT_STEPS", "FILES", "LATEST", "REVIEWED_VERDICTS", "ExportError", "ExportResult", "PublishConfig", "Refresh",
    "claim_review", "current_refresh", "export_dataset", "keep_exports", "prune_exports", "validate_claim_review",
]
