"""Watch Now on article pages: deep links, every mentioned title, and people by their role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from marquee.catalog.kb_format import parse_document
from marquee.catalog.services import kb_import
from marquee.discovery.selectors import watch_now_for_article
from marquee.newsroom.models import Article
from marquee.newsroom.selectors import article_detail
from tests.conftest import make_article
from tests.discovery.conftest import link

pytestmark = pytest.mark.django_db

GOBLIN_SEARCH = (
    "https://www.netflix.com/search?q=Guardian%3A%20The%20Lonely%20and%20Great%20God"
    "&utm_source=marquee&utm_medium=watch_now&utm_content={slug}"
)


def add(**sections: Any) -> None:
    """Import a knowledge-base file of ``sections`` on top of the small knowledge base."""
    kb_import(document=parse_document({"format": "marquee-kb/1", **sections}))


def with_search(platform: str, name: str, url: str, search_url: str) -> None:
    add(platforms=[{"id": platform, "name": name, "url": url, "search_url": search_url}])


def box_for(article: Article, region: str) -> Any:
    return watch_now_for_article(article_detail(article.slug), region=region, language="en")


def page(client: Client, article: Article, region: str) -> str:
    client.cookies["marquee_region"] = region
    return client.get(article.get_absolute_url()).content.decode()


# Deep links -------------------------------------------------------------------------------------


def test_an_offer_without_its_own_page_links_the_platform_search(small_kb: object) -> None:
    with_search(
        "netflix", "Netflix", "https://www.netflix.com", "https://www.netflix.com/search?q={title}"
    )
    article = make_article("goblin-news")
    link(article, title="goblin")
    offer = box_for(article, "JP").mentioned[0].offers[0]
    assert (offer.platform, offer.url) == ("Netflix", GOBLIN_SEARCH.format(slug="goblin-news"))


def test_the_offer_page_wins_over_the_platform_search(small_kb: object) -> None:
    with_search("viki", "Viki", "https://www.viki.com", "https://www.viki.com/search?q={title}")
    article = make_article("lbc-news")
    link(article, title="love-in-the-big-city-film")
    assert box_for(article, "US").mentioned[0].offers[0].url == (
        "https://www.viki.com/?utm_source=marquee&utm_medium=watch_now&utm_content=lbc-news"
    )


def test_search_quotes_every_reserved_character_of_the_name(small_kb: object) -> None:
    with_search("wavve", "Wavve", "https://www.wavve.com", "https://www.wavve.com/search/{title}")
    add(
        titles=[{"id": "love-and-hate", "name": "Love & Hate / 사랑?", "kind": "series"}],
        availability=[{"title": "love-and-hate", "platform": "wavve", "regions": ["KR"]}],
    )
    article = make_article("love-hate")
    link(article, title="love-and-hate")
    assert box_for(article, "KR").mentioned[0].offers[0].url == (
        "https://www.wavve.com/search/Love%20%26%20Hate%20%2F%20%EC%82%AC%EB%9E%91%3F"
        "?utm_source=marquee&utm_medium=watch_now&utm_content=love-hate"
    )


def test_never_the_platform_home_page(client: Client, small_kb: object) -> None:
    """Netflix has a home page but no search address, and Goblin's offer no page: no link."""
    article = make_article("goblin-news")
    link(article, title="goblin")
    html = page(client, article, "JP")
    assert '<span class="offer__platform">Netflix</span>' in html
    assert 'href="https://www.netflix.com' not in html
    with_search(
        "netflix", "Netflix", "https://www.netflix.com", "https://www.netflix.com/search?q={title}"
    )
    html = page(client, article, "JP")
    linked = GOBLIN_SEARCH.format(slug="goblin-news").replace("&", "&amp;")
    assert (
        f'<a class="offer__platform" href="{linked}" rel="noopener noreferrer sponsored">Netflix</a>'
        in html
    )


# Every mentioned title --------------------------------------------------------------------------


def test_mentioned_titles_stay_when_others_are_offered(client: Client, small_kb: object) -> None:
    article = make_article("two-titles")
    link(article, title="love-in-the-big-city-film")
    link(article, title="goblin")
    box = box_for(article, "JP")
    # Offered in the region first, then offered elsewhere, each in the article's order.
    assert [(i.title.slug, bool(i.offers), i.elsewhere) for i in box.mentioned] == [
        ("goblin", True, []),
        ("love-in-the-big-city-film", False, [("CA", "Canada"), ("US", "United States")]),
    ]
    html = page(client, article, "JP")
    assert (
        '<p class="watch-title__elsewhere">Not offered in Japan; available in '
        '<abbr title="Canada">CA</abbr>, <abbr title="United States">US</abbr>.</p>'
    ) in html
    assert html.count('class="watch-title"') == 2


