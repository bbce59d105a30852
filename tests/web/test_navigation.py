"""The main navigation links only to sections that exist (tests/web/test_demo.py checks that
the demo content fills each of them)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def navigation(html: str) -> list[tuple[str, str]]:
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)


def test_the_navigation_lists_the_sections(client: Client) -> None:
    assert navigation(client.get("/").content.decode()) == [
        ("/", "Latest"),
        ("/tags/film/", "Film"),
        ("/tags/series/", "TV"),
        ("/tags/books/", "Books"),
        ("/watch/", "Where to watch"),
    ]


def test_every_navigation_link_answers_on_an_empty_site(client: Client) -> None:
    for url, label in navigation(client.get("/").content.decode()):
        assert client.get(url).status_code == 200, (label, url)
