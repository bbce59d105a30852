from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from marquee.community.services import account_create
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def test_home_lists_published_articles_newest_first_paginated(client: Client) -> None:
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    for day in range(14):
        make_article(
            f"day-{day}", title=f"Day {day}", published_at=start + datetime.timedelta(days=day)
        )
    first = client.get("/").content.decode()
    assert first.index("/articles/day-13/") < first.index("/articles/day-12/")
    assert "/articles/day-1/" not in first
    assert "Page 1 of 2" in first
    second = client.get("/?page=2").content.decode()
    assert "/articles/day-1/" in second and "/articles/day-0/" in second
    assert client.get("/?page=999").status_code == 200


def test_home_queries_are_exact(
    client: Client, settings: Any, django_assert_num_queries: Any
) -> None:
    for index in range(20):
        make_article(f"a{index}", tags=("film", f"t{index}"))
    # Count, page and tags, plus discovery's stored trending ranking (one query; an anonymous
    # reader follows nothing, so "From what you follow" costs none).
    with django_assert_num_queries(4):
        assert client.get("/").status_code == 200
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(account_create(username="reader", email="", password="long-password-1"))
    # Plus session, user, the followed people's and titles' news, the header's reply badge.
    with django_assert_num_queries(4 + 4):
        assert client.get("/").status_code == 200
    # Later pages show neither rail; the reply badge is remembered for a minute.
    with django_assert_num_queries(3 + 2):
        assert client.get("/?page=2").status_code == 200


def test_empty_home_explains_how_to_load_content(client: Client) -> None:
    assert "marquee demo" in client.get("/").content.decode()


def test_healthz(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_page_landmarks(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#content">Skip to content</a>' in html
    for landmark in (
        '<header class="site-header">',
        '<nav class="site-nav" aria-label="Main">',
        '<main id="content"',
        '<footer class="site-footer">',
    ):
        assert landmark in html
