"""Front matter of Markdown articles (Hugo, Jekyll, Pandoc, Obsidian exports) read as metadata.

A ``.md`` file whose first line is ``---`` (YAML) or ``+++`` (TOML) starts with a block of
metadata that ends at the next line holding only the same marker (YAML also ``...``, as
Pandoc allows). The block is metadata, not article text: it is cut off before the Markdown is
read, so the text as read (its content hash, title line, dateline and every claim offset)
starts after it, as a ``.json`` article's text is its ``text`` value and a page's its main
text.

Keys, case ignored, the first one present for each field (the sidecar's fields):

* ``published``: ``published``, ``date``, ``publishDate``, ``pubDate``, ``datePublished``
* ``language``: ``language``, ``lang``, ``locale``
* ``title``, ``author`` (or ``authors``; a list is joined with ", ")
* ``url``: ``url``, ``canonical``, ``canonicalURL``, ``link``, ``permalink`` (a relative
  ``permalink`` such as Jekyll's ``/2025/05/02/scheda/`` names no page and is skipped)
* ``outlet``: ``outlet``, ``source``, ``publisher``, ``site``

Values are read as written (YAML through the base loader, which keeps ``2025-05-02`` a string,
so a date is never shifted to another time zone) and checked like a sidecar's
(``pipelines.ingest.meta.clean_fields``); a sidecar next to the file still beats them. A block
that is not closed gives one problem line and is read as text, as before; one that does not
parse gives one problem line and is dropped (it is never article text); one that parses to a
plain value or a list, not a mapping of keys, is Markdown (a rule, then a setext heading or a
list) and read as text, without a line. Every problem line ends as a sidecar's does (``ignored, the article is kept``): a
warning, the article is read.
"""

from __future__ import annotations

import tomllib

import yaml

from pipelines.ingest.meta import IGNORED, clean_fields

_BaseLoader: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}
FIELD_KEYS = {
    "published": ("published", "date", "publishdate", "pubdate", "datepublished"),
    "language": ("language", "lang", "locale"),
    "title": ("title",),
    "author": ("author", "authors"),
    "url": ("url", "canonical", "canonicalurl", "link", "permalink"),
    "outlet": ("outlet", "source", "publisher", "site"),
}


def _scalar(value) -> str | None:
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, list):
        parts = [str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
        return ", ".join(parts) or None
    text = str(value).strip()
    return text or None


def _fields(mapping: dict) -> dict:
    keyed = {str(k).strip().casefold(): v for k, v in mapping.items()}
    found: dict = {}
    for field, keys in FIELD_KEYS.items():
        for key in keys:
            value = _scalar(keyed.get(key))
            if value is None:
                continue
            if key == "permalink" and not value.lower().startswith(("http://", "https://")):
                continue
            found[field] = value
            break
    return found


def split_front_matter(text: str) -> tuple[dict, str, list[str]]:
    """(metadata fields, the text after the block, problem lines) of a Markdown document;
    ``({}, text, [])`` when it has no front matter. ``text`` has LF line ends."""
    start = 1 if text.startswith("\ufeff") else 0
    first_end = text.find("\n", start)
    marker = text[start:first_end if first_end >= 0 else len(text)].rstrip(" \t")
    if marker not in _CLOSERS:
        return {}, text, []
    if first_end < 0:
        return {}, text, [f"front matter: the {marker!r} block is not closed (read as article text); {IGNORED}"]
    pos = first_end + 1
    close_at = -1
    while pos <= len(text):
        end = text.find("\n", pos)
        line = text[pos:end if end >= 0 else len(text)]
        if line.rstrip(" \t") in _CLOSERS[marker]:
            close_at = end + 1 if end >= 0 else len(text)
            break
        if end < 0:
            break
        pos = end + 1
    if close_at < 0:
        return {}, text, [f"front matter: the {marker!r} block is not closed (read as article text); {IGNORED}"]
    block = text[first_end + 1:pos]
    body = text[close_at:]
    kind = "YAML" if marker == "---" else "TOML"
    try:
        parsed = yaml.load(block, Loader=_BaseLoader) if kind == "YAML" else tomllib.loads(block)  # noqa: S506 - the base loader builds only strings, lists and dicts
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:160]
        return {}, body, [f"front matter: not valid {kind} ({reason}); {IGNORED}"]
    if parsed is None:
        return {}, body, []
    if not isinstance(parsed, dict):
        # "---\nA line\n---" that parses as a plain value or a list is Markdown (a rule, then a
        # setext heading or list), not metadata: read as text, as before.
        return {}, text, []
    clean, problems = clean_fields(_fields(parsed))
    return clean, body, [f"front matter {problem}" for problem in problems]
