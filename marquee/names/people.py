"""Variant keys of people's names: Korean order and Western order, joined/spaced given names,
surname systems, syllable spellings, English given names, Hangul.

All keys are normalised (``normalize``). Counts are bounded: at most ``MAX_PERSON_KEYS`` full keys
and ``MAX_SHORT_KEYS`` short keys per person, generated best first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from marquee.names.english import FUNCTION_WORDS
from marquee.names.hangul import is_hangul_word, romanize_syllable
from marquee.names.normalize import normalize
from marquee.names.phonetic import fold_word
from marquee.names.ranked import ranked_product, unique
from marquee.names.surnames import (
    hangul_surname_spellings,
    is_surname,
    split_hangul_name,
    surname_spellings,
)
from marquee.names.syllables import (
    hangul_variants,
    is_syllable_spelling,
    readings,
    segment,
    syllable_variants,
)

MAX_PERSON_KEYS = 200
MAX_SHORT_KEYS = 40
# Surname spellings that are English function words: never a short reference ("I", "Go", "So").
SHORT_KEY_STOPWORDS = FUNCTION_WORDS
_SURNAME_LIMIT = 5
_SYLLABLE_LIMIT = 4
_GIVEN_COMBOS = 12
ENGLISH_SURNAMES = 3  # surnames an English given name is combined with
ENGLISH_COMBOS = 4  # given-name combinations (each spaced and joined) with an English name


@dataclass(frozen=True)
class KoreanName:
    """A Korean personal name split into surname and given-name syllables (normalised spellings).

    ``surname_hangul``/``given_hangul`` are set when the Hangul form is known; ``english`` holds an
    English given name written with the Korean one ("Steve" in "Steve Sanghyun Noh").
    """

    surname: str
    given: tuple[str, ...]
    surname_hangul: str | None = None
    given_hangul: str | None = None
    english: str | None = None
    western_order: bool = False


def _given_syllables(tokens: list[str], *, strict: bool = True) -> tuple[str, ...] | None:
    return _given_syllables_of(tuple(tokens), strict)


@lru_cache(maxsize=65_536)
def _given_syllables_of(tokens: tuple[str, ...], strict: bool) -> tuple[str, ...] | None:
    syllables: list[str] = []
    for token in tokens:
        if is_syllable_spelling(token):
            syllables.append(token)
            continue
        pieces = segment(token)
        if pieces is None:
            return None
        syllables.extend(pieces)
    if not 1 <= len(syllables) <= 3:
        return None
    costs = [readings(syllable)[0][0] for syllable in syllables]
    # Western names also split into syllables ("anton" → an+ton): demand plausible name syllables.
    if strict and len(syllables) > 1 and sum(costs) / len(costs) > 1.8:
        return None
    return tuple(syllables)


def split_korean_name(name: str, *, strict: bool = True) -> KoreanName | None:
    """Parse a romanized ("Noh Sang-hyun", "Sang Young Park") or Hangul ("노상현") Korean name.

    ``strict=False`` accepts unusual syllables (use it when a Hangul form confirms the name).
    """
    normalized = normalize(name)
    if not normalized:
        return None
    if is_hangul_word(normalized.replace(" ", "")):
        parts = split_hangul_name(normalized)
        if parts is None:
            return None
        surname, given = parts
        return KoreanName(
            surname=hangul_surname_spellings(surname)[0],
            given=tuple(romanize_syllable(char) for char in given),
            surname_hangul=surname,
            given_hangul=given,
        )
    tokens = normalized.split(" ")
    if not 2 <= len(tokens) <= 4 or not all(
        token.isascii() and token.isalpha() for token in tokens
    ):
        return None
    candidates: list[tuple[float, KoreanName]] = []
    if is_surname(tokens[0]):
        korean_given = _given_syllables(tokens[1:], strict=strict)
        if korean_given:
            candidates.append((len(korean_given) == 1, KoreanName(tokens[0], korean_given)))
    if is_surname(tokens[-1]):
        western_given = _given_syllables(tokens[:-1], strict=strict)
        if western_given:
            cost = (len(western_given) == 1) + 0.5
            candidates.append((cost, KoreanName(tokens[-1], western_given, western_order=True)))
    if not candidates and len(tokens) >= 3 and not is_syllable_spelling(tokens[0]):
        inner = split_korean_name(" ".join(tokens[1:]))
        if inner is not None and inner.western_order:
            return KoreanName(inner.surname, inner.given, english=tokens[0], western_order=True)
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: candidate[0])[1]


def looks_korean(name: str) -> bool:
    """True when ``name`` parses as a Korean personal name (romanized or Hangul)."""
    return split_korean_name(name) is not None


def _with_hangul(parsed: KoreanName, native_name: str | None) -> KoreanName:
    if not native_name or parsed.surname_hangul:
        return parsed
    native = split_korean_name(native_name)
    if native is None or native.surname_hangul is None or native.given_hangul is None:
        return parsed
    if len(native.given_hangul) != len(parsed.given):
        return KoreanName(
            parsed.surname,
            parsed.given,
            surname_hangul=native.surname_hangul,
            english=parsed.english,
            western_order=parsed.western_order,
        )
    return KoreanName(
        parsed.surname,
        parsed.given,
        native.surname_hangul,
        native.given_hangul,
        parsed.english,
        parsed.western_order,
    )


@dataclass
class NameForms:
    """The ranked building blocks from which a person's keys are rendered."""

    surnames: list[str] = field(default_factory=list)
    given_combos: list[tuple[str, ...]] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)
    korean_aliases: list[NameForms] = field(default_factory=list)
    reordered: list[str] = field(default_factory=list)  # other word order of an unparsed name


