"""Helpers shared by the asset modules: metadata every asset reports."""


import duckdb
from dagster import MetadataValue


def table_metadata(con: duckdb.DuckDBPyConnection, table: str, *, preview_rows: int = 5) -> dict:
    """Row count and a markdown preview of the first rows (long text cut short)."""
    count = con.execute(f"select count(*) from {table}").fetchone()[0]
    frame = con.execute(f"select * from {table} limit {int(preview_rows)}").pl()
    short = frame.select([c for c in frame.columns if c not in ("text", "context_norm", "segment_norm")][:12])
    cells = short.with_columns([short[c].cast(str).str.slice(0, 60) for c in short.columns]) if short.width else short
    markdown = cells.to_pandas().to_markdown(index=False) if cells.height else "(no rows)"
    return {"dagster/row_count": MetadataValue.int(int(count)), "preview": MetadataValue.md(markdown), "table": MetadataValue.text(table)}
