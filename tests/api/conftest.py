"""Fixtures for the API tests: the small knowledge base and a fully dressed published article."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from marquee.linking.models import EntityState
from marquee.newsroom.article_format import SourceInput
from marquee.newsroom.models import Article
from tests.conftest import make_article
from tests.discovery.conftest import link

PUBLISHED = datetime.datetime(2024, 10, 1, 9, tzinfo=datetime.UTC)
# How the API refers to the film of the small knowledge base.
FILM = {
    "id": "love-in-the-big-city-film",
    "name": "Love in the Big City",
    "kind": "film",
    "year": 2024,
    "url": "/titles/love-in-the-big-city-film/",
}


def get_json(client: Client, url: str, status: int = 200, **extra: Any) -> Any:
    """GET ``url``, check the status and the JSON content type, return the decoded body."""
    response = client.get(url, **extra)
    assert response.status_code == status, response.content
    assert response["Content-Type"].split(";")[0] == "application/json"
    return response.json()


def error(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


@pytest.fixture
def review(small_kb: dict[str, Any]) -> Article:
    """A published review that cites sources, embeds a trailer and mentions the film, an
    actress, a character, and (rejected by an editor, or unsure) two more people."""
    article = make_article(
        "lbc-review",
        title="Review: Love in the Big City",
        dek="A warm, funny film.",
        body="## The film\n\nKim Go-eun is *superb* as Jae-hee.",
        published_at=PUBLISHED,
        tags=("Film", "Reviews"),
        sources=(SourceInput("TIFF", "https://www.tiff.net/"), SourceInput("Press kit")),
        trailer_url="https://youtu.be/abcdefghijk",
    )
    film = link(article, title="love-in-the-big-city-film")
    film.first_offset = 1
    film.save(update_fields=["first_offset"])
    actress = link(article, person="kim-go-eun", state=EntityState.CONFIRMED)
    actress.first_offset = 12
    actress.save(update_fields=["first_offset"])
    character = link(article, character="Goo Jae-hee")
    character.first_offset = 30
    character.save(update_fields=["first_offset"])
    link(article, person="noh-sang-hyun", state=EntityState.REJECTED)
    unsure = link(article, person="lee-eon-hee")
    unsure.confidence = 0.2
    unsure.save(update_fields=["confidence"])
    return article
