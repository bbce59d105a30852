"""Article and tag pages: content, drafts hidden, bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marquee.catalog.models import Character, Person, Title
from marquee.newsroom.article_format import SourceInput
from marquee.newsroom.models import ArticleEntity, ArticleStatus, EntityState
from tests.conftest import make_article

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
    assert 'src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
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


def test_tag_page_queries_are_bounded(client: Client, django_assert_num_queries: object) -> None:
    for index in range(15):
        make_article(f"a{index}", tags=("film", f"t{index}"))
    with django_assert_num_queries(4):  # type: ignore[operator]
        assert client.get("/tags/film/").status_code == 200
