"""A deterministic, seeded corpus of news articles with planted claims of known truth.

``write_corpus(out, n, seed=...)`` writes ``n`` seed-sized (~3.5 kB) articles in the seven
languages, in the project's real input formats: ``.txt`` files with ``.meta.json`` sidecars
(the default) or ``.jsonl`` batches. Every planted claim is built from the reference pack
(people and their offices, event dates, treaty articles, the statement's renderings, the
reference quantity), true or deliberately false, and recorded in ``truth.parquet`` beside the
``articles/`` folder with its exact span, so a run's output can be scored against it.

Article ``i`` depends only on ``(seed, i)``: a corpus of 1,000 articles is the first 1,000 of a
corpus of 100,000, and ``write_corpus(..., start=n)`` extends a corpus (what the incremental
benchmark uses for its "1 % new articles").
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from pipelines.bench import templates as T

GENERATOR_VERSION = 4
BATCH_SIZE = 1000
TARGET_BYTES = 3500  # UTF-8 bytes, like the seed article (Cyrillic takes two per letter)
LANGUAGE_WEIGHTS = {"es": 25, "en": 20, "fr": 12, "de": 12, "it": 10, "pt": 10, "ru": 11}
NO_LANGUAGE_SHARE = 0.05  # sidecars without "language": the pipeline must detect it
PUBLISHED_FROM = dt.date(2025, 5, 1)
PUBLISHED_DAYS = 245
CLAIM_KINDS = ("office_holder", "event_date", "quote", "treaty_clause", "quantity")

TRUTH_SCHEMA = {
    "source_path": pl.String, "line_no": pl.Int64, "article_index": pl.Int64, "language": pl.String,
    "claim_type": pl.String, "is_true": pl.Boolean, "expected_verdict": pl.String,
    "span_start": pl.Int64, "span_end": pl.Int64, "planted_text": pl.String, "reference_key": pl.String,
}


@dataclass(frozen=True)
class Facts:
    """What the generator needs from the reference pack, in plain Python structures."""

    persons: dict[str, dict[str, str]]            # entity_id -> language -> nominative name
    offices: dict[str, dict[str, list[str]]]      # office_id -> language -> title wordings
    holdings: list[tuple[str, str, dt.date, dt.date | None]]
    events: dict[str, dt.date]
    quote_sentences: dict[str, list[str]]         # language -> sentences of the statement
    speaker_id: str
    quantity_value: float
    quantity_tolerance: float


def facts_from_pack(reference_dir: Path) -> Facts:
    from pipelines.core import reference_tables

    ref, _errors = reference_tables(reference_dir)
    aliases = ref["entity_aliases"].filter(pl.col("language") != "und")
    persons: dict[str, dict[str, str]] = {}
    for row in aliases.join(ref["entities"].filter(pl.col("kind") == "person").select("entity_id"), on="entity_id").iter_rows(named=True):
        persons.setdefault(row["entity_id"], {}).setdefault(row["language"], row["alias"])  # the first listed: nominative
    offices: dict[str, dict[str, list[str]]] = {}
    for row in ref["office_aliases"].filter(pl.col("language") != "und").iter_rows(named=True):
        offices.setdefault(row["office_id"], {}).setdefault(row["language"], []).append(row["alias"])
    holdings = [(r["person_id"], r["office_id"], r["start_on"], r["end_on"]) for r in ref["office_holdings"].iter_rows(named=True)]
    events = {r["event_id"]: r["event_on"] for r in ref["events"].iter_rows(named=True) if r["event_id"] in T.EVENTS}
    statement = ref["statements"].row(0, named=True)
    sentences: dict[str, list[str]] = {}
    for row in ref["statement_renderings"].filter(pl.col("statement_id") == statement["statement_id"]).iter_rows(named=True):
        parts = [s.strip().rstrip(".") for s in re.split(r"(?<=[.!?])\s+", " ".join(row["text"].split()))]
        sentences[row["language"]] = [s for s in parts if 6 <= len(s.split()) <= 30] or parts
    nis = ref["quantities"].filter(pl.col("quantity_id") == "nis_dprk_troops_estimate").row(0, named=True)
    return Facts(persons, offices, holdings, events, sentences, statement["speaker_id"], float(nis["value"]), float(nis["tolerance"]))


@lru_cache(maxsize=2)
def default_facts() -> Facts:
    from pipelines.settings import load_settings

    return facts_from_pack(load_settings().reference_dir)


# --------------------------------------------------------------------------- one article

def _date_text(lang: str, day: dt.date) -> str:
    return T.DATE_FORMATS[lang].format(d=day.day, m=T.MONTHS[lang][day.month - 1], y=day.year)


def _holds(facts: Facts, person: str, office: str, on: dt.date) -> bool:
    return any(p == person and o == office and s <= on and (e is None or on < e) for p, o, s, e in facts.holdings)


class _Builder:
    """Accumulates the text and the exact spans of planted sentences."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def _office_claim(rng: random.Random, lang: str, facts: Facts, published: dt.date) -> tuple[str, bool, str]:
    if rng.random() < 0.6:
        current = [(p, o) for p, o, s, e in facts.holdings if s <= published and (e is None or published < e)]
        person, office = rng.choice(current)
    else:
        former = [(p, o) for p, o, s, e in facts.holdings if e is not None and e <= published and not _holds(facts, p, o, published)]
        pairs = former + [(p, o) for p in facts.persons for o in facts.offices if not _holds(facts, p, o, published)]
        person, office = rng.choice(former) if former and rng.random() < 0.5 else rng.choice(pairs)
    titles = facts.offices[office][lang]
    title = titles[0] if lang in ("de", "ru") or len(titles) == 1 else rng.choice(titles[:2])
    sentence = f"{facts.persons[person][lang]}, {title}, {rng.choice(T.OFFICE_REST[lang])}"
    return sentence, _holds(facts, person, office, published), f"{person}|{office}"


