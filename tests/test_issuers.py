"""Statements an organisation issued for their speaker, and states (or their capitals) as speakers.

* The pack records who published a statement (``issued_by``: the Kremlin published Putin's
  statement of 2025-04-28), and which state an organisation belongs to (``country_id``) and a
  capital stands for (``capital_of``). ``ref.statements`` and ``ref.entities`` carry them; a
  pack whose issuer is no organisation, or whose link is no state, is refused.
* "The Kremlin said: «Putin's words»" is supported: the Kremlin published them. The same words
  given to another organisation are not.
* "Moscow said", "Москва заявила", "Seúl afirmó", "В Москве заявили", "In Moscow they said": the state speaks the quote (``speaker_kind``
  'state', ``speaker_id`` the state, a capital's being its state), not a person named earlier.
  Russia's is supported through the Kremlin's statement; a state whose organisations issued
  no statement is not_enough_evidence, and the reason says the pack holds no statement by it.
  A place that is not the subject ("Putin said in Moscow") speaks nothing.

The end-to-end cases run ``pipelines.core.check`` (extraction, then the verdict SQL on an
in-memory DuckDB) over one article per language; the last one refreshes a warehouse
incrementally after the pack gains ``issued_by``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml

from pipelines.reference.pack import discover_packs, to_tables
from tests.conftest import SEED, check_per_language, copy_data
from tests.test_names import QUOTED
from tests.test_speaker_kind import write_org_pack

NEE = "not_enough_evidence"
BEFORE = {
    "en": "Sergei Lavrov visited Pyongyang on Monday.",
    "es": "Serguéi Lavrov visitó Pyongyang el lunes.",
    "fr": "Sergueï Lavrov s'est rendu lundi à Pyongyang.",
    "de": "Sergej Lawrow war am Montag in Pjöngjang.",
    "it": "Sergej Lavrov è stato lunedì a Pyongyang.",
    "pt": "Serguei Lavrov esteve na segunda-feira em Pyongyang.",
    "ru": "Сергей Лавров в понедельник побывал в Пхеньяне.",
}


def _checked(folder: Path, articles: dict[str, list[str]], data: Path | None = None) -> dict[str, list[dict]]:
    """The claims and verdicts of one article per language (its sentences as paragraphs, each
    after the paragraph that names Lavrov), with the bundled data or ``data``."""
    texts = {}
    for language, sentences in articles.items():
        # A quote the sentence goes on after ("«…», ha subrayado Pekín.") has no full stop of its own.
        quoted = {True: QUOTED[language].rstrip("."), False: QUOTED[language]}
        texts[language] = "\n\n".join(p for sentence in sentences for p in (BEFORE[language], sentence.format(q=quoted["{q}," in sentence])))
    return check_per_language(folder, texts, data_dir=data)


def _quote(rows: list[dict], sentence: str) -> dict:
    opening = sentence.split("{q}")[0].strip() or sentence.split("{q}")[1].strip()
    found = [r for r in rows if r["claim_type"] == "quote" and opening in r["sentence_text"]]
    assert len(found) == 1, [(r["claim_type"], r["sentence_text"]) for r in rows]
    return found[0]


# --------------------------------------------------------------------------- the pack

def test_the_pack_carries_issuers_and_state_links_into_the_ref_tables(ref):
    statement = ref["statements"].row(by_predicate=pl.col("statement_id") == "putin_thanks_dprk_2025_04_28", named=True)
    assert statement["issued_by"] == "kremlin"
    links = {r["entity_id"]: (r["country_id"], r["capital_of"]) for r in ref["entities"].iter_rows(named=True)}
    assert links["kremlin"] == ("russia", None)
    assert links["moscow"] == (None, "russia")
    assert links["pyongyang"] == (None, "dprk")
    assert links["kursk_region"] == (None, None)


def _pack(reference: Path, entities: list[dict], statements: list[dict]) -> None:
    pack = reference / "extra"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: extra\ndescription: Test pack.\nlicence: CC0-1.0\n", encoding="utf-8")
    if entities:
        (pack / "entities.yaml").write_text(yaml.safe_dump(entities, allow_unicode=True), encoding="utf-8")
    if statements:
        (pack / "statements.yaml").write_text(yaml.safe_dump(statements, allow_unicode=True), encoding="utf-8")


STATEMENT = {"statement_id": "peskov_x", "speaker_id": "dmitry_peskov", "stated_on": "2025-04-28", "description": "d", "source": "s, 2025-04-28",
             "renderings": [{"language": "en", "text": "Words that matter a great deal.", "source": "s, 2025-04-28"}]}


@pytest.mark.parametrize(("entities", "statements", "message"), [
    ([], [{**STATEMENT, "issued_by": ["vladimir_putin"]}], "field issued_by: 'vladimir_putin' is no organisation or outlet"),
    ([], [{**STATEMENT, "issued_by": ["no_such_office"]}], "field issued_by: 'no_such_office' is no organisation or outlet"),
    ([{"entity_id": "mid", "kind": "organisation", "name": "MID", "country_id": "moscow", "source": "test pack"}], [], "field country_id: 'moscow' is no state"),
    ([{"entity_id": "minsk", "kind": "place", "name": "Minsk", "capital_of": "belarus", "source": "test pack"}], [], "field capital_of: 'belarus' is no state"),
    ([{"entity_id": "minsk", "kind": "state", "name": "Minsk", "capital_of": "russia", "source": "test pack"}], [], "capital_of is for places only"),
])
def test_a_pack_with_a_bad_issuer_or_state_link_is_refused(tmp_path, entities, statements, message):
    data = copy_data(tmp_path / "data")
    _pack(data / "reference", entities, statements)
    packs = discover_packs(data / "reference")
    assert [p.name for p in packs.packs] == ["core"]
    assert any(message in e for e in packs.errors), packs.errors


def test_a_statement_without_issuers_loads_none(tmp_path):
    data = copy_data(tmp_path / "data")
    _pack(data / "reference", [], [STATEMENT])
    tables = to_tables(discover_packs(data / "reference").packs)
    assert tables["statements"].filter(tables["statements"]["statement_id"] == "peskov_x")["issued_by"].to_list() == [None]


# --------------------------------------------------------------------------- the issuer speaks

KREMLIN = {
    "en": "The Kremlin said: {q}",
    "es": "El Kremlin afirmó: {q}",
    "fr": "Le Kremlin a déclaré : {q}",
    "de": "Der Kreml teilte mit: {q}",
    "it": "Il Cremlino ha dichiarato: {q}",
    "pt": "O Kremlin afirmou: {q}",
    "ru": "В Кремле заявили: {q}",
}


@pytest.fixture(scope="module")
def kremlin_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("kremlin"), {lang: [s] for lang, s in KREMLIN.items()})


@pytest.mark.parametrize("language", sorted(KREMLIN))
def test_the_organisation_that_published_a_statement_is_fairly_quoted_with_it(kremlin_rows, language):
    row = _quote(kremlin_rows[language], KREMLIN[language])
    assert (row["speaker_id"], row["speaker_kind"], row["verdict"]) == ("kremlin", "organisation", "supported"), row["reason"]
    assert row["reason"].startswith("Kremlin (Presidential Executive Office of Russia) published this statement by Vladimir Putin on 2025-04-28"), row["reason"]


OTHERS = {
    "en": "NATO said: {q}",
    "es": "La OTAN afirmó: {q}",
    "de": "Die KCNA teilte mit: {q}",
    "ru": "В НАТО заявили: {q}",
}


@pytest.fixture(scope="module")
def other_rows(tmp_path_factory) -> dict[str, list[dict]]:
    """With a pack in which NATO has a statement of its own (so NATO's attribution is checked)."""
    folder = tmp_path_factory.mktemp("others")
    data = copy_data(folder / "data")
    write_org_pack(data / "reference")
    return _checked(folder, {lang: [s] for lang, s in OTHERS.items()}, data)


@pytest.mark.parametrize("language", sorted(OTHERS))
def test_the_words_given_to_another_organisation_than_the_issuer_are_not_supported(other_rows, language):
    """NATO holds a statement of its own: the words are refuted as NATO's; KCNA holds none: they
    are not_enough_evidence."""
    row = _quote(other_rows[language], OTHERS[language])
    expected = ("kcna", "not_enough_evidence") if language == "de" else ("nato", "refuted")
    assert (row["speaker_id"], row["verdict"]) == expected, row["reason"]
    assert "they come from Vladimir Putin's statement" in row["reason"] or "holds no statement for" in row["reason"], row["reason"]


# --------------------------------------------------------------------------- states and capitals speak

# language: [(sentence with {q}, speaker_id, speaker_text, verdict)]
STATES = {
    "en": [("Moscow said: {q}", "russia", "Moscow", "supported"),
           ("Pyongyang stated: {q}", "dprk", "Pyongyang", NEE),
           ("But Russia has said: {q}", "russia", "Russia", "supported"),
           ("In Moscow they said: {q}", "russia", "Moscow", "supported")],
    "es": [("Moscú afirmó: {q}", "russia", "Moscú", "supported"),
           ("Seúl afirmó: {q}", "south_korea", "Seúl", NEE),
           ("{q}, ha subrayado Pekín.", "china", "Pekín", NEE),
           ("En Moscú dijeron: {q}", "russia", "Moscú", "supported")],
    "fr": [("Moscou a déclaré : {q}", "russia", "Moscou", "supported"),
           ("La Corée du Nord a affirmé : {q}", "dprk", "Corée du Nord", NEE),
           ("À Moscou, on affirme : {q}", "russia", "Moscou", "supported")],
    "de": [("Moskau erklärte: {q}", "russia", "Moskau", "supported"),
           ("Nordkorea erklärte: {q}", "dprk", "Nordkorea", NEE),
           ("{q}, erklärte Kiew.", "ukraine", "Kiew", NEE),
           ("In Moskau hieß es: {q}", "russia", "Moskau", "supported")],
    "it": [("Mosca ha dichiarato: {q}", "russia", "Mosca", "supported"),
           ("Secondo Pyongyang, {q}", "dprk", "Pyongyang", NEE),
           ("A Mosca hanno detto: {q}", "russia", "Mosca", "supported")],
    "pt": [("Moscovo afirmou: {q}", "russia", "Moscovo", "supported"),
           ("Seul disse: {q}", "south_korea", "Seul", NEE),
           ("Em Moscovo disseram: {q}", "russia", "Moscovo", "supported")],
    "ru": [("Москва заявила: {q}", "russia", "Москва", "supported"),
           ("Пхеньян заявил: {q}", "dprk", "Пхеньян", NEE),
           ("По словам Вашингтона, {q}", "united_states", "Вашингтона", NEE),
           ("В Москве заявили: {q}", "russia", "Москве", "supported")],
}


@pytest.fixture(scope="module")
def state_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("states"), {lang: [c[0] for c in cases] for lang, cases in STATES.items()})


