"""Pydantic models for a reference pack: the documented, validated shape of every file.

A pack is a folder under ``data/reference/<pack>/`` holding ``pack.yaml`` and one YAML
file per table (all optional). Each YAML file is a list of records. Every record carries a
``source`` ("publisher, YYYY-MM-DD"). Multilingual word lists are maps of ISO 639-1 code to
lists of strings; adding a language to a pack is adding keys.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

LANGS = ("es", "en", "fr", "de", "it", "pt", "ru")

Aliases = dict[str, list[str]]
"""language code -> surface forms, e.g. {"es": ["Gerásimov"], "ru": ["Герасимов"]}."""

KeywordGroups = dict[str, list[list[str]]]
"""language code -> groups of alternatives; a text matches when every group has a hit.

Keywords are lower-case prefixes matched at word starts ("incursi" hits "incursión"
and "incursionado").
"""


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    source: str = Field(min_length=3, description="publisher and date, e.g. 'KCNA, 2024-06-20'")


_LANG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")


def _check_langs(value: dict) -> dict:
    # ISO 639-1 codes ("es") as the articles use; Wikidata's other codes ("mul", "zh-hans",
    # "be-tarask") are accepted too so an import keeps every language it was given.
    for lang in value:
        if not isinstance(lang, str) or not _LANG.match(lang):
            raise ValueError(f"language key {lang!r} is not a language code such as 'es' (ISO 639-1)")
    return value


class PackInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    licence: str
    maintainer: str | None = None


class Entity(_Row):
    entity_id: str = Field(pattern=r"^[a-z0-9_:.-]+$")
    kind: Literal["person", "state", "organisation", "place", "outlet"]
    name: str
    wikidata_id: str | None = Field(default=None, pattern=r"^Q\d+$")
    aliases: Aliases = Field(default_factory=dict)
    country_id: str | None = None
    """The state (an entity of kind state) an organisation or outlet belongs to: the Kremlin is
    Russia's, KCNA the DPRK's. A quote an article gives to that state ("Moscow said") is
    checked against the statements such organisations issued (``Statement.issued_by``)."""
    capital_of: str | None = None
    """The state (an entity of kind state) a place is the capital of: "Moscow said" is the
    Russian state speaking, as "Russia said" is."""

    _langs = field_validator("aliases")(_check_langs)

    @model_validator(mode="after")
    def _state_links(self) -> "Entity":
        if self.capital_of is not None and self.kind != "place":
            raise ValueError("capital_of is for places only")
        if self.country_id is not None and self.kind not in ("organisation", "outlet"):
            raise ValueError("country_id is for organisations and outlets only")
        return self


class Office(_Row):
    office_id: str = Field(pattern=r"^[a-z0-9_:.-]+$")
    name: str
    wikidata_id: str | None = Field(default=None, pattern=r"^Q\d+$")
    country_id: str | None = None
    aliases: Aliases = Field(default_factory=dict)
    """Title wordings per language, e.g. es: ["jefe del Estado Mayor", ...]."""

    _langs = field_validator("aliases")(_check_langs)


class OfficeHolding(_Row):
    person_id: str
    office_id: str
    start_on: dt.date
    end_on: dt.date | None = None
    office_wikidata_id: str | None = Field(default=None, pattern=r"^Q\d+$")
    """The Wikidata Q-id of the position (P39 value) when the row was imported; it keeps the
    link to ``office_id`` when that office carries no Q-id itself."""

    @model_validator(mode="after")
    def _interval(self) -> "OfficeHolding":
        if self.end_on is not None and self.end_on < self.start_on:
            raise ValueError("end_on is before start_on")
        return self


class ClauseElement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    element: Literal["trigger", "obligation", "timing", "means", "legal_basis", "scope", "subject"]
    value: str
    keywords: KeywordGroups = Field(default_factory=dict)
    """Words that show this element in an article's description of the clause."""
    contradicted_by: KeywordGroups = Field(default_factory=dict)
    """Words that describe this element the way the article does not (the reference's own
    words must say so: "the use of force is not automatic"): a claim that has them, with no
    negation, is refuted on this element ("obliges every ally to go to war automatically")."""

    _langs = field_validator("keywords", "contradicted_by")(_check_langs)


