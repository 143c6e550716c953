"""Read article files into plain records, accounting for every input.

``read_inputs`` never raises for a bad file: it returns the good records and one error row per
file (or per JSONL line, CSV row, feed entry) that could not be used, each with a one-line
reason. Inputs are plain paths (``factcheck check PATH...``) or ``Input``s built from
``data/sources.yaml`` (a kind, hints, a column mapping, the data folder as boundary).

Safety: a folder is a boundary, and so is the data folder for declared sources: anything that
resolves outside it (a symlink, a ``..`` path) is refused and recorded, never opened. Only
regular files are opened (a FIFO or a device would block or never end), without following a
final symlink, and their size is checked on the open descriptor before reading.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ingest.bulk import column_plan, map_object, read_csv, read_jsonl
from pipelines.ingest.decode import DecodeError, decode_bytes
from pipelines.ingest.frontmatter import split_front_matter
from pipelines.ingest.html import html_to_article
from pipelines.ingest.markdown import markdown_to_text
from pipelines.ingest.meta import clean_fields

TEXT_SUFFIXES = {".txt", ".md"}
MARKDOWN_KINDS = {"md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
META_KEYS = ("published", "language", "outlet", "title", "url", "author")
TEXT_KEYS = ("text", "content", "body")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
READ_KINDS = ("auto", "text", "html", "json", "jsonl", "csv", "feed")
# raw.ingest_errors.severity: an ``error`` is an input that was not used (nothing of it was
# checked); a ``warning`` is one value of an input that was used without it (a published date,
# language or URL that cannot be read: the article is kept). Only errors make ``factcheck
# check`` exit non-zero.
ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass
class ReadResult:
    records: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def error(self, path: Path | str, reason: str, line_no: int | None = None, severity: str = ERROR) -> None:
        """Record an input that could not be used (``severity`` ``warning``: see ``warn``)."""
        self.errors.append({
            "source_path": str(path),
            "line_no": line_no,
            "reason": reason,
            "severity": severity,
            "recorded_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        })

    def warn(self, path: Path | str, reason: str, line_no: int | None = None) -> None:
        """Record a value the article is kept without (a row of raw.ingest_errors too)."""
        self.error(path, reason, line_no, severity=WARNING)

    def extend(self, other: "ReadResult") -> None:
        self.records.extend(other.records)
        self.errors.extend(other.errors)


def error_line(row: dict) -> str:
    """A row of raw.ingest_errors as one line: ``path: reason``, with ``warning: `` before the
    reason of a warning. The reason is printed as recorded (users grep for it)."""
    return f"{row['source_path']}: " + ("warning: " if row.get("severity") == WARNING else "") + str(row["reason"])


@dataclass(frozen=True)
class Input:
    """One thing to read: a file or folder, how to read it, and the hints that go with it."""

    path: Path
    kind: str = "auto"
    """How to read every file: by suffix (``auto``) or as one kind whatever the suffix."""
    name: str | None = None
    """The declared source's name, kept on every article (``raw.articles.source_name``)."""
    language: str | None = None
    """Language hint: used when an article's own metadata has none (before detection)."""
    outlet: str | None = None
    """Outlet hint: used when an article's own metadata has none (before the dateline)."""
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Column mapping for bulk files: (field, column names) pairs."""
    date_format: str | None = None
    delimiter: str | None = None
    boundary: Path | None = None
    """Nothing that resolves outside this folder is read (the data folder for declared sources)."""
    missing: str | None = None
    """The reason recorded when the path does not exist (default: no such file or folder)."""


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def sidecar_for(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX) if path.suffix else path.with_name(path.name + SIDECAR_SUFFIX)


def kind_for(path: Path) -> str:
    suffix = path.suffix.lower()
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("json", JSON_SUFFIXES), ("jsonl", JSONL_SUFFIXES), ("csv", CSV_SUFFIXES), ("feed", FEED_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return "text"


def _resolved(path: Path) -> Path | None:
    """``path.resolve()``, or None when a link on the way loops back on itself (Python 3.11
    raises ``RuntimeError`` for that, later versions ``OSError``): such a path is one bad input
    to record, not a reason to stop reading the others."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


