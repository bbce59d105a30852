"""Serving anonymous readers' pages from the page cache (see ``marquee.web.pagecache``)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from marquee.discovery.middleware import ARTICLE_VIEW
from marquee.discovery.selectors import reader_locale
from marquee.discovery.services import article_view_record
from marquee.web import pagecache

logger = logging.getLogger(__name__)


def _page_key(request: HttpRequest) -> str:
    locale = reader_locale(request)
    parts = (
        "https" if request.is_secure() else "http",
        request.get_host(),
        request.get_full_path(),
        locale.region,
        locale.language,
        str(locale.picked),
    )
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
    return f"page:{digest}"


def _shareable_request(request: HttpRequest) -> bool:
    """A GET or HEAD without a session, a pending message or credentials: an anonymous
    reader whose page is the same as every other's in their region and language."""
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "Authorization" not in request.headers
    )


class PageCacheMiddleware:
    """Serves stored pages to anonymous readers and stores the shareable pages views build.

    Sits above the session, CSRF, authentication and messages middleware, so that a stored page
    costs none of them; it stores what those left in the response (their headers), and only a
    response without cookies whose ``Cache-Control`` says ``public``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not settings.MARQUEE_PAGE_CACHE or not _shareable_request(request):
            return self.get_response(request)
        key = _page_key(request)
        stored = self._fresh(key)
        if stored is not None:
            if stored.counts_view_of:
                # A visit served from here still counts towards Trending, as a rendered one does
                # in ArticleViewMiddleware.
                article_view_record(slug=stored.counts_view_of)
            return stored.response()
        # The versions the page is built under, read before it is: a change committing while
        # it renders then makes it stale instead of passing for current.
        request._page_tokens = pagecache.current_tokens([pagecache.SITE_TOKEN])  # type: ignore[attr-defined]  # our own mark
        response = self.get_response(request)
        self._store(key, request, response)
        return response

    def _fresh(self, key: str) -> pagecache.StoredPage | None:
        stored = pagecache.page_store().get(key)
        if not isinstance(stored, pagecache.StoredPage):
            return None
        if pagecache.version_store().get_many(list(stored.tokens)) != stored.tokens:
            return None
        return stored

    def _store(self, key: str, request: HttpRequest, response: HttpResponseBase) -> None:
        cache_control = response.get("Cache-Control", "")
        if (
            response.status_code != 200
            or "public" not in cache_control
            or not isinstance(response, HttpResponse)
        ):
            return
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # A page for everyone must not carry one reader's cookie or form token: serve this
            # one privately and say which page is at fault.
            logger.warning("Not sharing %s: it sets a cookie or uses a CSRF token", request.path)
            response["Cache-Control"] = "private, no-cache"
            return
        stored = pagecache.StoredPage(
            content=response.content,
            headers=[
                (name, response[name]) for name in pagecache.STORED_HEADERS if name in response
            ],
            tokens=request._page_tokens,  # type: ignore[attr-defined]  # set in __call__
            counts_view_of=_article_slug(request),
        )
        pagecache.page_store().set(key, stored, timeout=_seconds_of(cache_control))
        response["ETag"] = stored.etag
        response["X-Page-Cache"] = "miss"


def _article_slug(request: HttpRequest) -> str:
    match = request.resolver_match
    if match is not None and match.view_name == ARTICLE_VIEW:
        return str(match.kwargs["slug"])
    return ""


def _seconds_of(cache_control: str) -> int:
    for directive in cache_control.split(","):
        name, _, value = directive.strip().partition("=")
        if name == "s-maxage" and value.isdigit():
            return int(value)
    return 0
