"""DuckDB macros the SQL models share: one definition of a rule several models apply.

The runner creates the macros a model calls (``name(`` in its SQL) right before building it, as
``create or replace temp macro``: they live in the build's connection only, never in the
warehouse file. So only tables and incremental models may call them - a view's SQL runs again
in every reader's connection, where the macros do not exist. A macro's definition counts in the
version of an incremental model that calls it (``run.model_version``): changing the rule
rebuilds those models instead of merging into rows the old rule decided.
"""

from __future__ import annotations

import re

MACROS: dict[str, str] = {
    # Whether a claimed date agrees with a reference date at the claim's precision: the same
    # day, the same month, or the same year (null for an unknown precision).
    "date_agrees": """create or replace temp macro date_agrees(date_precision, claimed_on, reference_on) as
    case date_precision
        when 'day' then claimed_on = reference_on
        when 'month' then date_trunc('month', claimed_on) = date_trunc('month', reference_on)
        when 'year' then year(claimed_on) = year(reference_on)
    end""",
    # A claimed date as a reason says it, at its precision: "on 2024-06-19", "in 2024-06", "in 2024".
    "date_phrase": """create or replace temp macro date_phrase(date_precision, claimed_on) as
    case date_precision
        when 'day' then 'on ' || strftime(claimed_on, '%Y-%m-%d')
        when 'month' then 'in ' || strftime(claimed_on, '%Y-%m')
        else 'in ' || strftime(claimed_on, '%Y')
    end""",
    # The first day after a claimed date's period at its precision: the next day, the first of the
    # next month, or the first of the next year ("not yet in force in August 2024" holds when the
    # event is on or after 2024-09-01).
    "date_period_end": """create or replace temp macro date_period_end(date_precision, claimed_on) as
    cast(case date_precision
        when 'day' then claimed_on + interval 1 day
        when 'month' then date_trunc('month', claimed_on) + interval 1 month
        else date_trunc('year', claimed_on) + interval 1 year
    end as date)""",
}


def macros_called(sql: str) -> list[str]:
    """The names of the MACROS that ``sql`` calls, in MACROS order."""
    return [name for name in MACROS if re.search(rf"\b{name}\s*\(", sql)]


def macro_statements(sql: str) -> list[str]:
    """The statements that create the macros ``sql`` calls."""
    return [MACROS[name] for name in macros_called(sql)]
