"""Public newsroom pages: article and tag."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from marquee.newsroom import selectors
from marquee.newsroom.models import Article, Tag
from marquee.newsroom.rendering import trailer_for


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        article = selectors.article_detail(slug)
    except Article.DoesNotExist:
        raise Http404("No published article with this address.") from None
    return render(
        request,
        "newsroom/article_detail.html",
        {"article": article, "trailer": trailer_for(article.trailer_url)},
    )


def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    paginator = Paginator(selectors.articles_for_tag(tag), settings.MARQUEE_ARTICLES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "newsroom/tag_detail.html", {"tag": tag, "page": page})
