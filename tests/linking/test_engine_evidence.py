"""Why each entity was linked: the ``evidence`` items and per-mention ``how`` of the engine."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from marquee.linking.engine import KnowledgeBase, Linker
from tests.linking.engine_kb import DOCUMENT


@pytest.fixture(scope="module")
def linker() -> Linker:
    document = copy.deepcopy(DOCUMENT)
    document["people"] += [
        {"id": "lee-eun-hee", "name": "Lee Eun-hee"},
        {"id": "jung-ji-hoon", "name": "Jung Ji-hoon", "native_name": "정지훈",
         "aliases": ["Rain", "비"]},
    ]  # fmt: skip
    return Linker(KnowledgeBase.from_document(document))


def why(linker: Linker, text: str) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    """Per entity (id, or a character's name): the ``how`` of each mention, and the evidence."""
    return {
        entity["id"] or entity["name"]: (
            [mention["how"] for mention in entity["mentions"]],
            entity["evidence"],
        )
        for entity in linker.link(text).to_json()["entities"]
    }


def test_exact_name_and_hangul_name(linker: Linker) -> None:
    assert why(linker, "Noh Sang-hyun and 노상현.")["noh-sang-hyun"] == (
        ["exact", "exact"],
        [
            {"kind": "exact", "key": "Noh Sang-hyun", "field": "name"},
            {"kind": "exact", "key": "노상현", "field": "native_name"},
        ],
    )


def test_aliases_say_what_they_look_like(linker: Linker) -> None:
    found = why(linker, "Steve Noh met Jung Ji-hoon, known as Rain. 비 danced. Goblin aired.")
    assert found["noh-sang-hyun"] == (
        ["alias"],
        [{"kind": "alias", "key": "Steve Noh", "alias_kind": "english_name"}],
    )
    assert found["jung-ji-hoon"] == (
        ["exact", "alias", "alias"],
        [
            {"kind": "exact", "key": "Jung Ji-hoon", "field": "name"},
            {"kind": "alias", "key": "Rain", "alias_kind": "other_name"},
            {"kind": "alias", "key": "비", "alias_kind": "hangul"},
        ],
    )
    assert found["goblin"] == (
        ["alias"],
        [{"kind": "alias", "key": "Goblin", "alias_kind": "other_title"}],
    )


def test_variants_name_their_changes(linker: Linker) -> None:
    text = "Sang-hyun Noh, Noh Sanghyun, No Sang-hyun and Steve Sang-hyun Noh."
    hows, evidence = why(linker, text)["noh-sang-hyun"]
    assert hows == ["variant"] * 4
    assert evidence == [
        {"kind": "variant", "key": "Noh Sang-hyun", "written": "Sang-hyun Noh",
         "changes": ["order"]},
        {"kind": "variant", "key": "Noh Sang-hyun", "written": "Noh Sanghyun",
         "changes": ["spacing"]},
        {"kind": "variant", "key": "Noh Sang-hyun", "written": "No Sang-hyun",
         "changes": ["romanization"]},
        {"kind": "variant", "key": "Noh Sang-hyun", "written": "Steve Sang-hyun Noh",
         "alias": "Steve Noh", "changes": ["english_name", "order"]},
    ]  # fmt: skip


def test_a_closer_spelling_names_the_entities_it_beat(linker: Linker) -> None:
    found = why(linker, "Eon-hee Lee directed. Lee Eun-hee watched.")
    assert found["lee-eon-hee"][1] == [
        {"kind": "variant", "key": "Lee Eon-hee", "written": "Eon-hee Lee", "changes": ["order"],
         "over": ["lee-eun-hee"]}
    ]  # fmt: skip
    assert found["lee-eun-hee"][1] == [
        {"kind": "exact", "key": "Lee Eun-hee", "field": "name", "over": ["lee-eon-hee"]}
    ]


def test_typo_repair_gives_the_distance(linker: Linker) -> None:
    assert why(linker, "Noh Sang Hyn arrived.")["noh-sang-hyun"] == (
        ["fuzzy"],
        [{"kind": "fuzzy", "key": "Noh Sang-hyun", "written": "Noh Sang Hyn", "distance": 1}],
    )


def test_short_mention_names_the_full_mention(linker: Linker) -> None:
    assert why(linker, "Noh Sang-hyun arrived, and Noh smiled.")["noh-sang-hyun"] == (
        ["exact", "short"],
        [
            {"kind": "exact", "key": "Noh Sang-hyun", "field": "name"},
            {"kind": "short", "written": "Noh", "rule": "only",
             "after": {"start": 0, "end": 13, "text": "Noh Sang-hyun"}},
        ],
    )  # fmt: skip


def test_short_mention_shared_surname_says_how_it_chose(linker: Linker) -> None:
    found = why(linker, "Kim Go-eun met Kim Hye-ja, and Kim left.")
    assert found["kim-hye-ja"][1][1] == {
        "kind": "short", "written": "Kim", "rule": "most_recent",
        "after": {"start": 15, "end": 25, "text": "Kim Hye-ja"}, "over": ["kim-go-eun"],
    }  # fmt: skip
    found = why(linker, "Kim Go-eun met Kim Hye-ja. Kim Go-eun and Kim Go-eun. Kim left.")
    assert found["kim-go-eun"][1][1] == {
        "kind": "short", "written": "Kim", "rule": "most_mentioned",
        "after": {"start": 0, "end": 10, "text": "Kim Go-eun"}, "over": ["kim-hye-ja"],
    }  # fmt: skip


def test_characters_bound_or_from_the_cast(linker: Linker) -> None:
    text = "Kim Go-eun plays Jae-hee in Love in the Big City. Kim Go-eun said Jae-hee was fun."
    found = why(linker, text)
    assert found["Goo Jae-hee"] == (
        ["character", "character"],
        [
            {"kind": "character", "key": "Goo Jae-hee", "by": "binding", "explicit": True,
             "credited": True},
            {"kind": "character", "key": "Goo Jae-hee", "by": "cast",
             "mentioned": "person_and_title"},
        ],
    )  # fmt: skip
    assert why(linker, "Jae-hee (Kim Go-eun) smiles.")["Goo Jae-hee"][1] == [
        {"kind": "character", "key": "Goo Jae-hee", "by": "binding", "explicit": False,
         "credited": True}
    ]  # fmt: skip
    assert why(linker, "Kim Go-eun plays Han Da-in in a new film.")["Han Da-in"][1] == [
        {"kind": "character", "key": None, "by": "binding", "explicit": True, "credited": False,
         "written": "Han Da-in"}
    ]  # fmt: skip


def test_context_cues_that_chose_among_same_name_titles(linker: Linker) -> None:
    text = "Park Sang-young's novel Love in the Big City (2019) was translated by Anton Hur."
    assert why(linker, text)["love-in-the-big-city-novel"] == (
        ["exact"],
        [
            {"kind": "exact", "key": "Love in the Big City", "field": "name"},
            {"kind": "context", "cues": ["novel", "2019"], "credited": ["park-sang-young"],
             "margin": 0.93, "over": ["love-in-the-big-city-film", "love-in-the-big-city-series"]},
        ],
    )  # fmt: skip


def test_context_possessive(linker: Linker) -> None:
    found = why(linker, "Bong Joon-ho made films. Bong's Mother is dark.")
    assert found["mother-2009"][1][1] == {
        "kind": "context", "cues": ["films"], "possessive": "bong-joon-ho",
        "credited": ["bong-joon-ho"], "margin": 0.93, "over": ["mother-2017"],
    }  # fmt: skip


def test_evidence_is_recorded_not_decided(linker: Linker) -> None:
    """The evidence leaves the contract's fields alone: the old shape plus two keys."""
    data = linker.link("Steve Noh and Noh met 노상현.").to_json()
    (entity,) = data["entities"]
    assert set(entity) == {"id", "type", "name", "confidence", "mentions", "evidence"}
    assert [set(mention) for mention in entity["mentions"]] == [{"start", "end", "text", "how"}] * 3
    result = linker.link("Steve Noh and Noh met 노상현.")
    assert result.entities[0].mentions[0] == result.entities[0].mentions[0].__class__(
        0, 9, "Steve Noh"
    )  # ``how`` takes no part in equality
