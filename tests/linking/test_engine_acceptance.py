"""The acceptance example: every spelling of the brief links to the right entity."""

from __future__ import annotations

import pytest

from marquee.linking.engine import KnowledgeBase, Linker, LinkResult
from tests.linking.engine_kb import DOCUMENT


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(KnowledgeBase.from_document(DOCUMENT))


def spans(
    result: LinkResult, entity_id: str | None, kind: str = "person"
) -> list[tuple[int, int, str]]:
    return [
        (mention.start, mention.end, mention.text)
        for entity in result.entities
        if entity.id == entity_id and entity.type == kind
        for mention in entity.mentions
    ]


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int, str]:
    """Exact span of the n-th occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return start, start + len(needle), needle


TEXT = (
    "Steve Sanghyun Noh and Kim Go-eun star in 대도시의 사랑법, directed by E.oni. "
    "The film is adapted from Sang Young Park's novel. No Sang-hyun plays Heung-soo. "
    "Meanwhile the Love in the Big City drama stars Nam Yoon-su."
)


def test_acceptance_example(linker: Linker) -> None:
    result = linker.link(TEXT)
    assert spans(result, "noh-sang-hyun") == [
        (0, 18, "Steve Sanghyun Noh"),
        (121, 133, "No Sang-hyun"),
    ]
    assert spans(result, "kim-go-eun") == [(23, 33, "Kim Go-eun")]
    assert spans(result, "lee-eon-hee") == [(64, 69, "E.oni")]
    assert spans(result, "park-sang-young") == [(96, 111, "Sang Young Park")]
    assert spans(result, "love-in-the-big-city-film", "title") == [(42, 50, "대도시의 사랑법")]
    assert spans(result, "love-in-the-big-city-series", "title") == [
        at(TEXT, "Love in the Big City")
    ]
    assert spans(result, "nam-yoon-su") == [at(TEXT, "Nam Yoon-su")]
    assert spans(result, "love-in-the-big-city-film", "title") == [at(TEXT, "대도시의 사랑법")]
    heung_soo = [entity for entity in result.entities if entity.type == "character"]
    assert [(e.name, e.person, e.title) for e in heung_soo] == [
        ("Jang Heung-soo", "noh-sang-hyun", "love-in-the-big-city-film")
    ]
    assert result.unlinked == ()


def test_json_shape_is_the_cli_contract(linker: Linker) -> None:
    data = linker.link("Jae-hee (Kim Go-eun) meets Lee Yoo Jin.").to_json()
    assert data == {
        "entities": [
            {
                "id": None,
                "type": "character",
                "name": "Goo Jae-hee",
                "person": "kim-go-eun",
                "title": "love-in-the-big-city-film",
                "confidence": 0.9,
                "mentions": [{"start": 0, "end": 7, "text": "Jae-hee", "how": "character"}],
                "evidence": [
                    {
                        "kind": "character",
                        "key": "Goo Jae-hee",
                        "by": "binding",
                        "explicit": False,
                        "credited": True,
                    }
                ],
            },
            {
                "id": "kim-go-eun",
                "type": "person",
                "name": "Kim Go-eun",
                "confidence": 0.97,
                "mentions": [{"start": 9, "end": 19, "text": "Kim Go-eun", "how": "exact"}],
                "evidence": [{"kind": "exact", "key": "Kim Go-eun", "field": "name"}],
            },
        ],
        "unlinked": [{"text": "Lee Yoo Jin", "start": 27, "end": 38, "guess": "person"}],
    }
