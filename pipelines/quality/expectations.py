"""Great Expectations suites for the boundary tables, run through one pandas datasource.

GE's SQL datasource over duckdb-engine returns empty metrics, so each suite runs on a
DataFrame fetched from DuckDB (fast: 100k rows in about 0.1 s).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass

import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

VERDICTS = ["supported", "refuted", "not_enough_evidence", "conflicting"]
CLAIM_TYPES = ["treaty_clause", "event_date", "quote", "office_holder", "quantity"]
# raw.articles.published_source (pipelines.ingest.articles.build_articles).
PUBLISHED_SOURCES = ["metadata", "default", "dateline"]
# Who speaks a quote (staging.claims.speaker_kind; null for other claims and unattributed quotes).
SPEAKER_KINDS = ["person", "organisation", "state", "source"]
# raw.ingest_errors.severity (pipelines.ingest.readers.SEVERITIES).
INGEST_SEVERITIES = ["error", "warning"]
# Column types as pandas names them in a frame fetched from DuckDB (``.df()``): a VARCHAR is
# ``object`` (see ``run_suite``), a BIGINT with nulls ``Int64`` (GE names it by its class, Int64Dtype).
STRING = ["object", "str"]
INT64 = ["int64", "Int64Dtype"]
UINT64 = ["uint64", "UInt64Dtype"]
TIMESTAMP = ["datetime64[us]", "datetime64[ns]"]


@dataclass(frozen=True)
class Spec:
    expectation: str
    kwargs: dict
    critical: bool = True


def _nn(col: str, critical: bool = True) -> Spec:
    return Spec("ExpectColumnValuesToNotBeNull", {"column": col}, critical)


def _uniq(col: str) -> Spec:
    return Spec("ExpectColumnValuesToBeUnique", {"column": col})


def _in(col: str, values: list, critical: bool = True) -> Spec:
    return Spec("ExpectColumnValuesToBeInSet", {"column": col, "value_set": values}, critical)


def _columns(types: dict[str, list[str]]) -> list[Spec]:
    """Exactly these columns, each of one of its types: what the writing code's schema says."""
    return [
        Spec("ExpectTableColumnsToMatchSet", {"column_set": list(types), "exact_match": True}),
        *(Spec("ExpectColumnValuesToBeInTypeList", {"column": col, "type_list": names}) for col, names in types.items()),
    ]


