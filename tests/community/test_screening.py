"""Screening comments: pure functions over text and word lists."""

from __future__ import annotations

import pytest

from marquee.community.errors import Refusal
from marquee.community.screening import find_phrases, screen_comment


def test_phrases_match_whole_words_ignoring_case_and_width() -> None:
    assert find_phrases("You IDIOT!", ["idiot"]) == ["idiot"]
    assert find_phrases("ｉｄｉｏｔ", ["idiot"]) == ["idiot"]  # full-width letters
    assert find_phrases("idiotic", ["idiot"]) == []
    assert find_phrases("buy  cheap\nwatches", ["cheap watches"]) == ["cheap watches"]


@pytest.mark.parametrize(
    ("body", "trusted", "exempt", "reason"),
    [
        ("Lovely film", True, False, ""),
        ("Lovely film", False, False, "New reader: first comments are reviewed"),
        ("Get a promo code", True, False, "Contains a word moderators review"),
        ("see www.example.com", True, False, "Contains a link"),
        ("see https://example.com", True, False, "Contains a link"),
        ("see [x](/path)", True, False, "Contains a link"),
        ("see https://example.com", False, True, ""),
    ],
)
def test_screening(body: str, trusted: bool, exempt: bool, reason: str) -> None:
    result = screen_comment(
        body=body, banned=["slur"], suspect=["promo code"], trusted=trusted, exempt=exempt
    )
    assert result == reason


def test_banned_words_are_refused_even_for_moderators() -> None:
    with pytest.raises(Refusal) as excinfo:
        screen_comment(body="a Slur here", banned=["slur"], suspect=[], trusted=True, exempt=True)
    assert excinfo.value.code == "banned_words"
    assert "(“slur”)" in excinfo.value.message
