"""Pure-Python name handling: normalisation, Hangul romanization and the variant keys under
which people and titles are found. No Django imports here.
"""

from __future__ import annotations

from marquee.names.hangul import has_hangul, romanize
from marquee.names.normalize import normalize, normalize_with_offsets
from marquee.names.people import (
    MAX_PERSON_KEYS,
    MAX_SHORT_KEYS,
    KoreanName,
    NameForms,
    looks_korean,
    name_forms,
    person_keys,
    person_short_keys,
    person_words,
    render_full_keys,
    render_short_keys,
    split_korean_name,
)
from marquee.names.phonetic import fold_key, fold_word, strip_particles
from marquee.names.surnames import is_surname
from marquee.names.titles import MAX_TITLE_KEYS, strip_article, title_keys

__all__ = [
    "MAX_PERSON_KEYS",
    "MAX_SHORT_KEYS",
    "MAX_TITLE_KEYS",
    "KoreanName",
    "NameForms",
    "fold_key",
    "fold_word",
    "has_hangul",
    "is_surname",
    "looks_korean",
    "name_forms",
    "normalize",
    "normalize_with_offsets",
    "person_keys",
    "person_short_keys",
    "person_words",
    "render_full_keys",
    "render_short_keys",
    "romanize",
    "split_korean_name",
    "strip_article",
    "strip_particles",
    "title_keys",
]
