"""The home page's trending box before there is a stored ranking: the most discussed of the
week, else the most connected of the newest articles, else no box."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from marquee.community import services as community_services
from marquee.discovery import services
from marquee.discovery.models import ArticleViewCount
from marquee.discovery.selectors.trending import CONNECTED_AMONG, home_trending
from marquee.newsroom.models import Article
from tests.conftest import make_article
from tests.discovery.conftest import link

pytestmark = pytest.mark.django_db


def readers(count: int) -> list[User]:
    return [
        community_services.account_create(
            username=f"reader{n}", email=f"reader{n}@example.com", password="a long enough password"
        )
        for n in range(count)
    ]


def box(html: str) -> str:
    start = html.index('<section class="home-rail')
    return html[start : html.index("</section>", start)]


def slugs(articles: list[Article]) -> list[str]:
    return [article.slug for article in articles]


def test_nothing_to_rank_means_no_box(client: Client) -> None:
    make_article("quiet")  # no engagement, linked to nobody
    assert home_trending() is None
    assert 'id="trending-heading"' not in client.get("/").content.decode()


def test_the_most_connected_of_the_newest_articles_come_first(
    client: Client, settings: Any, small_kb: object, django_assert_num_queries: Any
) -> None:
    now = timezone.now()
    old = make_article("old", published_at=now - datetime.timedelta(days=400))
    one, three, two = (make_article(slug) for slug in ("one-link", "three-links", "two-links"))
    for day in range(CONNECTED_AMONG - 3):  # with these, the newest: "old" is not among them
        make_article(f"unlinked-{day}", published_at=now - datetime.timedelta(days=day + 1))
    link(one, person="kim-go-eun")
    for article in (three, old):
        link(article, person="kim-go-eun")
        link(article, person="noh-sang-hyun")
        link(article, title="goblin")
    link(two, person="kim-go-eun")
    link(two, title="goblin")
    link(two, person="lee-eon-hee", state="rejected")  # not shown to readers: not counted
    with django_assert_num_queries(3):  # the stored ranking, the discussed, the connected
        trending = home_trending()
    assert trending is not None
    assert (trending.basis, trending.heading) == ("connected", "Most connected")
    assert slugs(trending.articles) == ["three-links", "two-links", "one-link"]
    html = box(client.get("/").content.decode())
    assert '<h2 id="trending-heading" class="discovery__heading">Most connected</h2>' in html
    assert (
        '<p class="home-rail__note">Recent stories linked to the most people and titles</p>' in html
    )
    assert html.index("/articles/three-links/") < html.index("/articles/two-links/")
    assert "/articles/old/" not in html
    Article.objects.filter(slug__startswith="unlinked-").delete()
    assert slugs(home_trending().articles) == [  # type: ignore[union-attr]
        "three-links", "old", "two-links", "one-link"
    ]  # fmt: skip


def test_reactions_and_comments_of_the_week_rank_before_connections(
    client: Client, settings: Any, small_kb: object
) -> None:
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0  # published at once
    reacted, commented, linked = (make_article(s) for s in ("reacted", "commented", "linked"))
    link(linked, person="kim-go-eun")
    first, second, third = readers(3)
    community_services.reaction_set(reader=first, article=reacted, kind="love")  # 5 points
    community_services.comment_post(author=first, article=commented, body="Can't wait.")  # 10
    trending = home_trending()
    assert trending is not None
    assert (trending.basis, trending.heading) == ("discussed", "Most discussed this week")
    assert slugs(trending.articles) == ["commented", "reacted"]
    for reader in (second, third):  # 15 points
        community_services.reaction_set(reader=reader, article=reacted, kind="love")
    assert slugs(home_trending().articles) == ["reacted", "commented"]  # type: ignore[union-attr]
    html = box(client.get("/").content.decode())
    assert '<h2 id="trending-heading" class="discovery__heading">Most discussed this week</h2>' in (
        html
    )
    assert '<p class="home-rail__note">By reactions and comments</p>' in html


def test_engagement_older_than_a_week_does_not_count(settings: Any) -> None:
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0
    article = make_article("last-month")
    (reader,) = readers(1)
    community_services.comment_post(
        author=reader,
        article=article,
        body="Old news.",
        now=timezone.now() - datetime.timedelta(days=8),
    )
    assert home_trending() is None


def test_the_stored_ranking_comes_first(client: Client, settings: Any) -> None:
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0
    viewed, commented = make_article("viewed"), make_article("commented")
    (reader,) = readers(1)
    community_services.comment_post(author=reader, article=commented, body="Lovely.")
    ArticleViewCount.objects.create(article=viewed, hour=timezone.now(), views=50)
    services.trending_refresh()
    trending = home_trending()
    assert trending is not None
    assert (trending.basis, trending.heading) == ("trending", "Trending")
    assert slugs(trending.articles) == ["viewed", "commented"]
