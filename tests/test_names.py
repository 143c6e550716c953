"""Person names in quotes and office claims, in all seven languages: spellings of the pack's
people that the pack does not list (another transliteration, other accents or hyphens) name that
person; names that are only close to a pack person's, and are someone else's ("Kim Jong Il",
"Valery Gerasimenko", "Elizaveta Peskova"), do not.

The end-to-end cases run ``pipelines.core.check`` (extraction, then the verdict SQL on an
in-memory DuckDB) over one article per language.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.core import check
from pipelines.extract.lexicon import load_lexicons
from pipelines.extract.names import key_expr
from pipelines.reference.pack import discover_packs, to_tables
from pipelines.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NEE = "not_enough_evidence"


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons(ROOT / "data" / "lexicons")


@pytest.fixture(scope="module")
def ref():
    return to_tables(discover_packs(ROOT / "data" / "reference").packs)


def _checked(folder: Path, articles: dict[str, list[str]]) -> dict[str, list[dict]]:
    """The claims and verdicts of one article per language (its sentences as paragraphs)."""
    paths = {}
    for language, paragraphs in articles.items():
        paths[language] = folder / f"{folder.name}-{language}.txt"
        paths[language].write_text("\n\n".join(dict.fromkeys(paragraphs)), encoding="utf-8")
        (folder / f"{folder.name}-{language}.meta.json").write_text(json.dumps({"published": "2025-04-28", "language": language}), encoding="utf-8")
    verdicts, ingested, _ = check(list(paths.values()), Settings(data_dir=ROOT / "data", db_path=folder / "unused.duckdb"))
    assert ingested.articles.height == len(paths)
    for row in verdicts.iter_rows(named=True):
        text = Path(row["source_path"]).read_text(encoding="utf-8")
        assert text[row["char_start"]:row["char_end"]] == row["claim_text"], row
    rows = verdicts.to_dicts()
    return {language: [r for r in rows if r["source_path"] == str(path)] for language, path in paths.items()}


def _claim(rows: list[dict], claim_type: str, claim_text: str) -> dict:
    found = [r for r in rows if r["claim_type"] == claim_type and r["claim_text"] == claim_text]
    assert found, [(r["claim_type"], r["claim_text"]) for r in rows]
    return found[0]


# --------------------------------------------------------------------------- the name key

@pytest.mark.parametrize(("spellings", "same"), [
    (["Gerasimov", "Gerásimov", "Guerásimov", "Guerassimov", "Gerassimow"], True),
    (["Shoigu", "Shoigú", "Schoigu", "Shoygu"], True),
    (["Lavrov", "Lawrow"], True),
    (["Peskov", "Peskow", "Peskóv"], True),
    (["Zelensky", "Zelenski", "Zelenskiy", "Zelenskyy", "Zelenskyj"], True),
    (["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "Kim Jongun"], True),
    (["Choïgou", "Choigu"], True),
    (["Peskov", "Peskova"], False),
    (["Gerasimov", "Gerasimenko"], False),
    (["Kim Jong Un", "Kim Jong Il"], False),
])
def test_name_key_folds_transliterations_only(lexicons, spellings, same):
    keys = pl.DataFrame({"name": spellings}).select(key_expr(pl.col("name"), lexicons))["name"].to_list()
    assert (len(set(keys)) == 1) == same, dict(zip(spellings, keys, strict=True))


# --------------------------------------------------------------------------- variants of pack people

VARIANTS = {
    # language: [(sentence, claim type, claim text, person or speaker, verdict)]
    "en": [
        ("Ukrainian President Volodymyr Zelenskiy met NATO officials.", "office_holder", "Ukrainian President Volodymyr Zelenskiy", "volodymyr_zelensky", "supported"),
        ("Foreign Minister Sergei Lawrow spoke to reporters.", "office_holder", "Foreign Minister Sergei Lawrow", "sergey_lavrov", "supported"),
    ],
    "es": [
        ("El jefe del Estado Mayor General ruso, Valeri Guerásimov, informó a Putin.", "office_holder", "jefe del Estado Mayor General ruso, Valeri Guerásimov", "valery_gerasimov", "supported"),
        ("El presidente ucraniano Volodímir Zelenskiy respondió.", "office_holder", "presidente ucraniano Volodímir Zelenskiy", "volodymyr_zelensky", "supported"),
    ],
    "de": [
        ("Präsident Wolodymyr Selenski reagierte sofort.", "office_holder", "Präsident Wolodymyr Selenski", "volodymyr_zelensky", "supported"),
        ("Generalstabschef Waleri Gerasimow meldete die Befreiung.", "office_holder", "Generalstabschef Waleri Gerasimow", "valery_gerasimov", "supported"),
    ],
    "fr": [
        ("Le ministre de la Défense Sergueï Choïgu a parlé.", "office_holder", "ministre de la Défense Sergueï Choïgu", "sergei_shoigu", "refuted"),
    ],
    "it": [
        ("Il presidente ucraino Volodymyr Zelenskiy ha risposto.", "office_holder", "presidente ucraino Volodymyr Zelenskiy", "volodymyr_zelensky", "supported"),
        # The words are Putin's: said by the pack's Kim Jong Un (Czech spelling), they are refuted.
        ("«Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane», ha detto Kim Čong-un.", "quote",
         "Il popolo russo non dimenticherà mai l'impresa delle forze speciali coreane", "kim_jong_un", "refuted"),
    ],
    "pt": [
        ("O ministro da Defesa russo, Serguei Choigu, falou.", "office_holder", "ministro da Defesa russo, Serguei Choigu", "sergei_shoigu", "refuted"),
    ],
    "ru": [
        ("Министр обороны России Сергей Шойгу выступил.", "office_holder", "Министр обороны России Сергей Шойгу", "sergei_shoigu", "refuted"),
    ],
}


@pytest.fixture(scope="module")
def variant_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("variants"), {lang: [case[0] for case in cases] for lang, cases in VARIANTS.items()})


@pytest.mark.parametrize(("language", "sentence", "claim_type", "claim_text", "person", "verdict"), [(lang, *case) for lang, cases in VARIANTS.items() for case in cases])
def test_a_spelling_the_pack_lacks_names_the_pack_person(variant_rows, language, sentence, claim_type, claim_text, person, verdict):
    """Transliterations, accents and hyphens the pack does not list ("Volodymyr Zelenskiy",
    "Valeri Guerásimov", "Sergei Lawrow", "Wolodymyr Selenski", "Sergueï Choïgu", "Kim
    Čong-un") are the pack's person: the office claim is checked, the quote compared."""
    row = _claim(variant_rows[language], claim_type, claim_text)
    assert (row["speaker_id"] if claim_type == "quote" else row["person_id"]) == person, row["reason"]
    assert row["verdict"] == verdict, row["reason"]


OTHERS = {
    # language: [(sentence, claim type, claim text, the pack person it must not be)]
    "en": [
        ('Kim Jong Il said: "Our friendship with Russia will last for a thousand years."', "quote", "Our friendship with Russia will last for a thousand years.", "kim_jong_un"),
        ("Chief of the General Staff Valery Gerasimenko inspected the troops.", "office_holder", "Chief of the General Staff Valery Gerasimenko", "valery_gerasimov"),
        ('Elizaveta Peskova wrote: "My father never talks about his work at home."', "quote", "My father never talks about his work at home.", "dmitry_peskov"),
    ],
    "es": [
        ("Kim Yo Jong declaró: «La alianza con Moscú es inquebrantable y durará siempre».", "quote", "La alianza con Moscú es inquebrantable y durará siempre", "kim_jong_un"),
    ],
    "ru": [
        ("Ким Чен Ир заявил: «Дружба с Россией будет вечной и нерушимой».", "quote", "Дружба с Россией будет вечной и нерушимой", "kim_jong_un"),
    ],
}


@pytest.fixture(scope="module")
def other_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return _checked(tmp_path_factory.mktemp("others"), {lang: [case[0] for case in cases] for lang, cases in OTHERS.items()})


@pytest.mark.parametrize(("language", "sentence", "claim_type", "claim_text", "not_person"), [(lang, *case) for lang, cases in OTHERS.items() for case in cases])
def test_a_name_only_close_to_a_pack_persons_is_someone_else(other_rows, language, sentence, claim_type, claim_text, not_person):
    """Names one edit or one given name away from a pack person, but another person's (Kim
    Jong Il and Kim Yo Jong are not Kim Jong Un, Valery Gerasimenko is not Gerasimov,
    Elizaveta Peskova is not Dmitry Peskov): no person of the pack, so nothing is checked."""
    row = _claim(other_rows[language], claim_type, claim_text)
    assert row["speaker_id" if claim_type == "quote" else "person_id"] is None, row
    assert row["verdict"] == NEE, row["reason"]
    assert not_person not in json.dumps(row, default=str)
