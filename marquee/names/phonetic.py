"""Phonetic fold: one index key for many romanizations of the same sounds.

``fold_word`` maps a normalised word to a coarse form ("hyeon", "hyun" → "hyun"; "kyung",
"gyeong" → "gyung"; "noh", "roh", "no" → "no"; "lee", "yi", "rhee" → "i"). It is a pure function
applied identically to knowledge-base keys and to article words, so index keys shrink without
losing matches; callers verify exact spellings afterwards. Hangul words lose trailing particles
("김고은은" → "김고은" → "김고" when the stem stays ≥ 2 syllables), so "김고은은" meets "김고은".
"""

from __future__ import annotations

import re
from functools import cache

from marquee.names.hangul import is_hangul_word
from marquee.names.surnames import customary_groups

_VOWEL_FOLDS = (
    ("yeo", "yu"),
    ("weo", "wo"),
    ("eo", "u"),
    ("oo", "u"),
    ("ou", "u"),
    ("ee", "i"),
    ("eu", "u"),
    ("oi", "oe"),
    ("ui", "i"),
    ("ae", "e"),
)
_CONSONANT_FOLDS = (("sh", "s"), ("k", "g"), ("p", "b"), ("t", "d"))
_SILENT_H = re.compile(r"(?<=[aeiouwy])h(?![aeiouwy])")
_DOUBLED = re.compile(r"([a-z])\1+")
_VOWELS = frozenset("aeiouwy")
# Korean particles and copula endings that attach to a noun, longest first.
PARTICLES = tuple(
    sorted(
        (
            "에게서 에서는 으로서 으로써 이라는 이라고 께서는 에게는 입니다 이었다 였다 "
            "에게 에서 으로 로서 로써 까지 부터 처럼 보다 이나 이라 께서 와의 과의 에는 에도 "
            "이다 이고 이며 은 는 이 가 을 를 의 와 과 도 에 로 만 께 씨"
        ).split(),
        key=len,
        reverse=True,
    )
)


def _generic_fold(word: str) -> str:
    for source, target in _VOWEL_FOLDS:
        if source in word:
            word = word.replace(source, target)
    word = _SILENT_H.sub("", word)
    for source, target in _CONSONANT_FOLDS:
        if source in word:
            word = word.replace(source, target)
    word = _DOUBLED.sub(r"\1", word)
    if len(word) > 1 and word[0] in "rl":
        if word.startswith("rh"):
            word = "r" + word[2:]
        if len(word) > 1 and word[1] in "iy":
            word = word[1:]
        elif len(word) > 1 and word[1] in _VOWELS:
            word = "n" + word[1:]
    if word.startswith("yi"):
        word = word[1:]
    return word


@cache
def _surname_classes() -> dict[str, str]:
    """Generic fold of a customary surname spelling → generic fold of the group's first spelling.

    Only irregular equivalences need this (park/bak, choi/chey, jung/chung, hur/heo); the first
    group to claim a form keeps it, so the map is a function and never chains groups together.
    """
    classes: dict[str, str] = {}
    for group in customary_groups():
        representative = _generic_fold(group[0])
        for spelling in group[1:]:
            folded = _generic_fold(spelling)
            if folded != representative:
                classes.setdefault(folded, representative)
    return classes


_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 500_000


_PARTICLES_BY_LAST: dict[str, tuple[str, ...]] = {}
for _particle in PARTICLES:
    _PARTICLES_BY_LAST[_particle[-1]] = (*_PARTICLES_BY_LAST.get(_particle[-1], ()), _particle)


def strip_particles(word: str) -> str:
    """A Hangul word without trailing particles, keeping a stem of at least two syllables."""
    for _ in range(2):
        for particle in _PARTICLES_BY_LAST.get(word[-1:], ()):
            if word.endswith(particle) and len(word) - len(particle) >= 2:
                word = word[: -len(particle)]
                break
        else:
            break
    return word


def fold_word(word: str) -> str:
    """Phonetic fold of one normalised word (see module docstring); deterministic, cached."""
    cached = _CACHE.get(word)
    if cached is not None:
        return cached
    if word.isascii():
        if word.isalpha():
            generic = _generic_fold(word)
            result = _surname_classes().get(generic, generic)
        else:
            result = word
    elif is_hangul_word(word):
        result = strip_particles(word)
    else:
        result = word
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[word] = result
    return result


def fold_words(words: list[str]) -> list[str]:
    """``fold_word`` of each word (the cache is consulted inline: texts have many words)."""
    cached = list(map(_CACHE.get, words))
    if None not in cached:
        return cached  # type: ignore[return-value]  # mypy cannot narrow by `None not in`
    return [
        fold_word(word) if result is None else result
        for word, result in zip(words, cached, strict=True)
    ]


def fold_key(normalized: str) -> str:
    """Fold every word of a normalised key or text (words separated by single spaces)."""
    return " ".join([fold_word(word) for word in normalized.split(" ")]) if normalized else ""
