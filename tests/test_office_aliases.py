"""The pack's wordings of an office as news text writes them, in all seven languages: Kim Jong
Un's title in its official renderings ("President of the State Affairs of the DPRK",
"Председатель государственных дел КНДР"), judged end to end through ``pipelines.core.check``."""

from __future__ import annotations

import pytest

from tests.conftest import check_per_language

# On 2024-12-05 Kim Jong Un is President (Chairman) of the State Affairs Commission of the DPRK.
KIM_TITLE = {
    "en": "The document was signed by Russian President Vladimir Putin and the President of the State Affairs of the DPRK Kim Jong Un in Pyongyang.",
    "es": "El documento lo firmaron en Pionyang el presidente ruso Vladímir Putin y el presidente de Asuntos Estatales de la RPDC, Kim Jong-un.",
    "fr": "Le document a été signé à Pyongyang par le président russe Vladimir Poutine et le président des Affaires de l'État de la RPDC Kim Jong-un.",
    "de": "Unterzeichnet wurde das Dokument in Pjöngjang von Präsident Wladimir Putin und dem Präsidenten für Staatsangelegenheiten Kim Jong Un.",
    "it": "Il documento è stato firmato a Pyongyang dal presidente russo Vladimir Putin e dal presidente degli Affari di Stato Kim Jong-un.",
    "pt": "O documento foi assinado em Pyongyang pelo presidente russo Vladimir Putin e pelo presidente dos Assuntos de Estado Kim Jong-un.",
    "ru": "Напомним, что документ был подписан Президентом Российской Федерации В.В.Путиным и Председателем Государственных дел КНДР Ким Чен Ыном в Пхеньяне.",
}


@pytest.fixture(scope="module")
def kim_rows(tmp_path_factory) -> dict[str, list[dict]]:
    return check_per_language(tmp_path_factory.mktemp("kim_title"), KIM_TITLE, published="2024-12-05")


@pytest.mark.parametrize("language", list(KIM_TITLE))
def test_kim_jong_un_s_official_title_is_an_office_claim(kim_rows, language):
    rows = [r for r in kim_rows[language] if r["claim_type"] == "office_holder" and r["person_id"] == "kim_jong_un"]
    assert [r["verdict"] for r in rows] == ["supported"], [(r["claim_text"], r["reason"]) for r in kim_rows[language]]
    assert "State Affairs" in rows[0]["reason"]
