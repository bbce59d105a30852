"""Article and tag pages: content, drafts hidden, exact query counts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marquee.catalog.models import Character, Person, Title
from marquee.community import services as community
from marquee.linking.models import ArticleEntity, EntityState
from marquee.newsroom.article_format import SourceInput
from marquee.newsroom.models import Article, ArticleStatus
from tests.conftest import make_article
from tests.discovery.conftest import link, refresh

pytestmark = pytest.mark.django_db


def test_article_page_shows_everything(client: Client, small_kb: object) -> None:
    article = make_article(
        "lbc-review",
        title="Review: Love in the Big City",
        dek="A warm, funny film.",
        body="## The film\n\nKim Go-eun is *superb*.",
        published_at=datetime.datetime(2024, 10, 1, 9, tzinfo=datetime.UTC),
        tags=("film", "Reviews"),
        sources=(SourceInput("TIFF", "https://www.tiff.net/"), SourceInput("Press kit")),
        trailer_url="https://youtu.be/abcdefghijk",
    )
    ArticleEntity.objects.create(
        article=article, person=Person.objects.get(slug="kim-go-eun"), first_offset=12
    )
    ArticleEntity.objects.create(
        article=article, title=Title.objects.get(slug="love-in-the-big-city-film"), first_offset=1
    )
    ArticleEntity.objects.create(
        article=article, character=Character.objects.get(name="Goo Jae-hee"), first_offset=30
    )
    ArticleEntity.objects.create(
        article=article,
        person=Person.objects.get(slug="noh-sang-hyun"),
        state=EntityState.REJECTED,
    )
    html = client.get("/articles/lbc-review/").content.decode()
    assert '<h1 id="article-title" class="article__title">Review: Love in the Big City</h1>' in html
    assert '<p class="article__dek">A warm, funny film.</p>' in html
    assert '<span class="byline">By Staff writer</span>' in html
    assert '<time datetime="2024-10-01T09:00:00+00:00">1 October 2024</time>' in html
    assert "<h3>The film</h3>" in html  # body headings sit below the headline
    assert "<em>superb</em>" in html
    assert (
        '<iframe src="https://www.youtube-nocookie.com/embed/abcdefghijk" title="Trailer: Review: '
        'Love in the Big City" loading="lazy" referrerpolicy="strict-origin-when-cross-origin" '
        'allow="encrypted-media; picture-in-picture; fullscreen"></iframe>'
    ) in html  # fullscreen through `allow` only: with `allowfullscreen` too, browsers warn
    assert '<a href="https://www.tiff.net/" rel="noopener noreferrer">TIFF</a>' in html
    assert "<li>Press kit</li>" in html
    assert '<a href="/tags/reviews/">Reviews</a>' in html
    # Entity chips in order of first mention, rejected ones left out.
    title_chip = html.index('href="/titles/love-in-the-big-city-film/"')
    person_chip = html.index('class="chip chip--person" href="/people/kim-go-eun/"')
    character_chip = html.index("Goo Jae-hee <span")
    assert title_chip < person_chip < character_chip
    assert "/people/noh-sang-hyun/" not in html


def test_non_youtube_trailer_is_a_plain_link(client: Client) -> None:
    make_article("vimeo", trailer_url="https://vimeo.com/12345")
    html = client.get("/articles/vimeo/").content.decode()
    assert (
        '<a href="https://vimeo.com/12345" rel="noopener noreferrer">Watch the trailer</a>' in html
    )
    assert "<iframe" not in html


@pytest.mark.parametrize(
    ("status", "published_at"),
    [
        (ArticleStatus.DRAFT, None),
        (ArticleStatus.PUBLISHED, timezone.now() + datetime.timedelta(days=1)),
    ],
)
def test_drafts_and_scheduled_articles_are_404(
    client: Client, status: str, published_at: datetime.datetime | None
) -> None:
    make_article("secret", status=status, published_at=published_at, tags=("film",))
    response = client.get("/articles/secret/")
    assert response.status_code == 404
    assert "secret" not in client.get("/").content.decode()
    assert "secret" not in client.get("/tags/film/").content.decode()


def test_article_page_queries_are_bounded(client: Client, small_kb: object) -> None:
    def article_with(count: int) -> str:
        slug = f"many-{count}"
        article = make_article(
            slug,
            tags=tuple(f"tag{i}" for i in range(count)),
            sources=tuple(SourceInput(f"S{i}") for i in range(count)),
        )
        for person in Person.objects.all()[:count]:
            ArticleEntity.objects.create(article=article, person=person)
        return f"/articles/{slug}/"

    small, large = article_with(1), article_with(4)
    with CaptureQueriesContext(connection) as few:
        assert client.get(small).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(large).status_code == 200
    # 4 for the article; discovery 3 (Similar Articles, the people's other works, their offers);
    # community 4 (reactions, comments, closed discussion, comment count).
    assert len(few) == len(many) == 11


def test_tag_page_lists_its_articles(client: Client) -> None:
    make_article("one", title="One", tags=("books",))
    make_article("two", title="Two", tags=("film",))
    html = client.get("/tags/books/").content.decode()
    assert '<a href="/articles/one/">One</a>' in html
    assert "/articles/two/" not in html
    assert client.get("/tags/nothing-here/").status_code == 404


@pytest.mark.parametrize(
    ("status", "published_at"),
    [
        (ArticleStatus.DRAFT, None),
        (ArticleStatus.PUBLISHED, timezone.now() + datetime.timedelta(days=1)),
    ],
)
def test_a_tag_only_drafts_carry_is_not_public(
    client: Client, status: str, published_at: datetime.datetime | None
) -> None:
    make_article("secret", status=status, published_at=published_at, tags=("Project Zeta",))
    make_article("public", tags=("film",))
    response = client.get("/tags/project-zeta/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Project Zeta" not in html  # (the address itself is the reader's own input)
    assert "No tag with this address." in html
    # the same tag on a public article makes it public
    make_article("now-public", tags=("Project Zeta",))
    html = client.get("/tags/project-zeta/").content.decode()
    assert (
        '<h1 class="page-title"><span class="page-title__kicker">Tag</span> Project Zeta</h1>'
        in html
    )
    assert "/articles/now-public/" in html and "/articles/secret/" not in html


def test_a_section_page_answers_before_any_article_carries_its_tag(client: Client) -> None:
    """The main navigation links to every section, so each answers even on an empty site."""
    html = client.get("/tags/series/").content.decode()
    assert '<h1 class="page-title"><span class="page-title__kicker">Tag</span> TV</h1>' in html
    assert "No published articles carry this tag yet." in html
    make_article("draft-series", status=ArticleStatus.DRAFT, tags=("Series (draft)",))
    html = client.get("/tags/series/").content.decode()
    assert '<span class="page-title__kicker">Tag</span> TV</h1>' in html
    assert "Series (draft)" not in html and "/articles/draft-series/" not in html
    make_article("public-series", tags=("Series",))
    html = client.get("/tags/series/").content.decode()
    assert '<span class="page-title__kicker">Tag</span> Series</h1>' in html
    assert "/articles/public-series/" in html and "/articles/draft-series/" not in html
    assert client.get("/tags/tv/").status_code == 404


def test_tags_keep_the_editors_display_names(client: Client) -> None:
    names = ("K-pop", "miss A", "Noh Sang-hyun", "Love in the Big City")
    make_article("bad-girl-good-girl", tags=names)
    html = client.get("/articles/bad-girl-good-girl/").content.decode()
    footer = html[html.index('<footer class="article__footer">') :]
    for tag_link in (
        '<li><a href="/tags/k-pop/">K-pop</a></li>',
        '<li><a href="/tags/love-in-the-big-city/">Love in the Big City</a></li>',
        '<li><a href="/tags/miss-a/">miss A</a></li>',
        '<li><a href="/tags/noh-sang-hyun/">Noh Sang-hyun</a></li>',
    ):
        assert tag_link in footer
    tag_page = client.get("/tags/miss-a/").content.decode()
    assert "<title>miss A · Marquee</title>" in tag_page
    assert '<span class="page-title__kicker">Tag</span> miss A</h1>' in tag_page
    heading = client.get("/tags/love-in-the-big-city/").content.decode()
    assert '<span class="page-title__kicker">Tag</span> Love in the Big City</h1>' in heading


def test_an_existing_tag_takes_the_display_name_an_editor_gives(client: Client) -> None:
    make_article("older", tags=("k-pop",))  # a bare slug, as older files wrote tags
    assert '<a href="/tags/k-pop/">k pop</a>' in client.get("/articles/older/").content.decode()
    make_article("newer", tags=("K-pop",))
    make_article("slug-only", tags=("k-pop",))  # a bare slug leaves the name alone
    for slug in ("older", "newer", "slug-only"):
        html = client.get(f"/articles/{slug}/").content.decode()
        assert '<a href="/tags/k-pop/">K-pop</a>' in html, slug


def test_tag_page_queries_are_exact(client: Client, django_assert_num_queries: Any) -> None:
    for index in range(15):
        make_article(f"a{index}", tags=("film", f"t{index}"))
    # the tag (one query, with the check that a public article carries it), count, page, tags
    with django_assert_num_queries(4):
        assert client.get("/tags/film/").status_code == 200
    with django_assert_num_queries(1):  # a section no public article carries: the tag only
        assert client.get("/tags/books/").status_code == 200
    client.force_login(community.account_create(username="reader", email="", password=PASSWORD))
    # session, user, the header's reply and notification badges
    with django_assert_num_queries(4 + 4):
        assert client.get("/tags/film/").status_code == 200


PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def discussed(small_kb: object, settings: Any) -> Article:
    """An article with everything its page can show: Watch Now offers, Similar Articles,
    reactions, and a comment with a reply and a like."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0
    article = make_article("lbc-review", title="Review: Love in the Big City", tags=("film",))
    premiere = make_article("lbc-premiere", title="Love in the Big City premieres", tags=("film",))
    for story in (article, premiere):
        link(story, person="kim-go-eun")
        link(story, title="love-in-the-big-city-film")
    refresh(article, premiere)
    jaehee = community.account_create(username="jaehee", email="", password=PASSWORD)
    heungsoo = community.account_create(username="heungsoo", email="", password=PASSWORD)
    community.reaction_set(reader=jaehee, article=article, kind="love")
    community.reaction_set(reader=heungsoo, article=article, kind="wow")
    first = community.comment_post(author=jaehee, article=article, body="What a film.")
    reply = community.comment_post(
        author=heungsoo, article=article, body="Agreed!", parent_id=first.pk
    )
    community.comment_like_toggle(reader=jaehee, comment=reply)
    return article


