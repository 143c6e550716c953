"""schema.org ClaimReview (JSON-LD) for each decided claim.

Only supported, refuted and conflicting claims are reviews; ``not_enough_evidence`` means we
found nothing to check against, which is not a rating. The rating scale is 1 (refuted) to 3
(supported), with conflicting in between; ``alternateName`` carries the verdict in words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipelines.export.config import PublishConfig
from pipelines.ingest.meta import clean_url

RATINGS: dict[str, tuple[int, str]] = {
    "refuted": (1, "Refuted"),
    "conflicting": (2, "Conflicting"),
    "supported": (3, "Supported"),
}
BEST_RATING = max(v for v, _ in RATINGS.values())
WORST_RATING = min(v for v, _ in RATINGS.values())
REVIEWED_VERDICTS = tuple(RATINGS)

# Required properties, as dotted paths; ``itemReviewed.datePublished`` is required only when
# the article's date is known (``required_paths``).
REQUIRED = (
    "@context", "@type", "claimReviewed", "datePublished", "url", "inLanguage",
    "author.@type", "author.name",
    "reviewRating.@type", "reviewRating.ratingValue", "reviewRating.bestRating",
    "reviewRating.worstRating", "reviewRating.alternateName",
    "itemReviewed.@type", "itemReviewed.author.@type", "itemReviewed.author.name", "itemReviewed.appearance",
)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def claim_author(row: dict) -> dict:
    """Who made the claim: the speaker of a quote, otherwise the outlet that printed it."""
    if row.get("claim_type") == "quote" and (row.get("speaker_name") or row.get("speaker_text")):
        author = {"@type": "Person", "name": row.get("speaker_name") or row["speaker_text"]}
        if row.get("speaker_wikidata_id"):
            author["sameAs"] = f"https://www.wikidata.org/wiki/{row['speaker_wikidata_id']}"
        return author
    from urllib.parse import urlparse

    name = row.get("outlet") or (urlparse(row["article_url"]).netloc if row.get("article_url") else None)
    return {"@type": "Organization", "name": name or "unknown outlet"}


def claim_review(row: dict, config: PublishConfig, *, reviewed_on: dt.date | dt.datetime) -> dict:
    """One ClaimReview object for one row of marts.claim_verdicts (plus lookup columns).

    Lookup columns used when present: ``speaker_name``, ``speaker_wikidata_id``,
    ``first_appearance_url``, ``first_appearance_name``, ``first_appearance_on``. Only http(s) URLs
    are written; an article without one appears by headline, date and publisher.
    """
    verdict = row["verdict"]
    if verdict not in RATINGS:
        raise ValueError(f"{verdict!r} is not a reviewable verdict (one of {', '.join(REVIEWED_VERDICTS)})")
    value, label = RATINGS[verdict]
    # The article where the claim appeared; its url only when it has a public one.
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if url := clean_url(row.get("article_url")):
        appearance["url"] = url
    if row.get("article_title"):
        appearance["headline"] = row["article_title"]
    if row.get("published_on"):
        appearance["datePublished"] = _iso(row["published_on"])
    if row.get("outlet"):
        appearance["publisher"] = {"@type": "Organization", "name": row["outlet"]}
    item: dict[str, Any] = {"@type": "Claim", "author": claim_author(row)}
    if row.get("published_on"):
        item["datePublished"] = _iso(row["published_on"])
    item["appearance"] = [appearance]
    if row.get("first_appearance_url") or row.get("first_appearance_name"):
        first: dict[str, Any] = {"@type": "CreativeWork"}
        if url := clean_url(row.get("first_appearance_url")):
            first["url"] = url
        if row.get("first_appearance_name"):
            first["name"] = row["first_appearance_name"]
        if row.get("first_appearance_on"):
            first["datePublished"] = _iso(row["first_appearance_on"])
        item["firstAppearance"] = first
    author: dict[str, Any] = {"@type": "Organization", "name": config.org_name}
    if config.org_url:
        author["url"] = config.org_url
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": row["claim_id"],
        "url": config.claim_url(row["article_id"], row["claim_id"]),
        "claimReviewed": row["claim_text"],
        "reviewBody": row.get("reason"),
        "datePublished": _iso(reviewed_on),
        "inLanguage": row.get("language"),
        "author": author,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": label,
        },
        "itemReviewed": item,
    }


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def validate_claim_review(obj: dict) -> list[str]:
    """Problems with one ClaimReview object (empty when it is valid)."""
    problems = [f"missing {path}" for path in REQUIRED if _get(obj, path) in (None, "", [])]
    if obj.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")
    if _get(obj, "itemReviewed.@type") not in (None, "Claim"):
        problems.append("itemReviewed is not a Claim")
    rating = obj.get("reviewRating") or {}
    values = [rating.get(k) for k in ("worstRating", "ratingValue", "bestRating")]
    if all(isinstance(v, (int, float)) for v in values) and not values[0] <= values[1] <= values[2]:
        problems.append("ratingValue outside worstRating..bestRating")
    for path in ("datePublished", "itemReviewed.datePublished"):
        value = _get(obj, path)
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                problems.append(f"{path} is not an ISO date: {value!r}")
    appearances = [*(_get(obj, "itemReviewed.appearance") or []), _get(obj, "itemReviewed.firstAppearance") or {}]
    if any(not isinstance(a, dict) or ("url" in a and not clean_url(a["url"])) for a in appearances):
        problems.append("an appearance url is not an http(s) URL")
    for path in ("url",):
        value = _get(obj, path) or ""
        if not str(value).startswith(("http://", "https://")):
            problems.append(f"{path} is not an http(s) URL")
    return problems