def _forms_of(parsed: KoreanName) -> NameForms:
    return NameForms(
        surnames=list(_surname_forms(parsed.surname, parsed.surname_hangul)),
        given_combos=list(_given_forms(parsed.given, parsed.given_hangul)),
        english=[parsed.english] if parsed.english else [],
    )


@lru_cache(maxsize=4096)
def _surname_forms(surname: str, surname_hangul: str | None) -> tuple[str, ...]:
    """Ranked spellings of a surname (shared by everyone with it, so memoised)."""
    if surname_hangul:
        surnames = [surname, *hangul_surname_spellings(surname_hangul)]
    else:
        surnames = surname_spellings(surname)
    return tuple(list(unique(surnames))[:_SURNAME_LIMIT])


@lru_cache(maxsize=65_536)
def _given_forms(given: tuple[str, ...], given_hangul: str | None) -> tuple[tuple[str, ...], ...]:
    """Ranked spellings of a given name (many people share one, so memoised)."""
    options: list[list[str]] = []
    for index, syllable in enumerate(given):
        if given_hangul:
            variants = hangul_variants(given_hangul[index], limit=_SYLLABLE_LIMIT)
        else:
            variants = syllable_variants(syllable, limit=_SYLLABLE_LIMIT)
        options.append(list(unique([syllable, *variants]))[:_SYLLABLE_LIMIT])
    return tuple(ranked_product(options, limit=_GIVEN_COMBOS))


def _aligned_with_hangul(name: str, native: KoreanName) -> KoreanName | None:
    """Read a romanization the syllable tables do not know ("Youn Yuh-jung") through its Hangul.

    The surname token is the one that spells the Hangul surname; the other tokens are the given
    syllables when there is one per Hangul syllable, else the Hangul's own romanization.
    """
    tokens = normalize(name).split(" ")
    if len(tokens) < 2 or not all(token.isascii() and token.isalpha() for token in tokens):
        return None
    assert native.surname_hangul is not None and native.given_hangul is not None
    spellings = {
        fold_word(spelling) for spelling in hangul_surname_spellings(native.surname_hangul)
    }
    orders = ((tokens[0], tokens[1:], False), (tokens[-1], tokens[:-1], True))
    for surname, given, western in orders:
        if fold_word(surname) in spellings:
            syllables = tuple(given) if len(given) == len(native.given_hangul) else native.given
            return KoreanName(
                surname,
                syllables,
                native.surname_hangul,
                native.given_hangul,
                western_order=western,
            )
    return None


def _reordered(name: str) -> list[str]:
    """Korean ↔ Western order of a name that does not parse but starts or ends with a surname."""
    tokens = normalize(name).split(" ")
    if not 2 <= len(tokens) <= 3 or not all(token.isalpha() for token in tokens):
        return []
    if is_surname(tokens[0]):
        return [" ".join([*tokens[1:], tokens[0]])]
    if is_surname(tokens[-1]):
        return [" ".join([tokens[-1], *tokens[:-1]])]
    return []


def _english_alias(alias_tokens: list[str], surnames: list[str]) -> str | None:
    """The English given name of an alias like "Steve Noh" / "Noh Steve", if it is one."""
    if len(alias_tokens) != 2:
        return None
    first, last = alias_tokens
    if last in surnames and not is_syllable_spelling(first) and segment(first) is None:
        return first
    if first in surnames and not is_syllable_spelling(last) and segment(last) is None:
        return last
    return None