def test_article_page_composes_every_block_in_exact_queries(
    client: Client, discussed: Article, django_assert_num_queries: Any
) -> None:
    # article, sources, tags, entities; the people's other works, their offers, Similar
    # Articles; reactions, comment count, comment page, replies, closed?, published count.
    with django_assert_num_queries(13):
        html = client.get("/articles/lbc-review/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert html.count('class="similar__item"') == 1
    assert '<a class="similar__link" href="/articles/lbc-premiere/">' in html
    assert 'class="watch-title"' in html and ">Viki</a>" in html
    assert '<meta property="og:title" content="Review: Love in the Big City">' in html
    assert html.count('class="comment-thread"') == 1
    assert "What a film." in html and "Agreed!" in html
    assert 'data-reaction="love"' in html


def test_article_page_for_a_logged_in_reader_in_exact_queries(
    client: Client, discussed: Article, django_assert_num_queries: Any
) -> None:
    client.force_login(community.account_create(username="reader", email="", password=PASSWORD))
    # 13 as above, plus session, user, the reader's saved region and languages, their standing (a
    # ban, comments awaiting review here), their likes, the header's reply and notification
    # badges.
    with django_assert_num_queries(13 + 7):
        html = client.get("/articles/lbc-review/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'class="reactions__form"' in html
    assert '<textarea id="comment-body"' in html
    assert 'class="account-nav__replies" href="/accounts/replies/">Replies</a>' in html
