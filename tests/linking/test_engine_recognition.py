"""Recognition: spelling variants in running text, bindings, short mentions, typos, unlinked."""

from __future__ import annotations

import pytest

from marquee.linking.engine import KnowledgeBase, Linker, LinkResult
from tests.linking.engine_kb import DOCUMENT


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(KnowledgeBase.from_document(DOCUMENT))


def found(result: LinkResult) -> list[tuple[str | None, str, int, int, str]]:
    """(id or character name, type, start, end, text) of every mention, in text order."""
    rows = [
        (entity.id or entity.name, entity.type, m.start, m.end, m.text)
        for entity in result.entities
        for m in entity.mentions
    ]
    return sorted(rows, key=lambda row: row[2])


def at(text: str, needle: str) -> tuple[int, int, str]:
    start = text.index(needle)
    return start, start + len(needle), needle


@pytest.mark.parametrize(
    ("written", "entity_id"),
    [
        ("Kim Go-eun", "kim-go-eun"),
        ("Kim Go Eun", "kim-go-eun"),
        ("Kim Goeun", "kim-go-eun"),
        ("Go-eun Kim", "kim-go-eun"),
        ("김고은", "kim-go-eun"),
        ("Sang-young Park", "park-sang-young"),
        ("Pak Sang-yeong", "park-sang-young"),
        ("Steve Noh", "noh-sang-hyun"),
        ("Steve Sang-hyun Noh", "noh-sang-hyun"),
        ("Roh Sang-hyeon", "noh-sang-hyun"),
        ("노상현", "noh-sang-hyun"),
        ("Yi Eon-hui", "lee-eon-hee"),
        ("Lee Un-hee", "lee-eon-hee"),
        ("E.oni", "lee-eon-hee"),
        ("IU", "iu"),
        ("Lee Jieun", "iu"),
        ("Nam Yoon-soo", "nam-yoon-su"),
        ("Nam Yunsu", "nam-yoon-su"),
    ],
)
def test_person_spellings_in_text(linker: Linker, written: str, entity_id: str) -> None:
    text = f"On Monday, {written} joined the cast."
    assert found(linker.link(text)) == [(entity_id, "person", *at(text, written))]


@pytest.mark.parametrize(
    ("written", "entity_id"),
    [
        ("Goblin", "goblin"),
        ("Guardian: The Lonely and Great God", "goblin"),
        ("The Lonely and Great God", "goblin"),
        ("Yumi's Cells", "yumis-cells"),
        ("Yumi’s Cells 2", "yumis-cells-2"),
        ("YUMI'S CELLS SEASON 2", "yumis-cells-2"),
        ("Exhuma", "exhuma"),
    ],
)
def test_title_spellings_in_text(linker: Linker, written: str, entity_id: str) -> None:
    text = f"Fans of {written} were thrilled."
    assert found(linker.link(text)) == [(entity_id, "title", *at(text, written))]


def test_hangul_with_particles(linker: Linker) -> None:
    text = "김고은은 대도시의 사랑법에서 재희를 연기했다."
    rows = found(linker.link(text))
    assert rows[0] == ("kim-go-eun", "person", 0, 4, "김고은은")
    assert rows[1][1:] == ("title", 5, 15, "대도시의 사랑법에서")


@pytest.mark.parametrize(
    "template",
    [
        "{c} ({p}) is the heart of the film.",
        "{p} as {c} is the heart of the film.",
        "{c}, played by {p}, is the heart of the film.",
        "{c} (played by {p}) is the heart of the film.",
        "{p} plays {c} in the film.",
        "{p}, who plays {c}, is the heart of the film.",
        "{p} stars as {c} in the film.",
    ],
)
def test_binding_patterns_with_a_known_character(linker: Linker, template: str) -> None:
    text = template.format(c="Jae-hee", p="Kim Go-eun")
    result = linker.link(text)
    characters = [e for e in result.entities if e.type == "character"]
    assert [(e.name, e.person, e.title) for e in characters] == [
        ("Goo Jae-hee", "kim-go-eun", "love-in-the-big-city-film")
    ]
    assert [(m.start, m.end, m.text) for m in characters[0].mentions] == [at(text, "Jae-hee")]
    assert characters[0].confidence >= 0.9


