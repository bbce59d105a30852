"""The page cache: anonymous readers' pages stored once and served to every anonymous reader.

A view opts in with :func:`shared_page`. For an anonymous reader its response says
``Cache-Control: public, max-age=0, s-maxage=N`` so that nginx or a CDN may hold it for N
seconds, and ``PageCacheMiddleware`` (``pagecache_middleware.py``) keeps it in Django's
``pages`` cache for as long; a logged-in reader's copy says ``private`` and is never stored.
A stored page is valid while the version tokens it was built under are current: the site-wide
one, which the actions replace after any change that can show on many pages
(:func:`pages_changed`), and, for an article page, the article's own, replaced when its
comments change (:func:`article_page_changed`). The tokens live where every process sees them
(Redis, else files under ``MARQUEE_VAR_DIR``), so a change committed by one process or a worker
reaches the pages every other process holds. See docs/caching.md.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers

SITE_TOKEN = "site"
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "Vary",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Content-Type-Options",
)
# What a page differs by besides its address: the reader's region and language (Watch Now),
# and whether a session or a one-off message travels with the request (then it is not shared).
VARY = ("Cookie", "Accept-Language")

P = ParamSpec("P")
T = TypeVar("T")
View = Callable[Concatenate[HttpRequest, P], HttpResponseBase]


def article_token(article_id: int) -> str:
    return f"article:{article_id}"


@dataclass
class StoredPage:
    content: bytes
    headers: list[tuple[str, str]]
    tokens: dict[str, str]
    counts_view_of: str = ""
    etag: str = field(init=False)

    def __post_init__(self) -> None:
        self.etag = '"' + hashlib.blake2b(self.content, digest_size=16).hexdigest() + '"'

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response[name] = value
        response["ETag"] = self.etag
        response["X-Page-Cache"] = "hit"
        return response


def page_store() -> BaseCache:
    return caches["pages"]


def fragment_store() -> BaseCache:
    """Where fragments and values keyed by their version live: each process's memory. Their
    keys say everything their content depends on (a version token, a reader, counts), so a
    process never serves a stale one and nothing needs to reach other processes."""
    return caches["fragments"]


def version_store() -> BaseCache:
    return caches["page-versions"]


def current_tokens(names: list[str]) -> dict[str, str]:
    """The version token of each name; a name without one gets a new token (a first visit, or
    a token the cache evicted: pages stored under the old one are then stale, never wrong)."""
    tokens: dict[str, str] = version_store().get_many(names)
    missing = {name: secrets.token_hex(8) for name in names if name not in tokens}
    if missing:
        version_store().set_many(missing, timeout=None)
        tokens.update(missing)
    return tokens


def _replace_tokens(names: list[str]) -> None:
    version_store().set_many({name: secrets.token_hex(8) for name in names}, timeout=None)


def pages_changed() -> None:
    """After this transaction commits, every stored page is stale (published articles, the
    knowledge base or a page's lists changed). Called by the actions, not by views."""
    transaction.on_commit(lambda: _replace_tokens([SITE_TOKEN]))


def article_page_changed(article_id: int) -> None:
    """After this transaction commits, the article's stored page is stale (its comments or
    discussion changed); other pages keep theirs."""
    transaction.on_commit(lambda: _replace_tokens([article_token(article_id)]))


def page_depends_on(request: HttpRequest, *names: str) -> None:
    """Mark the page being built for sharing as stale when any of these tokens is replaced.

    Call it before reading what the tokens guard: their values are read now, so a change that
    commits while the page renders leaves it stale rather than stored as current."""
    tokens: dict[str, str] | None = getattr(request, "_page_tokens", None)
    if tokens is not None:  # only a page the middleware will store (an anonymous miss)
        tokens.update(current_tokens(list(names)))


def shared_page(
    seconds: Callable[[], int], *, same_for_everyone: bool = False
) -> Callable[[View[P]], View[P]]:
    """Let shared caches hold the view's pages for anonymous readers for ``seconds()``;
    a logged-in reader's page is private (it carries their name, badges and form tokens).
    A page ``same_for_everyone`` (a feed, a sitemap: no header, no region) is public for all."""

    def decorator(view: View[P]) -> View[P]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            if not same_for_everyone:
                patch_vary_headers(response, VARY)
            if not same_for_everyone and request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=0, s_maxage=seconds())
            return response

        return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature

    return decorator


@dataclass(frozen=True)
class Fragments:
    """What a page's cached fragments are keyed on (``{% cache %}`` in its template): the
    site-wide token, so any change that makes stored pages stale makes them stale too, and the
    address they were built for (absolute links, the region picker's way back)."""

    token: str
    version: str
    seconds: int

    def remember(self, name: str, build: Callable[[], T]) -> T:
        """``build()``, or its value kept since the last site-wide change."""
        if not self.seconds:
            return build()
        key = f"value:{name}:{self.token}"
        value: T | None = fragment_store().get(key)
        if value is None:
            value = build()
            fragment_store().set(key, value, self.seconds)
        return value


def page_fragments(request: HttpRequest) -> Fragments:
    """The fragments key of this request's page; fragments are off with the page cache."""
    if not settings.MARQUEE_PAGE_CACHE:
        return Fragments(token="", version="", seconds=0)
    token = current_tokens([SITE_TOKEN])[SITE_TOKEN]
    scheme = "https" if request.is_secure() else "http"
    return Fragments(
        token=token,
        version=f"{token}|{scheme}://{request.get_host()}{request.get_full_path()}",
        seconds=page_seconds(),
    )


def article_seconds() -> int:
    return int(settings.MARQUEE_PAGE_CACHE_ARTICLE_SECONDS)


def page_seconds() -> int:
    return int(settings.MARQUEE_PAGE_CACHE_SECONDS)
