"""Fetch remote feeds politely into the data folder's cache (standard library only).

Polite means: a User-Agent that says who is asking, conditional requests (``ETag`` /
``Last-Modified``, so an unchanged feed costs one 304), at most one fetch per schedule
interval, a socket timeout and an overall deadline, and a size limit checked both on
``Content-Length`` and while reading. Only http and https are followed (redirects included);
the copy on disk is replaced atomically and kept when a fetch fails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"


@dataclass
class FetchOutcome:
    source_name: str
    url: str
    fetch_status: str
    """fetched, not_modified, fresh (fetched recently enough: not asked again) or failed."""
    http_status: int | None
    byte_count: int | None
    reason: str | None
    cache_path: str
    fetched_at: dt.datetime


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.URLError(f"refused redirect to {newurl.split(':', 1)[0]}: only http(s) is followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects())


def _state_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".state.json")


def _load_state(dest: Path) -> dict:
    try:
        state = json.loads(_state_path(dest).read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_atomic(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def fetch_feed(
    name: str,
    url: str,
    dest: Path,
    *,
    timeout: float = 20.0,
    max_bytes: int = 10 * 1024 * 1024,
    user_agent: str,
    min_interval: int | None = None,
    manual: bool = False,
) -> FetchOutcome:
    """Fetch ``url`` into ``dest`` unless the cached copy is recent enough; never raises."""
    outcome = FetchOutcome(name, url, "failed", None, None, None, str(dest), _now())
    state = _load_state(dest)
    if dest.is_file() and state.get("url") == url:
        age = time.time() - float(state.get("checked_at", 0))
        if manual or (min_interval is not None and age < min_interval):
            outcome.fetch_status, outcome.byte_count = "fresh", dest.stat().st_size
            outcome.reason = "manual schedule: kept the cached copy" if manual else f"fetched {int(age)} s ago, schedule allows one fetch per {min_interval} s"
            return outcome
    headers = {"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "identity"}
    if dest.is_file() and state.get("url") == url:
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
    deadline = time.monotonic() + 3 * timeout
    try:
        request = urllib.request.Request(url, headers=headers)
        with _OPENER.open(request, timeout=timeout) as response:
            outcome.http_status = response.status
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise ValueError(f"feed is {int(length):,} bytes, over the {max_bytes:,}-byte limit")
            chunks, total = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete answer within {3 * timeout:g} s")
                chunk = response.read(min(65536, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > max_bytes:
                    raise ValueError(f"feed is over the {max_bytes:,}-byte limit")
            data = b"".join(chunks)
            if not data:
                raise ValueError("empty answer")
            _write_atomic(dest, data)
            state = {"url": url, "etag": response.headers.get("ETag"), "last_modified": response.headers.get("Last-Modified")}
            outcome.fetch_status, outcome.byte_count = "fetched", len(data)
    except urllib.error.HTTPError as exc:
        outcome.http_status = exc.code
        if exc.code == 304:
            outcome.fetch_status, outcome.byte_count = "not_modified", dest.stat().st_size if dest.is_file() else None
        else:
            outcome.reason = f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, OSError, socket.timeout, ValueError, TimeoutError) as exc:
        reason = getattr(exc, "reason", None) or exc
        outcome.reason = (str(reason).splitlines() or [type(exc).__name__])[0][:200] or type(exc).__name__
    if outcome.fetch_status in ("fetched", "not_modified"):
        state.update(url=url, checked_at=time.time())
        _write_atomic(_state_path(dest), json.dumps(state).encode())
    return outcome


def fetch_sources(sources, data_dir: Path) -> list[dict]:
    """Fetch every enabled ``feed_url`` source of a ``SourcesFile``; one row per source."""
    from pipelines.ingest.sources import schedule_seconds

    rows = []
    for source in sources.enabled:
        if source.kind != "feed_url":
            continue
        outcome = fetch_feed(
            source.name,
            source.url,
            source.location(Path(data_dir)),
            timeout=sources.fetch.timeout_seconds,
            max_bytes=sources.fetch.max_bytes,
            user_agent=sources.fetch.user_agent,
            min_interval=schedule_seconds(source.schedule),
            manual=(source.schedule or "").strip().lower() == "manual",
        )
        rows.append(asdict(outcome))
    return rows
