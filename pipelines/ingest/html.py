"""HTML to text: trafilatura for whole pages, lxml for feed fragments. Nothing is executed.

Whole saved pages go through trafilatura's main-text extraction, which drops menus, footers,
"related" lists and cookie banners; title, date, author, URL, site name and language come from
the page's own markup (meta tags, JSON-LD, ``<html lang>``), never guessed from the body text.
Feed entries carry an HTML fragment that is already the article body, so they only need their
tags removed (scripts, styles and embeds dropped, block elements turned into line breaks).
"""

from __future__ import annotations

import html as html_lib
import re

import lxml.html
import trafilatura
from trafilatura.metadata import extract_metadata
from trafilatura.settings import use_config

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work outside the main thread

_TAGS = re.compile(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]+>")
_LANG_PATTERNS = (
    re.compile(r"(?is)<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2})(?:[-_][a-zA-Z]+)?\b"),
    re.compile(r"(?is)<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*[\"']?([a-zA-Z]{2})\b"),
    re.compile(r"(?is)<meta\b[^>]*?property\s*=\s*[\"']?og:locale[\"']?[^>]*?content\s*=\s*[\"']?([a-zA-Z]{2})(?:[-_][a-zA-Z]+)?\b"),
)
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "form", "button")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "header", "footer", "pre", "figcaption", "dd", "dt")


def _squeeze(text: str) -> str:
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def _strip_tags(markup: str) -> str:
    return _squeeze(html_lib.unescape(_TAGS.sub(" ", markup)))


def page_language(markup: str) -> str | None:
    head = markup[:20000]
    for pattern in _LANG_PATTERNS:
        found = pattern.search(head)
        if found:
            return found.group(1).lower()
    return None


def html_to_article(markup: str) -> dict:
    """Main text plus title/date/author/url/outlet/language from the page's own metadata."""
    text = trafilatura.extract(
        markup,
        config=_CONFIG,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # trafilatura's deduplication remembers paragraphs across calls (a process-wide cache),
        # which would blank out the body of a second copy of the same wire story.
        deduplicate=False,
    )
    meta = extract_metadata(markup, extensive=False)
    if not text:
        # Fallback for tiny pages trafilatura judges to have no main text.
        text = _strip_tags(markup)
    record: dict = {"text": text}
    for key_out, key_in in (("title", "title"), ("published", "date"), ("author", "author"), ("url", "url"), ("outlet", "sitename")):
        value = getattr(meta, key_in, None)
        if value:
            record[key_out] = value
    language = page_language(markup)
    if language:
        record["language"] = language
    return record


def fragment_to_text(markup: str) -> str:
    """Text of an HTML fragment (a feed entry's body): tags removed, paragraphs kept as lines."""
    if "<" not in markup:
        return _squeeze(html_lib.unescape(markup))
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml refuses some byte soups; a regex strip is still safe (nothing runs)
        return _strip_tags(markup)
    for element in root.xpath("|".join(f"//{tag}" for tag in _DROP)):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag == "br":
            continue
        element.text = "\n" + (element.text or "")
    return _squeeze(root.text_content())
