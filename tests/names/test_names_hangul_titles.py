"""Hangul romanization and title keys."""

from __future__ import annotations

import pytest

from marquee.names import romanize, title_keys
from marquee.names.hangul import compose, decompose, syllable_spellings


def test_decompose_and_compose_round_trip() -> None:
    assert decompose("한") == (18, 0, 4)
    assert all(compose(*decompose(chr(code))) == chr(code) for code in range(0xAC00, 0xD7A4))


@pytest.mark.parametrize(
    ("hangul", "rr"),
    [
        ("김고은", "gimgoeun"),
        ("대도시의 사랑법", "daedosiui sarangbeop"),
        ("노상현", "nosanghyeon"),
        ("믿음", "mideum"),  # liaison
        ("설리", "seolli"),  # ㄹㄹ
        ("Love 사랑", "Love sarang"),
    ],
)
def test_romanize_revised_first(hangul: str, rr: str) -> None:
    assert romanize(hangul)[0] == rr


def test_romanize_customary_variants_are_bounded() -> None:
    variants = romanize("현수")
    assert variants[0] == "hyeonsu"
    assert "hyunsoo" in romanize("현수", limit=12)
    assert len(romanize("대도시의 사랑법", limit=5)) == 5
    assert romanize("") == []


def test_syllable_spellings_follow_jamo_tables() -> None:
    assert syllable_spellings("현") == ["hyeon", "hyun", "hyon"]
    assert syllable_spellings("수") == ["su", "soo"]
    assert syllable_spellings("영")[:2] == ["yeong", "yung"] and "young" in syllable_spellings("영")
    assert syllable_spellings("희")[:2] == ["hui", "hee"]
    assert syllable_spellings("신") == ["sin", "seen", "shin", "sheen"]


def test_title_keys_subtitles_articles_and_aliases() -> None:
    keys = title_keys("Guardian: The Lonely and Great God", aliases=["Goblin"])
    assert {
        "guardian the lonely and great god",
        "the lonely and great god",
        "lonely and great god",
        "goblin",
    } <= keys
    assert "guardian" not in keys  # a lone common word is not a key of its own
    assert title_keys("The Host") == {"the host", "host"}


def test_title_keys_sequels_quotes_and_hangul() -> None:
    sequel = {"{} cells 2", "{} cells ii", "{} cells season 2", "{} cells part 2"}
    # With and without the possessive: article text is matched with "'s" dropped.
    assert title_keys("Yumi’s Cells 2") == {
        form.format(stem) for form in sequel for stem in ("yumis", "yumi")
    }
    keys = title_keys("Love in the Big City", native_name="대도시의 사랑법")
    assert keys == {
        "love in the big city",
        "대도시의 사랑법",
        "대도시의사랑법",
        "daedosiui sarangbeop",
    }
    assert "mother" in title_keys("Mother")
