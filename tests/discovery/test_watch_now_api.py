"""The Watch Now API says what the article page's box shows: roles, deep links, other regions."""

from __future__ import annotations

import pytest
from django.test import Client

from marquee.catalog.kb_format import parse_document
from marquee.catalog.services import kb_import
from marquee.newsroom.models import Article
from tests.conftest import make_article
from tests.discovery.conftest import link

pytestmark = pytest.mark.django_db

FILM = {
    "id": "love-in-the-big-city-film",
    "name": "Love in the Big City",
    "kind": "film",
    "year": 2024,
    "url": "/titles/love-in-the-big-city-film/",
}
GOBLIN = {
    "id": "goblin",
    "name": "Guardian: The Lonely and Great God",
    "kind": "series",
    "year": 2016,
    "url": "/titles/goblin/",
}
NORTH_AMERICA = [{"code": "CA", "name": "Canada"}, {"code": "US", "name": "United States"}]
SEARCH = (
    "https://www.netflix.com/search?q=Guardian%3A%20The%20Lonely%20and%20Great%20God"
    "&utm_source=marquee&utm_medium=watch_now&utm_content=lbc-news"
)


@pytest.fixture
def article(small_kb: object) -> Article:
    kb_import(
        document=parse_document(
            {
                "format": "marquee-kb/1",
                "platforms": [
                    {"id": "netflix", "name": "Netflix", "url": "https://www.netflix.com",
                     "search_url": "https://www.netflix.com/search?q={title}"}
                ],
                "credits": [{"person": "lee-eon-hee", "title": "goblin", "role": "writer"}],
            }
        )
    )  # fmt: skip
    article = make_article("lbc-news")
    link(article, title="love-in-the-big-city-film")
    link(article, person="kim-go-eun")
    link(article, person="lee-eon-hee")
    return article


def test_api_lists_the_mentioned_title_offered_elsewhere_and_roles(
    client: Client, article: Article
) -> None:
    answer = client.get("/api/v1/articles/lbc-news/watch-now?region=JP").json()
    netflix = {
        "platform": "Netflix",
        "type": "subscription",
        "label": "Subscription",
        "subtitles": [{"code": "ja", "name": "Japanese"}],
        "url": SEARCH,
    }
    assert answer == {
        "article": "lbc-news",
        "region": "JP",
        "region_name": "Japan",
        "language": "en",
        "mentioned": [
            {"title": FILM, "person": None, "role": None, "offers": [],
             "available_in": NORTH_AMERICA},
        ],
        "also": [
            {"title": GOBLIN,
             "person": {"id": "kim-go-eun", "name": "Kim Go-eun", "url": "/people/kim-go-eun/"},
             "role": "actor", "offers": [netflix], "available_in": []},
        ],
        "elsewhere": [{"title": FILM, "regions": NORTH_AMERICA}],
    }  # fmt: skip


def test_api_and_page_agree(client: Client, article: Article) -> None:
    """Goblin is Kim Go-eun's first: Lee Eon-hee's writing credit on it is not repeated."""
    answer = client.get("/api/v1/articles/lbc-news/watch-now?region=JP").json()
    client.cookies["marquee_region"] = "JP"
    html = client.get(article.get_absolute_url()).content.decode()
    for item in answer["mentioned"] + answer["also"]:
        assert f'<a href="{item["title"]["url"]}"><cite>{item["title"]["name"]}</cite></a>' in html
        for offer in item["offers"]:
            assert f'href="{offer["url"].replace("&", "&amp;")}"' in html
    assert html.count('class="watch-title"') + html.count(
        'class="watch-title watch-title--also"'
    ) == (len(answer["mentioned"]) + len(answer["also"]))
    assert "Not offered in Japan; available in" in html


def test_api_role_of_a_writer(client: Client, small_kb: object) -> None:
    article = make_article("writers")
    link(article, person="lee-eon-hee")
    kb_import(
        document=parse_document(
            {
                "format": "marquee-kb/1",
                "credits": [{"person": "lee-eon-hee", "title": "goblin", "role": "writer"}],
            }
        )
    )
    answer = client.get("/api/v1/articles/writers/watch-now?region=KR").json()
    assert [(i["title"]["id"], i["role"]) for i in answer["also"]] == [("goblin", "writer")]
    client.cookies["marquee_region"] = "KR"
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'Written by <a href="/people/lee-eon-hee/">Lee Eon-hee</a>: ' in html
