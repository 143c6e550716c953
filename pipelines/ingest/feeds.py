"""RSS/Atom feed files to article records with feedparser, after a defusedxml safety pass."""

from __future__ import annotations

from pathlib import Path

import feedparser
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from pipelines.ingest.html import html_to_article


def read_feed(path: Path, data: bytes):
    from pipelines.ingest.readers import ReadResult

    result = ReadResult()
    try:
        # Entity declarations (billion laughs, external entities) are refused before parsing.
        SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        result.error(path, f"refused: unsafe XML ({type(exc).__name__})")
        return result
    except SafeET.ParseError as exc:
        result.error(path, f"not well-formed XML ({exc})")
        return result
    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        result.error(path, "feed has no entries")
        return result
    outlet = feed.feed.get("title")
    language = (feed.feed.get("language") or "")[:2].lower() or None
    for index, entry in enumerate(feed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        text = html_to_article(f"<html><body><article>{body}</article></body></html>")["text"] if "<" in body else body
        title = entry.get("title")
        if title and text and not text.startswith(title):
            text = f"{title}\n\n{text}"
        if not (text or "").strip():
            result.error(path, f"entry {index}: no text", index)
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        record = {
            "text": text,
            "source_path": str(path),
            "source_kind": "feed",
            "line_no": index,
            "title": title,
            "url": entry.get("link"),
            "author": entry.get("author"),
            "outlet": outlet,
            "language": language,
        }
        if published:
            record["published"] = f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
        result.records.append({k: v for k, v in record.items() if v not in (None, "")} | {"line_no": index})
    return result