def _event_claim(rng: random.Random, lang: str, facts: Facts) -> tuple[str, bool, str]:
    event_id = rng.choice(sorted(facts.events))
    true_on = facts.events[event_id]
    is_true = rng.random() < 0.6
    on = true_on if is_true else true_on + dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(3, 40))
    return T.EVENTS[event_id][lang].format(date=_date_text(lang, on)), is_true, f"{event_id}|{on.isoformat()}"


def _quote_claim(rng: random.Random, lang: str, facts: Facts) -> tuple[str, bool, str]:
    words = rng.choice(facts.quote_sentences[lang])
    is_true = rng.random() < 0.6
    others = sorted(p for p in ("volodymyr_zelensky", "sergey_lavrov", "dmitry_peskov", "jens_stoltenberg") if p in facts.persons)
    speaker = facts.speaker_id if is_true else rng.choice(others)
    frame_no = rng.randrange(len(T.QUOTE_FRAMES[lang]))
    opening, closing = T.QUOTE_MARKS[lang]
    inner = words + ("." if frame_no == 0 else ",") if lang == "en" else words
    quote = f"{opening}{inner}{closing}"
    sentence = T.QUOTE_FRAMES[lang][frame_no].format(speaker=facts.persons[speaker][lang], q=quote)
    return sentence[0].upper() + sentence[1:], is_true, f"{speaker}"


_CLAUSE_CASES = [
    # (treaty_id, article number written, content of (treaty, article), is_true)
    ("dprk_russia_2024", 4, ("dprk_russia_2024", 4), True),
    ("dprk_russia_2024", 3, ("dprk_russia_2024", 3), True),
    ("north_atlantic_1949", 5, ("north_atlantic_1949", 5), True),
    ("dprk_russia_2024", 3, ("dprk_russia_2024", 4), False),
    ("dprk_russia_2024", 5, ("dprk_russia_2024", 4), False),
    ("dprk_russia_2024", 4, ("dprk_russia_2024", 3), False),
    ("north_atlantic_1949", 4, ("north_atlantic_1949", 5), False),
]


def _clause_claim(rng: random.Random, lang: str) -> tuple[str, bool, str]:
    treaty_id, number, content_key, is_true = rng.choice(_CLAUSE_CASES)
    sentence = T.CLAUSE_FRAMES[lang].format(n=number, treaty=T.CLAUSE_TREATIES[treaty_id][lang], content=T.CLAUSE_CONTENT[content_key][lang])
    return sentence, is_true, f"{treaty_id}|{number}"


