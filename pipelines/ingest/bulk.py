"""Bulk exports: JSONL (one object per line) and CSV (one row per article), with a column mapping.

A mapping names, for each article field, the export's column that holds it
(``{"text": "body", "title": "headline", "published": "date"}``); fields left out fall back to
the column of the same name (and ``text`` to ``content`` / ``body``). JSONL columns may be
dotted paths into nested objects (``meta.published``). Each bad line or row becomes its own
error row; the good ones are kept.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from pipelines.ingest.meta import clean_fields

ARTICLE_FIELDS = ("text", "title", "published", "language", "outlet", "url", "author")
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body"),
    **{f: (f,) for f in ARTICLE_FIELDS if f != "text"},
}


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def column_plan(columns: dict[str, str | list[str]] | None) -> dict[str, tuple[str, ...]]:
    plan = dict(DEFAULT_COLUMNS)
    for name, value in (columns or {}).items():
        plan[name] = (value,) if isinstance(value, str) else tuple(value)
    return plan


def _lookup(obj: dict, key: str):
    if key in obj:
        return obj[key]
    node = obj
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def map_object(obj: dict, plan: dict[str, tuple[str, ...]], date_format: str | None = None, problems: list[str] | None = None) -> dict | None:
    """Article fields from one exported object, or None when it has no text.

    A field whose value cannot be used (``pipelines.ingest.meta``) is left out, and a line
    naming it (as the export names it) is added to ``problems``."""
    record: dict = {}
    found: dict = {}
    labels: dict[str, str] = {}
    for name, keys in plan.items():
        for key in keys:
            value = _lookup(obj, key)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if name == "text":
                if not isinstance(value, str):
                    continue
                record[name] = value
            elif isinstance(value, (dict, list)):
                found[name] = json.dumps(value, ensure_ascii=False)
            else:
                found[name] = value
            labels[name] = name if key == name else f"{name} ({key!r})"
            break
    if not record.get("text", "").strip():
        return None
    clean, found_problems = clean_fields(found, labels=labels, date_format=date_format)
    record.update(clean)
    if problems is not None:
        problems.extend(found_problems)
    return record


def read_jsonl(path: Path, text: str, result, *, columns=None, date_format: str | None = None) -> None:
    plan = column_plan(columns)
    wanted = "/".join(plan["text"])
    # split on "\n" only: JSON strings may hold U+2028 and other characters splitlines() breaks on
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            result.error(path, f"line {line_no}: not valid JSON ({_short(exc)})", line_no)
            continue
        problems: list[str] = []
        record = map_object(obj, plan, date_format, problems) if isinstance(obj, dict) else None
        if record is None:
            result.error(path, f"line {line_no}: no article text (an object with a non-empty {wanted!r} is expected)", line_no)
            continue
        for problem in problems:
            result.warn(path, f"line {line_no}: {problem}", line_no)
        record.update(source_path=str(path), source_kind="jsonl", line_no=line_no)
        result.records.append(record)


def read_csv(path: Path, text: str, result, *, columns=None, date_format: str | None = None, delimiter: str | None = None, max_field: int = 20 * 1024 * 1024) -> None:
    plan = column_plan(columns)
    wanted = "/".join(plan["text"])
    csv.field_size_limit(min(max(max_field, 131072), sys.maxsize))
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        result.error(path, f"not a CSV file with a header row ({_short(exc) if not isinstance(exc, StopIteration) else 'empty'})")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(k in header for k in plan["text"]):
        result.error(path, f"CSV header has no text column (looked for {wanted!r}; found {', '.join(header[:12])})")
        return
    while True:
        row_no = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.error(path, f"row at line {row_no}: not valid CSV ({_short(exc)})", row_no)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            result.error(path, f"row at line {row_no}: {len(row)} fields, the header has {len(header)}", row_no)
            continue
        problems = []
        record = map_object(dict(zip(header, row)), plan, date_format, problems)
        if record is None:
            result.error(path, f"row at line {row_no}: no article text in {wanted!r}", row_no)
            continue
        for problem in problems:
            result.warn(path, f"row at line {row_no}: {problem}", row_no)
        record.update(source_path=str(path), source_kind="csv", line_no=row_no)
        result.records.append(record)
