"""Article metadata as read from sidecars, JSON keys, bulk columns, feeds and pages: checked
field by field, so a bad value is never used and never dropped silently.

``clean_fields`` gives the fields that can be used and one line per field that cannot (its
name, its value, and what the article falls back to); the readers record each line in
``raw.ingest_errors`` against the file that holds the value (the sidecar, the JSON or bulk
file with its line, the feed with its entry) and keep the article.

* ``url``: only an absolute ``http``/``https`` URL with a host; anything else (``javascript:``,
  ``data:``, a relative path) would end up as a link in the report.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SHOWN_CHARS = 80


def shown(value) -> str:
    """A value for a one-line message: shortened, newlines and quotes escaped."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return repr(text)


def clean_url(value) -> str | None:
    """``value`` (stripped) when it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    # Cheap refusals first: most values are fine, and a control character or a space inside
    # a URL is never one a browser should be handed as is.
    if not url.lower().startswith(("http://", "https://")) or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    return url if host else None


def clean_fields(fields: dict, *, labels: dict[str, str] | None = None) -> tuple[dict, list[str]]:
    """(usable fields, one problem line per unusable field). ``fields`` maps article fields
    (``url``, ``published``, ...) to values as read; ``labels`` names a field as its file
    does (``link``, ``meta.url``) in the problem line. Values that are None or blank count
    as absent, everything kept is a string."""
    clean: dict = {}
    problems: list[str] = []
    for name, value in fields.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        label = (labels or {}).get(name, name)
        if name == "url":
            url = clean_url(value)
            if url is None:
                problems.append(f"{label}: {shown(value)} is not an absolute http(s) URL; the article is kept without a link")
                continue
            clean[name] = url
        else:
            clean[name] = value if isinstance(value, str) else str(value)
    return clean, problems