def test_a_title_offered_nowhere_is_left_out(small_kb: object) -> None:
    article = make_article("film-and-novel")
    link(article, title="love-in-the-big-city-novel")  # no offer anywhere
    link(article, title="love-in-the-big-city-film")
    assert [i.title.slug for i in box_for(article, "US").mentioned] == ["love-in-the-big-city-film"]
    assert [i.title.slug for i in box_for(article, "FR").mentioned] == ["love-in-the-big-city-film"]


def test_an_expired_offer_counts_as_no_offer(small_kb: object) -> None:
    """The film's Netflix offer in GB ended in 2001: GB is not among the regions named."""
    article = make_article("lbc-news")
    link(article, title="love-in-the-big-city-film")
    assert box_for(article, "FR").mentioned[0].elsewhere == [
        ("CA", "Canada"),
        ("US", "United States"),
    ]


# People by their role ---------------------------------------------------------------------------


@pytest.fixture
def makers(small_kb: object) -> Article:
    """An article about the film's director and the novel's author, the novel on sale in the US."""
    add(
        platforms=[{"id": "ridi", "name": "Ridi", "url": "https://ridibooks.com"}],
        availability=[
            {"title": "love-in-the-big-city-novel", "platform": "ridi", "regions": ["US"],
             "type": "buy", "url": "https://ridibooks.com/books/1"},
        ],
    )  # fmt: skip
    article = make_article("makers", title="The makers of Love in the Big City")
    link(article, person="lee-eon-hee")
    link(article, person="park-sang-young")
    return article


def test_makers_are_introduced_by_their_role(client: Client, makers: Article) -> None:
    box = box_for(makers, "US")
    assert box.mentioned == []
    assert [(i.person.slug, i.title.slug, i.role, i.credited_as) for i in box.also] == [
        ("lee-eon-hee", "love-in-the-big-city-film", "director", "Directed by"),
        ("park-sang-young", "love-in-the-big-city-novel", "author", "Written by"),
    ]
    html = page(client, makers, "US")
    assert (
        '<p class="watch-title__name">Directed by <a href="/people/lee-eon-hee/">Lee Eon-hee</a>: '
        '<a href="/titles/love-in-the-big-city-film/"><cite>Love in the Big City</cite></a> '
        '<span class="meta">film, 2024</span></p>'
    ) in html
    assert (
        '<p class="watch-title__name">Written by <a href="/people/park-sang-young/">'
        'Park Sang-young</a>: <a href="/titles/love-in-the-big-city-novel/"><cite>Love in the '
        'Big City</cite></a> <span class="meta">novel, 2019</span></p>'
    ) in html
    assert "You can also watch" not in html


def test_a_performer_stays_you_can_also_watch(client: Client, makers: Article) -> None:
    """Credited on Goblin as writer and as actor: seen in it, so "You can also watch"."""
    add(
        credits=[
            {"person": "lee-eon-hee", "title": "goblin", "role": "writer"},
            {"person": "lee-eon-hee", "title": "goblin", "role": "actor"},
        ]
    )
    box = box_for(makers, "JP")
    assert [(i.title.slug, i.role, i.performs) for i in box.also] == [("goblin", "actor", True)]
    assert (
        'You can also watch <a href="/people/lee-eon-hee/">Lee Eon-hee</a> in '
        '<a href="/titles/goblin/"><cite>Guardian: The Lonely and Great God</cite></a>'
    ) in page(client, makers, "JP")


def test_every_listed_title_has_a_watchlist_button(client: Client, small_kb: object) -> None:
    article = make_article("lbc-news")
    link(article, title="love-in-the-big-city-film")
    link(article, person="kim-go-eun")
    client.cookies["marquee_region"] = "JP"
    response = client.get(article.get_absolute_url())
    included = [t.name for t in response.templates].count("fans/_watchlist_button.html")
    assert included == 2  # the film (offered elsewhere) and Goblin (Kim Go-eun's other work)
