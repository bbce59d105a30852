"""View counting in the cache, flushing, trending and "From what you follow" on the home page."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marquee.catalog.models import Person, Title
from marquee.community import services as community_services
from marquee.discovery import services
from marquee.discovery.models import ArticleViewCount, Follow, TrendingArticle
from marquee.discovery.selectors import trending_articles
from tests.conftest import make_article
from tests.discovery.conftest import link

pytestmark = pytest.mark.django_db


@override_settings(MARQUEE_VIEWS_FLUSH_EVERY=1000)
def test_article_views_do_not_write_to_the_database(client: Client) -> None:
    make_article("popular")
    client.get("/articles/popular/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/articles/popular/")
    assert not [q for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert ArticleViewCount.objects.count() == 0
    assert client.get("/articles/missing/").status_code == 404


@override_settings(MARQUEE_VIEWS_FLUSH_EVERY=3)
def test_every_nth_view_flushes_the_counter(client: Client) -> None:
    article = make_article("popular")
    for _ in range(7):
        client.get("/articles/popular/")
    assert ArticleViewCount.objects.get(article=article).views == 6
    assert services.article_views_flush() == 1
    assert ArticleViewCount.objects.get(article=article).views == 7
    assert services.article_views_flush() == 1  # idempotent: the larger value is kept
    assert ArticleViewCount.objects.get(article=article).views == 7
    assert trending_articles() == [article]  # the flush at 3 and 6 views refreshed trending


def test_flush_views_command_writes_counters_and_ranks(client: Client) -> None:
    hot, warm, old = (make_article(slug) for slug in ("hot", "warm", "old"))
    now = timezone.now()
    for _ in range(5):
        services.article_view_record(slug="hot", now=now)
    services.article_view_record(slug="warm", now=now)
    ArticleViewCount.objects.create(
        article=old, hour=now - datetime.timedelta(hours=60), views=1000
    )  # outside the 48-hour window
    out = StringIO()
    call_command("flush_views", stdout=out)
    assert out.getvalue() == "view counters written: 2; trending articles: 2\n"
    assert trending_articles() == [hot, warm]
    html = client.get("/").content.decode()
    assert '<h2 id="trending-heading" class="discovery__heading">Trending</h2>' in html
    box = html[
        html.index('id="trending-heading"') : html.index(
            "</ol>", html.index('id="trending-heading"')
        )
    ]
    assert box.index('href="/articles/hot/"') < box.index('href="/articles/warm/"')
    assert "/articles/old/" not in box


def test_older_views_decay() -> None:
    fresh, stale = make_article("fresh"), make_article("stale")
    now = timezone.now()
    ArticleViewCount.objects.create(article=fresh, hour=now - datetime.timedelta(hours=1), views=10)
    ArticleViewCount.objects.create(
        article=stale, hour=now - datetime.timedelta(hours=30), views=40
    )
    assert services.trending_refresh(now=now) == [fresh.pk, stale.pk]


def test_reactions_and_comments_count(settings: Any) -> None:
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0  # published at once
    quiet, discussed = make_article("quiet"), make_article("discussed")
    ArticleViewCount.objects.create(article=quiet, hour=timezone.now(), views=20)
    for name in ("jaehee", "heungsoo", "mira"):
        reader = community_services.account_create(
            username=name, email=f"{name}@example.com", password="a long enough password"
        )
        community_services.reaction_set(reader=reader, article=discussed, kind="love")
    community_services.comment_post(author=reader, article=discussed, body="What a premiere.")
    # 20 views = 20 points; 3 reactions (5 each) and a comment (10) = 25 points.
    assert services.trending_refresh() == [discussed.pk, quiet.pk]


def test_unpublished_articles_leave_trending() -> None:
    article = make_article("gone")
    ArticleViewCount.objects.create(article=article, hour=timezone.now(), views=5)
    services.trending_refresh()
    article.status = "draft"
    article.save()
    assert trending_articles() == []
    assert TrendingArticle.objects.count() == 1


@pytest.fixture
def reader(client: Client) -> User:
    user = User.objects.create_user("reader", password="x")
    client.force_login(user)
    return user


def test_follow_people_and_titles_from_their_pages(
    client: Client, small_kb: object, reader: User
) -> None:
    html = client.get("/people/kim-go-eun/").content.decode()
    assert (
        '<button class="follow__button" type="submit" aria-pressed="false">Follow Kim Go-eun</button>'
        in html
    )
    response = client.post("/follow/", {"kind": "person", "slug": "kim-go-eun"})
    assert response.status_code == 302 and response["Location"] == "/people/kim-go-eun/"
    client.post("/follow/", {"kind": "person", "slug": "kim-go-eun"})  # twice: still one
    client.post("/follow/", {"kind": "title", "slug": "goblin", "next": "/"})
    assert Follow.objects.filter(user=reader).count() == 2
    html = client.get("/people/kim-go-eun/").content.decode()
    assert "Following Kim Go-eun</button>" in html
    client.post("/follow/", {"kind": "person", "slug": "kim-go-eun", "action": "unfollow"})
    assert list(Follow.objects.values_list("title__slug", flat=True)) == ["goblin"]
    assert client.post("/follow/", {"kind": "tag", "slug": "x"}).status_code == 400
    assert client.post("/follow/", {"kind": "person", "slug": "nobody"}).status_code == 404


def test_anonymous_readers_are_sent_to_log_in(client: Client, small_kb: object) -> None:
    response = client.post("/follow/", {"kind": "person", "slug": "kim-go-eun"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    html = client.get("/titles/goblin/").content.decode()
    assert '<a href="/accounts/login/?next=/titles/goblin/">Log in</a> to follow' in html
    assert "From what you follow" not in client.get("/").content.decode()


def test_home_shows_what_you_follow(
    client: Client, small_kb: object, reader: User, django_assert_num_queries: Any
) -> None:
    about_person = make_article("kim-news", title="Kim Go-eun news")
    about_character = make_article("jae-hee-news", title="Jae-hee explained")
    other = make_article("other-news", title="Other news")
    link(about_person, person="kim-go-eun")
    link(about_character, character="Goo Jae-hee")
    link(other, person="noh-sang-hyun")
    html = client.get("/").content.decode()
    assert "Follow people and titles from their pages to see their news here." in html
    Follow.objects.create(user=reader, person=Person.objects.get(slug="kim-go-eun"))
    Follow.objects.create(user=reader, title=Title.objects.get(slug="love-in-the-big-city-film"))
    # session, user, latest (3), trending (the stored ranking, none; the most discussed, none;
    # the most connected), the three sections, follows (the reply and notification badges
    # remembered from before)
    with django_assert_num_queries(12):
        html = client.get("/").content.decode()
    section = html[
        html.index('id="following-heading"') : html.index(
            "</section>", html.index('id="following-heading"')
        )
    ]
    assert 'href="/articles/kim-news/"' in section
    assert 'href="/articles/jae-hee-news/"' in section
    assert "other-news" not in section
