"""Region and language of the reader (pure)."""

from __future__ import annotations

import pytest

from marquee.discovery.regions import (
    choose_region,
    language_from_accept_language,
    languages_first,
    picker_regions,
    region_from_accept_language,
)


@pytest.mark.parametrize(
    ("header", "region"),
    [
        ("en-US,en;q=0.9", "US"),
        ("en-gb", "GB"),
        ("fr;q=0.9, pt-BR", "BR"),
        ("zh-Hant-TW,zh;q=0.8", "TW"),
        ("es-419", None),
        ("ko", None),
        ("", None),
        ("garbage;;;q=x,,", None),
        ("en-ZZ", None),
    ],
)
def test_region_from_accept_language(header: str, region: str | None) -> None:
    assert region_from_accept_language(header) == region


def test_language_prefers_quality_then_order() -> None:
    assert language_from_accept_language("es-MX,es;q=0.9,en;q=0.8") == "es"
    assert language_from_accept_language("en;q=0.5, ja;q=0.9") == "ja"
    assert language_from_accept_language("") == "en"


def test_pick_beats_browser_beats_default() -> None:
    assert choose_region(picked="kr", accept_language="en-US", default="GB") == "KR"
    assert choose_region(picked="XX", accept_language="en-US", default="GB") == "US"
    assert choose_region(picked=None, accept_language="fr", default="GB") == "GB"
    assert choose_region(picked=None, accept_language="", default="nonsense") == "US"


def test_reader_language_comes_first() -> None:
    assert languages_first(["en", "es", "fr"], "fr") == ["fr", "en", "es"]
    assert languages_first(["en", "es"], "ko") == ["en", "es"]


def test_picker_lists_names_and_keeps_unusual_current_region() -> None:
    regions = dict(picker_regions(["LU"]))
    assert regions["KR"] == "South Korea"
    assert regions["LU"] == "LU"
