"""Load reference packs (folders of YAML/CSV files) into validated, flat Polars tables.

A pack is validated whole: one bad row refuses the pack (with a one-line error naming the
file, row and field) and nothing of it is loaded; the other packs still load.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import yaml
from pydantic import BaseModel, ValidationError

from pipelines import yamlio
from pipelines.extract.text import norm_str
from pipelines.reference import schema as s


def norm(text: str) -> str:
    """The matching form of a word or phrase: folded, punctuation runs as single spaces."""
    return norm_str(text)


class PackError(ValueError):
    """A pack that cannot be used; the message is one line naming file, row and field."""


@dataclass
class Pack:
    name: str
    path: Path
    info: s.PackInfo
    content_hash: str
    rows: dict[str, list[BaseModel]] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    def file(self, table: str) -> Path:
        """The file a table came from (for messages)."""
        return self.files.get(table, self.path / f"{table}.yaml")

    @property
    def version(self) -> str:
        """``name:hash12``, how verdicts name the reference version they used."""
        return f"{self.name}:{self.content_hash[:12]}"


def pack_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".yaml", ".yml", ".csv"}):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _Loader(yamlio.SafeLoader):
    """SafeLoader whose impossible dates (2030-13-45) stay strings, so validation can name the
    row and field instead of failing the whole file."""


def _timestamp(loader, node):
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _read_records(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".csv":
        rows = []
        for row in csv.DictReader(io.StringIO(text)):
            clean: dict = {}
            for key, value in row.items():
                if value is None or value == "":
                    continue
                clean[key] = json.loads(value) if value[:1] in "[{" else value
            rows.append(clean)
        return rows
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise PackError(f"{path}:{where} not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise PackError(f"{path}: expected a list of records, got {type(data).__name__}")
    return data


def _describe_all(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(record)"
        out.append(f"field {loc}: {err['msg']}")
    return out


def _describe(exc: ValidationError) -> str:
    return _describe_all(exc)[0]


def validate_pack(folder: Path) -> tuple[Pack | None, list[str]]:
    """Validate every file and row of one pack; returns the pack (None if unusable) and every
    problem found, each one line naming the file, row and field."""
    problems: list[str] = []
    info_path = folder / "pack.yaml"
    if not info_path.exists():
        return None, [f"{info_path}: missing (every pack needs pack.yaml with name, description, licence)"]
    try:
        info = s.PackInfo.model_validate(yamlio.safe_load(info_path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        return None, [f"{info_path}: {_describe(exc)}"]
    except yaml.YAMLError as exc:
        return None, [f"{info_path}: not valid YAML ({str(exc).splitlines()[0]})"]
    pack = Pack(name=folder.name, path=folder, info=info, content_hash=pack_hash(folder))
    known = set(s.TABLES)
    for path in sorted(folder.iterdir()):
        if path.name == "pack.yaml" or path.suffix not in {".yaml", ".yml", ".csv"}:
            continue
        if path.stem not in known:
            problems.append(f"{path}: unknown table {path.stem!r} (expected one of {', '.join(sorted(known))})")
            continue
        if path.stem in pack.files:
            problems.append(f"{path}: table {path.stem!r} is already given by {pack.files[path.stem].name} (one file per table)")
            continue
        pack.files[path.stem] = path
        model = s.TABLES[path.stem]
        try:
            records = _read_records(path)
        except PackError as exc:
            problems.append(str(exc))
            continue
        except (UnicodeDecodeError, csv.Error, json.JSONDecodeError) as exc:
            problems.append(f"{path}: unreadable ({type(exc).__name__}: {str(exc).splitlines()[0]})")
            continue
        rows = []
        for index, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                problems.append(f"{path}: row {index}: expected a mapping of fields")
                continue
            try:
                rows.append(model.model_validate(record))
            except ValidationError as exc:
                problems.extend(f"{path}: row {index}: {line}" for line in _describe_all(exc))
        pack.rows[path.stem] = rows
    problems.extend(_id_problems(pack))
    return pack, problems


def load_pack(folder: Path) -> Pack:
    """The validated pack, or PackError (first problem) if any file or row is wrong."""
    pack, problems = validate_pack(folder)
    if problems or pack is None:
        raise PackError(problems[0] if problems else f"{folder}: unusable pack")
    return pack


def _id_problems(pack: Pack) -> list[str]:
    problems = []
    keys = {"entities": "entity_id", "offices": "office_id", "treaties": "treaty_id", "events": "event_id", "statements": "statement_id", "quantities": "quantity_id", "fact_checks": "fact_check_id"}
    for table, key in keys.items():
        seen: set[str] = set()
        for index, row in enumerate(pack.rows.get(table, []), start=1):
            value = getattr(row, key)
            if value in seen:
                problems.append(f"{pack.file(table)}: row {index}: field {key}: duplicate id {value!r}")
            seen.add(value)
    # Holdings have no id: the same person in the same office from the same day twice is a
    # copy-paste (it would give every claim about that term two deciding rows).
    terms: dict[tuple, int] = {}
    for index, row in enumerate(pack.rows.get("office_holdings", []), start=1):
        term = (row.person_id, row.office_id, row.start_on)
        if term in terms:
            problems.append(f"{pack.file('office_holdings')}: row {index}: duplicate holding: {row.person_id!r} in "
                            f"{row.office_id!r} from {row.start_on} is already row {terms[term]}")
        terms.setdefault(term, index)
    return problems


def _check_ids(pack: Pack) -> None:
    problems = _id_problems(pack)
    if problems:
        raise PackError(problems[0])


@dataclass
class Packs:
    packs: list[Pack]
    errors: list[str]


def discover_packs(reference_dir: Path) -> Packs:
    """Every pack folder under ``reference_dir``; a pack with any problem is refused whole (its
    problems are in ``errors``, one line each) and the others still load."""
    candidates: list[Pack] = []
    errors: list[str] = []
    if not reference_dir.is_dir():
        return Packs([], [f"{reference_dir}: no reference folder"])
    for folder in sorted(p for p in reference_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            pack, problems = validate_pack(folder)
        except Exception as exc:  # a pack must never take the others down
            pack, problems = None, [f"{folder}: unreadable pack ({type(exc).__name__}: {exc})"]
        if problems or pack is None:
            errors.extend(problems)
        else:
            candidates.append(pack)
    # References between packs (a holding of a person defined in another pack): a pack whose
    # references do not resolve is refused too, which may in turn break another; repeat.
    while True:
        problems_by_pack = _cross_pack_errors(candidates)
        if not problems_by_pack:
            break
        for name, problems in problems_by_pack.items():
            errors.extend(problems)
        candidates = [p for p in candidates if p.name not in problems_by_pack]
    return Packs(candidates, errors)


def _cross_pack_errors(packs: list[Pack]) -> dict[str, list[str]]:
    entities = {r.entity_id for p in packs for r in p.rows.get("entities", [])}
    kinds = {r.entity_id: r.kind for p in packs for r in p.rows.get("entities", [])}
    offices = {r.office_id for p in packs for r in p.rows.get("offices", [])}
    owners: dict[tuple[str, str], str] = {}
    errors: dict[str, list[str]] = {}
    for pack in packs:
        found = []
        for table, key in (("entities", "entity_id"), ("offices", "office_id"), ("treaties", "treaty_id"), ("events", "event_id"), ("statements", "statement_id"), ("quantities", "quantity_id"), ("fact_checks", "fact_check_id")):
            for index, row in enumerate(pack.rows.get(table, []), start=1):
                ident = getattr(row, key)
                other = owners.setdefault((table, ident), pack.name)
                if other != pack.name:
                    found.append(f"{pack.file(table)}: row {index}: field {key}: id {ident!r} is already defined by pack {other!r}")
        for index, row in enumerate(pack.rows.get("office_holdings", []), start=1):
            for fld, pool in (("person_id", entities), ("office_id", offices)):
                if getattr(row, fld) not in pool:
                    found.append(f"{pack.file('office_holdings')}: row {index}: field {fld}: unknown id {getattr(row, fld)!r}")
        for index, row in enumerate(pack.rows.get("statements", []), start=1):
            if row.speaker_id not in entities:
                found.append(f"{pack.file('statements')}: row {index}: field speaker_id: unknown id {row.speaker_id!r}")
            for issuer in row.issued_by:
                if kinds.get(issuer) not in ("organisation", "outlet"):
                    found.append(f"{pack.file('statements')}: row {index}: field issued_by: {issuer!r} is no organisation or outlet of a loaded pack")
        for index, row in enumerate(pack.rows.get("entities", []), start=1):
            for fld in ("country_id", "capital_of"):
                target = getattr(row, fld)
                if target is not None and kinds.get(target) != "state":
                    found.append(f"{pack.file('entities')}: row {index}: field {fld}: {target!r} is no state of a loaded pack")
        if found:
            errors[pack.name] = found
    return errors


def _alias_rows(owner_key: str, owner: str, aliases: dict[str, list[str]], extra: dict | None = None) -> list[dict]:
    out = []
    for language, words in aliases.items():
        for word in words:
            if norm(word):
                out.append({owner_key: owner, "language": language, "alias": word, "alias_norm": norm(word), **(extra or {})})
    return out


def _keyword_rows(owner: dict, groups: dict[str, list[list[str]]]) -> list[dict]:
    out = []
    for language, lang_groups in groups.items():
        for group_no, group in enumerate(lang_groups, start=1):
            for word in group:
                if norm(word):
                    out.append({**owner, "language": language, "group_no": group_no, "keyword_norm": norm(word)})
    return out


def _exclusion_rows(owner: dict, words: dict[str, list[str]]) -> list[dict]:
    """Keyword rows (group_no null) of words that rule the owner out."""
    return [{**owner, "language": language, "group_no": None, "keyword_norm": norm(w), "is_exclusion": True} for language, ws in words.items() for w in ws if norm(w)]


SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "packs": {"pack_name": pl.String, "description": pl.String, "licence": pl.String, "content_hash": pl.String, "reference_version": pl.String, "loaded_at": pl.Datetime},
    "entities": {"entity_id": pl.String, "kind": pl.String, "name": pl.String, "wikidata_id": pl.String, "country_id": pl.String, "capital_of": pl.String, "source": pl.String, "pack_name": pl.String},
    "entity_aliases": {"entity_id": pl.String, "language": pl.String, "alias": pl.String, "alias_norm": pl.String},
    "offices": {"office_id": pl.String, "name": pl.String, "wikidata_id": pl.String, "country_id": pl.String, "source": pl.String, "pack_name": pl.String},
    "office_aliases": {"office_id": pl.String, "language": pl.String, "alias": pl.String, "alias_norm": pl.String},
    "office_holdings": {"holding_id": pl.String, "person_id": pl.String, "office_id": pl.String, "start_on": pl.Date, "end_on": pl.Date, "office_wikidata_id": pl.String, "source": pl.String, "pack_name": pl.String},
    "treaties": {"treaty_id": pl.String, "name": pl.String, "short_name": pl.String, "parties": pl.String, "signed_on": pl.Date, "signed_place": pl.String, "in_force_on": pl.Date, "article_count": pl.Int64, "source": pl.String, "pack_name": pl.String},
    "treaty_names": {"treaty_id": pl.String, "language": pl.String, "alias": pl.String, "alias_norm": pl.String, "name_kind": pl.String},
    "treaty_articles": {"treaty_id": pl.String, "article_no": pl.Int64, "label": pl.String, "summary": pl.String, "source": pl.String},
    "clause_elements": {"treaty_id": pl.String, "article_no": pl.Int64, "element": pl.String, "value": pl.String, "language": pl.String, "group_no": pl.Int64, "keyword_norm": pl.String, "is_contradiction": pl.Boolean},
    "events": {"event_id": pl.String, "event_on": pl.Date, "end_on": pl.Date, "description": pl.String, "place": pl.String, "wikidata_id": pl.String, "source": pl.String, "pack_name": pl.String},
    "event_keywords": {"event_id": pl.String, "language": pl.String, "group_no": pl.Int64, "keyword_norm": pl.String},
    "statements": {"statement_id": pl.String, "speaker_id": pl.String, "stated_on": pl.Date, "description": pl.String, "issued_by": pl.String, "source": pl.String, "pack_name": pl.String},
    "statement_renderings": {"rendering_id": pl.String, "statement_id": pl.String, "language": pl.String, "text": pl.String, "source": pl.String},
    "quantities": {"quantity_id": pl.String, "description": pl.String, "value": pl.Float64, "unit": pl.String, "tolerance": pl.Float64, "as_of": pl.Date, "source": pl.String, "pack_name": pl.String},
    "quantity_keywords": {"quantity_id": pl.String, "language": pl.String, "group_no": pl.Int64, "keyword_norm": pl.String, "is_exclusion": pl.Boolean},
    "fact_checks": {"fact_check_id": pl.String, "claim_reviewed": pl.String, "claim_norm": pl.String, "language": pl.String, "rating": pl.String, "verdict": pl.String, "publisher": pl.String, "reviewed_on": pl.Date, "url": pl.String, "claimant": pl.String, "source": pl.String, "pack_name": pl.String},
}


def to_tables(packs: list[Pack]) -> dict[str, pl.DataFrame]:
    """Flatten validated packs into the ``ref`` tables (one frame per table)."""
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for pack in packs:
        p = pack.name
        rows["packs"].append({"pack_name": p, "description": pack.info.description, "licence": pack.info.licence, "content_hash": pack.content_hash, "reference_version": pack.version, "loaded_at": now})
        for e in pack.rows.get("entities", []):
            rows["entities"].append({"entity_id": e.entity_id, "kind": e.kind, "name": e.name, "wikidata_id": e.wikidata_id, "country_id": e.country_id, "capital_of": e.capital_of, "source": e.source, "pack_name": p})
            rows["entity_aliases"] += _alias_rows("entity_id", e.entity_id, {"und": [e.name], **e.aliases})
        for o in pack.rows.get("offices", []):
            rows["offices"].append({"office_id": o.office_id, "name": o.name, "wikidata_id": o.wikidata_id, "country_id": o.country_id, "source": o.source, "pack_name": p})
            rows["office_aliases"] += _alias_rows("office_id", o.office_id, o.aliases)
        for h in pack.rows.get("office_holdings", []):
            holding_id = hashlib.sha1(f"{h.person_id}|{h.office_id}|{h.start_on}".encode()).hexdigest()[:16]
            rows["office_holdings"].append({"holding_id": holding_id, "person_id": h.person_id, "office_id": h.office_id, "start_on": h.start_on, "end_on": h.end_on, "office_wikidata_id": h.office_wikidata_id, "source": h.source, "pack_name": p})
        for t in pack.rows.get("treaties", []):
            rows["treaties"].append({"treaty_id": t.treaty_id, "name": t.name, "short_name": t.short_name, "parties": ", ".join(t.parties), "signed_on": t.signed_on, "signed_place": t.signed_place, "in_force_on": t.in_force_on, "article_count": t.article_count, "source": t.source, "pack_name": p})
            rows["treaty_names"] += _alias_rows("treaty_id", t.treaty_id, {"und": [t.name] + ([t.short_name] if t.short_name else []), **t.names}, {"name_kind": "name"})
            rows["treaty_names"] += _alias_rows("treaty_id", t.treaty_id, t.context_keywords, {"name_kind": "context"})
            for a in t.articles:
                rows["treaty_articles"].append({"treaty_id": t.treaty_id, "article_no": a.article_no, "label": a.label, "summary": a.summary, "source": a.source})
                for el in a.elements:
                    owner = {"treaty_id": t.treaty_id, "article_no": a.article_no, "element": el.element, "value": el.value}
                    rows["clause_elements"] += _keyword_rows({**owner, "is_contradiction": False}, el.keywords)
                    rows["clause_elements"] += _keyword_rows({**owner, "is_contradiction": True}, el.contradicted_by)
        for ev in pack.rows.get("events", []):
            rows["events"].append({"event_id": ev.event_id, "event_on": ev.event_on, "end_on": ev.end_on, "description": ev.description, "place": ev.place, "wikidata_id": ev.wikidata_id, "source": ev.source, "pack_name": p})
            rows["event_keywords"] += _keyword_rows({"event_id": ev.event_id}, ev.keywords)
        for st in pack.rows.get("statements", []):
            rows["statements"].append({"statement_id": st.statement_id, "speaker_id": st.speaker_id, "stated_on": st.stated_on, "description": st.description, "issued_by": ", ".join(st.issued_by) or None, "source": st.source, "pack_name": p})
            for r in st.renderings:
                rows["statement_renderings"].append({"rendering_id": f"{st.statement_id}:{r.language}", "statement_id": st.statement_id, "language": r.language, "text": r.text, "source": r.source})
        for q in pack.rows.get("quantities", []):
            rows["quantities"].append({"quantity_id": q.quantity_id, "description": q.description, "value": q.value, "unit": q.unit, "tolerance": q.tolerance, "as_of": q.as_of, "source": q.source, "pack_name": p})
            rows["quantity_keywords"] += [{**r, "is_exclusion": False} for r in _keyword_rows({"quantity_id": q.quantity_id}, q.keywords)]
            rows["quantity_keywords"] += _exclusion_rows({"quantity_id": q.quantity_id}, q.exclude_keywords)
        for f in pack.rows.get("fact_checks", []):
            rows["fact_checks"].append({"fact_check_id": f.fact_check_id, "claim_reviewed": f.claim_reviewed, "claim_norm": norm(f.claim_reviewed), "language": f.language, "rating": f.rating, "verdict": f.verdict, "publisher": f.publisher, "reviewed_on": f.reviewed_on, "url": f.url, "claimant": f.claimant, "source": f.source, "pack_name": p})
    return {name: pl.DataFrame(rows[name], schema=schema).unique(maintain_order=True) for name, schema in SCHEMAS.items()}
