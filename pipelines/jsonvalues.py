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


# The same JSON text written by DuckDB over every row at once (the export's JSONL files): an
# expression per value, joined into ``{"key": value, ...}`` lines with json.dumps' ", " and ": "
# separators (to_json's objects and COPY ... (FORMAT json) have none, hence no struct here).
# DuckDB's to_json escapes strings as json.dumps(..., ensure_ascii=False) does except for nine
# control characters, where it writes \u000B and json.dumps \u000b (python_escapes);
# CAST(DOUBLE AS VARCHAR) is Python's repr but for NaN and the infinities; a TIMESTAMP cast to
# text has a space and drops trailing zeros of its microseconds, where isoformat() has a T and
# six digits, or none when they are all zero - strftime spells that out. tests/test_export.py
# checks each rule against json.dumps(jsonable(...)).
_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
_UPPER_HEX = ("000B", "000E", "000F", "001A", "001B", "001C", "001D", "001E", "001F")


def json_sql(expr: str, duckdb_type: str) -> str:
    """SQL for the JSON text ``json.dumps(jsonable(value), ensure_ascii=False)`` writes for the
    value of ``expr`` (a column or an expression of the query), ``null`` for NULL. Strings still
    need ``python_escapes`` (once, over the whole line). Types: VARCHAR, BOOLEAN, the integers,
    DOUBLE, FLOAT, DATE and TIMESTAMP; any other raises TypeError (add its rule here first)."""
    kind = str(duckdb_type).upper()
    if kind == "VARCHAR":
        value = f"to_json({expr})"
    elif kind == "BOOLEAN" or kind in _INTEGERS:
        value = f"cast({expr} as varchar)"
    elif kind in ("DOUBLE", "FLOAT"):
        value = (f"case when isnan({expr}) then 'NaN' when isinf({expr}) then if({expr} > 0, 'Infinity', '-Infinity') "
                 f"else cast(cast({expr} as double) as varchar) end")
    elif kind == "DATE":
        value = f"'\"' || cast({expr} as varchar) || '\"'"
    elif kind == "TIMESTAMP":
        value = (f"'\"' || strftime({expr}, '%Y-%m-%dT%H:%M:%S') "
                 f"|| if(strftime({expr}, '%f') = '000000', '', '.' || strftime({expr}, '%f')) || '\"'")
    else:
        raise TypeError(f"no JSON rule for DuckDB type {duckdb_type} (pipelines/jsonvalues.py json_sql)")
    return f"coalesce({value}, 'null')"


def python_escapes(line: str) -> str:
    """SQL giving the JSON text ``line`` with json.dumps' lower-case hex in the escapes DuckDB
    writes in upper case (\\u000B -> \\u000b). Escaped backslashes are set aside first (chr(1)
    never appears unescaped in JSON text), so a backslash written by the data is never taken
    for the start of an escape."""
    fixed = f"replace({line}, '\\\\', chr(1))"
    for code in _UPPER_HEX:
        fixed = f"replace({fixed}, '\\u{code}', '\\u{code.lower()}')"
    return f"if(contains({line}, '\\u00'), replace({fixed}, chr(1), '\\\\'), {line})"
