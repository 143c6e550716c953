"""TV scripts: stage directions and captions ("[VÍDEO: PLENO DE LA DUMA]", "VOZ EN OFF:") are
sentences of their own and no sentence's context: the sentence after one still reads the one
before it ("El texto, firmado el 19 de junio ..." after a sentence naming the treaty)."""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.extract.claims import DIRECTION_PATTERN
from tests.conftest import check_per_language

# The treaty is named only in the sentence before the direction, after the script's header and
# greeting (the lead, which every sentence also reads); the dated sentence calls it "the text".
# Without the direction line each is supported (the probes of the QA pass).
HEAD = "NEWS 21:00 — SCRIPT\n\n[ANCHOR, TO CAMERA]\n{greeting} "
SCRIPTS = {
    "es": HEAD.replace("{greeting}", "Buenas noches.") + "La Duma Estatal rusa ha aprobado hoy la ratificación del tratado de defensa mutua con Corea del Norte.\n\n{direction}\nVOZ EN OFF: El texto, firmado el pasado 19 de junio en Pionyang por el presidente ruso, Vladímir Putin, y el líder norcoreano, Kim Jong-un, obliga en su artículo 4 a prestar asistencia militar inmediata.",
    "de": HEAD.replace("{greeting}", "Guten Abend.") + "Die Duma hat heute den Vertrag über eine umfassende strategische Partnerschaft mit Nordkorea ratifiziert.\n\n{direction}\nSPRECHER: Der Text, am 19. Juni 2024 in Pjöngjang von Präsident Wladimir Putin und Kim Jong Un unterzeichnet, verpflichtet beide Seiten zu unverzüglichem Beistand.",
    "en": HEAD.replace("{greeting}", "Good evening.") + "The State Duma today ratified the mutual defence treaty with North Korea.\n\n{direction}\nVOICE-OVER: The text, signed on 19 June 2024 in Pyongyang by President Vladimir Putin and Kim Jong Un, obliges each side to give immediate military assistance.",
}
DIRECTIONS = ["[VIDEO: DUMA PLENARY]", "[VÍDEO: PLENO DE LA DUMA, ARCHIVO]", "VOZ EN OFF:", "(O-TON)"]


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_a_stage_direction_is_not_the_context_of_the_next_sentence(tmp_path, direction):
    checked = check_per_language(tmp_path, {lang: text.format(direction=direction) for lang, text in SCRIPTS.items()}, published="2024-10-24")
    for language, rows in checked.items():
        signed = [r for r in rows if r["claim_type"] == "event_date" and r["date_value"] is not None and str(r["date_value"]) == "2024-06-19"]
        assert signed and all(r["verdict"] == "supported" for r in signed), (language, [(r["claim_text"], r["verdict"], r["reason"]) for r in signed])


def test_what_counts_as_a_direction():
    lines = {
        "[VÍDEO: PLENO DE LA DUMA]": True, "[TOTAL: DMITRI PESKOV, PORTAVOZ DEL KREMLIN]": True, "[PRESENTADORA]": True,
        "VOZ EN OFF:": True, "ANMODERATION:": True, "(O-TON)": True,
        "(The treaty was signed on 19 June.)": False, "VOZ EN OFF: El texto, firmado el 19 de junio.": False,
        "TELEDIARIO 21:00 — ESCALETA / GUION": False, "Putin said:": False,
    }
    found = pl.Series(list(lines)).str.contains(DIRECTION_PATTERN).to_list()
    assert dict(zip(lines, found, strict=True)) == lines
