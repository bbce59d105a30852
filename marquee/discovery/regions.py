"""The reader's region and language (pure): picked, guessed from Accept-Language, or default."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from marquee.catalog.codes import LANGUAGE_CODES, REGION_CODES

REGION_COOKIE = "marquee_region"
REGION_COOKIE_MAX_AGE = 365 * 24 * 3600
DEFAULT_LANGUAGE = "en"

REGION_NAMES: dict[str, str] = {
    "AR": "Argentina", "AU": "Australia", "AT": "Austria", "BE": "Belgium", "BR": "Brazil",
    "CA": "Canada", "CL": "Chile", "CN": "China", "CO": "Colombia", "DE": "Germany",
    "DK": "Denmark", "ES": "Spain", "FI": "Finland", "FR": "France", "GB": "United Kingdom",
    "HK": "Hong Kong", "ID": "Indonesia", "IE": "Ireland", "IN": "India", "IT": "Italy",
    "JP": "Japan", "KR": "South Korea", "MX": "Mexico", "MY": "Malaysia", "NL": "Netherlands",
    "NO": "Norway", "NZ": "New Zealand", "PE": "Peru", "PH": "Philippines", "PL": "Poland",
    "PT": "Portugal", "SE": "Sweden", "SG": "Singapore", "TH": "Thailand", "TR": "Türkiye",
    "TW": "Taiwan", "US": "United States", "VN": "Vietnam", "ZA": "South Africa",
}  # fmt: skip

_LANGUAGE_RANGE = re.compile(r"^([a-zA-Z]{1,8})(?:-([a-zA-Z0-9]{1,8}))*$")


def region_name(code: str) -> str:
    return REGION_NAMES.get(code, code)


def clean_region(value: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code in upper case, or None."""
    code = (value or "").strip().upper()
    return code if code in REGION_CODES else None


def _ranges(accept_language: str) -> list[tuple[float, list[str]]]:
    """Language ranges of an Accept-Language header, highest quality first (stable)."""
    ranges = []
    for position, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if quality > 0 and _LANGUAGE_RANGE.match(tag.strip()):
            ranges.append((quality, position, tag.strip().split("-")))
    ranges.sort(key=lambda item: (-item[0], item[1]))
    return [(quality, subtags) for quality, _, subtags in ranges]


def region_from_accept_language(accept_language: str) -> str | None:
    """The region of the most preferred language tag that names one: en-US → US."""
    for _, subtags in _ranges(accept_language or ""):
        for subtag in subtags[1:]:
            region = clean_region(subtag) if len(subtag) == 2 else None
            if region:
                return region
    return None


def language_from_accept_language(accept_language: str) -> str:
    """The most preferred ISO 639-1 language: es-MX → es; English when none is given."""
    for _, subtags in _ranges(accept_language or ""):
        language = subtags[0].lower()
        if language in LANGUAGE_CODES:
            return language
    return DEFAULT_LANGUAGE


def choose_region(*, picked: str | None, accept_language: str, default: str) -> str:
    """The reader's choice, else the browser's language region, else the site default."""
    return (
        clean_region(picked)
        or region_from_accept_language(accept_language)
        or clean_region(default)
        or "US"
    )


def languages_first(codes: Sequence[str], language: str) -> list[str]:
    """Subtitle languages with the reader's first, the others in their given order."""
    return sorted(codes, key=lambda code: code != language)


def picker_regions(extra: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(code, name) choices for the region picker, by name."""
    codes = set(REGION_NAMES) | {code for code in extra if code in REGION_CODES}
    return sorted(((code, region_name(code)) for code in codes), key=lambda item: item[1])