def _quantity_claim(rng: random.Random, lang: str, facts: Facts) -> tuple[str, bool, str]:
    is_true = rng.random() < 0.6
    value = facts.quantity_value
    if is_true:
        number = int(round(value * (1 + rng.choice([0.0, 0.0, -0.05, 0.05])), -2))
    else:
        number = rng.choice([3000, 30000, 50000, 100000])
    written = f"{number:,}".replace(",", T.THOUSANDS[lang])
    return T.QUANTITY_FRAMES[lang].format(num=written), is_true, str(number)


@lru_cache(maxsize=8)
def _vocabulary(lang: str) -> tuple[str, ...]:
    """Lower-case words (three letters or more) of the language's claim-free filler."""
    text = " ".join(T.FILLER[lang]) + " " + " ".join(" ".join(options) for options in T.FILLER_PARTS[lang])
    return tuple(sorted({w.lower() for w in re.findall(r"[^\W\d_]{3,}", text)}))


def generate_article(i: int, seed: int, facts: Facts) -> tuple[str, dict, list[dict]]:
    """Article ``i`` of the corpus for ``seed``: (text, metadata, planted claims)."""
    rng = random.Random(f"factcheck-bench:{seed}:{i}")
    lang = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    published = PUBLISHED_FROM + dt.timedelta(days=rng.randrange(PUBLISHED_DAYS))
    outlet = rng.choice(T.OUTLETS[lang])
    if rng.random() < 0.3:
        title = rng.choice(T.HEADLINES[lang])
    else:  # subject + verb + complement of the combinatorial filler, as a headline
        _, subject, verb, complement = (rng.choice(options) for options in T.FILLER_PARTS[lang])
        title = f"{subject} {verb} {complement.rstrip('.')}"
        title = title[0].upper() + title[1:]

    kinds = [rng.choice(CLAIM_KINDS) for _ in range(rng.randint(4, 6))]
    planted_sentences: list[tuple[str, str, bool, str]] = []
    for kind in kinds:
        if kind == "office_holder":
            sentence, is_true, key = _office_claim(rng, lang, facts, published)
        elif kind == "event_date":
            sentence, is_true, key = _event_claim(rng, lang, facts)
        elif kind == "quote":
            sentence, is_true, key = _quote_claim(rng, lang, facts)
        elif kind == "treaty_clause":
            sentence, is_true, key = _clause_claim(rng, lang)
        else:
            sentence, is_true, key = _quantity_claim(rng, lang, facts)
        planted_sentences.append((kind, sentence, is_true, key))

    fixed = list(T.FILLER[lang])
    rng.shuffle(fixed)
    parts = T.FILLER_PARTS[lang]
    vocabulary = _vocabulary(lang)
    budget = TARGET_BYTES - len(title.encode()) - sum(len(s.encode()) + 1 for _, s, _, _ in planted_sentences) - 80
    chosen: list[str] = []
    while budget > 0:
        draw = rng.random()
        if fixed and draw < 0.1:
            sentence = fixed.pop()
        elif draw < 0.5:
            sentence = " ".join(rng.choice(options) for options in parts)
        else:
            # Loose prose from the language's filler words: keeps two articles from sharing
            # many five-word runs, as two different stories would not.
            words = [rng.choice(vocabulary) for _ in range(rng.randint(9, 16))]
            sentence = " ".join(words).capitalize() + "."
        chosen.append(sentence)
        budget -= len(sentence.encode()) + 1
    slots = sorted(rng.sample(range(len(chosen) + len(planted_sentences)), len(planted_sentences)))
    body: list[tuple[str, int]] = []  # (sentence, index into planted or -1)
    fill_iter = iter(chosen)
    planted_iter = iter(range(len(planted_sentences)))
    for position in range(len(chosen) + len(planted_sentences)):
        if position in slots:
            k = next(planted_iter)
            body.append((planted_sentences[k][1], k))
        else:
            body.append((next(fill_iter), -1))

    builder = _Builder()
    builder.add(f"{title}\n\n")
    dateline = rng.choice(T.DATELINES[lang])
    month = T.MONTHS[lang][published.month - 1]
    builder.add(dateline.format(d=published.day, m=month.lower() if lang != "en" else month, M=month, o=outlet))
    spans: dict[int, tuple[int, int]] = {}
    per_paragraph = rng.randint(3, 4)
    for n, (sentence, k) in enumerate(body):
        if n:
            builder.add("\n" if n % per_paragraph == 0 else " ")
        start, end = builder.add(sentence)
        if k >= 0:
            spans[k] = (start, end)
    builder.add(f"\n({outlet}) {rng.getrandbits(48):012x}")
    text = builder.text()

    meta = {"published": published.isoformat(), "language": lang, "outlet": outlet, "title": title, "url": f"https://news.example/{lang}/{seed}/{i}"}
    if rng.random() < NO_LANGUAGE_SHARE:
        del meta["language"]
    planted = [
        {"article_index": i, "language": lang, "claim_type": kind, "is_true": is_true,
         "expected_verdict": "supported" if is_true else "refuted",
         "span_start": spans[k][0], "span_end": spans[k][1], "planted_text": sentence, "reference_key": key}
        for k, (kind, sentence, is_true, key) in enumerate(planted_sentences)
    ]
    return text, meta, planted


