"""Home page, the site icon, the web app manifest and liveness."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from marquee.discovery.selectors import followed_articles
from marquee.discovery.selectors.trending import home_trending
from marquee.web.pagecache import page_seconds, shared_page
from marquee.web.selectors import SECONDARY_ON_HOME, home_articles, home_sections

THEME_COLOUR = "#1d1a1f"
BACKGROUND_COLOUR = "#fbf8f3"


@shared_page(page_seconds)
def home(request: HttpRequest) -> HttpResponse:
    """Page 1: the latest story as the lead, the next ``SECONDARY_ON_HOME`` beside it, the
    trending box, the sections, "From what you follow", then the rest of the page's latest
    stories. Later pages: the latest stories only."""
    paginator = Paginator(home_articles(), settings.MARQUEE_ARTICLES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    stories = list(page.object_list)
    if page.number != 1:
        return render(request, "web/home.html", {"page": page, "latest": stories})
    top = stories[: 1 + SECONDARY_ON_HOME]
    return render(
        request,
        "web/home.html",
        {
            "page": page,
            "lead": top[0] if top else None,
            "secondary": top[1:],
            "latest": stories[len(top) :],
            "trending": home_trending(),
            "kind_sections": home_sections(exclude=[article.pk for article in top]),
            "following": followed_articles(request.user),
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


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def manifest(request: HttpRequest) -> JsonResponse:
    """``/manifest.webmanifest``: the site's name, colours and icons for "Add to home screen";
    no database query."""
    icons = [
        {"src": static(f"web/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    return JsonResponse(
        {
            "name": settings.MARQUEE_SITE_NAME,
            "short_name": settings.MARQUEE_SITE_NAME[:12],
            "description": f"{settings.MARQUEE_SITE_NAME}: Korean film, TV and books, "
            "and where to watch them.",
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": icons,
        },
        content_type="application/manifest+json",
    )
