"""Data the linker works out at indexing time agree with what it replaces."""

from __future__ import annotations

import random

from marquee.linking.engine import Credit, KnowledgeBase, Linker, Person, Title
from marquee.linking.engine.keys import is_rendered, pack_forms, unpack_forms
from marquee.names import fold_key, name_forms, render_full_keys
from marquee.names.hangul import romanize_syllable
from marquee.names.syllables import COMMON_NAME_SYLLABLES

SURNAMES = "김이박최정강조윤장임한오서신권황"


def _people(count: int, seed: int = 3) -> list[Person]:
    rng = random.Random(seed)
    syllables = sorted(COMMON_NAME_SYLLABLES)
    people = []
    for index in range(count):
        hangul = rng.choice(SURNAMES) + "".join(rng.choices(syllables, k=rng.randint(1, 2)))
        given = [romanize_syllable(char).capitalize() for char in hangul[1:]]
        surname = romanize_syllable(hangul[0]).capitalize()
        name = (
            f"{surname} {'-'.join(given)}" if rng.random() < 0.5 else f"{surname} {''.join(given)}"
        )
        aliases: tuple[str, ...] = ()
        roll = rng.random()
        if roll < 0.2:
            aliases = (f"{rng.choice(['Steve', 'Grace', 'Lucy'])} {surname}",)
        elif roll < 0.3:
            aliases = ("Kim Min-ji",)  # a Korean alias: rendered in full
        people.append(
            Person(f"p{index}", name, native_name=hangul if roll < 0.8 else None, aliases=aliases)
        )
    people.append(Person("odd", "Anton Hur"))
    people.append(Person("iu", "IU", native_name="아이유"))
    return people


def test_is_rendered_matches_render_full_keys() -> None:
    people = _people(300)
    forms = [name_forms(p.name, aliases=p.aliases, native_name=p.native_name) for p in people]
    rendered = [set(render_full_keys(f)) for f in forms]
    by_fold: dict[str, set[str]] = {}
    for keys in rendered:
        for key in keys:
            by_fold.setdefault(fold_key(key), set()).add(key)
    checked = 0
    for person_forms, keys in zip(forms, rendered, strict=True):
        candidates = set(keys) | {"kim", "steve", "lee min", ""}
        for key in keys:
            candidates |= by_fold.get(fold_key(key), set())
        for key in candidates:
            assert is_rendered(person_forms, key) == (key in keys), key
            checked += 1
    assert checked > 15_000


def test_packed_forms_round_trip() -> None:
    for person in _people(40):
        forms = name_forms(person.name, aliases=person.aliases, native_name=person.native_name)
        assert unpack_forms(pack_forms(forms)) == forms


def test_character_keys_follow_credit_changes() -> None:
    kb = KnowledgeBase.from_entities(
        [Person("kim", "Kim Go-eun", native_name="김고은")],
        [Title("love", "Love in the Big City", kind="film", year=2024)],
        [Credit("kim", "love", "actor", character="Jae-hee")],
    )
    linker = Linker(kb)
    text = "Love in the Big City stars Kim Go-eun. Jae-hee is restless."
    assert any(e.type == "character" for e in linker.link(text).entities)
    linker.remove_credit("kim", "love", "actor")
    assert not any(e.type == "character" for e in linker.link(text).entities)
    linker.upsert_credit(Credit("kim", "love", "actor", character="Mi-ae"))
    found = linker.link("Love in the Big City stars Kim Go-eun. Mi-ae is restless.")
    assert [e.name for e in found.entities if e.type == "character"] == ["Mi-ae"]


def test_disambiguation_follows_credit_changes() -> None:
    kb = KnowledgeBase.from_entities(
        [Person("bong", "Bong Joon-ho", native_name="봉준호")],
        [
            Title("mother-film", "Mother", kind="film", year=2009),
            Title("mother-series", "Mother", kind="series", year=2018),
        ],
    )
    linker = Linker(kb)
    text = "Bong Joon-ho spoke about Mother and its ending."
    before = linker.link(text).entity("mother-film") or linker.link(text).entity("mother-series")
    assert before is not None
    linker.upsert_credit(Credit("bong", "mother-series", "director"))
    assert linker.link(text).entity("mother-series") is not None
    linker.remove_credit("bong", "mother-series", "director")
    linker.upsert_credit(Credit("bong", "mother-film", "director"))
    assert linker.link(text).entity("mother-film") is not None


def test_large_build_restores_the_garbage_collector() -> None:
    import gc

    from marquee.linking.engine import linker as linker_module

    assert gc.isenabled()
    with linker_module._bulk(linker_module._BULK_SIZE):
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with linker_module._bulk(linker_module._BULK_SIZE):
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
