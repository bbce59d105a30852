"""Text normalisation shared by knowledge-base keys and article text.

``normalize`` casefolds, strips diacritics, drops apostrophes (straight and curly: "Yumi's" →
"yumis") and turns every other run of non-alphanumeric characters into one space. Hangul is kept
as is. ``normalize_with_offsets`` does the same to a whole article and maps each output character
back to the index of the source character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain, compress

_APOSTROPHES = "'\u2018\u2019\u02bc\u0060\u00b4\u2032\uff07"
_SPECIAL = "\x01"  # marks a character whose normal form is not exactly one character
# One character → one character (lowercase letter/digit, "'" for apostrophes, " " otherwise).
_TABLE: dict[int, str] = {}
for _code in range(128):
    _char = chr(_code)
    _TABLE[_code] = _char.lower() if _char.isalnum() else " "
for _char in _APOSTROPHES:
    _TABLE[ord(_char)] = "'"
_KNOWN: set[str] = {chr(code) for code in _TABLE}
_FOLD_CACHE: dict[str, str] = {}
_RUN = re.compile(r"[^ ]+")
_KEEP_NON_APOSTROPHE = bytes(0 if code == ord("'") else 1 for code in range(256))
_KEEP_NON_SPACE = bytes(0 if code == ord(" ") else 1 for code in range(256))


def _is_kept_as_is(char: str) -> bool:
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3  # Hangul syllables
        or 0x1100 <= code <= 0x11FF  # conjoining jamo
        or 0x3130 <= code <= 0x318F  # compatibility jamo
        or 0xA960 <= code <= 0xA97F
        or 0xD7B0 <= code <= 0xD7FF
    )


def _fold_char(char: str) -> str:
    """Normalised form of one word character: zero, one or several alphanumeric characters."""
    cached = _FOLD_CACHE.get(char)
    if cached is not None:
        return cached
    if _is_kept_as_is(char):
        result = char
    else:
        decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
        result = "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    if len(_FOLD_CACHE) < 200_000:
        _FOLD_CACHE[char] = result
    return result


def _learn(chars: set[str]) -> None:
    for char in chars:
        if char.isalnum() or unicodedata.combining(char):
            folded = _fold_char(char)
            _TABLE[ord(char)] = folded if len(folded) == 1 else _SPECIAL
        else:
            _TABLE[ord(char)] = " "
        _KNOWN.add(char)


def _translate(text: str) -> str:
    """Same-length image of ``text``: normal chars, "'" for apostrophes, " ", or ``_SPECIAL``."""
    if not text.isascii():
        missing = set(text) - _KNOWN
        if missing:
            _learn(missing)
    return text.translate(_TABLE)


def _complex_word(text: str, image: str, start: int, end: int) -> tuple[str, list[int]]:
    pieces: list[str] = []
    offsets: list[int] = []
    for index in range(start, end):
        char = image[index]
        if char == "'":
            continue
        folded = _fold_char(text[index]) if char == _SPECIAL else char
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(pieces), offsets


def _simple_with_offsets(image: str) -> tuple[str, list[int]]:
    """Fast path when every character maps to one: byte masks select kept positions at C speed."""
    positions: range | list[int] = range(len(image))
    # One byte per character ("?" for non-ASCII letters), so byte index == character index.
    shadow = image.encode("ascii", "replace")
    if "'" in image:
        positions = list(compress(positions, shadow.translate(_KEEP_NON_APOSTROPHE)))
        image = image.replace("'", "")
        shadow = shadow.replace(b"'", b"")
    # Keep letters/digits and the first space after each word.
    mask = shadow.translate(_KEEP_NON_SPACE).replace(b"\x01\x00", b"\x01\x01")
    offsets = list(compress(positions, mask))
    normalized = " ".join(image.split())
    if len(offsets) > len(normalized):
        offsets.pop()  # the first space after the last word
    return normalized, offsets


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """``normalize(text)`` plus, for each output character, the index of its source character.

    A separating space maps to the first separator character after the previous word, so a match
    ``[i, j)`` in the output covers ``text[offsets[i] : offsets[j - 1] + 1]``. Linear in the text.
    """
    image = _translate(text)
    if _SPECIAL not in image:
        return _simple_with_offsets(image)
    spans = [match.span() for match in _RUN.finditer(image)]
    if not spans:
        return "", []
    words = [image[start:end] for start, end in spans]
    positions: list[range | list[int]] = [range(start, end + 1) for start, end in spans]
    dropped = False
    for index, word in enumerate(words):
        if "'" in word or _SPECIAL in word:
            start, end = spans[index]
            word, word_positions = _complex_word(text, image, start, end)
            words[index] = word
            word_positions.append(end)  # the separator after the word
            positions[index] = word_positions
            dropped = dropped or not word
    if dropped:
        kept = [index for index, word in enumerate(words) if word]
        words = [words[index] for index in kept]
        positions = [positions[index] for index in kept]
    offsets = list(chain.from_iterable(positions))
    if offsets:
        offsets.pop()  # no separator after the last word
    return " ".join(words), offsets


def normalize(text: str) -> str:
    """Normalised form of ``text``; idempotent; "" for text without letters or digits."""
    image = _translate(text)
    if _SPECIAL not in image:
        return " ".join(image.replace("'", "").split())
    return normalize_with_offsets(text)[0]
