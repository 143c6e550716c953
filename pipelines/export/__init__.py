"""Exports of the published claim dataset: Parquet, JSONL, CSV, ClaimReview, card and manifest."""

from pipelines.export.claimreview import REVIEWED_VERDICTS, claim_review, validate_claim_review
from pipelines.export.config import PublishConfig
from pipelines.export.dataset import EXPORT_STEPS, FILES, ExportError, ExportResult, Refresh, current_refresh, export_dataset

__all__ = [
    "EXPORT_STEPS", "FILES", "REVIEWED_VERDICTS", "ExportError", "ExportResult", "PublishConfig", "Refresh",
    "claim_review", "current_refresh", "export_dataset", "validate_claim_review",
]
