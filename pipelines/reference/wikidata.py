"""Wikidata entity JSON -> reference pack rows (entities, offices, office holdings, events).

Reads the dump format (one entity per line, with the dump's leading ``[`` and trailing commas),
a JSON list of entities, one entity object, or the ``{"entities": {...}}`` shape that
Special:EntityData and wbgetentities return. What it uses:

* labels and aliases, in every language present, become the aliases of the row;
* P39 (position held) with its P580/P582 qualifiers (start/end time) becomes an office holding;
  the office is the pack office carrying that Q-id (any pack), else an existing office whose
  name or aliases equal the office entity's labels in the same language (when the file holds
  the office entity), else a new office row named after its labels or, without them, its Q-id;
* P585 (point in time), or P580/P582 (start/end time), on an item makes it a dated event;
* the Q-id is kept as ``wikidata_id``.

Other properties are ignored. Lines that are not JSON, or not an item, are reported (with the
line number) and skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.extract.text import fold_str
from pipelines.reference import schema as s
from pipelines.reference.pack import discover_packs, norm

HUMAN = "Q5"
POSITION_CLASSES = {"Q4164871", "Q294414"}  # position, public office
STATE_CLASSES = {"Q6256", "Q3624078", "Q7275"}  # country, sovereign state, state
ORG_CLASSES = {"Q43229", "Q484652", "Q7210356", "Q245065"}  # organization, international org., political org., intergovernmental org.
_LANG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
_TIME = re.compile(r"^(?P<sign>[+-])(?P<y>\d{1,16})-(?P<m>\d\d)-(?P<d>\d\d)T")


@dataclass
class WikidataImport:
    """Rows for each pack table, and the problems met (one line each)."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: {"entities": [], "offices": [], "office_holdings": [], "events": []})
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.tables.items()}


# --------------------------------------------------------------------------- reading

