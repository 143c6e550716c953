"""Read article files into plain records, accounting for every input.

``read_inputs`` never raises for a bad file: it returns the good records and one error row per
file (or per JSONL line) that could not be used, each with a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ingest.decode import DecodeError, decode_bytes
from pipelines.ingest.html import html_to_article

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
META_KEYS = ("published", "language", "outlet", "title", "url", "author")
TEXT_KEYS = ("text", "content", "body")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ReadResult:
    records: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def error(self, path: Path | str, reason: str, line_no: int | None = None) -> None:
        self.errors.append({
            "source_path": str(path),
            "line_no": line_no,
            "reason": reason,
            "recorded_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        })

    def extend(self, other: "ReadResult") -> None:
        self.records.extend(other.records)
        self.errors.extend(other.errors)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def sidecar_for(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX) if path.suffix else path.with_name(path.name + SIDECAR_SUFFIX)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def discover(paths: Iterable[Path | str], result: ReadResult) -> list[Path]:
    """Expand folders into article files (sorted, sidecars excluded); refuse escapes.

    A folder is a boundary: a symlink (or anything) inside it that resolves outside it is
    refused and recorded, never read.
    """
    found: list[Path] = []
    for raw in paths:
        given = Path(raw).expanduser()
        if not given.exists() and not given.is_symlink():
            result.error(given, "no such file or folder")
            continue
        if given.is_dir():
            root = given.resolve()
            for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames) + sorted(d for d in dirnames if (Path(dirpath) / d).is_symlink()):
                    candidate = Path(dirpath) / name
                    if name.startswith(".") or is_sidecar(candidate):
                        continue
                    resolved = candidate.resolve()
                    if not _inside(resolved, root):
                        result.error(candidate, "refused: link leads outside the data folder")
                        continue
                    if candidate.is_dir():
                        continue
                    if candidate.suffix.lower() not in ARTICLE_SUFFIXES:
                        result.error(candidate, f"unsupported file type {candidate.suffix or '(none)'!r}")
                        continue
                    found.append(candidate)
        else:
            if is_sidecar(given):
                continue
            found.append(given)
    return found


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    if size == 0:
        raise DecodeError("empty file")
    with open(path, "rb") as handle:
        return handle.read(max_bytes + 1)


def _load_sidecar(path: Path, result: ReadResult) -> dict:
    side = sidecar_for(path)
    if not side.exists():
        return {}
    try:
        meta = json.loads(decode_bytes(side.read_bytes())[0])
    except (OSError, ValueError) as exc:
        result.error(side, f"sidecar ignored: not valid JSON ({_short(exc)})")
        return {}
    if not isinstance(meta, dict):
        result.error(side, "sidecar ignored: not a JSON object")
        return {}
    return {k: meta[k] for k in META_KEYS if meta.get(k) not in (None, "")}


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _title_and_body(text: str) -> str | None:
    head, sep, _ = text.lstrip("\ufeff").partition("\n")
    if sep and 0 < len(head.strip()) <= 200 and not head.rstrip().endswith((".", ":")):
        return head.strip()
    return None


def _record_from_object(obj: dict, path: Path, kind: str, line_no: int | None) -> dict | None:
    text = next((obj[k] for k in TEXT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()), None)
    if text is None:
        return None
    record = {k: str(obj[k]) for k in META_KEYS if obj.get(k) not in (None, "")}
    record.update(text=text, source_path=str(path), source_kind=kind, line_no=line_no)
    return record


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    result = ReadResult()
    suffix = path.suffix.lower()
    try:
        data = _read_bytes(path, max_bytes)
        text, _encoding = decode_bytes(data)
    except (OSError, DecodeError) as exc:
        result.error(path, _short(exc))
        return result
    if not text.strip():
        result.error(path, "no text (only whitespace)")
        return result

    if suffix in JSONL_SUFFIXES:
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                result.error(path, f"line {line_no}: not valid JSON ({_short(exc)})", line_no)
                continue
            record = _record_from_object(obj, path, "jsonl", line_no) if isinstance(obj, dict) else None
            if record is None:
                result.error(path, f"line {line_no}: no article text (an object with 'text' is expected)", line_no)
                continue
            result.records.append(record)
        return result

    if suffix in JSON_SUFFIXES:
        try:
            obj = json.loads(text)
        except ValueError as exc:
            result.error(path, f"not valid JSON ({_short(exc)})")
            return result
        record = _record_from_object(obj, path, "json", None) if isinstance(obj, dict) else None
        if record is None:
            result.error(path, "no article text (a JSON object with 'text' is expected)")
            return result
        record.update(_load_sidecar(path, result))
        result.records.append(record)
        return result

    if suffix in FEED_SUFFIXES:
        from pipelines.ingest.feeds import read_feed  # optional dependency chain (feedparser)

        result.extend(read_feed(path, data))
        return result

    if suffix in HTML_SUFFIXES:
        try:
            record = html_to_article(text)
        except Exception as exc:  # trafilatura raises many kinds on broken markup
            result.error(path, f"HTML could not be read ({_short(exc)})")
            return result
        if not record.get("text", "").strip():
            result.error(path, "HTML page has no readable text")
            return result
        record.update(source_path=str(path), source_kind="html", line_no=None)
    else:
        record = {"text": text, "source_path": str(path), "source_kind": suffix.lstrip(".") or "txt", "line_no": None}
        title = _title_and_body(text)
        if title:
            record["title"] = title
    record.update(_load_sidecar(path, result))
    result.records.append(record)
    return result


def read_inputs(paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read files and folders; every input ends up in ``records`` or ``errors``."""
    result = ReadResult()
    for path in discover(paths, result):
        try:
            result.extend(read_file(path, max_bytes=max_bytes))
        except Exception as exc:  # one bad file never stops the others
            result.error(path, f"unexpected error: {type(exc).__name__}: {_short(exc)}")
    return result
