"""schema.org ClaimReview (JSON-LD) for each decided claim, built in DuckDB over every claim at once.

Only supported, refuted and conflicting claims are reviews; ``not_enough_evidence`` means we
found nothing to check against, which is not a rating. The rating scale is 1 (refuted) to 3
(supported), with conflicting in between; ``alternateName`` carries the verdict in words.

``REVIEW_ROWS_SQL`` adds what a review needs beyond the mart (speaker names, first
appearances) and ``REVIEW_SQL`` writes each review as one line of JSON text, the bytes
``json.dumps(review, ensure_ascii=False)`` would write for the object ``claim_review`` returns
(it runs the same SQL on one row). The export streams the lines to ``claimreviews.jsonl``
in Arrow batches; no review is built in Python.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import duckdb
import polars as pl

from pipelines.export.config import PublishConfig
from pipelines.ingest.meta import CLEAN_URL_SQL, PY_WHITESPACE, clean_url, clean_url_sql
from pipelines.jsonvalues import python_escapes

RATINGS: dict[str, tuple[int, str]] = {
    "refuted": (1, "Refuted"),
    "conflicting": (2, "Conflicting"),
    "supported": (3, "Supported"),
}
BEST_RATING = max(v for v, _ in RATINGS.values())
WORST_RATING = min(v for v, _ in RATINGS.values())
REVIEWED_VERDICTS = tuple(RATINGS)

# Required properties, as dotted paths (``validate_claim_review``); ``itemReviewed.datePublished``
# is optional, and checked only when the article's date is known.
REQUIRED = (
    "@context", "@type", "claimReviewed", "datePublished", "url", "inLanguage",
    "author.@type", "author.name",
    "reviewRating.@type", "reviewRating.ratingValue", "reviewRating.bestRating",
    "reviewRating.worstRating", "reviewRating.alternateName",
    "itemReviewed.@type", "itemReviewed.appearance",
)
# A claim's author is optional (a writing whose author is unknown has none: schema.org and Google
# recommend, not require, it); one that is written must be typed and named.
AUTHOR_REQUIRED = ("itemReviewed.author.@type", "itemReviewed.author.name")


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def text_keys(texts: pl.Series) -> pl.Series:
    """``" ".join(text.lower().split())`` of every text, without a Python loop: the texts are
    lowered as one string by Python itself (Polars' lower case follows a newer Unicode than
    Python's), cut apart again at a separator none of them holds (a control character: not cased
    and not case-ignorable, so Greek final sigma ends there as at the end of a text), and their
    runs of ``str.isspace`` whitespace are squeezed by Polars."""
    texts = texts.fill_null("")
    if texts.is_empty():
        return texts
    sep = next((c for c in map(chr, range(1, 9)) if not texts.str.contains(c, literal=True).any()), None)
    if sep is None:  # every candidate separator occurs: no shortcut, the texts one by one
        lowered = pl.Series(texts.name, [text.lower() for text in texts.to_list()], dtype=pl.String)
    else:
        lowered = pl.Series(texts.name, [texts.str.join(sep).item().lower()]).str.split(sep).explode()
    space = "".join(f"\\x{{{ord(c):X}}}" for c in PY_WHITESPACE)
    return lowered.str.replace_all(f"[{space}]+", " ").str.strip_chars(" ")


# What a review needs beyond the mart, for every decided claim of the frame registered as
# ``export_claims`` (the mart's rows in export order, with ``_order`` and ``_text_key``):
# the speaker's name and Wikidata id, and where the claim appeared first - a quote's statement
# (its date and source), otherwise the earliest dated claim of the same type and words in an
# earlier article (first in export order among equal dates). Values are named parameters.
REVIEW_ROWS_SQL = """
with
claims as (
    select * from export_claims
),

entities as (
    select entity_id, any_value(name) as name, any_value(wikidata_id) as wikidata_id
    from ref.entities
    group by entity_id
),

statements as (
    select statement_id, any_value(stated_on) as stated_on, any_value(source) as source
    from ref.statements
    group by statement_id
),

earliest as (
    select
        claim_type,
        _text_key,
        article_id,
        published_on,
        article_url,
        article_title,
    from claims
    where published_on is not null
    qualify row_number() over (partition by claim_type, _text_key order by published_on, _order) = 1
),

