"""marquee demo: the demo knowledge base and articles load, idempotently, and every page works."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.html import escape

from marquee.catalog.models import Availability, Credit, Person, Platform, Title
from marquee.newsroom.models import Article, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: None) -> None:
    call_command("demo", stdout=StringIO())


def test_demo_content_is_substantial(demo: None) -> None:
    assert Person.objects.count() >= 60
    assert Title.objects.count() >= 40
    assert Credit.objects.count() >= 100
    assert Article.objects.published().count() >= 15
    assert {"viki", "netflix", "tving"} <= set(Platform.objects.values_list("slug", flat=True))
    film = Title.objects.get(slug="love-in-the-big-city-film")
    assert film.native_name == "대도시의 사랑법"
    assert film.based_on is not None and film.based_on.slug == "love-in-the-big-city-novel"
    assert Credit.objects.filter(
        person__slug="noh-sang-hyun", title=film, character__name__contains="Heung-soo"
    ).exists()
    assert Availability.objects.filter(title__slug="my-military-valentine").exists()


def test_demo_is_idempotent(demo: None) -> None:
    before = (
        [(a.slug, a.updated_at) for a in Article.objects.order_by("slug")],
        Person.objects.count(),
    )
    out = StringIO()
    call_command("demo", stdout=out)
    after = (
        [(a.slug, a.updated_at) for a in Article.objects.order_by("slug")],
        Person.objects.count(),
    )
    assert after == before
    assert "people: " in out.getvalue() and "created" not in out.getvalue()


def test_demo_if_empty_leaves_a_used_database_alone(demo: None) -> None:
    Article.objects.filter(slug="review-love-in-the-big-city").delete()
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "demo content not loaded" in out.getvalue()
    assert not Article.objects.filter(slug="review-love-in-the-big-city").exists()


def test_every_demo_page_renders(demo: None, client: Client) -> None:
    home = client.get("/").content.decode()
    latest = Article.objects.published().order_by("-published_at").first()
    assert latest is not None and latest.get_absolute_url() in home
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.slug
        assert escape(article.title) in response.content.decode()
    for person in Person.objects.all():
        response = client.get(person.get_absolute_url())
        assert response.status_code == 200, person.slug
    for title in Title.objects.all():
        response = client.get(title.get_absolute_url())
        assert response.status_code == 200, title.slug


def test_every_section_in_the_navigation_has_demo_articles(demo: None, client: Client) -> None:
    nav = client.get("/").content.decode().split('<nav class="site-nav"', 1)[1].split("</nav>")[0]
    sections = re.findall(r'<a href="(/tags/[^"]+)">', nav)
    assert sections == ["/tags/film/", "/tags/series/", "/tags/books/"]
    for url in sections:
        html = client.get(url).content.decode()
        assert html.count('<article class="card">') >= 2, url


def test_demo_tags_have_display_names(demo: None, client: Client) -> None:
    names = dict(Tag.objects.values_list("slug", "name"))
    assert {slug: names[slug] for slug in ("k-pop", "miss-a", "noh-sang-hyun", "apple-tv")} == {
        "k-pop": "K-pop",
        "miss-a": "miss A",
        "noh-sang-hyun": "Noh Sang-hyun",
        "apple-tv": "Apple TV+",
    }
    heading = client.get("/tags/love-in-the-big-city/").content.decode()
    assert '<span class="page-title__kicker">Tag</span> Love in the Big City</h1>' in heading


def test_demo_again_gives_tags_stored_by_an_older_demo_their_display_names(demo: None) -> None:
    """The older demo stored slugs as names ("k pop"); running ``marquee demo`` fixes them
    without rewriting any article."""
    for tag in Tag.objects.all():
        tag.name = tag.slug.replace("-", " ")
        tag.save(update_fields=["name"])
    before = [(a.slug, a.updated_at) for a in Article.objects.order_by("slug")]
    call_command("demo", stdout=StringIO())
    assert Tag.objects.get(slug="k-pop").name == "K-pop"
    assert Tag.objects.get(slug="love-in-the-big-city").name == "Love in the Big City"
    assert [(a.slug, a.updated_at) for a in Article.objects.order_by("slug")] == before
