"""Hangul syllable structure and romanization (Revised Romanization plus customary spellings).

Every precomposed syllable U+AC00..U+D7A3 is ``(initial, medial, final)`` jamo indices; the
spelling tables below are indexed the same way, entry 0 being the Revised Romanization (RR) and
the rest the customary / McCune-Reischauer-derived spellings seen in published names, most common
first.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from marquee.names.ranked import ranked_product

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3
MEDIAL_COUNT = 21
FINAL_COUNT = 28

# ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
INITIAL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),
    ("kk", "gg", "k"),
    ("n",),
    ("d", "t"),
    ("tt", "dd", "t"),
    ("r", "l"),
    ("m",),
    ("b", "p"),
    ("pp", "bb", "p"),
    ("s",),
    ("ss", "s"),
    ("",),
    ("j", "ch"),
    ("jj", "j"),
    ("ch",),
    ("k",),
    ("t",),
    ("p",),
    ("h",),
)

# ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
MEDIAL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("a",),
    ("ae",),
    ("ya",),
    ("yae",),
    ("eo", "u", "o"),
    ("e",),
    ("yeo", "yu", "yo"),
    ("ye",),
    ("o",),
    ("wa",),
    ("wae",),
    ("oe", "oi"),
    ("yo",),
    ("u", "oo"),
    ("wo", "weo"),
    ("we",),
    ("wi",),
    ("yu", "yoo"),
    ("eu", "u"),
    ("ui", "ee", "eui", "i"),
    ("i", "ee"),
)

# (none) ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
FINAL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("",),
    ("k",),
    ("k",),
    ("k",),
    ("n",),
    ("n",),
    ("n",),
    ("t",),
    ("l",),
    ("k",),
    ("m",),
    ("l",),
    ("l",),
    ("l",),
    ("p",),
    ("l",),
    ("m",),
    ("p",),
    ("p",),
    ("t",),
    ("t",),
    ("ng",),
    ("t",),
    ("t",),
    ("k",),
    ("t",),
    ("p",),
    ("t",),
)

# Sound of a final consonant carried onto a following ㅇ-initial syllable (RR liaison), as initial.
_LIAISON_INITIAL: dict[int, str] = {
    1: "g",
    2: "kk",
    4: "n",
    7: "d",
    8: "r",
    16: "m",
    17: "b",
    19: "s",
    20: "ss",
    22: "j",
    23: "ch",
    24: "k",
    25: "t",
    26: "p",
}
_INITIAL_IEUNG = 11
_INITIAL_SIOT = 9
_INITIAL_RIEUL = 5
_FINAL_RIEUL = 8
_MEDIAL_I = 20
_MEDIAL_WI = 16
_MEDIAL_YEO = 6
_MEDIAL_EO = 4
_FINAL_IEUNG = 21


def is_syllable(char: str) -> bool:
    """True for a precomposed Hangul syllable."""
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def has_hangul(text: str) -> bool:
    """True when ``text`` holds at least one precomposed Hangul syllable."""
    return any(SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST for char in text)


def is_hangul_word(text: str) -> bool:
    """True when ``text`` is non-empty and made only of precomposed Hangul syllables."""
    return bool(text) and all(SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST for char in text)


def decompose(char: str) -> tuple[int, int, int]:
    """Jamo indices ``(initial, medial, final)`` of a syllable; ValueError for anything else."""
    code = ord(char) - SYLLABLE_FIRST
    if not 0 <= code <= SYLLABLE_LAST - SYLLABLE_FIRST:
        raise ValueError(f"not a Hangul syllable: {char!r}")
    return (
        code // (MEDIAL_COUNT * FINAL_COUNT),
        (code // FINAL_COUNT) % MEDIAL_COUNT,
        code % FINAL_COUNT,
    )


def compose(initial: int, medial: int, final: int = 0) -> str:
    """The syllable made of the given jamo indices."""
    return chr(SYLLABLE_FIRST + (initial * MEDIAL_COUNT + medial) * FINAL_COUNT + final)


def syllable_spellings(char: str, *, limit: int = 6) -> list[str]:
    """Spellings of one syllable read on its own (as in a given name): RR first, then customary."""
    return list(_syllable_spellings(char, limit))


@lru_cache(maxsize=65_536)
def _syllable_spellings(char: str, limit: int) -> tuple[str, ...]:
    initial, medial, final = decompose(char)
    initials = list(INITIAL_SPELLINGS[initial])
    if initial == _INITIAL_SIOT and medial in (_MEDIAL_I, _MEDIAL_WI):
        initials.append("sh")  # 신 Shin, 심 Shim
    medials = list(MEDIAL_SPELLINGS[medial])
    if medial == _MEDIAL_YEO and final == _FINAL_IEUNG:
        medials.append("you")  # 영 Young
    if initial == _INITIAL_IEUNG and medial == 13:
        medials.append("woo")  # 우 Woo
    if final == 0 and medial in (_MEDIAL_EO, _MEDIAL_YEO):
        medials.append(MEDIAL_SPELLINGS[medial][1] + "h")  # 서 Suh, 허 Huh, 여 Yuh
    finals = FINAL_SPELLINGS[final]
    spellings = ranked_product((initials, medials, finals), limit=limit)
    return tuple("".join(parts) for parts in spellings)


def romanize_syllable(char: str) -> str:
    """RR spelling of one syllable read on its own."""
    initial, medial, final = decompose(char)
    return INITIAL_SPELLINGS[initial][0] + MEDIAL_SPELLINGS[medial][0] + FINAL_SPELLINGS[final][0]


def _rr_word(word: str) -> str:
    """RR of a run of syllables with liaison and ㄹㄹ → ll; other characters pass through."""
    out: list[str] = []
    previous_final = 0
    for char in word:
        if not is_syllable(char):
            out.append(char)
            previous_final = 0
            continue
        initial, medial, final = decompose(char)
        initial_spelling = INITIAL_SPELLINGS[initial][0]
        if previous_final and initial == _INITIAL_IEUNG and previous_final in _LIAISON_INITIAL:
            out[-1] = out[-1][: len(out[-1]) - len(FINAL_SPELLINGS[previous_final][0])]
            initial_spelling = _LIAISON_INITIAL[previous_final]
        elif previous_final == _FINAL_RIEUL and initial == _INITIAL_RIEUL:
            initial_spelling = "l"
        out.append(initial_spelling + MEDIAL_SPELLINGS[medial][0] + FINAL_SPELLINGS[final][0])
        previous_final = final
    return "".join(out)


def romanize(hangul: str, *, limit: int = 8) -> list[str]:
    """Lowercase romanizations of ``hangul``: RR (with liaison) first, then customary variants.

    Words (split on whitespace) are kept; non-Hangul characters pass through unchanged. At most
    ``limit`` strings are returned, ordered by how customary their syllable spellings are.
    """
    words = hangul.split()
    if not words:
        return []
    results: list[str] = [" ".join(_rr_word(word) for word in words)]
    if limit <= 1:
        return results
    # Customary variants spell each syllable on its own (as names are written), best first.
    per_syllable: list[Sequence[str]] = []
    for index, word in enumerate(words):
        if index:
            per_syllable.append((" ",))
        for char in word:
            per_syllable.append(syllable_spellings(char, limit=4) if is_syllable(char) else (char,))
    for parts in ranked_product(per_syllable, limit=limit * 2):
        candidate = "".join(parts)
        if candidate not in results:
            results.append(candidate)
        if len(results) >= limit:
            break
    return results