decided as (
    select
        *,
        coalesce(claim_type = 'quote', false) and starts_with(coalesce(reference_id, ''), 'statement:') as is_statement_quote,
    from claims
    where list_contains($reviewed, verdict)
),

looked_up as (
    select
        decided.*,
        entities.name as speaker_name,
        entities.wikidata_id as speaker_wikidata_id,
        statements.statement_id is not null as has_statement,
        statements.stated_on,
        statements.source as statement_source,
        earliest._text_key is not null
            and decided.published_on is not null
            and earliest.article_id is distinct from decided.article_id
            and earliest.published_on < decided.published_on as is_first_earlier,
        earliest.article_url as first_url,
        earliest.article_title as first_title,
        earliest.published_on as first_on,
    from decided
    -- entities.get(speaker_id) in Python terms: a NULL id finds a NULL entity
    left join entities on entities.entity_id is not distinct from decided.speaker_id
    left join statements
        on decided.is_statement_quote and statements.statement_id = split_part(decided.reference_id, ':', 2)
    left join earliest
        on earliest.claim_type is not distinct from decided.claim_type and earliest._text_key = decided._text_key
),

review_rows as (
    select
        * exclude (is_statement_quote, has_statement, stated_on, statement_source, is_first_earlier, first_url, first_title, first_on),
        case when not is_statement_quote and is_first_earlier then first_url end as first_appearance_url,
        case
            when is_statement_quote then if(has_statement, statement_source, null)
            when is_first_earlier then first_title
        end as first_appearance_name,
        case
            when is_statement_quote then if(has_statement, stated_on, null)
            when is_first_earlier then first_on
        end as first_appearance_on,
    from looked_up
)

select * from review_rows
"""

# clean_url as SQL (pipelines.ingest.meta.CLEAN_URL_SQL), and urlsplit's netloc: leading C0
# controls and spaces and every tab and line break dropped, the scheme (an ASCII letter, then
# letters, digits, '+', '-', '.') cut off at the first ':', then what follows '//' up to the
# first '/', '?' or '#'. Where urlsplit refuses a URL (an unbalanced '[', a netloc that NFKC
# turns into another one) the per-row code raised; this takes the text as it stands.
_SPLIT = r"regexp_replace(ltrim({x}, $url_c0_space), '[\t\r\n]', '', 'g')"
_NETLOC = (
    "regexp_extract(regexp_replace(" + _SPLIT + ", '^[A-Za-z][A-Za-z0-9+.-]*:', ''), '^//([^/?#]*)', 1)"
)


def _clean(x: str) -> str:
    return CLEAN_URL_SQL.format(x=x)


def _text(x: str) -> str:
    return f"coalesce(to_json({x}), 'null')"


def _date(x: str) -> str:
    return f"""'"' || cast({x} as varchar) || '"'"""


def _truthy(x: str) -> str:
    return f"nullif({x}, '')"


# One review per row of ``review_rows`` (the mart's columns, speaker_kind among them, plus speaker_name,
# speaker_wikidata_id, first_appearance_url, first_appearance_name, first_appearance_on and
# _order), with the keys in the order of the Python objects it replaced. One concat() per line
# (a chain of || copies the line once per piece); concat() skips NULLs, so an optional member is
# ``', "key": ' || value`` (NULL when the value is) and every other value is never NULL.
# A quote's speaker is a schema.org Person, or an Organization when the extractor found an
# organisation or a state speaking (speaker_kind 'organisation' or 'state': a state speaks through its
# government; null or 'person' is a Person). A writing that speaks (speaker_kind 'source': "The post
# says") names no author: the pack cannot tell who wrote it, and neither the writing nor the outlet
# that reports it is the claim's author, so the claim has none (NULL, and concat() leaves it out).
_AUTHOR = f"""
    case
        when coalesce(claim_type = 'quote' and speaker_kind = 'source', false) then null
        when coalesce(claim_type = 'quote', false) and coalesce({_truthy('speaker_name')}, {_truthy('speaker_text')}) is not null
        then concat(
            '{{"@type": ',
            if(coalesce(speaker_kind in ('organisation', 'state'), false), '"Organization"', '"Person"'),
            ', "name": ', to_json(coalesce({_truthy('speaker_name')}, speaker_text)),
            ', "sameAs": ' || to_json('https://www.wikidata.org/wiki/' || {_truthy('speaker_wikidata_id')}),
            '}}'
        )
        else concat(
            '{{"@type": "Organization", "name": ',
            to_json(coalesce({_truthy('outlet')}, {_truthy(_NETLOC.format(x='article_url'))}, 'unknown outlet')),
            '}}'
        )
    end"""

REVIEW_SQL = f"""
select
    _order,
    claim_id,
    verdict,
    {python_escapes('line')} as line,
