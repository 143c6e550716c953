"""schema.org ClaimReview JSON-LD -> rows of a pack's ``fact_checks`` table.

Accepts a single ClaimReview object, a list of them, a page's ``@graph``, a DataFeed (as
Google's Fact Check markup tool exports), nested values such as ``mainEntity``, and HTML
pages (their ``<script type="application/ld+json">`` blocks). A review without
``claimReviewed`` is reported and skipped.

Ratings are mapped to the four verdicts where the wording (``alternateName`` or ``name``, in
any of the seven languages) or the numeric scale says which; otherwise ``verdict`` stays empty
and only the publisher's rating is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.extract.text import fold_str, norm_str

_SCRIPT = re.compile(r"<script[^>]*type=[\"']application/ld\+json[\"'][^>]*>(?P<body>.*?)</script>", re.S | re.I)

# Checked in this order: hedged wordings first ("mostly false" is not plain "false").
RATING_WORDS: list[tuple[str, list[str]]] = [
    ("conflicting", [
        "half true", "half false", "mostly true", "mostly false", "mixture", "mixed", "misleading", "partly", "partially",
        "out of context", "missing context", "cherry", "exaggerat", "distort",
        "verdad a medias", "medio verdad", "mayormente", "en parte", "parcialmente", "enganos", "impreciso", "sacado de contexto", "exagerad", "cuestionable",
        "trompeu", "partiellement", "en partie", "plutot", "sans contexte", "hors contexte", "exagere",
        "irrefuhrend", "irrefuehrend", "teilweise", "halb wahr", "uberwiegend", "ueberwiegend", "fehlender kontext", "ubertrieben",
        "fuorviant", "parzialmente", "in parte", "mezza verita", "esagerat", "senza contesto",
        "enganador", "em parte", "meia verdade", "distorcid", "exagerad", "fora de contexto",
        "частично", "полуправда", "манипуляц", "вырван", "преувелич", "вводит в заблуждение",
    ]),
    ("not_enough_evidence", [
        "unproven", "unverified", "unverifiable", "no evidence", "not enough evidence", "insufficient", "research in progress",
        "sin pruebas", "no verificable", "inverificable", "sin evidencia", "insuficiente", "no demostrado",
        "non prouve", "invérifiable", "inverifiable", "non verifie", "pas de preuve",
        "unbelegt", "nicht belegt", "unbewiesen", "nicht uberprufbar",
        "non verificabil", "non provato", "senza prove",
        "sem provas", "nao comprovado", "inverificavel", "sem evidencia",
        "не подтвержден", "недоказан", "нет доказательств",
    ]),
    ("refuted", [
        "false", "pants on fire", "incorrect", "wrong", "fake", "fabricated", "not true", "untrue", "hoax", "baseless", "inaccurate", "debunked",
        "falso", "falsa", "bulo", "mentira", "no es cierto", "no es verdad", "incorrecto",
        "faux", "fausse", "infonde", "intox", "inexact",
        "falsch", "fake", "unwahr", "erfunden",
        "non e vero", "bufala", "inesatt",
        "nao e verdade", "boato",
        "ложь", "неправда", "фейк", "не соответствует действительности", "неверно",
    ]),
    ("supported", [
        "true", "correct", "accurate", "mostly accurate", "right",
        "verdadero", "verdadera", "cierto", "correcto", "exacto",
        "vrai", "exact", "juste",
        "wahr", "richtig", "zutreffend", "stimmt",
        "vero", "corretto", "esatto",
        "verdadeiro", "verdade", "correto",
        "правда", "верно", "соответствует действительности",
    ]),
]


def rating_verdict(text: str | None, value=None, best=None, worst=None) -> str | None:
    """One of the four verdicts for a ClaimReview rating, or None when it does not say."""
    if text:
        folded = " " + norm_str(str(text)) + " "
        for verdict, words in RATING_WORDS:
            for word in words:
                w = norm_str(word)
                # Whole words, or a word start for stems such as "enganos" / "trompeu".
                if re.search(rf"(?<![\w]){re.escape(w)}", folded):
                    return verdict
    try:
        v, b, w = float(value), float(best if best is not None else 5), float(worst if worst is not None else 1)
    except (TypeError, ValueError):
        return None
    if b == w:
        return None
    share = (v - w) / (b - w)
    return "refuted" if share <= 0.2 else "supported" if share >= 0.8 else "conflicting"


@dataclass
class ClaimReviewImport:
    tables: dict[str, list[dict]] = field(default_factory=lambda: {"fact_checks": []})
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.tables.items()}


def _documents(path: Path) -> tuple[list, list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        return [json.loads(text)], []
    except json.JSONDecodeError as exc:
        blocks = [m.group("body") for m in _SCRIPT.finditer(text)]
        if not blocks:
            return [], [f"{path}:{exc.lineno}: not valid JSON-LD ({exc.msg}) and no <script type=\"application/ld+json\"> block"]
    docs, problems = [], []
    for i, block in enumerate(blocks, start=1):
        try:
            docs.append(json.loads(block))
        except json.JSONDecodeError as exc:
            problems.append(f"{path}: ld+json block {i}: not valid JSON ({exc.msg}); skipped")
    return docs, problems


def _types(node: dict) -> set[str]:
    t = node.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).split("/")[-1].split(":")[-1] for v in values if v}


def _walk(node, found: list[dict]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, found)
    elif isinstance(node, dict):
        if "ClaimReview" in _types(node):
            found.append(node)
            return
        for value in node.values():
            if isinstance(value, (dict, list)):
                _walk(value, found)


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _name(value) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName") or value.get("url")
    return str(value).strip() if isinstance(value, (str, int, float)) and str(value).strip() else None


def _language(value) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if isinstance(value, str):
        code = value.strip().lower()[:2]
        if re.fullmatch(r"[a-z]{2}", code) and (len(value.strip()) == 2 or value.strip()[2:3] in "-_"):
            return code
        names = {"spanish": "es", "english": "en", "french": "fr", "german": "de", "italian": "it", "portuguese": "pt", "russian": "ru",
                 "espanol": "es", "francais": "fr", "deutsch": "de", "italiano": "it", "portugues": "pt", "русский": "ru"}
        return names.get(fold_str(value.strip().lower()))
    return None


def _date(value) -> dt.date | None:
    value = _first(value)
    if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\d", value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def convert(path: Path) -> ClaimReviewImport:
    out = ClaimReviewImport()
    docs, out.problems = _documents(path)
    reviews: list[dict] = []
    for doc in docs:
        _walk(doc, reviews)
    if not reviews and not out.problems:
        out.problems.append(f"{path}: no ClaimReview object found")
    today = dt.date.today().isoformat()
    for index, review in enumerate(reviews, start=1):
        claim = review.get("claimReviewed")
        if not isinstance(claim, str) or len(claim.strip()) < 3:
            out.problems.append(f"{path}: ClaimReview {index}: no claimReviewed; skipped")
            continue
        rating = _first(review.get("reviewRating")) or {}
        rating = rating if isinstance(rating, dict) else {"alternateName": str(rating)}
        rating_text = rating.get("alternateName") or rating.get("name")
        if not rating_text and rating.get("ratingValue") is not None:
            rating_text = f"{rating.get('ratingValue')}/{rating.get('bestRating', '?')}"
        publisher = _name(review.get("author")) or _name(review.get("publisher")) or "unknown publisher"
        item = _first(review.get("itemReviewed")) or {}
        item = item if isinstance(item, dict) else {}
        reviewed_on = _date(review.get("datePublished")) or _date(review.get("dateModified"))
        url = review.get("url") if isinstance(review.get("url"), str) else None
        language = _language(review.get("inLanguage")) or _language(item.get("inLanguage"))
        key = url or f"{publisher}|{claim.strip()}"
        out.tables["fact_checks"].append({
            "fact_check_id": "cr_" + hashlib.sha1(key.encode()).hexdigest()[:12],
            "claim_reviewed": " ".join(claim.split()),
            "language": language,
            "rating": str(rating_text or "unrated"),
            "verdict": rating_verdict(rating_text, rating.get("ratingValue"), rating.get("bestRating"), rating.get("worstRating")),
            "publisher": publisher,
            "reviewed_on": reviewed_on,
            "url": url,
            "claimant": _name(item.get("author")),
            "source": f"{publisher}, {reviewed_on.isoformat() if reviewed_on else today}",
        })
    return out


PACK_INFO = {
    "description": "Prior fact-checks imported from schema.org ClaimReview markup with `factcheck reference import-claimreview`.",
    "licence": "Reviewed claims and ratings as published by each fact-checker (quoted for linking; see each url)",
    "maintainer": "factcheck reference import-claimreview",
}