def test_binding_an_unlisted_character(linker: Linker) -> None:
    text = "In Love in the Big City, Noh Sang-hyun as Kang Min-soo surprised everyone."
    characters = [e for e in linker.link(text).entities if e.type == "character"]
    assert [(e.name, e.person, e.title, e.confidence) for e in characters] == [
        ("Kang Min-soo", "noh-sang-hyun", "love-in-the-big-city-film", 0.75)
    ]


def test_her_character_binds_to_the_last_person(linker: Linker) -> None:
    text = "Kim Go-eun is luminous. Her character, Jae-hee, refuses to apologise."
    rows = found(linker.link(text))
    assert rows[1] == ("Goo Jae-hee", "character", *at(text, "Jae-hee"))


def test_short_mentions_follow_a_full_one(linker: Linker) -> None:
    text = (
        "Nam Yoon-su leads the series. Later, Yoon-su said the role was hard. "
        "Nam laughed. Noh Sang-hyun agreed; Noh and Sang-hyun are the same man."
    )
    rows = found(linker.link(text))
    assert rows == [
        ("nam-yoon-su", "person", *at(text, "Nam Yoon-su")),
        (
            "nam-yoon-su",
            "person",
            *at(text, "Yoon-su said")[:1],
            at(text, "Yoon-su said")[0] + 7,
            "Yoon-su",
        ),
        (
            "nam-yoon-su",
            "person",
            *at(text, "Nam laughed")[:1],
            at(text, "Nam laughed")[0] + 3,
            "Nam",
        ),
        ("noh-sang-hyun", "person", *at(text, "Noh Sang-hyun")),
        ("noh-sang-hyun", "person", *at(text, "Noh and")[:1], at(text, "Noh and")[0] + 3, "Noh"),
        (
            "noh-sang-hyun",
            "person",
            *at(text, "Sang-hyun are")[:1],
            at(text, "Sang-hyun are")[0] + 9,
            "Sang-hyun",
        ),
    ]


def test_no_short_mention_before_the_full_one(linker: Linker) -> None:
    assert found(linker.link("Noh was late. Yoon-su too.")) == []


def test_characters_by_given_name_only_when_their_credit_is_in_play(linker: Linker) -> None:
    assert found(linker.link("Jae-hee and Heung-soo are roommates.")) == []
    text = "In Love in the Big City, Jae-hee and Heung-soo are roommates."
    rows = found(linker.link(text))
    assert [(row[0], row[1], row[4]) for row in rows] == [
        ("love-in-the-big-city-film", "title", "Love in the Big City"),
        ("Goo Jae-hee", "character", "Jae-hee"),
        ("Jang Heung-soo", "character", "Heung-soo"),
    ]


def test_typos_are_caught_with_a_lower_confidence(linker: Linker) -> None:
    text = "Noh Sang Hyn met Lee Aeon Hee."
    result = linker.link(text)
    assert found(result) == [
        ("noh-sang-hyun", "person", *at(text, "Noh Sang Hyn")),
        ("lee-eon-hee", "person", *at(text, "Lee Aeon Hee")),
    ]
    assert all(0.5 <= entity.confidence < 0.8 for entity in result.entities)


def test_unlinked_name_like_spans(linker: Linker) -> None:
    text = "Kim Go-eun met Lee Yoo Jin and Choi Min-sik to discuss “Hidden Garden”."
    result = linker.link(text)
    assert [span.to_json() for span in result.unlinked] == [
        {
            "text": "Lee Yoo Jin",
            **dict(zip(("start", "end"), at(text, "Lee Yoo Jin")[:2], strict=True)),
            "guess": "person",
        },
        {
            "text": "Choi Min-sik",
            **dict(zip(("start", "end"), at(text, "Choi Min-sik")[:2], strict=True)),
            "guess": "person",
        },
        {
            "text": "Hidden Garden",
            **dict(zip(("start", "end"), at(text, "Hidden Garden")[:2], strict=True)),
            "guess": "title",
        },
    ]


@pytest.mark.parametrize(
    "text",
    [
        "My mother said no to the iu tests.",
        "I went to the park, and no one came.",
        "Lee said nothing.",
        "Goblins are not real; a guardian is.",
        "love in the big city is hard",
    ],
)
def test_common_words_are_not_entities(linker: Linker, text: str) -> None:
    result = linker.link(text)
    assert [e.id for e in result.entities if e.confidence >= 0.5] == []