from (
    select
        *,
        concat(
            '{{"@context": "https://schema.org", "@type": "ClaimReview", "identifier": ', {_text('claim_id')},
            ', "url": ', {_text("$base_url || '/articles/' || regexp_replace(article_id, '[^A-Za-z0-9_-]', '_', 'g') || '.html#claim-' || claim_id")},
            ', "claimReviewed": ', {_text('claim_text')},
            ', "reviewBody": ', {_text('reason')},
            ', "datePublished": ', $reviewed_on,
            ', "inLanguage": ', {_text('language')},
            ', "author": ', $author,
            ', "reviewRating": ', list_extract($ratings, list_position($reviewed, verdict)),
            ', "itemReviewed": {{"@type": "Claim"', ', "author": ' || {_AUTHOR},
            ', "datePublished": ' || {_date('published_on')},
            ', "appearance": [{{"@type": "CreativeWork"',
            ', "url": ' || to_json({_clean('article_url')}),
            ', "headline": ' || to_json({_truthy('article_title')}),
            ', "datePublished": ' || {_date('published_on')},
            ', "publisher": {{"@type": "Organization", "name": ' || to_json({_truthy('outlet')}) || '}}',
            '}}]',
            case when coalesce({_truthy('first_appearance_url')}, {_truthy('first_appearance_name')}) is not null then concat(
                ', "firstAppearance": {{"@type": "CreativeWork"',
                ', "url": ' || to_json({_clean('first_appearance_url')}),
                ', "name": ' || to_json({_truthy('first_appearance_name')}),
                ', "datePublished": ' || {_date('first_appearance_on')},
                '}}'
            ) end,
            '}}}}'
        ) as line,
    from review_rows
)
"""


# The decided claims (of the frame registered as ``export_claims``) whose own values could make
# their review fail validate_claim_review: no id, article, text or language. A date Python cannot
# write (outside the years 1-9999) in any claim or statement could be any review's first
# appearance, so it makes every decided claim a suspect. Everything else in a review is the same
# for all of them and checked once per verdict (``SAMPLE_ROW``).
SUSPECTS_SQL = """
select _order
from export_claims
where list_contains($reviewed, verdict)
    and (
        claim_id is null
        or article_id is null
        or nullif(claim_text, '') is null
        or nullif(language, '') is null
        or coalesce((select bool_or(not year(published_on) between 1 and 9999) from export_claims), false)
        or coalesce((select bool_or(not year(stated_on) between 1 and 9999) from ref.statements), false)
    )
order by _order
"""

SAMPLE_ROW = {
    "claim_id": "c1", "article_id": "a1", "claim_type": "quote", "claim_text": "words", "language": "en", "reason": "why",
    "published_on": dt.date(2025, 1, 2), "outlet": "Outlet", "article_url": "https://news.example/a", "article_title": "Title",
    "speaker_text": "Speaker", "speaker_kind": "person", "speaker_name": "Speaker", "speaker_wikidata_id": "Q1",
    "first_appearance_url": "https://news.example/b", "first_appearance_name": "First", "first_appearance_on": dt.date(2025, 1, 1),
}
"""A review with every optional part, to check what the export's reviews of a verdict share."""


def review_params(config: PublishConfig, reviewed_on: dt.date | dt.datetime) -> dict[str, Any]:
    """The named parameters of ``REVIEW_ROWS_SQL`` and ``REVIEW_SQL``: the constant parts of every
    review as JSON text, the verdicts reviewed and the URL rules."""
    author: dict[str, Any] = {"@type": "Organization", "name": config.org_name}
    if config.org_url:
        author["url"] = config.org_url
    ratings = [
        {"@type": "Rating", "ratingValue": value, "bestRating": BEST_RATING, "worstRating": WORST_RATING, "alternateName": label}
        for value, label in RATINGS.values()
    ]
    return {
        "reviewed": list(REVIEWED_VERDICTS),
        "ratings": [json.dumps(r, ensure_ascii=False) for r in ratings],
        "author": json.dumps(author, ensure_ascii=False),
        "reviewed_on": json.dumps(_iso(reviewed_on), ensure_ascii=False),
        "base_url": config.base_url,
        "url_c0_space": "".join(map(chr, range(0x21))),
        **clean_url_sql(),
    }


