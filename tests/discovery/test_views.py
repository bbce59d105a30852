"""Exact query counts of discovery's pages: search, feeds and sitemaps, logged out and in."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from marquee.community import services as community
from marquee.discovery import services
from tests.conftest import make_article
from tests.discovery.conftest import link, refresh

pytestmark = pytest.mark.django_db
# The SQLite backend reads the snippets of its hits in a second query; PostgreSQL's ts_headline
# runs in the ranking query.
SEARCH_BACKEND_QUERIES = 2 if connection.vendor == "sqlite" else 1


@pytest.fixture
def published(small_kb: object, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    services.search_entries_refresh_people()
    services.search_entries_refresh_titles()
    articles = [
        make_article(
            f"noh-{index}",
            body="Noh Sang-hyun again.",
            tags=("film",),
            published_at=timezone.now() - datetime.timedelta(hours=index + 1),
        )
        for index in range(12)
    ]
    for article in articles:
        link(article, person="noh-sang-hyun")
        link(article, title="love-in-the-big-city-film")
    refresh(*articles)


def logged_in(client: Client) -> Client:
    reader = community.account_create(username="reader", email="", password="long-password-1")
    client.force_login(reader)
    return client


@pytest.mark.parametrize("reader", [False, True])
def test_search_page_queries_are_exact(
    client: Client, published: None, reader: bool, django_assert_num_queries: Any
) -> None:
    if reader:
        logged_in(client)
    # term statistics, the backend, the people found, the newest articles linked to the one
    # person found, those articles; a reader adds session, user and the header's reply and
    # notification badges.
    expected = 1 + SEARCH_BACKEND_QUERIES + 1 + 1 + 1 + (4 if reader else 0)
    with django_assert_num_queries(expected):
        html = client.get("/search/", {"q": "Steve Noh"}).content.decode()
    assert 'class="search-result search-result--person"' in html
    assert html.count('class="search-result search-result--article"') == 12


@pytest.mark.parametrize("reader", [False, True])
def test_empty_search_page_queries_are_exact(
    client: Client, small_kb: object, reader: bool, django_assert_num_queries: Any
) -> None:
    if reader:
        logged_in(client)
    # a reader: session, user, the header's reply and notification badges
    with django_assert_num_queries(4 if reader else 0):
        assert client.get("/search/").status_code == 200


@pytest.mark.parametrize("reader", [False, True])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/feeds/latest.rss", 2),  # articles, their tags
        ("/feeds/latest.atom", 2),
        ("/feeds/tags/film.rss", 3),  # the tag first
        ("/feeds/people/noh-sang-hyun.atom", 3),
        ("/feeds/titles/love-in-the-big-city-film.rss", 3),
    ],
)
def test_feed_queries_are_exact(
    client: Client,
    published: None,
    url: str,
    queries: int,
    reader: bool,
    django_assert_num_queries: Any,
) -> None:
    if reader:
        logged_in(client)  # a feed has no header: the reader's session is never read
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("reader", [False, True])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/sitemap.xml", 7),  # each section's count; the articles' and news' latest change
        ("/sitemap-news.xml", 2),  # count, page
        ("/sitemap-articles.xml", 2),  # count, page
        ("/sitemap-people.xml", 2),
        ("/sitemap-titles.xml", 2),
        ("/sitemap-tags.xml", 2),
    ],
)
def test_sitemap_queries_are_exact(
    client: Client,
    published: None,
    url: str,
    queries: int,
    reader: bool,
    django_assert_num_queries: Any,
) -> None:
    if reader:
        logged_in(client)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


# --- following ----------------------------------------------------------------------------


def test_follow_refuses_a_slug_with_a_nul(small_kb: object) -> None:
    """On PostgreSQL a NUL in the lookup was a 500 (the database refuses it even in a WHERE)."""
    from marquee.discovery.models import Follow

    client = logged_in(Client())
    for kind in ("person", "title"):
        response = client.post("/follow/", {"kind": kind, "slug": "kim-go-eun\x00"})
        assert response.status_code == 400
        assert response.json() == {
            "error": {
                "code": "invalid_text",
                "message": "“slug” contains a NUL character (U+0000), which cannot be stored. "
                "Remove it and try again.",
            }
        }
    assert not Follow.objects.exists()


def test_follow_refuses_an_unknown_kind_with_the_error_shape(small_kb: object) -> None:
    response = logged_in(Client()).post("/follow/", {"kind": "tag", "slug": "film"})
    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid_field", "message": "“kind” must be person or title."}
    }
