"""Public newsroom pages: article and tag."""

from __future__ import annotations

from functools import cache, partial

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from marquee.community import selectors as community
from marquee.discovery import metadata
from marquee.discovery import selectors as discovery
from marquee.newsroom import selectors
from marquee.newsroom.models import Article, Tag
from marquee.newsroom.rendering import trailer_for
from marquee.web.pagecache import (
    article_seconds,
    article_token,
    page_depends_on,
    page_fragments,
    page_seconds,
    shared_page,
)


@shared_page(article_seconds)
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The article with its sharing metadata, Watch Now, Similar Articles, reactions and
    comments. What is the same for every reader in a region (the head, the story, Watch Now,
    Similar Articles) comes from cached fragments, built from ``detail`` only when missing; the
    reactions and comments are the reader's own (see ``tests/newsroom/test_views.py``)."""
    fragments = page_fragments(request)
    detail = cache(partial(selectors.article_detail, slug))
    try:
        # Kept until the next site-wide change: unpublishing is one. A missing article is
        # not kept (a scheduled one may appear any minute). Without fragments, all at once.
        article = (
            fragments.remember(f"article:{slug}", partial(selectors.article_published, slug))
            if fragments.seconds
            else detail()
        )
    except Article.DoesNotExist:
        raise Http404("No published article with this address.") from None
    page_depends_on(request, article_token(article.pk))
    locale = discovery.reader_locale(request)
    return render(
        request,
        "newsroom/article_detail.html",
        {
            "article": article,
            "detail": SimpleLazyObject(detail),
            "fragments": fragments,
            "locale": locale,
            "trailer": trailer_for(article.trailer_url),
            "meta": SimpleLazyObject(lambda: metadata.article_metadata(request, detail())),
            "discovery": SimpleLazyObject(
                lambda: discovery.article_discovery(detail(), locale=locale)
            ),
            "engagement": community.article_engagement(
                article=article,
                user=request.user,
                comment_sort=request.GET.get("comment_sort", ""),
                comment_page_number=request.GET.get("comment_page", 1),
            ),
        },
    )


@shared_page(page_seconds)
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A public tag's articles, or a section's (see ``selectors.public_tag``); a tag that only
    drafts carry is a 404 that does not name it."""
    try:
        tag = selectors.public_tag(slug)
    except Tag.DoesNotExist:
        raise Http404("No tag with this address.") from None
    paginator = Paginator(selectors.articles_for_tag(tag), settings.MARQUEE_ARTICLES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "newsroom/tag_detail.html", {"tag": tag, "page": page})
