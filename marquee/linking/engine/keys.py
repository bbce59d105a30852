"""Per-entity data worked out when an entity is indexed and kept while it is live, in compact
immutable form (tuples of strings, which the garbage collector stops tracking): the name forms of
a person, and the folded keys of a credit's character.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, TypeAlias

from marquee.linking.engine.model import Credit
from marquee.names import (
    MAX_PERSON_KEYS,
    NameForms,
    fold_key,
    fold_word,
    is_surname,
    normalize,
    render_full_keys,
)
from marquee.names.people import ENGLISH_COMBOS, ENGLISH_SURNAMES
from marquee.names.ranked import ranked_product, unique


class CharacterKeys(NamedTuple):
    """Folded keys of a credit's character: full names, and short references."""

    full: tuple[str, ...]
    short: tuple[str, ...]


def character_keys_of(credit: Credit) -> CharacterKeys:
    """Cheap keys (no variant explosion: articles mostly copy a character's spelling)."""
    tokens = normalize(credit.character or "").split(" ")
    full = {fold_key(" ".join(tokens))} if tokens != [""] else set()
    short = {fold_key(normalize(alias)) for alias in credit.character_aliases} - {""}
    if len(tokens) >= 2 and is_surname(tokens[0]):
        given = tokens[1:]
        surname = fold_word(tokens[0])
        for given_key in (fold_key(" ".join(given)), fold_word("".join(given))):
            full.update((f"{surname} {given_key}", f"{given_key} {surname}"))
            short.add(given_key)
    return CharacterKeys(tuple(frozenset(full)), tuple(frozenset(short - full)))


# surnames, given combos, English names, exact keys, Korean aliases (packed), reordered names
PackedForms: TypeAlias = tuple[
    tuple[str, ...],
    tuple[tuple[str, ...], ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple["PackedForms", ...],
    tuple[str, ...],
]


def pack_forms(forms: NameForms) -> PackedForms:
    return (
        tuple(forms.surnames),
        tuple(forms.given_combos),
        tuple(forms.english),
        tuple(forms.exact),
        tuple(pack_forms(alias) for alias in forms.korean_aliases),
        tuple(forms.reordered),
    )


def unpack_forms(packed: PackedForms) -> NameForms:
    surnames, given_combos, english, exact, aliases, reordered = packed
    return NameForms(
        list(surnames),
        list(given_combos),
        list(english),
        list(exact),
        [unpack_forms(alias) for alias in aliases],
        list(reordered),
    )


def is_rendered(forms: NameForms, key: str) -> bool:
    """``key in render_full_keys(forms)`` without rendering every key: the exact and reordered
    names come first, then the Korean-name keys in a known order, cut at a known budget; the
    position of ``key`` in that order settles it. Forms with Korean aliases (rare) are rendered."""
    if key in forms.exact or key in forms.reordered:
        return True
    budget = MAX_PERSON_KEYS - len(forms.exact) - len(forms.reordered)
    if forms.korean_aliases or budget < 0:
        return key in render_full_keys(forms)
    position = _korean_position(forms, key, budget)
    return position is not None and position < budget


def _korean_position(forms: NameForms, key: str, budget: int) -> int | None:
    """Smallest index of ``key`` in the uncut list of ``people._render_korean(forms, str,
    budget)``: "surname given" and "given surname" per ranked pair, then per English name and
    each of the first surnames "english surname", then per given "english given surname" and
    "english surname given"."""
    if not forms.surnames or not forms.given_combos:
        return None
    surnames = list(unique(forms.surnames))
    givens: list[str] = []
    for combo in forms.given_combos:
        givens.append(" ".join(combo))
        if len(combo) > 1:
            givens.append("".join(combo))
    givens = list(unique(givens))
    order = _pair_positions(len(surnames), len(givens), budget)
    surname_at = {surname: index for index, surname in enumerate(surnames)}
    given_at = {given: index for index, given in enumerate(givens)}
    positions: list[int] = []
    head, _space, rest = key.partition(" ")
    pair = order.get((surname_at.get(head, -1), given_at.get(rest, -1)))
    if pair is not None:
        positions.append(2 * pair)
    rest, _space, tail = key.rpartition(" ")
    pair = order.get((surname_at.get(tail, -1), given_at.get(rest, -1)))
    if pair is not None:
        positions.append(2 * pair + 1)
    first_surnames = surnames[:ENGLISH_SURNAMES]
    first_givens = givens[: 2 * ENGLISH_COMBOS]
    per_surname = 1 + 2 * len(first_givens)
    block = len(first_surnames) * per_surname
    for english_index, english in enumerate(forms.english):
        if not key.startswith(english + " "):
            continue
        rest = key[len(english) + 1 :]
        start = 2 * len(order) + english_index * block
        for surname_index, surname in enumerate(first_surnames):
            at = start + surname_index * per_surname
            if rest == surname:
                positions.append(at)
            for given_index, given in enumerate(first_givens):
                if rest == f"{given} {surname}":
                    positions.append(at + 1 + 2 * given_index)
                if rest == f"{surname} {given}":
                    positions.append(at + 2 + 2 * given_index)
    return min(positions) if positions else None


@lru_cache(maxsize=4096)
def _pair_positions(surnames: int, givens: int, budget: int) -> dict[tuple[int, int], int]:
    """Position of each (surname, given) index pair in ``ranked_product`` order."""
    pairs = ranked_product([range(surnames), range(givens)], limit=max(budget, 0))
    return {(pair[0], pair[1]): position for position, pair in enumerate(pairs)}