LOOP = "refused: the link loops back on itself and never reaches a file"


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _sidecar_owners(names: Iterable[str]) -> set[str]:
    """The sidecar stems the article files among ``names`` claim: each name, and each name
    without its last suffix (``a.txt`` owns ``a.meta.json``, so does a bare ``a``).

    Built once per folder, so that telling orphan sidecars apart costs one set lookup each
    (scanning every sibling per sidecar took ~20 s for 20,000 articles in one folder)."""
    owners: set[str] = set()
    for name in names:
        if not name.endswith(SIDECAR_SUFFIX):
            owners.add(name)
            owners.add(name.rsplit(".", 1)[0])
    return owners


def _orphan_sidecar(name: str, owners: set[str]) -> bool:
    return name[: -len(SIDECAR_SUFFIX)] not in owners


def _walk(item: Input, given: Path, result: ReadResult) -> list[tuple[Input, Path]]:
    found: list[tuple[Input, Path]] = []
    root = given.resolve()
    boundary = item.boundary.resolve() if item.boundary is not None else None

    def escapes(resolved: Path) -> bool:
        return not _inside(resolved, root) or (boundary is not None and not _inside(resolved, boundary))

    for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        linked_dirs = sorted(d for d in dirnames if (here / d).is_symlink())
        owners = _sidecar_owners(filenames)
        # Only a link can resolve anywhere but its folder's resolved path plus its name: in a
        # folder that resolves inside the root, an entry that is not a link is inside too, so
        # one lstat replaces resolving every file (~0.35 ms each at 20,000 files).
        here_resolved = here.resolve()
        here_inside = not escapes(here_resolved)
        linked = set(linked_dirs)
        for name in sorted(filenames) + linked_dirs:
            if name.startswith("."):
                continue  # editor and OS droppings (.DS_Store, .~lock): not inputs
            path = os.path.join(dirpath, name)
            try:
                plain = here_inside and not stat.S_ISLNK(os.lstat(path).st_mode)
            except OSError:
                plain = False  # gone since the listing: judged as before, by resolving it
            if not plain:
                real = _resolved(Path(path))
                if real is None:
                    result.error(here / name, LOOP)
                    continue
                if escapes(real):
                    result.error(here / name, "refused: link leads outside the data folder")
                    continue
            if name in linked:
                result.error(here / name, "skipped: linked folder (links to folders are not followed)")
                continue
            if name.endswith(SIDECAR_SUFFIX):
                if item.kind in ("auto", "text", "html", "json") and _orphan_sidecar(name, owners):
                    result.error(here / name, "sidecar without an article file next to it")
                continue
            candidate = here / name
            if item.kind == "auto" and candidate.suffix.lower() not in ARTICLE_SUFFIXES:
                result.error(candidate, f"unsupported file type {candidate.suffix or '(none)'!r}")
                continue
            found.append((item, candidate))
    return found


def discover_inputs(items: Iterable[Input | Path | str], result: ReadResult) -> list[tuple[Input, Path]]:
    """Expand folders into (input, file) pairs, sorted, sidecars excluded; refuse escapes."""
    found: list[tuple[Input, Path]] = []
    for raw in items:
        item = raw if isinstance(raw, Input) else Input(path=Path(raw))
        given = Path(item.path).expanduser()
        real = _resolved(given)
        if real is None:
            result.error(given, LOOP)
            continue
        if item.boundary is not None and not _inside(real, item.boundary.resolve()):
            result.error(given, "refused: path leads outside the data folder")
            continue
        if not given.exists() and not given.is_symlink():
            result.error(given, item.missing or "no such file or folder")
            continue
        if given.is_dir():
            found.extend(_walk(item, given, result))
        elif not is_sidecar(given):
            found.append((item, given))
    return found


