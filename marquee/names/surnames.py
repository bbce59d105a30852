"""Korean surnames and their spellings (customary first, then system spellings).

One table per surname syllable, not per person: the customary spellings of surnames do not follow
from the jamo (Lee, Park, Choi, Noh/Roh), so they are listed here; every entry also gets the
spellings generated from its jamo (RR, McCune-Reischauer-like).
"""

from __future__ import annotations

from functools import cache

from marquee.names.hangul import is_syllable, syllable_spellings
from marquee.names.ranked import unique

# Hangul surname → customary spellings, most common first.
_CUSTOMARY: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"),
    "이": ("lee", "yi", "rhee", "i", "ri", "rhie", "yee"),
    "리": ("lee", "ri", "rhee"),
    "박": ("park", "pak", "bak", "bahk"),
    "최": ("choi", "choe", "chey"),
    "정": ("jung", "jeong", "chung", "cheong"),
    "강": ("kang", "gang"),
    "조": ("cho", "jo", "joe", "choh"),
    "윤": ("yoon", "yun", "youn"),
    "장": ("jang", "chang"),
    "임": ("lim", "im", "yim", "rim"),
    "림": ("lim", "rim"),
    "한": ("han",),
    "오": ("oh", "o"),
    "서": ("seo", "suh"),
    "신": ("shin", "sin", "shinn"),
    "권": ("kwon", "gwon", "kweon"),
    "황": ("hwang",),
    "안": ("ahn", "an"),
    "송": ("song",),
    "류": ("ryu", "yoo", "yu", "ryoo", "lyu", "you"),
    "유": ("yoo", "yu", "you", "ryu"),
    "전": ("jeon", "jun", "chun", "chon"),
    "홍": ("hong",),
    "고": ("ko", "go", "koh"),
    "문": ("moon", "mun"),
    "양": ("yang",),
    "손": ("son", "sohn"),
    "배": ("bae", "pae"),
    "백": ("baek", "paek", "paik", "baik", "back"),
    "허": ("heo", "huh", "hur", "hu"),
    "노": ("noh", "no", "roh", "ro"),
    "로": ("roh", "ro", "noh"),
    "남": ("nam",),
    "심": ("shim", "sim"),
    "하": ("ha",),
    "곽": ("kwak", "gwak"),
    "성": ("sung", "seong"),
    "차": ("cha",),
    "주": ("joo", "ju", "chu", "choo"),
    "우": ("woo", "u"),
    "구": ("koo", "gu", "ku"),
    "민": ("min",),
    "진": ("jin", "chin"),
    "나": ("na", "ra", "nah"),
    "라": ("ra", "na"),
    "지": ("ji", "jee", "chi"),
    "엄": ("um", "eom", "uhm"),
    "채": ("chae", "chai", "che"),
    "원": ("won", "weon"),
    "천": ("cheon", "chun", "chon"),
    "방": ("bang", "pang"),
    "공": ("kong", "gong"),
    "현": ("hyun", "hyeon"),
    "변": ("byun", "byeon", "pyun", "pyon"),
    "염": ("yeom", "yum", "youm"),
    "여": ("yeo", "yuh", "yoh"),
    "추": ("choo", "chu"),
    "도": ("do", "doh", "toh"),
    "소": ("so", "soh"),
    "석": ("seok", "suk", "sok"),
    "선": ("sun", "seon"),
    "설": ("seol", "sul", "sol"),
    "마": ("ma",),
    "길": ("gil", "kil"),
    "연": ("yeon", "yun", "youn"),
    "위": ("wi", "wee"),
    "표": ("pyo",),
    "명": ("myung", "myeong"),
    "기": ("ki", "gi"),
    "반": ("ban", "pan"),
    "왕": ("wang",),
    "금": ("keum", "geum", "kum"),
    "옥": ("ok",),
    "육": ("yook", "yuk"),
    "인": ("in",),
    "맹": ("maeng",),
    "제": ("je", "jae"),
    "모": ("mo",),
    "탁": ("tak",),
    "국": ("kook", "guk", "kuk"),
    "봉": ("bong", "pong"),
    "어": ("uh", "eo"),
    "은": ("eun",),
    "편": ("pyun", "pyeon"),
    "용": ("yong",),
    "예": ("ye", "yeh"),
    "경": ("kyung", "gyeong"),
    "사": ("sa",),
    "함": ("ham",),
    "태": ("tae",),
    "목": ("mok",),
    "범": ("beom", "bum"),
    "남궁": ("namgoong", "namgung"),
    "황보": ("hwangbo",),
    "제갈": ("jegal",),
    "선우": ("sunwoo", "seonu", "seonwoo"),
    "독고": ("dokgo",),
    "사공": ("sagong",),
    "서문": ("seomun",),
}


@cache
def hangul_surname_spellings(surname: str) -> tuple[str, ...]:
    """Spellings of a Hangul surname: customary ones, then jamo-derived (RR first)."""
    generated: list[str] = []
    if all(is_syllable(char) for char in surname):
        if len(surname) == 1:
            generated = syllable_spellings(surname, limit=4)
        else:
            generated = ["".join(syllable_spellings(char, limit=1)) for char in surname]
    return tuple(unique([*_CUSTOMARY.get(surname, ()), *generated]))


@cache
def _spelling_index() -> dict[str, tuple[str, ...]]:
    """Romanized surname spelling → Hangul surnames it may stand for."""
    index: dict[str, list[str]] = {}
    for surname in _CUSTOMARY:
        for spelling in hangul_surname_spellings(surname):
            index.setdefault(spelling, []).append(surname)
    return {spelling: tuple(surnames) for spelling, surnames in index.items()}


def hangul_surnames_for(spelling: str) -> tuple[str, ...]:
    """Hangul surnames a normalised romanized token may spell; () when it is not a surname."""
    return _spelling_index().get(spelling, ())


def is_surname(spelling: str) -> bool:
    """True when the normalised token is a known surname spelling ("noh", "lee", "park")."""
    return spelling in _spelling_index()


def surname_spellings(spelling: str, *, limit: int = 6) -> list[str]:
    """All spellings of the surname(s) a token may spell, the token itself first."""
    spellings = [spelling]
    for surname in hangul_surnames_for(spelling):
        spellings.extend(hangul_surname_spellings(surname))
    return list(unique(spellings))[:limit]


def customary_groups() -> list[tuple[str, ...]]:
    """Customary spelling groups of every listed surname (used to build the phonetic fold)."""
    return list(_CUSTOMARY.values())


def split_hangul_name(native: str) -> tuple[str, str] | None:
    """``(surname, given)`` of a 2-4 syllable Hangul personal name, or None."""
    name = native.replace(" ", "")
    if not 2 <= len(name) <= 5 or not all(is_syllable(char) for char in name):
        return None
    if len(name) >= 3 and name[:2] in _CUSTOMARY:
        return name[:2], name[2:]
    if name[0] in _CUSTOMARY:
        return name[0], name[1:]
    return None
