"""/api/v1/articles: the list, one article, its Similar Articles and its Watch Now offers."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from marquee.catalog.kb_format import parse_document
from marquee.catalog.models import Person
from marquee.catalog.services import kb_import
from marquee.linking.models import ArticleEntity, EntityState
from marquee.newsroom.article_format import SourceInput
from marquee.newsroom.models import Article, ArticleStatus
from tests.api.conftest import FILM, PUBLISHED, error, get_json
from tests.conftest import make_article
from tests.discovery.conftest import link, refresh

pytestmark = pytest.mark.django_db

TAGS = [
    {"slug": "film", "name": "Film", "url": "/tags/film/"},
    {"slug": "reviews", "name": "Reviews", "url": "/tags/reviews/"},
]


def day(n: int) -> datetime.datetime:
    return PUBLISHED + datetime.timedelta(days=n)


# The list -------------------------------------------------------------------------------------


def test_list_fields(client: Client, review: Article) -> None:
    assert get_json(client, "/api/v1/articles") == {
        "page": 1,
        "limit": 20,
        "has_next": False,
        "results": [
            {
                "slug": "lbc-review",
                "title": "Review: Love in the Big City",
                "dek": "A warm, funny film.",
                "author": "Staff writer",
                "published_at": "2024-10-01T09:00:00Z",
                "url": "/articles/lbc-review/",
                "tags": TAGS,
                "image": None,
            }
        ],
    }


def test_list_is_newest_first_and_paginated(client: Client) -> None:
    for n in range(5):
        make_article(f"day-{n}", published_at=day(n))
    first = get_json(client, "/api/v1/articles?limit=2")
    assert [a["slug"] for a in first["results"]] == ["day-4", "day-3"]
    assert (first["page"], first["limit"], first["has_next"]) == (1, 2, True)
    second = get_json(client, "/api/v1/articles?limit=2&page=2")
    assert [a["slug"] for a in second["results"]] == ["day-2", "day-1"]
    assert second["has_next"] is True
    last = get_json(client, "/api/v1/articles?limit=2&page=3")
    assert [a["slug"] for a in last["results"]] == ["day-0"]
    assert last["has_next"] is False
    beyond = get_json(client, "/api/v1/articles?limit=2&page=40")
    assert (beyond["results"], beyond["has_next"]) == ([], False)


@pytest.mark.parametrize(
    ("status", "published_at"),
    [
        (ArticleStatus.DRAFT, None),
        (ArticleStatus.PUBLISHED, timezone.now() + datetime.timedelta(days=1)),
    ],
)
def test_drafts_and_scheduled_articles_are_not_listed_nor_served(
    client: Client, status: str, published_at: datetime.datetime | None
) -> None:
    make_article("public", published_at=day(0), tags=("film",))
    make_article("secret", status=status, published_at=published_at, tags=("film",))
    listed = get_json(client, "/api/v1/articles?tag=film")["results"]
    assert [a["slug"] for a in listed] == ["public"]
    message = "No published article with slug 'secret'."
    for path in ("", "/similar", "/watch-now"):
        assert get_json(client, f"/api/v1/articles/secret{path}", 404) == error(
            "not_found", message
        )


def test_filters_by_tag_person_and_title(client: Client, small_kb: object) -> None:
    festival = make_article("festival", published_at=day(3), tags=("festivals",))
    link(festival, person="kim-go-eun")
    link(festival, title="love-in-the-big-city-film")
    goblin = make_article("goblin", published_at=day(2), tags=("series",))
    link(goblin, person="kim-go-eun")
    link(goblin, title="goblin")
    roommates = make_article("roommates", published_at=day(1), tags=("festivals",))
    link(roommates, character="Jang Heung-soo")  # a character counts for its title
    rejected = make_article("rejected", published_at=day(0), tags=("festivals",))
    link(rejected, person="kim-go-eun", state=EntityState.REJECTED)

    def slugs(query: str) -> list[str]:
        return [a["slug"] for a in get_json(client, f"/api/v1/articles?{query}")["results"]]

    assert slugs("tag=festivals") == ["festival", "roommates", "rejected"]
    assert slugs("person=kim-go-eun") == ["festival", "goblin"]
    assert slugs("title=love-in-the-big-city-film") == ["festival", "roommates"]
    assert slugs("tag=festivals&person=kim-go-eun") == ["festival"]
    assert slugs("tag=series&title=love-in-the-big-city-film") == []
    assert slugs("tag=&person=") == ["festival", "goblin", "roommates", "rejected"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("tag=nothing", "No tag with id 'nothing'."),
        ("person=nobody", "No person with id 'nobody'."),
        ("title=nothing", "No title with id 'nothing'."),
    ],
)
def test_unknown_filter_is_404(client: Client, small_kb: object, query: str, message: str) -> None:
    assert get_json(client, f"/api/v1/articles?{query}", 404) == error("not_found", message)


def test_a_tag_only_drafts_carry_is_unknown(client: Client, small_kb: object) -> None:
    make_article("embargoed", status=ArticleStatus.DRAFT, tags=("Casting news",))
    assert get_json(client, "/api/v1/articles?tag=casting-news", 404) == error(
        "not_found", "No tag with id 'casting-news'."
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=0", "page: Input should be greater than or equal to 1"),
        ("page=x", "page: Input should be a valid integer, unable to parse string as an integer"),
        ("limit=101", "limit: Input should be less than or equal to 100"),
        (
            "page=10001&limit=0",
            "page: Input should be less than or equal to 10000; limit: Input should be greater than or equal to 1",
        ),
    ],
)
def test_bad_paging_is_422(client: Client, query: str, message: str) -> None:
    assert get_json(client, f"/api/v1/articles?{query}", 422) == error("invalid_request", message)


def test_list_queries_are_bounded(
    client: Client, small_kb: object, django_assert_num_queries: Any
) -> None:
    for n in range(30):
        article = make_article(f"a{n}", published_at=day(n), tags=("film", f"t{n}"))
        link(article, person="kim-go-eun")
        link(article, title="goblin")
    with django_assert_num_queries(2):  # the page (one row more) and its tags
        assert len(get_json(client, "/api/v1/articles?limit=25")["results"]) == 25
    with django_assert_num_queries(5):  # plus one look-up per filter
        answer = get_json(client, "/api/v1/articles?tag=film&person=kim-go-eun&title=goblin")
        assert len(answer["results"]) == 20


# One article ----------------------------------------------------------------------------------


def test_detail_fields(client: Client, review: Article) -> None:
    body_html = Article.objects.get(slug="lbc-review").body_html
    assert "<h3>The film</h3>" in body_html and "<em>superb</em>" in body_html
    assert get_json(client, "/api/v1/articles/lbc-review") == {
        "slug": "lbc-review",
        "title": "Review: Love in the Big City",
        "dek": "A warm, funny film.",
        "author": "Staff writer",
        "published_at": "2024-10-01T09:00:00Z",
        "url": "/articles/lbc-review/",
        "tags": TAGS,
        "image": None,
        "body_html": body_html,
        "trailer": {
            "url": "https://youtu.be/abcdefghijk",
            "embed_url": "https://www.youtube-nocookie.com/embed/abcdefghijk",
        },
        "sources": [
            {"name": "TIFF", "url": "https://www.tiff.net/"},
            {"name": "Press kit", "url": ""},
        ],
        # In order of first mention; the rejected and the unsure links are left out.
        "entities": [
            {"type": "title", "id": "love-in-the-big-city-film", "name": "Love in the Big City",
             "url": "/titles/love-in-the-big-city-film/", "title": None},
            {"type": "person", "id": "kim-go-eun", "name": "Kim Go-eun",
             "url": "/people/kim-go-eun/", "title": None},
            {"type": "character", "id": None, "name": "Goo Jae-hee",
             "url": "/titles/love-in-the-big-city-film/", "title": FILM},
        ],
        "corrections": [],
        "updated_at": None,
    }  # fmt: skip


def test_detail_without_trailer_sources_or_entities(client: Client) -> None:
    make_article("plain", published_at=day(0), trailer_url="https://vimeo.com/12345")
    article = get_json(client, "/api/v1/articles/plain")
    assert article["trailer"] == {"url": "https://vimeo.com/12345", "embed_url": None}
    assert (article["sources"], article["entities"], article["tags"]) == ([], [], [])
    make_article("bare", published_at=day(0))
    assert get_json(client, "/api/v1/articles/bare")["trailer"] is None


def test_unknown_article_is_404(client: Client) -> None:
    assert get_json(client, "/api/v1/articles/nothing-here", 404) == error(
        "not_found", "No published article with slug 'nothing-here'."
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/v1/articles/a%00b", r"No published article with slug 'a\x00b'."),
        ("/api/v1/articles/Not%20A%20Slug/similar", "No published article with slug 'Not A Slug'."),
        ("/api/v1/articles?tag=%00", r"No tag with id '\x00'."),
        ("/api/v1/articles?person=Kim%20Go-eun", "No person with id 'Kim Go-eun'."),
    ],
)
def test_slugs_that_cannot_exist_are_404_without_a_query(
    client: Client, django_assert_num_queries: Any, path: str, message: str
) -> None:
    with django_assert_num_queries(0):
        assert get_json(client, path, 404) == error("not_found", message)


def test_detail_queries_are_bounded(
    client: Client, small_kb: object, django_assert_num_queries: Any
) -> None:
    def article_with(count: int) -> str:
        article = make_article(
            f"many-{count}",
            tags=tuple(f"tag{i}" for i in range(count)),
            sources=tuple(SourceInput(f"S{i}") for i in range(count)),
        )
        for person in Person.objects.all()[:count]:
            ArticleEntity.objects.create(article=article, person=person)
        link(article, character="Goo Jae-hee")
        return f"/api/v1/articles/many-{count}"

    small, large = article_with(1), article_with(4)
    for url in (small, large):
        with django_assert_num_queries(4):  # article, sources, tags, entities
            get_json(client, url)


# Similar Articles ----------------------------------------------------------------------------


@pytest.fixture
def related(small_kb: object) -> list[Article]:
    """Three stories about the film (stored Similar Articles computed), and a draft about it."""
    articles = [
        make_article(
            f"lbc-{n}",
            title=f"Love in the Big City at Toronto, part {n}",
            body="Kim Go-eun and Noh Sang-hyun at the TIFF premiere of Love in the Big City.",
            published_at=day(n),
            tags=("film",),
        )
        for n in range(3)
    ]
    draft = make_article(
        "lbc-draft", title="Love in the Big City draft", status=ArticleStatus.DRAFT
    )
    for article in [*articles, draft]:
        link(article, title="love-in-the-big-city-film")
        link(article, person="kim-go-eun")
    refresh(*articles)
    return articles


def test_similar_is_what_the_command_prints(client: Client, related: list[Article]) -> None:
    for k in (1, 4, 8):
        out = StringIO()
        call_command("similar", "lbc-0", "--json", "-k", str(k), stdout=out)
        expected = json.loads(out.getvalue())
        assert get_json(client, f"/api/v1/articles/lbc-0/similar?k={k}") == expected
    answer = get_json(client, "/api/v1/articles/lbc-0/similar")
    assert [item["slug"] for item in answer["similar"]] == ["lbc-1", "lbc-2"]
    assert set(answer["similar"][0]) == {"slug", "title", "score"}
    assert answer["similar"][0]["title"] == "Love in the Big City at Toronto, part 1"
    assert 0 < answer["similar"][1]["score"] < answer["similar"][0]["score"] <= 1


def test_similar_leaves_out_articles_unpublished_since(
    client: Client, related: list[Article]
) -> None:
    Article.objects.filter(slug="lbc-1").update(status=ArticleStatus.DRAFT)
    answer = get_json(client, "/api/v1/articles/lbc-0/similar")
    assert [item["slug"] for item in answer["similar"]] == ["lbc-2"]


@pytest.mark.parametrize(
    ("k", "message"),
    [("0", "k: Input should be greater than or equal to 1"),
     ("9", "k: Input should be less than or equal to 8")],
)  # fmt: skip
def test_similar_k_is_checked(client: Client, related: list[Article], k: str, message: str) -> None:
    assert get_json(client, f"/api/v1/articles/lbc-0/similar?k={k}", 422) == error(
        "invalid_request", message
    )


def test_similar_queries_are_bounded(
    client: Client, related: list[Article], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):  # the article, its stored list
        assert len(get_json(client, "/api/v1/articles/lbc-0/similar?k=8")["similar"]) == 2


# Watch Now ------------------------------------------------------------------------------------


VIKI_US = {
    "platform": "Viki",
    "type": "subscription",
    "label": "Subscription",
    "subtitles": [{"code": "en", "name": "English"}, {"code": "es", "name": "Spanish"}],
    "url": "https://www.viki.com/?utm_source=marquee&utm_medium=watch_now&utm_content=lbc-review",
}


NORTH_AMERICA = [{"code": "CA", "name": "Canada"}, {"code": "US", "name": "United States"}]


def test_watch_now_in_a_region(client: Client, review: Article) -> None:
    assert get_json(client, "/api/v1/articles/lbc-review/watch-now?region=us") == {
        "article": "lbc-review",
        "region": "US",
        "region_name": "United States",
        "language": "en",
        "mentioned": [
            {"title": FILM, "person": None, "role": None, "offers": [VIKI_US], "available_in": []}
        ],
        "also": [],  # Goblin is not offered in the US
        "elsewhere": [],
    }


def test_watch_now_other_works_of_people_mentioned(client: Client, review: Article) -> None:
    assert get_json(client, "/api/v1/articles/lbc-review/watch-now?region=JP&language=ja") == {
        "article": "lbc-review",
        "region": "JP",
        "region_name": "Japan",
        "language": "ja",
        # The film the review is about stays, with where it is offered instead.
        "mentioned": [
            {"title": FILM, "person": None, "role": None, "offers": [], "available_in": NORTH_AMERICA}
        ],
        "also": [
            {
                "title": {"id": "goblin", "name": "Guardian: The Lonely and Great God",
                          "kind": "series", "year": 2016, "url": "/titles/goblin/"},
                "person": {"id": "kim-go-eun", "name": "Kim Go-eun", "url": "/people/kim-go-eun/"},
                "role": "actor",
                # No offer page and no platform search: no link (never Netflix's home page).
                "offers": [
                    {"platform": "Netflix", "type": "subscription", "label": "Subscription",
                     "subtitles": [{"code": "ja", "name": "Japanese"}], "url": ""},
                ],
                "available_in": [],
            }
        ],
        "elsewhere": [{"title": FILM, "regions": NORTH_AMERICA}],
    }  # fmt: skip


def test_watch_now_names_other_regions_when_nothing_is_offered(
    client: Client, review: Article
) -> None:
    answer = get_json(client, "/api/v1/articles/lbc-review/watch-now?region=GB")
    assert answer["mentioned"] == [
        {"title": FILM, "person": None, "role": None, "offers": [], "available_in": NORTH_AMERICA}
    ]
    assert answer["also"] == []
    assert answer["elsewhere"] == [{"title": FILM, "regions": NORTH_AMERICA}]


def test_watch_now_defaults_to_the_readers_language_and_region(
    client: Client, review: Article
) -> None:
    response = client.get(
        "/api/v1/articles/lbc-review/watch-now", HTTP_ACCEPT_LANGUAGE="es-CA,en;q=0.5"
    )
    answer = response.json()
    assert (answer["region"], answer["language"]) == ("CA", "es")
    subtitles = answer["mentioned"][0]["offers"][0]["subtitles"]
    assert [language["code"] for language in subtitles] == ["es", "en"]
    assert response["Vary"] == "Accept-Language, Cookie"


def test_watch_now_of_an_article_without_offers_is_empty(client: Client, small_kb: object) -> None:
    article = make_article("novel-news")
    link(article, title="love-in-the-big-city-novel")
    answer = get_json(client, "/api/v1/articles/novel-news/watch-now?region=US")
    assert (answer["mentioned"], answer["also"], answer["elsewhere"]) == ([], [], [])


@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        ("region=XX", "bad_region", "region must be an ISO 3166-1 alpha-2 code such as US or KR."),
        ("region=USA", "bad_region", "region must be an ISO 3166-1 alpha-2 code such as US or KR."),
        ("region=", "bad_region", "region must be an ISO 3166-1 alpha-2 code such as US or KR."),
        (
            "region=US&language=klingon",
            "bad_language",
            "language must be an ISO 639-1 code such as en or es.",
        ),
    ],
)
def test_watch_now_bad_region_or_language_is_400(
    client: Client, review: Article, query: str, code: str, message: str
) -> None:
    assert get_json(client, f"/api/v1/articles/lbc-review/watch-now?{query}", 400) == error(
        code, message
    )


def test_watch_now_queries_are_bounded(
    client: Client, review: Article, django_assert_num_queries: Any
) -> None:
    # The article (4, as its page), the people's other works, the offers.
    with django_assert_num_queries(6):
        get_json(client, "/api/v1/articles/lbc-review/watch-now?region=JP")
    kb_import(
        document=parse_document(
            {
                "format": "marquee-kb/1",
                "people": [{"id": f"actor-{n}", "name": f"Actor {n}"} for n in range(10)],
                "credits": [
                    {"person": f"actor-{n}", "title": "goblin", "role": "actor"} for n in range(10)
                ],
            }
        )
    )
    for n in range(10):
        link(review, person=f"actor-{n}")
    with django_assert_num_queries(6):
        get_json(client, "/api/v1/articles/lbc-review/watch-now?region=JP")


def test_the_lead_image_with_its_rendition_addresses(client: Client, review: Article) -> None:
    from marquee.media.services import image_add
    from marquee.newsroom.services import article_image_set
    from tests.media.pictures import halves

    image = image_add(data=halves(), alt="The two leads", credit="Plus M", caption="At TIFF")
    article_image_set(review, image)
    base = f"/media/renditions/{image.pk}/{image.version}"
    expected = {
        "alt": "The two leads",
        "credit": "Plus M",
        "caption": "At TIFF",
        "url": f"{base}/lead-960.jpg",
        "thumbnail_url": f"{base}/card-480.jpg",
        "share_url": f"{base}/share-1200.jpg",
    }
    assert get_json(client, "/api/v1/articles")["results"][0]["image"] == expected
    assert get_json(client, "/api/v1/articles/lbc-review")["image"] == expected
    assert client.get(expected["thumbnail_url"]).status_code == 200
