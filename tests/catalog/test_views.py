"""Person and title pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from marquee.catalog.kb_format import parse_document
from marquee.catalog.models import Person, Title
from marquee.catalog.services import kb_import
from marquee.community import services as community
from marquee.discovery.services import follows
from marquee.linking.models import ArticleEntity
from marquee.newsroom.models import ArticleStatus
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def test_person_page(client: Client, small_kb: object) -> None:
    article = make_article("about-kim", title="All about Kim Go-eun")
    make_article("draft-about-kim", title="Draft", status=ArticleStatus.DRAFT)
    kim = Person.objects.get(slug="kim-go-eun")
    ArticleEntity.objects.create(article=article, person=kim)
    html = client.get("/people/kim-go-eun/").content.decode()
    assert 'Kim Go-eun <span lang="ko" class="native">김고은</span>' in html
    assert "South Korean actress." in html
    assert '<time datetime="1991-07-02">2 July 1991</time>' in html
    assert (
        '<a href="/titles/love-in-the-big-city-film/"><cite>Love in the Big City</cite></a>' in html
    )
    assert "as Goo Jae-hee" in html
    assert "as Ji Eun-tak" in html
    assert '<a href="/articles/about-kim/">All about Kim Go-eun</a>' in html
    assert "draft-about-kim" not in html


def test_person_aliases_shown(client: Client, small_kb: object) -> None:
    html = client.get("/people/noh-sang-hyun/").content.decode()
    assert 'Also known as <span class="alias">Steve Noh</span>' in html


def test_title_page(client: Client, small_kb: object) -> None:
    html = client.get("/titles/love-in-the-big-city-film/").content.decode()
    assert "<cite>Love in the Big City</cite>" in html
    assert "Two friends share a flat." in html
    assert 'Based on the novel <a href="/titles/love-in-the-big-city-novel/">' in html
    assert (
        '<a href="/people/kim-go-eun/">Kim Go-eun</a> <span class="meta">as</span> Goo Jae-hee'
        in html
    )
    assert (
        '<span class="meta">Director</span> <a href="/people/lee-eon-hee/">Lee Eon-hee</a>' in html
    )
    # Where to watch, by region; the Netflix GB offer expired in 2001 and is hidden.
    assert "<dt>CA</dt>" in html and "<dt>US</dt>" in html
    assert "<dt>GB</dt>" not in html
    assert "subtitles: en, es" in html
    novel = client.get("/titles/love-in-the-big-city-novel/").content.decode()
    assert 'Adapted as the film <a href="/titles/love-in-the-big-city-film/">' in novel


def test_title_page_shows_episodes_and_links_offers_to_the_platform_search(
    client: Client, small_kb: dict[str, Any]
) -> None:
    small_kb["titles"][2]["episodes"] = 16
    small_kb["platforms"][1]["search_url"] = "https://www.netflix.com/search?q={title}"
    kb_import(document=parse_document(small_kb))
    html = client.get("/titles/goblin/").content.decode()
    assert '<p class="kicker">Series · 2016 · 16 episodes</p>' in html
    assert (
        '<a href="https://www.netflix.com/search?q=Guardian%3A%20The%20Lonely%20and%20Great%20God"'
        ' rel="noopener noreferrer">Netflix</a>'
    ) in html
    film = client.get("/titles/love-in-the-big-city-film/").content.decode()
    assert '<p class="kicker">Film · 2024</p>' in film
    assert '<a href="https://www.viki.com/" rel="noopener noreferrer">Viki</a>' in film


def test_without_a_search_address_an_offer_is_not_linked(client: Client, small_kb: object) -> None:
    html = client.get("/titles/goblin/").content.decode()
    assert 'Netflix <span class="offer-type">Subscription</span>' in html
    assert 'href="https://www.netflix.com' not in html


def test_unknown_entities_are_404(client: Client, small_kb: object) -> None:
    assert client.get("/people/nobody/").status_code == 404
    assert client.get("/titles/nothing/").status_code == 404


def grow_title(count: int) -> None:
    """Add ``count`` actors with characters and offers to the Goblin title."""
    kb_import(
        document=parse_document(
            {
                "format": "marquee-kb/1",
                "people": [{"id": f"actor-{i}", "name": f"Actor {i}"} for i in range(count)],
                "credits": [
                    {"person": f"actor-{i}", "title": "goblin", "role": "actor",
                     "character": f"Role {i}"}
                    for i in range(count)
                ],
                "availability": [
                    {"title": "goblin", "platform": "viki", "regions": ["US", "FR", "DE"]}
                ],
            }
        )
    )  # fmt: skip


def test_entity_pages_use_a_fixed_number_of_queries(
    client: Client, small_kb: object, django_assert_num_queries: Any
) -> None:
    goblin = Title.objects.get(slug="goblin")
    kim = Person.objects.get(slug="kim-go-eun")
    for index in range(3):
        article = make_article(f"goblin-{index}", tags=("tv",))
        ArticleEntity.objects.create(article=article, title=goblin)
        ArticleEntity.objects.create(article=article, person=kim)
    # title (with the book it adapts), aliases, credits, adaptations, offers, its articles
    with django_assert_num_queries(6):
        assert client.get("/titles/goblin/").status_code == 200
    grow_title(25)
    with django_assert_num_queries(6):
        assert client.get("/titles/goblin/").status_code == 200
    # person, aliases, credits, its articles, the offers of the person's works (Watch Now)
    with django_assert_num_queries(5):
        assert client.get("/people/actor-3/").status_code == 200
    with django_assert_num_queries(5):
        assert client.get("/people/kim-go-eun/").status_code == 200


def test_entity_pages_for_a_logged_in_reader_use_a_fixed_number_of_queries(
    client: Client, small_kb: object, settings: Any, django_assert_num_queries: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reader = community.account_create(username="reader", email="", password="long-password-1")
    follows.follow_create(user=reader, title=Title.objects.get(slug="goblin"))
    client.force_login(reader)
    # As above, plus session, user, the reader's settings (their region), the follow button's
    # state, their watchlist entry and the header's reply and notification badges.
    with django_assert_num_queries(6 + 7):
        html = client.get("/titles/goblin/").content.decode()
    assert "Following Guardian: The Lonely and Great God</button>" in html
    # The badges and the reader's settings are remembered from the page before: session, user
    # and the follow button's state.
    with django_assert_num_queries(5 + 3):
        html = client.get("/people/kim-go-eun/").content.decode()
    assert ">Follow Kim Go-eun</button>" in html
