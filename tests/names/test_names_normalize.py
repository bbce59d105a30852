"""normalize / normalize_with_offsets: the contract shared by keys and article text."""

from __future__ import annotations

import pytest

from marquee.names import normalize, normalize_with_offsets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Go-eun", "kim go eun"),
        ("KIM  GO EUN", "kim go eun"),
        ("Kim Goeun", "kim goeun"),
        ("E.oni", "e oni"),
        ("Yumi's Cells 2", "yumis cells 2"),
        ("Yumi’s Cells 2", "yumis cells 2"),
        ("‘Goblin’", "goblin"),
        ("“Exhuma” — a hit…", "exhuma a hit"),
        ("Pokémon", "pokemon"),
        ("e\u0301cole", "ecole"),
        ("Straße", "strasse"),
        ("Ｆｕｌｌ", "full"),
        ("대도시의 사랑법", "대도시의 사랑법"),
        ("김고은, 노상현!", "김고은 노상현"),
        ("snake_case-and.dots", "snake case and dots"),
        ("  ", ""),
        ("", ""),
        ("'", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert normalize(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "Steve Sanghyun Noh, who plays Heung-soo, said: “It’s Jae-hee’s story.”",
        "  Straße — ﬁne Pokémon 김고은은 ‘Goblin’ ",
        "rock'n'roll '' x ' y",
        "e\u0301cole",
        "",
    ],
)
def test_offsets_map_every_output_character_back(text: str) -> None:
    normalized, offsets = normalize_with_offsets(text)
    assert normalized == normalize(text)
    assert len(offsets) == len(normalized)
    assert offsets == sorted(offsets)
    for index, char in enumerate(normalized):
        source = text[offsets[index]]
        if char == " ":
            assert not source.isalnum()
        else:
            assert normalize(source) in (char, "") or char in normalize(source)


def test_offsets_recover_a_mention() -> None:
    text = "Cast: Steve Sang-hyun Noh (Heung-soo)."
    normalized, offsets = normalize_with_offsets(text)
    start = normalized.index("steve sang hyun noh")
    end = start + len("steve sang hyun noh")
    assert text[offsets[start] : offsets[end - 1] + 1] == "Steve Sang-hyun Noh"
    assert (offsets[start], offsets[end - 1] + 1) == (6, 25)


def test_offsets_of_a_possessive_and_hangul() -> None:
    text = "Yumi’s Cells 2와 김고은"
    normalized, offsets = normalize_with_offsets(text)
    assert normalized == "yumis cells 2와 김고은"
    assert offsets[:6] == [0, 1, 2, 3, 5, 6]
    assert text[offsets[-3] : offsets[-1] + 1] == "김고은"


def test_large_text_is_linear() -> None:
    text = "Kim Go-eun’s film, 대도시의 사랑법. " * 150_000  # ~4.8 MB
    normalized, offsets = normalize_with_offsets(text)
    assert len(offsets) == len(normalized)
    assert normalized.startswith("kim go euns film 대도시의 사랑법 kim")