@pytest.mark.parametrize(("language", "sentence", "speaker", "speaker_text", "verdict"), [(lang, *c) for lang, cases in STATES.items() for c in cases])
def test_a_state_or_its_capital_speaks_its_quote(state_rows, language, sentence, speaker, speaker_text, verdict):
    """Not Lavrov, named in the paragraph before: the state (a capital is its state). Russia's
    organisation the Kremlin published the words; the other states issued no statement."""
    row = _quote(state_rows[language], sentence)
    assert (row["speaker_id"], row["speaker_kind"], row["speaker_text"], row["verdict"]) == (speaker, "state", speaker_text, verdict), row["reason"]
    if verdict == NEE:
        assert f"attributes these words to {speaker_text} (" in row["reason"] and "a state the reference pack holds no statement by" in row["reason"], row["reason"]
    else:
        assert "Kremlin (Presidential Executive Office of Russia), an organisation of Russian Federation, published this statement by Vladimir Putin" in row["reason"], row["reason"]


# language: [(sentence with {q}, speaker_id)]: a place that is not the subject, a person who is.
NOT_STATES = {
    "en": [("Putin said in Moscow: {q}", "vladimir_putin"), ("In Moscow, Peskov said: {q}", "dmitry_peskov"),
           ("Russia's foreign minister Sergei Lavrov said: {q}", "sergey_lavrov")],
    "es": [("Putin dijo en Moscú: {q}", "vladimir_putin"), ("Desde Moscú, Peskov afirmó: {q}", "dmitry_peskov"), ("En Moscú dijo Putin: {q}", "vladimir_putin")],
    "fr": [("Poutine a déclaré à Moscou : {q}", "vladimir_putin"), ("À Moscou, Poutine a affirmé : {q}", "vladimir_putin")],
    "de": [("Putin sagte in Moskau: {q}", "vladimir_putin"), ("In Moskau sagte Putin: {q}", "vladimir_putin"), ("Peskow sagte nach dem Treffen mit Russland: {q}", "dmitry_peskov")],
    "it": [("Putin ha detto a Mosca: {q}", "vladimir_putin"), ("A Mosca ha detto Putin: {q}", "vladimir_putin")],
    "pt": [("Putin disse em Moscovo: {q}", "vladimir_putin"), ("Em Moscovo, Putin disse: {q}", "vladimir_putin")],
    "ru": [("Путин заявил в Москве: {q}", "vladimir_putin"), ("В Москве Песков заявил: {q}", "dmitry_peskov"), ("В Москве заявил Песков: {q}", "dmitry_peskov")],
}


