"""RSS 0.9x/1.0/2.0 and Atom feeds to article records (feedparser, after a defusedxml pass).

Safety first: every feed is parsed once with defusedxml, which refuses entity declarations
(billion laughs, external entities) before feedparser sees a byte. A document type
declaration alone is allowed (RSS 0.91 feeds carry Netscape's). Feeds that are not
well-formed XML (common in the wild: a stray ``&``) still go to feedparser's lenient parser,
but only when they declare no entity at all.

Each entry gives one record: title, link, published date (as written, in the feed's own time
zone), author, the feed's language and title (outlet), and the body from ``content`` when the
entry has one, else from ``summary``. When an entry has only a summary and the page it links
to was saved next to the feed (matched by URL or by file name, see ``PageIndex``), the saved
page's main text is used, and the page is marked as used by that entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from pipelines.ingest.html import fragment_to_text
from pipelines.ingest.meta import clean_fields, parse_date

_ENTITY_DECL = re.compile(r"<!\s*ENTITY", re.IGNORECASE)


def normalize_url(url: str | None) -> str | None:
    """Scheme, ``www.``, fragment and trailing slash do not distinguish two pages."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    path = unquote(parts.path).rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def url_stem(url: str | None) -> str | None:
    """The last path segment of a URL without its extension (``.../treaty-signed.html`` -> ``treaty-signed``)."""
    if not url:
        return None
    try:
        segment = unquote(urlsplit(url.strip()).path).rstrip("/").rsplit("/", 1)[-1]
    except ValueError:
        return None
    stem = segment.rsplit(".", 1)[0] if "." in segment else segment
    return stem.lower() or None


@dataclass
class PageIndex:
    """Saved HTML pages read in the same run, found by their canonical URL or their file name."""

    by_url: dict[str, dict] = field(default_factory=dict)
    by_stem: dict[str, dict] = field(default_factory=dict)

    def add(self, record: dict) -> None:
        key = normalize_url(record.get("url"))
        if key:
            self.by_url.setdefault(key, record)
        stem = Path(record["source_path"]).name.rsplit(".", 1)[0].lower()
        self.by_stem.setdefault(stem, record)

    def find(self, link: str | None) -> dict | None:
        key = normalize_url(link)
        if key and key in self.by_url:
            return self.by_url[key]
        stem = url_stem(link)
        return self.by_stem.get(stem) if stem else None


def _date_as_written(entry) -> tuple[str | None, tuple[str, str] | None]:
    """(the entry's date in its own time zone, or None; the first date field it has that
    could not be read, as (field, value), or None). feedparser's *_parsed fields are UTC, so
    they are only the last resort."""
    unread = None
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        day = parse_date(raw)
        if day:
            return day, None
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}", None
        unread = unread or (key, raw)
    return None, unread


def _body(entry) -> tuple[str, bool]:
    """(text, came from full content)."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            text = value if content.get("type") == "text/plain" else fragment_to_text(value)
            if text.strip():
                return text, True
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    text = summary if detail.get("type") == "text/plain" else fragment_to_text(summary)
    return text, False


def _author(entry) -> str | None:
    detail = entry.get("author_detail") or {}
    return detail.get("name") or entry.get("author") or None


def _safety_check(path: Path, data: bytes, result) -> object | None:
    """What feedparser may parse (bytes or decoded text), or None after recording why not."""
    from pipelines.ingest.decode import DecodeError, decode_bytes

    try:
        SafeET.fromstring(data)
        return data
    except DefusedXmlException as exc:
        result.error(path, f"refused: unsafe XML ({type(exc).__name__}: entity declarations are not accepted)")
        return None
    except SafeET.ParseError as exc:
        parse_error = str(exc)
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        result.error(path, f"not a feed: {exc}")
        return None
    if _ENTITY_DECL.search(text):
        result.error(path, f"refused: unsafe XML (declares entities and is not well-formed: {parse_error})")
        return None
    return text


def read_feed(path: Path, data: bytes, pages: PageIndex | None = None):
    """One record per feed entry; refused or empty feeds become error rows."""
    from pipelines.ingest.readers import ReadResult

    result = ReadResult()
    parseable = _safety_check(path, data, result)
    if parseable is None:
        return result
    feed = feedparser.parse(parseable, sanitize_html=True, resolve_relative_uris=False)
    if not feed.get("version"):
        result.error(path, "not a feed (no RSS or Atom document found)")
        return result
    if not feed.entries:
        result.error(path, "feed has no entries")
        return result
    outlet = feed.feed.get("title")
    checked, problems = clean_fields({"language": feed.feed.get("language")}, labels={"language": "feed language"})
    language = checked.get("language")
    for problem in problems:
        result.warn(path, problem)
    for index, entry in enumerate(feed.entries, start=1):
        problems: list[str] = []
        try:
            record = _entry_record(path, index, entry, outlet, language, pages, problems)
        except Exception as exc:  # one odd entry never loses the others
            result.error(path, f"entry {index}: could not be read ({type(exc).__name__})", index)
            continue
        if record is None:
            result.error(path, f"entry {index}: no text (no content, summary or saved page)", index)
            continue
        for problem in problems:
            result.warn(path, f"entry {index}: {problem}", index)
        result.records.append(record)
    return result


def _entry_record(path: Path, index: int, entry, outlet, language, pages: PageIndex | None, problems: list[str]) -> dict | None:
    body, full = _body(entry)
    link = entry.get("link")
    page = None
    if not full and pages is not None:
        page = pages.find(link)
        if page is not None and len(page.get("text", "")) > len(body):
            body = page["text"]
            # The page record stays in the run, marked: build_articles lists it as a copy.
            page.setdefault("used_by_path", str(path))
            page.setdefault("used_by_line", index)
        else:
            page = None
    title = (entry.get("title") or "").strip() or None
    if title:
        title = fragment_to_text(title)
    text = body.strip()
    if title and text and not text.startswith(title):
        text = f"{title}\n\n{text}"
    if not text:
        return None
    content_language = next((c.get("language") for c in entry.get("content") or [] if c.get("language")), None)
    published, unread = _date_as_written(entry)
    fields = {"url": link, "language": content_language}
    labels = {"url": "link", "language": "content language"}
    if unread:
        fields["published"], labels["published"] = unread[1], unread[0]
    checked, found = clean_fields(fields, labels=labels)
    problems.extend(found)
    record = {
        "text": text,
        "source_path": str(path),
        "source_kind": "feed",
        "title": title,
        "url": checked.get("url"),
        "author": _author(entry),
        "outlet": outlet,
        "language": checked.get("language") or language,
        "published": published,
    }
    if page is not None:
        for key in ("title", "url", "author", "published", "language"):
            if not record.get(key) and page.get(key):
                record[key] = page[key]
    return {k: v for k, v in record.items() if v not in (None, "")} | {"line_no": index}