def discover(paths: Iterable[Path | str | Input], result: ReadResult) -> list[Path]:
    """Expand folders into article files (sorted, sidecars excluded); refuse escapes.

    A folder is a boundary: a symlink (or anything) inside it that resolves outside it is
    refused and recorded, never read.
    """
    return [path for _, path in discover_inputs(paths, result)]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, opened without following a final link, size checked before reading."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        # A path that is not a final link opens the same file as its resolved path; only a
        # link (inside the folder: discovery refused the others) needs resolving, and every
        # failure is raised by the resolved open as before (the message names that path).
        fd = os.open(path, flags)
    except OSError:
        real = _resolved(path)
        if real is None:
            raise DecodeError(LOOP.removeprefix("refused: ")) from None
        fd = os.open(real, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DecodeError("not a regular file (device, FIFO or socket)")
        if info.st_size > max_bytes:
            raise DecodeError(f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit")
        if info.st_size == 0:
            raise DecodeError("empty file")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise DecodeError(f"file grew past the {max_bytes:,}-byte limit while being read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _load_sidecar(path: Path, result: ReadResult) -> dict:
    side = sidecar_for(path)
    if not side.is_file():
        if os.path.islink(side):
            result.error(side, "sidecar ignored: the link leads to no file (broken, or it loops)")
        return {}
    # A sidecar that is not a link lies in its article's folder; only a link needs resolving.
    if os.path.islink(side) and not _inside(side.resolve(), path.parent.resolve()):
        result.error(side, "refused: link leads outside the data folder")
        return {}
    try:
        meta = json.loads(decode_bytes(_read_bytes(side, 1024 * 1024))[0])
    except (OSError, ValueError) as exc:
        result.error(side, f"sidecar ignored: not valid JSON ({_short(exc)})")
        return {}
    if not isinstance(meta, dict):
        result.error(side, "sidecar ignored: not a JSON object")
        return {}
    clean, problems = sidecar_fields(meta)
    for problem in problems:
        result.warn(side, problem)
    return clean


def sidecar_fields(meta: dict) -> tuple[dict, list[str]]:
    """(usable metadata, one problem line per unusable field) of a sidecar's JSON object
    (the fast reader in ``pipelines.incremental`` uses it too)."""
    return clean_fields({k: meta[k] for k in META_KEYS if k in meta})


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _title_and_body(text: str) -> str | None:
    head, sep, _ = text.lstrip("\ufeff").partition("\n")
    if sep and 0 < len(head.strip()) <= 200 and not head.rstrip().endswith((".", ":")):
        return head.strip()
    return None


def text_record(text: str, path: str, problems: list[str] | None = None) -> dict | None:
    """The record of a ``.txt`` or ``.md`` file's decoded text (Markdown as plain text, see
    ``pipelines.ingest.markdown``), or None when Markdown leaves no text; the fast reader in
    ``pipelines.incremental`` uses it too.

    Line ends are read as Python's ``open()`` reads a text file (CR LF and a lone CR become
    LF), so claim offsets index the text a user gets from the file. A Markdown file's front
    matter (``pipelines.ingest.frontmatter``) is metadata, not text: its fields go on the
    record (a sidecar's still beat them) and a line per unusable part goes to ``problems``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind = os.path.splitext(path)[1].lower().lstrip(".") or "txt"
    front: dict = {}
    if kind in MARKDOWN_KINDS:
        front, text, found = split_front_matter(text)
        if problems is not None:
            problems.extend(found)
        text = markdown_to_text(text)
        if not text.strip():
            return None
    record = {"text": text, "source_path": path, "source_kind": kind, "line_no": None}
    title = _title_and_body(text)
    if title:
        record["title"] = title
    record.update(front)
    return record


def read_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    kind: str = "auto",
    columns: dict | None = None,
    date_format: str | None = None,
    delimiter: str | None = None,
    pages=None,
) -> ReadResult:
    """Records from one file (one, or one per line/row/entry), or error rows saying why not."""
    result = ReadResult()
    path = Path(path)
    kind = kind_for(path) if kind == "auto" else kind
    try:
        data = _read_bytes(path, max_bytes)
    except (OSError, DecodeError) as exc:
        result.error(path, _short(exc))
        return result

    if kind == "feed":
        from pipelines.ingest.feeds import read_feed

        result.extend(read_feed(path, data, pages))
        return result

    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as exc:
        result.error(path, _short(exc))
        return result
    if not text.strip():
        result.error(path, "no text (only whitespace)")
        return result

    if kind == "jsonl":
        read_jsonl(path, text, result, columns=columns, date_format=date_format)
        return result
    if kind == "csv":
        read_csv(path, text, result, columns=columns, date_format=date_format, delimiter=delimiter, max_field=max_bytes)
        return result

    if kind == "json":
        try:
            obj = json.loads(text)
        except ValueError as exc:
            result.error(path, f"not valid JSON ({_short(exc)})")
            return result
        problems: list[str] = []
        record = map_object(obj, column_plan(columns), date_format, problems) if isinstance(obj, dict) else None
        if record is None:
            result.error(path, "no article text (a JSON object with 'text' is expected)")
            return result
        for problem in problems:
            result.warn(path, problem)
        record.update(source_path=str(path), source_kind="json", line_no=None)
    elif kind == "html":
        try:
            record = html_to_article(text)
        except Exception as exc:  # trafilatura raises many kinds on broken markup
            result.error(path, f"HTML could not be read ({_short(exc)})")
            return result
        if not record.get("text", "").strip():
            result.error(path, "HTML page has no readable text")
            return result
        # The page's own markup (canonical link, meta tags) can hold anything: checked like a sidecar.
        fields, problems = clean_fields({k: record.pop(k) for k in ("url", "published", "language") if k in record})
        record.update(fields)
        for problem in problems:
            result.warn(path, f"page metadata {problem}")
        record.update(source_path=str(path), source_kind="html", line_no=None)
    else:
        problems = []
        record = text_record(text, str(path), problems)
        for problem in problems:
            result.warn(path, problem)
        if record is None:
            result.error(path, "Markdown has no readable text (only markup, images or HTML without text)")
            return result
    record.update(_load_sidecar(path, result))
    result.records.append(record)
    return result


def _apply_hints(records: list[dict], item: Input) -> None:
    for record in records:
        if item.name:
            record["source_name"] = item.name
        if item.language and not record.get("language"):
            record["language"] = item.language
        if item.outlet and not record.get("outlet"):
            record["outlet"] = item.outlet


def _read_one(item: Input, path: Path, kind: str, max_bytes: int, pages=None) -> ReadResult:
    try:
        out = read_file(path, max_bytes=max_bytes, kind=kind, columns=dict(item.columns) or None, date_format=item.date_format, delimiter=item.delimiter, pages=pages)
    except Exception as exc:  # one bad file never stops the others
        out = ReadResult()
        out.error(path, f"unexpected error: {type(exc).__name__}: {_short(exc)}")
    _apply_hints(out.records, item)
    return out


def read_inputs(paths: Iterable[Path | str | Input], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read files, folders and declared sources; every input ends up in ``records`` or ``errors``.

    Feeds are read after the other files so that an entry with only a summary can use the
    saved copy of the page it links to (``PageIndex``); a page used that way is marked
    (``used_by_path``/``used_by_line``) and ``build_articles`` lists it as a ``page`` copy.
    """
    from pipelines.ingest.feeds import PageIndex

    result = ReadResult()
    found = discover_inputs(paths, result)
    kinds = [kind_for(path) if item.kind == "auto" else item.kind for item, path in found]
    outputs: list[ReadResult | None] = [None] * len(found)
    pages = PageIndex()
    for i, ((item, path), kind) in enumerate(zip(found, kinds)):
        if kind != "feed":
            outputs[i] = _read_one(item, path, kind, max_bytes)
            if kind == "html":
                for record in outputs[i].records:
                    pages.add(record)
    for i, ((item, path), kind) in enumerate(zip(found, kinds)):
        if kind == "feed":
            outputs[i] = _read_one(item, path, kind, max_bytes, pages)
    for out in outputs:
        result.extend(out)
    return result