@pytest.fixture(scope="module")
def not_state_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("not_states"), {lang: [c[0] for c in cases] for lang, cases in NOT_STATES.items()})


@pytest.mark.parametrize(("language", "sentence", "speaker"), [(lang, *c) for lang, cases in NOT_STATES.items() for c in cases])
def test_a_place_that_is_not_the_subject_does_not_speak(not_state_rows, language, sentence, speaker):
    row = _quote(not_state_rows[language], sentence)
    assert (row["speaker_id"], row["speaker_kind"]) == (speaker, "person"), (row["speaker_text"], row["reason"])


# --------------------------------------------------------------------------- a refresh after the pack gains issued_by

def test_a_refresh_reverifies_a_quote_whose_statement_gained_an_issuer(tmp_path, data_dir):
    """Without ``issued_by`` the Kremlin's quote of Putin's words is not_enough_evidence (the
    Kremlin holds no statement); the pack then records that the Kremlin published them, and the
    next incremental refresh supports it, as a rebuild from scratch does. NATO's quote of the
    same words stays not_enough_evidence until a pack gives NATO a statement of its own (another
    statement than the one the words match): the next refresh refutes it."""
    from tests.test_sql_incremental import _assert_same_as_from_scratch, _refresh

    statements = data_dir / "reference" / "core" / "statements.yaml"
    published = statements.read_text(encoding="utf-8")
    statements.write_text(published.replace("  issued_by: [kremlin]\n", ""), encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("sputnik-es-2025-04-28.txt", "sputnik-es-2025-04-28.meta.json"):
        shutil.copy(SEED.parent / name, folder / name)
    (folder / "kremlin.txt").write_text(f"Moscú, 28 de abril\n\n{KREMLIN['es'].format(q=QUOTED['es'])}\n\n{OTHERS['es'].format(q=QUOTED['es'])}\n", encoding="utf-8")
    (folder / "kremlin.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": "es"}), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    query = "select speaker_id, verdict from marts.claim_verdicts where claim_type = 'quote' and sentence_text similar to '(El Kremlin|La OTAN).*' order by speaker_id"

    def verdicts() -> list[tuple]:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute(query).fetchall()
        finally:
            con.close()

    _refresh(db, folder, data_dir)
    assert verdicts() == [("kremlin", NEE), ("nato", NEE)]
    statements.write_text(published, encoding="utf-8")
    runs = _refresh(db, folder, data_dir)
    assert runs["marts.claim_verdicts"].mode == "merge"
    assert verdicts() == [("kremlin", "supported"), ("nato", NEE)]
    _assert_same_as_from_scratch(db, tmp_path, versions=False)
    write_org_pack(data_dir / "reference")
    _refresh(db, folder, data_dir)
    assert verdicts() == [("kremlin", "supported"), ("nato", "refuted")]
    _assert_same_as_from_scratch(db, tmp_path, versions=False)
