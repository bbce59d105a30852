"""Titles written another way: misspelt or in another word form (the fuzzy fallback), in part
(the main part, supported by the article), and a canonical name beating a sequel's prefix."""

from __future__ import annotations

from typing import Any

import pytest

from marquee.linking.engine import KnowledgeBase, Linker
from marquee.linking.engine.title_fuzzy import TitleFuzzyIndex, word_form
from tests.linking import engine_tools

DOCUMENT: dict[str, Any] = {
    "format": "marquee-kb/1",
    "people": [
        {"id": "han-ji-su", "name": "Han Ji-su"},
        {"id": "oh-min-chul", "name": "Oh Min-chul"},
    ],
    "titles": [
        {"id": "harbor-of-whispers", "name": "Harbor of Whispers", "kind": "series"},
        {"id": "the-lighthouse-keeper", "name": "The Lighthouse Keeper", "kind": "film"},
        {"id": "mr-peppermint", "name": "Mr. Peppermint", "kind": "series"},
        {"id": "orchard-and-sparrow", "name": "Orchard & Sparrow", "kind": "film"},
        {"id": "velvetine", "name": "Velvetine", "kind": "film"},
        {"id": "moving-day", "name": "Moving Day", "kind": "film"},
        {
            "id": "the-ferryman",
            "name": "The Ferryman",
            "kind": "film",
            "aliases": ["Night Ferry 2"],
        },
        {"id": "the-ferryman-second-tide", "name": "The Ferryman: Second Tide", "kind": "film"},
        {"id": "moonlit-ferry-crossing", "name": "Moonlit Ferry Crossing", "kind": "series"},
        {"id": "lantern", "name": "Lantern: Songs of the Valley", "kind": "series"},
        {"id": "a-taxi-driver", "name": "A Taxi Driver", "kind": "film"},
        {"id": "the-host", "name": "The Host", "kind": "film"},
        {"id": "kingdom", "name": "Kingdom", "kind": "series"},
        {"id": "patience-of-tigers", "name": "The Patience of Tigers", "kind": "film"},
    ],
    "credits": [
        {"person": "han-ji-su", "title": "moonlit-ferry-crossing", "role": "actor"},
        {"person": "oh-min-chul", "title": "velvetine", "role": "director"},
    ],
}


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(KnowledgeBase.from_document(DOCUMENT))


def linked(linker: Linker, text: str) -> list[tuple[str, str | None]]:
    """``(written, entity id)`` of every mention, in text order."""
    return [(written, entity) for entity, written in engine_tools.linked(linker.link(text))]


def evidence(linker: Linker, text: str, entity_id: str) -> list[dict[str, Any]]:
    entities = linker.link(text).to_json()["entities"]
    return next(entity["evidence"] for entity in entities if entity["id"] == entity_id)


def test_word_forms_drop_articles_and_read_plurals_and_mister() -> None:
    assert word_form("the patience of tigers".split()) == "patienceoftiger"
    assert word_form("mister peppermint".split()) == "mrpeppermint"
    assert word_form("orchard and sparrow".split()) == word_form("orchard sparrow".split())
    assert word_form(["stories"]) == "story"
    assert word_form(["glass"]) == "glass"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fans binged Harbour of Whispers all weekend.",
            ("Harbour of Whispers", "harbor-of-whispers"),
        ),
        ("Critics loved Harbor of Wispers.", ("Harbor of Wispers", "harbor-of-whispers")),
        (
            "Tickets for Lighthouse Keepers sold out.",
            ("Lighthouse Keepers", "the-lighthouse-keeper"),
        ),
        ("Reruns of Mister Peppermint air nightly.", ("Mister Peppermint", "mr-peppermint")),
        ("She starred in Orchard and Sparrow.", ("Orchard and Sparrow", "orchard-and-sparrow")),
        ("The cast of Harbor of Whipsers reunited.", ("Harbor of Whipsers", "harbor-of-whispers")),
        ('Everyone saw "Velvetinne" that spring.', ("Velvetinne", "velvetine")),
    ],
)
def test_misspelt_titles_are_repaired(linker: Linker, text: str, expected: tuple[str, str]) -> None:
    assert linked(linker, text) == [expected]