def name_forms(
    name: str, *, aliases: Iterable[str] = (), native_name: str | None = None
) -> NameForms:
    """Ranked surnames, given-name combinations, English names and exact keys of a person."""
    aliases = list(aliases)
    exact = [normalize(text) for text in (name, *aliases)]
    if native_name:
        native = normalize(native_name)
        exact.extend([native, native.replace(" ", "")])
        split = split_hangul_name(native)
        if split:
            exact.append(" ".join(split))
    native_parsed = split_korean_name(native_name) if native_name else None
    parsed = split_korean_name(name, strict=native_parsed is None)
    if native_parsed is not None and native_parsed.given_hangul is not None:
        if parsed is None and not normalize(name).isascii():
            parsed = native_parsed
        elif parsed is None or len(parsed.given) != len(native_parsed.given_hangul):
            # "Youn Yuh-jung", "Yoo Hai-jin": read the romanization through its Hangul.
            parsed = _aligned_with_hangul(name, native_parsed) or parsed
    forms = NameForms()
    if parsed is not None:
        forms = _forms_of(_with_hangul(parsed, native_name))
    else:
        forms.reordered = _reordered(name)
    for alias in aliases:
        tokens = normalize(alias).split(" ")
        english = _english_alias(tokens, forms.surnames)
        if english:
            forms.english.append(english)
            continue
        alias_parsed = split_korean_name(alias)
        if alias_parsed is not None:
            forms.korean_aliases.append(_forms_of(alias_parsed))
    forms.exact = [key for key in unique(exact) if key]
    return forms


def render_full_keys(
    forms: NameForms, *, word: Callable[[str], str] = str, limit: int = MAX_PERSON_KEYS
) -> list[str]:
    """Full-name keys from ``forms``, best first; ``word`` maps each word (identity or a fold)."""
    keys: list[str] = [" ".join(map(word, key.split(" "))) for key in forms.exact]
    keys.extend(" ".join(map(word, key.split(" "))) for key in forms.reordered)
    for part in [forms, *forms.korean_aliases]:
        keys.extend(_render_korean(part, word, (limit - len(keys)) if part is forms else 24))
    return list(unique(keys))[:limit]


def _render_korean(forms: NameForms, word: Callable[[str], str], budget: int) -> list[str]:
    if not forms.surnames or not forms.given_combos:
        return []
    surnames = list(unique(map(word, forms.surnames)))
    givens: list[str] = []
    for combo in forms.given_combos:
        givens.append(" ".join(map(word, combo)))
        if len(combo) > 1:
            givens.append(word("".join(combo)))
    givens = list(unique(givens))
    keys: list[str] = []
    for surname, given in ranked_product([surnames, givens], limit=max(budget, 0)):
        keys.extend((f"{surname} {given}", f"{given} {surname}"))
    for english in forms.english:
        english_word = word(english)
        for surname in surnames[:ENGLISH_SURNAMES]:
            keys.append(f"{english_word} {surname}")
            for given in givens[: 2 * ENGLISH_COMBOS]:
                keys.extend(
                    (f"{english_word} {given} {surname}", f"{english_word} {surname} {given}")
                )
    return keys[: max(budget, 0)]


def person_keys(
    name: str, *, aliases: Iterable[str] = (), native_name: str | None = None
) -> set[str]:
    """Every normalised full-name key under which the person is found (≤ ``MAX_PERSON_KEYS``)."""
    forms = name_forms(name, aliases=aliases, native_name=native_name)
    return set(render_full_keys(forms))


def person_words(
    name: str, *, aliases: Iterable[str] = (), native_name: str | None = None
) -> set[str]:
    """The distinct words of the keys of ``person_keys``, worked out from the name forms without
    rendering every combination (what a word-based search index needs). Spellings that the key
    budget cuts from ``person_keys`` are kept here: a word list has no combinatorial cost."""
    forms = name_forms(name, aliases=aliases, native_name=native_name)
    words: set[str] = set()
    for key in (*forms.exact, *forms.reordered):
        words.update(key.split(" "))
    for part in [forms, *forms.korean_aliases]:
        if not part.surnames or not part.given_combos:
            continue  # _render_korean renders nothing for such forms
        words.update(part.surnames)
        for combo in part.given_combos:
            words.update(combo)
            words.add("".join(combo))
        for english in part.english:
            words.update(english.split(" "))
    words.discard("")
    return words


def render_short_keys(forms: NameForms, *, word: Callable[[str], str] = str) -> list[str]:
    """Short-reference keys (surname alone, given name alone, English name) best first."""
    keys: list[str] = []
    if forms.surnames:
        keys.extend(
            word(surname) for surname in forms.surnames[:4] if surname not in SHORT_KEY_STOPWORDS
        )
        for combo in forms.given_combos[:8]:
            keys.append(" ".join(map(word, combo)))
            if len(combo) > 1:
                keys.append(word("".join(combo)))
        keys.extend(word(english) for english in forms.english)
    elif forms.exact:
        tokens = forms.exact[0].split(" ")
        last = tokens[-1]
        if (
            len(tokens) >= 2
            and len(last) >= 3
            and last.isalpha()
            and last not in SHORT_KEY_STOPWORDS
        ):
            keys.append(word(last))
    return list(unique(keys))[:MAX_SHORT_KEYS]


def person_short_keys(
    name: str, *, aliases: Iterable[str] = (), native_name: str | None = None
) -> set[str]:
    """Keys for short references after a full mention: "noh", "sang hyun", "sanghyun"."""
    forms = name_forms(name, aliases=aliases, native_name=native_name)
    return set(render_short_keys(forms))