def sql_params(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """The named parameters ``sql`` uses (DuckDB refuses one it does not use)."""
    used = set(re.findall(r"\$([A-Za-z_]\w*)", sql))
    return {name: value for name, value in params.items() if name in used}


REVIEW_ROW_SCHEMA = {
    "_order": pl.Int64, "claim_id": pl.String, "article_id": pl.String, "claim_type": pl.String, "claim_text": pl.String,
    "language": pl.String, "verdict": pl.String, "reason": pl.String, "published_on": pl.Date, "outlet": pl.String,
    "article_url": pl.String, "article_title": pl.String, "speaker_text": pl.String, "speaker_kind": pl.String, "speaker_name": pl.String,
    "speaker_wikidata_id": pl.String, "first_appearance_url": pl.String, "first_appearance_name": pl.String,
    "first_appearance_on": pl.Date,
}


def claim_review(row: dict, config: PublishConfig, *, reviewed_on: dt.date | dt.datetime) -> dict:
    """One ClaimReview object for one row of marts.claim_verdicts (plus lookup columns), through
    the export's own SQL (``REVIEW_SQL``) in an in-memory DuckDB.

    A quote whose ``speaker_kind`` is ``organisation`` or ``state`` is authored by an Organization, one
    spoken by a writing (``source``) by nobody (no ``author``), any other by a Person. Lookup columns used when present: ``speaker_name``, ``speaker_wikidata_id``,
    ``first_appearance_url``, ``first_appearance_name``, ``first_appearance_on``. Only http(s) URLs
    are written; an article without one appears by headline, date and publisher.
    """
    verdict = row["verdict"]
    if verdict not in RATINGS:
        raise ValueError(f"{verdict!r} is not a reviewable verdict (one of {', '.join(REVIEWED_VERDICTS)})")
    frame = pl.DataFrame([{**{name: row.get(name) for name in REVIEW_ROW_SCHEMA}, "_order": 0}], schema=REVIEW_ROW_SCHEMA)
    con = duckdb.connect()
    try:
        con.register("review_rows", frame)
        sql = f"select line from ({REVIEW_SQL})"
        line = con.execute(sql, sql_params(sql, review_params(config, reviewed_on))).fetchone()[0]
    finally:
        con.close()
    return json.loads(line)


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def validate_claim_review(obj: dict) -> list[str]:
    """Problems with one ClaimReview object (empty when it is valid)."""
    problems = [f"missing {path}" for path in REQUIRED if _get(obj, path) in (None, "", [])]
    if _get(obj, "itemReviewed.author") is not None:
        problems += [f"missing {path}" for path in AUTHOR_REQUIRED if _get(obj, path) in (None, "", [])]
    if obj.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")
    if _get(obj, "itemReviewed.@type") not in (None, "Claim"):
        problems.append("itemReviewed is not a Claim")
    rating = obj.get("reviewRating") or {}
    values = [rating.get(k) for k in ("worstRating", "ratingValue", "bestRating")]
    if all(isinstance(v, (int, float)) for v in values) and not values[0] <= values[1] <= values[2]:
        problems.append("ratingValue outside worstRating..bestRating")
    for path in ("datePublished", "itemReviewed.datePublished"):
        value = _get(obj, path)
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                problems.append(f"{path} is not an ISO date: {value!r}")
    appearances = [*(_get(obj, "itemReviewed.appearance") or []), _get(obj, "itemReviewed.firstAppearance") or {}]
    if any(not isinstance(a, dict) or ("url" in a and not clean_url(a["url"])) for a in appearances):
        problems.append("an appearance url is not an http(s) URL")
    for path in ("url",):
        value = _get(obj, path) or ""
        if not str(value).startswith(("http://", "https://")):
            problems.append(f"{path} is not an http(s) URL")
    return problems