SUITES: dict[str, list[Spec]] = {
    "raw.articles": [
        _nn("article_id"), _uniq("article_id"), _nn("text"), _nn("source_path"),
        Spec("ExpectColumnValueLengthsToBeBetween", {"column": "text", "min_value": 1}),
        _nn("language", critical=False),
        Spec("ExpectColumnValuesToMatchRegex", {"column": "language", "regex": r"^[a-z]{2}$", "mostly": 1.0}, critical=False),
        _nn("published_on", critical=False),
        _in("published_source", PUBLISHED_SOURCES),
    ],
    "staging.claims": [
        _nn("claim_id"), _uniq("claim_id"), _nn("article_id"), _nn("claim_text"),
        _in("claim_type", CLAIM_TYPES), _in("speaker_kind", SPEAKER_KINDS),
        Spec("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "char_end", "column_B": "char_start"}),
        Spec("ExpectColumnValuesToBeBetween", {"column": "char_start", "min_value": 0}),
    ],
    # pipelines.core.ERROR_SCHEMA, written through pipelines.ingest.readers.ReadResult.
    "raw.ingest_errors": [
        *_columns({"source_path": STRING, "line_no": INT64, "reason": STRING, "severity": STRING, "recorded_at": TIMESTAMP}),
        _nn("source_path"), _nn("reason"), _nn("recorded_at"),
        Spec("ExpectColumnValueLengthsToBeBetween", {"column": "reason", "min_value": 1}),
        _nn("severity"), _in("severity", INGEST_SEVERITIES),
        # JSONL lines, CSV rows and feed entries are counted from 1.
        Spec("ExpectColumnValuesToBeBetween", {"column": "line_no", "min_value": 1}),
    ],
    # pipelines.incremental.band_keys: one row per article and band, all of the current scheme
    # (band_scheme; keys of another scheme make the next refresh rebuild the raw tables).
    "raw.article_bands": [
        *_columns({"article_id": STRING, "band": INT64, "key": UINT64, "scheme": STRING}),
        _nn("article_id"), _nn("band"), _nn("key"), _nn("scheme"),
        Spec("ExpectCompoundColumnsToBeUnique", {"column_list": ["article_id", "band"]}),
        Spec("ExpectColumnValuesToBeBetween", {"column": "band", "min_value": 0}),
        Spec("ExpectColumnUniqueValueCountToBeBetween", {"column": "scheme", "max_value": 1}),
    ],
    # pipelines.sqlmodels.run._record_version: one row per incremental model, a 16-hex-digit
    # model_version.
    "staging.sql_model_versions": [
        *_columns({"model": STRING, "sql_version": STRING, "built_at": TIMESTAMP}),
        _nn("model"), _uniq("model"), _nn("sql_version"), _nn("built_at"),
        Spec("ExpectColumnValuesToMatchRegex", {"column": "model", "regex": r"^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$"}),
        Spec("ExpectColumnValuesToMatchRegex", {"column": "sql_version", "regex": r"^[0-9a-f]{16}$"}),
    ],
    "ref.entities": [_nn("entity_id"), _uniq("entity_id"), _nn("source"), _in("kind", ["person", "state", "organisation", "place", "outlet"])],
    "ref.offices": [_nn("office_id"), _uniq("office_id"), _nn("source")],
    "ref.office_holdings": [_nn("person_id"), _nn("office_id"), _nn("start_on"), _nn("source"), _uniq("holding_id")],
    "ref.treaties": [_nn("treaty_id"), _uniq("treaty_id"), _nn("source")],
    "ref.treaty_articles": [_nn("treaty_id"), _nn("article_no"), _nn("summary"), _nn("source")],
    "ref.events": [_nn("event_id"), _uniq("event_id"), _nn("event_on"), _nn("source")],
    "ref.statements": [_nn("statement_id"), _uniq("statement_id"), _nn("speaker_id"), _nn("source")],
    "ref.statement_renderings": [_nn("rendering_id"), _uniq("rendering_id"), _nn("text"), _nn("source")],
    "marts.claim_verdicts": [
        _nn("claim_id"), _uniq("claim_id"), _nn("verdict"), _nn("reason"),
        _in("verdict", VERDICTS), _in("claim_type", CLAIM_TYPES), _in("speaker_kind", SPEAKER_KINDS),
        Spec("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "char_end", "column_B": "char_start"}),
        Spec("ExpectColumnValuesToNotBeNull", {"column": "reference_id", "mostly": 0.0}, critical=False),
    ],
}


@dataclass
class Outcome:
    table_name: str
    expectation: str
    column_name: str | None
    success: bool
    is_critical: bool
    unexpected_count: int | None
    element_count: int | None
    details: str


def fetch_table(con, table_name: str) -> pd.DataFrame:
    """The table as a suite validates it. A table that is not there (the run that should write
    it did not) is an empty frame without columns: the suite's column expectations fail."""
    from pipelines.warehouse import relation_kind

    return con.execute(f"select * from {table_name}").df() if relation_kind(con, table_name) else pd.DataFrame()


def run_suite(table_name: str, frame: pd.DataFrame, specs: list[Spec] | None = None) -> list[Outcome]:
    """Validate ``frame`` with GE 1.x (ephemeral context, pandas datasource, no progress bars)."""
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    specs = SUITES[table_name] if specs is None else specs
    # pandas 3 reads VARCHAR as StringDtype(na_value=nan), which no type name given to GE 1.x
    # equals (its "str" is numpy's unicode type, its "StringDtype" the <NA> flavour): validate
    # text columns as object, as pandas 2 and an empty fetch give them.
    frame = frame.astype({col: object for col, dtype in frame.dtypes.items() if isinstance(dtype, pd.StringDtype)})
    context = gx.get_context(mode="ephemeral")
    try:
        context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(globally=False)
    except Exception:  # older/newer layouts of the config object
        pass
    source = context.data_sources.add_pandas(name="warehouse")
    asset = source.add_dataframe_asset(name=table_name.replace(".", "__"))
    batch_def = asset.add_batch_definition_whole_dataframe("whole")
    expectations = [getattr(gx.expectations, s.expectation)(**s.kwargs) for s in specs]
    suite = context.suites.add(gx.ExpectationSuite(name=f"{table_name}_suite", expectations=expectations))
    validation = context.validation_definitions.add(gx.ValidationDefinition(name=f"{table_name}_validation", data=batch_def, suite=suite))
    result = validation.run(batch_parameters={"dataframe": frame})
    # GE does not keep the suite's order in its results: pair them by type and arguments.
    by_config: dict[str, list] = {}
    for res in result.results:
        config = res.expectation_config
        by_config.setdefault(_config_key(config.type, config.kwargs), []).append(res)
    outcomes = []
    for spec in specs:
        res = by_config[_config_key(_snake(spec.expectation), spec.kwargs)].pop(0)
        detail = res.result or {}
        outcomes.append(Outcome(
            table_name=table_name,
            expectation=spec.expectation,
            column_name=spec.kwargs.get("column") or spec.kwargs.get("column_A") or ", ".join(spec.kwargs.get("column_list") or []) or None,
            success=bool(res.success),
            is_critical=spec.critical,
            unexpected_count=detail.get("unexpected_count"),
            element_count=detail.get("element_count"),
            details=json.dumps({"kwargs": spec.kwargs, "partial_unexpected_list": [str(v) for v in (detail.get("partial_unexpected_list") or [])[:5]]}, ensure_ascii=False),
        ))
    return outcomes


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def _config_key(kind: str, kwargs: dict) -> str:
    # GE fills unset arguments with None in its results; drop them so both sides agree.
    keep = {k: v for k, v in kwargs.items() if k in ("column", "column_A", "column_B", "column_list", "value_set", "regex", "min_value", "max_value") and v is not None}
    # GE hands numeric bounds back as floats (min_value=0 -> 0.0): compare them as floats.
    keep = {k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in keep.items()}
    return kind + json.dumps(keep, sort_keys=True, default=str)


def outcomes_frame(outcomes: list[Outcome]):
    import polars as pl

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    schema = {"table_name": pl.String, "expectation": pl.String, "column_name": pl.String, "success": pl.Boolean, "is_critical": pl.Boolean,
              "unexpected_count": pl.Int64, "element_count": pl.Int64, "details": pl.String, "checked_at": pl.Datetime}
    return pl.DataFrame([{**o.__dict__, "checked_at": now} for o in outcomes], schema=schema)