# --------------------------------------------------------------------------- the corpus

@dataclass
class CorpusInfo:
    root: Path
    articles_dir: Path
    count: int
    files: int
    bytes: int


def corpus_paths(root: Path) -> tuple[Path, Path, Path]:
    return root / "articles", root / "truth.parquet", root / "corpus.json"


def write_corpus(root: Path | str, n: int, *, seed: int = 0, fmt: str = "txt", start: int = 0, facts: Facts | None = None, batch_prefix: str = "b") -> CorpusInfo:
    """Write articles ``start .. start+n-1`` under ``root/articles`` (batches of 1,000)."""
    if fmt not in ("txt", "jsonl"):
        raise ValueError(f"unknown corpus format {fmt!r} (txt or jsonl)")
    root = Path(root)
    articles_dir, truth_path, info_path = corpus_paths(root)
    articles_dir.mkdir(parents=True, exist_ok=True)
    facts = facts or default_facts()
    truth: list[dict] = []
    files = size = 0
    jsonl_lines: dict[Path, list[str]] = {}
    for i in range(start, start + n):
        text, meta, planted = generate_article(i, seed, facts)
        batch_dir = articles_dir / f"{batch_prefix}{i // BATCH_SIZE:05d}"
        if fmt == "txt":
            batch_dir.mkdir(exist_ok=True)
            path = batch_dir / f"a{i:07d}.txt"
            data = text.encode("utf-8")
            side = json.dumps(meta, ensure_ascii=False).encode("utf-8")
            path.write_bytes(data)
            path.with_name(f"a{i:07d}.meta.json").write_bytes(side)
            files += 2
            size += len(data) + len(side)
            line_no = None
        else:
            path = batch_dir.with_suffix(".jsonl")
            lines = jsonl_lines.setdefault(path, [])
            lines.append(json.dumps({"text": text, **meta}, ensure_ascii=False))
            line_no = len(lines)
        for row in planted:
            row.update(source_path=str(path), line_no=line_no)
            truth.append(row)
    for path, lines in jsonl_lines.items():
        data = ("\n".join(lines) + "\n").encode("utf-8")
        mode = "ab" if path.exists() and start else "wb"
        with open(path, mode) as handle:
            handle.write(data)
        files += 1
        size += len(data)
    frame = pl.DataFrame(truth, schema=TRUTH_SCHEMA) if truth else pl.DataFrame(schema=TRUTH_SCHEMA)
    if start and truth_path.exists():
        frame = pl.concat([pl.read_parquet(truth_path), frame])
    frame.write_parquet(truth_path)
    info = {"generator_version": GENERATOR_VERSION, "seed": seed, "format": fmt, "count": start + n}
    info_path.write_text(json.dumps(info))
    return CorpusInfo(root=root, articles_dir=articles_dir, count=start + n, files=files, bytes=size)


def ensure_corpus(root: Path | str, n: int, *, seed: int = 0, fmt: str = "txt") -> Path:
    """Reuse ``root`` if it already holds exactly this corpus, else (re)write it."""
    import shutil

    root = Path(root)
    _, _, info_path = corpus_paths(root)
    wanted = {"generator_version": GENERATOR_VERSION, "seed": seed, "format": fmt, "count": n}
    if info_path.exists():
        try:
            if json.loads(info_path.read_text()) == wanted:
                return root
        except ValueError:
            pass
    if root.exists():
        shutil.rmtree(root)
    write_corpus(root, n, seed=seed, fmt=fmt)
    return root
