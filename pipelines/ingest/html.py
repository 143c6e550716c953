"""HTML pages to main text and metadata with trafilatura (scripts and styles never run)."""

from __future__ import annotations

import html as html_lib
import re

import trafilatura
from trafilatura.settings import use_config

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work outside the main thread

_TAGS = re.compile(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]+>")


def html_to_article(markup: str) -> dict:
    """Main text plus title/date/author/language from the page's own metadata when present."""
    text = trafilatura.extract(
        markup,
        config=_CONFIG,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=True,
    )
    meta = trafilatura.extract_metadata(markup)
    if not text:
        # Fallback for tiny pages trafilatura judges to have no main text.
        text = html_lib.unescape(_TAGS.sub(" ", markup))
        text = re.sub(r"[ \t]+", " ", text)
        text = re.sub(r"\s*\n\s*", "\n", text).strip()
    record: dict = {"text": text}
    if meta is not None:
        for key_out, key_in in (("title", "title"), ("published", "date"), ("author", "author"), ("url", "url"), ("outlet", "sitename")):
            value = getattr(meta, key_in, None)
            if value:
                record[key_out] = value
    lang = re.search(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", markup[:5000])
    if lang:
        record["language"] = lang.group(1).lower()
    return record
