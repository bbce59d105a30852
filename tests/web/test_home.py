"""The home page: lead and secondary stories, sections, the latest list, pagination, queries."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from marquee.community.services import account_create
from marquee.media.models import Image
from marquee.media.services import image_add
from marquee.newsroom.models import Article
from marquee.newsroom.services import article_image_set
from tests.conftest import make_article
from tests.discovery.conftest import link

pytestmark = pytest.mark.django_db
START = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploaded images and renditions under ``tmp_path``."""
    default = {**settings.STORAGES["default"]}
    default["OPTIONS"] = {**default.get("OPTIONS", {}), "location": str(tmp_path)}
    settings.STORAGES = {**settings.STORAGES, "default": default}
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo() -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (120, 40, 60)).save(buffer, "JPEG")
    return image_add(data=buffer.getvalue(), alt="A red screen", credit="Test studio")


def dated(count: int, *, start: int = 0, **fields: Any) -> list[Article]:
    """``count`` public articles ``day-<n>`` a day apart, the last the newest."""
    return [
        make_article(
            f"day-{day}",
            title=f"Day {day}",
            published_at=START + datetime.timedelta(days=day),
            **fields,
        )
        for day in range(start, start + count)
    ]


def part(html: str, label: str) -> str:
    """The ``<section>`` labelled by ``label`` (its heading's id)."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="{re.escape(label)}".*?</section>', html, re.S
    )
    assert match, f"no section {label!r}"
    return match.group(0)


def top_stories(html: str) -> str:
    """The lead and secondary stories (up to the trending box or the sections)."""
    start = html.index('<div class="front">')
    ends = ('<div class="home-discovery">', '<section class="home-', "</main>")
    return html[start : min(html.find(end, start) % len(html) for end in ends)]


def article_links(html: str) -> list[str]:
    """The slugs of the articles linked from ``html``, in order, each once."""
    slugs = re.findall(r'href="/articles/([^/"]+)/"', html)
    return list(dict.fromkeys(slugs))


def test_home_lists_published_articles_newest_first_paginated(client: Client) -> None:
    dated(14)
    first = client.get("/").content.decode()
    assert first.index("/articles/day-13/") < first.index("/articles/day-12/")
    assert "/articles/day-1/" not in first
    assert "Page 1 of 2" in first
    second = client.get("/?page=2").content.decode()
    assert article_links(second.split('<div class="card-grid">', 1)[1]) == ["day-1", "day-0"]
    assert '<h1 class="page-title">Latest <span class="page-title__page">page 2</span></h1>' in (
        second
    )
    assert 'class="lead-story"' not in second and 'id="trending-heading"' not in second
    assert client.get("/?page=999").status_code == 200


def test_the_lead_story_is_the_latest_article_then_three_secondary_then_the_rest(
    client: Client,
) -> None:
    dated(12, dek="What happened.")
    html = client.get("/").content.decode()
    front = top_stories(html)
    lead = front[front.index('<article class="lead-story">') : front.index("</article>")]
    assert article_links(lead) == ["day-11"]
    assert '<h2 class="lead-story__title"><a href="/articles/day-11/">Day 11</a></h2>' in lead
    assert '<p class="lead-story__dek">What happened.</p>' in lead
    assert '<span class="byline">By Staff writer</span>' in lead
    secondary = front[front.index('<div class="front__secondary">') :]
    assert article_links(secondary) == ["day-10", "day-9", "day-8"]
    assert article_links(part(html, "latest-heading")) == [f"day-{n}" for n in range(7, -1, -1)]
    # One h1 for the page, then h2 for each story and box, h3 for the cards under a heading.
    assert re.findall(r"<h1[ >]", html) == ["<h1 "]
    assert html.index("<h1 ") < html.index("<h2 ") < html.index("<h3 ")


def test_every_card_has_a_thumbnail_and_the_lead_a_large_eager_photo(
    client: Client, media_root: Path
) -> None:
    articles = dated(6)
    image = photo()
    article_image_set(articles[-1], image)  # the lead
    article_image_set(articles[0], image)  # the last card
    html = client.get("/").content.decode()
    lead = top_stories(html).split('<div class="front__secondary">')[0]
    assert '<figure class="photo photo--lead"><picture class="picture picture--lead">' in lead
    assert 'loading="eager" decoding="async" fetchpriority="high"' in lead
    assert 'alt="A red screen"' in lead
    assert re.search(r'<figcaption><span class="photo__credit">\w+: Test studio</span>', lead)
    cards = re.findall(r'<article class="card.*?</article>', html, re.S)
    assert len(cards) == 5
    for card in cards:
        thumbnail = re.search(r'<div class="card__image">(.*?)</div>', card, re.S)
        assert thumbnail, card
        assert thumbnail.group(1).startswith(
            ('<picture class="picture picture--card">', '<span class="picture picture--card')
        )
    assert 'loading="lazy"' in cards[-1] and 'alt="A red screen"' in cards[-1]
    # No image: the placeholder of the same shape with the title's monogram, hidden from
    # screen readers (the card's headline names it).
    assert re.search(
        r'<span class="picture picture--card picture--placeholder picture--tone-\d" '
        r'aria-hidden="true"><span class="picture__monogram">D\w*</span></span>',
        cards[0],
    )


def test_sections_hold_only_articles_about_titles_of_their_kind(
    client: Client, small_kb: object
) -> None:
    film, novel, series, character, _unlinked = (
        make_article(slug, published_at=START + datetime.timedelta(days=day))
        for day, slug in enumerate(("film-news", "novel-news", "series-news", "jae-hee", "misc"))
    )
    link(film, title="love-in-the-big-city-film")
    link(novel, title="love-in-the-big-city-novel")
    link(series, title="goblin")
    link(character, character="Goo Jae-hee")  # a character of the film
    dated(4, start=10)  # newer: the lead and secondary stories, left out of the sections
    html = client.get("/").content.decode()
    assert article_links(part(html, "section-film-heading")) == ["jae-hee", "film-news"]
    assert article_links(part(html, "section-series-heading")) == ["series-news"]
    assert article_links(part(html, "section-books-heading")) == ["novel-news"]
    film_section = part(html, "section-film-heading")
    assert '<h2 id="section-film-heading" class="home-section__title">Film</h2>' in film_section
    assert (
        '<a class="home-section__more" href="/tags/film/">More Film'
        '<span class="visually-hidden"> news</span> →</a>'
    ) in film_section
    assert '<h2 id="section-series-heading" class="home-section__title">TV</h2>' in html
    assert "misc" not in "".join(
        part(html, f"section-{slug}-heading") for slug in ("film", "series", "books")
    )


def test_a_story_shows_in_one_section_only_the_first_of_the_navigation(
    client: Client, small_kb: object
) -> None:
    adaptation, novel = (
        make_article(slug, published_at=START + datetime.timedelta(days=day))
        for day, slug in enumerate(("adaptation", "novel-news"))
    )
    link(adaptation, title="love-in-the-big-city-film")
    link(adaptation, title="love-in-the-big-city-novel")
    link(novel, title="love-in-the-big-city-novel")
    dated(4, start=10)
    html = client.get("/").content.decode()
    assert article_links(part(html, "section-film-heading")) == ["adaptation"]
    assert article_links(part(html, "section-books-heading")) == ["novel-news"]


def test_a_section_without_articles_is_left_out_and_top_stories_are_not_repeated(
    client: Client, small_kb: object
) -> None:
    film = make_article("film-news", published_at=START)
    link(film, title="love-in-the-big-city-film")
    html = client.get("/").content.decode()
    assert article_links(top_stories(html)) == ["film-news"]
    assert 'id="section-' not in html  # the film story is the lead; nothing about the rest


def test_home_queries_are_exact(
    client: Client, settings: Any, django_assert_num_queries: Any
) -> None:
    for index in range(20):
        make_article(f"a{index}", tags=("film", f"t{index}"))
    # Count, page (with images) and tags; the trending box: the stored ranking, then the most
    # discussed and the most connected (none of either); one query per section (three).
    with django_assert_num_queries(3 + 3 + 3):
        assert client.get("/").status_code == 200
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(account_create(username="reader", email="", password="long-password-1"))
    # Plus session, user, the followed people's and titles' news, the header's reply and
    # notification badges.
    with django_assert_num_queries(9 + 5):
        assert client.get("/").status_code == 200
    # Later pages show neither the boxes nor the sections; the reply badge is remembered.
    with django_assert_num_queries(3 + 2):
        assert client.get("/?page=2").status_code == 200


def home_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_home_queries_do_not_grow_with_the_articles(
    client: Client, settings: Any, small_kb: object, media_root: Path
) -> None:
    """Every article with an image, tags and links to titles of each kind: five articles or
    thirty cost the same number of queries (no query per card)."""
    settings.MARQUEE_PAGE_CACHE = False
    image = photo()

    def add(count: int, start: int) -> None:
        for article in dated(count, start=start, tags=("film", "news")):
            article_image_set(article, image)
            for title in ("love-in-the-big-city-film", "love-in-the-big-city-novel", "goblin"):
                link(article, title=title)

    add(5, 0)
    few = home_queries(client)
    add(25, 5)
    assert home_queries(client) == few == 9


def test_empty_home_explains_how_to_load_content(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "marquee demo" in html
    assert 'class="lead-story"' not in html and 'id="trending-heading"' not in html


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
