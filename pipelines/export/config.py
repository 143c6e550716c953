"""Who publishes the fact-checks and where: configuration for ClaimReview and the report.

Read from the environment (``FACTCHECK_ORG_NAME``, ``FACTCHECK_ORG_URL``, ``FACTCHECK_BASE_URL``);
CLI flags override the environment; the defaults are placeholders to replace before publishing.
"""

from __future__ import annotations

import os

from pydantic import BaseModel, field_validator

ENV_VARS = {"org_name": "FACTCHECK_ORG_NAME", "org_url": "FACTCHECK_ORG_URL", "base_url": "FACTCHECK_BASE_URL"}


class PublishConfig(BaseModel):
    org_name: str = "treaty-factcheck"
    """The organisation publishing the fact-checks (ClaimReview ``author``)."""
    org_url: str | None = None
    """Its home page, if any."""
    base_url: str = "https://factcheck.example.org"
    """Where the HTML report is published: each ClaimReview ``url`` points at its claim there."""

    @field_validator("org_name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("the organisation name is empty")
        return value

    @field_validator("org_url", "base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value

    @classmethod
    def from_env(cls, **overrides: str | None) -> PublishConfig:
        """Environment first, then any override that is not None (CLI flags)."""
        values = {field: os.environ[var] for field, var in ENV_VARS.items() if os.environ.get(var)}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def claim_url(self, article_id: str, claim_id: str) -> str:
        """The claim's place in the published report (same layout as ``factcheck report``)."""
        from pipelines.report.render import article_filename, claim_anchor

        return f"{self.base_url}/articles/{article_filename(article_id)}#{claim_anchor(claim_id)}"