def test_a_repaired_title_records_fuzzy_evidence_and_a_lower_confidence(linker: Linker) -> None:
    text = "Critics loved Harbor of Wispers."
    (entity,) = linker.link(text).to_json()["entities"]
    assert entity["mentions"][0]["how"] == "fuzzy"
    assert entity["confidence"] == 0.7
    assert evidence(linker, text, "harbor-of-whispers") == [
        {
            "kind": "fuzzy",
            "key": "Harbor of Whispers",
            "written": "Harbor of Wispers",
            "distance": 1,
        }
    ]
    exact = linker.link("Critics loved Harbor of Whispers.").to_json()["entities"][0]
    assert exact["confidence"] > entity["confidence"]


def test_a_lone_misspelt_word_needs_quotes_or_support(linker: Linker) -> None:
    assert linked(linker, "Oh Min-chul said Velvetinne was his hardest shoot.") == [
        ("Oh Min-chul", "oh-min-chul"),
        ("Velvetinne", "velvetine"),
    ]


@pytest.mark.parametrize(
    ("text", "title_id"),
    [
        ("They sailed the harbour of whispers at dawn.", "harbor-of-whispers"),  # lowercase
        ("Mowing Days are long in July.", "moving-day"),  # a misspelling opening a sentence
        ("They watched Night Ferry 4 at midnight.", "the-ferryman"),  # another number
        ("The new Mister Pepper shop opened.", "mr-peppermint"),  # too far
        ("Patience of Tiger Woods fans ran out.", "patience-of-tigers"),  # inside a longer name
        ("He walked past Velvetinne Street.", "velvetine"),  # a lone word, unsupported
    ],
)
def test_ordinary_phrases_stay_unlinked(linker: Linker, text: str, title_id: str) -> None:
    assert title_id not in [entity_id for _written, entity_id in linked(linker, text)]


@pytest.mark.parametrize(
    "text",
    [
        "He worked as a taxi driver for ten years.",
        "She was the host of the evening.",
        "The kingdom fell in winter.",
        "A kingdom of sand.",
    ],
)
def test_lowercase_prose_is_not_a_title(linker: Linker, text: str) -> None:
    assert linked(linker, text) == []


def test_a_canonical_name_beats_a_sequel_prefix(linker: Linker) -> None:
    text = "The Ferryman: Second Tide is out. Few remember The Ferryman itself."
    assert linked(linker, text) == [
        ("The Ferryman: Second Tide", "the-ferryman-second-tide"),
        ("The Ferryman", "the-ferryman"),
    ]


def test_the_main_part_of_a_title_named_in_full(linker: Linker) -> None:
    text = "Moonlit Ferry Crossing returns. Fans of Moonlit Ferry will not wait long."
    assert linked(linker, text) == [
        ("Moonlit Ferry Crossing", "moonlit-ferry-crossing"),
        ("Moonlit Ferry", "moonlit-ferry-crossing"),
    ]
    assert evidence(linker, text, "moonlit-ferry-crossing")[-1] == {
        "kind": "partial",
        "key": "Moonlit Ferry Crossing",
        "written": "Moonlit Ferry",
        "support": "title",
    }


def test_the_part_of_a_title_credited_to_a_mentioned_person(linker: Linker) -> None:
    text = "Han Ji-su said the final season of Ferry Crossing was the hardest."
    assert linked(linker, text) == [
        ("Han Ji-su", "han-ji-su"),
        ("Ferry Crossing", "moonlit-ferry-crossing"),
    ]
    assert evidence(linker, text, "moonlit-ferry-crossing") == [
        {
            "kind": "partial",
            "key": "Moonlit Ferry Crossing",
            "written": "Ferry Crossing",
            "support": "credited",
            "credited": ["han-ji-su"],
        }
    ]


def test_the_part_before_a_colon_needs_support(linker: Linker) -> None:
    assert linked(linker, "Lantern: Songs of the Valley won. Lantern was renewed.") == [
        ("Lantern: Songs of the Valley", "lantern"),
        ("Lantern", "lantern"),
    ]
    assert linked(linker, "The Lantern was renewed.") == []
    assert linked(linker, "Moonlit Ferry is a mood, not a show.") == []


def test_a_part_after_a_place_word_is_a_place(linker: Linker) -> None:
    text = "Moonlit Ferry Crossing was shot on location. They met in Moonlit."
    assert linked(linker, text) == [("Moonlit Ferry Crossing", "moonlit-ferry-crossing")]


def test_the_index_skips_replaced_titles() -> None:
    index = TitleFuzzyIndex()
    index.add(1, {"harbor of whispers"})
    assert index.search("harbourofwhisper") == (1, [1])
    index.discard(1)
    assert index.search("harbourofwhisper") == (1, [])
    assert index.search("short") == (0, [])
