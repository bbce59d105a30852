"""Romanized Korean syllables: which Hangul syllables a spelling may stand for, and the other
spellings of those syllables. The reverse table is generated from the jamo spelling tables.
"""

from __future__ import annotations

from functools import cache, lru_cache

from marquee.names.hangul import compose, decompose, syllable_spellings
from marquee.names.ranked import unique

# Frequent given-name syllables: readings through them win ties when a spelling is ambiguous.
COMMON_NAME_SYLLABLES = frozenset(
    "민서지현수영준우진하은연유정윤호성혜희경재동도승상아원시석태주미나예소훈건채다빈선한인"
    "숙자순철용광기환병종규남창명강범대혁익길옥란화보애설람별슬솔린율결찬웅욱완헌효운신중섭"
    "근식국일이구산봉문학래례령임열필형홍세제혼두휘의겸원송여"
)
# Finals that occur in names; others are left out of the reverse table to keep it small.
_NAME_FINALS = (0, 1, 4, 8, 16, 17, 19, 21)
_RARE_MEDIALS = frozenset({3, 10, 11, 15, 19})  # ㅒ ㅙ ㅚ ㅞ ㅢ
_MAX_SYLLABLE_LENGTH = 7


@cache
def _readings_table() -> dict[str, tuple[tuple[float, str], ...]]:
    table: dict[str, list[tuple[float, str]]] = {}
    for initial in range(19):
        for medial in range(21):
            for final in _NAME_FINALS:
                syllable = compose(initial, medial, final)
                prior = 0.0 if syllable in COMMON_NAME_SYLLABLES else 2.0
                if medial in _RARE_MEDIALS:
                    prior += 1.0
                for rank, spelling in enumerate(syllable_spellings(syllable, limit=8)):
                    table.setdefault(spelling, []).append((prior + 0.2 * rank, syllable))
    return {spelling: tuple(sorted(readings)) for spelling, readings in table.items()}


def readings(spelling: str) -> tuple[tuple[float, str], ...]:
    """``(cost, hangul_syllable)`` readings of a lowercase romanized syllable, cheapest first."""
    return _readings_table().get(spelling, ())


def is_syllable_spelling(spelling: str) -> bool:
    """True when ``spelling`` is a possible romanization of one Hangul syllable."""
    return spelling in _readings_table()


@lru_cache(maxsize=65_536)
def segment(word: str) -> tuple[str, ...] | None:
    """Split a joined romanized given name ("sanghyun") into syllables, or None.

    The cheapest split wins: common name syllables and customary spellings cost less, and each
    extra syllable costs a little, so "goeun" → ("go", "eun") and "sangyoung" → ("sang", "young").
    """
    if not word or not word.isascii() or not word.isalpha() or len(word) > 24:
        return None
    table = _readings_table()
    best: list[tuple[float, tuple[str, ...]] | None] = [None] * (len(word) + 1)
    best[0] = (0.0, ())
    for start in range(len(word)):
        current = best[start]
        if current is None:
            continue
        for end in range(start + 1, min(len(word), start + _MAX_SYLLABLE_LENGTH) + 1):
            piece = word[start:end]
            options = table.get(piece)
            if not options:
                continue
            cost = current[0] + options[0][0] + 0.5
            known = best[end]
            if known is None or cost < known[0]:
                best[end] = (cost, (*current[1], piece))
    final = best[len(word)]
    return final[1] if final else None


@lru_cache(maxsize=65_536)
def syllable_variants(spelling: str, *, limit: int = 4) -> tuple[str, ...]:
    """Other spellings of a romanized syllable: itself first, then those of its likeliest readings.

    "hyun" → ("hyun", "hyeon", "hyon", ...); "soo" → ("soo", "su"); "eun" → ("eun", "un").
    """
    options = readings(spelling)
    likely = [syllable for cost, syllable in options[:2] if cost <= options[0][0] + 1.0]
    spellings = [syllable_spellings(syllable, limit=limit) for syllable in likely]
    interleaved = [spelling]
    for rank in range(limit):
        interleaved.extend(group[rank] for group in spellings if rank < len(group))
    return tuple(list(unique(interleaved))[:limit])


def hangul_variants(syllable: str, *, limit: int = 4) -> tuple[str, ...]:
    """Spellings of a Hangul syllable in a given name (RR first)."""
    decompose(syllable)  # ValueError for a non-syllable
    return tuple(syllable_spellings(syllable, limit=limit))
