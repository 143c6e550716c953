"""Declared sources (``<data>/sources.yaml``): what the desk reads, and how.

A sources file lists the folders, feed files, feed URLs and bulk exports to ingest, each with
a kind, hints (language, outlet), a schedule hint and, for bulk files, a column mapping. It is
validated with pydantic; any problem is one ``SourcesError`` line naming the file, the entry
and the field. Without a sources file the data folder's ``articles/`` folder is the only
source, so ``FACTCHECK_DATA`` pointing at a bare folder of articles keeps working.

Paths are relative to the data folder and may not lead outside it (a declared path, or a link
inside a declared folder, that resolves outside is refused and recorded, never read). Remote
feeds (``feed_url``) are fetched into ``<data>/cache/feeds/<name>.xml`` by the
``raw.feed_fetches`` asset and read from there like feed files.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipelines import yamlio
from pipelines.ingest.neardup import NearDuplicates
from pipelines.ingest.readers import Input

SOURCES_FILE = "sources.yaml"
FEED_CACHE = Path("cache") / "feeds"
USER_AGENT = "treaty-factcheck/0.1 (news monitoring desk feed reader; polite: conditional requests, one fetch per schedule)"
Kind = Literal["folder", "html_folder", "feed_file", "feed_url", "jsonl", "csv"]
READ_AS: dict[str, str] = {"folder": "auto", "html_folder": "html", "feed_file": "feed", "feed_url": "feed", "jsonl": "jsonl", "csv": "csv"}
SCHEDULES = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400}
_EVERY = re.compile(r"^(?:every\s+)?(\d+)\s*(m|min|minutes?|h|hours?|d|days?)$")


class SourcesError(ValueError):
    """A sources file that cannot be used; the message is one line naming file, entry and field."""


class Columns(BaseModel):
    """Which column of a bulk export holds each article field (a name, or names to try in order)."""

    model_config = ConfigDict(extra="forbid")
    text: str | list[str] | None = None
    title: str | list[str] | None = None
    published: str | list[str] | None = None
    language: str | list[str] | None = None
    outlet: str | list[str] | None = None
    url: str | list[str] | None = None
    author: str | list[str] | None = None

    def pairs(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        out = []
        for name, value in self.model_dump(exclude_none=True).items():
            out.append((name, (value,) if isinstance(value, str) else tuple(value)))
        return tuple(out)


class Source(BaseModel):
    """One declared source."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)
    kind: Kind
    path: str | None = None
    url: str | None = None
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    outlet: str | None = None
    schedule: str | None = None
    columns: Columns | None = None
    date_format: str | None = None
    delimiter: str | None = Field(default=None, min_length=1, max_length=1)
    enabled: bool = True
    description: str | None = None

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str | None) -> str | None:
        if value is not None and schedule_seconds(value) is None and value.strip().lower() != "manual":
            raise ValueError("use hourly, daily, weekly, manual or 'every N minutes|hours|days'")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
            raise ValueError("must be an http:// or https:// URL")
        return value

    @model_validator(mode="after")
    def _kind_fields(self) -> "Source":
        if self.kind == "feed_url":
            if not self.url:
                raise ValueError("kind feed_url needs a url")
            if self.path:
                raise ValueError("kind feed_url takes a url, not a path")
        else:
            if not self.path:
                raise ValueError(f"kind {self.kind} needs a path (relative to the data folder)")
            if self.url:
                raise ValueError(f"kind {self.kind} takes a path, not a url (use kind feed_url for remote feeds)")
        if (self.columns is not None or self.delimiter is not None) and self.kind not in ("jsonl", "csv", "folder"):
            raise ValueError(f"columns and delimiter apply to jsonl, csv and folder sources, not {self.kind}")
        return self

    def location(self, data_dir: Path) -> Path:
        """Where the source's files are (the cache file for a feed URL)."""
        if self.kind == "feed_url":
            return data_dir / FEED_CACHE / f"{self.name}.xml"
        path = Path(self.path).expanduser()
        return path if path.is_absolute() else data_dir / path

    def to_input(self, data_dir: Path) -> Input:
        return Input(
            path=self.location(data_dir),
            kind=READ_AS[self.kind],
            name=self.name,
            language=self.language,
            outlet=self.outlet,
            columns=self.columns.pairs() if self.columns else (),
            date_format=self.date_format,
            delimiter=self.delimiter,
            boundary=data_dir,
            missing=f"feed {self.url} not fetched yet (see raw.feed_fetches)" if self.kind == "feed_url" else None,
        )


class NearDuplicateSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    threshold: float = Field(default=NearDuplicates.threshold, gt=0.0, le=1.0)
    shingle_words: int = Field(default=NearDuplicates.shingle_words, ge=1, le=20)
    min_words: int = Field(default=NearDuplicates.min_words, ge=1)

    def settings(self) -> NearDuplicates:
        return NearDuplicates(enabled=self.enabled, threshold=self.threshold, shingle_words=self.shingle_words, min_words=self.min_words)


class FetchSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    timeout_seconds: float = Field(default=20.0, gt=0, le=300)
    max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    user_agent: str = USER_AGENT


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[Source] = Field(min_length=1)
    near_duplicates: NearDuplicateSettings = NearDuplicateSettings()
    fetch: FetchSettings = FetchSettings()

    @model_validator(mode="after")
    def _unique_names(self) -> "SourcesFile":
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(f"two sources are named {source.name!r}")
            seen.add(source.name)
        return self

    @property
    def enabled(self) -> list[Source]:
        return [s for s in self.sources if s.enabled]

    def inputs(self, data_dir: Path) -> list[Input]:
        return [s.to_input(data_dir) for s in self.enabled]

    def watched_paths(self, data_dir: Path) -> list[Path]:
        """Local files and folders the sensor watches (feed URLs are fetched, not watched)."""
        return [s.location(data_dir) for s in self.enabled if s.kind != "feed_url"]

    @property
    def near(self) -> NearDuplicates:
        return self.near_duplicates.settings()


def default_sources() -> SourcesFile:
    return SourcesFile(sources=[Source(name="articles", kind="folder", path="articles", schedule="daily", description="The data folder's articles/ folder.")])


def schedule_seconds(schedule: str | None) -> int | None:
    """Seconds between two fetches for a schedule hint; None for every refresh / manual."""
    if not schedule:
        return None
    text = schedule.strip().lower()
    if text in SCHEDULES:
        return SCHEDULES[text]
    found = _EVERY.match(text)
    if not found:
        return None
    unit = found.group(2)[0]
    return int(found.group(1)) * {"m": 60, "h": 3600, "d": 86400}[unit]


def _where(loc: tuple, raw: dict | None) -> str:
    parts = []
    entries = raw.get("sources") if isinstance(raw, dict) else None
    i = 0
    while i < len(loc):
        item = loc[i]
        if item == "sources" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            index = loc[i + 1]
            name = entries[index].get("name") if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict) else None
            parts.append(f"sources[{index}]" + (f" ({name})" if name else ""))
            i += 2
            continue
        parts.append(str(item))
        i += 1
    return ".".join(parts)


def parse_sources(text: str, label: str) -> SourcesFile:
    try:
        raw = yamlio.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise SourcesError(f"{label}: not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    if raw is None:
        raise SourcesError(f"{label}: empty file (a 'sources:' list is expected)")
    if not isinstance(raw, dict):
        raise SourcesError(f"{label}: a mapping with a 'sources:' list is expected, not {type(raw).__name__}")
    try:
        return SourcesFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _where(tuple(l for l in first["loc"] if not str(l).startswith("function-after")), raw)
        message = first["msg"].removeprefix("Value error, ")
        extra = f" (got {first['input']!r})" if first["type"] in ("literal_error", "string_pattern_mismatch", "extra_forbidden") and not isinstance(first.get("input"), dict) else ""
        count = len(exc.errors())
        more = f" [+{count - 1} more problem{'s' if count > 2 else ''}]" if count > 1 else ""
        raise SourcesError(f"{label}: {where + ': ' if where else ''}{message}{extra}{more}") from None


def load_sources(data_dir: Path) -> SourcesFile:
    """The data folder's sources file, or the default (its ``articles/`` folder) when it has none."""
    path = Path(data_dir) / SOURCES_FILE
    if not path.is_file():
        return default_sources()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot be read ({exc})") from None
    return parse_sources(text, str(path))


def fingerprint(paths: list[Path]) -> str:
    """A hash of every file's path, size and modification time under ``paths``."""
    digest = hashlib.sha256()
    for base in paths:
        base = Path(base)
        if base.is_file():
            stat = base.stat()
            digest.update(f"{base}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
            continue
        for root, dirs, files in os.walk(base):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


def watched_paths(data_dir: Path) -> list[Path]:
    """What the sensor watches: the sources file and every declared local source.

    A broken sources file still watches itself (and ``articles/``), so fixing it triggers a run.
    """
    data_dir = Path(data_dir)
    try:
        declared = load_sources(data_dir).watched_paths(data_dir)
    except SourcesError:
        declared = [data_dir / "articles"]
    return [data_dir / SOURCES_FILE, *declared]
