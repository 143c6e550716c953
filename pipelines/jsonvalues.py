"""Python values from DuckDB rows as JSON values: one rule for ``factcheck check``, ``query`` and
the JSONL export, so a date, a BLOB or an INTERVAL reads the same everywhere."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid


def jsonable(value):
    """``value`` as something ``json.dumps`` writes without a fallback.

    Dates and times in ISO 8601, an INTERVAL as an ISO 8601 duration (``P1DT3600S``), a BLOB
    as ``\\x`` and its bytes in hex (DuckDB's own spelling), a DECIMAL as a number, a UUID as
    text; LIST, STRUCT and MAP values element by element.
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = value.seconds + value.microseconds / 1_000_000
        return f"P{value.days}DT{seconds:g}S"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(value).hex()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return str(value)
