"""/api/v1/people/{id} and /api/v1/titles/{id}: the knowledge graph by knowledge-base id."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from marquee.catalog.kb_format import parse_document
from marquee.catalog.services import kb_import
from tests.api.conftest import FILM, error, get_json

pytestmark = pytest.mark.django_db

NOVEL = {
    "id": "love-in-the-big-city-novel",
    "name": "Love in the Big City",
    "kind": "novel",
    "year": 2019,
    "url": "/titles/love-in-the-big-city-novel/",
}
GOBLIN = {
    "id": "goblin",
    "name": "Guardian: The Lonely and Great God",
    "kind": "series",
    "year": 2016,
    "url": "/titles/goblin/",
}
VIKI_OFFER = {
    "platform": {"id": "viki", "name": "Viki", "url": "https://www.viki.com", "search_url": ""},
    "type": "subscription",
    "subtitles": ["en", "es"],
    "audio": ["ko"],
    "url": "https://www.viki.com/",
    "until": "2099-01-01",
}


def test_person(client: Client, small_kb: object) -> None:
    assert get_json(client, "/api/v1/people/kim-go-eun") == {
        "id": "kim-go-eun",
        "name": "Kim Go-eun",
        "native_name": "김고은",
        "kind": "person",
        "born": "1991-07-02",
        "bio": "South Korean actress.",
        "url": "/people/kim-go-eun/",
        "aliases": [],
        # Newest work first, with the character played.
        "credits": [
            {"title": FILM, "role": "actor",
             "character": {"name": "Goo Jae-hee", "aliases": ["Jae-hee"]}, "order": 1},
            {"title": GOBLIN, "role": "actor",
             "character": {"name": "Ji Eun-tak", "aliases": []}, "order": 2},
        ],
    }  # fmt: skip


def test_person_aliases_carry_their_kind(client: Client, small_kb: object) -> None:
    person = get_json(client, "/api/v1/people/noh-sang-hyun")
    assert person["aliases"] == [{"name": "Steve Noh", "kind": "english_name"}]
    assert (person["native_name"], person["bio"]) == ("노상현", "")
    director = get_json(client, "/api/v1/people/lee-eon-hee")
    assert director["aliases"] == [{"name": "E.oni", "kind": "stage_name"}]
    assert director["born"] is None
    assert director["credits"] == [
        {"title": FILM, "role": "director", "character": None, "order": None}
    ]


def test_title(client: Client, small_kb: object) -> None:
    assert get_json(client, "/api/v1/titles/love-in-the-big-city-film") == {
        "id": "love-in-the-big-city-film",
        "name": "Love in the Big City",
        "native_name": "대도시의 사랑법",
        "kind": "film",
        "year": 2024,
        "episodes": None,
        "synopsis": "Two friends share a flat.",
        "url": "/titles/love-in-the-big-city-film/",
        "aliases": [],
        "based_on": NOVEL,
        "adaptations": [],
        "credits": [
            {"person": {"id": "kim-go-eun", "name": "Kim Go-eun", "url": "/people/kim-go-eun/"},
             "role": "actor", "character": {"name": "Goo Jae-hee", "aliases": ["Jae-hee"]},
             "order": 1},
            {"person": {"id": "noh-sang-hyun", "name": "Noh Sang-hyun",
                        "url": "/people/noh-sang-hyun/"},
             "role": "actor", "character": {"name": "Jang Heung-soo", "aliases": ["Heung-soo"]},
             "order": 2},
            {"person": {"id": "lee-eon-hee", "name": "Lee Eon-hee", "url": "/people/lee-eon-hee/"},
             "role": "director", "character": None, "order": None},
        ],
        # Current offers by region: the Netflix rental in GB ended in 2001.
        "availability": [
            {"region": "CA", "region_name": "Canada", "offers": [VIKI_OFFER]},
            {"region": "US", "region_name": "United States", "offers": [VIKI_OFFER]},
        ],
    }  # fmt: skip


def test_title_adaptations_and_aliases(client: Client, small_kb: object) -> None:
    novel = get_json(client, "/api/v1/titles/love-in-the-big-city-novel")
    assert (novel["based_on"], novel["adaptations"], novel["availability"]) == (None, [FILM], [])
    goblin = get_json(client, "/api/v1/titles/goblin")
    assert goblin["aliases"] == [{"name": "Goblin", "kind": "other_title"}]
    netflix = {
        "platform": {
            "id": "netflix",
            "name": "Netflix",
            "url": "https://www.netflix.com",
            "search_url": "",
        },
        "type": "subscription",
        "subtitles": ["ja"],
        "audio": [],
        "url": "",
        "until": None,
    }
    assert goblin["availability"] == [
        {"region": "JP", "region_name": "Japan", "offers": [netflix]},
        {"region": "KR", "region_name": "South Korea", "offers": [netflix]},
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/v1/people/nobody", "No person with id 'nobody'."),
        ("/api/v1/titles/nothing", "No title with id 'nothing'."),
        ("/api/v1/people/goblin", "No person with id 'goblin'."),
        ("/api/v1/titles/kim-go-eun", "No title with id 'kim-go-eun'."),
    ],
)
def test_unknown_ids_are_404(client: Client, small_kb: object, path: str, message: str) -> None:
    assert get_json(client, path, 404) == error("not_found", message)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/v1/people/kim%00go-eun", r"No person with id 'kim\x00go-eun'."),
        ("/api/v1/titles/Goblin", "No title with id 'Goblin'."),
        ("/api/v1/people/%EA%B9%80%EA%B3%A0%EC%9D%80", "No person with id '김고은'."),
    ],
)
def test_ids_that_cannot_exist_are_404_without_a_query(
    client: Client, django_assert_num_queries: Any, path: str, message: str
) -> None:
    with django_assert_num_queries(0):
        assert get_json(client, path, 404) == error("not_found", message)


def grow_goblin(count: int) -> None:
    """Add ``count`` actors with characters and aliases, offers and adaptations to Goblin."""
    kb_import(
        document=parse_document(
            {
                "format": "marquee-kb/1",
                "people": [
                    {"id": f"actor-{n}", "name": f"Actor {n}", "aliases": [f"A{n}", f"B{n}"]}
                    for n in range(count)
                ],
                "titles": [
                    {"id": f"goblin-remake-{n}", "name": f"Goblin remake {n}", "based_on": "goblin"}
                    for n in range(count)
                ],
                "credits": [
                    {"person": f"actor-{n}", "title": title, "role": "actor",
                     "character": f"Role {n}"}
                    for n in range(count)
                    for title in ("goblin", "love-in-the-big-city-film")
                ],
                "availability": [
                    {"title": "goblin", "platform": "viki", "regions": ["US", "FR", "DE"]}
                    for _ in range(count)
                ],
            }
        )
    )  # fmt: skip


def test_queries_are_bounded(
    client: Client, small_kb: object, django_assert_num_queries: Any
) -> None:
    def counted(path: str, queries: int) -> dict[str, Any]:
        with django_assert_num_queries(queries):
            answer: dict[str, Any] = get_json(client, path)
        return answer

    # A title: itself with what it is based on, aliases, credits, adaptations, offers.
    counted("/api/v1/titles/goblin", 5)
    # A person: itself, aliases, credits with their titles and characters.
    counted("/api/v1/people/kim-go-eun", 3)
    grow_goblin(12)
    goblin = counted("/api/v1/titles/goblin", 5)
    assert (len(goblin["credits"]), len(goblin["adaptations"])) == (13, 12)
    actor = counted("/api/v1/people/actor-3", 3)
    assert (len(actor["aliases"]), len(actor["credits"])) == (2, 2)
