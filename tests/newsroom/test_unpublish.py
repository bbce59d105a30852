"""Unpublishing is complete, in every process: a second web server (``marquee serve`` in
production mode, its own processes and caches, the same database) stops showing an unpublished
article everywhere at once, and shows it everywhere again once it is published."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from marquee.catalog.models import Person
from marquee.discovery import services as discovery_services
from marquee.newsroom.models import Article, ArticleStatus
from tests.conftest import make_article, production_environment

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "toronto-premiere-report"
URL = f"/articles/{SLUG}/"

# Every place a published article shows, as (name, path, part of the page to look in).
PLACES: list[tuple[str, str, str | None]] = [
    ("home: latest", "/", "latest"),
    ("home: trending", "/", "trending-heading"),
    ("home: from what you follow", "/", "following-heading"),
    ("similar articles of another article", "/articles/kim-go-eun-on-jae-hee/", "similar"),
    ("search", "/search/?q=Toronto", None),
    ("tag page", "/tags/festivals/", None),
    ("person page", "/people/kim-go-eun/", None),
    ("title page", "/titles/love-in-the-big-city-film/", None),
    ("RSS", "/feeds/latest.rss", None),
    ("Atom", "/feeds/latest.atom", None),
    ("tag feed", "/feeds/tags/festivals.rss", None),
    ("person feed", "/feeds/people/kim-go-eun.atom", None),
    ("title feed", "/feeds/titles/love-in-the-big-city-film.rss", None),
    ("sitemap of articles", "/sitemap-articles.xml", None),
    ("news sitemap", "/sitemap-news.xml", None),
    ("API: article list", "/api/v1/articles", None),
    ("API: articles about a person", "/api/v1/articles?person=kim-go-eun", None),
    ("API: similar of another article", "/api/v1/articles/kim-go-eun-on-jae-hee/similar", None),
    ("API: search", "/api/v1/search?q=Toronto", None),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def second_server(tmp_path: Path, server_redis_url: str) -> Iterator[str]:
    """``marquee serve`` in production mode (2 workers) on the test database."""
    port = _free_port()
    env = production_environment(settings, server_redis_url)
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "marquee.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5)
                break
            except OSError:  # not listening yet, or still starting
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "second server did not start:\n" + (tmp_path / "server.log").read_text()
                    ) from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _get(base: str, path: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(f"{base}{path}", headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _part(html: str, part: str | None) -> str:
    """The part of a page where the place is: a home rail, the latest grid, or the similar box."""
    if part is None:
        return html
    if part == "latest":
        return html.split('<div class="card-grid">', 1)[-1]
    if part == "similar":
        match = re.search(r'<section[^>]*class="[^"]*similar.*?</section>', html, re.S)
        return match.group(0) if match else ""
    match = re.search(rf'<section[^>]*aria-labelledby="{part}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def _shown(base: str, cookie: str) -> dict[str, bool]:
    pages: dict[str, str] = {}
    shown = {}
    for name, path, part in PLACES:
        if path not in pages:
            status, pages[path] = _get(base, path, cookie)
            assert status == 200, f"{name}: {path} answered {status}"
        shown[name] = SLUG in _part(pages[path], part)
    return shown


@pytest.fixture
def newsroom(small_kb: Any) -> dict[str, str]:
    """The article under test, two related ones, a trending score and a following reader."""
    body = "Kim Go-eun and Steve Noh walked the red carpet for Love in the Big City in Toronto."
    make_article(SLUG, title="Love in the Big City premieres in Toronto", body=body,
                 tags=("Festivals",))  # fmt: skip
    make_article("kim-go-eun-on-jae-hee", title="Kim Go-eun on playing Jae-hee",
                 body="Kim Go-eun talks about Love in the Big City and Noh Sang-hyun.")  # fmt: skip
    # Another public article keeps the tag public (a tag only drafts carry is a 404).
    make_article("lee-eon-hee-interview", title="Lee Eon-hee on directing",
                 body="Lee Eon-hee directed Love in the Big City with Kim Go-eun.",
                 tags=("Festivals",))  # fmt: skip
    for _ in range(3):
        discovery_services.article_view_record(slug=SLUG)
    discovery_services.article_views_flush()
    discovery_services.trending_refresh()
    reader = User.objects.create_user("fan", password="a long enough password")
    discovery_services.follow_create(user=reader, person=Person.objects.get(slug="kim-go-eun"))
    client = Client()
    client.force_login(reader)
    return {"cookie": f"sessionid={client.cookies['sessionid'].value}"}


def test_unpublish_takes_the_article_down_everywhere_and_publish_brings_it_back(
    newsroom: dict[str, str], second_server: str
) -> None:
    cookie = newsroom["cookie"]
    everywhere = {name: True for name, _, _ in PLACES}
    # An anonymous reader follows nobody; their pages come from that process's page cache.
    anonymous = {**everywhere, "home: from what you follow": False}
    assert _get(second_server, URL, cookie)[0] == 200
    assert _shown(second_server, cookie) == everywhere  # every place is warm in that process
    assert _shown(second_server, "") == _shown(second_server, "") == anonymous  # and stored

    call_command("articles", "unpublish", SLUG)

    assert Article.objects.get(slug=SLUG).status == ArticleStatus.UNPUBLISHED
    for reader in (cookie, ""):
        assert _get(second_server, URL, reader)[0] == 404
        assert _get(second_server, f"/api/v1/articles/{SLUG}", reader)[0] == 404
        assert _shown(second_server, reader) == {name: False for name in everywhere}

    call_command("articles", "publish", SLUG)

    assert _get(second_server, URL, cookie)[0] == 200
    assert _shown(second_server, cookie) == everywhere
    assert _shown(second_server, "") == anonymous
