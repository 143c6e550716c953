"""Pure-function tests for the text primitives, extractors and matchers (no Dagster)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipelines.core import quote_matches
from pipelines.extract.claims import extract_claims
from pipelines.extract import text as text_module
from pipelines.extract.text import find_all, find_phrases, fold, fold_str, sentences
from pipelines.ingest.articles import build_articles


def word_bounded(matches: pl.DataFrame, frame: pl.DataFrame, *, text_col: str = "text", keys: tuple[str, ...] = ("article_id",)) -> pl.DataFrame:
    """The reference the whole-word searches are checked against: keep the matches whose
    neighbours in the text are not letters or digits, by a join back to the texts."""
    if matches.is_empty():
        return matches
    joined = matches.join(frame.select(*keys, text_col), on=list(keys), how="left")
    before = pl.when(pl.col("start") > 0).then(pl.col(text_col).str.slice(pl.col("start") - 1, 1)).otherwise(pl.lit(" "))
    after = pl.col(text_col).str.slice(pl.col("end"), 1)
    alnum = r"^[\p{L}\p{N}]$"
    return joined.filter(~before.str.contains(alnum) & ~after.str.contains(alnum).fill_null(False)).drop(text_col)


def claims_for(text: str, lexicons, ref, *, language="es", published="2025-04-28") -> list[dict]:
    articles, _ = build_articles([{"text": text, "source_path": "t.txt", "language": language, "published": published}], lexicons)
    rows = extract_claims(articles, ref, lexicons).to_dicts()
    for row in rows:
        assert text[row["char_start"]:row["char_end"]] == row["claim_text"]
    return rows


def test_find_all_gives_character_offsets_with_multibyte_text():
    frame = pl.DataFrame({"article_id": ["a"], "text": ["Moscú «ñandú» 12 y Kyiv 34"]})
    found = find_all(frame, r"\d+")
    text = frame["text"][0]
    assert [text[s:e] for s, e in zip(found["start"], found["end"])] == ["12", "34"]


def word_bounded_search(frame: pl.DataFrame, phrases: list[str], *, text_col: str) -> list[tuple]:
    """The reference a whole-word phrase search is checked against: the longest-first
    alternation with word-boundary lookarounds, on the backtracking engine, text by text."""
    import regex

    literals = sorted({" ".join(p.split()) for p in phrases}, key=len, reverse=True)
    rx = regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(" +".join(regex.escape(w) for w in p.split()) for p in literals) + r")(?![\p{L}\p{N}])")
    return [(key, m.start(), m.end(), " ".join(m.group().split())) for key, text in frame.select("article_id", text_col).rows() for m in rx.finditer(text)]


@pytest.mark.parametrize("aho_corasick_from", [0, 10_000])
def test_find_phrases_matches_the_spaced_alternation(monkeypatch, aho_corasick_from):
    # Both search engines give find_all's rows for the " +" alternation (longest first), with
    # offsets into the unsqueezed text and the match single-spaced; with whole_words, the rows of
    # that alternation between word boundaries.
    monkeypatch.setattr(text_module, "AHO_CORASICK_FROM", aho_corasick_from)
    texts = [
        "vladimir  putin  putin vladimir putinismo", "el  presidente de   rusia presidente", "президент  россии путин", "xputin putin", "putin",
        # A longer phrase matching the start of a word, or ending inside one, must not hide
        # the phrases at or after its start.
        "volodymyr zelenskiy", "nato secretary general", "troops to russia  sergei shoigu", "владимир путинская эпоха", "xnato s putin",
    ]
    frame = pl.DataFrame({"article_id": [str(i) for i in range(len(texts))], "ms": texts})
    phrases = [
        "putin", "vladimir putin", "presidente", "presidente de rusia", "президент россии", "путин", "владимир путин", "владимир",
        "volodymyr zelensky", "zelenskiy", "nato s", "nato", "russia s", "russia", "sergei shoigu", "shoigu", "nato s putin",
    ]
    pattern = "(?:" + "|".join(sorted((" +".join(p.split()) for p in phrases), key=len, reverse=True)) + ")"
    expected = find_all(frame, pattern, text_col="ms").with_columns(pl.col("match").str.replace_all(" +", " "))
    assert find_phrases(frame, phrases, text_col="ms").sort("article_id", "start").rows() == expected.sort("article_id", "start").rows()
    found = find_phrases(frame, phrases, text_col="ms", whole_words=True)
    assert sorted(found.rows()) == sorted(word_bounded_search(frame, phrases, text_col="ms"))
    text = dict(frame.rows())
    assert {(text[r["article_id"]][r["start"]:r["end"]]) for r in found.iter_rows(named=True) if r["article_id"] in {"5", "6", "7", "8"}} == {
        "zelenskiy", "nato", "russia", "sergei shoigu", "владимир",
    }


def test_a_treaty_context_word_inside_a_longer_alias_still_counts(lexicons, ref):
    # "nato s" (from "NATO's") matches the start of "NATO Secretary General"; it must not hide
    # the context word "nato" there, which ties Article 5 to the North Atlantic Treaty.
    rows = claims_for("NATO Secretary General Mark Rutte said that Article 5 obliges every ally to assist a member that is attacked.", lexicons, ref, language="en")
    clause = [r for r in rows if r["claim_type"] == "treaty_clause"]
    assert [r["treaty_id"] for r in clause] == ["north_atlantic_1949"]


def test_find_all_whole_words_keeps_what_word_bounded_keeps():
    frame = pl.DataFrame({"article_id": ["a", "b"], "folded": ["art. 5, article 12a, l'article 7 et article 3", "article 4article 9 article"]})
    pattern = r"(?:article|art\.)[\s-]*\d{1,3}"
    assert find_all(frame, pattern, text_col="folded", whole_words=True).rows() == word_bounded(find_all(frame, pattern, text_col="folded"), frame, text_col="folded").rows()


def test_fold_keeps_length():
    text = "Gerásimov, Шойгу — «ЁЖ» Zelenskyy’s"
    assert len(fold_str(text)) == len(text)
    assert pl.select(fold(pl.lit(text))).item() == fold_str(text)


def test_sentences_do_not_split_numbers_or_german_ordinal_dates():
    frame = pl.DataFrame({"article_id": ["a"], "text": ["Hubo 12.000 soldados. Am 19. Juni 2024 wurde unterzeichnet. Fin"]})
    assert sentences(frame)["sent_text"].to_list() == ["Hubo 12.000 soldados.", "Am 19. Juni 2024 wurde unterzeichnet.", "Fin"]


@pytest.mark.parametrize("expected", [
    ['Peskov said: "We are grateful to our Korean friends."', "The treaty was signed in Pyongyang."],
    ["He said “yes.”", "Then he left.", "She said ‘no.’", "He said 'no.'", "Fine."],
    ["Er sagte: „Wir danken.“", "Der Vertrag wurde unterzeichnet."],
    ["Er sagte etwas.", "»Wir danken.«", "Danach ging er."],  # the German »…«: ". »Wir" opens a sentence
    ["Il a dit : « Nous remercions nos amis. »", "Le traité a été signé.", "« Allez ! » a-t-il dit."],
    ["Il a dit : « Nous remercions nos amis.\u202f»", "Le traité a été signé."],
    ["Песков заявил: «Мы благодарны корейским друзьям.»", "Договор подписан.", "«Спасибо!» — сказал он.", "„Да.“", "Нет."],
    ["«¿Firmará?»", "Nadie respondió.", "«¡Vamos!» dijo él.", "(Ver el art. 5.)", "Luego."],
    ["«Firmeremo.»", "Lo ha detto Lavrov.", "“Assinaremos!”", "Disse Lavrov."],
    ['He said "yes." and left.', '"Go!" he said.', '"Really?", she asked.', '(See Art. 5.")', "Next."],
    ["Hubo 12.000 soldados.", "Am 19. Juni 2024 wurde unterzeichnet.", "Oct. 24 came.", "The U.S. said so.", "Fin"],
])
def test_a_closing_quote_or_bracket_after_the_full_stop_ends_the_sentence(expected):
    # The marks after the final punctuation belong to the sentence they close; a lower-case
    # word, a dash or a comma after them continues it; abbreviations and numbers stay as they were.
    text = " ".join(expected)
    sents = sentences(pl.DataFrame({"article_id": ["a"], "text": [text]}))
    assert sents["sent_text"].to_list() == expected
    assert [text[s:e] for s, e in zip(sents["sent_start"], sents["sent_end"])] == expected


def test_relative_and_yearless_dates_resolve_against_publication(lexicons, ref):
    text = "El tratado se firmó el 19 de junio pasado en Pyongyang. Gerásimov informó el 26 de abril sobre Kursk."
    rows = {r["mention_text"]: r for r in claims_for(text, lexicons, ref) if r["claim_type"] == "event_date"}
    assert rows["el 19 de junio pasado"]["date_value"] == dt.date(2024, 6, 19)  # mention_text as written
    assert rows["el 26 de abril"]["date_value"] == dt.date(2025, 4, 26)


def test_two_dates_in_one_sentence_get_their_own_spans(lexicons, ref):
    text = "El 26 de abril, Gerásimov informó sobre Kursk, donde las tropas ucranianas entraron el 6 de agosto de 2024."
    dates = [r for r in claims_for(text, lexicons, ref) if r["claim_type"] == "event_date"]
    assert len(dates) == 2
    assert len({(r["char_start"], r["char_end"]) for r in dates}) == 2


def test_quote_speaker_on_either_side(lexicons, ref):
    text = "Putin declaró: «El pueblo ruso nunca olvidará a los héroes coreanos». «Los amigos coreanos actuaron con solidaridad y justicia», dijo Zelenski."
    quotes = [r for r in claims_for(text, lexicons, ref) if r["claim_type"] == "quote"]
    assert [q["speaker_id"] for q in quotes] == ["vladimir_putin", "volodymyr_zelensky"]
    assert quotes[0]["claim_text"] == "El pueblo ruso nunca olvidará a los héroes coreanos"


def test_office_titles_with_known_and_unknown_people(lexicons, ref):
    text = "Lo dijo el jefe del Estado Mayor del Ejército de Rusia, Valeri Gerásimov. También habló la Alta Representante de la UE, Kaja Kallas."
    offices = {r["person_text"]: r for r in claims_for(text, lexicons, ref) if r["claim_type"] == "office_holder"}
    assert offices["Valeri Gerásimov"]["person_id"] == "valery_gerasimov"
    assert "russia_chief_of_general_staff" in offices["Valeri Gerásimov"]["office_candidates"]
    assert offices["Kaja Kallas"]["person_id"] is None


def test_treaty_reference_resolves_from_context(lexicons, ref):
    text = ("La OTAN invocó su artículo 5, que establece que un ataque armado contra uno es un ataque contra todos. "
            "Corea del Norte y Rusia firmaron un tratado cuyo artículo 4 establece asistencia militar inmediata en caso de agresión armada.")
    clauses = {r["article_no"]: r for r in claims_for(text, lexicons, ref) if r["claim_type"] == "treaty_clause"}
    assert clauses[5]["treaty_id"] == "north_atlantic_1949"
    assert clauses[4]["treaty_id"] == "dprk_russia_2024"


def test_quantities_with_language_separators(lexicons, ref):
    rows = claims_for("Corea del Norte envió unos 12.000 soldados a Rusia.", lexicons, ref)
    qty = [r for r in rows if r["claim_type"] == "quantity"]
    assert qty and qty[0]["quantity_value"] == 12000 and qty[0]["quantity_unit"] == "troops" and qty[0]["is_approximate"]
    rows_en = claims_for("North Korea sent about 12,000 troops to Russia.", lexicons, ref, language="en")
    assert [r["quantity_value"] for r in rows_en if r["claim_type"] == "quantity"] == [12000]


def test_quote_matcher_aligns_with_the_stored_rendering(ref):
    claims = pl.DataFrame({"claim_id": ["q1", "q2"], "claim_type": ["quote", "quote"], "language": ["es", "es"],
                           "claim_text": ["El pueblo ruso nunca olvidará el desempeño de las fuerzas coreanas de operaciones especiales",
                                          "Mañana lloverá en toda la península y bajarán las temperaturas"]})
    matches = quote_matches(claims, ref["statement_renderings"])
    assert matches["claim_id"].to_list() == ["q1"]
    assert matches["statement_id"][0] == "putin_thanks_dprk_2025_04_28" and matches["score"][0] >= 90


def test_datelines_give_place_outlet_day_and_month(lexicons):
    articles, _ = build_articles([{"text": "Título\n\nMoscú, 28 de abril (Sputnik) .- Texto.", "source_path": "a.txt", "language": "es", "published": "2025-04-28"}], lexicons)
    row = articles.to_dicts()[0]
    assert (row["dateline_place"], row["dateline_outlet"], row["dateline_day"], row["dateline_month"]) == ("Moscú", "Sputnik", 28, 4)


def test_lexicon_derivations_are_remembered_by_content(lexicons):
    from pipelines.extract.lexicon import derived

    calls = []

    def build(lex):
        calls.append(lex.language)
        return object()

    es = lexicons["es"]
    first = derived(es, "test-build", build)
    assert derived(es.model_copy(deep=True), "test-build", build) is first  # same content, same value
    changed = es.model_copy(update={"past_markers": [*es.past_markers, "anterior"]})
    assert derived(changed, "test-build", build) is not first
    assert calls == ["es", "es"]


def test_groups_are_read_with_the_search_pattern_unless_it_has_assertions():
    from pipelines.extract.claims import _groups_pattern

    plain = r"(?P<d>\d+) de (?P<m>mayo|junio)"
    assert _groups_pattern(plain) == plain
    assert _groups_pattern(r"\b(?P<d>\d+)") == r"^(?:\b(?P<d>\d+))$"
    matches = pl.DataFrame({"match": ["12 de junio", "1 de mayo"]})
    assert matches.select(pl.col("match").str.extract_groups(plain)).equals(matches.select(pl.col("match").str.extract_groups(f"^(?:{plain})$")))


def test_find_all_prefilter_gives_the_same_matches():
    frame = pl.DataFrame({"article_id": ["a", "b", "c", "d"], "text": [
        "el Pacto de Varsovia y el Warsaw Pact", "Варшавский договор 1955 года", "no treaty here", "xWarsaw Pactx and Warsaw Pact",
    ]})
    for pattern in (r"\b\p{Lu}\p{L}+ (?:Pact|Treaty)\b", r"\b\p{Lu}\p{Ll}+ий договор\b", r"\d+"):
        assert find_all(frame, pattern, prefilter=True).equals(find_all(frame, pattern))
    assert text_module._loosened(r"a\\b") is None  # an escaped backslash: left alone


def test_a_run_without_sentence_ends_is_cut_into_bounded_pieces(tmp_path):
    from pipelines.core import check
    from pipelines.extract.text import MAX_SENTENCE_CHARS
    from pipelines.settings import load_settings

    clause = "Russian President Vladimir Putin thanked North Korea on Monday and Defence Minister Sergei Shoigu praised the troops, "
    text = clause * 300  # ~35,000 characters and not one full stop
    sents = sentences(pl.DataFrame({"article_id": ["a", "b"], "text": [text, "Short one. Another one."]}))
    long = sents.filter(pl.col("article_id") == "a")
    assert long.height > 1 and (long["sent_end"] - long["sent_start"]).max() <= MAX_SENTENCE_CHARS + len("praised ")
    assert long["sent_no"].to_list() == list(range(long.height))
    for row in long.iter_rows(named=True):
        assert text[row["sent_start"]:row["sent_end"]] == row["sent_text"]
        assert row["sent_start"] == 0 or text[row["sent_start"] - 1].isspace(), "pieces start at a word"
    assert sents.filter(pl.col("article_id") == "b")["sent_text"].to_list() == ["Short one.", "Another one."]

    path = tmp_path / "run-on.txt"
    path.write_text(text, encoding="utf-8")
    verdicts, _, _ = check([path], load_settings())
    assert verdicts.filter(pl.col("claim_type") == "office_holder").height >= 250, "the claims in the run are still found"
    assert verdicts["sentence_text"].str.len_chars().max() <= MAX_SENTENCE_CHARS + len("praised ")


def test_find_words_only_starts_matches_at_word_starts():
    # find_all(whole_words=True) drops "le samedi" found inside "signale samedi" after the
    # search, and the match it dropped hides "samedi"; find_words never starts inside a word.
    from pipelines.extract.text import find_words

    frame = pl.DataFrame({"article_id": ["a", "b", "c"], "folded": ["a signale samedi, le samedi 3", "samedis et xsamedi", "samedi"]})
    pattern = r"(?:le )?samedi(?: \d+)?"
    found = find_words(frame, pattern, text_col="folded")
    text = dict(frame.rows())
    assert [(r["article_id"], text[r["article_id"]][r["start"]:r["end"]]) for r in found.iter_rows(named=True)] == [
        ("a", "samedi"), ("a", "le samedi 3"), ("c", "samedi"),
    ]
    assert found["match"].to_list() == ["samedi", "le samedi 3", "samedi"]
    assert find_all(frame, pattern, text_col="folded", whole_words=True)["match"].to_list() == ["le samedi 3", "samedi"]


def test_a_date_next_to_a_verb_of_saying_carries_the_clause_of_the_report(lexicons, ref):
    rows = claims_for("Peskov said on Thursday that the treaty entered into force on 4 December 2024.", lexicons, ref, language="en")
    dates = {r["mention_text"]: r for r in rows if r["claim_type"] == "event_date"}
    assert dates["on Thursday"]["report_norm"] == " peskov said on thursday "
    assert dates["on 4 December 2024"]["report_norm"] is None
    # The date of the report does not cut the other date's span: it keeps the whole sentence.
    assert dates["on 4 December 2024"]["claim_text"] == "Peskov said on Thursday that the treaty entered into force on 4 December 2024."
    for text, language in [
        ("Putin and Kim signed the treaty on Monday.", "en"),              # no verb of saying
        ("Peskov said that on 4 December the treaty entered into force.", "en"),  # after a complementizer
        ("The United States on Monday imposed sanctions.", "en"),          # "states" is no reporting verb
        ("El tratado, firmado el 19 de junio, dice mucho.", "es"),          # the verb follows a comma
    ]:
        dates = [r for r in claims_for(text, lexicons, ref, language=language) if r["claim_type"] == "event_date"]
        assert dates and all(r["report_norm"] is None for r in dates), (text, dates)


def test_group_expressions_are_built_once_per_expression_and_pattern():
    # Polars compiles an extract_groups pattern when the expression is built (for its type) and
    # again when it runs; the built expression is kept so a second call compiles it once.
    pattern = r"(?P<word>\p{Lu}\p{Ll}+)(?: (?P<number>\d+))?"
    expr = pl.col("text").str.slice(0, 40)
    built = text_module.extract_groups(expr, pattern)
    assert text_module.extract_groups(pl.col("text").str.slice(0, 40), pattern) is built
    assert text_module.extract_groups(pl.col("text").str.slice(0, 30), pattern) is not built
    frame = pl.DataFrame({"text": ["Artikel 5 gilt", "nichts", None]})
    assert frame.select(built.alias("g")).equals(frame.select(expr.str.extract_groups(pattern).alias("g")))


def test_a_second_extraction_call_builds_no_group_expression_again(lexicons, ref):
    text = (
        "Marco Rubio es el secretario de Estado. El ministro de Defensa ruso, Andréi Belousov, "
        "dijo que el artículo 4 del tratado obliga a ambas partes desde el 4 de diciembre de 2024."
    )
    first = claims_for(text, lexicons, ref)
    built = len(text_module._GROUPS)
    assert claims_for(text, lexicons, ref) == first
    assert len(text_module._GROUPS) == built


def test_verb_prefixes_share_one_letter_class_and_match_as_before():
    from pipelines.extract.claims import _suffix_grouped

    # Longest first, as the plans sort them: verbs (a prefix and any letters) and whole words
    # interleave, a word may come before a verb it starts with ("according to", "accord...").
    items = [r"according[ \t]+to", r"announc\p{L}*", r"accord\p{L}*", r"said\p{L}*", r"said\p{L}*", "that", r"say\p{L}*", "so"]
    grouped = _suffix_grouped(items)
    assert grouped.count(r"\p{L}") == 2 and grouped.count("said") == 1
    texts = pl.DataFrame({"t": ["according to him", "accordingly, so", "he says so", "she said that", "saying", "sa", "announced: that", "x"]})
    for wrap in (r"(?s)^.*(?:^|[^\p{{L}}\p{{N}}])(?:{})(?:[^\p{{L}}\p{{N}}]|$)", r"^(?:{})", "(?:{})"):
        plain, factored = wrap.format("|".join(items)), wrap.format(grouped)
        assert texts.select(pl.col("t").str.replace(factored, "")).equals(texts.select(pl.col("t").str.replace(plain, "")))
        assert texts.select(pl.col("t").str.extract(f"({factored})", 1)).equals(texts.select(pl.col("t").str.extract(f"({plain})", 1)))


def test_a_phrase_search_is_built_once_per_phrase_list():
    frame = pl.DataFrame({"article_id": ["a"], "text": ["the north atlantic treaty and the treaty"]})
    phrases = ["north atlantic treaty", "treaty", "warsaw pact"]
    first = find_phrases(frame, phrases, whole_words=True)
    hits = text_module._phrase_marker.cache_info().hits
    assert find_phrases(frame, list(phrases), whole_words=True).equals(first)
    assert text_module._phrase_marker.cache_info().hits == hits + 1
    assert first["match"].to_list() == ["north atlantic treaty", "treaty"]


def test_holding_phrases_share_one_copy_of_the_name_and_match_the_same_gaps():
    from pipelines.extract.claims import _any_of, _phrase_regex

    name = r"\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ -]\p{Lu}[\p{Ll}\p{M}'’-]+){0,2}"
    phrases = ["who succeeded {name} as", "who replaced {name} as", "che ha sostituito {name} come", "who took office", "{name}'s successor as"]
    items = [_phrase_regex(p, name) for p in phrases]
    grouped = _any_of(items, name)
    assert grouped.count(r"\p{Lu}") == 2 * 3  # one name for "as", one for "come", one for "'s successor as"
    gaps = pl.DataFrame({"g": [", who succeeded Jens Stoltenberg as ", ", who replaced Anatoly Serdyukov as", ", che ha sostituito Lorenzo Guerini come ",
                               ", who took office ", ", Stoltenberg's successor as ", ", who succeeded jens as ", ", who is "]})
    anchored = r"^\s*,\s*(?:{})\s*$"
    assert gaps.select(pl.col("g").str.contains(anchored.format(grouped))).equals(gaps.select(pl.col("g").str.contains(anchored.format("|".join(items)))))
    assert gaps.select(pl.col("g").str.contains(anchored.format(grouped)))["g"].to_list() == [True, True, True, True, True, False, False]