class TreatyArticle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article_no: int = Field(ge=1)
    label: str | None = None
    """How the treaty itself numbers it when not arabic, e.g. 'II'."""
    summary: str
    source: str
    elements: list[ClauseElement] = Field(default_factory=list)


class Treaty(_Row):
    treaty_id: str = Field(pattern=r"^[a-z0-9_:.-]+$")
    name: str
    short_name: str | None = None
    parties: list[str]
    signed_on: dt.date | None = None
    signed_place: str | None = None
    in_force_on: dt.date | None = None
    article_count: int | None = None
    names: Aliases = Field(default_factory=dict)
    """Names and short names per language used to spot the treaty in text."""
    context_keywords: Aliases = Field(default_factory=dict)
    """Words that, near an article number, point to this treaty (party names, 'OTAN')."""
    articles: list[TreatyArticle] = Field(default_factory=list)

    _langs = field_validator("names", "context_keywords")(_check_langs)


class Event(_Row):
    event_id: str = Field(pattern=r"^[a-z0-9_:.-]+$")
    event_on: dt.date
    end_on: dt.date | None = None
    """Last day of an event that lasted (Wikidata P582); event_on is its first day."""
    description: str
    place: str | None = None
    wikidata_id: str | None = Field(default=None, pattern=r"^Q\d+$")
    keywords: KeywordGroups = Field(default_factory=dict)

    _langs = field_validator("keywords")(_check_langs)

    @model_validator(mode="after")
    def _interval(self) -> "Event":
        if self.end_on is not None and self.end_on < self.event_on:
            raise ValueError("end_on is before event_on")
        return self


class Rendering(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str = Field(pattern=r"^[a-z]{2}$")
    text: str
    source: str


class Statement(_Row):
    statement_id: str = Field(pattern=r"^[a-z0-9_:.-]+$")
    speaker_id: str
    stated_on: dt.date
    description: str
    renderings: list[Rendering] = Field(min_length=1)
    issued_by: list[str] = Field(default_factory=list)
    """Organisations or outlets (entity ids) that published the statement for its speaker, where
    the record's own source or description says so ("published by the Kremlin"): a quote an
    article gives to one of them ("The Kremlin said") is fairly attributed, and so is a quote
    given to the state they belong to (their ``country_id``: "Moscow said")."""


class Quantity(_Row):
    quantity_id: str = Field(pattern=r"^[a-z0-9_:.-]+$")
    description: str
    value: float
    unit: str
    tolerance: float = Field(default=0.0, ge=0)
    """Relative tolerance: 0.1 accepts values within 10 %."""
    as_of: dt.date | None = None
    keywords: KeywordGroups = Field(default_factory=dict)
    exclude_keywords: dict[str, list[str]] = Field(default_factory=dict)
    """language -> prefixes that rule the figure out when the number's own clause has one (a
    number of troops sent is not a number of soldiers killed)."""

    _langs = field_validator("keywords", "exclude_keywords")(_check_langs)


class FactCheck(_Row):
    fact_check_id: str = Field(pattern=r"^[a-z0-9_:.-]+$")
    claim_reviewed: str = Field(min_length=3)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    rating: str
    verdict: Literal["supported", "refuted", "not_enough_evidence", "conflicting"] | None = None
    publisher: str
    reviewed_on: dt.date | None = None
    url: str | None = None
    claimant: str | None = None
    """Who made the reviewed claim (ClaimReview itemReviewed.author), when given."""


TABLES: dict[str, type[BaseModel]] = {
    "entities": Entity,
    "offices": Office,
    "office_holdings": OfficeHolding,
    "treaties": Treaty,
    "events": Event,
    "statements": Statement,
    "quantities": Quantity,
    "fact_checks": FactCheck,
}
"""File stem (``<stem>.yaml`` or ``<stem>.csv``) -> row model."""