def read_entities(path: Path) -> tuple[list[tuple[str, dict]], list[str]]:
    """(where, entity) pairs from any of the accepted shapes, and one problem line per bad line."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        return [(f"{path}: entity {key}", ent) for key, ent in data["entities"].items()], []
    if isinstance(data, dict):
        return [(f"{path}", data)], []
    if isinstance(data, list):
        return [(f"{path}: item {i}", ent) for i, ent in enumerate(data, start=1)], []
    entities, problems = [], []
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().rstrip(",").strip()
        if line in ("", "[", "]"):
            continue
        try:
            entities.append((f"{path}:{line_no}", json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{line_no}: not valid JSON ({exc.msg} at column {exc.colno}); line skipped")
    return entities, problems


# --------------------------------------------------------------------------- values

def _value(snak: dict):
    if not isinstance(snak, dict) or snak.get("snaktype", "value") != "value":
        return None
    datavalue = snak.get("datavalue") or {}
    return datavalue.get("value")


def _item_id(snak: dict) -> str | None:
    value = _value(snak)
    if isinstance(value, dict):
        if isinstance(value.get("id"), str) and value["id"].startswith("Q"):
            return value["id"]
        if value.get("entity-type", "item") == "item" and isinstance(value.get("numeric-id"), int):
            return f"Q{value['numeric-id']}"
    return None


def _date(snak: dict) -> dt.date | None:
    """A Wikidata time value at day, month or year precision (first day of the period)."""
    value = _value(snak)
    if not isinstance(value, dict) or not isinstance(value.get("time"), str):
        return None
    match = _TIME.match(value["time"])
    precision = value.get("precision", 11)
    if not match or match["sign"] == "-" or not isinstance(precision, int) or precision < 9:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if precision == 9:
        month, day = 1, 1
    elif precision == 10:
        day = 1
    try:
        return dt.date(year, month or 1, day or 1)
    except ValueError:
        return None


def _statements(entity: dict, prop: str) -> list[dict]:
    claims = entity.get("claims") or entity.get("statements") or {}
    out = claims.get(prop) if isinstance(claims, dict) else None
    return [st for st in out or [] if isinstance(st, dict) and st.get("rank") != "deprecated"]


def _qualifier_date(statement: dict, prop: str) -> dt.date | None:
    for snak in (statement.get("qualifiers") or {}).get(prop, []) or []:
        value = _date(snak)
        if value:
            return value
    return None


def _main_date(entity: dict, prop: str) -> dt.date | None:
    for st in _statements(entity, prop):
        value = _date(st.get("mainsnak") or {})
        if value:
            return value
    return None


def _words(entity: dict) -> dict[str, list[str]]:
    """Labels then aliases, per language code (every language Wikidata gave)."""
    out: dict[str, list[str]] = {}
    labels = entity.get("labels") or {}
    aliases = entity.get("aliases") or {}
    for lang, label in labels.items() if isinstance(labels, dict) else []:
        value = label.get("value") if isinstance(label, dict) else label
        if isinstance(value, str) and value.strip() and _LANG.match(lang):
            out.setdefault(lang, []).append(value.strip())
    for lang, items in aliases.items() if isinstance(aliases, dict) else []:
        if not _LANG.match(lang):
            continue
        for item in items if isinstance(items, list) else []:
            value = item.get("value") if isinstance(item, dict) else item
            if isinstance(value, str) and value.strip() and value.strip() not in out.get(lang, []):
                out.setdefault(lang, []).append(value.strip())
    return {lang: words for lang, words in out.items() if norm(" ".join(words))}


def _label(entity: dict, words: dict[str, list[str]]) -> str | None:
    for lang in ("en", "mul", *s.LANGS):
        if words.get(lang):
            return words[lang][0]
    for lang in sorted(words):
        return words[lang][0]
    return None


def _description(entity: dict) -> str | None:
    descriptions = entity.get("descriptions") or {}
    for lang in ("en", "mul", *s.LANGS):
        d = descriptions.get(lang)
        if isinstance(d, dict) and isinstance(d.get("value"), str):
            return d["value"]
    return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold_str(text).lower()).strip("_")[:60] or "item"


def _classes(entity: dict) -> set[str]:
    return {q for st in _statements(entity, "P31") if (q := _item_id(st.get("mainsnak") or {}))}


# --------------------------------------------------------------------------- conversion

def convert(path: Path, pack_name: str, reference_dir: Path) -> WikidataImport:
    """Rows for pack ``pack_name`` from the Wikidata file, linked to what the packs hold."""
    out = WikidataImport()
    raw, out.problems = read_entities(path)
    entities: dict[str, dict] = {}
    for where, ent in raw:
        qid = ent.get("id") if isinstance(ent, dict) else None
        if not isinstance(qid, str) or not re.fullmatch(r"Q\d+", qid):
            what = f"{ent.get('type', 'entity')} {qid}" if isinstance(ent, dict) and isinstance(qid, str) else "no Q-id"
            out.problems.append(f"{where}: not a Wikidata item ({what}); skipped")
            continue
        entities[qid] = ent

    packs = [p for p in discover_packs(reference_dir).packs]
    other = [p for p in packs if p.name != pack_name]
    own = next((p for p in packs if p.name == pack_name), None)
    entity_by_qid = {r.wikidata_id: r.entity_id for p in packs for r in p.rows.get("entities", []) if r.wikidata_id}
    office_by_qid = {r.wikidata_id: r.office_id for p in packs for r in p.rows.get("offices", []) if r.wikidata_id}
    # Links made by an earlier import (a holding remembers its position's Q-id).
    for p in packs:
        for h in p.rows.get("office_holdings", []):
            if h.office_wikidata_id:
                office_by_qid.setdefault(h.office_wikidata_id, h.office_id)
    event_by_qid = {r.wikidata_id: r.event_id for p in packs for r in p.rows.get("events", []) if r.wikidata_id}
    taken = {r.entity_id for p in other for r in p.rows.get("entities", [])} | {r.office_id for p in other for r in p.rows.get("offices", [])} | {r.event_id for p in other for r in p.rows.get("events", [])}
    own_ids = {} if own is None else {(t, getattr(r, k)): r for t, k in (("entities", "entity_id"), ("offices", "office_id"), ("events", "event_id")) for r in own.rows.get(t, [])}
    # Office wordings already known, per language: a labelled office entity equal to one of
    # them is that office.
    office_words: dict[tuple[str, str], str] = {}
    for p in packs:
        for office in p.rows.get("offices", []):
            office_words.setdefault(("*", norm(office.name)), office.office_id)
            for lang, words in office.aliases.items():
                for word in words:
                    office_words.setdefault((lang, norm(word)), office.office_id)
    person_names = {}
    for p in other:
        for e in p.rows.get("entities", []):
            if e.kind == "person" and not e.wikidata_id:
                person_names.setdefault(norm(e.name), e.entity_id)
    source_date = dt.date.today().isoformat()

    def source(qid: str, ent: dict | None) -> str:
        modified = (ent or {}).get("modified")
        when = modified[:10] if isinstance(modified, str) and re.match(r"\d{4}-\d\d-\d\d", modified) else source_date
        return f"Wikidata {qid}, {when}"

    def new_id(table: str, qid: str, label: str | None) -> str:
        base = slug(label) if label else f"wd_{qid.lower()}"
        if base in taken or ((table, base) in own_ids and getattr(own_ids[(table, base)], "wikidata_id", None) not in (None, qid)):
            base = f"{base}_{qid.lower()}"
        taken.add(base)
        return base

    office_targets: dict[str, dict] = {}
    for ent in entities.values():
        for st in _statements(ent, "P39"):
            if q := _item_id(st.get("mainsnak") or {}):
                office_targets.setdefault(q, ent)

    # Offices first: holdings need their ids.
    office_ids: dict[str, str] = {}
    for qid in sorted(set(office_targets) | {q for q, e in entities.items() if _classes(e) & POSITION_CLASSES}):
        ent = entities.get(qid)
        words = _words(ent) if ent else {}
        label = _label(ent, words) if ent else None
        if qid in office_by_qid:
            office_ids[qid] = office_by_qid[qid]
            if ent and (("offices", office_by_qid[qid]) in own_ids):
                out.tables["offices"].append({"office_id": office_by_qid[qid], "name": label or qid, "wikidata_id": qid, "aliases": words, "source": source(qid, ent)})
            continue
        linked = None
        for lang, ws in words.items():
            for w in ws:
                linked = office_words.get((lang, norm(w))) or office_words.get(("*", norm(w)))
                if linked:
                    break
            if linked:
                break
        if linked:
            office_ids[qid] = linked
            out.notes.append(f"office {qid} ({label}) is office {linked!r} (same wording)")
            continue
        office_id = new_id("offices", qid, label)
        office_ids[qid] = office_id
        out.tables["offices"].append({"office_id": office_id, "name": label or qid, "wikidata_id": qid, "aliases": words, "source": source(qid, ent) if ent else source(office_targets[qid]["id"], office_targets[qid])})
        if not ent:
            out.notes.append(f"office {qid} is not in the file: created office {office_id!r} named after its Q-id (import its entity to give it labels)")

    for qid, ent in entities.items():
        if qid in office_ids:
            continue
        words = _words(ent)
        label = _label(ent, words)
        classes = _classes(ent)
        holds = _statements(ent, "P39")
        is_person = HUMAN in classes or bool(holds) or bool(_statements(ent, "P569"))
        point = _main_date(ent, "P585")
        start = _main_date(ent, "P580")
        if is_person or classes & (STATE_CLASSES | ORG_CLASSES):
            kind = "person" if is_person else "state" if classes & STATE_CLASSES else "organisation"
            entity_id = entity_by_qid.get(qid)
            if entity_id is None and kind == "person" and label and norm(label) in person_names:
                entity_id = person_names[norm(label)]
                out.notes.append(f"{qid} ({label}) is entity {entity_id!r} (same name)")
            if entity_id is None:
                entity_id = new_id("entities", qid, label)
            mine = ("entities", entity_id) in own_ids or entity_id not in {r.entity_id for p in other for r in p.rows.get("entities", [])}
            if mine:
                out.tables["entities"].append({"entity_id": entity_id, "kind": kind, "name": label or qid, "wikidata_id": qid, "aliases": words, "source": source(qid, ent)})
            for st in holds:
                office_qid = _item_id(st.get("mainsnak") or {})
                start_on = _qualifier_date(st, "P580")
                if office_qid is None:
                    continue
                if start_on is None:
                    out.problems.append(f"{qid}: P39 {office_qid} has no start time (P580); holding skipped")
                    continue
                end_on = _qualifier_date(st, "P582")
                if end_on is not None and end_on < start_on:
                    out.problems.append(f"{qid}: P39 {office_qid} ends ({end_on}) before it starts ({start_on}); holding skipped")
                    continue
                out.tables["office_holdings"].append({"person_id": entity_id, "office_id": office_ids[office_qid], "start_on": start_on, "end_on": end_on, "office_wikidata_id": office_qid, "source": source(qid, ent)})
        elif point or start:
            event_on = point or start
            end_on = None if point else _main_date(ent, "P582")
            if end_on is not None and end_on < event_on:
                end_on = None
            event_id = event_by_qid.get(qid) or new_id("events", qid, label)
            description = label or qid
            extra = _description(ent)
            if extra:
                description = f"{description} ({extra})"
            place = None
            for st in _statements(ent, "P276"):
                place_qid = _item_id(st.get("mainsnak") or {})
                if place_qid:
                    place_ent = entities.get(place_qid)
                    place = (_label(place_ent, _words(place_ent)) if place_ent else None) or place_qid
                    break
            keywords = {lang: [[w for w in ws]] for lang, ws in words.items()}
            out.tables["events"].append({"event_id": event_id, "event_on": event_on, "end_on": end_on, "description": description, "place": place, "wikidata_id": qid, "keywords": keywords, "source": source(qid, ent)})
        else:
            out.notes.append(f"{qid} ({label or 'no label'}): not a person, office, state, organisation or dated event; ignored")
    return out


PACK_INFO = {
    "description": "Imported from Wikidata entity JSON with `factcheck reference import-wikidata`.",
    "licence": "CC0 1.0 (Wikidata)",
    "maintainer": "factcheck reference import-wikidata",
}
