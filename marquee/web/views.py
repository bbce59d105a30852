"""Home page, the site icon and liveness."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from marquee.discovery.selectors import followed_articles, trending_articles
from marquee.newsroom.selectors import article_list
from marquee.web.pagecache import page_seconds, shared_page


@shared_page(page_seconds)
def home(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(article_list(), settings.MARQUEE_ARTICLES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    first = page.number == 1
    return render(
        request,
        "web/home.html",
        {
            "page": page,
            "trending": trending_articles() if first else [],
            "following": followed_articles(request.user) if first else [],
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers and the database takes a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    return JsonResponse({"status": "ok"})


@cache
def _favicon() -> bytes:
    return (Path(__file__).resolve().parent / "static" / "web" / "favicon.ico").read_bytes()


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, asked for by browsers and feed readers whatever a page's
    ``<link rel="icon">`` says: the site's icon, no database query."""
    return HttpResponse(_favicon(), content_type="image/x-icon")
