"""Articles: the latest list, one article, its Similar Articles and its Watch Now offers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from ninja import P, QueryEx, Router

from marquee.api.errors import ApiError, not_found, require_slug
from marquee.api.schemas import (
    ArticleOut,
    ArticlePage,
    ArticleSummary,
    ErrorOut,
    SimilarItem,
    SimilarOut,
    WatchNowOut,
)
from marquee.catalog.codes import LANGUAGE_CODES
from marquee.catalog.models import Person, Title
from marquee.discovery import selectors as discovery
from marquee.discovery.regions import clean_region
from marquee.newsroom import selectors as newsroom
from marquee.newsroom.models import Article, Tag

router = Router(tags=["articles"])

ARTICLES_PER_PAGE = 20
MAX_ARTICLES_PER_PAGE = 100
MAX_PAGE = 10_000
SIMILAR_DEFAULT = 4
SIMILAR_MAX = 8  # lists are stored with 8 entries (and `marquee similar -k` allows 1-8)
NO_ARTICLE = "No published article with slug {slug!r}."
Entity = TypeVar("Entity", Tag, Person, Title)


def _by_slug(model: type[Entity], slug: str, noun: str) -> Entity:
    message = f"No {noun} with id {slug!r}."
    try:
        return model.objects.get(slug=require_slug(slug, message))
    except model.DoesNotExist:
        raise not_found(message) from None


def _public_tag(slug: str) -> Tag:
    """A tag that public articles carry (or a site section); a tag only drafts carry is as
    unknown as a missing one."""
    message = f"No tag with id {slug!r}."
    try:
        return newsroom.public_tag(require_slug(slug, message))
    except Tag.DoesNotExist:
        raise not_found(message) from None


def _published(slug: str, *, load: Callable[[str], Article]) -> Article:
    """The published article ``slug`` as ``load`` reads it, or a 404."""
    message = NO_ARTICLE.format(slug=slug)
    try:
        return load(require_slug(slug, message))
    except Article.DoesNotExist:
        raise not_found(message) from None


@router.get(
    "/articles",
    response={200: ArticlePage, 404: ErrorOut, 422: ErrorOut},
    operation_id="article_list",
    summary="Latest published articles",
)
def article_list(
    request: HttpRequest,
    page: QueryEx[int, P(ge=1, le=MAX_PAGE, description="Page number, from 1.")] = 1,
    limit: QueryEx[
        int, P(ge=1, le=MAX_ARTICLES_PER_PAGE, description="Articles per page.")
    ] = ARTICLES_PER_PAGE,
    tag: QueryEx[str | None, P(description="Only articles with this tag (its slug).")] = None,
    person: QueryEx[str | None, P(description="Only articles about this person (id).")] = None,
    title: QueryEx[
        str | None, P(description="Only articles about this title or its characters (id).")
    ] = None,
) -> ArticlePage:
    """Newest first. An unknown `tag`, `person` or `title` is a 404; an empty one is ignored."""
    articles = newsroom.articles_filtered(
        tag=_public_tag(tag) if tag else None,
        person=_by_slug(Person, person, "person") if person else None,
        title=_by_slug(Title, title, "title") if title else None,
    )
    start = (page - 1) * limit
    # One row more than the page tells whether another page follows, without a COUNT.
    rows = list(articles[start : start + limit + 1])
    return ArticlePage(
        page=page,
        limit=limit,
        has_next=len(rows) > limit,
        results=[ArticleSummary.of(article) for article in rows[:limit]],
    )


@router.get(
    "/articles/{slug}",
    response={200: ArticleOut, 404: ErrorOut},
    operation_id="article_detail",
    summary="One published article",
)
def article_detail(request: HttpRequest, slug: str) -> ArticleOut:
    """The article with its rendered body, sources, tags and the entities its page shows."""
    return ArticleOut.of(_published(slug, load=newsroom.article_detail))


@router.get(
    "/articles/{slug}/similar",
    response={200: SimilarOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="article_similar",
    summary="Similar Articles of a published article",
)
def article_similar(
    request: HttpRequest,
    slug: str,
    k: QueryEx[int, P(ge=1, le=SIMILAR_MAX, description="How many, best first.")] = SIMILAR_DEFAULT,
) -> SimilarOut:
    """The same data as `marquee similar SLUG --json`."""
    article = _published(slug, load=newsroom.published_article)
    rows = discovery.similar_articles(article, limit=k)
    return SimilarOut(
        article=article.slug,
        similar=[
            SimilarItem(slug=row.similar.slug, title=row.similar.title, score=round(row.score, 4))
            for row in rows
        ],
    )


@router.get(
    "/articles/{slug}/watch-now",
    response={200: WatchNowOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="article_watch_now",
    summary="Where to watch what a published article mentions",
)
def article_watch_now(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    region: QueryEx[
        str | None,
        P(
            description="ISO 3166-1 alpha-2 code; default: the reader's pick (marquee_region "
            "cookie), else the region of Accept-Language, else MARQUEE_DEFAULT_REGION."
        ),
    ] = None,
    language: QueryEx[
        str | None,
        P(description="ISO 639-1 code listed first among subtitles; default: Accept-Language."),
    ] = None,
) -> WatchNowOut:
    """The offers of the article page's Watch Now box: the titles it mentions and other works
    of the people it mentions, in the region; where they are available when nothing is."""
    locale = discovery.reader_locale(request)
    if region is not None:
        region = clean_region(region)
        if region is None:
            raise ApiError(
                400, "bad_region", "region must be an ISO 3166-1 alpha-2 code such as US or KR."
            )
    if language is not None:
        language = language.strip().lower()
        if language not in LANGUAGE_CODES:
            raise ApiError(
                400, "bad_language", "language must be an ISO 639-1 code such as en or es."
            )
    # Defaults come from the request, as on the page: caches must key on what they read.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    region = region or locale.region
    language = language or locale.language
    article = _published(slug, load=newsroom.article_detail)
    box = discovery.watch_now_for_article(article, region=region, language=language)
    return WatchNowOut.of(box, article=article, region=region, language=language)
