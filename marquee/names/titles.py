"""Variant keys of titles: case, quotes, a leading article, subtitles after a colon, numbered
sequels (digits, Roman numerals, "season N", "part N") and Hangul titles (spaced, joined, RR).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from marquee.names.hangul import has_hangul, romanize
from marquee.names.normalize import normalize
from marquee.names.ranked import unique

MAX_TITLE_KEYS = 40
ARTICLES = ("the ", "a ", "an ")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_SUBTITLE = re.compile(r"\s*(?::|\s[-–—]\s)\s*")
_ROMAN = {2: "ii", 3: "iii", 4: "iv", 5: "v", 6: "vi", 7: "vii", 8: "viii", 9: "ix", 10: "x"}
_ARABIC = {roman: str(number) for number, roman in _ROMAN.items()}


def strip_article(key: str) -> str:
    """A normalised key without its leading English article ("the lonely" → "lonely")."""
    for article in ARTICLES:
        if key.startswith(article) and len(key) > len(article):
            return key[len(article) :]
    return key


def _sequel_forms(key: str) -> list[str]:
    words = key.split(" ")
    if len(words) < 2:
        return []
    last = words[-1]
    stem = " ".join(words[:-1])
    for marker in ("season", "part", "chapter"):
        if stem.endswith(" " + marker):
            stem = stem[: -len(marker) - 1]
            break
    number = last if last.isdigit() else _ARABIC.get(last)
    if number is None or not 2 <= int(number) <= 10:
        return []
    return [
        f"{stem} {number}",
        f"{stem} {_ROMAN[int(number)]}",
        f"{stem} season {number}",
        f"{stem} part {number}",
    ]


def _forms_of_one(text: str) -> list[str]:
    whole = normalize(text)
    if not whole:
        return []
    forms = [whole, strip_article(whole)]
    if _POSSESSIVE.search(text):
        # Article text is matched with possessives dropped ("Yumi's Cells" → "yumi cells").
        bare = normalize(_POSSESSIVE.sub("", text))
        forms.extend(form for form in _forms_of_one(_POSSESSIVE.sub("", text)) if form != bare)
        forms.append(bare)
    if "&" in text:
        forms.append(normalize(text.replace("&", " and ")))
    pieces = [normalize(piece) for piece in _SUBTITLE.split(text) if normalize(piece)]
    if len(pieces) > 1:
        # "Guardian: The Lonely and Great God" → "guardian", "the lonely and great god".
        for piece in (pieces[0], " ".join(pieces[1:])):
            if len(piece.split(" ")) >= 2:
                forms.extend((piece, strip_article(piece)))
    for form in list(forms):
        forms.extend(_sequel_forms(form))
    return forms


def title_keys(
    name: str, *, aliases: Iterable[str] = (), native_name: str | None = None
) -> set[str]:
    """Every normalised key under which a title is found (≤ ``MAX_TITLE_KEYS``).

    Single-word keys that are also common words ("mother") are included; callers decide how much
    evidence such a match needs.
    """
    keys: list[str] = []
    for text in (name, *aliases):
        keys.extend(_forms_of_one(text))
    if native_name:
        native = normalize(native_name)
        if native:
            keys.extend((native, native.replace(" ", "")))
            if has_hangul(native):
                keys.extend(normalize(spelling) for spelling in romanize(native, limit=1))
    return {key for key in list(unique(keys))[:MAX_TITLE_KEYS] if key}
