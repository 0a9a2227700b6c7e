"""Language: a story clearly in another language is refused; short or mixed ones never are."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.errors import InputError
from newsdigest.language import (
    MIN_LETTERS,
    check_language,
    detect_language,
    language_share,
    letter_count,
)

# Our own paragraphs, three per language, news-like and of ordinary length.
FOREIGN = {
    "fr": [
        "Le conseil municipal de Lyon a adopté mardi soir un budget de 1,2 milliard d'euros, "
        "après plus de six heures de débats. L'opposition a dénoncé une hausse des impôts "
        "locaux que la maire juge indispensable pour financer la rénovation des écoles.",
        "Les pompiers sont intervenus vers 3 heures du matin dans un immeuble de quatre étages. "
        "Deux habitants ont été légèrement blessés et une trentaine de personnes ont dû passer "
        "la nuit dans un gymnase mis à disposition par la commune.",
        "« Nous ne céderons pas », a déclaré le ministre devant les députés, alors que les "
        "syndicats appellent à une nouvelle journée de grève jeudi. Selon la police, 12 000 "
        "personnes ont défilé dans les rues de Marseille.",
    ],
    "es": [
        "El ayuntamiento de Valencia aprobó el martes un plan para reducir el tráfico en el "
        "centro de la ciudad. Los comerciantes temen que las nuevas restricciones alejen a los "
        "clientes, mientras que los vecinos celebran la medida.",
        "Las lluvias torrenciales de los últimos días han obligado a evacuar a más de dos mil "
        "personas en la provincia. Los servicios de emergencia pidieron a la población que "
        "evite los desplazamientos por carretera hasta el fin de semana.",
        "«No vamos a dar ni un paso atrás», dijo la ministra en rueda de prensa, después de que "
        "el Gobierno y los sindicatos no lograran un acuerdo sobre la reforma de las pensiones.",
    ],
    "de": [
        "Der Stadtrat von Leipzig hat am Dienstag einen neuen Haushalt beschlossen. Nach einer "
        "langen Debatte stimmten 41 Abgeordnete dafür, die Opposition kritisierte die geplanten "
        "Kürzungen bei den Bibliotheken und Schwimmbädern.",
        "Die Feuerwehr wurde kurz nach Mitternacht zu einem Brand in einer Lagerhalle gerufen. "
        "Verletzt wurde niemand, der Schaden wird jedoch auf mehrere Millionen Euro geschätzt, "
        "teilte die Polizei am Morgen mit.",
        "„Wir werden diese Entscheidung nicht hinnehmen“, sagte der Bürgermeister am Abend. Die "
        "Gewerkschaften haben für Donnerstag zu einem landesweiten Streik aufgerufen.",
    ],
}
NAMES = {"fr": "French", "es": "Spanish", "de": "German"}
# The English development sets and the field that holds each article.
DEV_SETS = {
    "cnndm_dev.jsonl": "article",
    "ggt_dev.jsonl": "text",
    "polnear_dev.jsonl": "text",
    "conll2003_dev.jsonl": "text",
    "tbaq_timex.jsonl": "text",
    "ecbplus_dev.jsonl": "text",
}

ENGLISH = [
    "The harbour board voted on Thursday to close the old ferry terminal by the end of the "
    "year, after engineers found that its pilings had rotted faster than expected.",
    "Commuters who use the morning crossing will be moved to a temporary pier two streets "
    "away, the board's chair said, adding that fares would not change before the spring.",
    "Residents packed the meeting to ask what would happen to the terminal's cafe, which has "
    "served the same breakfast since the building opened forty years ago.",
]

FOREIGN_CASES = [
    pytest.param(code, text, id=f"{code}-{i}")
    for code, paragraphs in FOREIGN.items()
    for i, text in enumerate([*paragraphs, "\n\n".join(paragraphs)])
]


@pytest.mark.parametrize(("code", "text"), FOREIGN_CASES)
def test_a_story_in_another_language_is_refused_naming_it(code: str, text: str) -> None:
    with pytest.raises(InputError, match=rf"{NAMES[code]} \({code}\b") as caught:
        check_language(text)
    assert caught.value.exit_code == 65
    assert caught.value.status == 422
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_detection_names_each_language(code: str) -> None:
    found, confidence = detect_language("\n\n".join(FOREIGN[code]))
    assert found == code
    assert 0.95 <= confidence <= 1.0


def test_an_english_story_is_recorded_as_english() -> None:
    assert check_language("\n\n".join(ENGLISH)) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Merci beaucoup, à demain.",
        "¿Dónde está la estación de tren?",
        "Guten Morgen aus Berlin, sagte sie.",
        "Müller, Schröder und Söhne GmbH",
        "12:30 - 14:45 - 3-1 - 2026",
        "",
    ],
)
def test_short_texts_are_never_refused(text: str) -> None:
    assert letter_count(text) < MIN_LETTERS
    assert check_language(text) is None


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_a_foreign_story_with_an_english_part_is_mixed_not_refused(code: str) -> None:
    # two paragraphs in another language and one in English: a third of the letters
    text = "\n\n".join([FOREIGN[code][0], ENGLISH[0], FOREIGN[code][1]])
    assert 0.25 < language_share(text, "en") < 0.45
    assert check_language(text) in (code, "en")  # digested, recorded as either language


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_a_foreign_story_with_an_english_line_is_still_refused(code: str) -> None:
    text = "\n\n".join([*FOREIGN[code], "Breaking news.", *FOREIGN[code]])
    with pytest.raises(InputError, match=NAMES[code]):
        check_language(text)


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_an_english_story_quoting_another_language_is_english(code: str) -> None:
    text = "\n\n".join([ENGLISH[0], FOREIGN[code][2], ENGLISH[1], ENGLISH[2]])
    assert check_language(text) == "en"


def test_the_expected_language_can_be_another_one() -> None:
    assert check_language("\n\n".join(FOREIGN["de"]), expected="de") == "de"
    with pytest.raises(InputError, match="English"):
        check_language("\n\n".join(ENGLISH), expected="de")


_PIECES = st.sampled_from([*ENGLISH, *(p for ps in FOREIGN.values() for p in ps)])
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=6).map("\n".join),
)


@given(_TEXTS)
def test_any_text_gets_a_verdict_or_a_one_line_refusal(text: str) -> None:
    try:
        code = check_language(text)
    except InputError as exc:
        assert letter_count(text) >= MIN_LETTERS
        assert "\n" not in str(exc)
    else:
        assert code is None or re.fullmatch(r"[a-z]{2,3}", code)
    assert 0.0 <= language_share(text, "en") <= 1.0


def test_no_english_development_article_is_refused(shared_dir: Path) -> None:
    checked = 0
    for name, field in DEV_SETS.items():
        with (shared_dir / "data" / name).open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                assert check_language(record[field]) in ("en", None), record["id"]
                checked += 1
    assert checked > 900
